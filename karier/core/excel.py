"""Every Excel export writes its cells through `safe_cell` / `safe_row` (issue #8: formula injection).

A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by
Excel, LibreOffice and Google Sheets (OWASP "CSV/formula injection"): an RHK typed as
`=HYPERLINK("https://…","klik")` would become a live link in a signed-looking export. Such text is
written as a string cell (openpyxl `data_type="s"`) with a leading apostrophe, so the reader sees the
text, never a formula. Numbers, dates and booleans stay what they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
