"""Succession fit and readiness; coaching, early-warning and award triggers (issue #12 items 5, 6, 8).

PermenPANRB 3/2020 (as amended by 20/2025) puts boxes 7–9 into the succession groups and asks for
requirements of each key position, but sets no fit percentage and no readiness categories: those
are ours (domain brief §6, "Updates"). Re-exported by :mod:`karier.rules.career`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from ._text import desimal
from .golongan import compare_golongan, get_golongan, golongan_rank
from .jabatan import JENJANG_KATEGORI, JenisJabatan
from .labels import Jenjang, Predikat, coerce
from .predikat import predikat_at_least
from .promotion import PENDIDIKAN_ALIASES, UnknownPendidikan
from .talent import nine_box_category

__all__ = [
    "AMBANG_HAMPIR_MEMENUHI",
    "BULAN_TINDAK_LANJUT_BIMBINGAN",
    "COACHING_BOXES",
    "DEFAULT_READINESS_CUTOFFS",
    "MAKS_KANDIDAT",
    "MULAI_BULAN_PERINGATAN_DINI",
    "PENDIDIKAN_ORDER",
    "TAHUN_BERISIKO",
    "Fit",
    "Readiness",
    "ReadinessCutoffs",
    "Requirement",
    "award_reasons",
    "candidate_readiness",
    "coaching_reasons",
    "competency_requirement",
    "education_requirement",
    "golongan_requirement",
    "is_candidate",
    "jenis_jabatan_requirement",
    "jenjang_requirement",
    "mid_year",
    "needs_attention",
    "pendidikan_rank",
    "readiness",
    "realisation_trailing",
    "succession_fit",
    "years_requirement",
]

_CENT = Decimal("0.01")


# ------------------------------------------------------------------------------------ requirements
@dataclass(frozen=True)
class Requirement:
    """One requirement of a key position checked against a candidate.

    ``required`` and ``actual`` are display texts; ``gap_levels`` how many levels are missing
    (competencies, golongan, education), 0 when met. A candidate who fails a ``hard`` requirement
    is shown as ineligible with the reason; an unmet soft one is a gap to close by development.
    """

    key: str
    label: str
    required: str
    actual: str
    met: bool
    hard: bool
    gap_levels: int = 0


_BELUM = "belum tercatat"

#: Education levels from low to high; one tuple per rank (S1 and D-IV are equal). The order of
#: karier.people.choices.Pendidikan, with the other names of the education-ceiling table placed
#: beside the level they share a ceiling with (PP 99/2000 jo PP 12/2002 as tabulated — [P]).
PENDIDIKAN_ORDER: tuple[tuple[str, ...], ...] = (
    ("SD",),
    ("SLTP",),
    ("SLTP Kejuruan",),
    ("SLTA", "SLTA Kejuruan"),
    ("D-I",),
    ("D-II",),
    ("SGPLB",),
    ("D-III", "Sarjana Muda", "Akademi", "Bakaloreat"),
    ("S1", "D-IV"),
    ("S2", "Dokter", "Apoteker"),
    ("S3",),
)


def _norm(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


_PENDIDIKAN_RANK = {_norm(name): rank for rank, names in enumerate(PENDIDIKAN_ORDER) for name in names}
_PENDIDIKAN_RANK.update({_norm(alias): _PENDIDIKAN_RANK[_norm(name)] for alias, name in PENDIDIKAN_ALIASES.items()})


def pendidikan_rank(pendidikan: str) -> int:
    """Rank of an education level in :data:`PENDIDIKAN_ORDER` (case, spaces and dashes ignored)."""
    key = _norm(str(pendidikan))
    if key not in _PENDIDIKAN_RANK:
        pilihan = ", ".join(names[0] for names in PENDIDIKAN_ORDER)
        raise UnknownPendidikan(f"Pendidikan “{pendidikan}” tidak dikenal. Pilihan: {pilihan}.")
    return _PENDIDIKAN_RANK[key]


def golongan_requirement(actual: str | None, minimum: str, *, hard: bool = True) -> Requirement:
    """Golongan at least ``minimum`` (hard by default; gap = golongan steps missing)."""
    need = get_golongan(minimum).code
    if actual is None:
        return Requirement("golongan", "Golongan", need, _BELUM, False, hard, 0)
    have = get_golongan(actual).code
    gap = max(golongan_rank(need) - golongan_rank(have), 0)
    return Requirement(
        "golongan", "Golongan", f"paling rendah {need}", have, compare_golongan(have, need) >= 0, hard, gap
    )


def education_requirement(actual: str | None, minimum: str, *, hard: bool = True) -> Requirement:
    """Education at least ``minimum`` in :data:`PENDIDIKAN_ORDER` (hard by default)."""
    need_rank = pendidikan_rank(minimum)
    required = f"paling rendah {minimum}"
    if actual is None:
        return Requirement("pendidikan", "Pendidikan", required, _BELUM, False, hard, 0)
    gap = max(need_rank - pendidikan_rank(actual), 0)
    return Requirement("pendidikan", "Pendidikan", required, actual, gap == 0, hard, gap)


def years_requirement(
    actual_years: Decimal | int | None,
    minimum: int,
    *,
    key: str = "masa_kerja",
    label: str = "Masa kerja",
    hard: bool = True,
) -> Requirement:
    """At least ``minimum`` years (of service, or in a kind of position); hard by default."""
    required = f"paling sedikit {minimum} tahun"
    if actual_years is None:
        return Requirement(key, label, required, _BELUM, False, hard, 0)
    years = Decimal(actual_years)
    shown = desimal(years, 1, ringkas=True)
    return Requirement(key, label, required, f"{shown} tahun", years >= minimum, hard, 0)


def competency_requirement(
    code: str, name: str, actual_level: int | None, required_level: int, *, hard: bool = False
) -> Requirement:
    """A competency at ``required_level`` or above; soft by default (a gap to develop)."""
    have = 0 if actual_level is None else actual_level
    gap = max(required_level - have, 0)
    actual = _BELUM if actual_level is None else f"level {actual_level}"
    return Requirement(f"kompetensi:{code}", name, f"level {required_level}", actual, gap == 0, hard, gap)


def _jenis_key(value: str) -> str:
    """A kind of position as karier.people.choices.JenisJabatan names it (``JPT_PRATAMA``), from itself
    or from its label (``JPT Pratama``)."""
    return "_".join(str(value).upper().split())


def _jenis_label(value: str) -> str:
    key = _jenis_key(value)
    return JenisJabatan[key].value if key in JenisJabatan.__members__ else str(value)


def jenis_jabatan_requirement(actual: str | None, allowed: Collection[str], *, hard: bool = True) -> Requirement:
    """The candidate's current kind of position is one of ``allowed`` (e.g. ADMINISTRATOR for a
    JPT Pratama post); values as karier.people.choices.JenisJabatan or their labels; hard by default."""
    wanted = {_jenis_key(a) for a in allowed}
    required = " atau ".join(_jenis_label(a) for a in allowed)
    if actual is None:
        return Requirement("jenis_jabatan", "Jenis jabatan", required, _BELUM, False, hard, 0)
    met = _jenis_key(actual) in wanted
    return Requirement("jenis_jabatan", "Jenis jabatan", required, _jenis_label(actual), met, hard, 0)


_JENJANG_ORDER = tuple(Jenjang)


def jenjang_requirement(actual: Jenjang | str | None, minimum: Jenjang | str, *, hard: bool = True) -> Requirement:
    """A functional jenjang at least ``minimum`` in the same category (keterampilan or keahlian,
    UU 20/2023 Pasal 18); a non-functional candidate (``None``) does not meet it. Hard by default."""
    need = coerce(Jenjang, minimum)
    required = f"paling rendah {need.value}"
    if actual is None:
        return Requirement("jenjang", "Jenjang jabatan fungsional", required, "bukan jabatan fungsional", False, hard)
    have = coerce(Jenjang, actual)
    if JENJANG_KATEGORI[have] != JENJANG_KATEGORI[need]:
        return Requirement("jenjang", "Jenjang jabatan fungsional", required, have.value, False, hard)
    gap = max(_JENJANG_ORDER.index(need) - _JENJANG_ORDER.index(have), 0)
    return Requirement("jenjang", "Jenjang jabatan fungsional", required, have.value, gap == 0, hard, gap)


@dataclass(frozen=True)
class Fit:
    """How well a candidate fits a key position."""

    percent: Decimal  # share of requirements met, 0–100, two places
    hard_failures: tuple[str, ...]
    eligible: bool  # no hard requirement failed
    gaps: tuple[Requirement, ...]  # unmet soft requirements, to close by development


def succession_fit(requirements: Sequence[Requirement]) -> Fit:
    """Share of requirements met, the hard failures (with their reasons) and the soft gaps.

    Our rule: each requirement counts once; no requirement at all is a 100 % fit.
    """
    if not requirements:
        return Fit(Decimal(100).quantize(_CENT), (), True, ())
    met = sum(1 for r in requirements if r.met)
    percent = (Decimal(100) * met / len(requirements)).quantize(_CENT, rounding=ROUND_HALF_UP)
    failures = tuple(
        f"{r.label}: diperlukan {r.required}, tercatat {r.actual}." for r in requirements if r.hard and not r.met
    )
    gaps = tuple(r for r in requirements if not r.hard and not r.met)
    return Fit(percent, failures, not failures, gaps)


class Readiness(StrEnum):
    """Readiness of a succession candidate (our categories; domain brief §6 "Updates")."""

    SEKARANG = "Siap sekarang"
    SATU_DUA_TAHUN = "Siap 1–2 tahun"
    LEBIH_DUA_TAHUN = "Siap > 2 tahun"


@dataclass(frozen=True)
class ReadinessCutoffs:
    """Fit percentages for readiness: ``>= now`` Siap sekarang, ``>= one_two_years`` Siap 1–2 tahun."""

    now: Decimal = Decimal(100)
    one_two_years: Decimal = Decimal(75)

    def __post_init__(self) -> None:
        now, later = Decimal(self.now), Decimal(self.one_two_years)
        if not 0 <= later <= now <= 100:
            raise ValueError("Batas kesiapan harus 0 ≤ batas 1–2 tahun ≤ batas siap sekarang ≤ 100.")
        object.__setattr__(self, "now", now)
        object.__setattr__(self, "one_two_years", later)


DEFAULT_READINESS_CUTOFFS = ReadinessCutoffs()


def readiness(fit_percent: Decimal | int, cutoffs: ReadinessCutoffs = DEFAULT_READINESS_CUTOFFS) -> Readiness:
    """Readiness from the fit percentage — our rule, configurable (no regulatory categories exist)."""
    percent = Decimal(fit_percent)
    if percent >= cutoffs.now:
        return Readiness.SEKARANG
    if percent >= cutoffs.one_two_years:
        return Readiness.SATU_DUA_TAHUN
    return Readiness.LEBIH_DUA_TAHUN


#: "Nearly meets": a candidate who fails a hard requirement is still listed from this fit (%) on (our rule).
AMBANG_HAMPIR_MEMENUHI = Decimal(50)
#: The best candidates kept per key position (our rule: a bench, not the whole talent pool).
MAKS_KANDIDAT = 100
#: A key position is at risk when no candidate is ready now and its holder retires within this many
#: years (issue #12; `karier.rules.career.retires_within`).
TAHUN_BERISIKO = 2


def is_candidate(fit: Fit, near_meet: Decimal | int = AMBANG_HAMPIR_MEMENUHI) -> bool:
    """Whether someone is listed for a key position: eligible, or "nearly meets" (fit at least
    ``near_meet`` % although a hard requirement fails) — issue #12, the threshold is ours."""
    return fit.eligible or fit.percent >= Decimal(near_meet)


