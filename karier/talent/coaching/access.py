"""Who sees and who acts on a coaching plan — derived from `karier.talent.access`, the one talent rule.

- **See**: whoever may see the person (the person, the superiors up the tree, the agency head, BKD
  admins, auditors — `people.access.visibility_q`), and the plan's mentor (who may be an official
  outside the person's chain when the superior or BKD named one). Hidden answers 404. Meetings and
  actions derive from the plan (`tindakan_for_actor` looks only inside `rencana_for_actor`).
- **Act** (goals, meetings, actions, closing): the mentor, the person's superior or a BKD admin —
  never the person (nobody coaches themselves), never an auditor.
- **The person** may tick their own agreed actions done: it is their commitment, and ticking it is
  how they take part. Meetings stay the mentor's record of the bimbingan (PermenPANRB 6/2022).
- **Changing the mentor**: the superior or a BKD admin only (a mentor does not hand the person on).
- **Who may be a mentor** (`mentor_candidates`, `check_mentor`): naming a mentor lets them read the plan,
  so not any employee — the person's superior today, or an active official heading a position in the
  person's agency (and the plan's current mentor stays allowed). Screens and API use the same check.
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.people.access import Actor, visibility_q
from karier.people.models import Jabatan, Pegawai
from karier.people.selectors import appraiser_on
from karier.talent.access import is_bkd, is_superior, require_not_self
from karier.talent.models import RencanaBimbingan, StatusBimbingan, TindakanBimbingan


class Peran(StrEnum):
    PEGAWAI = "pegawai"
    MENTOR = "mentor"
    ATASAN = "atasan"
    BKD = "bkd"


def visible_rencana(actor: Actor) -> QuerySet[RencanaBimbingan]:
    if actor.user_id is None and not actor.sees_everyone:
        return RencanaBimbingan.objects.none()
    q = visibility_q(actor, "pegawai")
    if actor.pegawai_id is not None:
        q |= Q(mentor_id=actor.pegawai_id)
    return RencanaBimbingan.objects.filter(q)


def rencana_for_actor(actor: Actor, rencana_id: int) -> RencanaBimbingan:
    """The plan if the actor may see it; 404 otherwise (an id reveals nothing)."""
    found = (
        visible_rencana(actor)
        .filter(pk=rencana_id)
        .select_related("pegawai__jabatan", "pegawai__unit", "mentor__jabatan")
        .first()
    )
    if found is None:
        raise Http404(_("Rencana bimbingan tidak ditemukan."))
    return found


def tindakan_for_actor(actor: Actor, rencana_id: int, tindakan_id: int) -> TindakanBimbingan:
    """An agreed action, found only inside a plan the actor sees (404 otherwise)."""
    rencana = rencana_for_actor(actor, rencana_id)
    found = TindakanBimbingan.objects.filter(pk=tindakan_id, rencana=rencana).first()
    if found is None:
        raise Http404(_("Tindakan bimbingan tidak ditemukan."))
    found.rencana = rencana
    return found


def peran(actor: Actor, rencana: RencanaBimbingan) -> frozenset[Peran]:
    if actor.is_auditor:
        return frozenset()
    roles: set[Peran] = set()
    if actor.pegawai_id is not None and actor.pegawai_id == rencana.pegawai_id:
        return frozenset({Peran.PEGAWAI})
    if actor.pegawai_id is not None and actor.pegawai_id == rencana.mentor_id:
        roles.add(Peran.MENTOR)
    if is_superior(actor, rencana.pegawai):
        roles.add(Peran.ATASAN)
    if is_bkd(actor):
        roles.add(Peran.BKD)
    return frozenset(roles)


def _refuse_reader(actor: Actor) -> None:
    if actor.is_auditor:
        raise PermissionDenied(_("Auditor hanya dapat membaca data."))


def require_coach(actor: Actor, rencana: RencanaBimbingan, roles: frozenset[Peran] | None = None) -> None:
    """Goals, meetings, actions, closing: the mentor, the superior or BKD — never the person."""
    require_not_self(actor, rencana.pegawai_id)
    _refuse_reader(actor)
    roles = peran(actor, rencana) if roles is None else roles
    if not roles & {Peran.MENTOR, Peran.ATASAN, Peran.BKD}:
        raise PermissionDenied(
            _("Hanya mentor, atasan langsung, atau admin BKD yang dapat mengubah rencana bimbingan.")
        )


def require_assign_mentor(actor: Actor, rencana: RencanaBimbingan) -> None:
    """Naming another mentor: the superior or BKD (a mentor does not hand the person on)."""
    require_not_self(actor, rencana.pegawai_id)
    _refuse_reader(actor)
    if not peran(actor, rencana) & {Peran.ATASAN, Peran.BKD}:
        raise PermissionDenied(_("Mentor hanya dapat diganti oleh atasan langsung atau admin BKD."))


def require_tick(actor: Actor, rencana: RencanaBimbingan) -> None:
    """Ticking an agreed action: the person themself, or whoever coaches them."""
    _refuse_reader(actor)
    roles = peran(actor, rencana)
    if not roles:
        raise PermissionDenied(
            _("Hanya pegawai, mentor, atasan langsung, atau admin BKD yang dapat menandai tindakan.")
        )


def require_open(rencana: RencanaBimbingan) -> None:
    """A closed plan is a record: changes are refused (409) — open a new plan instead."""
    if rencana.status != StatusBimbingan.AKTIF:
        raise ValidationError(
            _("Rencana bimbingan ini sudah selesai dan tidak dapat diubah; buka rencana baru bila perlu dilanjutkan.")
        )


#: The roles that coach (everything but ticking an action, which the person may do too).
COACHES = frozenset({Peran.MENTOR, Peran.ATASAN, Peran.BKD})


def mentor_candidates(pegawai: Pegawai) -> QuerySet[Pegawai]:
    """Officials of the person's agency who may mentor them: active, heading a position with active
    positions below (the superior, resolved by `people.selectors.appraiser_on`, is allowed too)."""
    if pegawai.opd_id is None:
        return Pegawai.objects.none()
    return (
        Pegawai.objects.filter(aktif=True, jabatan__isnull=False, opd_id=pegawai.opd_id)
        .filter(Exists(Jabatan.objects.filter(atasan_id=OuterRef("jabatan_id"), aktif=True)))
        .exclude(pk=pegawai.pk)
    )


def check_mentor(pegawai: Pegawai, mentor: Pegawai | None, current_id: int | None = None) -> Pegawai:
    """The mentor if allowed (see the module's docstring); a ValidationError on the field otherwise."""
    if mentor is None:
        msg = _("Rencana bimbingan harus punya mentor: pilih atasan langsung atau pejabat lain sebagai mentor.")
        raise ValidationError({"mentor": msg})
    if mentor.pk == pegawai.pk:
        raise ValidationError({"mentor": _("Pegawai tidak dapat menjadi mentor bagi dirinya sendiri.")})
    if not mentor.aktif or mentor.jabatan_id is None:
        raise ValidationError({"mentor": _("Mentor harus pegawai aktif yang memangku jabatan.")})
    if mentor.pk == current_id or mentor_candidates(pegawai).filter(pk=mentor.pk).exists():
        return mentor
    superior = appraiser_on(pegawai.pk, timezone.localdate())
    if superior is None or superior.pegawai.pk != mentor.pk:
        raise ValidationError(
            {"mentor": _("Mentor harus atasan langsung pegawai atau pejabat di perangkat daerah yang sama.")}
        )
    return mentor
