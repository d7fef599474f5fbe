"""Reads of succession (issue #12 item 5): key positions with their holder and bench strength, the
succession view of one position, positions at risk, the talent pool, and a person's candidacies.

Each list costs a fixed number of queries: counts are annotations, holders come from
`people.selectors.holders_on` for the whole page at once, and the holders' own positions (for their
retirement age) in one more query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from karier.people.access import Actor
from karier.people.models import Jabatan, Pegawai
from karier.people.selectors import holders_on
from karier.rules.career import TAHUN_BERISIKO, bup_age, retirement_date, retires_within
from karier.talent.access import person_for_actor
from karier.talent.models import (
    JabatanKritikal,
    KandidatSuksesi,
    Kesiapan,
    NominasiSuksesi,
    PenempatanTalenta,
    SyaratKompetensiKritikal,
)
from karier.talent.succession.access import visible_kritikal, visible_pool
from karier.talent.succession.compute import talent_pool


@dataclass(frozen=True)
class Pemangku:
    """Who holds a key position today, and when they retire (BUP from their birth date)."""

    pegawai: Pegawai
    jenis: str  # DEFINITIF, PLT or PLH
    usia_bup: int | None
    pensiun: dt.date | None


def pensiun_of(pegawai: Pegawai, jabatan: Jabatan | None) -> tuple[int | None, dt.date | None]:
    """(BUP age, retirement date) from the person's birth date and their position's kind (a functional
    position's own BUP wins); (None, None) when the position does not say enough."""
    if jabatan is None:
        return None, None
    jf = jabatan.jabatan_fungsional
    try:
        age = bup_age(jabatan.jenis, jabatan.jenjang or None, jf.usia_bup if jf is not None else None)
    except ValueError:
        return None, None
    return age, retirement_date(pegawai.tanggal_lahir, age)


def pemangku_for(jabatan: dict[int, Jabatan], d: dt.date | None = None) -> dict[int, Pemangku]:
    """{position id: holder today} for many positions in two queries. A definitive holder retires by
    the key position's kind; a Plt/Plh by their own definitive position's."""
    covers = holders_on(jabatan, d or timezone.localdate())
    people = Pegawai.objects.filter(pk__in={c.pegawai_id for c in covers.values()}).select_related(
        "jabatan__jabatan_fungsional"
    )
    by_id = {p.pk: p for p in people}
    out = {}
    for jabatan_id, cover in covers.items():
        p = by_id.get(cover.pegawai_id)
        if p is None:
            continue
        own = jabatan[jabatan_id] if cover.jenis == "DEFINITIF" else (p.jabatan or jabatan[jabatan_id])
        age, date = pensiun_of(p, own)
        out[jabatan_id] = Pemangku(p, cover.jenis, age, date)
    return out


def kritikal_list(
    actor: Actor, *, opd_id: int | None = None, q: str = "", aktif: bool | None = True
) -> QuerySet[JabatanKritikal]:
    """The key positions the actor may see, with the bench strength counted in the same query."""
    qs = (
        visible_kritikal(actor)
        .select_related("jabatan__unit__opd", "jabatan__jabatan_fungsional", "golongan_minimal")
        .annotate(
            n_kandidat=Count("kandidat", distinct=True),
            n_siap=Count(
                "kandidat",
                filter=Q(kandidat__kesiapan=Kesiapan.SEKARANG, kandidat__memenuhi_syarat=True),
                distinct=True,
            ),
            n_siap_1_2=Count("kandidat", filter=Q(kandidat__kesiapan=Kesiapan.SATU_DUA), distinct=True),
        )
        .order_by("jabatan__unit__path", "jabatan__nama", "pk")
    )
    if aktif is not None:
        qs = qs.filter(aktif=aktif)
    if opd_id:
        qs = qs.filter(jabatan__unit__opd_id=opd_id)
    if q:
        qs = qs.filter(Q(jabatan__nama__icontains=q) | Q(jabatan__unit__nama__icontains=q))
    return qs


@dataclass
class BarisKritikal:
    """One key position in a list: its holder and whether it is at risk."""

    kritikal: Any  # JabatanKritikal with the n_* annotations
    pemangku: Pemangku | None
    berisiko: bool


def is_at_risk(n_siap: int, pemangku: Pemangku | None, today: dt.date) -> bool:
    """Issue #12: no candidate ready now and a holder retiring within two years (`retires_within`)."""
    if n_siap or pemangku is None or pemangku.pensiun is None:
        return False
    return retires_within(pemangku.pensiun, today, TAHUN_BERISIKO)


def rows(items: list[Any], today: dt.date | None = None) -> list[BarisKritikal]:
    """A page of `kritikal_list` with holders and the risk flag (two more queries)."""
    today = today or timezone.localdate()
    holders = pemangku_for({k.jabatan_id: k.jabatan for k in items}, today)
    out = []
    for k in items:
        h = holders.get(k.jabatan_id)
        out.append(BarisKritikal(k, h, is_at_risk(k.n_siap, h, today)))
    return out


def berisiko(actor: Actor, *, opd_id: int | None = None) -> list[BarisKritikal]:
    """Active key positions at risk, soonest retirement first."""
    items = list(kritikal_list(actor, opd_id=opd_id).filter(**{"n_siap": 0}))  # an annotation
    at_risk = [r for r in rows(items) if r.berisiko]
    return sorted(at_risk, key=lambda r: (r.pemangku.pensiun if r.pemangku else dt.date.max, r.kritikal.pk))


@dataclass
class Suksesi:
    """Everything the succession view of one key position shows."""

    kritikal: JabatanKritikal
    syarat: list[SyaratKompetensiKritikal]
    pemangku: Pemangku | None
    kandidat: list[KandidatSuksesi]
    nominasi: list[NominasiSuksesi]
    siap_sekarang: int = 0
    siap_1_2: int = 0
    berisiko: bool = False
    dihitung_pada: dt.datetime | None = None
    memenuhi: list[KandidatSuksesi] = field(default_factory=list)
    tidak_memenuhi: list[KandidatSuksesi] = field(default_factory=list)


def kandidat_qs(kritikal: JabatanKritikal) -> QuerySet[KandidatSuksesi]:
    return (
        KandidatSuksesi.objects.filter(jabatan_kritikal=kritikal)
        .select_related("pegawai__jabatan", "pegawai__unit", "pegawai__golongan")
        .order_by("peringkat", "pk")
    )


def nominasi_qs(kritikal: JabatanKritikal) -> QuerySet[NominasiSuksesi]:
    """A key position's nominations, newest first (the succession view and the API)."""
    return (
        NominasiSuksesi.objects.filter(jabatan_kritikal=kritikal)
        .select_related("pegawai__jabatan", "diusulkan_oleh", "diputuskan_oleh")
        .order_by("-diusulkan_pada", "-pk")
    )


def suksesi(kritikal: JabatanKritikal, today: dt.date | None = None) -> Suksesi:
    """The succession view of one key position: a fixed number of queries whatever the bench size."""
    today = today or timezone.localdate()
    syarat = list(kritikal.syarat_kompetensi.select_related("kompetensi").order_by("kompetensi__urutan"))
    pemangku = pemangku_for({kritikal.jabatan_id: kritikal.jabatan}, today).get(kritikal.jabatan_id)
    kandidat = list(kandidat_qs(kritikal))
    nominasi = list(nominasi_qs(kritikal))
    siap = sum(1 for k in kandidat if k.memenuhi_syarat and k.kesiapan == Kesiapan.SEKARANG)
    return Suksesi(
        kritikal=kritikal,
        syarat=syarat,
        pemangku=pemangku,
        kandidat=kandidat,
        nominasi=nominasi,
        siap_sekarang=siap,
        siap_1_2=sum(1 for k in kandidat if k.kesiapan == Kesiapan.SATU_DUA),
        berisiko=is_at_risk(siap, pemangku, today),
        dihitung_pada=max((k.dihitung_pada for k in kandidat), default=None),
        memenuhi=[k for k in kandidat if k.memenuhi_syarat],
        tidak_memenuhi=[k for k in kandidat if not k.memenuhi_syarat],
    )


def kelompok_talenta(
    actor: Actor, *, opd_id: int | None = None, kotak: int | None = None
) -> QuerySet[PenempatanTalenta]:
    """The talent pool (boxes 7–9 of the latest placement, not excluded) the actor may see."""
    qs = visible_pool(
        actor, talent_pool().select_related("pegawai__jabatan", "pegawai__unit", "pegawai__opd", "pegawai__golongan")
    )
    if opd_id:
        qs = qs.filter(pegawai__opd_id=opd_id)
    if kotak:
        qs = qs.filter(kotak=kotak)
    return qs.order_by("-kotak", "pegawai__nama", "pegawai_id")


def succession_for_person(actor: Actor, pegawai: Pegawai) -> list[KandidatSuksesi]:
    """The active key positions a person is a candidate for, best rank first (for the career page).

    Shown to whoever may see the person (`talent.access.person_for_actor`; hidden is 404).
    """
    person_for_actor(actor, pegawai.pk)
    return list(
        KandidatSuksesi.objects.filter(pegawai=pegawai, jabatan_kritikal__aktif=True)
        .select_related("jabatan_kritikal__jabatan__unit")
        .order_by("peringkat", "jabatan_kritikal_id")
    )
