"""Legal status transitions of a Perjanjian Kinerja. Only the services move a status.

A signed agreement is final: its rows are read-only until it is reopened with a reason (audited),
which returns it to draft.
"""

from __future__ import annotations

from karier.standards.choices import StatusPerjanjian

SIGN = "tandatangan"
REOPEN = "buka"

TRANSITIONS: dict[tuple[str, str], str] = {
    (StatusPerjanjian.DRAFT, SIGN): StatusPerjanjian.DITANDATANGANI,
    (StatusPerjanjian.DITANDATANGANI, REOPEN): StatusPerjanjian.DRAFT,
}


def next_status(status: str, action: str) -> str | None:
    return TRANSITIONS.get((status, action))


def allowed_actions(status: str) -> list[str]:
    return [a for (s, a) in TRANSITIONS if s == status]


def editable(status: str) -> bool:
    return status == StatusPerjanjian.DRAFT
