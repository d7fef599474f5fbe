"""Distribution curve of employee predikat within a unit (SE MenPANRB 3/2023).

The head above a unit sets its predikat kinerja organisasi; that result bounds how many of the
unit's employees may receive each predikat (PermenPANRB 6/2022 Pasal 24–25, PP 30/2019
Pasal 41(7)). The percentages come from one near-verbatim public rendering of the SE
(research.md §1.7, [P]); so the policy is *data* — :class:`CurvePolicy` — that an administrator
can change and store as JSON (:func:`curve_policy_to_dict` / :func:`curve_policy_from_dict`).

Head-count rule (domain brief §3): a maximum rounds down, a minimum rounds up, and "harus ada"
means at least one person. An empty unit has no violations. See docs/rules.md for small units.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from .labels import Predikat, PredikatOrganisasi, UnknownLabel, coerce

__all__ = [
    "DEFAULT_CURVE",
    "Bound",
    "CurveLimit",
    "CurvePolicy",
    "CurveRule",
    "CurveViolation",
    "InvalidCurvePolicy",
    "check_distribution",
    "curve_limits",
    "curve_policy_from_dict",
    "curve_policy_to_dict",
    "rule_count",
]


class InvalidCurvePolicy(ValueError):
    """A curve policy (e.g. loaded from JSON) that cannot be used."""


class Bound(StrEnum):
    """Kind of limit a rule sets on a (group of) predikat."""

    MAKS = "maks"  # at most ``percent`` of the unit (rounded down)
    MIN = "min"  # at least ``percent`` of the unit (rounded up)
    ADA = "ada"  # at least one person ("harus ada")


def _percent(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise InvalidCurvePolicy(f"Persentase “{value}” harus berupa angka.")
    try:
        p = Decimal(str(value))
    except InvalidOperation:
        raise InvalidCurvePolicy(f"Persentase “{value}” harus berupa angka.") from None
    if not p.is_finite() or not Decimal(0) <= p <= Decimal(100):
        raise InvalidCurvePolicy(f"Persentase {value} harus antara 0 dan 100.")
    return p


def _bound(value: object) -> Bound:
    if isinstance(value, str):
        for member in Bound:
            if member.value == value.strip().casefold():
                return member
    raise InvalidCurvePolicy(f"Batas “{value}” tidak dikenal. Pilihan yang sah: maks, min, ada.")


def _fmt_percent(p: Decimal) -> str:
    return f"{p.normalize():f}".replace(".", ",")


@dataclass(frozen=True)
class CurveRule:
    """One limit on the number of people whose predikat is in ``categories``."""

    categories: tuple[Predikat, ...]
    bound: Bound
    percent: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        try:
            cats = tuple(coerce(Predikat, c) for c in self.categories)
        except UnknownLabel as exc:
            raise InvalidCurvePolicy(str(exc)) from None
        if not cats or len(set(cats)) != len(cats):
            raise InvalidCurvePolicy("Aturan kurva harus menyebut sedikitnya satu predikat, tanpa duplikat.")
        bound = _bound(self.bound)
        percent = _percent(self.percent)
        if bound is Bound.ADA and percent != 0:
            raise InvalidCurvePolicy("Aturan “ada” (paling sedikit satu pegawai) tidak memakai persentase.")
        object.__setattr__(self, "categories", cats)
        object.__setattr__(self, "bound", bound)
        object.__setattr__(self, "percent", percent)

    @property
    def category_label(self) -> str:
        """E.g. ``Butuh Perbaikan dan/atau Kurang/Misconduct``."""
        return " dan/atau ".join(c.value for c in self.categories)


def rule_count(rule: CurveRule, headcount: int) -> int:
    """The head-count a rule allows (maks) or requires (min, ada) in a unit of ``headcount``."""
    if rule.bound is Bound.ADA:
        return 1
    exact = Fraction(rule.percent) * headcount / 100
    return math.floor(exact) if rule.bound is Bound.MAKS else math.ceil(exact)


@dataclass(frozen=True)
class CurvePolicy:
    """Rules per predikat organisasi; units smaller than ``min_headcount`` are not checked."""

    rules: Mapping[PredikatOrganisasi, tuple[CurveRule, ...]]
    min_headcount: int = 1

    def __post_init__(self) -> None:
        if isinstance(self.min_headcount, bool) or not isinstance(self.min_headcount, int):
            raise InvalidCurvePolicy("Jumlah pegawai minimum harus bilangan bulat.")
        if self.min_headcount < 1:
            raise InvalidCurvePolicy("Jumlah pegawai minimum untuk kurva paling kecil 1.")
        try:
            rules = {coerce(PredikatOrganisasi, k): tuple(v) for k, v in self.rules.items()}
        except UnknownLabel as exc:
            raise InvalidCurvePolicy(str(exc)) from None
        object.__setattr__(self, "rules", MappingProxyType(rules))

    def rules_for(self, organisasi: PredikatOrganisasi | str) -> tuple[CurveRule, ...]:
        return self.rules.get(coerce(PredikatOrganisasi, organisasi), ())


_SB, _B, _BP, _K, _SK = (
    Predikat.SANGAT_BAIK,
    Predikat.BAIK,
    Predikat.BUTUH_PERBAIKAN,
    Predikat.KURANG,
    Predikat.SANGAT_KURANG,
)

#: Defaults of the domain brief §3 (SE MenPANRB 3/2023 as reported by naikpangkat.com).
DEFAULT_CURVE = CurvePolicy(
    rules={
        PredikatOrganisasi.ISTIMEWA: (CurveRule((_SB,), Bound.MAKS, Decimal(70)),),
        PredikatOrganisasi.BAIK: (
            CurveRule((_B,), Bound.MAKS, Decimal(70)),
            CurveRule((_BP, _K), Bound.ADA),
        ),
        PredikatOrganisasi.BUTUH_PERBAIKAN: (
            CurveRule((_BP,), Bound.MIN, Decimal(60)),
            CurveRule((_SB,), Bound.MAKS, Decimal(10)),
        ),
        PredikatOrganisasi.KURANG: (
            CurveRule((_K,), Bound.MIN, Decimal(60)),
            CurveRule((_BP,), Bound.MIN, Decimal(10)),
            CurveRule((_SB,), Bound.MAKS, Decimal(10)),
        ),
        PredikatOrganisasi.SANGAT_KURANG: (
            CurveRule((_SK,), Bound.MIN, Decimal(60)),
            CurveRule((_K, _BP), Bound.MIN, Decimal(10)),
            CurveRule((_SB,), Bound.MAKS, Decimal(0)),
        ),
    }
)


@dataclass(frozen=True)
class CurveLimit:
    """A rule turned into a head-count for a unit, for display."""

    rule: CurveRule
    headcount: int
    count: int
    description: str

    @property
    def categories(self) -> tuple[Predikat, ...]:
        return self.rule.categories

    @property
    def bound(self) -> Bound:
        return self.rule.bound


@dataclass(frozen=True)
class CurveViolation:
    """A rule the unit's distribution breaks; ``message`` is the sentence to show."""

    organisasi: PredikatOrganisasi
    rule: CurveRule
    headcount: int
    limit: int
    actual: int
    message: str = field(compare=False)

    @property
    def categories(self) -> tuple[Predikat, ...]:
        return self.rule.categories

    @property
    def category_label(self) -> str:
        return self.rule.category_label

    @property
    def bound(self) -> Bound:
        return self.rule.bound


