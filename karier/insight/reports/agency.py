"""The figures of an agency's yearly performance report (issue #13 item 4), aggregated in the database.

An agency may have 30,000 people: every figure is a GROUP BY over the base tables (people, plans,
evaluations, the JP totals, the 9-box placements), never a loop over people. What loops in Python is
per unit (the curve check of `karier.rules` needs each unit's counts) or per category. Eight queries
whatever the headcount. It reads the base tables, not the dashboards' pre-aggregated ones, so the
report is right even before the nightly refresh.

- **Plans**: active people of the agency, those with an approved SKP of the year, with a SKP still
  in progress (draft, submitted or returned), without any; per unit directly under the agency (with
  its sub-units), so that the chart stays one page for an agency of hundreds of units.
- **Ratings**: the annual period's evaluations of the agency's units: final ones by predikat (the
  calibrated `predikat_akhir` when set), and how many are final out of all.
- **Curve**: per unit with final ratings, the unit's predikat kinerja organisasi and
  `karier.rules.check_distribution` under the year's curve policy (`KalenderPenilaian`).
- **JP**: people at or above the yearly target of `karier.rules.jp.JP_TARGET_PER_YEAR` (20 JP), and
  the bands 0, under 10, 10 to under 20 (from `RekapJpPegawai`, the ledger's stored totals).
- **Talent**: 9-box placements of the year per box (`karier.rules.nine_box_category`).
- **IKM per unit**: the public satisfaction index of each SKM period (open or closed) of the agency's
  units ending in the year (`karier.appraisal.public.skm.selectors.ikm_rows`, one query).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Count, Exists, F, OuterRef, Q, When

from karier.appraisal.calibration.selectors import curve_policy
from karier.appraisal.choices import JenisPeriode, PredikatChoice, StatusEvaluasi
from karier.appraisal.models import Evaluasi, KalenderPenilaian, PredikatOrganisasiUnit
from karier.appraisal.public.skm.selectors import IkmRow, ikm_rows
from karier.development.models import RekapJpPegawai
from karier.people.models import Pegawai, UnitKerja
from karier.plans.choices import StatusSkp
from karier.plans.models import Skp
from karier.rules import DEFAULT_CURVE, check_distribution, nine_box_category, nine_box_levels
from karier.rules.jp import JP_TARGET_PER_YEAR
from karier.talent.models import PenempatanTalenta

PREDIKAT_ORDER = [c.value for c in PredikatChoice]


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
    jp_target: Decimal = JP_TARGET_PER_YEAR
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


def _plans(rep: LaporanOpd) -> None:
    """Grouped by unit in the database, then rolled up per unit directly under the agency (a bidang, a
    UPTD, with their sub-units) — a loop over units, so the chart keeps a readable size for any agency."""
    approved = Skp.objects.filter(pegawai_id=OuterRef("pk"), tahun_id=rep.tahun, status=StatusSkp.DISETUJUI)
    anyskp = Skp.objects.filter(pegawai_id=OuterRef("pk"), tahun_id=rep.tahun)
    rows = (
        Pegawai.objects.filter(opd_id=rep.opd.pk, aktif=True)
        .values("unit__path")
        .annotate(
            n=Count("pk"),
            disetujui=Count("pk", filter=Q(Exists(approved))),
            ada=Count("pk", filter=Q(Exists(anyskp))),
        )
        .order_by("unit__path")
    )
    branches = {rep.opd.pk: rep.opd.nama} | dict(
        UnitKerja.objects.filter(parent_id=rep.opd.pk).order_by("path").values_list("pk", "nama")
    )
    per: dict[int, RencanaUnit] = {pk: RencanaUnit(pk, nama, 0, 0, 0) for pk, nama in branches.items()}
    for r in rows:
        key = _branch(rep.opd, r["unit__path"])
        b = per[key if key in per else rep.opd.pk]
        b.pegawai += r["n"]
        b.disetujui += r["disetujui"]
        b.ada += r["ada"]
    rep.rencana = [r for r in per.values() if r.pegawai]
    rep.pegawai = sum(r.pegawai for r in rep.rencana)
    rep.skp_disetujui = sum(r.disetujui for r in rep.rencana)
    rep.skp_proses = sum(r.proses for r in rep.rencana)
    rep.skp_belum = sum(r.belum for r in rep.rencana)


def _ratings_and_curve(rep: LaporanOpd) -> None:
    final_predikat = Case(When(predikat_akhir="", then=F("predikat")), default=F("predikat_akhir"))
    rows = (
        Evaluasi.objects.filter(
            periode__tahun_id=rep.tahun, periode__jenis=JenisPeriode.TAHUNAN, unit__opd_id=rep.opd.pk
        )
        .annotate(p=final_predikat)
        .values("unit_id", "unit__nama", "unit__path", "periode_id", "p", "status")
        .annotate(n=Count("pk"))
        .order_by("unit__path", "p")
    )
    per_unit: dict[int, dict[str, int]] = defaultdict(dict)
    names: dict[int, tuple[str, str]] = {}
    periode_ids: set[int] = set()
    rep.predikat = dict.fromkeys(PREDIKAT_ORDER, 0)
    for r in rows:
        rep.evaluasi_total += r["n"]
        if r["status"] != StatusEvaluasi.FINAL or not r["p"]:
            continue
        rep.evaluasi_final += r["n"]
        rep.predikat[r["p"]] = rep.predikat.get(r["p"], 0) + r["n"]
        counts = per_unit[r["unit_id"]]
        counts[r["p"]] = counts.get(r["p"], 0) + r["n"]
        names[r["unit_id"]] = (r["unit__path"] or "", r["unit__nama"])
        periode_ids.add(r["periode_id"])
    org = dict(
        PredikatOrganisasiUnit.objects.filter(unit_id__in=list(per_unit), periode_id__in=list(periode_ids)).values_list(
            "unit_id", "predikat"
        )
    )
    kalender = KalenderPenilaian.objects.filter(tahun_id=rep.tahun).first()
    policy = curve_policy(kalender) if kalender is not None else DEFAULT_CURVE
    for unit_id in sorted(per_unit, key=lambda u: names[u][0]):
        counts = per_unit[unit_id]
        hasil = org.get(unit_id, "")
        kv = KurvaUnit(unit_id, names[unit_id][1], sum(counts.values()), hasil)
        if hasil:
            kv.pelanggaran = [v.message for v in check_distribution(hasil, counts, policy)]
        rep.kurva.append(kv)


def _jp(rep: LaporanOpd) -> None:
    t = rep.jp_target
    agg = RekapJpPegawai.objects.filter(tahun=rep.tahun, pegawai__opd_id=rep.opd.pk, pegawai__aktif=True).aggregate(
        memenuhi=Count("pk", filter=Q(jp_total__gte=t)),
        b10=Count("pk", filter=Q(jp_total__gt=0, jp_total__lt=10)),
        b20=Count("pk", filter=Q(jp_total__gte=10, jp_total__lt=t)),
        nol=Count("pk", filter=Q(jp_total__lte=0)),
    )
    with_row = agg["memenuhi"] + agg["b10"] + agg["b20"] + agg["nol"]
    rep.jp_memenuhi = agg["memenuhi"]
    rep.jp_pita = {
        "0": agg["nol"] + max(rep.pegawai - with_row, 0),  # no ledger row: no JP yet
        "<10": agg["b10"],
        "10-<20": agg["b20"],
        ">=20": agg["memenuhi"],
    }


def _talent(rep: LaporanOpd) -> None:
    rows = dict(
        PenempatanTalenta.objects.filter(tahun=rep.tahun, opd_id=rep.opd.pk)
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
    _plans(rep)
    _ratings_and_curve(rep)
    _jp(rep)
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
