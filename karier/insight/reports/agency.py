"""The figures of an agency's yearly performance report (issue #13 item 4), aggregated in the database.

An agency may have 30,000 people: every figure is a GROUP BY over the base tables (people, plans,
evaluations, the JP totals, the 9-box placements), never a loop over people. What loops in Python is
per unit (the curve check of `karier.rules` needs each unit's counts) or per category. Eight queries
whatever the headcount (people with plans and JP, the branches' names, the JP targets, the evaluations,
the units' results, the year's curve settings, the 9-box, the IKM). It reads the base tables, not
the dashboards' pre-aggregated ones, so the report is right even before the nightly refresh.

- **Plans**: active people of the agency, those with an approved SKP of the year, with a SKP still
  in progress (draft, submitted or returned), without any; per unit directly under the agency (with
  its sub-units), so that the chart stays one page for an agency of hundreds of units.
- **Ratings**: the annual period's evaluations of the agency's units: final ones by predikat (the
  calibrated `predikat_akhir` when set, `final_predikat_expr`), and how many are final out of all.
- **Curve**: per calibration unit with rated people, as `karier.appraisal.calibration.selectors.
  agency_calibration` reads it (with its expressions: a unit head's own evaluation in the unit above,
  the unit's predikat kinerja organisasi, the year's curve policy) — in fewer queries.
- **JP**: people at or above the yearly target of their ASN kind (`development.catalogue.selectors.targets`,
  as the dashboards count it), and the bands 0, under half the target, half to under the target (from
  `RekapJpPegawai`, the ledger's stored totals).
- **Talent**: 9-box placements of the year per box (`karier.rules.nine_box_category`).
- **IKM per unit**: the public satisfaction index of each SKM period (open or closed) of the agency's
  units ending in the year (`karier.appraisal.public.skm.selectors.ikm_rows`, one query).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, FilteredRelation, OuterRef, Q

from karier.appraisal.calibration.selectors import (
    PREDIKAT_COLUMNS,
    agency_evaluation_rows,
    curve_policy,
    kalender_for,
)
from karier.appraisal.choices import JenisPeriode, StatusEvaluasi
from karier.appraisal.models import PeriodePenilaian, PredikatOrganisasiUnit
from karier.appraisal.public.skm.selectors import IkmRow, ikm_rows
from karier.development.catalogue.selectors import DEFAULT_TARGETS, targets
from karier.people.choices import JenisAsn
from karier.people.models import Pegawai, UnitKerja
from karier.plans.choices import StatusSkp
from karier.plans.models import Skp
from karier.rules import check_distribution, nine_box_category, nine_box_levels
from karier.rules.jp import JP_TARGET_PER_YEAR
from karier.talent.models import PenempatanTalenta

PREDIKAT_ORDER = list(PREDIKAT_COLUMNS)
Targets = dict[str, tuple[Decimal, Decimal | None]]


@dataclass
class RencanaUnit:
    unit_id: int
    nama: str
    pegawai: int
    disetujui: int
    ada: int

    @property
    def proses(self) -> int:
        return self.ada - self.disetujui

    @property
    def belum(self) -> int:
        return self.pegawai - self.ada


@dataclass
class KurvaUnit:
    unit_id: int
    nama: str
    dinilai: int
    organisasi: str  # "" when the unit's result is not set
    pelanggaran: list[str] = field(default_factory=list)

    @property
    def memenuhi(self) -> bool | None:
        return None if not self.organisasi else not self.pelanggaran


@dataclass
class LaporanOpd:
    opd: UnitKerja
    tahun: int
    pegawai: int = 0
    rencana: list[RencanaUnit] = field(default_factory=list)
    skp_disetujui: int = 0
    skp_proses: int = 0
    skp_belum: int = 0
    evaluasi_total: int = 0
    evaluasi_final: int = 0
    predikat: dict[str, int] = field(default_factory=dict)
    kurva: list[KurvaUnit] = field(default_factory=list)
    jp_target: Decimal = JP_TARGET_PER_YEAR  # the PNS target; the PPPK one when `jp_seragam` is false may differ
    jp_seragam: bool = True  # every ASN kind has the same target
    jp_memenuhi: int = 0
    jp_pita: dict[str, int] = field(default_factory=dict)
    talenta: dict[int, int] = field(default_factory=dict)
    ikm: list[IkmRow] = field(default_factory=list)

    @property
    def kurva_memenuhi(self) -> int:
        return sum(1 for k in self.kurva if k.memenuhi is True)

    @property
    def kurva_melanggar(self) -> int:
        return sum(1 for k in self.kurva if k.memenuhi is False)

    @property
    def kurva_perhatian(self) -> list[KurvaUnit]:
        """The units the report lists by name: those breaking the curve or without a unit result (the
        ones meeting it are only counted — an agency may have hundreds)."""
        return [k for k in self.kurva if k.memenuhi is not True]

    @property
    def kurva_tanpa_predikat(self) -> int:
        return sum(1 for k in self.kurva if k.memenuhi is None)

    @property
    def talenta_total(self) -> int:
        return sum(self.talenta.values())


def _branch(opd: UnitKerja, path: str | None) -> int:
    """The unit directly under the agency that `path` lies in ("/opd/branch/…"); the agency itself for
    people at its root (or without a unit)."""
    parts = (path or "").strip("/").split("/")
    return int(parts[1]) if len(parts) > 1 and parts[1] else opd.pk


def _jp_filters(goal: Targets) -> tuple[Q, Q, Q]:
    """Who reached their ASN kind's target, who is under half of it (but above 0), who is between —
    as the dashboards' `aggregates.jp_rows` reads the year's stored totals (`jp`, a FilteredRelation).
    The PPPK cap is never below the target (`target_jp_set`), so it moves nobody between bands."""
    reached, low, mid = Q(pk__in=[]), Q(pk__in=[]), Q(pk__in=[])
    for jenis in (JenisAsn.PNS, JenisAsn.PPPK):
        t = float(goal.get(jenis, DEFAULT_TARGETS[JenisAsn.PNS])[0])  # floats: SQLite compares a Decimal as text
        kind = Q(jenis_asn=jenis)
        reached |= kind & (Q(jp__jp_total__gte=t) if t > 0 else Q())
        if t > 0:
            low |= kind & Q(jp__jp_total__gt=0, jp__jp_total__lt=t / 2)
            mid |= kind & Q(jp__jp_total__gte=t / 2, jp__jp_total__lt=t)
    return reached, low, mid


def _people(rep: LaporanOpd, goal: Targets) -> None:
    """Plans and JP in one GROUP BY by unit, rolled up per unit directly under the agency (a bidang, a
    UPTD, with their sub-units) — a loop over units, so the chart keeps a readable size for any agency.

    JP bands: 0 JP (or no ledger row), under half the target, half to under the target, at the target
    or more; the band ids are named after the default 20 JP, their labels follow the target (report_pdf)."""
    approved = Skp.objects.filter(pegawai_id=OuterRef("pk"), tahun_id=rep.tahun, status=StatusSkp.DISETUJUI)
    anyskp = Skp.objects.filter(pegawai_id=OuterRef("pk"), tahun_id=rep.tahun)
    reached, low, mid = _jp_filters(goal)
    rows = (
        Pegawai.objects.filter(opd_id=rep.opd.pk, aktif=True)
        .annotate(jp=FilteredRelation("rekap_jp", condition=Q(rekap_jp__tahun=rep.tahun)))
        .values("unit__path")
        .annotate(
            n=Count("pk"),
            disetujui=Count("pk", filter=Q(Exists(approved))),
            ada=Count("pk", filter=Q(Exists(anyskp))),
            memenuhi=Count("pk", filter=reached),
            b10=Count("pk", filter=low),
            b20=Count("pk", filter=mid),
        )
        .order_by("unit__path")
    )
    branches = {rep.opd.pk: rep.opd.nama} | dict(
        # By name: a path orders by the ids' digits ("/12/103/" before "/12/19/"), not as a reader would.
        UnitKerja.objects.filter(parent_id=rep.opd.pk).order_by("nama", "pk").values_list("pk", "nama")
    )
    per: dict[int, RencanaUnit] = {pk: RencanaUnit(pk, nama, 0, 0, 0) for pk, nama in branches.items()}
    jp = dict.fromkeys(("memenuhi", "b10", "b20"), 0)
    for r in rows:
        key = _branch(rep.opd, r["unit__path"])
        b = per[key if key in per else rep.opd.pk]
        b.pegawai += r["n"]
        b.disetujui += r["disetujui"]
        b.ada += r["ada"]
        for k in jp:
            jp[k] += r[k]
    rep.rencana = [r for r in per.values() if r.pegawai]
    rep.pegawai = sum(r.pegawai for r in rep.rencana)
    rep.skp_disetujui = sum(r.disetujui for r in rep.rencana)
    rep.skp_proses = sum(r.proses for r in rep.rencana)
    rep.skp_belum = sum(r.belum for r in rep.rencana)
    kinds = {goal.get(j, DEFAULT_TARGETS[JenisAsn.PNS])[0] for j in (JenisAsn.PNS, JenisAsn.PPPK)}
    rep.jp_target = goal.get(JenisAsn.PNS, DEFAULT_TARGETS[JenisAsn.PNS])[0]
    rep.jp_seragam = len(kinds) == 1
    rep.jp_memenuhi = jp["memenuhi"]
    rep.jp_pita = {
        "0": rep.pegawai - jp["memenuhi"] - jp["b10"] - jp["b20"],
        "<10": jp["b10"],
        "10-<20": jp["b20"],
        ">=20": jp["memenuhi"],
    }


def _ratings_and_curve(rep: LaporanOpd) -> None:
    """The annual period read as the calibration reads it: each evaluation in the unit whose
    calibration it belongs to (a unit head's own evaluation in the unit above), the final predikat,
    each unit's rated people checked against its predikat organisasi under the year's curve policy —
    the figures of `agency_calibration`, by the same `agency_evaluation_rows`, so that every read of
    the evaluations names the agency (issue #14)."""
    rep.predikat = dict.fromkeys(PREDIKAT_ORDER, 0)
    periode_ids = list(
        PeriodePenilaian.objects.filter(tahun_id=rep.tahun, jenis=JenisPeriode.TAHUNAN).values_list("pk", flat=True)
    )
    units = UnitKerja.objects.filter(opd_id=rep.opd.pk).order_by().values_list("pk", "path", "nama")
    names = {pk: (path, nama) for pk, path, nama in units}
    per_unit: dict[int, dict[str, int]] = {}
    for (kal, p, status), n in agency_evaluation_rows(periode_ids, rep.opd.pk, list(names)).items():
        rep.evaluasi_total += n
        if p not in rep.predikat:
            continue
        if status == StatusEvaluasi.FINAL:
            rep.evaluasi_final += n
            rep.predikat[p] += n
        counts = per_unit.setdefault(kal, {})
        counts[p] = counts.get(p, 0) + n
    if not per_unit:
        return
    org = dict(
        PredikatOrganisasiUnit.objects.filter(periode_id__in=periode_ids, unit_id__in=list(per_unit)).values_list(
            "unit_id", "predikat"
        )
    )
    policy = curve_policy(kalender_for(PeriodePenilaian(tahun_id=rep.tahun)))
    for unit_id in sorted(per_unit, key=lambda u: names[u]):
        counts = per_unit[unit_id]
        hasil = org.get(unit_id, "")
        kv = KurvaUnit(unit_id, names[unit_id][1], sum(counts.values()), hasil)
        if hasil:
            kv.pelanggaran = [v.message for v in check_distribution(hasil, counts, policy)]
        rep.kurva.append(kv)


def _talent(rep: LaporanOpd) -> None:
    rows = dict(
        PenempatanTalenta.objects.filter(tahun=rep.tahun, opd_id=rep.opd.pk, dikecualikan=False)
        .values("kotak")
        .annotate(n=Count("pk"))
        .values_list("kotak", "n")
    )
    rep.talenta = {box: rows.get(box, 0) for box in range(1, 10)}


def _ikm(rep: LaporanOpd) -> None:
    rep.ikm = ikm_rows(tahun=rep.tahun, opd_ids=[rep.opd.pk])


def agency_report(opd: UnitKerja, tahun: int) -> LaporanOpd:
    """Every figure of the yearly report of `opd` (resolved through `access.opd_for_laporan`)."""
    rep = LaporanOpd(opd=opd, tahun=tahun)
    _people(rep, targets())
    _ratings_and_curve(rep)
    _talent(rep)
    _ikm(rep)
    return rep


def box_label(box: int) -> str:
    """The table's label: "9. Kinerja di atas ekspektasi dan potensial tinggi"."""
    return f"{box}. {nine_box_category(box)}"


def box_short(box: int) -> str:
    """The chart's label, short enough to read whole: "Kotak 9 (kinerja Tinggi, potensial Tinggi)"
    would be cut, so "Kotak 9 · K Tinggi · P Tinggi"."""
    kinerja, potensial = nine_box_levels(box)
    return f"Kotak {box} · K {kinerja.value} · P {potensial.value}"
