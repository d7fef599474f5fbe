"""Angka kredit (AK) of functional positions (PermenPANRB 1/2023, Peraturan BKN 3/2023).

Since 2023 a functional employee earns AK from the annual predikat kinerja — no more DUPAK:

* annual AK = percentage by predikat × annual coefficient of the jenjang (Pasal 37(1);
  BKN example: Ahli Pertama, Sangat Baik → 150% × 12,5 = 18,75);
* part of a year: months/12 × that (BKN example: Ahli Pertama, Baik, 2 months → 2,08).

Values are kept exact (``fractions.Fraction`` inside, ``Decimal`` outside); show two places with
:func:`credit_display` (ROUND_HALF_UP). Credit above what a promotion used carries over.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import lru_cache

from .golongan import get_golongan
from .jabatan import JENJANG_GOLONGAN, golongan_index_in_jenjang, next_jenjang
from .labels import Jenjang, Predikat, coerce

__all__ = [
    "KEBUTUHAN_AK",
    "KOEFISIEN_TAHUNAN",
    "PERSENTASE_PREDIKAT",
    "CreditEntry",
    "CreditEvent",
    "CreditNeed",
    "CreditStatus",
    "NextStep",
    "annual_credit",
    "credit_display",
    "credit_ledger",
    "credit_needed",
    "formasi_vacancies",
    "format_credit",
    "konversi_ceiling",
    "next_credit_step",
]

#: Percentage of the annual coefficient per predikat (PermenPANRB 1/2023 Pasal 37(1)) — [V].
PERSENTASE_PREDIKAT: Mapping[Predikat, Decimal] = {
    Predikat.SANGAT_BAIK: Decimal(150),
    Predikat.BAIK: Decimal(100),
    Predikat.BUTUH_PERBAIKAN: Decimal(75),
    Predikat.KURANG: Decimal(50),
    Predikat.SANGAT_KURANG: Decimal(25),
}

#: Annual AK coefficient per jenjang (PermenPANRB 1/2023 Lampiran; SIASN ``koefisien``) — [P] high.
KOEFISIEN_TAHUNAN: Mapping[Jenjang, Decimal] = {
    Jenjang.PEMULA: Decimal("3.75"),
    Jenjang.TERAMPIL: Decimal(5),
    Jenjang.MAHIR: Decimal("12.5"),
    Jenjang.PENYELIA: Decimal(25),
    Jenjang.AHLI_PERTAMA: Decimal("12.5"),
    Jenjang.AHLI_MUDA: Decimal(25),
    Jenjang.AHLI_MADYA: Decimal("37.5"),
    Jenjang.AHLI_UTAMA: Decimal(50),
}


@dataclass(frozen=True)
class CreditNeed:
    """Cumulative AK needed for the next pangkat within the jenjang and for the next jenjang."""

    jenjang: Jenjang
    for_pangkat: Decimal | None
    for_jenjang: Decimal | None


def _need(j: Jenjang, pangkat: int | None, jenjang: int | None) -> CreditNeed:
    return CreditNeed(
        j,
        None if pangkat is None else Decimal(pangkat),
        None if jenjang is None else Decimal(jenjang),
    )


#: Peraturan BKN 3/2023 (BKN slides "Perbandingan kebutuhan AKK"; PermenPANRB 1/2023 p. 84) — [V]/[P].
KEBUTUHAN_AK: Mapping[Jenjang, CreditNeed] = {
    Jenjang.PEMULA: _need(Jenjang.PEMULA, 15, 15),
    Jenjang.TERAMPIL: _need(Jenjang.TERAMPIL, 20, 60),
    Jenjang.MAHIR: _need(Jenjang.MAHIR, 50, 100),
    Jenjang.PENYELIA: _need(Jenjang.PENYELIA, 100, None),
    Jenjang.AHLI_PERTAMA: _need(Jenjang.AHLI_PERTAMA, 50, 100),
    Jenjang.AHLI_MUDA: _need(Jenjang.AHLI_MUDA, 100, 200),
    Jenjang.AHLI_MADYA: _need(Jenjang.AHLI_MADYA, 150, 450),
    Jenjang.AHLI_UTAMA: _need(Jenjang.AHLI_UTAMA, 200, None),
}


def _to_decimal(value: Fraction) -> Decimal:
    with decimal.localcontext() as ctx:
        ctx.prec = 28
        return Decimal(value.numerator) / Decimal(value.denominator)


def _check_months(months: int) -> None:
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 12:
        raise ValueError(f"Jumlah bulan penilaian harus 1 s.d. 12, bukan {months}.")


def _credit(jenjang: Jenjang, predikat: Predikat, months: int) -> Fraction:
    _check_months(months)
    return Fraction(PERSENTASE_PREDIKAT[predikat]) * Fraction(KOEFISIEN_TAHUNAN[jenjang]) * months / (100 * 12)


def annual_credit(jenjang: Jenjang | str, predikat: Predikat | str, months: int = 12) -> Decimal:
    """AK earned in ``months`` (1–12) of a year with a predikat: % × coefficient × months/12.

    Exact when the value is a finite decimal (every full year is); otherwise 28 significant
    digits — use :func:`credit_ledger` to add several parts of a year without drift.
    """
    return _to_decimal(_credit(coerce(Jenjang, jenjang), coerce(Predikat, predikat), months))


def credit_needed(jenjang: Jenjang | str) -> CreditNeed:
    """AK needed for the next pangkat / next jenjang (``None`` where there is no next step)."""
    return KEBUTUHAN_AK[coerce(Jenjang, jenjang)]


_CENT = Decimal("0.01")


def credit_display(value: Decimal) -> Decimal:
    """Two decimal places, ROUND_HALF_UP (2,0833… → 2,08; 5,625 → 5,63) — display only."""
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def format_credit(value: Decimal) -> str:
    """Two places with the Indonesian decimal comma: ``18,75``."""
    return f"{credit_display(value):f}".replace(".", ",")


@dataclass(frozen=True)
class NextStep:
    """The next step the AK leads to from a golongan: a pangkat or a jenjang."""

    kind: str  # "pangkat" or "jenjang"
    golongan: str  # golongan after the step
    jenjang: Jenjang  # jenjang after the step
    need: Decimal  # AK needed for this step, counted from the last step (carry-over included)


@lru_cache(maxsize=512)  # pure, and asked once per person by the set-based jobs: a few dozen answers in all
def next_credit_step(jenjang: Jenjang | str, golongan: str | int | None = None) -> NextStep | None:
    """The step AK leads to from ``golongan`` (default: the jenjang's first golongan).

    Inside the jenjang the next pangkat needs ``for_pangkat``; from its top golongan the move
    to the next jenjang needs the rest of ``for_jenjang`` (which is cumulative over the jenjang:
    Ahli Madya 450 = 3 × 150). ``None`` at the top of Penyelia and Ahli Utama.
    """
    j = coerce(Jenjang, jenjang)
    codes = JENJANG_GOLONGAN[j]
    index = 0 if golongan is None else golongan_index_in_jenjang(j, golongan)
    need = KEBUTUHAN_AK[j]
    assert need.for_pangkat is not None  # every jenjang has a pangkat requirement
    if index < len(codes) - 1:
        return NextStep("pangkat", codes[index + 1], j, need.for_pangkat)
    upper = next_jenjang(j)
    if upper is None or need.for_jenjang is None:
        return None
    used = need.for_pangkat * (len(codes) - 1)
    return NextStep("jenjang", JENJANG_GOLONGAN[upper][0], upper, need.for_jenjang - used)


@dataclass(frozen=True)
class CreditEntry:
    """One appraisal converted to AK: an annual predikat, or a part of a year (``months``)."""

    predikat: Predikat
    months: int = 12
    label: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "predikat", coerce(Predikat, self.predikat))
        _check_months(self.months)


@dataclass(frozen=True)
class CreditEvent:
    """The AK requirement of a step was met after entry ``entry_index`` (-1: opening balance)."""

    kind: str  # "pangkat" or "jenjang"
    entry_index: int
    label: str
    from_golongan: str
    to_golongan: str
    to_jenjang: Jenjang
    used: Decimal
    remainder: Decimal


@dataclass(frozen=True)
class CreditStatus:
    """Result of :func:`credit_ledger`."""

    jenjang: Jenjang
    start_golongan: str
    golongan: str  # golongan the AK supports after the events
    credits: tuple[Decimal, ...]  # AK of each entry
    total: Decimal  # opening balance + all entries
    balance: Decimal  # remainder carried over after the last event
    events: tuple[CreditEvent, ...]
    next_step: NextStep | None  # None at the top, or once the next jenjang is reached
    needed_for_next: Decimal | None  # AK still missing for ``next_step``

    @property
    def pangkat_reached(self) -> bool:
        return any(e.kind == "pangkat" for e in self.events)

    @property
    def jenjang_reached(self) -> bool:
        return any(e.kind == "jenjang" for e in self.events)


def credit_ledger(
    jenjang: Jenjang | str,
    entries: Iterable[CreditEntry],
    *,
    golongan: str | int | None = None,
    opening_balance: Decimal | int = 0,
) -> CreditStatus:
    """Accumulate AK entry by entry and say when the next pangkat or jenjang is reached.

    ``golongan`` is the current golongan (default: the first of the jenjang);
    ``opening_balance`` the AK already held toward the next step (e.g. AK integrasi or credit
    carried over from the last promotion). When a step's requirement is met, it is used and the
    remainder carries over (PermenPANRB 1/2023). After the next jenjang is reached (which also
    needs uji kompetensi and a free formation), further AK only accumulates.
    """
    j = coerce(Jenjang, jenjang)
    current = get_golongan(golongan).code if golongan is not None else JENJANG_GOLONGAN[j][0]
    golongan_index_in_jenjang(j, current)
    start = current
    opening = Fraction(Decimal(opening_balance))
    if opening < 0:
        raise ValueError("Saldo awal angka kredit tidak boleh negatif.")
    balance = opening
    events: list[CreditEvent] = []
    step = next_credit_step(j, current)

    def settle(index: int, label: str) -> None:
        nonlocal balance, step, current
        while step is not None and balance >= Fraction(step.need):
            balance -= Fraction(step.need)
            events.append(
                CreditEvent(
                    step.kind,
                    index,
                    label,
                    current,
                    step.golongan,
                    step.jenjang,
                    step.need,
                    _to_decimal(balance),
                )
            )
            current = step.golongan
            step = next_credit_step(j, current) if step.kind == "pangkat" else None

    settle(-1, "saldo awal")
    credits: list[Fraction] = []
    for index, entry in enumerate(entries):
        amount = _credit(j, entry.predikat, entry.months)
        credits.append(amount)
        balance += amount
        settle(index, entry.label)
    return CreditStatus(
        jenjang=j,
        start_golongan=start,
        golongan=current,
        credits=tuple(_to_decimal(c) for c in credits),
        total=_to_decimal(opening + sum(credits, Fraction(0))),
        balance=_to_decimal(balance),
        events=tuple(events),
        next_step=step,
        needed_for_next=None if step is None else _to_decimal(Fraction(step.need) - balance),
    )


# ---------------------------------------------------------------- conversion ceiling and formasi
def konversi_ceiling(jenjang: Jenjang | str) -> Decimal:
    """The largest plausible opening (konversi) AK of a jenjang: what the next jenjang needs from
    its first golongan (Ahli Pertama 100), or, at the top, every pangkat of the jenjang (Ahli Utama
    2 × 200). BKN's integration ranges (ak_rentang_per_golongan) all stay inside it; a larger figure
    is a typing error, not a conversion."""
    j = coerce(Jenjang, jenjang)
    need = KEBUTUHAN_AK[j]
    assert need.for_pangkat is not None  # every jenjang has a pangkat requirement
    if need.for_jenjang is not None:
        return need.for_jenjang
    return need.for_pangkat * len(JENJANG_GOLONGAN[j])


def formasi_vacancies(jumlah: int, holders: int) -> int:
    """Vacant places of a formasi (never negative): a move to the next jenjang needs at least one
    (PermenPANRB 1/2023: kenaikan jenjang sesuai formasi/kebutuhan)."""
    return max(jumlah - holders, 0)
