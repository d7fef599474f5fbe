"""The dashboards' Excel downloads: a panel's table (`?export=xlsx&bagian=<panel>`), or every panel,
one sheet each (`?export=xlsx`). Cells through `karier.core.excel` (Indonesian number formats)."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from openpyxl import Workbook

from karier.core.excel import append_row, safe_row
from karier.insight.dashboards.panels import Panel

_SHEET = re.compile(r"[\[\]:*?/\\]")


def panels_xlsx(panels: Sequence[Panel], title: str) -> bytes:
    """One sheet per panel: a title row naming the dashboard and its filters, the header, the rows,
    then the panel's notes (the curve's limits)."""
    wb = Workbook(write_only=True)
    for panel in panels:
        ws = wb.create_sheet(_SHEET.sub(" ", panel.judul)[:31])
        ws.append(safe_row([f"{title} — {panel.judul}"]))
        ws.append(safe_row(panel.header))
        for row in panel.rows:
            append_row(ws, row)
        if not panel.rows:
            ws.append(safe_row([panel.kosong]))
        for note in panel.catatan:
            ws.append(safe_row([note]))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
