"""Reading a file of past predikat (Excel .xlsx or CSV) and the template to fill in.

Columns (first row, any order, case-insensitive; spaces or underscores): NIP, tahun, predikat,
rating hasil kerja, rating perilaku, jumlah bulan, angka kredit, keterangan. NIPs are text: a NIP
typed as a number in Excel loses its last digits (18 digits exceed a spreadsheet number's 15), so
such a cell is reported rather than guessed; a leading apostrophe (Excel's "as text") is dropped.
Numbers are read the Indonesian way ("12,5") with `karier.core.numbers.baca_angka`.
"""

from __future__ import annotations

import io
from typing import Any

from karier.development import table_file
from karier.development.table_file import Baris

KOLOM = (
    "nip",
    "tahun",
    "predikat",
    "rating_hasil_kerja",
    "rating_perilaku",
    "jumlah_bulan",
    "angka_kredit",
    "keterangan",
)
WAJIB = ("nip", "tahun", "predikat")
CONTOH = ("199001012015031001", 2023, "Baik", "Sesuai Ekspektasi", "Sesuai Ekspektasi", 12, "12,5", "PAK 2023")


def read_rows(uploaded_file: Any) -> list[Baris]:
    """The file's data rows, numbered as the reader sees them in a spreadsheet (header = row 1)."""
    return table_file.read_rows(uploaded_file, kolom=KOLOM, wajib=WAJIB)


def template_xlsx() -> bytes:
    """The template: the header row and one example row, the NIP column formatted as text."""
    from openpyxl import Workbook

    from karier.core.excel import safe_row

    wb = Workbook()
    ws = wb.active
    ws.title = "Riwayat kinerja"
    ws.append(safe_row([k.replace("_", " ") for k in KOLOM]))
    ws.append(safe_row(CONTOH))
    for row in ws.iter_rows(min_col=1, max_col=1):
        for cell in row:
            cell.number_format = "@"
    ws.column_dimensions["A"].width = 22
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
