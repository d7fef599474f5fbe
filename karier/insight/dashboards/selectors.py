"""Reads of the province and agency dashboards: the pre-aggregated figures of a scope, in a fixed
number of queries whatever the headcount (the figures are per unit, not per person).

- no agency: the agency totals (rows with no unit), one line per agency;
- an agency or a unit: the rows of the units in its subtree (by path), one line per direct sub-unit
  (its subtree summed) and one for the people directly in the scope.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from karier.appraisal.calibration.selectors import curve_policy, kalender_for
from karier.appraisal.choices import JenisPeriode
from karier.appraisal.models import PeriodePenilaian, PredikatOrganisasiUnit
from karier.appraisal.public.skm.choices import StatusSkm
from karier.insight.dashboards.access import Lingkup
from karier.insight.dashboards.choices import MetrikDasbor
from karier.insight.models import AngkaDasbor, PembaruanDasbor
from karier.people.models import UnitKerja
from karier.rules import DEFAULT_CURVE, CurvePolicy, skm_grade

FIELDS = ("opd_id", "unit_id", "metrik", "kategori", "jumlah", "nilai", "target", "label", "opd__nama", "unit__path")
Counts = dict[str, dict[str, int]]  # metrik -> kategori -> jumlah


@dataclass
class Baris:
    """One line of a breakdown (an agency, or a unit) with its counts."""

    id: int
    nama: str
    angka: Counts = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    predikat_organisasi: str = ""

    def get(self, metrik: str, kategori: str = "") -> int:
        return self.angka.get(metrik, {}).get(kategori, 0)

    def total(self, metrik: str) -> int:
        return sum(self.angka.get(metrik, {}).values())


@dataclass(frozen=True)
class Iku:
    kode_nama: str
    target: Decimal | None
    realisasi: Decimal | None


@dataclass(frozen=True)
class Ikm:
    """One IKM line: a service unit's SKM period (agency or unit scope), or an agency's IKM (province)."""

    nama: str
    responden: int
    nilai: Decimal
    berjalan: bool  # the period is still open: the figure may change

    @property
    def mutu(self) -> str:
        return skm_grade(self.nilai)


@dataclass
class Angka:
    """The figures of a scope: the lines of the breakdown, their sum, the indicators, the last refresh."""

    lingkup: Lingkup
    baris: list[Baris]
    jumlah: Baris
    iku: list[Iku]
    ikm: list[Ikm]
    diperbarui: PembaruanDasbor | None
    policy: CurvePolicy = DEFAULT_CURVE  # the year's curve (`KalenderPenilaian.kebijakan_kurva`)


def _key_rows(lingkup: Lingkup) -> Q:
    t = lingkup.tahun
    if lingkup.unit is not None:
        return Q(tahun=t, opd_id=lingkup.unit.opd_id) & (
            Q(unit__path__subtree=lingkup.unit.path) | Q(unit__isnull=True, metrik=MetrikDasbor.IKU)
        )
    if lingkup.opd is not None:
        # the units' rows; of the agency-total rows only its IKU (the lines sum the units themselves)
        return Q(tahun=t, opd_id=lingkup.opd.pk) & (
            Q(unit__isnull=False) | Q(unit__isnull=True, metrik=MetrikDasbor.IKU)
        )
    return Q(tahun=t, unit__isnull=True)


def _child_of(scope: UnitKerja) -> tuple[int, Callable[[str], int]]:
    """The line a unit's row adds to under `scope`: the scope's direct child the unit lies in (its path
    is `<scope path><child id>/…`), or the scope itself for the people directly in it."""
    start = len(scope.path)

    def key(path: str) -> int:
        rest = path[start:]
        return int(rest[: rest.index("/")]) if rest else scope.pk

    return start, key


def angka_dasbor(lingkup: Lingkup) -> Angka:
    """Five queries: the rows, the names of the lines, the organisational predikat, the year's curve
    policy, the last refresh.

    The lines are the agencies (province), else the scope's direct sub-units — each with its whole
    subtree — and the scope itself for the people directly in it: a drill-down, one level at a time."""
    scope = lingkup.unit or lingkup.opd
    rows = AngkaDasbor.objects.filter(_key_rows(lingkup)).order_by().values_list(*FIELDS)
    lines: dict[int, Baris] = {}
    iku: list[Iku] = []
    names: dict[int, str] = {}
    if scope is not None:
        _start, child = _child_of(scope)
        names = dict(UnitKerja.objects.filter(parent_id=scope.pk).values_list("pk", "nama"))
        names[scope.pk] = scope.nama
    ikm: list[Ikm] = []
    for opd_id, unit_id, metrik, kategori, jumlah, nilai, target, label, opd_nama, unit_path in rows:
        if metrik == MetrikDasbor.IKM:
            # the province lists the agencies' IKM (rows without a unit), a scope its units' periods
            if nilai is not None and (scope is None) == (unit_id is None):
                ikm.append(Ikm(label or opd_nama or "", jumlah, nilai, kategori.startswith(f"{StatusSkm.BUKA}:")))
            continue
        if metrik == MetrikDasbor.IKU:
            if opd_id == (lingkup.opd.pk if lingkup.opd is not None else None):
                iku.append(Iku(label, target, nilai))
            continue
        if scope is None:
            if opd_id is None:
                continue
            key, nama = opd_id, opd_nama or ""
        else:
            if unit_id is None or not unit_path:
                continue
            key = child(unit_path)
            nama = names.get(key, "")
        line = lines.get(key)
        if line is None:
            line = lines[key] = Baris(key, nama)
        line.angka[metrik][kategori] += jumlah
    baris = sorted(lines.values(), key=lambda b: (b.id != (scope.pk if scope else None), b.nama, b.id))
    jumlah = Baris(0, "")
    for b in baris:
        for metrik, per in b.angka.items():
            for kategori, n in per.items():
                jumlah.angka[metrik][kategori] += n
    _organisational(lingkup, baris, jumlah)
    # the calibration's own reading of the year's settings (an unsaved period carries the year)
    policy = curve_policy(kalender_for(PeriodePenilaian(tahun_id=lingkup.tahun)))
    diperbarui = PembaruanDasbor.objects.filter(tahun=lingkup.tahun).first()
    ikm.sort(key=lambda i: (i.nama, i.berjalan))
    return Angka(lingkup, baris, jumlah, sorted(iku, key=lambda i: i.kode_nama), ikm, diperbarui, policy)


def _organisational(lingkup: Lingkup, baris: list[Baris], jumlah: Baris) -> None:
    """The predikat organisasi of each line's unit (and of the scope) for the year's annual period: the
    curve its people's predikat are held to. One query."""
    scope = lingkup.unit or lingkup.opd
    ids = [b.id for b in baris] + ([scope.pk] if scope is not None else [])
    found = dict(
        PredikatOrganisasiUnit.objects.filter(
            periode__tahun_id=lingkup.tahun, periode__jenis=JenisPeriode.TAHUNAN, unit_id__in=ids
        ).values_list("unit_id", "predikat")
    )
    for b in baris:
        b.predikat_organisasi = found.get(b.id, "")
    jumlah.predikat_organisasi = found.get(scope.pk, "") if scope is not None else ""


def tahun_list() -> list[int]:
    """The years with figures, newest first (one query)."""
    return list(PembaruanDasbor.objects.order_by("-tahun").values_list("tahun", flat=True))


def agencies() -> list[tuple[int, str]]:
    return list(UnitKerja.objects.filter(parent__isnull=True).order_by("nama", "pk").values_list("pk", "nama"))


def units_of(opd: UnitKerja) -> list[tuple[int, str, int]]:
    """The units of an agency for the unit filter, in tree order (id, name, depth)."""
    return list(UnitKerja.objects.filter(opd_id=opd.pk).order_by("path").values_list("pk", "nama", "depth"))
