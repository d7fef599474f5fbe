"""Assessment import in two phases (issue #11 item 2): a per-row report in Bahasa Indonesia with every
kind of mistake, nothing written until the report is clean, then all rows or none."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from karier.core.models import AuditEvent
from karier.development.competency import imports
from karier.development.models import ImporPenilaian, PenilaianKompetensi, StatusImpor

pytestmark = pytest.mark.django_db


def _csv(text: str, name: str = "hasil.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def _xlsx(rows: list[list[object]]) -> SimpleUploadedFile:
    from openpyxl import Workbook

    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("hasil.xlsx", buf.getvalue())


def test_a_clean_csv_is_checked_then_applied_all_at_once(org):
    admin = org.actor("admin")
    nip_a, nip_b = org.pegawai["staf1a"].nip, org.pegawai["kasi1"].nip
    f = _csv(
        "nip;kompetensi;level;tanggal;sumber;asesor\n"
        f"{nip_a};M.3;2;01-03-2026;assessment center;UPT Penilaian\n"
        f"{nip_b};Kerja Sama;3;2026-03-02;uji kompetensi;\n"
    )
    report = imports.penilaian_impor_periksa(actor=admin, berkas=f)
    assert report.kesalahan == [] and len(report.baris) == 2
    assert not PenilaianKompetensi.objects.exists()  # phase one writes nothing
    assert imports.penilaian_impor_terapkan(actor=admin, impor=report) == 2
    rows = {p.pegawai.nip: p for p in PenilaianKompetensi.objects.select_related("pegawai", "kompetensi")}
    assert (
        rows[nip_a].level == 2 and rows[nip_a].asesor == "UPT Penilaian" and rows[nip_a].sumber == "ASSESSMENT_CENTER"
    )
    assert rows[nip_b].kompetensi.kode == "M.2" and rows[nip_b].sumber == "UJI_KOMPETENSI"
    report.refresh_from_db()
    assert report.status == StatusImpor.DITERAPKAN
    assert AuditEvent.objects.filter(action="kompetensi.impor_terapkan").count() == 1
    with pytest.raises(ValidationError, match="sudah diterapkan"):
        imports.penilaian_impor_terapkan(actor=admin, impor=ImporPenilaian.objects.get(pk=report.pk))
    assert PenilaianKompetensi.objects.count() == 2


def test_every_kind_of_mistake_is_reported_per_row_and_nothing_is_written(org):
    admin = org.actor("admin")
    nip = org.pegawai["staf1a"].nip
    future = (timezone.localdate() + dt.timedelta(days=3)).strftime("%d-%m-%Y")
    f = _csv(
        "nip,kompetensi,level,tanggal,sumber\n"
        f"{nip},M.3,2,01-03-2026,\n"  # 2: fine
        "199901012020011999,M.3,2,01-03-2026,\n"  # 3: unknown NIP
        f"{nip},M.1,7,01-03-2026,\n"  # 4: level outside 1-5
        f"{nip},M.3,2,01-03-2026,\n"  # 5: duplicate of row 2
        f"{nip},M.4,3,{future},\n"  # 6: future date
        f"{nip},Memasak,3,01-03-2026,\n"  # 7: unknown competency
        f"{nip},M.5,dua,31-02-2026,\n"  # 8: level not a number, impossible date
        f"{nip},M.6,2,01-03-2026,observasi\n"  # 9: a source imports may not carry
        ",M.7,2,01-03-2026,\n"  # 10: NIP empty
    )
    report = imports.penilaian_impor_periksa(actor=admin, berkas=f)
    by_row: dict[int, list[str]] = {}
    for n, msg in report.kesalahan:
        by_row.setdefault(n, []).append(msg)
    assert 2 not in by_row
    assert "tidak ditemukan" in by_row[3][0]
    assert "di luar 1 sampai 5" in by_row[4][0]
    assert "Baris ganda: sama dengan baris 2" in by_row[5][0]
    assert "masa depan" in by_row[6][0]
    assert "tidak dikenal" in by_row[7][0]
    assert any("di luar 1 sampai 5" in m for m in by_row[8]) and any("tidak terbaca" in m for m in by_row[8])
    assert "Sumber harus" in by_row[9][0]
    assert "NIP kosong" in by_row[10][0]
    with pytest.raises(ValidationError, match="Perbaiki semua kesalahan"):
        imports.penilaian_impor_terapkan(actor=admin, impor=report)
    assert not PenilaianKompetensi.objects.exists()


def test_an_already_recorded_assessment_and_ones_own_nip_are_refused(org):
    admin = org.actor("admin")
    nip = org.pegawai["staf1a"].nip
    report = imports.penilaian_impor_periksa(
        actor=admin, berkas=_csv(f"nip,kompetensi,level,tanggal\n{nip},M.3,2,01-03-2026\n")
    )
    imports.penilaian_impor_terapkan(actor=admin, impor=report)
    again = imports.penilaian_impor_periksa(
        actor=admin, berkas=_csv(f"nip,kompetensi,level,tanggal\n{nip},M.3,2,01-03-2026\n")
    )
    assert "sudah tercatat" in again.kesalahan[0][1]
    # An admin who is also an employee may not import their own level.
    org.users["kasi1"].is_admin_bkd = True
    org.users["kasi1"].save()
    own = imports.penilaian_impor_periksa(
        actor=org.actor("kasi1"),
        berkas=_csv(f"nip,kompetensi,level,tanggal\n{org.pegawai['kasi1'].nip},M.3,2,01-03-2026\n"),
    )
    assert "sendiri" in own.kesalahan[0][1]


def test_xlsx_with_date_cells_is_read(org):
    nip = org.pegawai["staf1b"].nip
    f = _xlsx(
        [["NIP", "Kompetensi", "Level", "Tanggal"], [nip, "M.8", 4, dt.datetime(2026, 2, 1)], [None, None, None, None]]
    )
    report = imports.penilaian_impor_periksa(actor=org.actor("admin"), berkas=f)
    assert report.kesalahan == [] and report.baris[0]["tanggal"] == "2026-02-01" and report.baris[0]["level"] == 4


@pytest.mark.parametrize(
    ("berkas", "pesan"),
    [
        (_csv("", "kosong.csv"), "kosong"),
        (_csv("nip,level\n1,2\n"), "Kolom wajib tidak ada: kompetensi, tanggal"),
        (_csv("nip,kompetensi,level,tanggal\n"), "tidak berisi baris data"),
        (SimpleUploadedFile("hasil.pdf", b"%PDF-1.4"), "Jenis berkas"),
        (SimpleUploadedFile("rusak.xlsx", b"PK\x03\x04bukan excel"), "tidak dapat dibaca"),
        (SimpleUploadedFile("latin.csv", "nip;kompetensi\n\xe9".encode("latin-1")), "UTF-8"),
    ],
)
def test_unreadable_files_are_refused_whole(org, berkas, pesan):
    with pytest.raises(ValidationError, match=pesan):
        imports.penilaian_impor_periksa(actor=org.actor("admin"), berkas=berkas)
    assert not ImporPenilaian.objects.exists()


@pytest.mark.parametrize("key", ["kasi1", "kadis", "auditor", "staf1a"])
def test_only_bkd_admins_import(org, key):
    with pytest.raises(PermissionDenied):
        imports.penilaian_impor_periksa(actor=org.actor(key), berkas=_csv("nip,kompetensi,level,tanggal\n"))


def test_a_person_who_left_between_the_phases_stops_the_whole_import(org):
    admin = org.actor("admin")
    a, b = org.pegawai["staf1a"], org.pegawai["staf1b"]
    report = imports.penilaian_impor_periksa(
        actor=admin, berkas=_csv(f"nip,kompetensi,level,tanggal\n{a.nip},M.3,2,01-03-2026\n{b.nip},M.3,2,01-03-2026\n")
    )
    type(b).objects.filter(pk=b.pk).update(aktif=False)
    with pytest.raises(ValidationError, match="tidak aktif"):
        imports.penilaian_impor_terapkan(actor=admin, impor=report)
    assert not PenilaianKompetensi.objects.exists()


def test_check_rows_reads_a_fixed_number_of_queries(org, django_assert_max_num_queries):
    rows = [
        imports.Baris(
            n,
            {
                "nip": org.pegawai["staf1a"].nip,
                "kompetensi": "M.3",
                "level": "2",
                "tanggal": f"{n % 28 + 1:02d}-01-2026",
            },
        )
        for n in range(2, 40)
    ]
    with django_assert_max_num_queries(3):
        clean, errors = imports.check_rows(org.actor("admin"), rows)
    assert len(clean) == 28 and len(errors) == 10  # dates repeat after 28 rows: duplicates


def test_phase_two_as_a_job_records_progress_and_failure(org, django_capture_on_commit_callbacks):
    from karier.core.models import TugasLatar

    admin = org.actor("admin")
    a, b = org.pegawai["staf1a"], org.pegawai["staf1b"]
    text = f"nip,kompetensi,level,tanggal\n{a.nip},M.3,2,01-03-2026\n{b.nip},M.3,2,01-03-2026\n"
    ok = imports.penilaian_impor_periksa(actor=admin, berkas=_csv(text))
    with django_capture_on_commit_callbacks(execute=True):
        job = imports.penilaian_impor_start(actor=admin, impor=ok)
    job.refresh_from_db()
    assert job.status == "SELESAI" and job.diproses == job.total == 2 and job.hasil["disimpan"] == 2
    assert imports.impor_job(ok) == job
    with pytest.raises(ValidationError, match="sudah diterapkan"):
        imports.penilaian_impor_start(actor=admin, impor=ImporPenilaian.objects.get(pk=ok.pk))
    # a person leaves between the check and the job: the job fails, saying why, and writes nothing
    PenilaianKompetensi.objects.all().delete()
    again = imports.penilaian_impor_periksa(actor=admin, berkas=_csv(text.replace("01-03-2026", "02-03-2026")))
    type(b).objects.filter(pk=b.pk).update(aktif=False)
    with django_capture_on_commit_callbacks(execute=True):
        job = imports.penilaian_impor_start(actor=admin, impor=again)
    job = TugasLatar.objects.get(pk=job.pk)
    assert job.status == "GAGAL" and "tidak aktif" in job.pesan
    assert not PenilaianKompetensi.objects.exists()
    with pytest.raises(PermissionDenied):
        imports.penilaian_impor_start(actor=org.actor("kasi1"), impor=again)


def test_an_admin_cannot_apply_a_file_holding_their_own_level(org):
    """Phase one refuses one's own NIP for the admin who checks; phase two must refuse it for the admin
    who applies (another admin's checked file), or nobody-records-their-own has a back door."""
    org.users["kasi1"].is_admin_bkd = True
    org.users["kasi1"].save()
    kasi = org.pegawai["kasi1"]
    report = imports.penilaian_impor_periksa(
        actor=org.actor("admin"), berkas=_csv(f"nip,kompetensi,level,tanggal\n{kasi.nip},M.3,5,01-03-2026\n")
    )
    assert report.kesalahan == []
    with pytest.raises(PermissionDenied, match="sendiri"):
        imports.penilaian_impor_start(actor=org.actor("kasi1"), impor=report)
    with pytest.raises(PermissionDenied, match="sendiri"):
        imports.penilaian_impor_terapkan(actor=org.actor("kasi1"), impor=report)
    assert not PenilaianKompetensi.objects.exists()
    assert imports.penilaian_impor_terapkan(actor=org.actor("admin"), impor=report) == 1  # another admin may


def test_two_checked_files_with_the_same_row_are_not_both_applied(org):
    admin = org.actor("admin")
    text = f"nip,kompetensi,level,tanggal\n{org.pegawai['staf1a'].nip},M.3,2,01-03-2026\n"
    first = imports.penilaian_impor_periksa(actor=admin, berkas=_csv(text))
    second = imports.penilaian_impor_periksa(actor=admin, berkas=_csv(text))
    assert first.kesalahan == second.kesalahan == []
    imports.penilaian_impor_terapkan(actor=admin, impor=first)
    with pytest.raises(ValidationError, match="sudah tercatat"):
        imports.penilaian_impor_terapkan(actor=admin, impor=second)
    assert PenilaianKompetensi.objects.count() == 1


def test_dates_in_the_report_read_the_indonesian_way(org):
    rows = [
        imports.Baris(2, {"nip": org.pegawai["staf1a"].nip, "kompetensi": "M.3", "level": "2", "tanggal": "15-08-1989"})
    ]
    _clean, errors = imports.check_rows(org.actor("admin"), rows)
    assert errors == [[2, "Tanggal 15 Agu 1989 terlalu lama (sebelum 1990)."]]


def test_a_level_in_superscript_is_reported_not_a_crash(org):
    rows = [
        imports.Baris(2, {"nip": org.pegawai["staf1a"].nip, "kompetensi": "M.3", "level": "²", "tanggal": "01-03-2026"})
    ]
    _clean, errors = imports.check_rows(org.actor("admin"), rows)
    assert errors == [[2, "Level “²” di luar 1 sampai 5."]]
