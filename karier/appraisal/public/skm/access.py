"""Who may see and run a unit's SKM.

Managers (create/open/close a period, follow-up actions): BKD admins, the head of the unit's
agency (`actor.opd_ids`) and the head of the unit or of any unit above it — the same people who
manage the unit's short public-feedback link. Auditors read everything and change nothing.
Anyone else: a period, its report and its follow-up actions answer 404 (the published PDF is
handed out by the unit, not browsed).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.appraisal.feedback.access import can_manage_unit_link, headed_unit_paths
from karier.appraisal.public.skm.models import PeriodeSkm, TindakLanjutSkm
from karier.people.access import Actor
from karier.people.models import UnitKerja


def can_manage_skm(actor: Actor, unit: UnitKerja) -> bool:
    """BKD admins (and Karier itself, `SYSTEM`, for the demo and jobs), else the unit-link rule."""
    if actor.is_auditor:
        return False
    return actor.is_admin or can_manage_unit_link(actor, unit)


def may_close_now(actor: Actor, periode: PeriodeSkm, today: dt.date | None = None) -> bool:
    """Whether a manager of the period (`can_manage_skm`, checked by the caller) may close it today.
    Closing turns the IKM into the unit head's own realisation (`loop.skm_fill_rhk`): nobody
    decides about themselves, so before its end date (`selesai`) only BKD admins (and Karier
    itself) may close a period; its other managers may from that day on."""
    return actor.is_admin or (today or timezone.localdate()) >= periode.selesai


def can_read_skm(actor: Actor, unit: UnitKerja) -> bool:
    return actor.user_id is not None and (actor.is_auditor or can_manage_skm(actor, unit))


def units_q(actor: Actor, prefix: str = "") -> Q:
    """A filter on units (with `prefix`, e.g. "unit__") the actor may read the SKM of. One query
    for the headed units' paths; admins and auditors: everything."""
    if actor.user_id is None:
        return Q(pk__in=[])
    if actor.is_admin or actor.is_auditor:
        return Q()
    q = Q(pk__in=[])
    for path in headed_unit_paths(actor):
        q |= Q(**{f"{prefix}path__subtree": path})
    if actor.opd_ids:
        q |= Q(**{f"{prefix}opd_id__in": actor.opd_ids}) | Q(**{f"{prefix}pk__in": actor.opd_ids})
    return q


def periode_for_actor(actor: Actor, periode_id: int) -> PeriodeSkm:
    """A period of a unit the actor may read; 404 otherwise (a hidden id reveals nothing)."""
    periode = PeriodeSkm.objects.filter(pk=periode_id).select_related("unit", "unit__opd").first()
    if periode is None or not can_read_skm(actor, periode.unit):
        raise Http404(_("Periode SKM tidak ditemukan."))
    return periode


def unit_skm_for_actor(actor: Actor, unit_id: int) -> UnitKerja:
    """A unit whose SKM the actor may read; 404 otherwise."""
    unit = UnitKerja.objects.filter(pk=unit_id).select_related("opd").first()
    if unit is None or not can_read_skm(actor, unit):
        raise Http404(_("Unit kerja tidak ditemukan."))
    return unit


def tindak_lanjut_for_actor(actor: Actor, tindak_lanjut_id: int) -> TindakLanjutSkm:
    found = (
        TindakLanjutSkm.objects.filter(pk=tindak_lanjut_id)
        .select_related("periode", "periode__unit", "pegawai")
        .first()
    )
    if found is None or not can_read_skm(actor, found.periode.unit):
        raise Http404(_("Tindak lanjut tidak ditemukan."))
    return found
