"""SIASN export (issue #11 item 8): the history in the `kursus` and `diklat` layouts of the domain
brief — one row per completed catalogue enrolment and verified self-development, structural trainings
in `diklat`, columns exactly as the layout, dates d-m-Y, numbers as numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest

from karier.development.exchange import export, refs
from karier.development.exchange.history import DIKLAT, KOLOM, KURSUS, history, split
from karier.people.models import Pegawai
from tests.development.siasn_helpers import TODAY, build_history, dmy, sheets

pytestmark = pytest.mark.django_db

KURSUS_KOLOM = [
    "nip",
    "institusiPenyelenggara",
    "jenisDiklatId",
    "jenisKursus",
    "jumlahJam",
    "namaKursus",
    "nomorSertipikat",
    "tahunKursus",
    "tanggalKursus",
    "tanggalSelesaiKursus",
]
DIKLAT_KOLOM = [
    "nip",
    "latihanStrukturalId",
    "nomor",
    "tahun",
    "tanggal",
    "tanggalSelesai",
    "jumlahJam",
    "institusiPenyelenggara",
]


def test_columns_are_the_layouts_of_the_brief() -> None:
    assert list(KOLOM[KURSUS]) == KURSUS_KOLOM and list(KOLOM[DIKLAT]) == DIKLAT_KOLOM


def test_completed_and_verified_activities_become_rows_in_their_layout(org: Any) -> None:
    build_history(org)
    rows = split(history(Pegawai.objects.all()))
    kursus = {(r.nip, r.nama): r for r in rows[KURSUS]}
    staf1a, staf1b, kasi1 = (org.pegawai[k].nip for k in ("staf1a", "staf1b", "kasi1"))
    assert set(kursus) == {
        (staf1a, "Pelatihan Aplikasi Perkantoran"),
        (kasi1, "Pelatihan Aplikasi Perkantoran"),
        (staf1b, "MOOC Analisis Data"),
    }  # staf2's unverified report and uncompleted enrolment are not history
    office = kursus[(staf1a, "Pelatihan Aplikasi Perkantoran")]
    assert office.jenis_diklat_id == "3" and office.jenis_kursus == "ADMINISTRASI PERKANTORAN"
    assert office.jumlah_jam == Decimal(12) and office.institusi == "Diskominfo Provinsi Bengkulu"
    mooc = kursus[(staf1b, "MOOC Analisis Data")]
    assert mooc.jenis_diklat_id == "16" and mooc.jumlah_jam == Decimal("2.5")  # E-Learning in jenisDiklat.json
    # The PKP is a structural training: the diklat layout, PIM IV's successor (latihanStruktural 2).
    assert [(r.nip, r.latihan_struktural_id, r.jumlah_jam) for r in rows[DIKLAT]] == [(staf1a, "2", Decimal(200))]
    assert refs.latihan_struktural()["2"].endswith("DIKLAT PIM TK.IV")


def test_structural_rule() -> None:
    assert refs.latihan_struktural_for("Pelatihan Kepemimpinan Administrator (PKA)", "3") == "3"
    assert refs.latihan_struktural_for("PKN Tingkat II", "5") == "4"
    assert refs.latihan_struktural_for("Diklat PIM Tk. I", "3") == "5"
    assert refs.latihan_struktural_for("Pelatihan Apa Saja", "1") == "8"  # jenisDiklat "Diklat Struktural"
    assert refs.latihan_struktural_for("Coaching Kepemimpinan Pengawas", "14") is None  # not a training
    assert refs.latihan_struktural_for("Pelatihan Komunikasi Publik", "3") is None


def test_workbook_has_both_layouts_with_exact_headers_text_dates_and_numeric_hours(org: Any) -> None:
    build_history(org)
    data = export.workbook(split(history(Pegawai.objects.all())))
    book = sheets(data)
    assert list(book) == ["kursus", "diklat"]
    assert book["kursus"][0] == KURSUS_KOLOM and book["diklat"][0] == DIKLAT_KOLOM
    mooc = next(r for r in book["kursus"][1:] if r[5] == "MOOC Analisis Data")
    assert mooc[1] == "'=Platform e-learning"  # never a formula
    ended = TODAY - dt.timedelta(days=10)
    assert mooc[4] == 2.5 and mooc[7] == ended.year  # numbers stay numbers
    assert mooc[8] == dmy(ended - dt.timedelta(days=2)) and mooc[9] == dmy(ended)  # d-m-Y text, as SIASN writes
    pkp = book["diklat"][1]
    assert pkp[0] == org.pegawai["staf1a"].nip and pkp[1] == "2" and pkp[6] == 200


def test_csv_per_layout_writes_indonesian_decimals(org: Any) -> None:
    build_history(org)
    rows = split(history(Pegawai.objects.all()))
    text = export.csv_text(rows[KURSUS], KURSUS)
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == KURSUS_KOLOM
    mooc = next(r for r in table[1:] if r[5] == "MOOC Analisis Data")
    assert mooc[4] == "2,5" and mooc[2] == "16"
    assert next(csv.reader(io.StringIO(export.csv_text(rows[DIKLAT], DIKLAT)))) == DIKLAT_KOLOM


def test_year_filter_and_history_reads_a_fixed_number_of_queries(org: Any, django_assert_num_queries: Any) -> None:
    build_history(org)
    with django_assert_num_queries(3):
        assert len(list(history(Pegawai.objects.all()))) == 4
    assert list(history(Pegawai.objects.all(), tahun=TODAY.year - 5)) == []
