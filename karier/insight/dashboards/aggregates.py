"""The set-based counts behind the dashboards: one GROUP BY query per figure over the whole province,
each returning a few rows per work unit (never one per employee).

Each figure is counted where its record says the person worked: a plan and an evaluation at the unit
snapshotted on them, the JP, 9-box and promotion figures at the person's (or placement's) unit.
The IKM (`MetrikDasbor.IKM`) is not a count: one row per SKM period of a service unit (`kategori`
"<status>:<period id>", `jumlah` its respondents, `nilai` its IKM, `label` the unit and period), and
per agency one row without a unit holding the agency's IKM (`agency_ikm`: the mean of its closed
periods), which the refresh writes as it is instead of summing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, FilteredRelation, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf

from karier.appraisal.choices import JenisPeriode, StatusEvaluasi
from karier.appraisal.models import Evaluasi
from karier.appraisal.public.skm.selectors import IkmRow, agency_ikm, ikm_rows
from karier.development.catalogue.selectors import targets
from karier.insight.dashboards.choices import LAYAK, MEMENUHI, RHK, TERHUBUNG, MetrikDasbor
from karier.people.choices import JenisAsn
from karier.people.models import Pegawai
from karier.plans.cascade import JPT
from karier.plans.models import RencanaHasilKerja, Skp
from karier.standards.models import NilaiIndikator
from karier.talent.models import KelayakanPangkat, PenempatanTalenta, UsulanKenaikanPangkat


@dataclass(frozen=True)
class Row:
    opd_id: int | None
    unit_id: int | None
    metrik: str
    kategori: str
    jumlah: int
    nilai: Decimal | None = None
    target: Decimal | None = None
    label: str = ""


def _rows(metrik: str, data: Iterable[dict[str, Any]], kategori: str | None = None) -> list[Row]:
    """Rows from `values(o, u[, k]).annotate(n=…)` dicts (a missing agency or unit is skipped)."""
    out = []
    for d in data:
        if d["o"] is None or d["u"] is None:
            continue
        k = kategori if kategori is not None else str(d["k"] or "")
        out.append(Row(d["o"], d["u"], metrik, k, d["n"]))
    return out


def pegawai_rows() -> list[Row]:
    qs = Pegawai.objects.filter(aktif=True).order_by().values(o=F("opd_id"), u=F("unit_id")).annotate(n=Count("pk"))
    return _rows(MetrikDasbor.PEGAWAI, qs, "")


def _annual_evaluations(tahun: int) -> QuerySet[Evaluasi]:
    return Evaluasi.objects.filter(periode__tahun_id=tahun, periode__jenis=JenisPeriode.TAHUNAN).order_by()


def predikat_rows(tahun: int) -> list[Row]:
    """Final annual evaluations per predikat (the calibrated one where a move set it)."""
    final = Coalesce(NullIf(F("predikat_akhir"), Value("")), F("predikat"))
    qs = (
        _annual_evaluations(tahun)
        .filter(status=StatusEvaluasi.FINAL)
        .values(o=F("unit__opd_id"), u=F("unit_id"), k=final)
        .annotate(n=Count("pk"))
    )
    return [r for r in _rows(MetrikDasbor.PREDIKAT, qs) if r.kategori]


def evaluasi_rows(tahun: int) -> list[Row]:
    qs = _annual_evaluations(tahun).values(o=F("unit__opd_id"), u=F("unit_id"), k=F("status")).annotate(n=Count("pk"))
    return _rows(MetrikDasbor.EVALUASI, qs)


def skp_rows(tahun: int) -> list[Row]:
    qs = (
        Skp.objects.filter(tahun_id=tahun)
        .order_by()
        .values(o=F("unit__opd_id"), u=F("unit_id"), k=F("status"))
        .annotate(n=Count("pk"))
    )
    return _rows(MetrikDasbor.SKP, qs)


def jp_rows(tahun: int) -> list[Row]:
    """Active people at their kind's JP target of the year (`RekapJpPegawai`, the stored yearly totals;
    the targets as the BKD set them, `development.catalogue.selectors.targets`)."""
    goal = targets()
    reached = Q(pk__in=[])
    for jenis in (JenisAsn.PNS, JenisAsn.PPPK):
        target = goal[jenis][0]
        # floats: SQLite compares a Decimal parameter as text
        reached |= Q(jenis_asn=jenis) & (Q(jp__jp_total__gte=float(target)) if target > 0 else Q())
    qs = (
        Pegawai.objects.filter(aktif=True)
        .order_by()
        .annotate(jp=FilteredRelation("rekap_jp", condition=Q(rekap_jp__tahun=tahun)))
        .values(o=F("opd_id"), u=F("unit_id"))
        .annotate(n=Count("pk", filter=reached))
    )
    return [r for r in _rows(MetrikDasbor.JP, qs, MEMENUHI) if r.jumlah]


def talenta_rows(tahun: int) -> list[Row]:
    """9-box placements of the year per box (people excluded from the talent pool left out)."""
    qs = (
        PenempatanTalenta.objects.filter(tahun=tahun, dikecualikan=False)
        .order_by()
        .values(o=F("opd_id"), u=F("unit_id"), k=F("kotak"))
        .annotate(n=Count("pk"))
    )
    return _rows(MetrikDasbor.TALENTA, qs)


def promosi_rows(tahun: int) -> list[Row]:
    """The promotion pipeline: eligible now (`KelayakanPangkat`, the latest computation), then the
    proposals for a promotion date in the year by status."""
    layak = (
        KelayakanPangkat.objects.filter(layak=True, pegawai__aktif=True)
        .order_by()
        .values(o=F("pegawai__opd_id"), u=F("pegawai__unit_id"))
        .annotate(n=Count("pk"))
    )
    usulan = (
        UsulanKenaikanPangkat.objects.filter(tmt__year=tahun)
        .order_by()
        .values(o=F("pegawai__opd_id"), u=F("pegawai__unit_id"), k=F("status"))
        .annotate(n=Count("pk"))
    )
    return _rows(MetrikDasbor.PROMOSI, layak, LAYAK) + _rows(MetrikDasbor.PROMOSI, usulan)


def kaskade_rows(tahun: int) -> list[Row]:
    """RHK of the year's non-JPT plans, and those naming a superior's RHK (as /skp/cakupan/ counts)."""
    qs = (
        RencanaHasilKerja.objects.filter(skp__tahun_id=tahun)
        .exclude(skp__jabatan__jenis__in=JPT)
        .order_by()
        .values(o=F("skp__unit__opd_id"), u=F("skp__unit_id"))
        .annotate(n=Count("pk"), linked=Count("pk", filter=Q(rhk_atasan__isnull=False)))
    )
    out = []
    for d in qs:
        if d["o"] is None:
            continue
        out.append(Row(d["o"], d["u"], MetrikDasbor.KASKADE, RHK, d["n"]))
        out.append(Row(d["o"], d["u"], MetrikDasbor.KASKADE, TERHUBUNG, d["linked"]))
    return out


def iku_rows(tahun: int) -> list[Row]:
    """Indicators with a target or an actual for the year: the province's (RPJMD) and each agency's
    (Renstra); the agency's rows carry its id, the unit is empty."""
    qs = (
        NilaiIndikator.objects.filter(tahun=tahun)
        .filter(Q(indikator__sasaran__isnull=False) | Q(indikator__sasaran_renstra__isnull=False))
        .order_by("indikator__kode", "indikator_id")
        .values("indikator_id", "indikator__kode", "indikator__nama", "target", "realisasi")
        .annotate(o=F("indikator__sasaran_renstra__renstra__opd_id"))
    )
    out = []
    for d in qs:
        name = " ".join(p for p in (d["indikator__kode"], d["indikator__nama"]) if p)[:300]
        out.append(Row(d["o"], None, MetrikDasbor.IKU, str(d["indikator_id"]), 0, d["realisasi"], d["target"], name))
    return out


