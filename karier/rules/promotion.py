"""Kenaikan pangkat: promotion dates (TMT) and eligibility.

Promotion dates:

* up to 31 Dec 2023 — 1 April and 1 October (PP 99/2000 jo PP 12/2002; Kepka BKN 12/2002);
* 1 Jan 2024 – 30 Sep 2025 — 1 Feb, Apr, Jun, Aug, Oct, Dec (Peraturan BKN 4/2023 Pasal 2);
* from 1 Oct 2025 — the 1st of every month (Peraturan BKN 4/2025, which revoked 4/2023).

Kenaikan pangkat reguler (PP 99/2000 jo PP 12/2002): at least 4 years in the current pangkat,
predikat at least Baik in each of the last 2 years, and not above the highest golongan allowed by
the person's education (the ijazah table, reported by a BKD page — [P]; configurable).
Functional positions (PermenPANRB 1/2023, Peraturan BKN 3/2023): enough angka kredit instead of
a minimum time; the jenjang bounds the golongan, and a move to the next jenjang also needs a
passed uji kompetensi and a free formation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from ._text import tanggal
from .angka_kredit import CreditStatus, format_credit, next_credit_step
from .golongan import compare_golongan, get_golongan, next_golongan
from .jabatan import golongan_index_in_jenjang
from .labels import Jenjang, Predikat, coerce
from .predikat import predikat_at_least

__all__ = [
    "MAX_GOLONGAN_BY_PENDIDIKAN",
    "MIN_PREDIKAT",
    "MIN_YEARS_IN_PANGKAT",
    "MONTHLY_PERIODS_FROM",
    "PENDIDIKAN_ALIASES",
    "PREDIKAT_YEARS",
    "SIX_PERIODS_FROM",
    "Eligibility",
    "UnknownPendidikan",
    "add_years",
    "is_promotion_date",
    "max_golongan_for",
    "next_promotion_date",
    "promotion_dates",
    "promotion_eligibility",
]

#: Kenaikan pangkat reguler (PP 99/2000 jo PP 12/2002): years in the current pangkat, and the annual
#: predikat required in each of the last years — the defaults of `promotion_eligibility`.
MIN_YEARS_IN_PANGKAT = 4
PREDIKAT_YEARS = 2
MIN_PREDIKAT = Predikat.BAIK

SIX_PERIODS_FROM = date(2024, 1, 1)
MONTHLY_PERIODS_FROM = date(2025, 10, 1)

#: Highest golongan reachable by kenaikan pangkat reguler per education (PP 99/2000 jo PP 12/2002,
#: as tabulated by a BKD page; research.md side question A — [P]). Configurable.
MAX_GOLONGAN_BY_PENDIDIKAN: Mapping[str, str] = {
    "SD": "II/a",
    "SLTP": "II/c",
    "SLTP Kejuruan": "II/d",
    "SLTA": "III/b",
    "SLTA Kejuruan": "III/b",
    "D-I": "III/b",
    "D-II": "III/b",
    "SGPLB": "III/c",
    "D-III": "III/c",
    "Sarjana Muda": "III/c",
    "Akademi": "III/c",
    "Bakaloreat": "III/c",
    "S1": "III/d",
    "D-IV": "III/d",
    "S2": "IV/a",
    "Dokter": "IV/a",
    "Apoteker": "IV/a",
    "S3": "IV/b",
}

#: Other common names of the same levels (e.g. SIASN "Diploma III").
PENDIDIKAN_ALIASES: Mapping[str, str] = {
    "SMP": "SLTP",
    "SMA": "SLTA",
    "SMK": "SLTA Kejuruan",
    "D1": "D-I",
    "Diploma I": "D-I",
    "D2": "D-II",
    "Diploma II": "D-II",
    "D3": "D-III",
    "Diploma III": "D-III",
    "D4": "D-IV",
    "Diploma IV": "D-IV",
    "Sarjana": "S1",
    "Magister": "S2",
    "Doktor": "S3",
}


class UnknownPendidikan(ValueError):
    """An education level that is not in the table."""


def _norm(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def max_golongan_for(
    pendidikan: str,
    table: Mapping[str, str] = MAX_GOLONGAN_BY_PENDIDIKAN,
    aliases: Mapping[str, str] = PENDIDIKAN_ALIASES,
) -> str:
    """Highest golongan for an education level; case, spaces, dots and dashes are ignored."""
    by_norm = {_norm(k): v for k, v in table.items()}
    key = _norm(pendidikan)
    if key not in by_norm:
        alias = {_norm(k): v for k, v in aliases.items()}.get(key)
        key = _norm(alias) if alias is not None else key
    if key not in by_norm:
        known = ", ".join(table)
        raise UnknownPendidikan(f"Pendidikan “{pendidikan}” tidak ada dalam tabel. Pilihan: {known}.")
    return get_golongan(by_norm[key]).code


def is_promotion_date(day: date) -> bool:
    """Whether ``day`` is a TMT on which a kenaikan pangkat can take effect."""
    if day.day != 1:
        return False
    if day < SIX_PERIODS_FROM:
        return day.month in (4, 10)
    if day < MONTHLY_PERIODS_FROM:
        return day.month % 2 == 0
    return True


def promotion_dates(start: date, end: date) -> list[date]:
    """All promotion dates from ``start`` to ``end`` inclusive (empty if ``end < start``)."""
    result = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        day = date(y, m, 1)
        if start <= day and is_promotion_date(day):
            result.append(day)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return result


def next_promotion_date(on_or_after: date) -> date:
    """The first promotion date on or after the given day."""
    y, m = on_or_after.year, on_or_after.month
    while True:
        day = date(y, m, 1)
        if day >= on_or_after and is_promotion_date(day):
            return day
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def add_years(day: date, years: int) -> date:
    """Same day ``years`` later; 29 Feb becomes 1 Mar in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


