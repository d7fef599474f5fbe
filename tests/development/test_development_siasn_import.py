"""SIASN import (issue #11 item 8), two phases like the assessment import: a per-row report in
Bahasa Indonesia with every kind of mistake and nothing written, then all rows or none, each counted
in the JP ledger (source "Impor SIASN") with the person's yearly total kept in step; and the round
trip — export, then import into an empty history — gives the same rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from karier.core.models import AuditEvent
from karier.development.exchange import export, imports
from karier.development.exchange.history import DIKLAT, KURSUS, history, split
from karier.development.jp.totals import jp_total_refresh, jp_totals_mismatch
from karier.development.models import (
    CatatanJp,
    ImporSiasn,
    Pendaftaran,
    PengembanganMandiri,
    RekapJpPegawai,
    RiwayatSiasn,
    StatusImpor,
    SumberJp,
)
from karier.people.models import Pegawai
from tests.development.siasn_helpers import TODAY, build_history, csv_file, dmy, xlsx_file

pytestmark = pytest.mark.django_db

HEAD = (
    "nip,institusiPenyelenggara,jenisDiklatId,jenisKursus,jumlahJam,namaKursus,nomorSertipikat,"
    "tahunKursus,tanggalKursus,tanggalSelesaiKursus\n"
)
DIKLAT_HEAD = "nip,latihanStrukturalId,nomor,tahun,tanggal,tanggalSelesai,jumlahJam,institusiPenyelenggara\n"


def _rows(history_rows: Any) -> dict[str, list[list[Any]]]:
    return {k: [r.values() for r in v] for k, v in split(history_rows).items()}


def test_round_trip_export_then_import_into_an_empty_history_gives_the_same_rows(org: Any) -> None:
    build_history(org)
    before = _rows(history(Pegawai.objects.all()))
    assert before[KURSUS] and before[DIKLAT]
    data = export.workbook(split(history(Pegawai.objects.all())))
    # A fresh database: the people stay, their history goes.
    CatatanJp.objects.all().delete()
    RekapJpPegawai.objects.all().delete()
    Pendaftaran.objects.all().delete()
    PengembanganMandiri.objects.all().delete()
    assert list(history(Pegawai.objects.all())) == []
    report = imports.siasn_impor_periksa(actor=org.actor("admin"), berkas=xlsx_file(data))
    assert report.kesalahan == []
    assert imports.siasn_impor_terapkan(actor=org.actor("admin"), impor=report) == 4
    assert _rows(history(Pegawai.objects.all())) == before
    # Every row counted once in the ledger, from SIASN, with the yearly totals in step.
    staf1a = org.pegawai["staf1a"]
    ledger = CatatanJp.objects.filter(pegawai=staf1a)
    assert {c.sumber for c in ledger} == {SumberJp.SIASN} and sum(c.jp for c in ledger) == Decimal(212)
    totals = {(t.pegawai_id, t.tahun): t.jp_total for t in RekapJpPegawai.objects.all()}
    assert sum(v for (p, _), v in totals.items() if p == staf1a.pk) == Decimal(212)
    assert RiwayatSiasn.objects.filter(layout="DIKLAT").get().nama.endswith("DIKLAT PIM TK.IV")
    assert jp_totals_mismatch() == []  # every yearly total equals the ledger (the ledger's own check)


def test_csv_round_trip_per_layout(org: Any) -> None:
    build_history(org)
    rows = split(history(Pegawai.objects.all()))
    before = _rows(history(Pegawai.objects.all()))
    texts = {layout: export.csv_text(rows[layout], layout) for layout in (KURSUS, DIKLAT)}
    CatatanJp.objects.all().delete()
    Pendaftaran.objects.all().delete()
    PengembanganMandiri.objects.all().delete()
    admin = org.actor("admin")
    for layout, text in texts.items():
        report = imports.siasn_impor_periksa(actor=admin, berkas=csv_file(text, f"{layout}.csv"))
        assert report.kesalahan == [], report.kesalahan
        imports.siasn_impor_terapkan(actor=admin, impor=report)
    assert _rows(history(Pegawai.objects.all())) == before


def test_every_kind_of_mistake_is_reported_per_row_and_nothing_is_written(org: Any) -> None:
    nip = org.pegawai["staf1a"].nip
    d1, d2 = dmy(TODAY - dt.timedelta(days=30)), dmy(TODAY - dt.timedelta(days=28))
    future = dmy(TODAY + dt.timedelta(days=3))
    year = (TODAY - dt.timedelta(days=28)).year
    text = HEAD + "".join(
        [
            f"{nip},BPSDM,3,,12,Pelatihan A,,{year},{d1},{d2}\n",  # 2: fine
            f"199901012020011999,BPSDM,3,,12,Pelatihan B,,,{d1},{d2}\n",  # 3: unknown NIP
            f"{nip},BPSDM,99,,12,Pelatihan C,,,{d1},{d2}\n",  # 4: unknown jenisDiklatId
            f"{nip},BPSDM,11,MEMASAK RENDANG,12,Pelatihan D,,,{d1},{d2}\n",  # 5: unknown jenisKursus
            f"{nip},BPSDM,3,,12,Pelatihan E,,,2026/31/02,{d2}\n",  # 6: unreadable date
            f"{nip},BPSDM,3,,12,Pelatihan F,,,{d2},{d1}\n",  # 7: end before start
            f"{nip},BPSDM,3,,12,Pelatihan G,,,{d1},{future}\n",  # 8: in the future
            f"{nip},BPSDM,3,,250,Pelatihan H,,,{d1},{d2}\n",  # 9: jumlahJam outside 0-200
            f"{nip},BPSDM,3,,dua belas,Pelatihan I,,,{d1},{d2}\n",  # 10: jumlahJam not a number
            f"{nip},BPSDM,3,,12,Pelatihan A,,,{d1},{d2}\n",  # 11: duplicate of row 2
            f",BPSDM,3,,12,Pelatihan J,,,{d1},{d2}\n",  # 12: NIP empty
            f"{nip},BPSDM,1,,12,Pelatihan K,,,{d1},{d2}\n",  # 13: structural in the course layout
            f"{nip},BPSDM,3,,12,Pelatihan L,,1999,{d1},{d2}\n",  # 14: year matching neither date
            f"{nip},,3,,-1,,,,{d1},{d2}\n",  # 15: no institution, negative hours, no name
        ]
    )
    report = imports.siasn_impor_periksa(actor=org.actor("admin"), berkas=csv_file(text))
    by_row: dict[int, list[str]] = {}
    for lembar, n, msg in report.kesalahan:
        assert lembar == "kursus"
        by_row.setdefault(n, []).append(msg)
    assert 2 not in by_row
    assert "tidak ditemukan" in by_row[3][0]
    assert "jenisDiklatId" in by_row[4][0]
    assert "jenisKursus" in by_row[5][0]
    assert "tidak terbaca" in by_row[6][0] and "hh-bb-tttt" in by_row[6][0]
    assert "sebelum tanggal mulai" in by_row[7][0]
    assert "masa depan" in by_row[8][0]
    assert "antara 0 dan 200" in by_row[9][0] and "antara 0 dan 200" in by_row[10][0]
    assert "Baris ganda" in by_row[11][0] and "2" in by_row[11][0]
    assert "NIP kosong" in by_row[12][0]
    assert "lembar diklat" in by_row[13][0]
    assert "tidak sesuai" in by_row[14][0]
    assert len(by_row[15]) == 3  # institution, hours, name: the whole row is reported at once
    assert not RiwayatSiasn.objects.exists() and not CatatanJp.objects.exists()
    with pytest.raises(ValidationError, match="Perbaiki semua kesalahan"):
        imports.siasn_impor_terapkan(actor=org.actor("admin"), impor=report)
    assert not RiwayatSiasn.objects.exists() and not CatatanJp.objects.exists()


def test_diklat_layout_mistakes(org: Any) -> None:
    nip = org.pegawai["kasi1"].nip
    d1, d2 = dmy(TODAY - dt.timedelta(days=60)), dmy(TODAY - dt.timedelta(days=20))
    text = (
        DIKLAT_HEAD
        + f"{nip},2,SRT-1,,{d1},{d2},200,BPSDM\n{nip},9,,,{d1},{d2},10,BPSDM\n{nip},3,,,{d1},{d2},201,BPSDM\n"
    )
    report = imports.siasn_impor_periksa(actor=org.actor("admin"), berkas=csv_file(text))
    msgs = {n: m for _, n, m in report.kesalahan}
    assert set(msgs) == {3, 4} and "latihanStrukturalId" in msgs[3] and "antara 0 dan 200" in msgs[4]


def test_already_recorded_rows_and_ones_own_nip_are_refused(org: Any) -> None:
    build_history(org)
    admin = org.actor("admin")
    exported = export.csv_text(split(history(Pegawai.objects.all()))[KURSUS], KURSUS)
    again = imports.siasn_impor_periksa(actor=admin, berkas=csv_file(exported))
    assert len(again.kesalahan) == 3 and all("sudah tercatat" in m for _, _, m in again.kesalahan)
    # A BKD admin who is also an employee may not import her own history.
    org.users["kabid1"].is_admin_bkd = True
    org.users["kabid1"].save()
    d1, d2 = dmy(TODAY - dt.timedelta(days=9)), dmy(TODAY - dt.timedelta(days=8))
    own = imports.siasn_impor_periksa(
        actor=org.actor("kabid1"), berkas=csv_file(HEAD + f"{org.pegawai['kabid1'].nip},LAN,9,,4,Seminar,,,{d1},{d2}\n")
    )
    assert "sendiri" in own.kesalahan[0][2]


def test_an_admin_cannot_apply_a_file_holding_her_own_history(org: Any) -> None:
    org.users["kabid1"].is_admin_bkd = True
    org.users["kabid1"].save()
    d1, d2 = dmy(TODAY - dt.timedelta(days=9)), dmy(TODAY - dt.timedelta(days=8))
    report = imports.siasn_impor_periksa(
        actor=org.actor("admin"), berkas=csv_file(HEAD + f"{org.pegawai['kabid1'].nip},LAN,9,,4,Seminar,,,{d1},{d2}\n")
    )
    assert report.kesalahan == []
    with pytest.raises(PermissionDenied, match="sendiri"):
        imports.siasn_impor_start(actor=org.actor("kabid1"), impor=report)
    with pytest.raises(PermissionDenied, match="sendiri"):
        imports.siasn_impor_terapkan(actor=org.actor("kabid1"), impor=report)
    assert not RiwayatSiasn.objects.exists()
    assert imports.siasn_impor_terapkan(actor=org.actor("admin"), impor=report) == 1


def test_all_or_nothing_when_the_apply_fails_half_way(org: Any, monkeypatch: Any) -> None:
    d1, d2 = dmy(TODAY - dt.timedelta(days=9)), dmy(TODAY - dt.timedelta(days=8))
    text = HEAD + "".join(f"{org.pegawai[k].nip},LAN,9,,4,Seminar {k},,,{d1},{d2}\n" for k in ("staf1a", "staf2"))
    report = imports.siasn_impor_periksa(actor=org.actor("admin"), berkas=csv_file(text))
    monkeypatch.setattr(imports, "CHUNK", 1)
    calls = []

    def boom(done: int, total: int, pesan: str | None = None) -> None:
        calls.append(done)
        if done == 2:
            raise RuntimeError("putus di tengah")

    with pytest.raises(RuntimeError):
        imports.siasn_impor_terapkan(actor=org.actor("admin"), impor=report, progress=boom)
    assert calls == [1, 2]
    assert not RiwayatSiasn.objects.exists() and not CatatanJp.objects.exists()
    report.refresh_from_db()
    assert report.status == StatusImpor.DIPERIKSA
    assert imports.siasn_impor_terapkan(actor=org.actor("admin"), impor=report) == 2


def test_the_job_applies_once_and_a_second_apply_or_second_file_is_refused(
    org: Any, django_capture_on_commit_callbacks: Any
) -> None:
    d1, d2 = dmy(TODAY - dt.timedelta(days=9)), dmy(TODAY - dt.timedelta(days=8))
    text = HEAD + f"{org.pegawai['staf2'].nip},LAN,9,,4,Seminar,,,{d1},{d2}\n"
    admin = org.actor("admin")
    first = imports.siasn_impor_periksa(actor=admin, berkas=csv_file(text))
    second = imports.siasn_impor_periksa(actor=admin, berkas=csv_file(text))
    with django_capture_on_commit_callbacks(execute=True):
        job = imports.siasn_impor_start(actor=admin, impor=first)  # runs inline after commit
    job.refresh_from_db()
    assert job.status == "SELESAI" and job.hasil["disimpan"] == 1
    assert ImporSiasn.objects.get(pk=first.pk).status == StatusImpor.DITERAPKAN
    with pytest.raises(ValidationError, match="sudah diterapkan"):
        imports.siasn_impor_start(actor=admin, impor=ImporSiasn.objects.get(pk=first.pk))
    with pytest.raises(ValidationError, match="sudah tercatat"):
        imports.siasn_impor_terapkan(actor=admin, impor=second)
    assert RiwayatSiasn.objects.count() == 1
    assert AuditEvent.objects.filter(action="pengembangan.siasn_impor_terapkan").count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.txt", b"nip\n1", "Jenis berkas"),
        ("a.csv", b"", "kosong"),
        ("a.csv", b"\xff\xfe\x00", "UTF-8"),
        ("a.xlsx", b"PK\x03\x04 rusak", "tidak dapat dibaca"),
        ("a.csv", b"nama,umur\nx,1\n", "Judul kolom"),
        ("a.csv", b"nip,namaKursus\n1,x\n", "Kolom wajib"),
        ("a.csv", HEAD.encode(), "tidak berisi baris"),
    ],
)
def test_unreadable_files_are_refused_in_indonesian(org: Any, name: str, content: bytes, message: str) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError, match=message):
        imports.siasn_impor_periksa(actor=org.actor("admin"), berkas=SimpleUploadedFile(name, content))
    assert not ImporSiasn.objects.exists()


def test_only_bkd_admins_import(org: Any) -> None:
    d1, d2 = dmy(TODAY - dt.timedelta(days=9)), dmy(TODAY - dt.timedelta(days=8))
    text = HEAD + f"{org.pegawai['staf2'].nip},LAN,9,,4,Seminar,,,{d1},{d2}\n"
    for key in ("kadis", "kasi1", "staf1a", "auditor"):
        with pytest.raises(PermissionDenied):
            imports.siasn_impor_periksa(actor=org.actor(key), berkas=csv_file(text))
    report = imports.siasn_impor_periksa(actor=org.actor("admin"), berkas=csv_file(text))
    with pytest.raises(PermissionDenied):
        imports.siasn_impor_terapkan(actor=org.actor("auditor"), impor=report)


def test_the_yearly_totals_add_to_what_the_ledger_already_holds(org: Any) -> None:
    staf2 = org.pegawai["staf2"]
    ended = TODAY - dt.timedelta(days=8)
    CatatanJp.objects.create(pegawai=staf2, tahun=ended.year, tanggal=ended, jp=Decimal(5), sumber="KATALOG", judul="x")
    jp_total_refresh(staf2.pk, ended.year)
    d1, d2 = dmy(ended - dt.timedelta(days=1)), dmy(ended)
    text = HEAD + f"{staf2.nip},LAN,9,,4,Seminar,,,{d1},{d2}\n" + f"{staf2.nip},LAN,9,,2,Webinar,,,{d1},{d2}\n"
    report = imports.siasn_impor_periksa(actor=org.actor("admin"), berkas=csv_file(text))
    imports.siasn_impor_terapkan(actor=org.actor("admin"), impor=report)
    total = RekapJpPegawai.objects.get(pegawai=staf2, tahun=ended.year)
    assert total.jp_total == Decimal(11) and total.jumlah == 3
    assert jp_totals_mismatch() == []
