"""The JP card on the employee's home page (`karier.core.home`): this year's JP against the target,
with the way to the catalogue. Three queries (the person, the targets, the ledger rows)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from karier.core.home import register_panel
from karier.development.catalogue.selectors import jp_of
from karier.people.access import Actor
from karier.people.models import Pegawai


def jp_saya(actor: Actor, today: dt.date) -> dict[str, Any] | None:
    if actor.pegawai_id is None or actor.is_auditor:
        return None
    pegawai = Pegawai.objects.filter(pk=actor.pegawai_id).first()
    if pegawai is None:
        return None
    return {"jp": jp_of(pegawai, today.year)}


def register() -> None:
    register_panel("development.jp_saya", 40, jp_saya, "development/home/jp_saya.html", section="pegawai")
