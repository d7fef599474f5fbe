"""Reads for the recommendation screens and API: a fixed number of queries for any number of people.

`hasil_for(ids)` takes each person's stored result (the active run) and computes, on the fly, only the
people no run has covered yet (one person: cheap; a whole team: still set-based), so a page is never
empty because the job has not run. `baris(…)` turns recommendations into display rows (the activity,
the reason in words, the upcoming sessions with free seats) in three queries.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, QuerySet
from django.utils import timezone

from karier.development.competency import gaps
from karier.development.models import (
    KebutuhanTersimpan,
    KegiatanPengembangan,
    Kompetensi,
    PerhitunganRekomendasi,
    RekomendasiKegiatan,
    SesiKegiatan,
)
from karier.development.recommend.engine import TOP_N, Katalog, Saran
from karier.development.recommend.reasons import alasan, sinyal_judul
from karier.people.models import Pegawai

SESI_PER_KEGIATAN = 3
SESI_TIM = 20
TOP_NEEDS = 10


@dataclass(frozen=True)
class KebutuhanRingkas:
    kode: str
    jenis: str
    nama: str
    dinilai: int | None


@dataclass
class Hasil:
    saran: dict[int, list[Saran]]
    kebutuhan: dict[int, list[KebutuhanRingkas]]
    dihitung_pada: dt.datetime | None  # the run's end; None when everything was computed now
    langsung: set[int] = field(default_factory=set)  # people computed on the fly


def hasil_for(pegawai_ids: list[int]) -> Hasil:
    """Stored results for these people, and a live computation for those no run covered."""
    saran: dict[int, list[Saran]] = {}
    kebutuhan: dict[int, list[KebutuhanRingkas]] = {}
    when: dt.datetime | None = None
    fields = ("kegiatan_id", "peringkat", "skor", "jp", "kompetensi_id", "dari", "ke", "disyaratkan", "sinyal")
    stored = (
        RekomendasiKegiatan.objects.filter(pegawai_id__in=pegawai_ids, perhitungan__aktif=True)
        .order_by("pegawai_id", "peringkat")
        .values_list("pegawai_id", "perhitungan__selesai_pada", *fields, "sinyal_nama", "lainnya")
    )
    for pid, selesai, *values in stored:
        saran.setdefault(pid, []).append(Saran(*values))
        when = max(when, selesai) if when and selesai else (when or selesai)
    for pid, selesai, kode, jenis, nama, dinilai in (
        KebutuhanTersimpan.objects.filter(pegawai_id__in=pegawai_ids, perhitungan__aktif=True)
        .order_by("pegawai_id", "-bobot", "kode")
        .values_list("pegawai_id", "perhitungan__selesai_pada", "kode", "jenis", "nama", "dinilai")
    ):
        stored_needs = kebutuhan.setdefault(pid, [])
        if kode:  # an empty code marks a person the run found no need for
            stored_needs.append(KebutuhanRingkas(kode, jenis, nama, dinilai))
        when = max(when, selesai) if when and selesai else (when or selesai)
    covered = set(saran) | set(kebutuhan)
    missing = [pk for pk in pegawai_ids if pk not in covered]
    if missing:
        needs = gaps.needs_for(missing)
        katalog = Katalog()
        for pk in missing:
            live = needs.get(pk, [])
            saran[pk] = katalog.recommend(live, TOP_N)
            kebutuhan[pk] = [KebutuhanRingkas(n.kode, n.jenis, n.nama, n.dinilai) for n in live]
    return Hasil(saran, kebutuhan, when, set(missing))


@dataclass
class BarisSaran:
    saran: Saran
    kegiatan: KegiatanPengembangan
    alasan: str
    kompetensi_kode: str
    sesi: list[SesiKegiatan]


def upcoming_sessions(kegiatan_ids: Any) -> QuerySet[SesiKegiatan]:
    """Sessions not ended with a free seat, soonest first."""
    return (
        SesiKegiatan.objects.filter(
            kegiatan_id__in=kegiatan_ids, selesai__gte=timezone.localdate(), terisi__lt=F("kapasitas")
        )
        .select_related("kegiatan")
        .order_by("mulai", "pk")
    )


def kompetensi_index() -> dict[int, tuple[str, str]]:
    return {pk: (kode, nama) for pk, kode, nama in Kompetensi.objects.values_list("pk", "kode", "nama")}


def baris(saran: list[Saran], *, sendiri: bool = True) -> list[BarisSaran]:
    """Display rows for one person's recommendations. Three queries."""
    ids = [s.kegiatan_id for s in saran]
    kegiatan = KegiatanPengembangan.objects.in_bulk(ids)
    komp = kompetensi_index()
    names = {pk: nama for pk, (_kode, nama) in komp.items()}
    sesi: dict[int, list[SesiKegiatan]] = {}
    for s in upcoming_sessions(ids):
        if len(sesi.setdefault(s.kegiatan_id, [])) < SESI_PER_KEGIATAN:
            sesi[s.kegiatan_id].append(s)
    return [
        BarisSaran(
            s,
            kegiatan[s.kegiatan_id],
            alasan(s, names, sendiri=sendiri),
            komp.get(s.kompetensi_id or 0, ("", ""))[0],
            sesi.get(s.kegiatan_id, []),
        )
        for s in saran
        if s.kegiatan_id in kegiatan
    ]


@dataclass
class KebutuhanTim:
    kode: str
    judul: str
    jumlah: int


@dataclass
class SesiTim:
    sesi: SesiKegiatan
    jumlah: int  # team members this activity is recommended for

    @property
    def sisa(self) -> int:
        return self.sesi.kapasitas - self.sesi.terisi


@dataclass
class Tim:
    anggota: list[Pegawai]
    kebutuhan: list[KebutuhanTim]
    sesi: list[SesiTim]
    dihitung_pada: dt.datetime | None
    langsung: int


def tim(people: QuerySet[Pegawai]) -> Tim:
    """The team's top needs (each counted once per person; never-assessed competencies left out, as in
    the analysis) and the upcoming sessions of the activities recommended to them."""
    anggota = list(people.select_related("jabatan").order_by("nama"))
    hasil = hasil_for([p.pk for p in anggota])
    counts: Counter[str] = Counter()
    titles: dict[str, str] = {}
    for needs in hasil.kebutuhan.values():
        for k in {n.kode: n for n in needs if not (n.jenis == "kompetensi" and n.dinilai is None)}.values():
            counts[k.kode] += 1
            titles.setdefault(k.kode, sinyal_judul(k.kode, k.nama))
    top = [KebutuhanTim(k, titles[k], n) for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    per_kegiatan: Counter[int] = Counter(s.kegiatan_id for rows in hasil.saran.values() for s in rows)
    sesi = [SesiTim(s, per_kegiatan[s.kegiatan_id]) for s in upcoming_sessions(list(per_kegiatan))]
    sesi.sort(key=lambda x: (-x.jumlah, x.sesi.mulai, x.sesi.pk))
    return Tim(anggota, top[:TOP_NEEDS], sesi[:SESI_TIM], hasil.dihitung_pada, len(hasil.langsung))


def runs() -> QuerySet[PerhitunganRekomendasi]:
    """The runs, latest first, with their scope and starter."""
    return PerhitunganRekomendasi.objects.select_related("opd", "dibuat_oleh").order_by("-pk")
