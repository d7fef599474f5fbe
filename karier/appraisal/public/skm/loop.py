"""The SKM closes the seed's loop (issue #13 item 3): community needs → standards → development.

1. `skm_fill_indicators`: when a period closes, the agency's IKM for the year becomes the actual
   (realisasi) of its Renstra/Perjanjian Kinerja indicator "Indeks kepuasan masyarakat", through
   the standards app's own service (`nilai_indikator_set`: permission, audit, one row per year).
   The agency's IKM is the mean of the IKMs of its units' closed periods ending that year (each
   service unit weighs the same, as agencies' own reports do), rounded to 2 decimals half up.
   The indicator is found by its name on a Renstra of the agency covering the year; none: nothing
   is written. Its target and series stay as they were.
2. `skm_fill_rhk`: when a period closes, its IKM also becomes the realisation of the unit head's own
   RHK on the public's satisfaction — an IKI of an RHK derived from the agency's IKM indicator, or
   an IKI that names "kepuasan masyarakat" or "IKM" — in each of the head's evaluations whose period
   holds the survey's last day and is still open and unlocked (`realisasi_fill_from_source`, by
   Karier itself; the head may still change it and attaches the report as evidence).
3. `skm_development_needs`: the elements about the staff (U6 kompetensi, U7 perilaku pelaksana)
   whose index in a unit's latest closed period is below `karier.rules.SKM_NEED_THRESHOLD` (76.61:
   graded C or D on their own) are a development need of that unit, read by the training-needs
   analysis (one query).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, OuterRef, Q, Subquery, Sum

from karier.appraisal.evaluation.evidence import realisasi_fill_from_source
from karier.appraisal.models import Evaluasi
from karier.appraisal.public.skm.access import units_q
from karier.appraisal.public.skm.choices import StatusSkm, UnsurSkm
from karier.appraisal.public.skm.models import PeriodeSkm
from karier.appraisal.public.skm.selectors import agency_ikm, hasil_periode, ikm_rows
from karier.people.access import Actor
from karier.plans.models import IndikatorKinerjaIndividu
from karier.rules import SKM_NEED_ELEMENTS, skm_development_need, skm_element_index
from karier.standards.models import Indikator, NilaiIndikator
from karier.standards.services.indikator import nilai_indikator_set

#: The indicator the IKM fills, matched by name (the demo catalogue's "Indeks kepuasan masyarakat").
NAMA_INDIKATOR_IKM = "kepuasan masyarakat"


def indikator_ikm(opd_id: int, tahun: int) -> Indikator | None:
    """The agency's IKM indicator on a Renstra covering `tahun`, if it has one."""
    return (
        Indikator.objects.filter(
            sasaran_renstra__renstra__opd_id=opd_id,
            sasaran_renstra__renstra__tahun_mulai__lte=tahun,
            sasaran_renstra__renstra__tahun_selesai__gte=tahun,
            nama__icontains=NAMA_INDIKATOR_IKM,
        )
        .order_by("kode", "pk")
        .first()
    )


def ikm_opd(opd_id: int, tahun: int) -> tuple[Decimal | None, int, int]:
    """(the agency's IKM for the year, closed periods counted, respondents) — see the module."""
    return agency_ikm(ikm_rows(tahun=tahun, opd_ids=[opd_id]))


def skm_fill_indicators(*, actor: Actor, periode: PeriodeSkm) -> NilaiIndikator | None:
    """Write the agency's IKM of the period's year as its indicator's actual; None when the agency
    has no IKM indicator or no closed period with responses. Permission: the standards app's."""
    opd_id = periode.unit.opd_id or periode.unit_id
    tahun = periode.selesai.year
    indikator = indikator_ikm(opd_id, tahun)
    if indikator is None:
        return None
    ikm, n_periode, n_responden = ikm_opd(opd_id, tahun)
    if ikm is None:
        return None
    current = NilaiIndikator.objects.filter(indikator=indikator, tahun=tahun).first()
    return nilai_indikator_set(
        actor=actor,
        indikator=indikator,
        tahun=tahun,
        target=current.target if current else None,
        realisasi=ikm,
        metode=current.metode if current else "",
        sumber=f"SKM PermenPANRB 14/2017: {n_periode} periode, {n_responden} responden",
    )


class _Unset:
    """No IKM passed (None is a real value: a period closed without responses)."""


_UNSET = _Unset()


