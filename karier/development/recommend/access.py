"""Who may see recommendations and who may run the computation (issue #11 item 5).

A person's recommendations follow the person (`people.access.pegawai_for_actor`: hidden is 404). The
team page shows the people whose position reports to one the actor holds. The province-wide
computation is started by BKD admins (any scope) and by an agency head for their own agency; auditors
read, employees neither start it nor see its job.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from karier.development.competency.access import may_manage
from karier.people.access import Actor, pegawai_for_actor
from karier.people.models import Pegawai


def may_run(actor: Actor, opd_id: int | None) -> bool:
    """BKD admins anywhere; an agency head for their agency. Never an auditor."""
    if actor.is_auditor and not actor.is_admin:
        return False
    if may_manage(actor):
        return True
    return opd_id is not None and opd_id in actor.opd_ids


def may_run_any(actor: Actor) -> bool:
    """Whether the page offers the start button at all."""
    return (may_manage(actor) or bool(actor.opd_ids)) and not (actor.is_auditor and not actor.is_admin)


def require_run(actor: Actor, opd_id: int | None) -> None:
    if not may_run(actor, opd_id):
        raise PermissionDenied(
            _(
                "Hanya admin BKD (atau kepala perangkat daerah untuk perangkat daerahnya) yang dapat menjalankan "
                "perhitungan kebutuhan dan rekomendasi pengembangan."
            )
        )


def rekomendasi_pegawai_for_actor(actor: Actor, pegawai_id: int) -> Pegawai:
    """The person whose recommendations are asked for: visible, or 404."""
    return pegawai_for_actor(actor, pegawai_id)


def team(actor: Actor) -> QuerySet[Pegawai]:
    """The active people whose position reports directly to one the actor holds today."""
    if not actor.jabatan_ids:
        return Pegawai.objects.none()
    return Pegawai.objects.filter(aktif=True, jabatan__atasan_id__in=actor.jabatan_ids).exclude(
        pk=actor.pegawai_id or 0
    )
