"""Who may do what with multi-rater and public feedback. Builds on `karier.appraisal.evaluation.access`.

Multi-rater (peers and subordinates):
- the appraisee nominates and withdraws proposals; the appraiser (and only the appraiser)
  approves or rejects them;
- a nominated rater reaches their own nominations only (anyone else: 404) and answers them;
- whoever may see the evaluation may see the aggregates (subject to the 3-answer threshold);
  only the appraiser (and admins/auditors) see who was nominated *and whether they answered*;
  nobody sees who answered what.

Public feedback (links, QR codes, moderation, summaries):
- an employee's link: the employee, anyone above them (superior chain, agency head) and BKD
  admins manage it (create, print, deactivate);
- a unit's link: the head of that unit or of any unit above it, the agency head and admins;
- moderation and the summary: the same people except the employee themself, who may read the
  summary of their own feedback (accepted comments only, like everyone) but never moderates it.
Auditors read everything and change nothing.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from karier.appraisal.choices import JenisRater
from karier.appraisal.evaluation.access import is_appraisee, is_appraiser, visible_evaluasi
from karier.appraisal.models import Evaluasi, NominasiPenilai, TautanPublik, UmpanBalikPublik
from karier.people.access import Actor, can_see_pegawai, visibility_q
from karier.people.models import Jabatan, Pegawai, UnitKerja

__all__ = [
    "can_manage_pegawai_link",
    "can_manage_unit_link",
    "can_moderate",
    "can_read_summary",
    "headed_unit_paths",
    "is_appraisee",
    "is_appraiser",
    "kandidat_for_actor",
    "moderation_q",
    "nominasi_for_actor",
    "nominasi_for_rater",
    "sees_rater_status",
    "tautan_for_actor",
]


# ---------------------------------------------------------------------------- multi-rater
def nominasi_for_actor(actor: Actor, nominasi_id: int) -> NominasiPenilai:
    """A nomination of an evaluation the actor may see (`visible_evaluasi`, the parent's one rule: the
    appraiser who rates it sees its nominations); 404 otherwise."""
    if actor.user_id is None:
        raise Http404(_("Nominasi tidak ditemukan."))
    found = (
        NominasiPenilai.objects.filter(evaluasi_id__in=visible_evaluasi(actor).values("pk"), pk=nominasi_id)
        .select_related(
            "evaluasi", "evaluasi__periode", "evaluasi__periode__tahun", "evaluasi__pegawai", "penilai_rekan"
        )
        .first()
    )
    if found is None:
        raise Http404(_("Nominasi tidak ditemukan."))
    return found


MSG_KANDIDAT_404 = gettext_noop("Pegawai tidak ditemukan.")


def kandidat_for_actor(actor: Actor, evaluasi: Evaluasi, pegawai_id: int, jenis: str) -> Pegawai:
    """The person the appraisee proposes, resolved through the people he may propose (his pool of
    peers or direct subordinates). A hidden id, a missing id and an ineligible id all answer the same
    404 and never a name (issue #8 §3c). Anyone but the appraisee: 403 (they see the evaluation)."""
    from karier.appraisal.feedback.selectors import pool

    if not is_appraisee(actor, evaluasi):
        raise PermissionDenied(_("Hanya pegawai yang dinilai yang dapat mengusulkan penilai rekan atau bawahan."))
    found = pool(evaluasi, jenis).filter(pk=pegawai_id).first() if jenis in JenisRater.values else None
    if found is None:
        raise Http404(_(MSG_KANDIDAT_404))
    return found


def nominasi_for_rater(actor: Actor, nominasi_id: int) -> NominasiPenilai:
    """The actor's own request to rate someone; anyone else's answers 404 (ids reveal nothing)."""
    if actor.pegawai_id is None or actor.is_auditor:
        raise Http404(_("Permintaan penilaian tidak ditemukan."))
    found = (
        NominasiPenilai.objects.filter(pk=nominasi_id, penilai_rekan_id=actor.pegawai_id)
        .select_related(
            "evaluasi",
            "evaluasi__periode",
            "evaluasi__periode__tahun",
            "evaluasi__pegawai",
            "evaluasi__jabatan",
            "evaluasi__unit",
        )
        .first()
    )
    if found is None:
        raise Http404(_("Permintaan penilaian tidak ditemukan."))
    return found


def sees_rater_status(actor: Actor, evaluasi: Evaluasi) -> bool:
    """Who was nominated and whether each has answered: the appraiser, admins and auditors.
    The appraisee sees their proposals and the decisions, never who has answered."""
    return actor.is_admin or actor.is_auditor or is_appraiser(actor, evaluasi)


# ---------------------------------------------------------------------------- public feedback
def headed_unit_paths(actor: Actor) -> tuple[str, ...]:
    """Paths of the units whose head position the actor covers today (one query)."""
    if not actor.jabatan_ids:
        return ()
    return tuple(
        Jabatan.objects.filter(pk__in=actor.jabatan_ids, adalah_kepala_unit=True).values_list("unit__path", flat=True)
    )


def _heads_unit(actor: Actor, unit: UnitKerja) -> bool:
    if (unit.opd_id is not None and unit.opd_id in actor.opd_ids) or unit.pk in actor.opd_ids:
        return True
    return any(unit.path.startswith(p) for p in headed_unit_paths(actor))


def _above(actor: Actor, pegawai: Pegawai) -> bool:
    """Someone above the employee (superior chain or agency head); not the employee themself."""
    return pegawai.pk != actor.pegawai_id and actor.user_id is not None and can_see_pegawai(actor, pegawai)


def can_manage_pegawai_link(actor: Actor, pegawai: Pegawai) -> bool:
    if actor.is_auditor or actor.user_id is None:
        return False
    return actor.is_admin or pegawai.pk == actor.pegawai_id or _above(actor, pegawai)


def can_manage_unit_link(actor: Actor, unit: UnitKerja) -> bool:
    if actor.is_auditor or actor.user_id is None:
        return False
    return actor.is_admin or _heads_unit(actor, unit)


def can_moderate(actor: Actor, tautan: TautanPublik) -> bool:
    if actor.is_auditor or actor.user_id is None:
        return False
    if actor.is_admin:
        return True
    if tautan.pegawai is not None:
        return _above(actor, tautan.pegawai)
    return tautan.unit is not None and _heads_unit(actor, tautan.unit)


def can_read_summary(actor: Actor, *, pegawai: Pegawai | None = None, unit: UnitKerja | None = None) -> bool:
    if actor.user_id is None:
        return False
    if actor.is_admin or actor.is_auditor:
        return True
    if pegawai is not None:
        return pegawai.pk == actor.pegawai_id or _above(actor, pegawai)
    return unit is not None and _heads_unit(actor, unit)


def tautan_for_actor(actor: Actor, tautan_id: int) -> TautanPublik:
    """A public link the actor manages (or, for auditors, reads); 404 otherwise."""
    tautan = TautanPublik.objects.filter(pk=tautan_id).select_related("pegawai", "pegawai__unit", "unit").first()
    if tautan is None:
        raise Http404(_("Tautan tidak ditemukan."))
    if actor.is_auditor:
        return tautan
    allowed = (
        can_manage_pegawai_link(actor, tautan.pegawai)
        if tautan.pegawai is not None
        else tautan.unit is not None and can_manage_unit_link(actor, tautan.unit)
    )
    if not allowed:
        raise Http404(_("Tautan tidak ditemukan."))
    return tautan


def moderation_q(actor: Actor) -> Q:
    """A filter on UmpanBalikPublik for the answers the actor moderates (auditors: reads).

    Employee links: people the actor sees, except the actor; unit links: the units the actor
    heads and everything below them, and the agencies the actor heads.
    """
    if actor.user_id is None:
        return Q(pk__in=[])
    if actor.is_admin or actor.is_auditor:
        return Q()
    q = (
        Q(tautan__pegawai__isnull=False)
        & visibility_q(actor, prefix="tautan__pegawai")
        & ~Q(tautan__pegawai_id=actor.pegawai_id)
    )
    unit_q = Q(pk__in=[])
    for path in headed_unit_paths(actor):
        unit_q |= Q(tautan__unit__path__subtree=path)
    if actor.opd_ids:
        unit_q |= Q(tautan__unit__opd_id__in=actor.opd_ids) | Q(tautan__unit_id__in=actor.opd_ids)
    return q | (Q(tautan__unit__isnull=False) & unit_q)


def moderated(actor: Actor) -> QuerySet[UmpanBalikPublik]:
    return UmpanBalikPublik.objects.filter(moderation_q(actor))