def candidate_readiness(fit: Fit, cutoffs: ReadinessCutoffs = DEFAULT_READINESS_CUTOFFS) -> Readiness:
    """A candidate's readiness: :func:`readiness` of the fit, except that a candidate who fails a hard
    requirement is never "Siap sekarang" (at best "Siap 1–2 tahun") — our rule."""
    ready = readiness(fit.percent, cutoffs)
    if not fit.eligible and ready is Readiness.SEKARANG:
        return Readiness.SATU_DUA_TAHUN
    return ready


# -------------------------------------------------------------------------------------- coaching
#: Boxes whose members get a coaching plan: those whose recommendation includes bimbingan or
#: konseling kinerja for low kinerja (PermenPANRB 3/2020 recommendations for boxes 1, 2, 3 and 6).
COACHING_BOXES: frozenset[int] = frozenset({1, 2, 3, 6})


def _box(box: int) -> int:
    if isinstance(box, bool) or not isinstance(box, int) or not 1 <= box <= 9:
        raise ValueError(f"Nomor kotak talenta harus 1 s.d. 9, bukan {box}.")
    return box


def coaching_reasons(predikat_periodik: str | None, predikat_tahunan: str | None, box: int | None) -> tuple[str, ...]:
    """Why someone is offered a coaching plan (bimbingan/konseling kinerja); empty when not.

    PermenPANRB 6/2022 (Pasal 5: pembinaan kinerja — the superior's bimbingan kinerja, and
    konseling kinerja for persistent problems) for a periodic or annual predikat of Butuh Perbaikan
    or below, and PermenPANRB 3/2020 for boxes 1, 2, 3 and 6 (their recommendations name bimbingan
    or konseling kinerja). The choice of triggers is issue #12's. Worded as support, not as sanction.
    """
    reasons: list[str] = []
    for kind, value in (("periodik", predikat_periodik), ("tahunan", predikat_tahunan)):
        if value is None:
            continue
        p = coerce(Predikat, value)
        if not predikat_at_least(p, Predikat.BAIK):
            reasons.append(
                f"Predikat kinerja {kind} “{p.value}”: pendampingan disiapkan agar target berikutnya "
                "lebih mudah dicapai bersama atasan."
            )
    if box is not None and _box(box) in COACHING_BOXES:
        reasons.append(
            f"Kotak talenta {box} ({nine_box_category(box).lower()}): bimbingan kinerja membantu "
            "mengembangkan kekuatan dan menutup kesenjangan."
        )
    return tuple(reasons)


