"""Who may set a unit's result, calibrate, finalise, sign, reopen and decide objections (issue #5, parts 5–8).

Decisions (docs/calibration.md):

- **Unit result** (predikat kinerja organisasi): whoever covers (definitive, Plt or Plh) the superior
  position of the unit's head position — "the head above the unit". A vacant superior position is
  walked past, like the appraiser. A BKD admin may not, except for a unit whose head has no superior
  position in the system (e.g. the Sekretariat Daerah, whose result the regional head sets: the admin
  records it on his behalf).
- **Calibration and finalisation** of a unit: whoever covers the unit's head position, or the head of
  its agency. BKD admins and auditors read; others get 404.
- **Superior's signature** and **objection decisions**: whoever covers the superior position of the
  appraiser's position (atasan pejabat penilai); when the appraiser has no superior in the system, the
  BKD admin.
- **Reopening** a final evaluation: a BKD admin, or a signer (the appraiser, or the superior).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from karier.appraisal.evaluation.access import visible_evaluasi
from karier.appraisal.models import Evaluasi, Keberatan, PeriodePenilaian
from karier.people.access import (
    Actor,
    DeciderInstead,
    agency_for_actor,
    conflict_message,
    decider_instead,
    decides_instead,
    is_subject,
    memoised,
)
from karier.people.choices import JenisPenugasan
from karier.people.models import Jabatan, Penugasan, UnitKerja
from karier.people.selectors import active_on, holders_on, officials_above

MSG_UNIT_404 = gettext_noop("Unit kerja tidak ditemukan.")


def kepala_jabatan(unit: UnitKerja | int) -> Jabatan | None:
    unit_id = unit if isinstance(unit, int) else unit.pk
    return Jabatan.objects.filter(unit_id=unit_id, adalah_kepala_unit=True).select_related("atasan").first()


def covering_superior(jabatan: Jabatan | None, d: dt.date | None = None) -> int | None:
    """The first superior position above `jabatan` that someone covers on `d` (vacant ones are walked
    past); None at the top of the tree. The one resolver of `karier.people.selectors`."""
    if jabatan is None or jabatan.atasan_id is None:
        return None
    found = officials_above({0: jabatan.atasan_id}, d or timezone.localdate(), include_start=True)
    return found[0].jabatan_id if 0 in found else None


def result_setter_position(unit: UnitKerja) -> int | None:
    """The position whose holder sets the unit's result: above the unit's head position (or, for a unit
    without a head position, the parent unit's head position)."""
    kepala = kepala_jabatan(unit)
    if kepala is None:
        parent_head = kepala_jabatan(unit.parent_id) if unit.parent_id else None
        return parent_head.pk if parent_head else None
    return covering_superior(kepala)


def unit_result_subjects(
    unit: UnitKerja,
    periode: PeriodePenilaian | int | None = None,
    d: dt.date | None = None,
    positions: tuple[list[int], list[int]] | None = None,
) -> set[int]:
    """Whose rating follows from the unit's result: the definitive holder(s) of the unit's head position
    on d and the appraisee of the head's evaluation in `periode` (rating_from_organisasi), and everyone
    calibrated in the unit (the result sets the curve their predikat must fit: an acting official
    above the unit who is calibrated in it does not set it either). One query, two with `periode`,
    after the unit's positions (`positions` when the caller has read them, else two more)."""
    from karier.appraisal.calibration.selectors import unit_positions, unit_scope_q

    d = d or timezone.localdate()
    own, heads_below = positions or unit_positions(unit.pk)  # the head's and everyone calibrated here
    subjects = set(
        Penugasan.objects.filter(active_on(d), jabatan_id__any=own + heads_below, jenis=JenisPenugasan.DEFINITIF)
        .order_by()  # a set: Penugasan's ordering would join the person
        .values_list("pegawai_id", flat=True)
    )
    if periode is not None:
        head_here = Q(unit_id=unit.pk, jabatan__adalah_kepala_unit=True, jabatan__unit_id=unit.pk)
        subjects |= set(
            Evaluasi.objects.filter(unit_scope_q(unit.pk, heads_below) | head_here, periode=periode)
            .order_by()  # a set: Evaluasi's ordering would join the period, the year and the person
            .values_list("pegawai_id", flat=True)
        )
    return subjects


def _subjects(actor: Actor, unit: UnitKerja, periode: PeriodePenilaian | int | None) -> set[int]:
    periode_id = periode if isinstance(periode, int) or periode is None else periode.pk
    return memoised(
        actor,
        ("unit_result_subjects", unit.pk, periode_id),
        lambda: unit_result_subjects(unit, periode, positions=_positions(actor, unit)),
    )


def _positions(actor: Actor, unit: UnitKerja) -> tuple[list[int], list[int]]:
    """`selectors.unit_positions`, once per request: the result's subjects and the conflicted heads
    both start from them."""
    from karier.appraisal.calibration.selectors import unit_positions

    return memoised(actor, ("unit_positions", unit.pk), lambda: unit_positions(unit.pk))


def _setter(actor: Actor, unit: UnitKerja) -> int | None:
    """`result_setter_position`, once per request: the curve page asks it for the button and the
    refusal."""
    return memoised(actor, ("result_setter_position", unit.pk), lambda: result_setter_position(unit))


def _falls_to(actor: Actor, position: int, subjects: set[int]) -> bool:
    """The actor decides instead: whoever covers `position` is a subject, and the actor is the next
    official up (people.access.decider_instead)."""
    if actor.pegawai_id is None or not actor.jabatan_ids or not subjects:
        return False
    cover = holders_on([position], timezone.localdate()).get(position)
    if cover is None or cover.pegawai_id not in subjects:
        return False
    instead = decider_instead(position, subjects)
    return instead is not None and instead.pegawai_id == actor.pegawai_id


def can_set_unit_result(actor: Actor, unit: UnitKerja, periode: PeriodePenilaian | int | None = None) -> bool:
    """The head above the unit, unless the result fixes his own rating (then the next official up)."""
    if actor.is_auditor or actor.user_id is None:
        return False
    position = _setter(actor, unit)
    subjects = _subjects(actor, unit, periode)
    if is_subject(actor, subjects):  # also a BKD admin recording it at the top of the tree
        return False
    if position is None:
        return actor.is_admin
    return position in actor.jabatan_ids or _falls_to(actor, position, subjects)


def unit_result_conflict(actor: Actor, unit: UnitKerja, periode: PeriodePenilaian | int | None = None) -> str:
    """The refusal (naming who decides instead) when the unit's result would fix the actor's own
    rating and the actor would otherwise set it; "" otherwise."""
    position = _setter(actor, unit)
    if (position is None and not actor.is_admin) or (position is not None and position not in actor.jabatan_ids):
        return ""
    subjects = _subjects(actor, unit, periode)
    if not is_subject(actor, subjects):
        return ""
    # At the top of the tree another BKD admin records it for the regional head (decider None).
    return conflict_message(_("predikat kinerja organisasi unit ini"), decider_instead(position, subjects))


def is_unit_head(actor: Actor, unit: UnitKerja) -> bool:
    if actor.is_auditor or not actor.jabatan_ids:
        return False
    return Jabatan.objects.filter(unit_id=unit.pk, adalah_kepala_unit=True, pk__in=actor.jabatan_ids).exists()


def is_agency_head(actor: Actor, unit: UnitKerja) -> bool:
    return not actor.is_auditor and (unit.opd_id or unit.pk) in actor.opd_ids


def conflicted_heads(
    unit: UnitKerja, d: dt.date | None = None, positions: tuple[list[int], list[int]] | None = None
) -> set[int]:
    """People covering the unit's head position (a Plt or Plh) whose own definitive position is
    calibrated in this unit: their own evaluation is in the unit's calibration. `positions`: the
    unit's `unit_positions` when the caller has them."""
    d = d or timezone.localdate()
    kepala = kepala_jabatan(unit)
    if kepala is None:
        return set()
    from karier.appraisal.calibration.selectors import unit_positions

    coverers = Penugasan.objects.filter(active_on(d), jabatan_id=kepala.pk).values("pegawai_id")
    own, heads_below = positions or unit_positions(unit.pk)
    in_scope = [pk for pk in own if pk != kepala.pk] + heads_below
    return set(
        Penugasan.objects.filter(
            active_on(d), jabatan_id__any=in_scope, jenis=JenisPenugasan.DEFINITIF, pegawai_id__in=coverers
        ).values_list("pegawai_id", flat=True)
    )


def is_calibration_substitute(actor: Actor, unit: UnitKerja) -> bool:
    """The next official up calibrates and finalises when the unit head is conflicted."""
    if actor.is_auditor or actor.pegawai_id is None or not actor.jabatan_ids:
        return False
    heads = conflicted_heads(unit, positions=_positions(actor, unit))
    kepala = kepala_jabatan(unit) if heads else None
    return kepala is not None and _falls_to(actor, kepala.pk, heads)


def can_calibrate(actor: Actor, unit: UnitKerja) -> bool:
    """Move people between categories and finalise: the unit head or the agency head — or, when the
    unit head's own evaluation is in the unit, the next official up as well."""
    return memoised(
        actor,
        ("can_calibrate", unit.pk),
        lambda: is_agency_head(actor, unit) or is_unit_head(actor, unit) or is_calibration_substitute(actor, unit),
    )


def calibration_decider(unit: UnitKerja) -> DeciderInstead | None:
    """Who calibrates and finalises instead of a conflicted unit head (None when no conflict)."""
    heads = conflicted_heads(unit)
    kepala = kepala_jabatan(unit) if heads else None
    return decider_instead(kepala.pk, heads) if kepala is not None else None


def move_conflict(actor: Actor, evaluasi: Evaluasi, unit: UnitKerja) -> str:
    """The refusal when the actor would move their own evaluation; "" otherwise."""
    if not is_subject(actor, (evaluasi.pegawai_id,)):
        return ""
    kepala = kepala_jabatan(unit)
    instead = decider_instead(kepala.pk, {evaluasi.pegawai_id}) if kepala is not None else None
    return conflict_message(_("kalibrasi evaluasi Anda sendiri"), instead)


def finalise_conflict(actor: Actor, unit: UnitKerja, periode: PeriodePenilaian | int) -> str:
    """The refusal when the actor's own evaluation is among those the finalisation signs; "" otherwise."""
    from karier.appraisal.calibration.selectors import unit_evaluations

    if actor.pegawai_id is None or not unit_evaluations(unit, periode).filter(pegawai_id=actor.pegawai_id).exists():
        return ""
    kepala = kepala_jabatan(unit)
    instead = decider_instead(kepala.pk, {actor.pegawai_id}) if kepala is not None else None
    return conflict_message(_("finalisasi unit ini, yang memuat evaluasi Anda sendiri,"), instead)


def can_view_unit(actor: Actor, unit: UnitKerja) -> bool:
    return actor.sees_everyone or can_calibrate(actor, unit) or can_set_unit_result(actor, unit)


def unit_for_calibration(actor: Actor, unit_id: int) -> UnitKerja:
    """The unit if the actor may see its calibration; 404 otherwise (never 403)."""
    unit = UnitKerja.objects.filter(pk=unit_id).select_related("parent", "opd").first()
    if unit is None or actor.user_id is None or not can_view_unit(actor, unit):
        raise Http404(_(MSG_UNIT_404))
    return unit


def unit_periode_for_calibration(actor: Actor, periode_id: int, unit_id: int) -> tuple[PeriodePenilaian, UnitKerja]:
    """The period and the unit whose calibration the actor may see; 404 otherwise. Views and API share it."""
    unit = unit_for_calibration(actor, unit_id)
    return get_object_or_404(PeriodePenilaian, pk=periode_id), unit


def unit_evaluasi_for_calibration(
    actor: Actor, unit: UnitKerja, periode: PeriodePenilaian, evaluasi_id: int
) -> Evaluasi:
    """An evaluation calibrated in a unit the actor sees (`unit_for_calibration`, the parent's one
    rule); 404 otherwise."""
    from karier.appraisal.calibration.selectors import unit_evaluations

    ev = unit_evaluations(unit, periode).filter(pk=evaluasi_id).select_related("periode", "pegawai").first()
    if ev is None:
        raise Http404(_("Evaluasi tidak ditemukan."))
    return ev


def unit_documents_for_actor(actor: Actor, periode_id: int, unit_id: int) -> tuple[PeriodePenilaian, UnitKerja]:
    """The period and unit whose penetapan and recap the actor may read; 404 otherwise."""
    periode, unit = unit_periode_for_calibration(actor, periode_id, unit_id)
    if not can_read_unit_documents(actor, unit):
        raise Http404(_("Dokumen tidak ditemukan."))
    return periode, unit


def agency_for_calibration(actor: Actor, opd_id: int) -> UnitKerja:
    return agency_for_actor(actor, opd_id)


def can_read_unit_documents(actor: Actor, unit: UnitKerja) -> bool:
    """Penetapan predikat and the recap: unit head, agency head, BKD admin, auditor."""
    return actor.sees_everyone or can_calibrate(actor, unit)


# ---------------------------------------------------------------------------- signatures
def atasan_penilai_position(evaluasi: Evaluasi) -> int | None:
    """The appraiser's superior position (covered today), or None when the appraiser has none."""
    if evaluasi.penilai_jabatan_id is None:
        return None
    jabatan = Jabatan.objects.filter(pk=evaluasi.penilai_jabatan_id).first()
    return covering_superior(jabatan)


def is_atasan_penilai(actor: Actor, evaluasi: Evaluasi, position: int | None = -1) -> bool:
    """Signs second and decides objections. `position` may be passed when already resolved.

    Two signatures mean two people: the official who signed as appraiser never countersigns as
    his own superior (e.g. as Plt of the superior's post) nor judges an objection to his own
    rating; the next official up does, as when the appraisee covers that post.
    """
    if actor.is_auditor or actor.user_id is None or actor.pegawai_id == evaluasi.pegawai_id:
        return False
    appraiser = evaluasi.ditandatangani_penilai_oleh_id or evaluasi.penilai_id
    if appraiser is not None and actor.pegawai_id == appraiser:
        return False
    pos = atasan_penilai_position(evaluasi) if position == -1 else position
    if pos is None:
        return actor.is_admin
    # When the appraisee (or the appraiser) himself covers that post (Plt/Plh), the next official up
    # signs and decides.
    return (
        pos in actor.jabatan_ids
        or decides_instead(actor, pos, evaluasi.pegawai_id)
        or (appraiser is not None and decides_instead(actor, pos, appraiser))
    )


def own_conflict_notes(actor: Actor, evaluasi: Evaluasi) -> list[str]:
    """For an appraisee who covers his own appraiser's post, or the appraiser's superior's (Plt/Plh):
    who decides instead of him (rating and signature; superior's signature and objections). Costs
    nothing for anyone else."""
    if actor.pegawai_id is None or actor.pegawai_id != evaluasi.pegawai_id or not actor.jabatan_ids:
        return []
    me = (actor.pegawai_id,)
    notes = []
    today = timezone.localdate()
    posts = (
        (evaluasi.penilai_jabatan_id, gettext_noop("penilaian dan tanda tangan pejabat penilai")),
        (atasan_penilai_position(evaluasi), gettext_noop("tanda tangan atasan pejabat penilai dan keberatan")),
    )
    for pos, apa in posts:
        if pos is None or pos not in actor.jabatan_ids:
            continue
        cover = holders_on([pos], today).get(pos)
        if cover is not None and cover.pegawai_id == actor.pegawai_id:
            what = _("%(apa)s atas evaluasi Anda sendiri") % {"apa": _(apa)}
            notes.append(conflict_message(what, decider_instead(pos, me)))
    return notes


# ---------------------------------------------------------------------------- objections
def can_decide_objection(actor: Actor, keberatan: Keberatan) -> bool:
    """The appraiser's superior (atasan pejabat penilai) decides an objection."""
    return is_atasan_penilai(actor, keberatan.evaluasi)


def keberatan_for_actor(actor: Actor, keberatan_id: int) -> Keberatan:
    """An objection is visible with its evaluation (`visible_evaluasi`, the parent's one rule); 404 otherwise."""
    row = (
        Keberatan.objects.filter(pk=keberatan_id, evaluasi__in=visible_evaluasi(actor))
        .select_related("evaluasi", "evaluasi__pegawai", "evaluasi__periode", "evaluasi__penilai")
        .first()
    )
    if row is None:
        raise Http404(_("Keberatan tidak ditemukan."))
    return row
