"""Who may see and do what with a development plan — the only place it is decided.

- A plan is visible exactly when its owner is (`karier.people.access.visibility_q`: oneself, the
  superior chain, the agency head, BKD admins, auditors); hidden answers 404. Its items derive from
  the plan (`item_for_actor` looks only inside `rencana_for_actor`).
- Two parties act: the owner (drafts, edits, submits) and the superior who appraises the owner today
  — the one rule the catalogue already uses (`catalogue.access.is_superior_of`: the appraiser resolved
  by `appraiser_on`, `is_rater`, a Plt/Plh counts, a conflicted official is passed over to the next
  one up). Nobody decides their own plan; auditors and admins read.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.development.catalogue.access import is_superior_of
from karier.development.idp.workflow import EDITABLE, Peran, status_label
from karier.development.models import ItemRencana, RencanaPengembangan, StatusRencana
from karier.people.access import Actor, is_rater, visibility_q
from karier.people.models import Pegawai
from karier.people.selectors import appraiser_on, appraisers_on


def visible_rencana(actor: Actor) -> QuerySet[RencanaPengembangan]:
    if actor.user_id is None and not actor.sees_everyone:
        return RencanaPengembangan.objects.none()
    return RencanaPengembangan.objects.filter(visibility_q(actor, "pegawai"))


def rencana_for_actor(actor: Actor, rencana_id: int) -> RencanaPengembangan:
    """The plan if the actor may see it; 404 otherwise (ids reveal nothing)."""
    found = visible_rencana(actor).filter(pk=rencana_id).select_related("pegawai__jabatan").first()
    if found is None:
        raise Http404(_("Rencana pengembangan tidak ditemukan."))
    return found


def item_for_actor(actor: Actor, rencana_id: int, item_id: int) -> ItemRencana:
    """An item, found only inside a plan the actor sees (404 when either is hidden or they differ)."""
    rencana = rencana_for_actor(actor, rencana_id)
    found = ItemRencana.objects.filter(pk=item_id, rencana=rencana).select_related("kegiatan", "sesi").first()
    if found is None:
        raise Http404(_("Kegiatan dalam rencana tidak ditemukan."))
    found.rencana = rencana
    return found


# ---------------------------------------------------------------------------- roles
def peran(actor: Actor, rencana: RencanaPengembangan) -> frozenset[Peran]:
    if actor.is_auditor or actor.pegawai_id is None:
        return frozenset()
    roles = set()
    if rencana.pegawai_id == actor.pegawai_id:
        roles.add(Peran.PEMILIK)
    elif is_superior_of(actor, rencana.pegawai):
        roles.add(Peran.ATASAN)
    return frozenset(roles)


def can_edit(actor: Actor, rencana: RencanaPengembangan, roles: frozenset[Peran] | None = None) -> bool:
    roles = peran(actor, rencana) if roles is None else roles
    return Peran.PEMILIK in roles and rencana.status in EDITABLE


def require_edit(actor: Actor, rencana: RencanaPengembangan) -> None:
    """Only the owner changes the items (403), and only while the plan is a draft or returned (409:
    a submitted plan waits for the superior; an agreed one is locked until the superior returns it)."""
    if Peran.PEMILIK not in peran(actor, rencana):
        if actor.is_auditor:
            raise PermissionDenied(_("Auditor hanya dapat membaca data."))
        raise PermissionDenied(_("Hanya pegawai pemilik rencana yang dapat mengubah rencana pengembangannya."))
    if rencana.status not in EDITABLE:
        raise ValidationError(locked_message(rencana))


def locked_message(rencana: RencanaPengembangan) -> str:
    if rencana.status == StatusRencana.DISETUJUI:
        return _(
            "Rencana pengembangan tahun %(tahun)s sudah disetujui atasan dan terkunci; minta atasan "
            "mengembalikannya bila perlu diubah."
        ) % {"tahun": rencana.tahun}
    return _(
        "Rencana pengembangan tahun %(tahun)s berstatus %(status)s dan sedang menunggu keputusan atasan; "
        "rencana tidak dapat diubah sekarang."
    ) % {"tahun": rencana.tahun, "status": status_label(rencana.status)}


def refuse_own_decision(actor: Actor, rencana: RencanaPengembangan) -> None:
    """Nobody agrees or returns their own plan — not even an acting head covering her own superior's
    post: the refusal names who decides instead (the appraiser resolved past her)."""
    if actor.pegawai_id is None or actor.pegawai_id != rencana.pegawai_id:
        return
    instead = appraiser_on(rencana.pegawai_id, timezone.localdate())
    who = (
        _("Keputusan ini diambil oleh %(siapa)s.") % {"siapa": f"{instead.pegawai.nama} ({instead.jabatan.nama})"}
        if instead is not None
        else _("Keputusan ini diambil oleh admin BKD atas nama kepala daerah.")
    )
    raise PermissionDenied(
        _("Anda tidak dapat memutuskan rencana pengembangan Anda sendiri (benturan kepentingan).") + " " + who
    )


def require_create_for(actor: Actor, pegawai: Pegawai) -> None:
    """A person makes their own plan (a BKD admin may start one for anyone); never an auditor."""
    if actor.is_auditor:
        raise PermissionDenied(_("Auditor hanya dapat membaca data."))
    if not (actor.is_admin or actor.pegawai_id == pegawai.pk):
        raise PermissionDenied(_("Rencana pengembangan disusun oleh pegawai yang bersangkutan."))


# ---------------------------------------------------------------------------- the superior's queue
def rencana_menunggu(actor: Actor, tahun: int | None = None) -> list[RencanaPengembangan]:
    """Submitted plans waiting for the actor as the appraiser of their owner: the visible ones, every
    owner's appraiser resolved in one batch (`appraisers_on`) and the one rule (`is_rater`)."""
    if actor.pegawai_id is None or actor.is_auditor or not actor.has_subordinates:
        return []
    qs = visible_rencana(actor).filter(status=StatusRencana.DIAJUKAN).exclude(pegawai_id=actor.pegawai_id)
    if tahun is not None:
        qs = qs.filter(tahun=tahun)
    waiting = list(qs.select_related("pegawai__jabatan", "pegawai__unit").order_by("diajukan_pada", "pk"))
    found = appraisers_on({r.pegawai_id for r in waiting}, timezone.localdate())
    out = []
    for r in waiting:
        appraiser = found.get(r.pegawai_id)
        if appraiser is not None and is_rater(
            actor, subject_id=r.pegawai_id, penilai_id=appraiser.pegawai.pk, penilai_jabatan_id=appraiser.jabatan.pk
        ):
            out.append(r)
    return out
