"""Import of past predikat and angka kredit (issue #12 item 1): two phases, a per-row report in Bahasa
Indonesia, nothing written while any row is wrong, all or nothing, re-checked when applied."""

from __future__ import annotations

import datetime as dt
import io
from fractions import Fraction

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from karier.core.models import AuditEvent
from karier.talent.choices import StatusImporRiwayat
from karier.talent.history import imports
from karier.talent.history.reader import template_xlsx
from karier.talent.models import EntriAngkaKredit, ImporRiwayatKinerja, PredikatTahunan, SumberPredikat
from tests.talent.talent_history_helpers import final_evaluation

pytestmark = pytest.mark.django_db
HEADER = "NIP;tahun;predikat;rating hasil kerja;rating perilaku;jumlah bulan;angka kredit;keterangan\n"


def _csv(body: str, name: str = "riwayat.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (HEADER + body).encode("utf-8"), content_type="text/csv")


def _xlsx(rows: list[list[object]]) -> SimpleUploadedFile:
    from openpyxl import Workbook

    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("riwayat.xlsx", buf.getvalue())


def _nothing_written() -> bool:
    return not PredikatTahunan.objects.exists() and not EntriAngkaKredit.objects.exists()


def test_a_clean_csv_is_checked_then_applied_with_credit(org):
    admin = org.actor("admin")
    staf, pranata = org.pegawai["staf1a"], org.pegawai["pranata"]
    f = _csv(
        f"{staf.nip};2023;Baik;Sesuai Ekspektasi;Sesuai Ekspektasi;;;\n"
        f"'{pranata.nip};2023;Sangat Baik;;;6;9,375;PAK 2023\n"  # 150 % × 12,5 × 6/12 = 9,375
    )
    report = imports.riwayat_impor_periksa(actor=admin, berkas=f)
    assert report.kesalahan == [] and len(report.baris) == 2
    assert _nothing_written()  # phase one writes nothing
    assert imports.riwayat_impor_terapkan(actor=admin, impor=report) == 2
    rows = {p.pegawai_id: p for p in PredikatTahunan.objects.all()}
    assert rows[staf.pk].predikat == "Baik" and rows[staf.pk].sumber == SumberPredikat.IMPOR
    assert rows[staf.pk].impor_id == report.pk and rows[staf.pk].bulan == 12
    assert rows[pranata.pk].bulan == 6
    entry = EntriAngkaKredit.objects.get()
    assert entry.pegawai_id == pranata.pk and entry.jenis == "IMPOR" and entry.jenjang == "Ahli Pertama"
    assert Fraction(entry.pembilang, entry.penyebut) == Fraction(75, 8)
    assert entry.golongan_id == pranata.golongan_id and entry.predikat_tahunan_id == rows[pranata.pk].pk
    report.refresh_from_db()
    assert report.status == StatusImporRiwayat.DITERAPKAN
    assert AuditEvent.objects.filter(action="riwayat_kinerja.impor_terapkan").count() == 1
    with pytest.raises(ValidationError, match="sudah diterapkan"):
        imports.riwayat_impor_terapkan(actor=admin, impor=ImporRiwayatKinerja.objects.get(pk=report.pk))
    assert PredikatTahunan.objects.count() == 2


def test_a_clean_xlsx_with_nip_as_text_and_numeric_credit(org):
    admin = org.actor("admin")
    pranata = org.pegawai["pranata"]
    f = _xlsx(
        [
            ["NIP", "Tahun", "Predikat", "Angka Kredit"],
            [pranata.nip, 2022, "baik", 12.5],
        ]
    )
    report = imports.riwayat_impor_periksa(actor=admin, berkas=f)
    assert report.kesalahan == []
    assert imports.riwayat_impor_terapkan(actor=admin, impor=report) == 1
    entry = EntriAngkaKredit.objects.get()
    assert Fraction(entry.pembilang, entry.penyebut) == Fraction(25, 2)


def test_the_template_has_the_header_and_an_example_that_reads_back(org):
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(template_xlsx())).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "nip" and "angka kredit" in rows[0]
    assert isinstance(rows[1][0], str) and len(rows[1][0]) == 18


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("199901012020011999;2023;Baik;;;;;", "tidak ditemukan"),
        ("{staf};1989;Baik;;;;;", "harus antara 1990"),
        ("{staf};2999;Baik;;;;;", "harus antara 1990"),
        ("{staf};2023;Istimewa;;;;;", "bukan salah satu dari"),
        ("{staf};2023;Baik;Di Bawah Ekspektasi;Sesuai Ekspektasi;;;", "tidak menghasilkan predikat Baik"),
        ("{staf};2023;Baik;Luar Biasa;;;;", "Rating harus salah satu"),
        ("{staf};2023;Baik;;;13;;", "Jumlah bulan"),
        ("{staf};2023;Baik;;;;12,5;", "hanya untuk pemangku jabatan fungsional"),
        ("{pranata};2023;Baik;;;;10;", "memberi 12,500"),
        ("{pranata};2023;Baik;;;;dua belas;", "bukan angka"),
        ("{staf};2023;Baik;;;;;{long}", "255 karakter"),
    ],
)
def test_each_bad_row_is_reported_and_nothing_is_written(org, line, message):
    admin = org.actor("admin")
    body = line.format(staf=org.pegawai["staf1a"].nip, pranata=org.pegawai["pranata"].nip, long="x" * 300)
    report = imports.riwayat_impor_periksa(actor=admin, berkas=_csv(body + "\n"))
    assert report.kesalahan and all(n == 2 for n, _ in report.kesalahan)
    assert any(message in m for _, m in report.kesalahan), report.kesalahan
    with pytest.raises(ValidationError, match="Perbaiki semua kesalahan"):
        imports.riwayat_impor_terapkan(actor=admin, impor=report)
    assert _nothing_written()


