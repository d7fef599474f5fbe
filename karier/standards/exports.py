"""Excel exports of every standards table (openpyxl write-only: constant memory at any size)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

from karier.core.excel import Tahun, append_row, limit_note, safe_row

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_LIMIT = 100_000

Sheet = tuple[str, Sequence[str], Iterable[Sequence[Any]]]


def xlsx_response(name: str, sheets: Sequence[Sheet]) -> HttpResponse:
    wb = Workbook(write_only=True)
    for title, header, rows in sheets:
        ws = wb.create_sheet(title[:31])
        ws.append(safe_row(header))
        years = {i for i, h in enumerate(header) if h == "Tahun"}  # a year is not grouped: 2026, not 2.026
        for n, row in enumerate(rows):
            if n == EXPORT_LIMIT:
                ws.append(safe_row([limit_note(EXPORT_LIMIT)]))
                break
            append_row(ws, [Tahun(v) if i in years and isinstance(v, int) else v for i, v in enumerate(row)])
    buf = io.BytesIO()
    wb.save(buf)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(buf.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.xlsx"'
    return response
