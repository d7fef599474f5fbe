"""Builders for the SIASN exchange tests: a small history made through the services (completed
catalogue enrolments, a structural training, verified and unverified self-development)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.development.catalogue_helpers import kegiatan, past, pdf, sesi

TODAY = timezone.localdate()


def completed(org: Any, keg: Any, keys: list[str], days_ago: int = 20) -> Any:
    """`keys` enrolled, present and completed in one past session of `keg`."""
    from karier.development.catalogue import enrolment

    admin = org.actor("admin")
    s = sesi(admin, keg, kapasitas=len(keys) + 1)
    rows = [enrolment.pendaftaran_create(actor=admin, sesi=s, pegawai=org.pegawai[k]) for k in keys]
    past(s, days_ago)
    enrolment.kehadiran_record(actor=admin, sesi=s, hadir={r.pk: True for r in rows})
    for r in rows:
        r.refresh_from_db()
        enrolment.pendaftaran_complete(actor=admin, pendaftaran=r, sertifikat=pdf())
    return s


def build_history(org: Any) -> dict[str, Any]:
    """staf1a: a course (catalogue) and a PKP (structural); staf1b: verified self-development; kasi1:
    a course; staf2: an unverified report and an enrolment not completed (neither exported)."""
    from karier.development.catalogue import enrolment
    from karier.development.jp import ledger

    admin = org.actor("admin")
    office = kegiatan(
        admin, "DKF-03", jp="12", nama="Pelatihan Aplikasi Perkantoran", jenis_kursus_siasn="ADMINISTRASI PERKANTORAN"
    )
    pkp = kegiatan(
        admin,
        "BPS-01",
        jp="200",
        nama="Pelatihan Kepemimpinan Pengawas (PKP)",
        jenis="MANAJERIAL",
        penyelenggara="BPSDM",
    )
    completed(org, office, ["staf1a", "kasi1"])
    completed(org, pkp, ["staf1a"], days_ago=40)
    open_session = sesi(admin, office, kapasitas=3)
    enrolment.pendaftaran_create(actor=admin, sesi=open_session, pegawai=org.pegawai["staf2"])
    report = ledger.mandiri_report(
        actor=org.actor("staf1b"),
        data=ledger.MandiriData(
            judul="MOOC Analisis Data",
            metode="E_LEARNING",
            penyelenggara="=Platform e-learning",  # a formula trigger: the export must neutralise it
            mulai=TODAY - dt.timedelta(days=12),
            selesai=TODAY - dt.timedelta(days=10),
            jp="2,5",
        ),
    )
    ledger.mandiri_verify(actor=org.actor("kasi1"), mandiri=report, setuju=True)
    ledger.mandiri_report(
        actor=org.actor("staf2"),
        data=ledger.MandiriData(
            judul="Seminar belum diverifikasi",
            metode="SEMINAR",
            penyelenggara="Kominfo",
            mulai=TODAY - dt.timedelta(days=5),
            selesai=TODAY - dt.timedelta(days=5),
            jp="4",
        ),
    )
    return {"office": office, "pkp": pkp}


def csv_file(text: str, name: str = "riwayat.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def xlsx_file(data: bytes, name: str = "riwayat.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def sheets(data: bytes) -> dict[str, list[list[Any]]]:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def dmy(d: dt.date) -> str:
    return d.strftime("%d-%m-%Y")
