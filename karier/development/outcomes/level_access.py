"""Who may see and decide a level change proposed by a completed activity — the only place it is
decided for `UsulanKenaikanLevel` (kept apart from `access.py`, which the catalogue's enrolment owns,
so each area's rules stay small; it builds on the same functions).

- A proposal is personal: visible to whoever may see the person (`people.access.visibility_q`);
  hidden is 404.
- It is decided by the person's superior — their appraiser today, by the one rule
  (`catalogue.access.is_superior_of`: `people.access.is_rater`, Plt/Plh included, a conflicted
  official passed over) — never by the person themself, never by an auditor, and not by a BKD admin
  as such: the level is a judgement about behaviour at work, which is the superior's.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.development.catalogue.access import is_superior_of
from karier.development.models import StatusUsulanLevel, UsulanKenaikanLevel
from karier.people.access import Actor, is_rater, visibility_q
from karier.people.models import Pegawai
from karier.people.selectors import appraisers_on

RELATED = ("pegawai", "kompetensi", "pendaftaran__sesi__kegiatan")


def visible_usulan_level(actor: Actor) -> QuerySet[UsulanKenaikanLevel]:
    if actor.user_id is None and not actor.is_admin:
        return UsulanKenaikanLevel.objects.none()
    return UsulanKenaikanLevel.objects.filter(visibility_q(actor, "pegawai"))


def usulan_level_for_actor(actor: Actor, usulan_id: int) -> UsulanKenaikanLevel:
    found = visible_usulan_level(actor).filter(pk=usulan_id).select_related(*RELATED).first()
    if found is None:
        raise Http404(_("Usulan kenaikan level tidak ditemukan."))
    return found


def require_decide(actor: Actor, pegawai: Pegawai) -> None:
    """403 with the reason; the caller found the proposal through `usulan_level_for_actor`."""
    if actor.pegawai_id is not None and actor.pegawai_id == pegawai.pk:
        raise PermissionDenied(
            _("Anda tidak dapat mengonfirmasi kenaikan level kompetensi Anda sendiri; atasan Anda yang memutuskan.")
        )
    if not is_superior_of(actor, pegawai):
        raise PermissionDenied(_("Hanya atasan langsung pegawai yang dapat mengonfirmasi kenaikan level kompetensi."))


def may_decide(actor: Actor, pegawai: Pegawai) -> bool:
    try:
        require_decide(actor, pegawai)
    except PermissionDenied:
        return False
    return True


def usulan_level_to_decide(actor: Actor) -> list[UsulanKenaikanLevel]:
    """The proposals waiting for the actor as the appraiser of the person: the visible pending ones,
    with every person's appraiser resolved in one batch (`appraisers_on`) and the one rule
    (`is_rater`). A fixed number of queries for any team."""
    if actor.pegawai_id is None or actor.is_auditor or not actor.has_subordinates:
        return []
    waiting = list(
        visible_usulan_level(actor)
        .filter(status=StatusUsulanLevel.MENUNGGU)
        .exclude(pegawai_id=actor.pegawai_id)
        .select_related(*RELATED)
        .order_by("dibuat_pada", "pk")
    )
    found = appraisers_on({u.pegawai_id for u in waiting}, timezone.localdate())
    out = []
    for u in waiting:
        appraiser = found.get(u.pegawai_id)
        if appraiser is not None and is_rater(
            actor, subject_id=u.pegawai_id, penilai_id=appraiser.pegawai.pk, penilai_jabatan_id=appraiser.jabatan.pk
        ):
            out.append(u)
    return out
