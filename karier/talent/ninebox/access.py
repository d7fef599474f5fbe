"""Who sees which placement, sanction and rule set (issue #12 item 4), derived from
`karier.talent.access` (the one talent rule) and `karier.people.access` (who sees whom).

- A placement is visible to whoever may see its person: BKD admins and auditors everyone, an agency
  head their agency, a superior their subtree, a person their own. Hidden is 404.
- The grid (counts per box) is a tool for those who see more than themselves; its counts are always
  filtered by the same visibility, so a scope never reveals people the actor may not see.
- Sanctions are sensitive: BKD admins (write) and auditors (read) see them, and the person their own.
- Rule sets: BKD admins add versions and activate them; auditors read; the rule set behind a
  placement is shown with the placement to whoever sees it.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from karier.people.access import Actor, visibility_q
from karier.people.models import Pegawai
from karier.talent.access import is_bkd, person_for_actor, require_bkd, require_not_self
from karier.talent.models import AturanTalenta, HukumanDisiplin, PenempatanTalenta

__all__ = [
    "hukuman_for_actor",
    "hukuman_to_correct",
    "is_bkd",
    "may_read_admin",
    "may_see_grid",
    "may_see_sanctions_of",
    "person_for_actor",
    "require_bkd",
    "require_grid",
    "require_hukuman_decision",
    "require_hukuman_form",
    "require_read_admin",
    "visible_hukuman",
    "visible_penempatan",
]


def visible_penempatan(actor: Actor) -> QuerySet[PenempatanTalenta]:
    """Placements of the people the actor may see (no join at all for BKD admins and auditors)."""
    if actor.user_id is None:
        return PenempatanTalenta.objects.none()
    if actor.sees_everyone:
        return PenempatanTalenta.objects.all()
    return PenempatanTalenta.objects.filter(visibility_q(actor, "pegawai"))


def may_see_grid(actor: Actor) -> bool:
    return actor.user_id is not None and (actor.sees_everyone or bool(actor.opd_ids) or actor.has_subordinates)


def require_grid(actor: Actor) -> None:
    """The grid is for those who see more than themselves; others are sent to their own page (404 here)."""
    if not may_see_grid(actor):
        raise Http404(_("Peta talenta tidak ditemukan."))


def may_read_admin(actor: Actor) -> bool:
    """BKD admins and auditors: the BKD lists (sanctions, rule sets)."""
    return actor.user_id is not None and actor.sees_everyone


def require_read_admin(actor: Actor) -> None:
    if not may_read_admin(actor):
        raise Http404(_("Halaman tidak ditemukan."))


def may_see_sanctions_of(actor: Actor, pegawai: Pegawai) -> bool:
    return may_read_admin(actor) or (actor.pegawai_id is not None and actor.pegawai_id == pegawai.pk)


def visible_hukuman(actor: Actor) -> QuerySet[HukumanDisiplin]:
    if may_read_admin(actor):
        return HukumanDisiplin.objects.all()
    if actor.pegawai_id is None:
        return HukumanDisiplin.objects.none()
    return HukumanDisiplin.objects.filter(pegawai_id=actor.pegawai_id)


def hukuman_for_actor(actor: Actor, hukuman_id: int) -> HukumanDisiplin:
    """The sanction, if the actor may see it (404 otherwise)."""
    row = visible_hukuman(actor).select_related("pegawai").filter(pk=hukuman_id).first()
    if row is None:
        raise Http404(_("Hukuman disiplin tidak ditemukan."))
    return row


def require_hukuman_decision(actor: Actor, pegawai_id: int) -> None:
    """Recording or changing a sanction: a BKD admin, never about themselves (checked first)."""
    require_not_self(actor, pegawai_id)
    require_bkd(actor, _("Hanya admin BKD yang dapat mencatat hukuman disiplin."))


def require_hukuman_form(actor: Actor) -> None:
    """The sanction forms: those who read the BKD lists reach them (others 404); only BKD admins may
    fill them in (auditors 403)."""
    require_read_admin(actor)
    require_bkd(actor, _("Hanya admin BKD yang dapat mencatat hukuman disiplin."))


def hukuman_to_correct(actor: Actor, hukuman_id: int) -> HukumanDisiplin:
    """A sanction to correct: the person sees their own but never its correction (404, like everyone
    outside the BKD lists); whether the actor may write is the service's check (403)."""
    row = hukuman_for_actor(actor, hukuman_id)
    require_read_admin(actor)
    return row


def aturan_for_actor(actor: Actor, aturan_id: int) -> AturanTalenta:
    """A rule set, for the BKD screens (auditors read; 404 for everyone else)."""
    require_read_admin(actor)
    row = AturanTalenta.objects.select_related("opd").filter(pk=aturan_id).first()
    if row is None:
        raise Http404(_("Aturan talenta tidak ditemukan."))
    return row
