"""The fairness analytics of one agency and year (issue #13 item 2), read live from the base tables.

What is read: the **final** evaluations of the year's annual period whose unit (snapshot) lies in the
agency — one query, with two EXISTS for "any feedback or dialog note on this plan during the year" —,
the calibration moves on them (one query), the agency's units (one query) and the annual period (one
query). Everything else is counted in Python over those rows, so the number of queries is fixed
whatever the agency's size (tests assert it at two sizes; bench/insight_fairness.py times 10,000).

**Suppression is applied here, once**: every group (an appraiser's ratees, a gender, an age band, a
unit…) of fewer than `karier.rules.fairness.MIN_KELOMPOK` people is built as a suppressed row with no
figures at all, so the screen, the API and the Excel cannot show what this module never hands out.

Which predikat: an appraiser's distribution uses the predikat *they* gave (`predikat`, before
calibration: calibration is not the appraiser's doing); the groups use the final category
(`predikat_akhir` when calibrated). Golongan is the person's current golongan (evaluations do not
snapshot it), grouped by its roman numeral; age is on 31 December of the year.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Generic, TypeVar

from django.db.models import CharField, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from karier.appraisal.calibration.selectors import PREDIKAT_COLUMNS, calibration_unit_expr, final_predikat_expr
from karier.appraisal.choices import JenisPeriode, RatingChoice, StatusEvaluasi
from karier.appraisal.models import CatatanDialog, Evaluasi, Kalibrasi, PeriodePenilaian, UmpanBalik
from karier.core.numbers import share
from karier.insight.fairness.findings import flag_labels
from karier.people.choices import JenisJabatan, JenisKelamin
from karier.people.models import UnitKerja
from karier.rules.fairness import (
    Spread,
    age_band,
    appraiser_flags,
    rated_in_bulk,
    shown,
    spread_of,
)
from karier.rules.golongan import UnknownGolongan, golongan_romawi
from karier.rules.predikat import PREDIKAT_ORDER
from karier.rules.rating import alasan_rating_wajib

RATING_COLUMNS: tuple[str, ...] = tuple(RatingChoice.values)
#: The screen's appraiser tables stop here (an agency of 10,000 has ~1,000 appraisers); the Excel keeps all.
TABLE_MAX_ROWS = 50
_RANK = {str(p): i for i, p in enumerate(PREDIKAT_ORDER)}


def dimension_labels() -> dict[str, str]:
    return {
        "jenis_kelamin": _("Jenis kelamin"),
        "usia": _("Kelompok usia"),
        "golongan": _("Golongan"),
        "jenis_jabatan": _("Jenis jabatan"),
        "unit": _("Unit kerja"),
    }


T = TypeVar("T")


@dataclass(frozen=True)
class Capped(Generic[T]):
    """The first rows of a table for the screen and how many more the Excel holds."""

    rows: list[T]
    lainnya: int = 0

    @classmethod
    def of(cls, rows: list[T]) -> Capped[T]:
        return cls(rows[:TABLE_MAX_ROWS], max(0, len(rows) - TABLE_MAX_ROWS))


def _cells(counts: dict[str, int] | None, persen: dict[str, Decimal] | None) -> list[tuple[int, Decimal]]:
    if counts is None or persen is None:
        return []
    return [(counts[p], persen[p]) for p in PREDIKAT_COLUMNS]


@dataclass(frozen=True)
class Distribution:
    """One group's ratings. `n` is always there; the figures are None when the group is suppressed."""

    label: str
    n: int
    predikat: dict[str, int] | None = None
    persen: dict[str, Decimal] | None = None

    @property
    def suppressed(self) -> bool:
        return self.predikat is None

    @property
    def cells(self) -> list[tuple[int, Decimal]]:
        """(count, %) per predikat column, for the screen; empty when suppressed."""
        return _cells(self.predikat, self.persen)

    @classmethod
    def of(cls, label: str, values: Iterable[str]) -> Distribution:
        counts = Counter(values)
        n = sum(counts.values())
        if not shown(n):
            return cls(label, n)
        per = {p: counts.get(p, 0) for p in PREDIKAT_COLUMNS}
        return cls(label, n, per, {p: share(v, n) for p, v in per.items()})


