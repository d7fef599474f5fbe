"""Reads for the unit result and the calibration against the distribution curve (issue #5, part 5).

**Who is in a unit's calibration** — the people the unit's head leads directly, so that every
evaluation belongs to exactly one unit and each unit is finalised once:

- everyone appraised in the unit itself, except the unit's own head;
- the heads of the units whose head position reports to a position of this unit (the heads of its
  sub-units; for the Sekretariat Daerah, the heads of the agencies).

A unit head's own evaluation is therefore calibrated one level up, where his rating hasil kerja is
his unit's result. The head at the very top (no superior position) is in no unit.

The curve of the year's policy (`KalenderPenilaian.kebijakan_kurva`, else `DEFAULT_CURVE`) is
checked with `karier.rules.check_distribution` on the final predikat (`predikat_akhir` when
calibrated, else `predikat`); unrated people are counted apart and block finalisation.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, NullIf

from karier.appraisal.choices import PredikatChoice, StatusFinalisasi, StatusKeberatan
from karier.appraisal.models import (
    Evaluasi,
    FinalisasiUnit,
    KalenderPenilaian,
    Keberatan,
    PeriodePenilaian,
    PredikatOrganisasiUnit,
)
from karier.people.access import Actor
from karier.people.models import Jabatan, UnitKerja
from karier.rules import (
    DEFAULT_CURVE,
    PREDIKAT_ORDER,
    CurveLimit,
    CurvePolicy,
    CurveViolation,
    check_distribution,
    curve_limits,
    curve_policy_from_dict,
)

#: Best first, for columns and tables.
PREDIKAT_COLUMNS: tuple[str, ...] = tuple(p.value for p in reversed(PREDIKAT_ORDER))
BELUM = ""  # key of the unrated column

HEAD_Q = Q(jabatan__adalah_kepala_unit=True, jabatan__unit_id=F("unit_id"))


def final_predikat_expr() -> Any:
    """predikat_akhir when calibrated, else predikat ('' when unrated)."""
    return Coalesce(NullIf(F("predikat_akhir"), Value("")), F("predikat"))


def calibration_unit_expr() -> Any:
    """The unit whose calibration an evaluation belongs to (see the module docstring)."""
    return Case(When(HEAD_Q, then=F("jabatan__atasan__unit_id")), default=F("unit_id"))


def unit_positions(unit_id: int) -> tuple[list[int], list[int]]:
    """(the unit's own positions, the head positions reporting to one of them): whose holders are
    calibrated in the unit, bar its own head. Two small indexed reads (positions by unit; heads by
    superior), so that callers filter by literal position ids and never join every position of the
    province to its superior's."""
    own = list(Jabatan.objects.filter(unit_id=unit_id).order_by().values_list("pk", flat=True))
    below = list(
        Jabatan.objects.filter(adalah_kepala_unit=True, atasan_id__any=own).order_by().values_list("pk", flat=True)
    )
    return own, below


def unit_scope_q(unit_id: int, heads_below: list[int] | None = None) -> Q:
    """The unit's calibration members (module docstring) as indexed predicates: the evaluations of the
    unit by the (periode, unit) index, and those of the head positions reporting into it by their
    position (`unit_positions`, unless the caller has read them: `heads_below`), never a join over
    the period."""
    if heads_below is None:
        _own, heads_below = unit_positions(unit_id)
    q = Q(unit_id=unit_id) & ~HEAD_Q
    if heads_below:
        q |= HEAD_Q & Q(jabatan_id__in=heads_below)
    return q


def unit_evaluations(unit: UnitKerja | int, periode: PeriodePenilaian | int) -> QuerySet[Evaluasi]:
    unit_id = unit if isinstance(unit, int) else unit.pk
    periode_id = periode if isinstance(periode, int) else periode.pk
    return Evaluasi.objects.filter(unit_scope_q(unit_id), periode_id=periode_id)


def kalender_for(periode: PeriodePenilaian) -> KalenderPenilaian:
    """The year's settings, or an unsaved row with the defaults when the admin has set none."""
    return KalenderPenilaian.objects.filter(pk=periode.tahun_id).first() or KalenderPenilaian(tahun_id=periode.tahun_id)


def curve_policy(kalender: KalenderPenilaian) -> CurvePolicy:
    """The year's curve; the defaults of SE MenPANRB 3/2023 when none is stored."""
    return curve_policy_from_dict(kalender.kebijakan_kurva) if kalender.kebijakan_kurva else DEFAULT_CURVE


def empty_counts() -> dict[str, int]:
    """{predikat: 0} for every column, best first, and the unrated column ''."""
    return dict.fromkeys((*PREDIKAT_COLUMNS, BELUM), 0)


def counts_from(rows: list[Evaluasi] | list[str]) -> dict[str, int]:
    counts = empty_counts()
    for r in rows:
        p = r if isinstance(r, str) else (r.predikat_akhir or r.predikat)
        counts[p if p in counts else BELUM] += 1
    return counts


def rated_counts(counts: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in counts.items() if k != BELUM}


@dataclass
class Kolom:
    predikat: str
    orang: list[Evaluasi]
    batas: list[str]


@dataclass
class UnitCalibration:
    unit: UnitKerja
    periode: PeriodePenilaian
    kalender: KalenderPenilaian
    policy: CurvePolicy
    organisasi: PredikatOrganisasiUnit | None
    finalisasi: FinalisasiUnit | None
    evaluasi: list[Evaluasi]
    counts: dict[str, int]
    limits: list[CurveLimit] = field(default_factory=list)
    violations: list[CurveViolation] = field(default_factory=list)
    kolom: list[Kolom] = field(default_factory=list)

    @property
    def belum_dinilai(self) -> list[Evaluasi]:
        return [e for e in self.evaluasi if not (e.predikat_akhir or e.predikat)]

    @property
    def final(self) -> bool:
        return self.finalisasi is not None and self.finalisasi.status == StatusFinalisasi.FINAL

    @property
    def headcount(self) -> int:
        return sum(rated_counts(self.counts).values())

    @property
    def pesan_pelanggaran(self) -> list[str]:
        return [v.message for v in self.violations]


def unit_calibration(unit: UnitKerja, periode: PeriodePenilaian) -> UnitCalibration:
    """Everything the calibration screen shows, in five queries whatever the unit's size."""
    kalender = kalender_for(periode)
    policy = curve_policy(kalender)
    organisasi = (
        PredikatOrganisasiUnit.objects.filter(unit=unit, periode=periode).select_related("ditetapkan_oleh").first()
    )
    finalisasi = FinalisasiUnit.objects.filter(unit=unit, periode=periode).first()
    rows = list(
        unit_evaluations(unit, periode)
        .select_related("pegawai", "pegawai__golongan", "jabatan", "unit")
        .order_by("pegawai__nama", "pk")
    )
    counts = counts_from(rows)
    cal = UnitCalibration(
        unit=unit,
        periode=periode,
        kalender=kalender,
        policy=policy,
        organisasi=organisasi,
        finalisasi=finalisasi,
        evaluasi=rows,
        counts=counts,
    )
    if organisasi is not None:
        rated = rated_counts(counts)
        cal.violations = check_distribution(organisasi.predikat, rated, policy)
        cal.limits = curve_limits(organisasi.predikat, sum(rated.values()), policy)
    by_cat: dict[str, list[Evaluasi]] = defaultdict(list)
    for e in rows:
        by_cat[e.predikat_akhir or e.predikat].append(e)
    for p in PREDIKAT_COLUMNS:
        batas = [lim.description for lim in cal.limits if p in {c.value for c in lim.categories}]
        cal.kolom.append(Kolom(p, by_cat.get(p, []), batas))
    return cal


# ---------------------------------------------------------------------------- agency
@dataclass
class UnitRow:
    unit: UnitKerja
    counts: dict[str, int]
    organisasi: str
    violations: list[CurveViolation]
    final: bool

    @property
    def headcount(self) -> int:
        return sum(rated_counts(self.counts).values())

    @property
    def belum(self) -> int:
        return self.counts[BELUM]


@dataclass
class AgencyCalibration:
    opd: UnitKerja
    periode: PeriodePenilaian
    rows: list[UnitRow]
    total: dict[str, int]

    @property
    def units_with_violations(self) -> int:
        return sum(1 for r in self.rows if r.violations)

    @property
    def units_final(self) -> int:
        return sum(1 for r in self.rows if r.final)


def _add(out: dict[int, dict[str, int]], unit_id: int, predikat: str, n: int) -> None:
    counts = out.setdefault(unit_id, empty_counts())
    counts[predikat if predikat in counts else BELUM] += n


def calibration_counts(
    periode: PeriodePenilaian,
    *,
    opd_id: int | None = None,
    agency_unit_ids: list[int] | None = None,
) -> dict[int, dict[str, int]]:
    """{calibration unit id: {predikat: n}} (unrated under '').

    Province-wide (the period close, a job): one GROUP BY over the period. For one agency (its head's
    calibration page) the cost follows the agency, not the province (issue #14): `agency_evaluation_rows`."""
    if opd_id is not None:
        out: dict[int, dict[str, int]] = {}
        for (kal, p, _status), n in agency_evaluation_rows([periode.pk], opd_id, agency_unit_ids).items():
            _add(out, kal, p, n)
        return out
    rows = (
        Evaluasi.objects.filter(periode=periode)
        .annotate(kal=calibration_unit_expr(), p=final_predikat_expr())
        .values("kal", "p")
        .annotate(n=Count("pk"))
        .order_by()
    )
    out = {}
    for r in rows:
        if r["kal"] is not None:
            _add(out, r["kal"], r["p"], r["n"])
    return out


def agency_evaluation_rows(
    periode_ids: list[int], opd_id: int, unit_ids: list[int] | None = None
) -> dict[tuple[int, str, str], int]:
    """{(calibration unit, final predikat or '', status): n} for the evaluations one agency calibrates
    — the figures of `calibration_unit_expr` restricted to the agency's units, read so that the cost
    follows the agency and every read of the evaluations names it (issue #14: co-located under Citus,
    tests/core/test_core_agency_key.py):

    1. the agency's evaluations by their own unit — `unit IN (the agency's units)`, by the
       (periode, unit) index;
    2. the head positions that move: heads of the agency's units, and heads elsewhere whose superior's
       position is in the agency (the heads-by-superior index) — positions, a small table;
    3. those heads' evaluations by position, keyed by the agencies the heads' units are in (this one,
       and for the Sekretariat Daerah's calibration the agencies whose heads report to it).

    A head appraised as the head of his unit is taken out of his own unit and counted in his
    superior's unit when that unit is the agency's; one appraised elsewhere stays where he is. (Every
    unit has its agency: `unit_create` sets a top unit's `opd` to itself.)"""
    if unit_ids is None:
        unit_ids = list(UnitKerja.objects.filter(opd_id=opd_id).order_by().values_list("pk", flat=True))
    out: dict[tuple[int, str, str], int] = defaultdict(int)
    own = (
        Evaluasi.objects.filter(periode_id__in=periode_ids, unit_id__in=_units_of([opd_id]))
        .annotate(p=final_predikat_expr())
        .values("unit_id", "p", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for r in own:
        out[(r["unit_id"], r["p"] or "", r["status"])] += r["n"]
    positions = list(Jabatan.objects.filter(unit_id__any=unit_ids).order_by().values_list("pk", flat=True))
    heads = {
        pk: (unit_id, atasan_id)
        for qs in (
            Jabatan.objects.filter(adalah_kepala_unit=True, unit_id__any=unit_ids),
            Jabatan.objects.filter(adalah_kepala_unit=True, atasan_id__any=positions),
        )
        for pk, unit_id, atasan_id in qs.order_by().values_list("pk", "unit_id", "atasan_id")
    }
    above = {a for _u, a in heads.values() if a is not None}
    atasan_unit = dict(Jabatan.objects.filter(pk__any=list(above)).order_by().values_list("pk", "unit_id"))
    in_agency = set(unit_ids)
    outside = {u for u, _a in heads.values() if u not in in_agency}  # heads of other agencies reporting here
    agencies = {opd_id} | set(
        UnitKerja.objects.filter(pk__any=list(outside)).exclude(opd=None).order_by().values_list("opd_id", flat=True)
        if outside
        else ()
    )
    rows = (
        Evaluasi.objects.filter(
            periode_id__in=periode_ids,
            jabatan_id__any=list(heads),
            unit_id__in=_units_of(sorted(agencies)),
        )
        .annotate(p=final_predikat_expr())
        .values("jabatan_id", "unit_id", "p", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for r in rows:
        unit_id, atasan_id = heads[r["jabatan_id"]]
        if r["unit_id"] != unit_id:  # not appraised as the head of his unit: counted where he is
            continue
        key = (r["p"] or "", r["status"])
        if unit_id in in_agency:  # counted above in his own unit: he belongs one level up
            out[(unit_id, *key)] -= r["n"]
        kal = atasan_unit.get(atasan_id) if atasan_id is not None else None
        if kal is not None and kal in in_agency:
            out[(kal, *key)] += r["n"]
    return {k: n for k, n in out.items() if n}


def _units_of(opd_ids: list[int]) -> QuerySet[UnitKerja, Any]:
    """The agencies' units as a sub-SELECT (`unit_id IN (SELECT id … WHERE opd_id = X)`): the key a
    distributed planner routes by, where a literal list of unit ids would hide it."""
    return UnitKerja.objects.filter(opd_id__in=opd_ids).order_by().values("pk")


def agency_calibration(opd: UnitKerja, periode: PeriodePenilaian) -> AgencyCalibration:
    """Per unit of the agency: counts, result, violations, finalised — a fixed number of queries,
    whatever its size."""
    policy = curve_policy(kalender_for(periode))
    units = list(UnitKerja.objects.filter(opd_id=opd.pk).order_by("path"))
    per_unit = calibration_counts(periode, opd_id=opd.pk, agency_unit_ids=[u.pk for u in units])
    results = dict(
        PredikatOrganisasiUnit.objects.filter(periode=periode, unit__opd_id=opd.pk).values_list("unit_id", "predikat")
    )
    final = set(
        FinalisasiUnit.objects.filter(periode=periode, unit__opd_id=opd.pk, status=StatusFinalisasi.FINAL).values_list(
            "unit_id", flat=True
        )
    )
    total = empty_counts()
    rows = []
    for u in units:
        counts = per_unit.get(u.pk)
        if counts is None:
            continue
        for k, v in counts.items():
            total[k] += v
        org = results.get(u.pk, "")
        violations = check_distribution(org, rated_counts(counts), policy) if org else []
        rows.append(UnitRow(u, counts, org, violations, u.pk in final))
    return AgencyCalibration(opd=opd, periode=periode, rows=rows, total=total)


def pilihan_predikat() -> list[tuple[str, str]]:
    return [(v, str(label)) for v, label in PredikatChoice.choices]


# ---------------------------------------------------------------------------- objections
def objections_to_decide(actor: Actor) -> QuerySet[Keberatan]:
    """Open objections the actor decides: evaluations whose appraiser's position reports to one of his
    positions (the vacant-walk case is narrowed by `access.can_decide_objection` on the write)."""
    qs = Keberatan.objects.select_related("evaluasi", "evaluasi__pegawai", "evaluasi__periode")
    if actor.is_auditor or actor.user_id is None:
        return qs.none()
    q = Q(evaluasi__penilai_jabatan__atasan_id__in=actor.jabatan_ids) if actor.jabatan_ids else Q(pk__in=[])
    if actor.is_admin:
        q |= Q(evaluasi__penilai_jabatan__atasan__isnull=True)
    qs = qs.filter(q, status=StatusKeberatan.DIAJUKAN)
    return qs.exclude(evaluasi__pegawai_id=actor.pegawai_id) if actor.pegawai_id else qs


def objections_of(actor: Actor) -> QuerySet[Keberatan]:
    qs = Keberatan.objects.select_related("evaluasi", "evaluasi__periode")
    if actor.pegawai_id is None:
        return qs.none()
    return qs.filter(evaluasi__pegawai_id=actor.pegawai_id)
