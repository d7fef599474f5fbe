"""Who may see and do what in the catalogue, enrolment and the JP ledger — the only place it is decided.

- The catalogue (activities, sessions) is not personal data: every signed-in user reads it; an
  inactive activity only the BKD admin and the auditor see.
- BKD admins manage the catalogue, the JP defaults and targets, and record attendance (they are the
  organisers in Karier); auditors read everything and write nothing.
- An enrolment and a JP row are personal: visible to whoever may see the person
  (`karier.people.access.visibility_q`), nothing else.
- Self-development is verified by the person's appraiser (`is_rater` on the appraiser resolved by
  `appraiser_on`), never by the person themself.
"""

from __future__ import annotations

from collections.abc import Collection

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.development.models import (
    KegiatanPengembangan,
    Pendaftaran,
    PengembanganMandiri,
    SesiKegiatan,
    StatusMandiri,
)
from karier.people.access import Actor, can_see_pegawai, is_rater, is_subject, visibility_q
from karier.people.models import Pegawai
from karier.people.selectors import appraiser_on, appraisers_on


def visible_kegiatan(actor: Actor) -> QuerySet[KegiatanPengembangan]:
    if actor.user_id is None and not actor.is_admin:
        return KegiatanPengembangan.objects.none()
    if actor.sees_everyone:
        return KegiatanPengembangan.objects.all()
    return KegiatanPengembangan.objects.filter(aktif=True)


def kegiatan_for_actor(actor: Actor, kegiatan_id: int) -> KegiatanPengembangan:
    found = visible_kegiatan(actor).filter(pk=kegiatan_id).first()
    if found is None:
        raise Http404(_("Kegiatan pengembangan tidak ditemukan."))
    return found


def visible_sesi(actor: Actor) -> QuerySet[SesiKegiatan]:
    """A session is seen where its activity is (the child derives from its parent)."""
    return SesiKegiatan.objects.filter(kegiatan__in=visible_kegiatan(actor))


def sesi_for_actor(actor: Actor, sesi_id: int) -> SesiKegiatan:
    found = visible_sesi(actor).filter(pk=sesi_id).select_related("kegiatan").first()
    if found is None:
        raise Http404(_("Sesi kegiatan tidak ditemukan."))
    return found


def visible_pendaftaran(actor: Actor) -> QuerySet[Pendaftaran]:
    """Enrolments of the people the actor sees, in sessions the actor sees."""
    if actor.user_id is None and not actor.is_admin:
        return Pendaftaran.objects.none()
    return Pendaftaran.objects.filter(visibility_q(actor, "pegawai"), sesi__in=visible_sesi(actor))


def pendaftaran_for_actor(actor: Actor, pendaftaran_id: int) -> Pendaftaran:
    found = (
        visible_pendaftaran(actor).filter(pk=pendaftaran_id).select_related("sesi", "sesi__kegiatan", "pegawai").first()
    )
    if found is None:
        raise Http404(_("Pendaftaran tidak ditemukan."))
    return found


def visible_mandiri(actor: Actor) -> QuerySet[PengembanganMandiri]:
    if actor.user_id is None and not actor.is_admin:
        return PengembanganMandiri.objects.none()
    return PengembanganMandiri.objects.filter(visibility_q(actor, "pegawai"))


def mandiri_for_actor(actor: Actor, mandiri_id: int) -> PengembanganMandiri:
    found = visible_mandiri(actor).filter(pk=mandiri_id).select_related("pegawai").first()
    if found is None:
        raise Http404(_("Laporan pengembangan mandiri tidak ditemukan."))
    return found


# ---------------------------------------------------------------------------- what may be done
def require_manage(actor: Actor) -> None:
    """The catalogue, its sessions, JP defaults, targets and attendance: BKD admins only."""
    if not actor.can_write_master_data:
        raise PermissionDenied(_("Hanya admin BKD yang dapat mengelola katalog pengembangan kompetensi."))


def require_not_own_attendance(actor: Actor, pegawai_ids: Collection[int]) -> None:
    """The organiser's attendance is the verification of a participant: never recorded for oneself."""
    if is_subject(actor, pegawai_ids):
        raise PermissionDenied(_("Anda tidak dapat mencatat kehadiran Anda sendiri; admin BKD lain yang mencatatnya."))


def require_enrol(actor: Actor, pegawai: Pegawai) -> None:
    """Oneself, a superior for a subordinate, or a BKD admin for anyone; never an auditor."""
    if actor.is_auditor:
        raise PermissionDenied(_("Auditor hanya dapat membaca data."))
    if actor.is_admin or actor.pegawai_id == pegawai.pk:
        return
    if actor.has_subordinates and can_see_pegawai(actor, pegawai):
        return
    raise PermissionDenied(_("Anda hanya dapat mendaftarkan diri sendiri atau bawahan Anda."))


def require_own_or_admin(actor: Actor, pegawai_id: int) -> None:
    """Completing one's own activity (or the organiser doing it)."""
    if actor.is_auditor:
        raise PermissionDenied(_("Auditor hanya dapat membaca data."))
    if not (actor.is_admin or actor.pegawai_id == pegawai_id):
        raise PermissionDenied(_("Hanya peserta atau admin BKD yang dapat menyelesaikan kegiatan ini."))


def is_superior_of(actor: Actor, pegawai: Pegawai) -> bool:
    """Whether the actor appraises the person today (the one rule: `people.access.is_rater`)."""
    if actor.pegawai_id is None or actor.is_auditor or actor.pegawai_id == pegawai.pk:
        return False
    appraiser = appraiser_on(pegawai.pk, timezone.localdate())
    if appraiser is None:
        return False
    return is_rater(
        actor, subject_id=pegawai.pk, penilai_id=appraiser.pegawai.pk, penilai_jabatan_id=appraiser.jabatan.pk
    )


def require_verify(actor: Actor, pegawai: Pegawai) -> None:
    if actor.pegawai_id == pegawai.pk:
        raise PermissionDenied(
            _("Anda tidak dapat memverifikasi pengembangan diri Anda sendiri; atasan Anda yang memverifikasi.")
        )
    if not is_superior_of(actor, pegawai):
        raise PermissionDenied(_("Hanya atasan langsung pegawai yang dapat memverifikasi pengembangan mandiri."))


def mandiri_to_verify(actor: Actor) -> list[PengembanganMandiri]:
    """The reports waiting for the actor as the appraiser of their author: the visible ones, with
    every author's appraiser resolved in one batch (`appraisers_on`) and the one rule (`is_rater`)."""
    if actor.pegawai_id is None or actor.is_auditor:
        return []
    waiting = list(
        visible_mandiri(actor)
        .filter(status=StatusMandiri.DIAJUKAN)
        .exclude(pegawai_id=actor.pegawai_id)
        .select_related("pegawai")
        .order_by("dibuat_pada", "pk")
    )
    found = appraisers_on({m.pegawai_id for m in waiting}, timezone.localdate())
    out = []
    for m in waiting:
        appraiser = found.get(m.pegawai_id)
        if appraiser is not None and is_rater(
            actor, subject_id=m.pegawai_id, penilai_id=appraiser.pegawai.pk, penilai_jabatan_id=appraiser.jabatan.pk
        ):
            out.append(m)
    return out