@dataclass(frozen=True)
class AppraiserRow:
    """An appraiser's final evaluations in the agency; figures None when fewer than 5."""

    penilai_id: int | None
    nama: str
    n: int
    predikat: dict[str, int] | None = None
    persen: dict[str, Decimal] | None = None
    hasil_kerja: dict[str, int] | None = None
    perilaku: dict[str, int] | None = None
    spread_persen: dict[str, Decimal] | None = None  # atas/tengah/bawah
    flags: tuple[str, ...] = ()
    tanda: tuple[str, ...] = ()  # the flags' labels, in the same order
    tanpa_alasan: int | None = None
    alasan_wajib_kosong: int | None = None
    massal_tanpa_umpan_balik: int | None = None
    kalibrasi: int | None = None

    @property
    def suppressed(self) -> bool:
        return self.predikat is None

    @property
    def cells(self) -> list[tuple[int, Decimal]]:
        return _cells(self.predikat, self.persen)


@dataclass(frozen=True)
class Mover:
    nama: str
    naik: int
    turun: int


@dataclass(frozen=True)
class CalibrationRow:
    """Calibration moves on a unit's evaluations and who made them; figures None when fewer than 5."""

    unit_id: int
    unit: str
    n: int
    naik: int | None = None
    turun: int | None = None
    movers: tuple[Mover, ...] | None = None

    @property
    def suppressed(self) -> bool:
        return self.naik is None


@dataclass
class FairnessReport:
    opd: UnitKerja
    tahun: int
    periode: PeriodePenilaian | None
    agency: Distribution
    agency_hasil_kerja: dict[str, int] | None
    agency_perilaku: dict[str, int] | None
    agency_spread_persen: dict[str, Decimal] | None
    appraisers: list[AppraiserRow] = field(default_factory=list)
    groups: dict[str, list[Distribution]] = field(default_factory=dict)
    calibration: list[CalibrationRow] = field(default_factory=list)
    tanpa_alasan: int | None = None
    alasan_wajib_kosong: int | None = None
    massal: int | None = None
    massal_tanpa_umpan_balik: int | None = None
    kalibrasi: int | None = None

    @property
    def n(self) -> int:
        return self.agency.n

    @property
    def flagged(self) -> list[AppraiserRow]:
        return [a for a in self.appraisers if a.flags]

    @property
    def flags_present(self) -> list[str]:
        """The flags given to at least one appraiser, each once, in the order of the rules."""
        present = {f for a in self.appraisers for f in a.flags}
        return [f for f in flag_labels() if f in present]

    # The screen's tables. `appraisers` is sorted flagged first, so every capped table starts with them;
    # the API and the Excel read `appraisers` whole.
    @property
    def tabel_penilai(self) -> Capped[AppraiserRow]:
        return Capped.of(self.appraisers)

    @property
    def tabel_rating(self) -> Capped[AppraiserRow]:
        """Ratings of the flagged appraisers: the pattern behind each flag."""
        return Capped.of(self.flagged)

    @property
    def tabel_alasan(self) -> Capped[AppraiserRow]:
        return Capped.of([a for a in self.appraisers if a.tanpa_alasan])

    @property
    def tabel_massal(self) -> Capped[AppraiserRow]:
        return Capped.of([a for a in self.appraisers if a.massal_tanpa_umpan_balik])

    @property
    def kelompok(self) -> list[tuple[str, list[Distribution]]]:
        """The groups with their dimension's label, in the order of `groups`."""
        labels = dimension_labels()
        return [(labels[dim], rows) for dim, rows in self.groups.items()]


def annual_period(tahun: int) -> PeriodePenilaian | None:
    return PeriodePenilaian.objects.filter(tahun_id=tahun, jenis=JenisPeriode.TAHUNAN).first()