def _ikm_iki(skp_ids: list[int]) -> dict[int, list[IndikatorKinerjaIndividu]]:
    """The IKIs about the public's satisfaction in these plans (one query), per plan."""
    about = (
        Q(rhk__indikator_opd__nama__icontains=NAMA_INDIKATOR_IKM)
        | Q(indikator__icontains=NAMA_INDIKATOR_IKM)
        | Q(indikator__regex=r"(^|[^A-Za-z])IKM([^A-Za-z]|$)")
    )
    out: dict[int, list[IndikatorKinerjaIndividu]] = {}
    for iki in IndikatorKinerjaIndividu.objects.filter(about, rhk__skp_id__in=skp_ids).select_related("rhk"):
        out.setdefault(iki.rhk.skp_id, []).append(iki)
    return out


def skm_fill_rhk(*, actor: Actor, periode: PeriodeSkm, ikm: Decimal | _Unset | None = _UNSET) -> int:
    """Fill the unit head's IKM realisations from a closed period (see the module); the number filled.
    `ikm`: the period's IKM when the caller has it (the close service computes it once for the
    frozen report); otherwise one aggregate over this period's responses."""
    if isinstance(ikm, _Unset):
        ikm = hasil_periode(periode).ikm
    if ikm is None:
        return 0
    evaluations = list(
        Evaluasi.objects.filter(
            unit_id=periode.unit_id,
            jabatan__adalah_kepala_unit=True,
            periode__mulai__lte=periode.selesai,
            periode__selesai__gte=periode.selesai,
        ).select_related("periode")
    )
    ikis = _ikm_iki([e.skp_id for e in evaluations])
    sumber = f"IKM {periode.nama} ({periode.mulai:%d-%m-%Y} s.d. {periode.selesai:%d-%m-%Y})"
    filled = 0
    for evaluasi in evaluations:
        for iki in ikis.get(evaluasi.skp_id, []):
            if realisasi_fill_from_source(actor=actor, evaluasi=evaluasi, iki=iki, angka=ikm, sumber=sumber):
                filled += 1
    return filled


@dataclass(frozen=True)
class KebutuhanSkm:
    """A development need of a unit from its latest closed SKM period."""

    unit_id: int
    unit_nama: str
    opd_id: int
    periode_id: int
    periode_nama: str
    unsur: str  # U6 or U7
    label: str
    indeks: Decimal
    respondents: int


def skm_development_needs(*, actor: Actor | None = None, opd_ids: Collection[int] | None = None) -> list[KebutuhanSkm]:
    """U6/U7 below the threshold in each unit's latest closed period with responses (one query, two
    with an actor; the latest period per unit is chosen in SQL, so only those periods are summed).
    `actor`: only units whose SKM the actor may read;
    `opd_ids`: only these agencies' units."""
    fields = {code.lower(): Sum(f"respons__{code.lower()}") for code in SKM_NEED_ELEMENTS}
    latest = (  # each unit's latest closed period with responses, chosen in SQL (not every period ever)
        PeriodeSkm.objects.filter(unit_id=OuterRef("unit_id"), status=StatusSkm.TUTUP, respons__isnull=False)
        .order_by("-selesai", "-pk")
        .values("pk")[:1]
    )
    qs = PeriodeSkm.objects.filter(status=StatusSkm.TUTUP, pk=Subquery(latest))
    if actor is not None:
        qs = qs.filter(units_q(actor, prefix="unit__"))
    if opd_ids is not None:
        qs = qs.filter(unit__opd_id__in=list(opd_ids))
    rows = (
        qs.annotate(n=Count("respons"), **fields)
        .filter(~Q(n=0))
        .values("pk", "nama", "unit_id", "unit__nama", "unit__opd_id", "selesai", "n", *fields)
        .order_by("unit_id", "-selesai", "-pk")
    )
    out: list[KebutuhanSkm] = []
    seen: set[int] = set()
    for row in rows:
        if row["unit_id"] in seen:
            continue
        seen.add(row["unit_id"])
        for code in SKM_NEED_ELEMENTS:
            average = Fraction(int(row[code.lower()]), row["n"])
            if skm_development_need(code, average):
                out.append(
                    KebutuhanSkm(
                        unit_id=row["unit_id"],
                        unit_nama=row["unit__nama"],
                        opd_id=row["unit__opd_id"] or row["unit_id"],
                        periode_id=row["pk"],
                        periode_nama=row["nama"],
                        unsur=code,
                        label=str(UnsurSkm(code).label),
                        indeks=skm_element_index(average),
                        respondents=row["n"],
                    )
                )
    return out
