"""SKM reads: the periods an actor may see, a period's result (three queries whatever the number
of responses), and `ikm_rows` for dashboards and reports (one query for a whole year)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from karier.appraisal.public.skm.access import units_q
from karier.appraisal.public.skm.choices import PROFIL_FIELDS, UNSUR_FIELDS, MutuSkm, StatusSkm, UnsurSkm
from karier.appraisal.public.skm.models import PeriodeSkm, ResponSkm, TindakLanjutSkm
from karier.people.access import Actor
from karier.rules import (
    SKM_ELEMENTS,
    skm_agency_index,
    skm_development_need,
    skm_element_index,
    skm_grade,
    skm_index,
)

#: How many of the lowest elements the report calls the weakest.
UNSUR_TERLEMAH = 3


def _rel_sums(prefix: str) -> dict[str, Sum]:
    return {f"s_{name}": Sum(f"{prefix}{name}") for name in UNSUR_FIELDS}


def _two(value: Fraction) -> Decimal:
    """A display value of an exact average: 2 decimals, half up."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _averages(n: int, sums: dict[str, Any]) -> list[Fraction]:
    return [Fraction(int(sums[f"s_{name}"]), n) for name in UNSUR_FIELDS]


# ---------------------------------------------------------------------------- lists
def periods_for_actor(actor: Actor, *, unit_id: int | None = None) -> QuerySet[PeriodeSkm]:
    """Periods of the units the actor may read, newest first, with their response counts."""
    qs = PeriodeSkm.objects.filter(units_q(actor, prefix="unit__"))
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    return qs.select_related("unit", "unit__opd").annotate(n_respons=Count("respons")).order_by("-mulai", "unit__path")


# ---------------------------------------------------------------------------- one period's result
@dataclass(frozen=True)
class HasilUnsur:
    code: str
    label: str
    rata: Decimal  # the element average (NRR), 2 decimals for display
    indeks: Decimal  # average × 25 (the element's own index)
    mutu: str  # the grade the element's index would have
    terlemah: bool = False
    kebutuhan: bool = False  # a development need of the unit (U6/U7 below the threshold)


@dataclass(frozen=True)
class BarisProfil:
    value: str
    label: str
    n: int
    persen: Decimal


@dataclass
class HasilSkm:
    periode: PeriodeSkm
    n: int = 0
    unsur: list[HasilUnsur] = field(default_factory=list)
    ikm: Decimal | None = None
    mutu: str | None = None
    mutu_label: str | None = None
    terlemah: list[HasilUnsur] = field(default_factory=list)
    profil: dict[str, list[BarisProfil]] = field(default_factory=dict)
    tindak_lanjut: list[TindakLanjutSkm] = field(default_factory=list)


def unsur_results(averages: list[Fraction]) -> list[HasilUnsur]:
    """Each element's average, index and flags; the `UNSUR_TERLEMAH` lowest are the weakest."""
    order = sorted(range(len(averages)), key=lambda i: (averages[i], i))[:UNSUR_TERLEMAH]
    out = []
    for i, (element, avg) in enumerate(zip(SKM_ELEMENTS, averages, strict=True)):
        indeks = skm_element_index(avg)
        out.append(
            HasilUnsur(
                code=element.code,
                label=str(UnsurSkm(element.code).label),  # the screen's language; the PDF uses the rules
                rata=_two(avg),
                indeks=indeks,
                mutu=skm_grade(indeks),
                terlemah=i in order,
                kebutuhan=skm_development_need(element.code, avg),
            )
        )
    return out


def _profil(periode: PeriodeSkm, n: int) -> dict[str, list[BarisProfil]]:
    rows = list(ResponSkm.objects.filter(periode=periode).values(*PROFIL_FIELDS).annotate(n=Count("pk")).order_by())
    out: dict[str, list[BarisProfil]] = {}
    for name, choices in PROFIL_FIELDS.items():
        counts: dict[str, int] = {}
        for row in rows:
            counts[row[name]] = counts.get(row[name], 0) + row["n"]
        labels = [(c.value, str(c.label)) for c in choices] + [("", _("Tidak diisi"))]
        out[name] = [
            BarisProfil(value, label, counts.get(value, 0), _pct(counts.get(value, 0), n))
            for value, label in labels
            if value or counts.get(value, 0)
        ]
    return out