def _golongan_group(kode: str | None) -> str:
    """The roman numeral of a golongan ruang code; a code outside the ladder (imported data) as it is."""
    if not kode:
        return _("Tanpa golongan")
    try:
        return golongan_romawi(kode)
    except UnknownGolongan:
        return kode


def _jenis_jabatan(jenis: str) -> str:
    if jenis in JenisJabatan.managerial():
        return _("Struktural")
    if jenis == JenisJabatan.FUNGSIONAL:
        return _("Fungsional")
    return _("Pelaksana")


def _spread_persen(s: Spread) -> dict[str, Decimal]:
    return {"atas": share(s.top, s.total), "tengah": share(s.middle, s.total), "bawah": share(s.bottom, s.total)}


def _final_evaluations(opd: UnitKerja, periode: PeriodePenilaian) -> QuerySet[Evaluasi]:
    return Evaluasi.objects.filter(periode=periode, status=StatusEvaluasi.FINAL, unit__opd_id=opd.pk)


def _rows(opd: UnitKerja, periode: PeriodePenilaian) -> list[dict[str, Any]]:
    """The year's final evaluations in the agency (one query)."""
    return list(
        _final_evaluations(opd, periode)
        .annotate(
            kal_unit=calibration_unit_expr(),
            # Only compared for equality (one bulk save = one timestamp): text skips 10,000 conversions.
            dinilai_teks=Cast("dinilai_pada", CharField()),
            akhir=final_predikat_expr(),
        )
        .values(
            "pk",
            "skp_id",
            "penilai_id",
            "penilai__nama",
            "unit_id",
            "jabatan__jenis",
            "pegawai__jenis_kelamin",
            "pegawai__tanggal_lahir",
            "pegawai__golongan__kode",
            "rating_hasil_kerja",
            "alasan_hasil_kerja",
            "rating_perilaku",
            "alasan_perilaku",
            "predikat",
            "akhir",
            "dinilai_teks",
            "kal_unit",
        )
        .order_by()
    )


def _plans_with_feedback(opd: UnitKerja, periode: PeriodePenilaian) -> set[int]:
    """Plans (SKP) of those evaluations with any feedback or dialog note, in any period of the year (one
    query). Not an EXISTS per row: PostgreSQL then over-estimates the cost and spends ~80 ms compiling
    the query (JIT) for a 30 ms run."""
    plans = _final_evaluations(opd, periode).values("skp_id")
    feedback = UmpanBalik.objects.filter(evaluasi__skp_id__in=plans).values_list("evaluasi__skp_id", flat=True)
    notes = CatatanDialog.objects.filter(evaluasi__skp_id__in=plans).values_list("evaluasi__skp_id", flat=True)
    feedback, notes = feedback.order_by(), notes.order_by()  # no ORDER BY inside a UNION (SQLite)
    return set(feedback.union(notes))


def _moves(opd: UnitKerja, periode: PeriodePenilaian) -> list[dict[str, Any]]:
    """Calibration moves on the same evaluations, with the mover (one query)."""
    return [
        dict(m)
        for m in Kalibrasi.objects.filter(
            evaluasi__periode=periode, evaluasi__status=StatusEvaluasi.FINAL, evaluasi__unit__opd_id=opd.pk
        )
        .values("evaluasi_id", "dari", "ke", "oleh_id", "oleh__pegawai__nama", "oleh__username")
        .order_by("dibuat_pada", "pk")
    ]


def _no_reason(row: Mapping[str, Any]) -> bool:
    return not (row["alasan_hasil_kerja"] or "").strip() and not (row["alasan_perilaku"] or "").strip()


def _reason_missing_where_required(row: Mapping[str, Any]) -> bool:
    """A rating that needs a reason (`alasan_rating_wajib`) whose reason is empty (the services refuse
    it; imports may not)."""
    return any(
        row[r] and alasan_rating_wajib(row[r]) and not (row[a] or "").strip()
        for r, a in (("rating_hasil_kerja", "alasan_hasil_kerja"), ("rating_perilaku", "alasan_perilaku"))
    )


