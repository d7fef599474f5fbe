"""Screens: the RPJMD chart keeps the IPM method break, position standards show and edit, exports."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from karier.standards.models import Indikator, StandarHasil, StandarJabatan

pytestmark = pytest.mark.django_db


def _figure(html: str, script_id: str) -> dict[str, Any]:
    m = re.search(rf'<script id="{script_id}" type="application/json">(.*?)</script>', html, re.S)
    assert m, "figure JSON missing"
    return json.loads(m.group(1))


def test_overview_draws_ipm_as_two_series_never_one_line(seeded: Any, login: Any) -> None:
    html = login("staf1a").get("/standar/").content.decode()
    assert "Bengkulu Maju, Sejahtera dan Hebat" in html
    assert "plotly/plotly.min.js" in html and "karier/chart.js" in html  # drawn by static JS (CSP: no inline)
    assert 'data-figure="grafik-utama-data"' in html
    fig = _figure(html, "grafik-utama-data")
    actual = {t["name"]: t for t in fig["data"] if not t["name"].startswith("target")}
    assert set(actual) == {"metode lama (s.d. 2022)", "metode baru (sejak 2023)"}
    old, new = actual["metode lama (s.d. 2022)"], actual["metode baru (sejak 2023)"]
    assert old["x"] == [2018, 2019, 2020, 2021, 2022] and old["y"][-1] == 72.16
    assert new["x"][:3] == [2023, 2024, 2025] and new["y"][:3] == [74.3, 74.91, 75.68]
    assert not set(old["x"]) & set(new["x"])
    assert "Lihat sebagai tabel" in html  # plain table fallback
    assert "metode baru" in html and "Catatan metode" in html


def test_indicator_page_explains_and_charts(seeded: Any, login: Any) -> None:
    ipm = Indikator.objects.get(kode="IKU-01")
    html = login("pranata").get(f"/standar/indikator/{ipm.pk}/").content.decode()
    assert "Apa artinya bagi Anda?" in html and "Contoh" in html
    assert len([t for t in _figure(html, "grafik-indikator-data")["data"] if t["name"].startswith("metode")]) == 2
    assert "Rata-rata lama sekolah" in html  # the agency indicators that support it


def test_nilai_form_refuses_text_targets_next_to_the_field(seeded: Any, login: Any) -> None:
    ipm = Indikator.objects.get(kode="IKU-01")
    n = ipm.nilai.count()
    r = login("admin").post(f"/standar/indikator/{ipm.pk}/", {"tahun": 2027, "target": "tinggi"})
    assert r.status_code == 400
    assert "Target harus berupa angka" in r.content.decode()
    assert ipm.nilai.count() == n
    r = login("admin").post(
        f"/standar/indikator/{ipm.pk}/", {"tahun": 2027, "target": "76,4", "metode": "BPS baru (2023)"}
    )
    assert r.status_code == 302 and ipm.nilai.count() == n + 1


def test_position_standard_page(seeded: Any, login: Any) -> None:
    html = login("staf1a").get(f"/standar/jabatan/{seeded.jabatan['kadis'].pk}/").content.decode()
    assert "Apa yang diharapkan dari jabatan ini" in html
    for label in ("Produktivitas", "Kompetensi", "Integritas"):
        assert f"<h3>{label}" in html
    assert "Meningkatnya rata-rata lama sekolah penduduk usia 15+" in html
    assert "9,30 tahun" in html  # Indonesian number format
    for nilai in ("Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal", "Adaptif", "Kolaboratif"):
        assert f"<h3>{nilai}</h3>" in html
    assert html.count("<li>") >= 21  # 3 guidelines for each of the 7 values
    assert "Ekspektasi untuk jabatan ini" in html
    assert "Apa artinya bagi Anda?" in html


def test_position_without_standard_shows_guidelines_and_empty_state(org: Any, login: Any) -> None:
    html = login("staf1a").get(f"/standar/jabatan/{org.jabatan['staf1'].pk}/").content.decode()
    assert "belum mempunyai standar" in html
    assert "Membangun lingkungan kerja yang kondusif" in html  # BerAKHLAK shown anyway
    assert "Belum ada RPJMD" in login("staf1a").get("/standar/").content.decode()
    assert "Belum ada Renstra" in login("staf1a").get("/standar/renstra/").content.decode()
    assert "Belum ada perjanjian" in login("staf1a").get("/standar/perjanjian/").content.decode()


def test_htmx_add_and_remove_result_rows(seeded: Any, login: Any) -> None:
    client = login("kabid1")
    url = f"/standar/jabatan/{seeded.jabatan['staf1'].pk}/"
    standar = StandarJabatan.objects.get(jabatan=seeded.jabatan["staf1"])
    n = standar.hasil.count()
    bad = client.post(
        url,
        {
            "aksi": "tambah_hasil",
            "dimensi": "PRODUKTIVITAS",
            "rhk": "Rekap data",
            "aspek": "WAKTU",
            "indikator": "Waktu penyelesaian",
            "target_angka": "cepat",
            "satuan": "hari",
        },
        HTTP_HX_REQUEST="true",
    )
    assert bad.status_code == 200 and 'id="hasil"' in bad.content.decode()
    assert "Target harus berupa angka" in bad.content.decode()
    assert standar.hasil.count() == n
    ok = client.post(
        url,
        {
            "aksi": "tambah_hasil",
            "dimensi": "INTEGRITAS",
            "rhk": "Data dijaga kerahasiaannya",
            "aspek": "KUALITAS",
            "indikator": "Kebocoran data",
            "target_kualitatif": "Nihil",
        },
        HTTP_HX_REQUEST="true",
    )
    body = ok.content.decode()
    assert ok.status_code == 200 and "Data dijaga kerahasiaannya" in body and "<html" not in body
    h = StandarHasil.objects.get(rhk="Data dijaga kerahasiaannya")
    gone = client.post(url, {"aksi": "hapus_hasil", "hasil": h.pk}, HTTP_HX_REQUEST="true")
    assert gone.status_code == 200 and "Data dijaga kerahasiaannya" not in gone.content.decode()
    assert standar.hasil.count() == n


def test_first_result_creates_the_standard_and_refusal_leaves_none(org: Any, login: Any) -> None:
    client = login("kasi1")
    url = f"/standar/jabatan/{org.jabatan['staf1'].pk}/"
    client.post(
        url,
        {
            "aksi": "tambah_hasil",
            "dimensi": "PRODUKTIVITAS",
            "rhk": "x",
            "aspek": "KUANTITAS",
            "indikator": "y",
            "target_angka": "",
        },
    )
    assert not StandarJabatan.objects.exists()
    r = client.post(
        url,
        {
            "aksi": "tambah_hasil",
            "dimensi": "PRODUKTIVITAS",
            "rhk": "Rekap data kurikulum",
            "aspek": "KUANTITAS",
            "indikator": "Jumlah rekap",
            "target_angka": "12",
            "satuan": "rekap",
        },
    )
    assert r.status_code == 302 and StandarJabatan.objects.count() == 1


def test_jabatan_list_filters_and_paginates(seeded: Any, login: Any) -> None:
    client = login("admin")
    html = client.get("/standar/jabatan/", {"opd": seeded.units["kominfo"].pk}).content.decode()
    assert "Pranata Komputer Ahli Pertama" in html and "Kepala Dinas Pendidikan" not in html
    html = client.get("/standar/jabatan/", {"ada": "tidak"}).content.decode()
    assert "Tidak ada jabatan yang cocok" in html


@pytest.mark.parametrize(
    "url",
    [
        "/standar/?export=xlsx",
        "/standar/renstra/?export=xlsx",
        "/standar/perjanjian/?export=xlsx",
        "/standar/jabatan/?export=xlsx",
    ],
)
def test_excel_exports(seeded: Any, login: Any, url: str) -> None:
    import io

    from openpyxl import load_workbook

    r = login("staf1a").get(url)
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.worksheets[0].max_row > 1


def test_copy_page_applies_to_selected_positions(seeded: Any, login: Any) -> None:
    client = login("kadis")
    url = f"/standar/jabatan/{seeded.jabatan['staf1'].pk}/terapkan/"
    html = client.get(url).content.decode()
    assert "Pengadministrasi Perkantoran" in html  # staf2: a pelaksana the head of Dikbud may edit
    assert "Pranata Komputer" not in html
    r = client.post(url, {"jabatan_ids": [seeded.jabatan["staf2"].pk]})
    assert r.status_code == 302
    src = sorted(StandarHasil.objects.filter(standar__jabatan=seeded.jabatan["staf1"]).values_list("rhk", flat=True))
    dst = sorted(StandarHasil.objects.filter(standar__jabatan=seeded.jabatan["staf2"]).values_list("rhk", flat=True))
    assert src == dst