#: Early warning starts in July, when half the year is gone (our rule).
MULAI_BULAN_PERINGATAN_DINI = 7


def mid_year(day: date, from_month: int = MULAI_BULAN_PERINGATAN_DINI) -> bool:
    """Whether ``day`` is on or after the 1st of ``from_month`` (default July) — our rule."""
    if isinstance(from_month, bool) or not isinstance(from_month, int) or not 1 <= from_month <= 12:
        raise ValueError(f"Bulan mulai harus 1 s.d. 12, bukan {from_month}.")
    return day.month >= from_month


def realisation_trailing(
    target: Decimal,
    realisasi: Decimal | None,
    elapsed_fraction: Decimal,
    tolerance: Decimal = Decimal("0.8"),
    lower_is_better: bool = False,
) -> bool:
    """Whether a realisation trails its target so far — our early-warning rule.

    The share expected by now is ``target × elapsed_fraction``. Higher is better: trailing when
    ``realisasi < tolerance × expected``. Lower is better (the target is a ceiling): trailing when
    ``realisasi × tolerance > expected``. For a target that is a level rather than a running total
    (a percentage, days of service), pass ``elapsed_fraction=1``. No realisation reported counts as
    trailing once something is expected.
    """
    target, elapsed, tol = Decimal(target), Decimal(elapsed_fraction), Decimal(tolerance)
    if target < 0:
        raise ValueError("Target tidak boleh negatif.")
    if not 0 <= elapsed <= 1:
        raise ValueError("Bagian tahun yang sudah berjalan harus 0 s.d. 1.")
    if not 0 < tol <= 1:
        raise ValueError("Toleransi harus lebih dari 0 dan paling besar 1.")
    expected = target * elapsed
    if realisasi is None:
        return expected > 0
    actual = Decimal(realisasi)
    if lower_is_better:
        return actual * tol > expected
    return actual < tol * expected


