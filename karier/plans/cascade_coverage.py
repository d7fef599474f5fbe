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


@dataclass(frozen=True)
class IndicatorSets:
    """The indicators a figure or a gap list is about, and those of them that have an owner in the year,
    as id sets: small (a province has a few hundred to a few thousand indicators), read once a request
    and shared by the figure and the gap list."""

    scope: frozenset[int]
    owned: frozenset[int]

    @property
    def gaps(self) -> list[int]:
        return sorted(self.scope - self.owned)


def indicator_sets(f: CascadeFilter) -> IndicatorSets:
    """Two queries whatever the number of plans (see `_scope_ids` and `_owned_ids`)."""
    scope = _scope_ids(f)
    return IndicatorSets(scope=scope, owned=_owned_ids(f, scope))


def _scope_ids(f: CascadeFilter) -> frozenset[int]:
    """The agency's indicators of a Renstra covering the year — for the province also the IKU of the
    active RPJMD: a UNION of two simple joins, not an OR across both join paths."""
    ids = Indikator.objects.filter(_agency_ind_q(f)).values_list("id", flat=True).order_by()
    if not f.opd:
        ids = ids.union(Indikator.objects.filter(_province_ind_q(f)).values_list("id", flat=True).order_by())
    return frozenset(ids)


def _owned_ids(f: CascadeFilter, scope: frozenset[int]) -> frozenset[int]:
    """Those of `scope` someone works on in the year: a RHK or a PK row of the year references the
    indicator — or, for a province IKU, one of the agency indicators derived from it.

    One query over the indicators in scope and their children (a few dozen to a few thousand rows),
    each with three EXISTS in its SELECT list: an index probe (RHK by `indikator_opd`, RHK by PK row
    by `indikator`, PK row by `indikator`) that stops at the first row of the year. It replaced an OR
    of uncorrelated `IN (subquery)` sets in which all the year's RHK naming an indicator were read
    twice (once for the indicator, once for its parent) — and again for the gap list's count and page.
    Only the scope's indicators are probed: those of older Renstra periods and their years of RHK cost
    nothing (a probe walks at most the RHK of earlier years naming that one indicator).
    """
    if not scope:
        return frozenset()
    t = f.tahun
    rhk = RencanaHasilKerja.objects.filter(skp__tahun_id=t)
    ids = sorted(scope)
    rows = (
        Indikator.objects.filter(Q(pk__in=ids) | Q(induk_id__in=ids))
        .annotate(
            by_rhk=Exists(rhk.filter(indikator_opd=OuterRef("pk"))),
            by_rhk_pk=Exists(rhk.filter(perjanjian_row__indikator=OuterRef("pk"))),
            by_pk=Exists(PerjanjianKinerjaRow.objects.filter(perjanjian__tahun=t, indikator=OuterRef("pk"))),
        )
        .order_by()
        .values_list("id", "induk_id", "by_rhk", "by_rhk_pk", "by_pk")
    )
    owned: set[int] = set()
    for pk, induk, *refs in rows:
        if any(refs):
            owned.add(pk)
            if induk is not None:
                owned.add(induk)
    return frozenset(owned & scope)


def _pegawai_qs(f: CascadeFilter) -> QuerySet[Pegawai]:
    qs = Pegawai.objects.filter(aktif=True)
    if f.unit is not None:
        return qs.filter(unit__path__subtree=f.unit.path)
    if f.opd_id:
        return qs.filter(opd_id=f.opd_id)
    return qs


def _plans_of_scope(f: CascadeFilter) -> QuerySet[Skp]:
    """The year's plans of the active employees counted by `_pegawai_qs` (scope by their current unit)."""
    qs = Skp.objects.filter(tahun_id=f.tahun, pegawai__aktif=True)
    if f.unit is not None:
        return qs.filter(pegawai__unit__path__subtree=f.unit.path)
    if f.opd_id:
        return qs.filter(pegawai__opd_id=f.opd_id)
    return qs


def _rhk_cov_qs(f: CascadeFilter) -> QuerySet[RencanaHasilKerja]:
    qs = RencanaHasilKerja.objects.filter(skp__tahun_id=f.tahun).exclude(skp__jabatan__jenis__in=JPT)
    if f.unit is not None:
        return qs.filter(skp__unit__path__subtree=f.unit.path)
    if f.opd_id:
        return qs.filter(skp__unit__opd_id=f.opd_id)
    return qs


def coverage(f: CascadeFilter, indicators: IndicatorSets | None = None) -> Coverage:
    """The three figures in five queries, two of them for the indicator sets unless the caller passes
    them (the unit filter narrows people and RHK; the indicator figure is per agency)."""
    ind = indicators or indicator_sets(f)
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
        indikator=Ratio(len(ind.scope & ind.owned), len(ind.scope)),
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
    """Active people in scope, visible to the actor, with no plan at all for the year — by agency, then
    name: the order of the (opd, nama) index, so a page is an index walk that stops after 25 rows
    (ordered by the agency's name and the unit's path it sorted the whole province first: 1.2 s at
    1M before a plan existed; issue #14)."""
    plans = Skp.objects.filter(pegawai_id=OuterRef("pk"), tahun_id=f.tahun)
    return (
        _pegawai_qs(f)
        .filter(visibility_q(actor))
        .exclude(Exists(plans))
        .select_related("jabatan", "unit", "opd")
        .order_by("opd_id", "nama", "id")
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


def gap_indikator(f: CascadeFilter, indicators: IndicatorSets | None = None) -> QuerySet[Indikator]:
    """Indicators in scope that no RHK or PK row of the year references (not personal data): the ids
    come from the sets (pass the page's, computed once), so the count and the page are lookups by id."""
    ind = indicators or indicator_sets(f)
    return (
        Indikator.objects.filter(pk__in=ind.gaps)
        .select_related("sasaran", "sasaran_renstra__renstra__opd")
        .annotate(opd_nama=F("sasaran_renstra__renstra__opd__nama"))
        .order_by("sasaran_renstra__renstra__opd__nama", "kode", "id")
    )