def _bulk_ids(rows: list[dict[str, Any]]) -> set[int]:
    """Evaluations rated in one save of the bulk screen together with at least one other."""
    saves: dict[tuple[Any, Any], list[int]] = defaultdict(list)
    for r in rows:
        if r["dinilai_teks"] is not None:
            saves[(r["penilai_id"], r["dinilai_teks"])].append(r["pk"])
    return {pk for ids in saves.values() if rated_in_bulk(len(ids)) for pk in ids}


def fairness_report(opd: UnitKerja, tahun: int) -> FairnessReport:
    """The whole analytics of one agency and year, suppressed below 5 people (five queries)."""
    periode = annual_period(tahun)
    rows = _rows(opd, periode) if periode else []
    for r in rows:  # once per row, read by the agency's and each appraiser's counts
        r["tanpa_alasan"] = _no_reason(r)
        r["wajib_kosong"] = _reason_missing_where_required(r)
    moves = _moves(opd, periode) if periode else []
    units = dict(UnitKerja.objects.filter(opd_id=opd.pk).values_list("pk", "nama"))

    bulk = _bulk_ids(rows)
    with_feedback = _plans_with_feedback(opd, periode) if periode else set()
    no_feedback = {r["pk"] for r in rows if r["skp_id"] not in with_feedback}
    moved_by_ev = Counter(m["evaluasi_id"] for m in moves)
    agency_spread = spread_of(r["predikat"] for r in rows if r["predikat"])
    agency_shown = shown(len(rows))

    by_penilai: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_penilai[r["penilai_id"]].append(r)
    appraisers: list[AppraiserRow] = []
    labels = flag_labels()
    for penilai_id, mine in by_penilai.items():
        nama = mine[0]["penilai__nama"] or _("(tanpa pejabat penilai)")
        if not shown(len(mine)):
            appraisers.append(AppraiserRow(penilai_id, nama, len(mine)))
            continue
        given = [r["predikat"] for r in mine if r["predikat"]]
        spread = spread_of(given)
        pairs = {(r["rating_hasil_kerja"], r["rating_perilaku"]) for r in mine}
        flags = appraiser_flags(spread, agency_spread, len(pairs))
        dist = Distribution.of(nama, given)
        appraisers.append(
            AppraiserRow(
                penilai_id,
                nama,
                len(mine),
                predikat=dist.predikat,
                persen=dist.persen,
                hasil_kerja={k: sum(r["rating_hasil_kerja"] == k for r in mine) for k in RATING_COLUMNS},
                perilaku={k: sum(r["rating_perilaku"] == k for r in mine) for k in RATING_COLUMNS},
                spread_persen=_spread_persen(spread),
                flags=flags,
                tanda=tuple(labels[f] for f in flags),
                tanpa_alasan=sum(r["tanpa_alasan"] for r in mine),
                alasan_wajib_kosong=sum(r["wajib_kosong"] for r in mine),
                massal_tanpa_umpan_balik=sum(r["pk"] in bulk and r["pk"] in no_feedback for r in mine),
                kalibrasi=sum(moved_by_ev[r["pk"]] for r in mine),
            )
        )
    appraisers.sort(key=lambda a: (a.suppressed, -len(a.flags), a.nama))

    return FairnessReport(
        opd=opd,
        tahun=tahun,
        periode=periode,
        agency=Distribution.of(str(opd.nama), (r["akhir"] for r in rows)),
        agency_hasil_kerja={k: sum(r["rating_hasil_kerja"] == k for r in rows) for k in RATING_COLUMNS}
        if agency_shown
        else None,
        agency_perilaku={k: sum(r["rating_perilaku"] == k for r in rows) for k in RATING_COLUMNS}
        if agency_shown
        else None,
        agency_spread_persen=_spread_persen(agency_spread) if agency_shown else None,
        appraisers=appraisers,
        groups=_groups(rows, tahun, units),
        calibration=_calibration(rows, moves, units),
        tanpa_alasan=sum(r["tanpa_alasan"] for r in rows) if agency_shown else None,
        alasan_wajib_kosong=sum(r["wajib_kosong"] for r in rows) if agency_shown else None,
        massal=len(bulk) if agency_shown else None,
        massal_tanpa_umpan_balik=len(bulk & no_feedback) if agency_shown else None,
        kalibrasi=len(moves) if agency_shown else None,
    )


