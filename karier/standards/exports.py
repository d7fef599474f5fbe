"""Excel exports of every standards table (openpyxl write-only: constant memory at any size)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

from karier.core.excel import safe_cell, safe_row
from karier.core.numbers import angka

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_LIMIT = 100_000

Sheet = tuple[str, Sequence[str], Iterable[Sequence[Any]]]


def _cell(value: Any) -> Any:
    return safe_cell(value)  # Decimal as float, formula-like text neutralised (karier.core.excel)


def xlsx_response(name: str, sheets: Sequence[Sheet]) -> HttpResponse:
    wb = Workbook(write_only=True)
    for title, header, rows in sheets:
        ws = wb.create_sheet(title[:31])
        ws.append(safe_row(header))
        for n, row in enumerate(rows):
            if n == EXPORT_LIMIT:
                ws.append([f"Dibatasi {angka(EXPORT_LIMIT)} baris pertama; persempit saringan untuk data lainnya."])
                break
            ws.append([_cell(v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(buf.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.xlsx"'
    return response
