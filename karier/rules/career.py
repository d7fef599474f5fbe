"""Career and talent rules of issue #12 that build on angka kredit, promotion and the 9-box.

* Exact angka kredit per entry and its projection ("with Baik every year you reach it in March 2028").
* Retirement: batas usia pensiun (BUP) per kind of position and the pension TMT.
* The talent rule set (PermenPANRB 3/2020 as amended by PermenPANRB 20/2025) as versioned data, and
  an explained, reproducible 9-box placement.
* Succession fit and readiness, coaching triggers, the mid-year early warning and award proposals
  (in :mod:`karier.rules.succession`, re-exported here so that this module is the one to import).

Where a rule is ours rather than a regulation's, its docstring says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from types import MappingProxyType

from ._text import BULAN, desimal
from ._text import tanggal as format_tanggal
from .angka_kredit import _credit, _to_decimal, next_credit_step
from .jabatan import JenisJabatan
from .labels import Jenjang, Level, Predikat, coerce
from .promotion import add_years, next_promotion_date
from .succession import (
    AMBANG_HAMPIR_MEMENUHI,
    BULAN_TINDAK_LANJUT_BIMBINGAN,
    COACHING_BOXES,
    DEFAULT_READINESS_CUTOFFS,
    MAKS_KANDIDAT,
    MULAI_BULAN_PERINGATAN_DINI,
    PENDIDIKAN_ORDER,
    TAHUN_BERISIKO,
    Fit,
    Readiness,
    ReadinessCutoffs,
    Requirement,
    _jenis_key,
    award_reasons,
    candidate_readiness,
    coaching_reasons,
    competency_requirement,
    education_requirement,
    golongan_requirement,
    is_candidate,
    jenis_jabatan_requirement,
    jenjang_requirement,
    mid_year,
    needs_attention,
    pendidikan_rank,
    readiness,
    realisation_trailing,
    succession_fit,
    years_requirement,
)
from .talent import (
    DEFAULT_POTENSIAL_CUTOFFS,
    KinerjaMethod,
    PotensialCutoffs,
    Sanction,
    kinerja_level,
    nine_box,
    nine_box_category,
    nine_box_recommendation,
    potensial_level,
    talent_pool_exclusions,
)

__all__ = [
    "AMBANG_HAMPIR_MEMENUHI",
    "BULAN_TINDAK_LANJUT_BIMBINGAN",
    "BUP_ADMINISTRASI",
    "BUP_FUNGSIONAL",
    "BUP_PIMPINAN_TINGGI",
    "COACHING_BOXES",
    "DEFAULT_READINESS_CUTOFFS",
    "MAKS_KANDIDAT",
    "MULAI_BULAN_PERINGATAN_DINI",
    "PENDIDIKAN_ORDER",
    "RULESET_PERMENPANRB_3_2020",
    "RULESET_PERMENPANRB_20_2025",
    "TAHUN_BERISIKO",
    "Fit",
    "Placement",
    "Projection",
    "Readiness",
    "ReadinessCutoffs",
    "Requirement",
    "TalentRuleSet",
    "award_reasons",
    "bup_age",
    "candidate_readiness",
    "coaching_reasons",
    "competency_requirement",
    "credit_fraction",
    "credit_projection",
    "education_requirement",
    "fraction_to_decimal",
    "golongan_requirement",
    "is_candidate",
    "jenis_jabatan_requirement",
    "jenjang_requirement",
    "mid_year",
    "needs_attention",
    "pendidikan_rank",
    "placement",
    "potensial_score",
    "readiness",
    "realisation_trailing",
    "retirement_date",
    "retires_within",
    "succession_fit",
    "years_requirement",
]

_CENT = Decimal("0.01")


def _number(value: object, what: str) -> Decimal:
    """A finite Decimal from an int, float, str or Decimal; a clear message otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise ValueError(f"{what} “{value}” harus berupa angka.")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"{what} “{value}” harus berupa angka.") from None
    if not number.is_finite():
        raise ValueError(f"{what} “{value}” harus berupa angka.")
    return number


def _first_of_next_month(day: date) -> date:
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)