@dataclass(frozen=True)
class Eligibility:
    """Outcome of :func:`promotion_eligibility`.

    ``eligible`` means the person can be promoted on the first promotion date on/after the as-of
    date. ``earliest_date`` is the first promotion date on which every condition is met; ``None``
    when a condition other than time blocks the promotion. ``reasons`` are the unmet conditions.
    """

    eligible: bool
    earliest_date: date | None
    reasons: tuple[str, ...]
    next_golongan: str | None
    notes: tuple[str, ...] = ()


def promotion_eligibility(
    golongan: str | int,
    tmt_golongan: date,
    predikat_terakhir: Sequence[Predikat | str | None],
    as_of: date,
    *,
    pendidikan: str | None = None,
    jenjang: Jenjang | str | None = None,
    credit: CreditStatus | Decimal | None = None,
    uji_kompetensi_lulus: bool = False,
    formasi_tersedia: bool = False,
    apply_education_limit: bool | None = None,
    max_golongan_table: Mapping[str, str] = MAX_GOLONGAN_BY_PENDIDIKAN,
    min_years: int = MIN_YEARS_IN_PANGKAT,
    min_predikat: Predikat | str = MIN_PREDIKAT,
    predikat_years: int = PREDIKAT_YEARS,
) -> Eligibility:
    """Can a PNS be promoted one step, and from which promotion date?

    * ``predikat_terakhir``: annual predikat, oldest first; the last ``predikat_years`` (2) count,
      each must be at least ``min_predikat`` (Baik). ``None`` = not yet appraised.
    * Non-functional (``jenjang`` is None): at least ``min_years`` (4) in the current pangkat,
      counted to the promotion date (TMT).
    * Functional (``jenjang`` given): no minimum time; ``credit`` (a :class:`CreditStatus`
      started at the current golongan, or the AK held toward the next step) must cover the next
      step; a step into the next jenjang also needs ``uji_kompetensi_lulus`` and
      ``formasi_tersedia``.
    * The education limit (``pendidikan`` → ``max_golongan_table``) applies by default to
      non-functional positions only (``apply_education_limit`` overrides); for functional
      positions the jenjang bounds the golongan.
    """
    current = get_golongan(golongan)
    reasons: list[str] = []  # conditions other than time
    notes: list[str] = []
    functional = jenjang is not None
    target: str | None
    if jenjang is not None:
        j = coerce(Jenjang, jenjang)
        golongan_index_in_jenjang(j, current.code)
        step = next_credit_step(j, current.code)
        target = None if step is None else step.golongan
        if step is None:
            reasons.append(
                f"Golongan {current.code} adalah golongan tertinggi jenjang {j.value}; "
                "tidak ada kenaikan pangkat berikutnya."
            )
        else:
            if step.kind == "jenjang":
                notes.append(f"Kenaikan ke {step.golongan} berarti kenaikan jenjang ke {step.jenjang.value}.")
                if not uji_kompetensi_lulus:
                    reasons.append(f"Belum lulus uji kompetensi kenaikan jenjang ke {step.jenjang.value}.")
                if not formasi_tersedia:
                    reasons.append(f"Belum tersedia formasi jenjang {step.jenjang.value}.")
            if credit is None:
                reasons.append("Status angka kredit belum tersedia.")
            else:
                if isinstance(credit, CreditStatus):
                    if credit.jenjang != j or credit.start_golongan != current.code:
                        raise ValueError("Status angka kredit harus dihitung untuk jenjang dan golongan yang sama.")
                    met, available = bool(credit.events), credit.balance
                else:
                    met, available = credit >= step.need, credit
                if not met:
                    reasons.append(
                        f"Angka kredit belum mencukupi untuk kenaikan ke {step.golongan}: diperlukan "
                        f"{format_credit(step.need)}, tersedia {format_credit(available)}."
                    )
    else:
        target = next_golongan(current.code)
        if target is None:
            reasons.append(f"Golongan {current.code} adalah golongan tertinggi.")

    if apply_education_limit is None:
        apply_education_limit = not functional
    if apply_education_limit and target is not None:
        if pendidikan is None:
            reasons.append("Pendidikan terakhir belum tercatat; batas golongan tertinggi tidak dapat diperiksa.")
        else:
            highest = max_golongan_for(pendidikan, max_golongan_table)
            if compare_golongan(target, highest) > 0:
                reasons.append(
                    f"Golongan tertinggi untuk pendidikan {pendidikan} adalah {highest}; "
                    f"kenaikan ke {target} tidak dapat melalui kenaikan pangkat reguler."
                )

    minimum = coerce(Predikat, min_predikat)
    recent = list(predikat_terakhir)[-predikat_years:]
    known = [coerce(Predikat, p) for p in recent if p is not None]
    if len(known) < predikat_years:
        reasons.append(
            f"Predikat kinerja tahunan {predikat_years} tahun terakhir belum lengkap (tersedia {len(known)})."
        )
    low = [p.value for p in known if not predikat_at_least(p, minimum)]
    if low:
        reasons.append(
            f"Predikat kinerja tahunan {predikat_years} tahun terakhir harus paling rendah "
            f"{minimum.value}; tercatat {', '.join(low)}."
        )

    first = next_promotion_date(as_of)
    if functional:
        time_met = tmt_golongan + timedelta(days=1)
        waiting = f"Kenaikan pangkat baru dapat berlaku sesudah TMT golongan {current.code} ({tanggal(tmt_golongan)})."
    else:
        time_met = add_years(tmt_golongan, min_years)
        waiting = (
            f"Masa kerja dalam golongan {current.code} belum {min_years} tahun; "
            f"{min_years} tahun terpenuhi pada {tanggal(time_met)}."
        )
    earliest = next_promotion_date(max(as_of, time_met))
    all_reasons = list(reasons)
    if earliest > first:
        all_reasons.append(waiting)
    return Eligibility(
        eligible=not all_reasons,
        earliest_date=None if reasons else earliest,
        reasons=tuple(all_reasons),
        next_golongan=target,
        notes=tuple(notes),
    )
