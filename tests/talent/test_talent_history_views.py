"""Screens and API of the predikat history (issue #12 item 1): upload → report (paged mistakes) →
apply with progress, the import history, the template, a person's predikat table; who may see what
(hidden is 404, others' imports 404, writing BKD only); garbage input 4xx; flat query counts."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from karier.talent.models import ImporRiwayatKinerja, PredikatTahunan, SumberPredikat
from tests.orgdata import build_org

pytestmark = pytest.mark.django_db
HEADER = "nip;tahun;predikat;angka kredit\n"


def _client(org: Any, key: str) -> Client:
    c = Client()
    c.force_login(org.users[key])
    return c


def _csv(body: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("riwayat.csv", (HEADER + body).encode(), content_type="text/csv")


def test_upload_report_apply_screens(org, django_capture_on_commit_callbacks):
    admin = _client(org, "admin")
    staf = org.pegawai["staf1a"]
    assert admin.get("/karier/riwayat-kinerja/").status_code == 200
    assert admin.get("/karier/riwayat-kinerja/unggah/").status_code == 200
    r = admin.post("/karier/riwayat-kinerja/unggah/", {"berkas": _csv(f"{staf.nip};2023;Baik;\n")})
    impor = ImporRiwayatKinerja.objects.get()
    assert r.status_code == 302 and r["Location"].endswith(f"/karier/riwayat-kinerja/{impor.pk}/")
    page = admin.get(r["Location"])
    assert page.status_code == 200 and "Terapkan semua" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        r = admin.post(f"/karier/riwayat-kinerja/{impor.pk}/")
    assert r.status_code == 302
    assert PredikatTahunan.objects.filter(pegawai=staf, tahun=2023, sumber=SumberPredikat.IMPOR).exists()
    assert "Sudah diterapkan" in admin.get(r["Location"]).content.decode()
    listing = admin.get("/karier/riwayat-kinerja/?status=DITERAPKAN").content.decode()
    assert "riwayat.csv" in listing
    xlsx = admin.get("/karier/riwayat-kinerja/?export=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_a_bad_file_shows_its_mistakes_and_refuses_to_apply(org):
    admin = _client(org, "admin")
    body = "".join(f"1999{i:014d};2023;Baik;\n" for i in range(120))  # 120 unknown NIPs: two pages
    admin.post("/karier/riwayat-kinerja/unggah/", {"berkas": _csv(body)})
    impor = ImporRiwayatKinerja.objects.get()
    page = admin.get(f"/karier/riwayat-kinerja/{impor.pk}/").content.decode()
    assert "120 kesalahan ditemukan" in page and "tidak ditemukan" in page and "page=2" in page
    assert admin.get(f"/karier/riwayat-kinerja/{impor.pk}/?page=2").status_code == 200
    r = admin.post(f"/karier/riwayat-kinerja/{impor.pk}/")
    assert r.status_code == 409 and "Perbaiki semua kesalahan" in r.content.decode()
    assert not PredikatTahunan.objects.exists()
    r = admin.post("/karier/riwayat-kinerja/unggah/", {"berkas": SimpleUploadedFile("x.pdf", b"%PDF")})
    assert r.status_code == 400 and "Jenis berkas" in r.content.decode()


def test_template_download(org):
    from openpyxl import load_workbook

    r = _client(org, "admin").get("/karier/riwayat-kinerja/templat/")
    assert r.status_code == 200
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("nip", "tahun", "predikat") and len(rows) == 2
    assert _client(org, "staf1a").get("/karier/riwayat-kinerja/templat/").status_code == 403


def test_access_of_the_screens(org):
    admin = _client(org, "admin")
    admin.post("/karier/riwayat-kinerja/unggah/", {"berkas": _csv(f"{org.pegawai['staf1a'].nip};2023;Baik;\n")})
    impor = ImporRiwayatKinerja.objects.get()
    for key in ("staf1a", "kadis"):
        c = _client(org, key)
        assert c.get("/karier/riwayat-kinerja/unggah/").status_code == 403
        assert c.get(f"/karier/riwayat-kinerja/{impor.pk}/").status_code == 404
        assert "riwayat.csv" not in c.get("/karier/riwayat-kinerja/").content.decode()
    auditor = _client(org, "auditor")
    assert auditor.get(f"/karier/riwayat-kinerja/{impor.pk}/").status_code == 200
    assert "Terapkan semua" not in auditor.get(f"/karier/riwayat-kinerja/{impor.pk}/").content.decode()
    assert auditor.post(f"/karier/riwayat-kinerja/{impor.pk}/").status_code == 409  # refused: not BKD writer
    assert not PredikatTahunan.objects.exists()


def test_person_predikat_table(org):
    staf = org.pegawai["staf1a"]
    PredikatTahunan.objects.create(pegawai=staf, tahun=2023, predikat="Baik", sumber="IMPOR")
    PredikatTahunan.objects.create(pegawai=staf, tahun=2024, predikat="Sangat Baik", sumber="EVALUASI")
    url = f"/karier/riwayat-kinerja/pegawai/{staf.pk}/"
    page = _client(org, "kasi1").get(url).content.decode()
    assert "Sangat Baik" in page and "2023" in page
    assert "Sangat Baik" not in _client(org, "kasi1").get(url + "?sumber=IMPOR").content.decode()
    assert _client(org, "staf1b").get(url).status_code == 404
    assert _client(org, "staf1a").get(url + "?export=xlsx").content[:2] == b"PK"


def test_api_flow_and_access(org, django_capture_on_commit_callbacks):
    admin = _client(org, "admin")
    staf = org.pegawai["staf1a"]
    r = admin.post("/api/v1/karier/riwayat-kinerja/impor", {"berkas": _csv(f"{staf.nip};2023;Baik;\n")})
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["kesalahan"] == [] and body["jumlah_baris"] == 1
    assert admin.post("/api/v1/karier/riwayat-kinerja/impor").status_code == 409  # no file
    assert (
        _client(org, "staf1a")
        .post("/api/v1/karier/riwayat-kinerja/impor", {"berkas": _csv(f"{staf.nip};2023;Baik;\n")})
        .status_code
        == 403
    )
    assert _client(org, "staf1a").get(f"/api/v1/karier/riwayat-kinerja/impor/{body['id']}").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        r = admin.post(f"/api/v1/karier/riwayat-kinerja/impor/{body['id']}/terapkan")
    assert r.status_code == 202
    detail = admin.get(f"/api/v1/karier/riwayat-kinerja/impor/{body['id']}").json()
    assert detail["status"] == "DITERAPKAN" and detail["tugas"]["status"] == "SELESAI"
    assert admin.get("/api/v1/karier/riwayat-kinerja/impor?status=DITERAPKAN").json()["count"] == 1
    assert admin.get("/api/v1/karier/riwayat-kinerja/impor?status=X").status_code == 422
    rows = _client(org, "kasi1").get(f"/api/v1/karier/riwayat-kinerja/pegawai/{staf.pk}").json()
    assert rows["count"] == 1 and rows["items"][0]["sumber"] == "IMPOR"
    assert _client(org, "staf1b").get(f"/api/v1/karier/riwayat-kinerja/pegawai/{staf.pk}").status_code == 404
    assert admin.get("/api/v1/karier/riwayat-kinerja/pegawai/0").status_code == 422


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_queries_do_not_grow():
    from karier.people.models import Pegawai

    org = build_org(extra_staff=0)
    admin = _client(org, "admin")
    staf = org.pegawai["staf1a"]
    for t in (2020, 2021):
        PredikatTahunan.objects.create(pegawai=staf, tahun=t, predikat="Baik", sumber="IMPOR")
    for i in range(2):
        ImporRiwayatKinerja.objects.create(nama_berkas=f"a{i}.csv", kesalahan=[[2, "x"]])
    urls = ["/karier/riwayat-kinerja/", f"/karier/riwayat-kinerja/pegawai/{staf.pk}/"]
    small = [_count(admin, u) for u in urls]
    for t in range(2000, 2020):
        PredikatTahunan.objects.create(pegawai=staf, tahun=t, predikat="Baik", sumber="IMPOR")
    for i in range(20):
        ImporRiwayatKinerja.objects.create(nama_berkas=f"b{i}.csv", kesalahan=[[2, "x"]])
    assert [_count(admin, u) for u in urls] == small
    assert Pegawai.objects.exists()


def test_the_import_history_is_the_bkds_screen(org):
    from django.test import Client

    for key, status in (("admin", 200), ("auditor", 200), ("staf1a", 403), ("kadis", 403)):
        c = Client()
        c.force_login(org.users[key])
        assert c.get("/karier/riwayat-kinerja/").status_code == status, key
