"""The demo catalogue (issue #11 §10): Diskominfo's trainings on digital public services, data and
office tools and security awareness, BPSDM's leadership and communication trainings, LAN and
e-learning courses; sessions past and coming; and completed activities for Bu Wati's team, so that
the JP screens have data on the first run. Idempotent (activities by code, enrolments by person and
session), made through the same services as the screens, and fast (a few hundred writes).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from karier.development.catalogue import enrolment, services
from karier.development.jp import ledger
from karier.development.models import (
    JpBawaanMetode,
    KegiatanPengembangan,
    Kompetensi,
    MetodePengembangan,
    Pendaftaran,
    PengembanganMandiri,
    SesiKegiatan,
    StatusPendaftaran,
)
from karier.development.outcomes.demo import seed_after
from karier.people.access import SYSTEM, Actor, as_actor

#: Defaults the demo BKD chose for non-classical methods (data, editable on the JP settings screen).
JP_BAWAAN = {
    MetodePengembangan.COACHING: "4",
    MetodePengembangan.MENTORING: "4",
    MetodePengembangan.E_LEARNING: "8",
    MetodePengembangan.BELAJAR_MANDIRI: "2",
    MetodePengembangan.KOMUNITAS_BELAJAR: "2",
    MetodePengembangan.BIMBINGAN_TEMPAT_KERJA: "4",
}

# (kode, nama, jenis, metode, penyelenggara, jp or None for the method's default, kursus SIASN,
#  {competency code: up to level}, tempat or tautan)
KATALOG: tuple[tuple[str, str, str, str, str, str | None, str, dict[str, int], str], ...] = (
    (
        "DKF-01",
        "Pelatihan Layanan Publik Digital (SPBE) bagi ASN",
        "TEKNIS",
        "PELATIHAN",
        "DISKOMINFO",
        "24",
        "",
        {"T.TIK.3": 3, "M.5": 3},
        "Aula Diskominfo Provinsi Bengkulu",
    ),
    (
        "DKF-02",
        "Bimtek Satu Data dan Pengolahan Data Statistik Sektoral",
        "TEKNIS",
        "BIMTEK",
        "DISKOMINFO",
        "16",
        "",
        {"T.TIK.1": 3},
        "Lab Komputer Diskominfo",
    ),
    (
        "DKF-03",
        "Pelatihan Aplikasi Perkantoran: Naskah Dinas Elektronik dan Lembar Kerja",
        "TEKNIS",
        "PELATIHAN",
        "DISKOMINFO",
        "12",
        "ADMINISTRASI PERKANTORAN",
        {"T.TIK.1": 2},
        "Lab Komputer Diskominfo",
    ),
    (
        "DKF-04",
        "Workshop Kesadaran Keamanan Siber dan Perlindungan Data Pribadi",
        "TEKNIS",
        "WORKSHOP",
        "DISKOMINFO",
        "8",
        "",
        {"T.TIK.2": 2},
        "https://zoom.bengkuluprov.go.id/keamanan-siber",
    ),
    (
        "DKF-05",
        "E-learning Literasi Digital ASN",
        "TEKNIS",
        "E_LEARNING",
        "E_LEARNING",
        None,
        "",
        {"T.TIK.3": 2},
        "https://elearning.bengkuluprov.go.id/literasi-digital",
    ),
    (
        "BPS-01",
        "Pelatihan Kepemimpinan Pengawas (PKP)",
        "MANAJERIAL",
        "PELATIHAN",
        "BPSDM",
        "200",
        "",
        {"M.8": 3, "M.6": 3},
        "Kampus BPSDM Provinsi Bengkulu",
    ),
    (
        "BPS-02",
        "Pelatihan Kepemimpinan Administrator (PKA)",
        "MANAJERIAL",
        "PELATIHAN",
        "BPSDM",
        "200",
        "",
        {"M.7": 4, "M.8": 4},
        "Kampus BPSDM Provinsi Bengkulu",
    ),
    (
        "BPS-03",
        "Pelatihan Komunikasi Publik dan Kehumasan Pemerintah",
        "MANAJERIAL",
        "PELATIHAN",
        "BPSDM",
        "20",
        "",
        {"M.3": 3},
        "Kampus BPSDM Provinsi Bengkulu",
    ),
    (
        "BPS-04",
        "Coaching Kepemimpinan bagi Pejabat Pengawas",
        "MANAJERIAL",
        "COACHING",
        "BPSDM",
        None,
        "",
        {"M.6": 3},
        "Ruang rapat masing-masing OPD",
    ),
    (
        "BPS-05",
        "Seminar Wawasan Kebangsaan dan Moderasi",
        "SOSIOKULTURAL",
        "SEMINAR",
        "BPSDM",
        "4",
        "",
        {"SK.1": 3},
        "Balai Raya Semarak Bengkulu",
    ),
    (
        "LAN-01",
        "Pelatihan Manajemen Kinerja ASN",
        "MANAJERIAL",
        "PELATIHAN",
        "LAN",
        "32",
        "",
        {"M.4": 3},
        "https://asn-unggul.lan.go.id",
    ),
    (
        "ELN-01",
        "Kursus Daring Manajemen Perubahan di Sektor Publik",
        "MANAJERIAL",
        "KURSUS",
        "E_LEARNING",
        "10",
        "",
        {"M.7": 3},
        "https://asn-unggul.lan.go.id/manajemen-perubahan",
    ),
)

#: Activities Bu Wati's team completed this year (by code), in turn: some reach 20 JP, some do not.
SELESAI_TIM = ("DKF-01", "DKF-03", "BPS-03", "DKF-04", "DKF-02")

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _kegiatan(actor: Actor) -> dict[str, KegiatanPengembangan]:
    codes = dict(Kompetensi.objects.values_list("kode", "pk"))
    have = {k.kode: k for k in KegiatanPengembangan.objects.filter(kode__in=[row[0] for row in KATALOG])}
    for kode, nama, jenis, metode, penyelenggara, jp, kursus, komp, _tempat in KATALOG:
        if kode in have:
            continue
        have[kode] = services.kegiatan_create(
            actor=actor,
            data=services.KegiatanData(
                kode=kode,
                nama=nama,
                jenis=jenis,
                metode=metode,
                penyelenggara=penyelenggara,
                jp=jp,
                jenis_kursus_siasn=kursus,
                uraian=f"Program {dict(services.Penyelenggara.choices)[penyelenggara]} untuk ASN Pemprov Bengkulu.",
                kompetensi={codes[c]: lvl for c, lvl in komp.items() if c in codes},
            ),
        )
    return have


def _sesi(actor: Actor, kegiatan: dict[str, KegiatanPengembangan], today: dt.date) -> dict[str, SesiKegiatan]:
    """Per activity: one session that ends today (the team's completed one) and one next month."""
    tempat = {row[0]: row[8] for row in KATALOG}
    now: dict[str, SesiKegiatan] = {}
    for kode, k in kegiatan.items():
        existing = list(k.sesi.order_by("mulai", "pk"))
        if existing:
            now[kode] = existing[0]
            continue
        where = tempat[kode]
        online = where.startswith("https://")
        for start, end, cap in (
            (today - dt.timedelta(days=2), today, 40),
            (today + dt.timedelta(days=30), today + dt.timedelta(days=32), 30),
        ):
            s = services.sesi_create(
                actor=actor,
                kegiatan=k,
                data=services.SesiData(
                    mulai=start,
                    selesai=end,
                    kapasitas=cap,
                    tempat="" if online else where,
                    tautan=where if online else "",
                    biaya=Decimal(0) if online else Decimal(750_000),
                ),
            )
            now.setdefault(kode, s)
    return now


def _team(today: dt.date) -> tuple[Any, list[Any]]:
    from karier.accounts.models import User
    from karier.people.demo.personas import PERSONAS
    from karier.people.selectors import direct_subordinates_on, positions_held_on

    nip = next((p.nip for p in PERSONAS.values() if p.key == "wati"), None)
    wati = User.objects.filter(username=nip).select_related("pegawai").first() if nip else None
    if wati is None or wati.pegawai is None:
        return None, []
    jabatan = list(positions_held_on(wati.pegawai.pk, today).values_list("jabatan_id", flat=True))
    return wati, [a.pegawai for a in direct_subordinates_on(jabatan, today)]


def seed(*, actor: Actor = SYSTEM, today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    have_default = set(JpBawaanMetode.objects.values_list("metode", flat=True))
    for metode, jp in JP_BAWAAN.items():
        if metode not in have_default:
            services.jp_bawaan_set(actor=actor, metode=metode, jp=jp)
    kegiatan = _kegiatan(actor)
    sesi = _sesi(actor, kegiatan, today)
    wati, team = _team(today)
    done = 0
    for i, pegawai in enumerate(team):
        codes = [SELESAI_TIM[(i + n) % len(SELESAI_TIM)] for n in range(1 + i % 3)]
        for code in codes:
            s = sesi[code]
            if s.selesai != today or Pendaftaran.objects.filter(sesi=s, pegawai=pegawai).exists():
                continue
            try:
                row = enrolment.pendaftaran_create(actor=actor, sesi=s, pegawai=pegawai)
                if row.status != StatusPendaftaran.TERDAFTAR:
                    continue
                enrolment.kehadiran_record(actor=actor, sesi=s, hadir={row.pk: True})
                row.refresh_from_db()
                enrolment.pendaftaran_complete(
                    actor=actor, pendaftaran=row, sertifikat=SimpleUploadedFile(f"sertifikat-{code}.pdf", PDF)
                )
                done += 1
            except ValidationError:
                continue
    mandiri = 0
    if wati is not None and team and not PengembanganMandiri.objects.filter(pegawai__in=team).exists():
        for n, pegawai in enumerate(team[:4]):
            user = getattr(pegawai, "user", None)
            if user is None:
                continue
            report = ledger.mandiri_report(
                actor=as_actor(user),
                data=ledger.MandiriData(
                    judul=("MOOC Analisis Data untuk Pemula", "Webinar Inovasi Pelayanan Publik")[n % 2],
                    metode=MetodePengembangan.E_LEARNING if n % 2 == 0 else MetodePengembangan.SEMINAR,
                    penyelenggara=("Platform e-learning", "KemenPAN-RB")[n % 2],
                    mulai=today - dt.timedelta(days=20),
                    selesai=today - dt.timedelta(days=18),
                    menit=360 if n % 2 == 0 else None,
                    jp=None if n % 2 == 0 else "3",
                ),
            )
            mandiri += 1
            if n < 2:  # two verified by Bu Wati, two waiting for her
                ledger.mandiri_verify(actor=as_actor(wati), mandiri=report, setuju=True)
    # The team's evaluations and an earlier intake with Bu Wati's follow-ups (demo_outcomes.py).
    after = seed_after(actor=actor, wati=wati, team=team, today=today)
    return {"kegiatan": len(kegiatan), "selesai": done, "mandiri": mandiri, "tim": len(team), **after}