def _describe(rule: CurveRule, headcount: int, count: int) -> str:
    cat = rule.category_label
    if rule.bound is Bound.ADA:
        return f"harus ada paling sedikit 1 pegawai dengan predikat {cat}"
    if rule.bound is Bound.MAKS and rule.percent == 0:
        return f"tidak boleh ada pegawai dengan predikat {cat}"
    kata = "paling banyak" if rule.bound is Bound.MAKS else "paling sedikit"
    return f"predikat {cat} {kata} {_fmt_percent(rule.percent)}% dari {headcount} pegawai, yaitu {count} orang"


def _applies(policy: CurvePolicy, headcount: int) -> bool:
    return headcount >= policy.min_headcount


def curve_limits(
    organisasi: PredikatOrganisasi | str, headcount: int, policy: CurvePolicy = DEFAULT_CURVE
) -> list[CurveLimit]:
    """Allowed maximum / required minimum head-counts for a unit of ``headcount`` people.

    Empty when the curve does not apply (an empty unit, or fewer than ``policy.min_headcount``).
    """
    if headcount < 0:
        raise ValueError("Jumlah pegawai tidak boleh negatif.")
    org = coerce(PredikatOrganisasi, organisasi)
    if not _applies(policy, headcount):
        return []
    limits = []
    for rule in policy.rules_for(org):
        count = rule_count(rule, headcount)
        text = _describe(rule, headcount, count)
        limits.append(CurveLimit(rule, headcount, count, text[0].upper() + text[1:] + "."))
    return limits


