"""Who may see and do what with a plan (SKP). Builds on `karier.people.access`.

- A plan is visible exactly when its owner is visible (self, superior chain, agency head, admin,
  auditor); a hidden plan answers 404.
- Two parties act on a plan: its owner (`pemilik`) and its appraiser (`penilai`): the person
  snapshotted as appraiser on the plan, or whoever covers the appraiser's position today (a
  Plt/Plh, or a new holder after a transfer).
- Auditors read everything and act on nothing; admins read everything and act only on their own
  plan (approving is the appraiser's alone).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from karier.people.access import Actor, decides_instead, visibility_q
from karier.people.selectors import holder_on
from karier.plans.choices import StatusSkp
from karier.plans.models import Skp
from karier.plans.workflow import EDITABLE, Peran


def visible_skp(actor: Actor) -> QuerySet[Skp]:
    if actor.user_id is None:
        return Skp.objects.none()
    return Skp.objects.filter(visibility_q(actor, prefix="pegawai"))


def skp_for_actor(actor: Actor, skp_id: int) -> Skp:
    """The plan if the actor may see it; 404 otherwise (ids reveal nothing)."""
    skp = visible_skp(actor).filter(pk=skp_id).select_related("tahun").first()
    if skp is None:
        raise Http404("SKP tidak ditemukan.")
    return skp


def is_penilai(actor: Actor, skp: Skp) -> bool:
    """The snapshotted appraiser, or the person covering the appraiser's position today.

    The holder lookup (one query) runs only when the actor covers that position at all.
    """
    if actor.pegawai_id is None or actor.is_auditor:
        return False
    if skp.penilai_id is not None and skp.penilai_id == actor.pegawai_id and skp.penilai_id != skp.pegawai_id:
        return True
    if skp.penilai_jabatan_id is None or skp.penilai_jabatan_id not in actor.jabatan_ids:
        # Nobody approves his own plan: when the owner covers his own appraiser's post (Plt/Plh), the
        # decision falls to the next official up (people.access.decides_instead).
        return decides_instead(actor, skp.penilai_jabatan_id, skp.pegawai_id)
    holder = holder_on(skp.penilai_jabatan_id, timezone.localdate())
    return holder is not None and holder.pegawai.pk == actor.pegawai_id and actor.pegawai_id != skp.pegawai_id


def peran(actor: Actor, skp: Skp) -> frozenset[Peran]:
    if actor.is_auditor or actor.pegawai_id is None:
        return frozenset()
    roles = set()
    if skp.pegawai_id == actor.pegawai_id:
        roles.add(Peran.PEMILIK)
    if is_penilai(actor, skp):
        roles.add(Peran.PENILAI)
    return frozenset(roles)


def can_edit(actor: Actor, skp: Skp, roles: frozenset[Peran] | None = None) -> bool:
    """The owner changes rows, links and the appendix while the plan is a draft or returned."""
    roles = peran(actor, skp) if roles is None else roles
    return Peran.PEMILIK in roles and skp.status in EDITABLE and not skp.tahun.ditutup


def can_edit_ekspektasi(actor: Actor, skp: Skp, roles: frozenset[Peran] | None = None) -> bool:
    """The appraiser writes the specific behaviour expectations until the plan is approved."""
    roles = peran(actor, skp) if roles is None else roles
    return Peran.PENILAI in roles and skp.status != StatusSkp.DISETUJUI and not skp.tahun.ditutup


def can_decide(actor: Actor, skp: Skp, roles: frozenset[Peran] | None = None) -> bool:
    """Return or approve: the appraiser, while the plan is submitted."""
    roles = peran(actor, skp) if roles is None else roles
    return Peran.PENILAI in roles and skp.status == StatusSkp.DIAJUKAN and not skp.tahun.ditutup


def can_comment(actor: Actor, skp: Skp, roles: frozenset[Peran] | None = None) -> bool:
    """Dialog kinerja notes: either party, in any status, while the year is open."""
    roles = peran(actor, skp) if roles is None else roles
    return bool(roles) and not skp.tahun.ditutup


def can_create_for(actor: Actor, pegawai_id: int) -> bool:
    """A person makes their own plan; a BKD admin (pengelola kinerja) may make one for anyone."""
    if actor.is_auditor:
        return False
    return actor.is_admin or (actor.pegawai_id is not None and actor.pegawai_id == pegawai_id)
