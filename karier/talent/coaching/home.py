"""Home cards of coaching. The superior's "Perlu perhatian" (issue #12 §6, early warning): from July, the team members
whose realisations trail their targets, each with a button to open a coaching plan. No query for an
actor without subordinates, nor before July. The employee's "Rencana dukungan kinerja Anda": their
running plan, its mentor and next step, in encouraging words."""

from __future__ import annotations

import datetime as dt
from typing import Any

from karier.core.home import register_panel
from karier.people.access import Actor
from karier.rules import career as rules
from karier.talent.coaching.selectors import follow_ups_due, next_action, own_plan, tindakan_of
from karier.talent.coaching.warning import early_warning
from karier.talent.models import StatusBimbingan

#: The card names the first few; the team's coaching list has them all.
DI_KARTU = 5


def perlu_perhatian_card(actor: Actor, today: dt.date) -> dict[str, Any] | None:
    if actor.pegawai_id is None or actor.is_auditor or not actor.has_subordinates or not rules.mid_year(today):
        return None
    rows = early_warning(actor, today)
    if not rows:
        return None
    return {"jumlah": len(rows), "baris": rows[:DI_KARTU]}


def dukungan_saya_card(actor: Actor, today: dt.date) -> dict[str, Any] | None:
    """The person's own running plan, in encouraging words: the mentor and the next step (two queries)."""
    if actor.pegawai_id is None or actor.is_auditor:
        return None
    rencana = own_plan(actor.pegawai_id)
    if rencana is None or rencana.status != StatusBimbingan.AKTIF:
        return None
    return {"rencana": rencana, "tindakan_berikut": next_action(tindakan_of(rencana))}


def tindak_lanjut_card(actor: Actor, today: dt.date) -> dict[str, Any] | None:
    """The mentor's running plans whose follow-up date is within a week (one query)."""
    if actor.pegawai_id is None or actor.is_auditor:
        return None
    rows = follow_ups_due(actor, today, limit=DI_KARTU)
    return {"baris": rows, "today": today} if rows else None


def register() -> None:
    register_panel(
        "talent.tindak_lanjut_bimbingan",
        45,
        tindak_lanjut_card,
        "talent/coaching/home/tindak_lanjut.html",
        section="atasan",
    )
    register_panel(
        "talent.dukungan_saya",
        46,
        dukungan_saya_card,
        "talent/coaching/home/dukungan_saya.html",
        section="pegawai",
    )
    register_panel(
        "talent.perlu_perhatian",
        44,
        perlu_perhatian_card,
        "talent/coaching/home/perlu_perhatian.html",
        section="atasan",
    )
