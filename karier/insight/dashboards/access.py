"""Who sees which dashboard, and the scope a filter names (issue #13 item 1).

- Province: BKD admins and auditors (the Governor's office is represented by those roles).
- Agency: the agency's head (`actor.opd_ids`), and whoever sees the province.
- Superior: anyone with subordinates; Employee: anyone linked to an employee.
- Refreshing the figures: BKD admins and Karier itself (`can_refresh`), never auditors.

A filter naming an agency or unit the viewer may not see answers 404 (it confirms nothing); a
dashboard the viewer has no role for answers 403 with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from karier.people.access import Actor, agency_for_actor
from karier.people.models import UnitKerja

PROVINSI = "provinsi"
OPD = "opd"
TIM = "tim"
SAYA = "saya"


@dataclass(frozen=True)
class Lingkup:
    """The scope a dashboard shows: a year, and optionally an agency and a unit inside it."""

    tahun: int
    opd: UnitKerja | None = None
    unit: UnitKerja | None = None


def sees_province(actor: Actor) -> bool:
    return actor.sees_everyone


def require_province(actor: Actor) -> None:
    if not sees_province(actor):
        raise PermissionDenied(_("Dasbor provinsi hanya untuk admin BKD dan auditor."))


def can_refresh(actor: Actor) -> bool:
    """Refreshing the figures is a write: BKD admins (and Karier itself); auditors read only."""
    return actor.is_admin and not actor.is_auditor


def require_refresh(actor: Actor) -> None:
    if not can_refresh(actor):
        raise PermissionDenied(_("Hanya admin BKD yang dapat menyegarkan data dasbor."))


def require_agency(actor: Actor) -> None:
    if not (sees_province(actor) or actor.opd_ids):
        raise PermissionDenied(_("Dasbor perangkat daerah hanya untuk kepala perangkat daerah dan admin BKD."))


def require_team(actor: Actor) -> None:
    if not actor.has_subordinates:
        raise PermissionDenied(_("Dasbor tim hanya untuk pegawai yang mempunyai bawahan."))


def require_employee(actor: Actor) -> None:
    if actor.pegawai_id is None:
        raise PermissionDenied(_("Akun ini tidak terhubung dengan data pegawai."))


def home_of(actor: Actor) -> str | None:
    """The dashboard a role lands on: the widest it may see."""
    if sees_province(actor):
        return PROVINSI
    if actor.opd_ids:
        return OPD
    if actor.has_subordinates:
        return TIM
    if actor.pegawai_id is not None:
        return SAYA
    return None


def _unit(actor: Actor, unit_id: int, opd: UnitKerja | None) -> UnitKerja:
    unit = UnitKerja.objects.filter(pk=unit_id).select_related("opd").first()
    allowed = unit is not None and (sees_province(actor) or unit.opd_id in actor.opd_ids)
    if unit is None or not allowed or (opd is not None and unit.opd_id != opd.pk):
        raise Http404(_("Unit kerja tidak ditemukan."))
    return unit


def lingkup_for_actor(
    actor: Actor, *, tahun: int, opd_id: int | None = None, unit_id: int | None = None, default_opd: bool = False
) -> Lingkup:
    """The scope of the filters, each checked against what the actor sees (404 otherwise). A unit
    alone implies its agency; `default_opd` picks the first agency the actor heads."""
    opd = agency_for_actor(actor, opd_id) if opd_id is not None else None
    unit = _unit(actor, unit_id, opd) if unit_id is not None else None
    if unit is not None and opd is None:
        opd = unit.opd if unit.opd_id != unit.pk else unit
    if unit is not None and opd is not None and unit.pk == opd.pk:
        unit = None  # the agency itself: its whole tree
    if opd is None and default_opd:
        if actor.opd_ids:
            opd = agency_for_actor(actor, actor.opd_ids[0])
        else:
            opd = UnitKerja.objects.filter(parent__isnull=True).order_by("nama", "pk").first()
    return Lingkup(tahun=tahun, opd=opd, unit=unit)
