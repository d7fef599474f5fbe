"""The cascade's coverage figures and gaps (issue #4, part 5): how much of the agency's indicators,
people and RHK are linked, and which are not. Scope and visibility as in `karier.plans.cascade`
(`coverage_scope`, `visibility_q`); each function runs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
)

from karier.people.access import Actor, visibility_q
from karier.people.models import Pegawai
from karier.plans.cascade import JPT, CascadeFilter, _agency_ind_q, _province_ind_q
from karier.plans.choices import StatusSkp
from karier.plans.models import RencanaHasilKerja, Skp
from karier.standards.models import (
    Indikator,
    PerjanjianKinerjaRow,
)


# ---------------------------------------------------------------------------- coverage
@dataclass(frozen=True)
class Ratio:
    bagian: int
    total: int

    @property
    def persen(self) -> float:
        return round(self.bagian * 100 / self.total, 1) if self.total else 0.0


@dataclass(frozen=True)
class Coverage:
    indikator: Ratio  # indicators (province + agency, or the agency's) with an owner
    pegawai_disetujui: Ratio  # active employees with an approved plan
    pegawai_ber_skp: Ratio  # active employees with any plan
    rhk_terhubung: Ratio  # RHK of non-JPT plans naming a superior's RHK


def _indicator_qs(f: CascadeFilter) -> QuerySet[Indikator]:
    q = _agency_ind_q(f)
    if not f.opd:
        q |= _province_ind_q(f)
    return Indikator.objects.filter(q)


def _indicator_owned(f: CascadeFilter) -> Q:
    """Someone works on an indicator in the year when a RHK or a PK row references it — or, for a
    province IKU, references one of the agency indicators derived from it.

    Uncorrelated `IN (subquery)` sets (computed once by the database), not an EXISTS per indicator;
    NULLs are filtered out of every set so that the negation (the gap list) stays right.
    """
    t = f.tahun
    rhk = RencanaHasilKerja.objects.filter(skp__tahun_id=t)
    referenced = (
        Q(pk__in=rhk.filter(indikator_opd__isnull=False).values("indikator_opd_id"))
        | Q(pk__in=rhk.filter(perjanjian_row__isnull=False).values("perjanjian_row__indikator_id"))
        | Q(pk__in=PerjanjianKinerjaRow.objects.filter(perjanjian__tahun=t).values("indikator_id"))
    )
    parents = Indikator.objects.filter(referenced, induk__isnull=False).values("induk_id")
    return referenced | Q(pk__in=parents)


def _pegawai_qs(f: CascadeFilter) -> QuerySet[Pegawai]:
    qs = Pegawai.objects.filter(aktif=True)
    if f.unit is not None:
        return qs.filter(unit__path__startswith=f.unit.path)
    if f.opd_id:
        return qs.filter(opd_id=f.opd_id)
    return qs


def _plans_of_scope(f: CascadeFilter) -> QuerySet[Skp]:
    """The year's plans of the active employees counted by `_pegawai_qs` (scope by their current unit)."""
    qs = Skp.objects.filter(tahun_id=f.tahun, pegawai__aktif=True)
    if f.unit is not None:
        return qs.filter(pegawai__unit__path__startswith=f.unit.path)
    if f.opd_id:
        return qs.filter(pegawai__opd_id=f.opd_id)
    return qs


def _rhk_cov_qs(f: CascadeFilter) -> QuerySet[RencanaHasilKerja]:
    qs = RencanaHasilKerja.objects.filter(skp__tahun_id=f.tahun).exclude(skp__jabatan__jenis__in=JPT)
    if f.unit is not None:
        return qs.filter(skp__unit__path__startswith=f.unit.path)
    if f.opd_id:
        return qs.filter(skp__unit__opd_id=f.opd_id)
    return qs


def coverage(f: CascadeFilter) -> Coverage:
    """The three figures in four aggregate queries (the unit filter narrows people and RHK; the
    indicator figure is per agency)."""
    ind = _indicator_qs(f).aggregate(total=Count("id"), owned=Count("id", filter=_indicator_owned(f)))
    # Joins, not a correlated EXISTS per employee: the planner's cost for 50,000 subplans makes
    # PostgreSQL JIT-compile the query, which alone costs ~0.5 s.
    total = _pegawai_qs(f).count()
    plans = _plans_of_scope(f).aggregate(
        any=Count("pegawai_id", distinct=True),
        approved=Count("pegawai_id", distinct=True, filter=Q(status=StatusSkp.DISETUJUI)),
    )
    peg = {"total": total, **plans}
    rhk = _rhk_cov_qs(f).aggregate(total=Count("id"), linked=Count("id", filter=Q(rhk_atasan__isnull=False)))
    return Coverage(
        indikator=Ratio(ind["owned"], ind["total"]),
        pegawai_disetujui=Ratio(peg["approved"], peg["total"]),
        pegawai_ber_skp=Ratio(peg["any"], peg["total"]),
        rhk_terhubung=Ratio(rhk["linked"], rhk["total"]),
    )


# ---------------------------------------------------------------------------- gap lists
GAP_TANPA_SKP = "tanpa-skp"
GAP_RHK_YATIM = "rhk-yatim"
GAP_INDIKATOR = "indikator"
GAPS = {
    GAP_TANPA_SKP: "Pegawai tanpa SKP",
    GAP_RHK_YATIM: "RHK tanpa RHK atasan",
    GAP_INDIKATOR: "Indikator tanpa pemilik",
}


def gap_tanpa_skp(actor: Actor, f: CascadeFilter) -> QuerySet[Pegawai]:
    """Active people in scope, visible to the actor, with no plan at all for the year."""
    plans = Skp.objects.filter(pegawai_id=OuterRef("pk"), tahun_id=f.tahun)
    return (
        _pegawai_qs(f)
        .filter(visibility_q(actor))
        .exclude(Exists(plans))
        .select_related("jabatan", "unit", "opd")
        .order_by("opd__nama", "unit__path", "nama", "id")
    )


def gap_rhk_yatim(actor: Actor, f: CascadeFilter) -> QuerySet[RencanaHasilKerja]:
    """RHK of non-JPT plans that name no superior RHK, of people visible to the actor."""
    return (
        _rhk_cov_qs(f)
        .filter(rhk_atasan__isnull=True)
        .filter(visibility_q(actor, "skp__pegawai"))
        .select_related("skp__pegawai", "skp__jabatan", "skp__unit")
        .order_by("skp__unit__path", "skp__pegawai__nama", "skp_id", "urutan", "id")
    )


def gap_indikator(f: CascadeFilter) -> QuerySet[Indikator]:
    """Indicators in scope that no RHK or PK row of the year references (not personal data)."""
    return (
        _indicator_qs(f)
        .exclude(_indicator_owned(f))
        .select_related("sasaran", "sasaran_renstra__renstra__opd")
        .annotate(opd_nama=F("sasaran_renstra__renstra__opd__nama"))
        .order_by("sasaran_renstra__renstra__opd__nama", "kode", "id")
    )
