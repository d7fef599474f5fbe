"""Who may give, see and decide recognitions (issue #12 item 8), derived from `karier.talent.access`.

- **Give an apresiasi**: an employee (not an auditor, not an account without a person) to someone
  else who is either in their sight up the tree (their superiors, the agency head: the talent rule's
  `person_for_actor`) or a colleague of the same agency (peers: an apresiasi is collegial and
  public, so peers of one perangkat daerah may thank each other although they cannot open each
  other's career page). Never to oneself.
- **See apresiasi**: they are public within the agency — the receiver's agency colleagues, and
  everyone who may see the receiver (superiors, BKD, auditors). A hidden one only to the receiver and
  BKD. Hidden or out of sight is 404.
- **Innovations and award proposals** follow the person: visible to whoever may see the person.
  Recording: the person themselves or their superior; verifying: the superior only, never oneself.
  The superior is the talent rule's `is_superior` (`people.access.is_rater`, Plt/Plh included).
  Award proposals are decided by BKD, never about oneself.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from karier.people.access import Actor, visibility_q
from karier.people.models import Pegawai
from karier.talent.access import is_bkd, is_superior, people_for_actor, person_for_actor, require_not_self
from karier.talent.models import Apresiasi, Inovasi, UsulanPenghargaan

MSG_DIRI = gettext_noop("Anda tidak dapat memberi apresiasi kepada diri sendiri.")


def own_opd_id(actor: Actor) -> int | None:
    """The actor's own agency (one query; None for accounts without a person)."""
    if actor.pegawai_id is None:
        return None
    return Pegawai.objects.filter(pk=actor.pegawai_id).values_list("opd_id", flat=True).first()


def colleagues_q(actor: Actor, opd_id: int | None, prefix: str = "") -> Q:
    """People the actor may recognise or whose recognitions they read: in sight, or the same agency."""
    q = visibility_q(actor, prefix)
    if opd_id is not None:
        q |= Q(**{f"{prefix}__opd_id" if prefix else "opd_id": opd_id})
    return q


def receivers_for_giver(actor: Actor) -> QuerySet[Pegawai]:
    """The active people the actor may look up to recognise: in sight or agency colleagues."""
    if actor.user_id is None:
        return Pegawai.objects.none()
    return Pegawai.objects.filter(colleagues_q(actor, own_opd_id(actor)), aktif=True)


def penerima_for_giver(actor: Actor, pegawai_id: int) -> Pegawai:
    """The receiver of an apresiasi: in sight or an agency colleague; 404 otherwise."""
    found = receivers_for_giver(actor).filter(pk=pegawai_id).select_related("jabatan").first()
    if found is None:
        raise Http404(_("Pegawai tidak ditemukan."))
    return found


def may_give(actor: Actor, penerima_id: int) -> bool:
    """An employee (not an auditor, not an account without a person) to someone else."""
    return actor.pegawai_id is not None and not actor.is_auditor and actor.pegawai_id != penerima_id


def require_giver(actor: Actor, penerima: Pegawai) -> None:
    if may_give(actor, penerima.pk):
        return
    if actor.pegawai_id == penerima.pk:
        raise PermissionDenied(_(MSG_DIRI))
    raise PermissionDenied(_("Apresiasi diberikan oleh pegawai kepada atasan, bawahan, atau rekan kerjanya."))


def visible_apresiasi(actor: Actor) -> QuerySet[Apresiasi]:
    """Shown ones of the agency and of those in sight; hidden ones only to their receiver and BKD."""
    if actor.user_id is None:
        return Apresiasi.objects.none()
    qs = Apresiasi.objects.filter(colleagues_q(actor, own_opd_id(actor), "penerima"))
    if is_bkd(actor) or actor.is_auditor:
        return qs
    return qs.filter(Q(disembunyikan=False) | Q(penerima_id=actor.pegawai_id or 0))


def apresiasi_for_actor(actor: Actor, apresiasi_id: int) -> Apresiasi:
    found = visible_apresiasi(actor).filter(pk=apresiasi_id).select_related("penerima").first()
    if found is None:
        raise Http404(_("Apresiasi tidak ditemukan."))
    return found


def may_hide(actor: Actor, penerima_id: int) -> bool:
    """BKD moderates; the receiver may hide one from their own page."""
    return is_bkd(actor) or (actor.pegawai_id is not None and actor.pegawai_id == penerima_id)


def require_hide(actor: Actor, apresiasi: Apresiasi) -> None:
    if not may_hide(actor, apresiasi.penerima_id):
        raise PermissionDenied(_("Hanya penerima apresiasi atau admin BKD yang dapat menyembunyikannya."))


def visible_inovasi(actor: Actor) -> QuerySet[Inovasi]:
    return Inovasi.objects.filter(pegawai__in=people_for_actor(actor))


def inovasi_for_actor(actor: Actor, inovasi_id: int) -> Inovasi:
    found = visible_inovasi(actor).filter(pk=inovasi_id).select_related("pegawai__jabatan").first()
    if found is None:
        raise Http404(_("Inovasi tidak ditemukan."))
    return found


def may_record_inovasi(actor: Actor, pegawai: Pegawai) -> bool:
    """The person records their own innovation, or their superior records it for them."""
    if actor.is_auditor or actor.pegawai_id is None:
        return False
    return actor.pegawai_id == pegawai.pk or is_superior(actor, pegawai)


def inovasi_subject(actor: Actor, pegawai_id: int | None) -> Pegawai:
    """Whose innovation is recorded: the named person (in sight, 404 otherwise) or the actor."""
    pegawai_id = pegawai_id or actor.pegawai_id
    if pegawai_id is None:
        raise PermissionDenied(_("Inovasi dicatat oleh pegawai sendiri atau atasan langsungnya."))
    return person_for_actor(actor, pegawai_id)


def require_record_inovasi(actor: Actor, pegawai: Pegawai) -> None:
    if not may_record_inovasi(actor, pegawai):
        raise PermissionDenied(_("Inovasi dicatat oleh pegawai sendiri atau atasan langsungnya."))


def require_verify_inovasi(actor: Actor, pegawai: Pegawai) -> None:
    """Only the superior verifies, never about oneself."""
    require_not_self(actor, pegawai.pk)
    if not is_superior(actor, pegawai):
        raise PermissionDenied(_("Hanya atasan langsung yang dapat memverifikasi inovasi."))


def visible_usulan(actor: Actor) -> QuerySet[UsulanPenghargaan]:
    return UsulanPenghargaan.objects.filter(pegawai__in=people_for_actor(actor))


def may_decide_usulan(actor: Actor, pegawai_id: int) -> bool:
    """BKD decides award proposals, never one about themselves."""
    return is_bkd(actor) and actor.pegawai_id != pegawai_id


def usulan_for_actor(actor: Actor, usulan_id: int) -> UsulanPenghargaan:
    found = visible_usulan(actor).filter(pk=usulan_id).select_related("pegawai").first()
    if found is None:
        raise Http404(_("Usulan penghargaan tidak ditemukan."))
    return found
