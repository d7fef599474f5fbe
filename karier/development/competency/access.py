"""Who may see and record competency data (issue #11 items 1–3).

A person's competency profile, assessments and gaps are visible to whoever may see that person
(`karier.people.access.pegawai_for_actor`; hidden is 404). The superior — the official who rates
the person's position (`is_rater` on the position above, so a Plt/Plh covering it counts and a
conflicted official is passed over) — records an observation or agrees a self-assessment; BKD
admins record assessment-centre and uji kompetensi results, run imports and keep the dictionary
and the position standards. Auditors read only; nobody records their own level.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from karier.development.models import ImporPenilaian, PenilaianKompetensi, SumberPenilaian, UsulanPenilaianMandiri
from karier.people.access import Actor, is_rater, pegawai_for_actor, visibility_q
from karier.people.models import Pegawai

SUMBER_ATASAN = (SumberPenilaian.MANDIRI_DISETUJUI, SumberPenilaian.OBSERVASI_ATASAN)
SUMBER_ADMIN = (SumberPenilaian.ASSESSMENT_CENTER, SumberPenilaian.UJI_KOMPETENSI)


def may_manage(actor: Actor) -> bool:
    """BKD admins (not auditors, not Karier itself acting for nobody in a request) keep the master data."""
    return actor.can_write_master_data and not actor.is_auditor


def require_manage(actor: Actor) -> None:
    if not may_manage(actor):
        raise PermissionDenied(_("Hanya admin BKD yang dapat mengelola kamus dan standar kompetensi."))


def is_superior(actor: Actor, pegawai: Pegawai) -> bool:
    """The official who rates the person's position (the one rule, `people.access.is_rater`)."""
    if pegawai.jabatan_id is None:
        return False
    atasan_id = pegawai.jabatan.atasan_id if pegawai.jabatan else None
    return is_rater(actor, subject_id=pegawai.pk, penilai_id=None, penilai_jabatan_id=atasan_id)


def may_record(actor: Actor, pegawai: Pegawai, sumber: str) -> bool:
    if actor.is_auditor or (actor.pegawai_id is not None and actor.pegawai_id == pegawai.pk):
        return False
    if sumber in SUMBER_ATASAN:
        return is_superior(actor, pegawai)
    return sumber in SUMBER_ADMIN and may_manage(actor)


def require_record(actor: Actor, pegawai: Pegawai, sumber: str) -> None:
    """403 with the reason; the caller already found `pegawai` through `pegawai_for_actor`."""
    if actor.pegawai_id is not None and actor.pegawai_id == pegawai.pk:
        raise PermissionDenied(_("Anda tidak dapat mencatat level kompetensi Anda sendiri (benturan kepentingan)."))
    if may_record(actor, pegawai, sumber):
        return
    if sumber in SUMBER_ATASAN:
        raise PermissionDenied(
            _("Hanya atasan langsung yang dapat mencatat observasi atau menyetujui penilaian mandiri.")
        )
    raise PermissionDenied(_("Hasil assessment center dan uji kompetensi hanya dapat dicatat oleh admin BKD."))


def competency_pegawai_for_actor(actor: Actor, pegawai_id: int) -> Pegawai:
    """The person whose competency data is asked for: visible, or 404."""
    return pegawai_for_actor(actor, pegawai_id)


def visible_penilaian(actor: Actor) -> QuerySet[PenilaianKompetensi]:
    if actor.user_id is None and not actor.sees_everyone:
        return PenilaianKompetensi.objects.none()
    return PenilaianKompetensi.objects.filter(visibility_q(actor, "pegawai"))


def penilaian_for_actor(actor: Actor, penilaian_id: int) -> PenilaianKompetensi:
    """One assessment (its evidence download): derived from the person's visibility."""
    found = visible_penilaian(actor).filter(pk=penilaian_id).select_related("pegawai", "kompetensi").first()
    if found is None:
        raise Http404(_("Penilaian kompetensi tidak ditemukan."))
    return found


def usulan_for_actor(actor: Actor, usulan_id: int) -> UsulanPenilaianMandiri:
    """A self-assessment proposal, derived from the person's visibility; 404 otherwise."""
    found = (
        UsulanPenilaianMandiri.objects.filter(visibility_q(actor, "pegawai"), pk=usulan_id)
        .select_related("pegawai__jabatan", "kompetensi")
        .first()
        if actor.user_id is not None or actor.sees_everyone
        else None
    )
    if found is None:
        raise Http404(_("Usulan penilaian mandiri tidak ditemukan."))
    return found


def require_import(actor: Actor) -> None:
    if not may_manage(actor):
        raise PermissionDenied(_("Impor hasil penilaian kompetensi hanya dapat dilakukan admin BKD."))


def impor_for_actor(actor: Actor, impor_id: int) -> ImporPenilaian:
    """An import is BKD's work: admins (and auditors, reading) see it; 404 otherwise."""
    found = ImporPenilaian.objects.filter(pk=impor_id).first() if actor.sees_everyone else None
    if found is None:
        raise Http404(_("Impor tidak ditemukan."))
    return found
