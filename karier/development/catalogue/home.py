"""The development cards of the home page (`karier.core.home`): the employee's JP of this year
against the target (two queries: the targets, the stored total; the person is read once for the
page), and for a superior the level changes waiting for their confirmation (a fixed number of
queries for any team)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from karier.core.home import register_panel
from karier.development.catalogue.selectors import jp_of
from karier.development.outcomes.level_access import usulan_level_to_decide
from karier.people.access import Actor
from karier.people.selectors import own_profile

#: Proposals named on the card; the rest are behind the link to the queue.
MAX_LIST = 5


def jp_saya(actor: Actor, today: dt.date) -> dict[str, Any] | None:
    if actor.pegawai_id is None or actor.is_auditor:
        return None
    pegawai = own_profile(actor)  # read once for the request, shared with "my data"
    if pegawai is None:
        return None
    return {"jp": jp_of(pegawai, today.year, rows=False)}


def usulan_level(actor: Actor, today: dt.date) -> dict[str, Any] | None:
    """Level changes from completed activities that wait for the actor as superior (none: no card)."""
    if not actor.has_subordinates or actor.is_auditor:
        return None
    rows = usulan_level_to_decide(actor)
    if not rows:
        return None
    return {"n": len(rows), "rows": rows[:MAX_LIST]}


def register() -> None:
    register_panel("development.jp_saya", 40, jp_saya, "development/home/jp_saya.html", section="pegawai")
    register_panel("development.usulan_level", 40, usulan_level, "development/home/usulan_level.html", section="atasan")
