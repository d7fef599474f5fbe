"""The superior's home card "Rencana pengembangan menunggu persetujuan" (issue #11 §6): the team's
submitted development plans waiting for her decision. Registered in the app's `ready()`; no query
for an actor without subordinates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from karier.core.home import register_panel
from karier.development.idp.access import rencana_menunggu
from karier.people.access import Actor

#: The card names the oldest few; the queue screen has them all.
DI_KARTU = 5


def rencana_menunggu_card(actor: Actor, today: dt.date) -> dict[str, Any] | None:
    if actor.pegawai_id is None or actor.is_auditor or not actor.has_subordinates:
        return None
    waiting = rencana_menunggu(actor)
    if not waiting:
        return None
    return {"jumlah": len(waiting), "baris": waiting[:DI_KARTU]}


def register() -> None:
    register_panel(
        "development.rencana_menunggu",
        42,
        rencana_menunggu_card,
        "development/home/rencana_menunggu.html",
        section="atasan",
    )
