"""Every Excel export writes its cells through `safe_cell` / `safe_row` (issue #8: formula injection).

A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by
Excel, LibreOffice and Google Sheets (OWASP "CSV/formula injection"): an RHK typed as
`=HYPERLINK("https://…","klik")` would become a live link in a signed-looking export. Such text is
written as a string cell (openpyxl `data_type="s"`) with a leading apostrophe, so the reader sees the
text, never a formula. Numbers, dates and booleans stay what they are.

Numbers stay numeric cells and dates stay date cells (issue #10), each with a number format in the
Indonesian convention (`number_format`; `cells`/`append_row` apply it): thousands grouped, as many
decimals as the value has (1.250,5 — never the text "1250.5"), dates as "5 Des 2026". A cell format
cannot force the separators: spreadsheets take them from the reader's region (Indonesian on the
government's machines); the codes carry the Indonesian locale tag `[$-421]` (month names). Text such
as "1.250,5" would look right and break every sum, so numbers are never written as text. A year is a
number without grouping (`Tahun`: "2026", not "2.026").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ID_LOCALE = "[$-421]"  # Indonesian (LCID 0x0421)
ANGKA = f"{ID_LOCALE}#,##0"  # grouped by thousands; decimals appended by `number_format`
TANGGAL = f"{ID_LOCALE}d mmm yyyy"
WAKTU = f"{ID_LOCALE}d mmm yyyy hh:mm"
TAHUN = "0"
MAX_DECIMALS = 4  # the database keeps targets and realisations with four decimals


class Tahun(int):
    """A year in an export: a number, shown without thousands grouping."""


def is_dangerous(value: object) -> bool:
    """Text a spreadsheet could read as a formula (a lone "-" placeholder computes nothing)."""
    return isinstance(value, str) and value.startswith(FORMULA_START) and value.strip() != "-"


def safe_text(value: str) -> str:
    """The text as it must be written: a leading apostrophe in front of a formula trigger."""
    return f"'{value}" if is_dangerous(value) else value


def safe_cell(value: Any) -> Any:
    """A value fit for `ws.append`: text neutralised, Decimal as float, other scalars unchanged."""
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, Decimal):
        return float(value)
    if value is None or isinstance(value, (int, float, bool, dt.date, dt.datetime, dt.time)):
        return value
    return safe_text(str(value))


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(v) for v in values]


def _decimals(value: Decimal | float) -> int:
    d = (value if isinstance(value, Decimal) else Decimal(repr(value))).normalize()
    exponent = d.as_tuple().exponent
    return min(MAX_DECIMALS, -exponent) if isinstance(exponent, int) and exponent < 0 else 0


def number_format(value: Any) -> str | None:
    """The Indonesian display format of a numeric or date value; None for text, booleans and blanks."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, Tahun):
        return TAHUN
    if isinstance(value, int):
        return ANGKA
    if isinstance(value, Decimal | float):
        if isinstance(value, float) and value != value:  # NaN: no format makes it a number
            return None
        n = _decimals(value)
        return f"{ANGKA}.{'0' * n}" if n else ANGKA
    if isinstance(value, dt.datetime):
        return WAKTU
    if isinstance(value, dt.date):
        return TANGGAL
    return None


def cells(ws: Any, values: Iterable[Any]) -> list[Any]:
    """A row for `ws.append` (write-only or not): safe values, numbers and dates as formatted cells."""
    from openpyxl.cell import WriteOnlyCell

    out: list[Any] = []
    for v in values:
        if isinstance(v, dt.datetime) and v.tzinfo is not None:  # Excel has no time zones: local time
            from django.utils import timezone

            v = timezone.localtime(v).replace(tzinfo=None)
        fmt = number_format(v)
        value = int(v) if isinstance(v, Tahun) else safe_cell(v)
        if fmt is None:
            out.append(value)
        else:
            cell = WriteOnlyCell(ws, value)
            cell.number_format = fmt
            out.append(cell)
    return out


def append_row(ws: Any, values: Iterable[Any]) -> None:
    """`ws.append` through `cells`: the one way exports write a data row."""
    ws.append(cells(ws, values))


def formula_cells(xlsx: bytes) -> list[str]:
    """Coordinates of every formula cell in a workbook (for tests and checks): none is expected."""
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(xlsx))
    found: list[str] = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("=")):
                    found.append(f"{ws.title}!{cell.coordinate}")
    return found


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_LIMIT = 100_000


def limit_note(limit: int = EXPORT_LIMIT) -> str:
    """The last line of an export cut at `limit` rows, in the reader's language."""
    from django.utils.translation import gettext

    from karier.core.numbers import angka

    return gettext("Dibatasi %(n)s baris pertama; persempit saringan untuk data lainnya.") % {"n": angka(limit)}


def table_xlsx(
    *, sheet: str, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]], limit: int = EXPORT_LIMIT
) -> bytes:
    """One table as a workbook (write-only: constant memory at any size): a title row saying what was
    exported and with which filters, the header, then the rows through `append_row`; at most `limit`
    rows, then a line saying so."""
    import io

    from openpyxl import Workbook

    wb = Workbook(write_only=True)  # rows through this module's helpers, karier.core.excel
    ws = wb.create_sheet(sheet[:31])
    ws.append(safe_row([title]))
    ws.append(safe_row(header))
    for n, row in enumerate(rows):
        if n == limit:
            ws.append(safe_row([limit_note(limit)]))
            break
        append_row(ws, row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_attachment(data: bytes, stem: str) -> Any:
    """The workbook as a download named `<stem>-<yyyymmdd-hhmm>.xlsx`."""
    from django.http import HttpResponse
    from django.utils import timezone

    response = HttpResponse(data, content_type=XLSX)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{stem}-{stamp}.xlsx"'
    return response
