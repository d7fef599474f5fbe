"""Who sees and decides what about promotions — derived from `karier.talent.access`.

- An eligibility row and a proposal are visible exactly when their person is
  (`karier.people.access.visibility_q`): the person, their superiors, the agency head (their
  agency's list, read-only), BKD admins and auditors (everyone). Hidden answers 404.
- Only a BKD admin proposes, verifies, rejects and decides, and never about herself
  (`karier.talent.access.require_bkd_decision`); auditors read.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from karier.people.access import Actor, visibility_q
from karier.talent.access import is_bkd
from karier.talent.models import KelayakanPangkat, UsulanKenaikanPangkat
from karier.talent.promotion.workflow import Peran


def visible_kelayakan(actor: Actor) -> QuerySet[KelayakanPangkat]:
    if actor.user_id is None and not actor.sees_everyone:
        return KelayakanPangkat.objects.none()
    return KelayakanPangkat.objects.filter(visibility_q(actor, "pegawai"))


def visible_usulan(actor: Actor) -> QuerySet[UsulanKenaikanPangkat]:
    if actor.user_id is None and not actor.sees_everyone:
        return UsulanKenaikanPangkat.objects.none()
    return UsulanKenaikanPangkat.objects.filter(visibility_q(actor, "pegawai"))


def usulan_for_actor(actor: Actor, usulan_id: int) -> UsulanKenaikanPangkat:
    """The proposal if the actor may see its person; 404 otherwise (ids reveal nothing)."""
    found = (
        visible_usulan(actor)
        .filter(pk=usulan_id)
        .select_related("pegawai__jabatan", "pegawai__opd", "golongan_dari", "golongan_ke")
        .first()
    )
    if found is None:
        raise Http404(_("Usulan kenaikan pangkat tidak ditemukan."))
    return found


def peran(actor: Actor, usulan: UsulanKenaikanPangkat) -> frozenset[Peran]:
    """The BKD role on this proposal: a BKD admin who is not its subject."""
    if is_bkd(actor) and actor.pegawai_id != usulan.pegawai_id:
        return frozenset({Peran.BKD})
    return frozenset()


def can_propose(actor: Actor, pegawai_id: int) -> bool:
    """Whether the screen offers "Usulkan" for this person (the service decides again)."""
    return is_bkd(actor) and actor.pegawai_id != pegawai_id
