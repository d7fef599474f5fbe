"""Who sees the fairness analytics (issue #13 item 2): BKD admins and auditors (every agency) and agency
heads (the agencies they head, `Actor.opd_ids`). Nobody else: the screen answers 403 to a signed-in user
without one of these roles, and an agency the viewer may not see answers 404 (screen and API alike),
so an id never confirms that an agency exists.

Auditors: the issue names BKD admins and agency heads; the house rule (docs/contributing.md) is that
auditors read everything and write nothing, and this page only reads — so the Inspektorat sees it too,
read-only like everything else (docs/fairness.md).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from karier.people.access import Actor, agency_for_actor, visible_agencies
from karier.people.models import UnitKerja


def may_see_fairness(actor: Actor) -> bool:
    """BKD admin, auditor, or head of at least one agency."""
    return actor.user_id is not None and (actor.sees_everyone or bool(actor.opd_ids))


def ensure_fairness(actor: Actor) -> None:
    """403 with the reason for a signed-in user without the role (the screen's entry)."""
    if not may_see_fairness(actor):
        raise PermissionDenied(
            _("Analisis keadilan penilaian hanya untuk admin BKD, auditor, dan kepala perangkat daerah.")
        )


def fairness_agencies(actor: Actor) -> QuerySet[UnitKerja]:
    """The agencies (top units) whose analytics the actor sees, by name (`people.access.visible_agencies`,
    none without the role)."""
    if not may_see_fairness(actor):
        return UnitKerja.objects.none()
    return visible_agencies(actor).order_by("nama")


def agency_for_fairness(actor: Actor, opd_id: int) -> UnitKerja:
    """The agency if the actor may see its analytics; 404 otherwise (also for a plain employee): the role
    rule here, the agency through `people.access.agency_for_actor`."""
    if not may_see_fairness(actor):
        raise Http404(_("Perangkat daerah tidak ditemukan."))
    return agency_for_actor(actor, opd_id)
