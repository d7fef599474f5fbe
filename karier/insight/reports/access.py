"""Who reads which reports (issue #13 item 4), built on `karier.people.access`.

- **A person's official documents**: whoever may see the person (`pegawai_for_actor`: the person,
  the superior chain, the agency head, BKD admins, auditors); hidden is 404. Each document kind may
  narrow it further (the predikat decision is a unit document: `can_read_unit_documents`).
- **The bulk zip of a unit**: the unit is "visible" for reports to BKD admins and auditors, to the
  head of the unit's agency, and to the head of the unit or of a unit above it (they see everyone in
  it through their positions). Anyone else gets 404 for the unit, as if it did not exist. Starting
  the job writes (a job row, a file), so auditors — who write nothing — are refused with 403.
  Unit heads may: they already open each of these PDFs one by one for their own people.
- **The agency's yearly report**: BKD admins, auditors and the head of that agency; 404 otherwise.
- **A bulk job and its zip**: `karier.core.jobs.job_for_actor` (the starter, BKD admins, auditors).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from karier.appraisal.feedback.access import can_manage_unit_link, headed_unit_paths
from karier.core.choices import JenisTugasLatar
from karier.core.jobs import job_for_actor
from karier.core.models import TugasLatar
from karier.people.access import Actor, agency_for_actor, pegawai_for_actor, visibility_q
from karier.people.models import Pegawai, UnitKerja

__all__ = [
    "bulk_units",
    "laporan_job_for_actor",
    "opd_for_laporan",
    "pegawai_for_laporan",
    "people_of_unit",
    "require_bulk",
    "unit_for_laporan",
]


def pegawai_for_laporan(actor: Actor, pegawai_id: int) -> Pegawai:
    """The person whose documents are listed; 404 when hidden (the one rule of `people.access`)."""
    return pegawai_for_actor(actor, pegawai_id)


def _sees_unit(actor: Actor, unit: UnitKerja) -> bool:
    """BKD admins and auditors; otherwise whoever may manage the unit's links — the head of its agency,
    of the unit or of a unit above it (`feedback.access.can_manage_unit_link`, the one rule of it)."""
    return actor.sees_everyone or can_manage_unit_link(actor, unit)


def unit_for_laporan(actor: Actor, unit_id: int) -> UnitKerja:
    """The unit whose bulk documents the actor may ask for; 404 otherwise (an id reveals nothing)."""
    unit = UnitKerja.objects.filter(pk=unit_id).select_related("opd").first()
    if unit is None or not _sees_unit(actor, unit):
        raise Http404(_("Unit kerja tidak ditemukan."))
    return unit


def require_bulk(actor: Actor, unit: UnitKerja) -> None:
    """403 for a visible unit the actor may not collect for (an auditor)."""
    if actor.is_auditor and not actor.is_admin:
        raise PermissionDenied(_("Auditor hanya membaca; pengumpulan dokumen dijalankan oleh pejabat unit atau BKD."))
    if not _sees_unit(actor, unit):
        raise PermissionDenied(_("Anda tidak berwenang mengumpulkan dokumen unit ini."))


def bulk_units(actor: Actor) -> QuerySet[UnitKerja]:
    """The units the actor may collect documents for (the index page's choices): everything for BKD,
    the agencies headed, the units under the positions headed."""
    if actor.is_auditor and not actor.is_admin:
        return UnitKerja.objects.none()
    if actor.is_admin:
        return UnitKerja.objects.filter(aktif=True)
    q = Q(opd_id__in=actor.opd_ids) if actor.opd_ids else Q(pk__in=[])
    for path in headed_unit_paths(actor):
        q |= Q(path__subtree=path)
    return UnitKerja.objects.filter(q, aktif=True)


def people_of_unit(actor: Actor, unit: UnitKerja) -> QuerySet[Pegawai]:
    """The active people of the unit and its sub-units whom the actor sees, in the zip's order
    (`visibility_q`: also right for a job started by Karier itself, `SYSTEM`)."""
    return Pegawai.objects.filter(visibility_q(actor), unit__path__subtree=unit.path, aktif=True).order_by(
        "unit__path", "nama", "pk"
    )


def opd_for_laporan(actor: Actor, opd_id: int) -> UnitKerja:
    """The agency whose yearly report the actor may read (`people.access.agency_for_actor`); 404 otherwise."""
    return agency_for_actor(actor, opd_id)


def laporan_job_for_actor(actor: Actor, job_id: int) -> TugasLatar:
    """A bulk-document job: its starter, BKD admins and auditors (`job_for_actor`); 404 otherwise."""
    return job_for_actor(actor, job_id, jenis=JenisTugasLatar.LAPORAN_MASSAL)