def ikm_dasbor_rows(tahun: int) -> list[Row]:
    """The SKM periods ending in the year with responses (`ikm_rows`, one query), and each agency's IKM."""
    periods = [r for r in ikm_rows(tahun=tahun) if r.ikm is not None]
    out = [
        Row(
            r.opd_id,
            r.unit_id,
            MetrikDasbor.IKM,
            f"{r.status}:{r.periode_id}",
            r.respondents,
            r.ikm,
            None,
            f"{r.unit_nama} — {r.periode_nama}"[:300],
        )
        for r in periods
    ]
    per_opd: dict[int, list[IkmRow]] = defaultdict(list)
    for r in periods:
        per_opd[r.opd_id].append(r)
    for opd_id, rows in per_opd.items():
        value, _n, respondents = agency_ikm(rows)
        if value is not None:
            out.append(Row(opd_id, None, MetrikDasbor.IKM, "", respondents, value))
    return out


def year_rows(tahun: int) -> list[Row]:
    """Every figure of the year: eleven queries whatever the headcount."""
    return [
        *pegawai_rows(),
        *predikat_rows(tahun),
        *evaluasi_rows(tahun),
        *skp_rows(tahun),
        *jp_rows(tahun),
        *talenta_rows(tahun),
        *promosi_rows(tahun),
        *kaskade_rows(tahun),
        *iku_rows(tahun),
        *ikm_dasbor_rows(tahun),
    ]