#: Months until a coaching plan's first follow-up (our rule): a quarter, the next periodic appraisal.
BULAN_TINDAK_LANJUT_BIMBINGAN = 3


def needs_attention(trailing: int, compared: int) -> bool:
    """Whether a person's realisations trail as a pattern ("perlu perhatian") — our early-warning rule:
    at least half of their indicators with a numeric target trail. One slow indicator is ordinary, half
    of them is worth a conversation before the annual appraisal."""
    if trailing < 0 or compared < trailing:
        raise ValueError("Jumlah indikator tertinggal harus 0 s.d. jumlah indikator yang dibandingkan.")
    return trailing > 0 and 2 * trailing >= compared


# ------------------------------------------------------------------------------------------ awards
def award_reasons(box: int | None, predikat_last_two: Sequence[str | None]) -> tuple[str, ...]:
    """Why someone is proposed for the agency's awards; empty when not.

    Box 9 (PermenPANRB 3/2020: "Penghargaan" among its recommendations), or Sangat Baik in each of
    the last two annual appraisals (issue #12; PP 30/2019 and PermenPANRB 6/2022 Pasal 5 make
    penghargaan a follow-up of the appraisal — the two-year rule is ours). ``predikat_last_two`` is
    oldest first; only its last two entries count.
    """
    reasons: list[str] = []
    if box is not None and _box(box) == 9:
        reasons.append(f"Kotak talenta 9 ({nine_box_category(9).lower()}).")
    recent = list(predikat_last_two)[-2:]
    if len(recent) == 2 and all(p is not None and coerce(Predikat, p) is Predikat.SANGAT_BAIK for p in recent):
        reasons.append("Predikat kinerja Sangat Baik dua tahun berturut-turut.")
    return tuple(reasons)