def _pct(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal("0.0")
    return (Decimal(part * 100) / whole).quantize(Decimal("0.1"), ROUND_HALF_UP)


def hasil_periode(periode: PeriodeSkm) -> HasilSkm:
    """A period's result: respondents, element averages and indices, IKM and grade (from
    `karier.rules`), the weakest elements, the profile breakdown and the follow-up actions —
    three queries (one aggregate over the answers, one over the profile, one for the actions)."""
    sums = ResponSkm.objects.filter(periode=periode).aggregate(n=Count("pk"), **_rel_sums(""))
    out = HasilSkm(periode=periode, n=sums["n"])
    if out.n:
        averages = _averages(out.n, sums)
        out.unsur = unsur_results(averages)
        out.ikm = skm_index(averages)
        out.mutu = skm_grade(out.ikm)
        out.mutu_label = str(MutuSkm(out.mutu).label)
        out.terlemah = sorted((u for u in out.unsur if u.terlemah), key=lambda u: (u.rata, u.code))
    out.profil = _profil(periode, out.n) if out.n else {}
    out.tindak_lanjut = list(
        TindakLanjutSkm.objects.filter(periode=periode).select_related("pegawai").order_by("batas_waktu", "pk")
    )
    return out


# ---------------------------------------------------------------------------- for dashboards and reports
@dataclass(frozen=True)
class IkmRow:
    unit_id: int
    unit_nama: str
    opd_id: int  # the unit's agency (an agency's own opd is itself)
    periode_id: int
    periode_nama: str
    mulai: dt.date
    selesai: dt.date
    status: str
    respondents: int
    ikm: Decimal | None  # None: no response yet
    grade: str | None


def ikm_rows(*, tahun: int, opd_ids: Collection[int] | None = None) -> list[IkmRow]:
    """The IKM of every open or closed SKM period ending in `tahun` (optionally of some agencies'
    units), computed by `karier.rules` from one aggregate query. Visibility is the caller's: pass
    the agencies the viewer may see."""
    qs = PeriodeSkm.objects.filter(selesai__year=tahun).exclude(status=StatusSkm.DRAFT)
    if opd_ids is not None:
        ids = list(opd_ids)
        qs = qs.filter(Q(unit__opd_id__in=ids) | Q(unit_id__in=ids))  # an agency's own unit has no opd
    rows = qs.values("pk", "nama", "mulai", "selesai", "status", "unit_id", "unit__nama", "unit__opd_id").annotate(
        n=Count("respons"), **_rel_sums("respons__")
    )
    out = []
    for row in rows.order_by("unit__path", "mulai", "pk"):
        ikm = skm_index(_averages(row["n"], row)) if row["n"] else None
        out.append(
            IkmRow(
                unit_id=row["unit_id"],
                unit_nama=row["unit__nama"],
                opd_id=row["unit__opd_id"] or row["unit_id"],
                periode_id=row["pk"],
                periode_nama=row["nama"],
                mulai=row["mulai"],
                selesai=row["selesai"],
                status=row["status"],
                respondents=row["n"],
                ikm=ikm,
                grade=skm_grade(ikm) if ikm is not None else None,
            )
        )
    return out


def open_period_for_unit(unit_id: int | None, today: dt.date | None = None) -> PeriodeSkm | None:
    """The unit's period open today, if any (the short public form offers it; one query)."""
    if unit_id is None:
        return None
    from django.utils import timezone

    day = today or timezone.localdate()
    return (
        PeriodeSkm.objects.filter(unit_id=unit_id, status=StatusSkm.BUKA, mulai__lte=day, selesai__gte=day)
        .only("pk", "token")
        .first()
    )


def agency_ikm(rows: Iterable[IkmRow]) -> tuple[Decimal | None, int, int]:
    """An agency's IKM for a year from its units' rows: per service unit the mean of its closed
    periods' IKMs, then the mean over the units (each unit weighs the same however many periods it
    closed, as agencies' own reports do), rounded once to 2 decimals half up
    (`karier.rules.skm_agency_index`). Returns (IKM or None, periods counted, their respondents).
    The indicator fill and the dashboards use it."""
    closed = [r for r in rows if r.status == StatusSkm.TUTUP and r.ikm is not None]
    if not closed:
        return None, 0, 0
    per_unit: dict[int, list[Decimal]] = {}
    for r in closed:
        per_unit.setdefault(r.unit_id, []).append(r.ikm)  # type: ignore[arg-type]  # filtered above
    return skm_agency_index(per_unit), len(closed), sum(r.respondents for r in closed)