def _groups(rows: list[dict[str, Any]], tahun: int, units: Mapping[int, str]) -> dict[str, list[Distribution]]:
    """Labels are translated once per value, not once per row (10,000 rows: 0,5 s of gettext)."""
    end = dt.date(tahun, 12, 31)
    gender = {k: str(v) for k, v in JenisKelamin.choices}
    jenis = {k: _jenis_jabatan(k) for k in JenisJabatan.values}
    golongan: dict[str | None, str] = {}  # per code, not per row

    def golongan_of(kode: str | None) -> str:
        if kode not in golongan:
            golongan[kode] = _golongan_group(kode)
        return golongan[kode]

    keys = {
        "jenis_kelamin": lambda r: gender.get(r["pegawai__jenis_kelamin"], r["pegawai__jenis_kelamin"]),
        "usia": lambda r: age_band(r["pegawai__tanggal_lahir"], end),
        "golongan": lambda r: golongan_of(r["pegawai__golongan__kode"]),
        "jenis_jabatan": lambda r: jenis.get(r["jabatan__jenis"]) or _jenis_jabatan(r["jabatan__jenis"]),
        "unit": lambda r: units.get(r["unit_id"], str(r["unit_id"])),
    }
    out: dict[str, list[Distribution]] = {}
    for dim, key in keys.items():
        buckets: dict[str, list[str]] = defaultdict(list)
        for r in rows:
            buckets[key(r)].append(r["akhir"])
        out[dim] = [Distribution.of(label, values) for label, values in sorted(buckets.items())]
    return out


def _calibration(
    rows: list[dict[str, Any]], moves: list[dict[str, Any]], units: Mapping[int, str]
) -> list[CalibrationRow]:
    """Per calibration unit that has moves: the unit's evaluations, moves up and down, and the movers."""
    people: Counter[int] = Counter()
    unit_of: dict[int, int] = {}
    for r in rows:
        unit_of[r["pk"]] = r["kal_unit"] or r["unit_id"]
        people[unit_of[r["pk"]]] += 1
    per_unit: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for m in moves:
        per_unit[unit_of[m["evaluasi_id"]]].append(m)
    out: list[CalibrationRow] = []
    for unit_id, mine in per_unit.items():
        nama = units.get(unit_id, str(unit_id))
        n = people[unit_id]
        if not shown(n):
            out.append(CalibrationRow(unit_id, nama, n))
            continue
        movers: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for m in mine:
            who = m["oleh__pegawai__nama"] or m["oleh__username"] or _("(tidak diketahui)")
            up = _RANK.get(m["ke"], 0) > _RANK.get(m["dari"], 0)
            movers[who][0 if up else 1] += 1
        out.append(
            CalibrationRow(
                unit_id,
                nama,
                n,
                naik=sum(v[0] for v in movers.values()),
                turun=sum(v[1] for v in movers.values()),
                movers=tuple(Mover(k, v[0], v[1]) for k, v in sorted(movers.items())),
            )
        )
    out.sort(key=lambda c: (c.suppressed, c.unit))
    return out


def years() -> list[int]:
    """Years that have an annual period, newest first (for the filter)."""
    return list(
        PeriodePenilaian.objects.filter(jenis=JenisPeriode.TAHUNAN).order_by("-tahun").values_list("tahun", flat=True)
    )
