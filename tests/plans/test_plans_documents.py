"""The SKP as PDF (official layout) and Excel (issue #4 part 6)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from karier.people.access import SYSTEM
from karier.plans.bulk import skp_bulk_create
from karier.plans.documents import periode, skp_document, skp_pdf, skp_xlsx, target_text
from karier.plans.models import RencanaHasilKerja, Skp
from karier.standards.models import StandarHasil, StandarJabatan, StandarPerilaku
from tests.orgdata import Org
from tests.pdftext import pdf_text

TAHUN = 2026


@pytest.fixture
def plans(org: Org) -> Org:
    s = StandarJabatan.objects.create(jabatan=org.jabatan["staf1"])
    StandarHasil.objects.create(
        standar=s,
        urutan=1,
        rhk="Data kurikulum SMA tersusun",
        aspek="KUANTITAS",
        indikator="Jumlah dokumen data kurikulum",
        target_angka=Decimal("12"),
        satuan="dokumen",
    )
    StandarHasil.objects.create(
        standar=s,
        urutan=2,
        rhk="Data kurikulum SMA tersusun",
        aspek="WAKTU",
        indikator="Ketepatan waktu",
        target_angka=Decimal("2.5"),
        satuan="bulan",
    )
    StandarPerilaku.objects.create(standar=s, nilai_id="AKUNTABEL", ekspektasi="Data dijaga kerahasiaannya")
    skp_bulk_create(actor=SYSTEM, tahun=TAHUN, today=dt.date(2026, 2, 2))
    kasi = Skp.objects.get(pegawai=org.pegawai["kasi1"])
    supervised = RencanaHasilKerja.objects.create(skp=kasi, teks="Kurikulum SMA terkendali")
    RencanaHasilKerja.objects.filter(skp__pegawai=org.pegawai["staf1a"]).update(rhk_atasan=supervised)
    kadis = Skp.objects.get(pegawai=org.pegawai["kadis"])
    RencanaHasilKerja.objects.create(
        skp=kadis, teks="Meningkatnya mutu pendidikan menengah", perspektif="PENERIMA_LAYANAN"
    )
    RencanaHasilKerja.objects.create(
        skp=kadis, jenis="TAMBAHAN", teks="Tim penilai sekolah adiwiyata", perspektif="PROSES_BISNIS"
    )
    Skp.objects.filter(pegawai=org.pegawai["staf1a"]).update(konsekuensi="Tunjangan kinerja sesuai predikat")
    return org


def _skp(org: Org, who: str) -> Skp:
    return Skp.objects.get(pegawai=org.pegawai[who], tahun_id=TAHUN)


def _text(pdf: bytes) -> str:
    return pdf_text(pdf)


def test_formatting() -> None:
    assert periode(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == "01 Januari s.d. 31 Desember 2026"
    assert periode(dt.date(2025, 7, 1), dt.date(2026, 6, 30)) == "01 Juli 2025 s.d. 30 Juni 2026"
    assert target_text(Decimal("12.0000"), "dokumen", "") == "12 dokumen"
    assert target_text(Decimal("2.5"), "bulan", "") == "2,5 bulan"
    assert target_text(Decimal("1500"), "orang", "") == "1.500 orang"
    assert target_text(None, "", "Tanpa revisi") == "Tanpa revisi"


@pytest.mark.django_db
def test_pdf_has_the_official_layout(plans: Org) -> None:
    skp = _skp(plans, "staf1a")
    pdf = skp_pdf(skp)
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    for expected in (
        "SASARAN KINERJA PEGAWAI",
        "PENDEKATAN HASIL KERJA KUANTITATIF",
        "PEMERINTAH PROVINSI BENGKULU",
        "01 Januari s.d. 31 Desember 2026",
        "PEGAWAI YANG DINILAI",
        "PEJABAT PENILAI KINERJA",
        "Dodi Saputra",
        "Pegawai kasi1",
        "Kepala Seksi Kurikulum",
        "Seksi Kurikulum",
        "Pengatur, II/c",
        "III/d",
        "A. UTAMA",
        "B. TAMBAHAN",
        "Data kurikulum SMA tersusun",
        "Kurikulum SMA terkendali",
        "Jumlah dokumen data kurikulum",
        "12 dokumen",
        "2,5 bulan",
        "Kuantitas",
        "Waktu",
        "PERILAKU KERJA",
        "Berorientasi Pelayanan",
        "Kolaboratif",
        "EKSPEKTASI KHUSUS PIMPINAN",
        "Data dijaga kerahasiaannya",
        "Pegawai yang Dinilai",
        "Pejabat Penilai Kinerja",
        "LAMPIRAN SASARAN KINERJA PEGAWAI",
        "DUKUNGAN SUMBER DAYA",
        "SKEMA PERTANGGUNGJAWABAN",
        "KONSEKUENSI",
        "Tunjangan kinerja sesuai predikat",
        "DRAF",
    ):
        assert expected in text, expected
    assert "NIP " + skp_document(skp.pk).pegawai.nip in text
    assert "PERSPEKTIF" not in text


@pytest.mark.django_db
def test_jpt_pdf_shows_perspektif(plans: Org) -> None:
    text = _text(skp_pdf(_skp(plans, "kadis")))
    assert "PERSPEKTIF" in text and "Penerima Layanan" in text and "Proses Bisnis" in text
    assert "BAGI PEJABAT PIMPINAN TINGGI" in text and "DIINTERVENSI" not in text
    assert "Pegawai sekda" in text  # the Sekda appraises the Kadis


@pytest.mark.django_db
def test_xlsx_has_the_same_content(plans: Org) -> None:
    wb = load_workbook(io.BytesIO(skp_xlsx(_skp(plans, "staf1a"))))
    cells = {str(v) for row in wb["SKP"].iter_rows(values_only=True) for v in row if v is not None}
    for expected in (
        "SASARAN KINERJA PEGAWAI",
        "Dodi Saputra",
        "Data kurikulum SMA tersusun",
        "Kurikulum SMA terkendali",
        "12 dokumen",
        "Data dijaga kerahasiaannya",
        "Konsekuensi",
        "Tunjangan kinerja sesuai predikat",
        "Pejabat Penilai Kinerja",
        "Akuntabel",
    ):
        assert expected in cells, expected


@pytest.mark.django_db
def test_document_reads_in_fixed_queries(plans: Org, django_assert_max_num_queries: Any) -> None:
    skp = _skp(plans, "staf1a")
    with django_assert_max_num_queries(6):
        doc = skp_document(skp.pk)
    assert len(doc.utama) == 1 and len(doc.utama[0].iki) == 2 and len(doc.perilaku) == 7


@pytest.mark.django_db
def test_downloads_and_access(plans: Org) -> None:
    skp = _skp(plans, "staf1a")
    nip = plans.pegawai["staf1a"].nip
    c = Client()
    assert c.get(f"/skp/{skp.pk}/pdf/").status_code == 302  # sign in first
    for who, status in (
        ("staf1a", 200),
        ("kasi1", 200),
        ("kadis", 200),
        ("auditor", 200),
        ("staf1b", 404),
        ("kabid2", 404),
        ("pranata", 404),
        ("unlinked", 404),
    ):
        c.force_login(plans.users[who])
        pdf = c.get(f"/skp/{skp.pk}/pdf/")
        assert pdf.status_code == status, who
        xlsx = c.get(f"/skp/{skp.pk}/xlsx/")
        assert xlsx.status_code == status, who
        api = c.get(f"/api/v1/skp/{skp.pk}/pdf")
        assert api.status_code == status, who
        if status == 200:
            assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
            assert f'filename="SKP-{nip}-{TAHUN}.pdf"' in pdf["Content-Disposition"]
            assert f'filename="SKP-{nip}-{TAHUN}.xlsx"' in xlsx["Content-Disposition"]
            assert api.content.startswith(b"%PDF")
    c.force_login(plans.users["admin"])
    assert c.get("/skp/999999/pdf/").status_code == 404
    assert c.get("/api/v1/skp/999999/xlsx").status_code == 404
    assert c.get(f"/api/v1/skp/{skp.pk}/xlsx").content[:2] == b"PK"


@pytest.mark.django_db
def test_openapi_documents_binary_responses(plans: Org) -> None:
    c = Client()
    c.force_login(plans.users["admin"])
    spec = c.get("/api/v1/openapi.json").json()
    pdf = spec["paths"]["/api/v1/skp/{skp_id}/pdf"]["get"]["responses"]
    assert "application/pdf" in pdf["200"]["content"] and {"401", "404", "422"} <= set(pdf)
    bulk = spec["paths"]["/api/v1/skp/massal"]["post"]["responses"]
    assert {"202", "401", "403", "422"} <= set(bulk)