def _counts(counts: Mapping[Predikat, int] | Mapping[str, int]) -> dict[Predikat, int]:
    result = dict.fromkeys(Predikat, 0)
    for key, value in counts.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"Jumlah pegawai untuk “{key}” harus bilangan bulat tidak negatif.")
        result[coerce(Predikat, key)] += value
    return result


def check_distribution(
    organisasi: PredikatOrganisasi | str,
    counts: Mapping[Predikat, int] | Mapping[str, int],
    policy: CurvePolicy = DEFAULT_CURVE,
) -> list[CurveViolation]:
    """Rules of the curve that the unit's predikat counts break; empty when allowed.

    ``counts`` maps predikat (member or label) to the number of employees; missing predikat
    count as 0. The head-count is the sum of the counts.
    """
    org = coerce(PredikatOrganisasi, organisasi)
    per = _counts(counts)
    headcount = sum(per.values())
    if not _applies(policy, headcount):
        return []
    violations = []
    for rule in policy.rules_for(org):
        limit = rule_count(rule, headcount)
        actual = sum(per[c] for c in rule.categories)
        broken = actual > limit if rule.bound is Bound.MAKS else actual < limit
        if broken:
            text = f"Predikat kinerja organisasi {org.value}: {_describe(rule, headcount, limit)}"
            now = f"saat ini {actual} orang" if actual else "saat ini tidak ada"
            violations.append(CurveViolation(org, rule, headcount, limit, actual, f"{text}; {now}."))
    return violations


def _rule_to_dict(rule: CurveRule) -> dict[str, Any]:
    item: dict[str, Any] = {"kategori": [c.value for c in rule.categories], "batas": rule.bound.value}
    if rule.bound is not Bound.ADA:
        item["persen"] = f"{rule.percent.normalize():f}"
    return item


def curve_policy_to_dict(policy: CurvePolicy) -> dict[str, Any]:
    """A JSON-serialisable form of the policy (percentages as strings, to stay exact)."""
    return {
        "min_headcount": policy.min_headcount,
        "rules": {org.value: [_rule_to_dict(rule) for rule in rules] for org, rules in policy.rules.items()},
    }


def curve_policy_from_dict(data: Mapping[str, Any]) -> CurvePolicy:
    """Build a policy from :func:`curve_policy_to_dict` output (e.g. parsed JSON).

    Raises :class:`InvalidCurvePolicy` (a ``ValueError``) with an Indonesian message.
    """
    if not isinstance(data, Mapping) or not isinstance(data.get("rules"), Mapping):
        raise InvalidCurvePolicy("Kebijakan kurva harus berisi “rules” per predikat organisasi.")
    rules: dict[PredikatOrganisasi, tuple[CurveRule, ...]] = {}
    for org, items in data["rules"].items():
        try:
            key = coerce(PredikatOrganisasi, org)
        except UnknownLabel as exc:
            raise InvalidCurvePolicy(str(exc)) from None
        if not isinstance(items, list):
            raise InvalidCurvePolicy(f"Aturan untuk “{org}” harus berupa daftar.")
        parsed = []
        for item in items:
            if not isinstance(item, Mapping):
                raise InvalidCurvePolicy(f"Setiap aturan untuk “{org}” harus berupa objek.")
            kategori = item.get("kategori")
            if isinstance(kategori, str):
                kategori = [kategori]
            if not isinstance(kategori, list):
                raise InvalidCurvePolicy(f"Aturan untuk “{org}” harus menyebut “kategori”.")
            bound = _bound(item.get("batas"))
            if bound is not Bound.ADA and "persen" not in item:
                raise InvalidCurvePolicy(f"Aturan “{bound.value}” untuk “{org}” harus menyebut “persen”.")
            parsed.append(CurveRule(tuple(kategori), bound, item.get("persen", 0)))
        rules[key] = tuple(parsed)
    return CurvePolicy(rules=rules, min_headcount=data.get("min_headcount", 1))
