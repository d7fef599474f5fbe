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

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from karier.people.access import Actor, is_rater, visibility_q
from karier.plans.choices import StatusSkp
from karier.plans.models import EkspektasiPerilaku, IndikatorKinerjaIndividu, RencanaHasilKerja, Skp
from karier.plans.workflow import EDITABLE, Peran


def visible_skp(actor: Actor) -> QuerySet[Skp]:
    if actor.user_id is None:
        return Skp.objects.none()
    return Skp.objects.filter(visibility_q(actor, prefix="pegawai"))


def skp_for_actor(actor: Actor, skp_id: int) -> Skp:
    """The plan if the actor may see it; 404 otherwise (ids reveal nothing)."""
    skp = visible_skp(actor).filter(pk=skp_id).select_related("tahun").first()
    if skp is None:
        raise Http404(_("SKP tidak ditemukan."))
    return skp


# ---------------------------------------------------------------------------- a plan's children
# Rows, indicators and expectations are visible exactly when their plan is: each lookup starts from
# `skp_for_actor` (404 when the plan is hidden) and then finds the child inside that plan (404 when it
# belongs to another). Screens and the API use these same functions.
def rhk_for_actor(actor: Actor, skp_id: int, rhk_id: int) -> RencanaHasilKerja:
    skp = skp_for_actor(actor, skp_id)
    rhk = RencanaHasilKerja.objects.filter(pk=rhk_id, skp=skp).select_related("skp", "skp__tahun").first()
    if rhk is None:
        raise Http404(_("Rencana hasil kerja tidak ditemukan."))
    return rhk


def iki_for_actor(actor: Actor, skp_id: int, iki_id: int) -> IndikatorKinerjaIndividu:
    skp = skp_for_actor(actor, skp_id)
    iki = (
        IndikatorKinerjaIndividu.objects.filter(pk=iki_id, rhk__skp=skp)
        .select_related("rhk", "rhk__skp", "rhk__skp__tahun")
        .first()
    )
    if iki is None:
        raise Http404(_("Indikator tidak ditemukan."))
    return iki


def ekspektasi_for_actor(actor: Actor, skp_id: int, ekspektasi_id: int) -> EkspektasiPerilaku:
    skp = skp_for_actor(actor, skp_id)
    found = EkspektasiPerilaku.objects.filter(pk=ekspektasi_id, skp=skp).select_related("skp", "skp__tahun").first()
    if found is None:
        raise Http404(_("Ekspektasi perilaku tidak ditemukan."))
    return found


def rhk_atasan_by_id(rhk_atasan_id: int | None, *, field: str = "rhk_atasan") -> RencanaHasilKerja | None:
    """The superior's RHK named by an edit (None: unlink). Any id may be named here; whether it is the
    appraiser's RHK of the same year is the service's rule (`rhk_link`), so an unknown id is a refusal
    (409 keyed by `field`), not a 404."""
    if rhk_atasan_id is None:
        return None
    found = RencanaHasilKerja.objects.select_related("skp").filter(pk=rhk_atasan_id).first()
    if found is None:
        raise ValidationError({field: _("RHK atasan tidak ditemukan.")})
    return found


# ---------------------------------------------------------------------------- roles
def is_penilai(actor: Actor, skp: Skp) -> bool:
    """The snapshotted appraiser, or whoever covers the appraiser's position today (definitive, Plt,
    Plh); never the owner, never an auditor (`people.access.is_rater`)."""
    return is_rater(
        actor, subject_id=skp.pegawai_id, penilai_id=skp.penilai_id, penilai_jabatan_id=skp.penilai_jabatan_id
    )


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


MSG_NOT_EDITABLE = gettext_noop("SKP ini tidak dapat Anda ubah sekarang.")


def require_edit(actor: Actor, skp: Skp) -> None:
    """The edit screens' refusal (403 with the reason) for a plan the actor may see but not change:
    the one rule `can_edit`, raised here so that every edit view says it the same way."""
    if not can_edit(actor, skp):
        raise PermissionDenied(_(MSG_NOT_EDITABLE))
