"""The audit trail for people: changes in words ("status: DRAFT → DIAJUKAN") instead of a raw dict,
and the trail as Excel (issue #10: raw dicts on screen, and no export of the audit table)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from karier.core.excel import append_row, limit_note, safe_row
from karier.core.models import AuditEvent
from karier.core.numbers import angka

EXPORT_LIMIT = 100_000
# Decimals are stored in the trail as their string ("1250.5000"); NIPs and codes have no point.
_DECIMAL_TEXT = re.compile(r"-?\d+\.\d+")


def _value(v: Any) -> str:
    if v is None or v == "":
        return "—"
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    if isinstance(v, int | float | Decimal):
        return angka(Decimal(str(v)).normalize())
    if isinstance(v, str) and _DECIMAL_TEXT.fullmatch(v):
        return angka(Decimal(v).normalize())
    if isinstance(v, list | tuple):
        return ", ".join(_value(x) for x in v)
    if isinstance(v, dict):
        return "; ".join(f"{k}: {_value(x)}" for k, x in v.items())
    return str(v)


def changes_text(changes: Any) -> str:
    """{field: [old, new]} → "field: old → new; …"; any other shape in plain words."""
    if not changes:
        return ""
    if not isinstance(changes, dict):
        return _value(changes)
    parts = []
    for field, value in changes.items():
        if isinstance(value, list | tuple) and len(value) == 2:
            parts.append(f"{field}: {_value(value[0])} → {_value(value[1])}")
        else:
            parts.append(f"{field}: {_value(value)}")
    return "; ".join(parts)


def audit_xlsx(qs: QuerySet[AuditEvent]) -> bytes:
    """The filtered trail, newest first, in write-only mode (constant memory; at most EXPORT_LIMIT rows)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Jejak audit")
    ws.append(["No. urut", "Waktu", "Pelaku", "Aksi", "Objek", "Ringkasan", "Perubahan"])
    rows: Iterable[tuple[Any, ...]] = qs.values_list(
        "seq", "created_at", "actor__username", "action", "object_type", "object_id", "summary", "changes"
    )[:EXPORT_LIMIT].iterator(chunk_size=2000)
    n = 0
    for seq, created, who, action, otype, oid, summary, changes in rows:
        local = timezone.localtime(created).replace(tzinfo=None)  # Excel has no time zones
        append_row(ws, [seq, local, who or "sistem", action, f"{otype}#{oid}", summary, changes_text(changes)])
        n += 1
    if n == EXPORT_LIMIT:
        ws.append(safe_row([limit_note(EXPORT_LIMIT)]))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
