"""The superior's home card "Tindak lanjut pelatihan" (issue #11 §6): team members who completed an
activity at least three months ago and whose behaviour change nobody has judged yet. Registered in
the app's `ready()`; no query for an actor without subordinates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from karier.core.home import register_panel
from karier.development.outcomes.feedback import tindak_lanjut_due
from karier.people.access import Actor

#: The card lists the oldest few; the list screen has them all.
DI_KARTU = 5


def tindak_lanjut_card(actor: Actor, today: dt.date) -> dict[str, Any] | None:
    if actor.pegawai_id is None or actor.is_auditor or not actor.has_subordinates:
        return None
    due = tindak_lanjut_due(actor, today)
    if not due:
        return None
    return {"jumlah": len(due), "baris": due[:DI_KARTU]}


def register() -> None:
    register_panel(
        "development.tindak_lanjut",
        45,
        tindak_lanjut_card,
        "development/home/tindak_lanjut.html",
        section="atasan",
    )
