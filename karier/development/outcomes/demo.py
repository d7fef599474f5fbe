"""The demo after the sessions (issue #11 §6, §10): the team's evaluations of what they completed, and
an earlier intake four months ago whose follow-ups Bu Wati has partly given — so the evaluation
figures, the follow-up list and its home card have data on the first run.

The earlier intake is made through the services on today's dates (enrol, attend, complete), then
moved four months back with its ledger rows, as a demo history: no service back-dates on purpose.
The yearly JP totals are brought in line for both years. Idempotent (the intake by its name, an
evaluation or a follow-up once per enrolment).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from karier.development.catalogue import enrolment, services
from karier.development.models import (
    CatatanJp,
    EvaluasiKegiatan,
    KegiatanPengembangan,
    Pendaftaran,
    SesiKegiatan,
    StatusPendaftaran,
    TindakLanjutAtasan,
)
from karier.development.outcomes import feedback
from karier.people.access import Actor, as_actor

#: The activity of the earlier intake (BPSDM's public communication training) and its name.
KODE_LAMA = "BPS-03"
NAMA_LAMA = "Angkatan I (demo: empat bulan lalu)"
HARI_LALU = 120
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# Deterministic, varied marks (relevansi, materi, fasilitator, manfaat) and comments.
NILAI = ((5, 4, 4, 5), (4, 4, 5, 4), (4, 3, 4, 4), (5, 5, 4, 5), (3, 4, 3, 3), (4, 4, 4, 5))
KOMENTAR = (
    "Materi langsung bisa dipakai untuk layanan di kantor.",
    "",
    "Waktu praktik perlu ditambah.",
    "Fasilitator menguasai materi dan contoh kasusnya nyata.",
    "",
    "Perlu modul cetak untuk dibawa pulang.",
)
TINDAK_LANJUT = (
    ("YA", "Lebih runtut saat menyampaikan informasi layanan kepada masyarakat."),
    ("SEBAGIAN", "Sudah mulai menyusun siaran pers sendiri, masih perlu pendampingan."),
)


def _earlier_intake(actor: Actor, kegiatan: KegiatanPengembangan, team: list[Any], today: dt.date) -> list[int]:
    """The team's completed enrolments in the intake of four months ago (made once)."""
    existing = SesiKegiatan.objects.filter(kegiatan=kegiatan, nama=NAMA_LAMA).first()
    if existing is not None:
        return list(
            Pendaftaran.objects.filter(sesi=existing, status=StatusPendaftaran.SELESAI).values_list("pk", flat=True)
        )
    s = services.sesi_create(
        actor=actor,
        kegiatan=kegiatan,
        data=services.SesiData(
            nama=NAMA_LAMA, mulai=today - dt.timedelta(days=2), selesai=today, kapasitas=40, tempat="Aula BPSDM"
        ),
    )
    done: list[int] = []
    for pegawai in team:
        try:
            row = enrolment.pendaftaran_create(actor=actor, sesi=s, pegawai=pegawai)
            enrolment.kehadiran_record(actor=actor, sesi=s, hadir={row.pk: True})
            row.refresh_from_db()
            sertifikat = SimpleUploadedFile("sertifikat-angkatan-1.pdf", PDF)
            done.append(enrolment.pendaftaran_complete(actor=actor, pendaftaran=row, sertifikat=sertifikat).pk)
        except (ValidationError, PermissionDenied):
            continue
    end = today - dt.timedelta(days=HARI_LALU)
    SesiKegiatan.objects.filter(pk=s.pk).update(mulai=end - dt.timedelta(days=2), selesai=end)
    when = timezone.make_aware(dt.datetime.combine(end, dt.time(15, 0)))
    Pendaftaran.objects.filter(pk__in=done).update(selesai_pada=when)
    moved = list(CatatanJp.objects.filter(pendaftaran_id__in=done).values_list("pegawai_id", flat=True))
    CatatanJp.objects.filter(pendaftaran_id__in=done).update(tanggal=end, tahun=end.year)
    try:
        from karier.development.jp.totals import jp_total_refresh
    except ImportError:  # pragma: no cover - the yearly totals are another part of the app
        return done
    for pid in set(moved):
        for year in {today.year, end.year}:
            jp_total_refresh(pid, year)
    return done


def seed_after(*, actor: Actor, wati: Any, team: list[Any], today: dt.date) -> dict[str, int]:
    kegiatan = KegiatanPengembangan.objects.filter(kode=KODE_LAMA).first()
    earlier = _earlier_intake(actor, kegiatan, team, today) if kegiatan is not None and team else []
    follow_ups = 0
    if wati is not None:
        boss = as_actor(wati)
        rows = Pendaftaran.objects.filter(pk__in=earlier, tindak_lanjut__isnull=True).select_related(
            "pegawai", "sesi", "sesi__kegiatan"
        )
        given = TindakLanjutAtasan.objects.filter(pendaftaran_id__in=earlier).count()
        for row in rows.order_by("pk")[: max(0, len(earlier) // 2 - given)]:
            hasil, catatan = TINDAK_LANJUT[row.pk % len(TINDAK_LANJUT)]
            try:
                feedback.tindak_lanjut_submit(actor=boss, pendaftaran=row, hasil=hasil, catatan=catatan)
                follow_ups += 1
            except (ValidationError, PermissionDenied):
                continue
    evaluations = 0
    done = (
        Pendaftaran.objects.filter(pegawai__in=team, status=StatusPendaftaran.SELESAI, evaluasi__isnull=True)
        .select_related("pegawai__user", "sesi", "sesi__kegiatan")
        .order_by("pk")
    )
    for n, row in enumerate(done):
        user = getattr(row.pegawai, "user", None)
        if user is None or EvaluasiKegiatan.objects.filter(pendaftaran=row).exists():
            continue
        marks = dict(zip(("relevansi", "materi", "fasilitator", "manfaat"), NILAI[n % len(NILAI)], strict=True))
        try:
            feedback.evaluasi_submit(
                actor=as_actor(user), pendaftaran=row, nilai=marks, komentar=KOMENTAR[n % len(KOMENTAR)]
            )
            evaluations += 1
        except (ValidationError, PermissionDenied):
            continue
    return {"evaluasi": evaluations, "tindak_lanjut": follow_ups, "angkatan_lalu": len(earlier)}