def test_duplicates_in_the_file_and_a_nip_typed_as_a_number(org):
    admin = org.actor("admin")
    staf = org.pegawai["staf1a"]
    report = imports.riwayat_impor_periksa(
        actor=admin,
        berkas=_xlsx(
            [["nip", "tahun", "predikat"], [staf.nip, 2023, "Baik"], [staf.nip, 2023, "Baik"], [1.5e17, 2023, "Baik"]]
        ),
    )
    messages = dict(report.kesalahan)
    assert "sama dengan baris 2" in messages[3]
    assert "format kolom NIP sebagai Teks" in messages[4]
    assert _nothing_written()


def test_a_predikat_contradicting_a_final_evaluation_is_refused(org):
    admin = org.actor("admin")
    staf, kasi = org.pegawai["staf1a"], org.pegawai["kasi1"]
    final_evaluation(staf, 2024, "Baik")
    final_evaluation(kasi, 2024, "Baik")
    report = imports.riwayat_impor_periksa(
        actor=admin, berkas=_csv(f"{staf.nip};2024;Sangat Baik;;;;;\n{kasi.nip};2024;Baik;;;;;\n")
    )
    assert report.kesalahan == [[2, report.kesalahan[0][1]]]
    assert "bertentangan dengan evaluasi final" in report.kesalahan[0][1]
    assert _nothing_written()


def test_a_row_agreeing_with_a_final_evaluation_is_accepted_and_skipped(org):
    admin = org.actor("admin")
    kasi = org.pegawai["kasi1"]
    final_evaluation(kasi, 2024, "Baik")
    report = imports.riwayat_impor_periksa(actor=admin, berkas=_csv(f"{kasi.nip};2024;Baik;;;;;\n"))
    assert report.kesalahan == []
    assert imports.riwayat_impor_terapkan(actor=admin, impor=report) == 0
    assert _nothing_written()  # Karier's own evaluation stands; the recompute copies it


def test_apply_re_checks_and_writes_nothing_when_things_changed(org):
    admin = org.actor("admin")
    staf, kasi = org.pegawai["staf1a"], org.pegawai["kasi1"]
    report = imports.riwayat_impor_periksa(
        actor=admin, berkas=_csv(f"{kasi.nip};2024;Baik;;;;;\n{staf.nip};2024;Sangat Baik;;;;;\n")
    )
    assert report.kesalahan == []
    final_evaluation(staf, 2024, "Baik")  # signed after the check: now the row contradicts it
    with pytest.raises(ValidationError, match="bertentangan dengan evaluasi final"):
        imports.riwayat_impor_terapkan(actor=admin, impor=report)
    assert _nothing_written()  # not even the good row (all or nothing)
    report.refresh_from_db()
    assert report.status == StatusImporRiwayat.DIPERIKSA


def test_a_year_already_recorded_is_refused(org):
    admin = org.actor("admin")
    staf = org.pegawai["staf1a"]
    PredikatTahunan.objects.create(pegawai=staf, tahun=2022, predikat="Baik", sumber=SumberPredikat.IMPOR)
    report = imports.riwayat_impor_periksa(actor=admin, berkas=_csv(f"{staf.nip};2022;Baik;;;;;\n"))
    assert "sudah tercatat" in report.kesalahan[0][1]


def test_only_bkd_imports_and_never_their_own_record(org):
    staf = org.pegawai["staf1a"]
    for key in ("kadis", "auditor", "staf1a"):
        with pytest.raises(PermissionDenied):
            imports.riwayat_impor_periksa(actor=org.actor(key), berkas=_csv(f"{staf.nip};2023;Baik;;;;;\n"))
    assert not ImporRiwayatKinerja.objects.exists()


def test_bad_files_are_refused_whole(org):
    admin = org.actor("admin")
    with pytest.raises(ValidationError, match="Kolom wajib"):
        imports.riwayat_impor_periksa(
            actor=admin, berkas=SimpleUploadedFile("a.csv", b"nip;tahun\n1;2\n", content_type="text/csv")
        )
    with pytest.raises(ValidationError, match="Jenis berkas"):
        imports.riwayat_impor_periksa(actor=admin, berkas=SimpleUploadedFile("a.pdf", b"%PDF"))
    with pytest.raises(ValidationError, match="tidak dapat dibaca"):
        imports.riwayat_impor_periksa(actor=admin, berkas=SimpleUploadedFile("a.xlsx", b"not a zip"))
    assert not ImporRiwayatKinerja.objects.exists()


def test_the_job_applies_the_import(org, django_capture_on_commit_callbacks):
    from karier.core.models import TugasLatar

    admin = org.actor("admin")
    staf = org.pegawai["staf1a"]
    report = imports.riwayat_impor_periksa(actor=admin, berkas=_csv(f"{staf.nip};2023;Baik;;;;;\n"))
    with django_capture_on_commit_callbacks(execute=True):
        job = imports.riwayat_impor_start(actor=admin, impor=report)
    job = TugasLatar.objects.get(pk=job.pk)
    assert job.status == "SELESAI", job.pesan
    assert PredikatTahunan.objects.filter(pegawai=staf, tahun=2023, sumber="IMPOR").exists()
    assert imports.impor_job(report) == job
    assert dt.date.today().year >= 2023