def _add_months(day: date, months: int) -> date:
    """The 1st of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


# ---------------------------------------------------------------------------------- angka kredit
def credit_fraction(jenjang: Jenjang | str, predikat: Predikat | str, months: int = 12) -> Fraction:
    """Exact AK of one entry: % by predikat × annual coefficient × months/12.

    PermenPANRB 1/2023 Pasal 37(1) and Peraturan BKN 3/2023 (part of a year: months/12). The ledger
    stores the numerator and denominator of this fraction, so that sums never drift.
    """
    return _credit(coerce(Jenjang, jenjang), coerce(Predikat, predikat), months)


def fraction_to_decimal(value: Fraction) -> Decimal:
    """A fraction as a Decimal of 28 significant digits (exact when the decimal is finite)."""
    return _to_decimal(value)


@dataclass(frozen=True)
class Projection:
    """When the AK for the next step is reached if the same predikat is earned every year.

    ``need`` is the AK the step needs (counted from the last step); ``shortfall`` what was still
    missing at ``start``; ``months`` the full months of accrual needed (0 when already enough).
    """

    kind: str  # "pangkat" or "jenjang"
    to_golongan: str
    to_jenjang: Jenjang
    need: Decimal
    month_reached: date
    promotion_date: date
    months: int
    text: str
    shortfall: Decimal = Decimal(0)


def credit_projection(
    jenjang: Jenjang | str,
    golongan: str | int,
    balance: Decimal | Fraction | int,
    start: date,
    predikat: Predikat | str = Predikat.BAIK,
    horizon_years: int = 10,
) -> Projection | None:
    """Project when the AK held toward the next step (``balance``) covers it.

    The AK of the predikat (PermenPANRB 1/2023 Pasal 37) is assumed every year from ``start`` and
    accrues per full month (annual AK × 1/12, as for part of a year): the first counted month is
    ``start``'s month when ``start`` is the 1st, otherwise the next one. ``month_reached`` is the 1st
    of the month in which the cumulative AK first covers the need (``start``'s month when the
    balance is already enough). ``promotion_date`` is the first promotion date
    (:func:`~karier.rules.next_promotion_date`) after the credit is complete: on/after the 1st of
    the month after ``month_reached``, or on/after ``start`` when the balance is already enough.
    A jenjang step also needs uji kompetensi and a formation — not projected here.

    ``None`` at the top of the ladder (no next step) or when the need is not reached within
    ``horizon_years``. The projection itself is ours; the regulation only sets the AK per year.
    """
    j, p = coerce(Jenjang, jenjang), coerce(Predikat, predikat)
    step = next_credit_step(j, golongan)
    if isinstance(horizon_years, bool) or not isinstance(horizon_years, int) or horizon_years < 1:
        raise ValueError(f"Jangka proyeksi harus bilangan bulat tahun paling sedikit 1, bukan {horizon_years}.")
    held = balance if isinstance(balance, Fraction) else Fraction(_number(balance, "Saldo angka kredit"))
    if held < 0:
        raise ValueError("Saldo angka kredit tidak boleh negatif.")
    if step is None:
        return None
    need = Fraction(step.need)
    target = step.golongan if step.kind == "pangkat" else f"jenjang {step.jenjang.value} ({step.golongan})"
    this_month = date(start.year, start.month, 1)
    if held >= need:
        return Projection(
            step.kind,
            step.golongan,
            step.jenjang,
            step.need,
            this_month,
            next_promotion_date(start),
            0,
            f"Angka kredit untuk kenaikan ke {target} sudah terpenuhi.",
        )
    monthly = credit_fraction(j, p, 1)
    missing = need - held
    months = -(-missing // monthly)  # ceiling
    if months > horizon_years * 12:
        return None
    first = this_month if start.day == 1 else _add_months(start, 1)
    reached = _add_months(first, int(months) - 1)
    return Projection(
        step.kind,
        step.golongan,
        step.jenjang,
        step.need,
        reached,
        next_promotion_date(_first_of_next_month(reached)),
        int(months),
        f"Dengan predikat {p.value} setiap tahun, angka kredit untuk kenaikan ke {target} terpenuhi pada "
        f"{BULAN[reached.month - 1]} {reached.year}.",
        fraction_to_decimal(missing),
    )


# ------------------------------------------------------------------------------------ retirement
#: BUP of pejabat administrasi — administrator, pengawas and pelaksana (PP 11/2017 Pasal 239(2)
#: huruf a as amended by PP 17/2020; jabatan pelaksana is a jabatan administrasi, UU 5/2014 Pasal 14).
BUP_ADMINISTRASI = 58
#: BUP of pejabat pimpinan tinggi (PP 11/2017 Pasal 239(2) huruf b).
BUP_PIMPINAN_TINGGI = 60
#: BUP of pejabat fungsional per jenjang (PP 11/2017 Pasal 239(2)): Ahli Utama 65, Ahli Madya 60,
#: Ahli Muda, Ahli Pertama and keterampilan 58 — unless the position's own regulation sets another.
BUP_FUNGSIONAL: Mapping[Jenjang, int] = MappingProxyType(
    {
        Jenjang.PEMULA: 58,
        Jenjang.TERAMPIL: 58,
        Jenjang.MAHIR: 58,
        Jenjang.PENYELIA: 58,
        Jenjang.AHLI_PERTAMA: 58,
        Jenjang.AHLI_MUDA: 58,
        Jenjang.AHLI_MADYA: 60,
        Jenjang.AHLI_UTAMA: 65,
    }
)

_JENIS_JABATAN = {m.name: m for m in JenisJabatan}
_ADMINISTRASI = {JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS, JenisJabatan.PELAKSANA}
_PIMPINAN_TINGGI = {JenisJabatan.JPT_UTAMA, JenisJabatan.JPT_MADYA, JenisJabatan.JPT_PRATAMA}


def _jenis_jabatan(value: str) -> JenisJabatan:
    """``JPT_PRATAMA`` (karier.people.choices) or its label ``JPT Pratama``."""
    key = _jenis_key(value)
    if key not in _JENIS_JABATAN:
        pilihan = ", ".join(_JENIS_JABATAN)
        raise ValueError(f"Jenis jabatan “{value}” tidak dikenal. Pilihan: {pilihan}.")
    return _JENIS_JABATAN[key]


def bup_age(jenis_jabatan: str, jenjang: Jenjang | str | None = None, usia_bup_jf: int | None = None) -> int:
    """Batas usia pensiun (BUP) of a PNS: PP 11/2017 Pasal 239 as amended by PP 17/2020.

    58 for pejabat administrasi (Administrator, Pengawas, Pelaksana), 60 for pejabat pimpinan
    tinggi (JPT Utama, Madya, Pratama); for pejabat fungsional by jenjang (:data:`BUP_FUNGSIONAL`),
    unless the jabatan fungsional has its own BUP (``usia_bup_jf``, e.g. 60 for guru), which wins.
    ``usia_bup_jf`` is ignored for the other kinds of position.
    """
    kind = _jenis_jabatan(jenis_jabatan)
    if kind in _ADMINISTRASI:
        return BUP_ADMINISTRASI
    if kind in _PIMPINAN_TINGGI:
        return BUP_PIMPINAN_TINGGI
    if usia_bup_jf is not None:
        if isinstance(usia_bup_jf, bool) or not isinstance(usia_bup_jf, int) or not 50 <= usia_bup_jf <= 70:
            raise ValueError(f"Batas usia pensiun jabatan fungsional harus 50 s.d. 70 tahun, bukan {usia_bup_jf}.")
        return usia_bup_jf
    if jenjang is None:
        raise ValueError("Jenjang jabatan fungsional diperlukan untuk menentukan batas usia pensiun.")
    return BUP_FUNGSIONAL[coerce(Jenjang, jenjang)]


def retirement_date(tanggal_lahir: date, age: int) -> date:
    """Pension TMT: the 1st of the month after the month in which the person reaches ``age``.

    PNS who reach the BUP are honourably discharged (PP 11/2017 Pasal 239(1)); the discharge and
    the pension take effect on the 1st of the following month (Peraturan BKN 3/2020 on
    pemberhentian PNS, as applied in BKN's pension decrees — [P]). Someone born on 29 February
    reaches the age in February too.
    """
    if isinstance(age, bool) or not isinstance(age, int) or age < 1:
        raise ValueError(f"Usia pensiun harus bilangan bulat positif, bukan {age}.")
    return _first_of_next_month(date(tanggal_lahir.year + age, tanggal_lahir.month, 1))


def retires_within(retirement: date, as_of: date, years: int = TAHUN_BERISIKO) -> bool:
    """Whether the retirement date falls within ``years`` after ``as_of`` (inclusive).

    A date already past counts too: the position needs a successor all the more. The 2 years are
    issue #12's "positions at risk" rule — ours, not a regulation's.
    """
    if isinstance(years, bool) or not isinstance(years, int) or years < 0:
        raise ValueError(f"Jumlah tahun harus bilangan bulat tidak negatif, bukan {years}.")
    return retirement <= add_years(as_of, years)


# -------------------------------------------------------------------------------- talent rule set
@dataclass(frozen=True)
class TalentRuleSet:
    """A versioned talent rule set: which regulation, how kinerja and potensial are derived.

    ``weights`` maps a potensial component (e.g. "kompetensi", "potensi", "rekam_jejak") to its
    weight; empty means the JPM is used as is. Stored with every placement so it can be reproduced.
    """

    kode: str
    regulasi: str
    versi: str | int
    kinerja_method: KinerjaMethod = KinerjaMethod.TERENDAH
    cutoffs: PotensialCutoffs = DEFAULT_POTENSIAL_CUTOFFS
    weights: Mapping[str, Decimal] = field(default_factory=dict)
    sanction_years: int = 2

    def __post_init__(self) -> None:
        for name in ("kode", "regulasi", "versi"):
            if not str(getattr(self, name)).strip():
                raise ValueError(f"Aturan talenta harus mempunyai {name}.")
        try:
            method = KinerjaMethod(self.kinerja_method)
        except ValueError:
            pilihan = ", ".join(m.value for m in KinerjaMethod)
            raise ValueError(
                f"Metode level kinerja “{self.kinerja_method}” tidak dikenal. Pilihan: {pilihan}."
            ) from None
        object.__setattr__(self, "kinerja_method", method)
        if not isinstance(self.cutoffs, PotensialCutoffs):
            raise ValueError("Batas potensial harus berupa PotensialCutoffs.")
        weights: dict[str, Decimal] = {}
        for name, value in dict(self.weights).items():
            if not str(name).strip():
                raise ValueError("Nama komponen potensial tidak boleh kosong.")
            weight = _number(value, f"Bobot komponen {name}")
            if weight < 0:
                raise ValueError(f"Bobot komponen {name} tidak boleh negatif.")
            weights[str(name)] = weight
        if weights and sum(weights.values()) <= 0:
            raise ValueError("Jumlah bobot komponen potensial harus lebih dari 0.")
        object.__setattr__(self, "weights", MappingProxyType(weights))
        years = self.sanction_years
        if isinstance(years, bool) or not isinstance(years, int) or years < 0:
            raise ValueError(f"Masa pemeriksaan hukuman disiplin harus bilangan bulat tahun, bukan {years}.")


#: PermenPANRB 3/2020: kinerja = the lower of the last two years' ratings, potensial = the JPM of
#: the assessment (≥ 90 Tinggi, 78–< 90 Menengah), a moderate or heavy sanction in 2 years excludes.
RULESET_PERMENPANRB_3_2020 = TalentRuleSet(
    kode="PERMENPANRB-3-2020",
    regulasi="PermenPANRB 3/2020",
    versi=1,
)

#: PermenPANRB 20/2025 (Pasal 17): potensial combines kompetensi, potensi and rekam jejak. The
#: weights 50/30/20 are an example configuration — the regulation leaves the weights to each agency.
RULESET_PERMENPANRB_20_2025 = TalentRuleSet(
    kode="PERMENPANRB-20-2025",
    regulasi="PermenPANRB 20/2025",
    versi=1,
    weights={"kompetensi": Decimal(50), "potensi": Decimal(30), "rekam_jejak": Decimal(20)},
)


def potensial_score(
    jpm: Decimal | float | str | None,
    components: Mapping[str, Decimal | float | str | None],
    rules: TalentRuleSet,
) -> Decimal:
    """The potensial score (0–100) the cut-offs are applied to, two places ROUND_HALF_UP.

    With weights (PermenPANRB 20/2025 Pasal 17): the weighted mean of the named components; every
    component with a positive weight must be present (``ValueError`` naming the missing one).
    Without weights (PermenPANRB 3/2020): the JPM of the assessment, as is.
    """
    if rules.weights:
        total, weighted = Decimal(0), Decimal(0)
        for name, weight in rules.weights.items():
            if weight == 0:
                continue
            if components.get(name) is None:
                raise ValueError(f"Komponen potensial “{name}” belum tersedia.")
            total += weight
            weighted += weight * _number(components[name], f"Nilai {name}")
        return (weighted / total).quantize(_CENT, rounding=ROUND_HALF_UP)
    if jpm is None:
        raise ValueError("Nilai JPM (job person match) belum tersedia.")
    return _number(jpm, "Nilai JPM").quantize(_CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Placement:
    """An explained 9-box placement: the levels, the box and every step that led to them."""

    kinerja: Level
    potensial: Level
    box: int
    score: Decimal
    excluded: bool
    exclusions: tuple[str, ...]
    recommendation: tuple[str, ...]
    explanation: tuple[str, ...]


_METHOD_TEXT = {
    KinerjaMethod.TERENDAH: "yang terendah dari dua tahun terakhir",
    KinerjaMethod.TERAKHIR: "rating tahun terakhir",
    KinerjaMethod.TERTINGGI: "yang tertinggi dari dua tahun terakhir",
}


def placement(
    ratings: Sequence[str],
    jpm: Decimal | float | str | None,
    components: Mapping[str, Decimal | float | str | None],
    sanctions: Iterable[Sanction],
    as_of: date,
    rules: TalentRuleSet = RULESET_PERMENPANRB_3_2020,
) -> Placement:
    """Place a person in the 9-box under a rule set, and say why in plain Indonesian.

    ``ratings`` are the annual ratings hasil kerja, oldest first (the last two count). Kinerja
    follows :func:`~karier.rules.kinerja_level` with the rule set's method, potensial
    :func:`potensial_score` and :func:`~karier.rules.potensial_level` with its cut-offs, the
    sanction check :func:`~karier.rules.talent_pool_exclusions` with its number of years
    (PermenPANRB 3/2020, amended by 20/2025). An excluded person keeps their box; ``excluded`` says
    they do not enter talent pools.
    """
    kinerja = kinerja_level(ratings, rules.kinerja_method)
    score = potensial_score(jpm, components, rules)
    potensial = potensial_level(score, rules.cutoffs)
    box = nine_box(kinerja, potensial)
    exclusions = talent_pool_exclusions(sanctions, as_of, rules.sanction_years)
    counted = ", ".join(f"“{r}”" for r in list(ratings)[-2:])
    explanation = [
        f"Aturan talenta {rules.kode} ({rules.regulasi}, versi {rules.versi}), dihitung per {format_tanggal(as_of)}.",
        f"Level kinerja {kinerja.value}: rating hasil kerja {counted}, diambil {_METHOD_TEXT[rules.kinerja_method]}.",
    ]
    if rules.weights:
        parts = "; ".join(
            f"{name} {desimal(_number(components[name], name))} × bobot {desimal(weight, ringkas=True)}"
            for name, weight in rules.weights.items()
            if weight > 0
        )
        explanation.append(f"Skor potensial {desimal(score)}: rata-rata tertimbang ({parts}).")
    else:
        explanation.append(f"Skor potensial {desimal(score)}: nilai JPM hasil asesmen.")
    explanation.append(
        f"Level potensial {potensial.value}: batas Tinggi ≥ {desimal(rules.cutoffs.tinggi, ringkas=True)}, "
        f"Menengah ≥ {desimal(rules.cutoffs.menengah, ringkas=True)}."
    )
    if exclusions:
        explanation.append("Tidak masuk kelompok talenta: " + " ".join(exclusions))
    else:
        explanation.append(
            f"Tidak ada hukuman disiplin tingkat sedang atau berat dalam {rules.sanction_years} tahun terakhir."
        )
    explanation.append(f"Kotak {box}: {nine_box_category(box)}.")
    return Placement(
        kinerja=kinerja,
        potensial=potensial,
        box=box,
        score=score,
        excluded=bool(exclusions),
        exclusions=exclusions,
        recommendation=nine_box_recommendation(box),
        explanation=tuple(explanation),
    )
