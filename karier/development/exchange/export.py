"""Writing the history in SIASN's layouts: one workbook with a sheet per layout (`kursus`, `diklat`),
or one CSV per layout. The first row is the layout's column names exactly (the brief's field names,
after `nip`), so the file goes back into SIASN or into Karier's import unchanged.

Dates stay d-m-Y text, as SIASN's layout writes them; jumlahJam and the year are numeric cells with
the Indonesian number format (`karier.core.excel`); text goes through the formula-injection guard.
In CSV, jumlahJam is written the Indonesian way (`angka`: "2,5"), which the import reads back.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

from karier.core.excel import Tahun, append_row, safe_row, safe_text
from karier.core.numbers import angka
from karier.development.exchange.history import DIKLAT, KOLOM, KURSUS, Riwayat

CSV = "text/csv; charset=utf-8"


def workbook(rows: dict[str, list[Riwayat]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)  # rows through karier.core.excel
    for layout in (KURSUS, DIKLAT):
        ws = wb.create_sheet(layout)
        ws.append(safe_row(KOLOM[layout]))
        year_at = KOLOM[layout].index("tahunKursus" if layout == KURSUS else "tahun")
        for r in rows[layout]:
            values = r.values()
            values[year_at] = Tahun(values[year_at])
            append_row(ws, values)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_text(rows: Iterable[Riwayat], layout: str) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(KOLOM[layout])
    for r in rows:
        out = []
        for v in r.values():
            if isinstance(v, Decimal):
                out.append(angka(v))
            elif isinstance(v, str):
                out.append(safe_text(v))
            else:
                out.append(str(v))
        writer.writerow(out)
    return buf.getvalue()
