"""Who may export and import the SIASN history (issue #11 item 8), screens and API: the history of
the people one sees; per agency the BKD admin any, an agency head their own; imports BKD admins only
(auditors read the report); hidden is 404, garbage input 4xx; query counts that do not grow."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from karier.development.models import ImporSiasn, PengembanganMandiri, RiwayatSiasn, StatusImpor, StatusMandiri
from tests.development.siasn_helpers import TODAY, build_history, csv_file, dmy, sheets
from tests.orgdata import build_org

pytestmark = pytest.mark.django_db

EXPORT = "/pengembangan/siasn/"
XLSX = "/pengembangan/siasn/ekspor.xlsx"
API = "/api/v1/pengembangan/siasn/riwayat"
HEAD = (
    "nip,institusiPenyelenggara,jenisDiklatId,jenisKursus,jumlahJam,namaKursus,nomorSertipikat,"
    "tahunKursus,tanggalKursus,tanggalSelesaiKursus\n"
)


def _client(org: Any, key: str) -> Client:
    c = Client()
    c.force_login(org.users[key])
    return c


def _nips(org: Any, key: str, query: str = "") -> set[str]:
    r = _client(org, key).get(XLSX + query)
    assert r.status_code == 200 and r.content[:2] == b"PK", (key, r.status_code)
    book = sheets(r.content)
    return {row[0] for layout in book.values() for row in layout[1:]}


def test_each_role_exports_the_history_of_the_people_it_sees(org: Any) -> None:
    build_history(org)
    staf1a, staf1b, kasi1 = (org.pegawai[k].nip for k in ("staf1a", "staf1b", "kasi1"))
    assert _nips(org, "admin") == _nips(org, "auditor") == {staf1a, staf1b, kasi1}
    assert _nips(org, "staf1a") == {staf1a}
    assert _nips(org, "staf2") == set()
    assert _nips(org, "kasi1") == {staf1a, staf1b, kasi1}
    assert _nips(org, "kadiskominfo") == set()
    dik, kominfo = org.units["dik"].pk, org.units["kominfo"].pk
    assert _nips(org, "kadis", f"?opd={dik}") == {staf1a, staf1b, kasi1}  # the agency head: their agency
    assert _nips(org, "admin", f"?opd={kominfo}") == set()
    assert _nips(org, "admin", f"?nip={staf1b}") == {staf1b}
    # Another agency is refused with the reason; a superior is no agency head; a hidden person is 404.
    assert _client(org, "kadis").get(f"{XLSX}?opd={kominfo}").status_code == 403
    assert _client(org, "kasi1").get(f"{EXPORT}?opd={dik}").status_code == 403
    assert _client(org, "staf1a").get(f"{XLSX}?nip={staf1b}").status_code == 404
    assert _client(org, "staf1a").get(f"{EXPORT}?tahun=abc").status_code == 400
    assert _client(org, "staf1a").get("/pengembangan/siasn/ekspor-lain.csv").status_code == 404


def test_export_page_shows_the_preview_and_downloads(org: Any) -> None:
    build_history(org)
    r = _client(org, "kabid1").get(EXPORT)
    page = r.content.decode()
    assert r.status_code == 200 and "MOOC Analisis Data" in page and "2,5" in page and "namaKursus" in page
    assert "Impor dari SIASN" not in page
    assert "Impor dari SIASN" in _client(org, "admin").get(EXPORT).content.decode()
    csv_r = _client(org, "kabid1").get("/pengembangan/siasn/ekspor-kursus.csv")
    assert csv_r.status_code == 200 and csv_r["Content-Type"].startswith("text/csv")
    assert csv_r.content.decode().startswith("nip,institusiPenyelenggara,jenisDiklatId")
    diklat = _client(org, "kabid1").get("/pengembangan/siasn/ekspor-diklat.csv").content.decode()
    assert f"{org.pegawai['staf1a'].nip},2," in diklat


def test_import_screens_are_for_bkd_admins_and_apply_all_at_once(
    org: Any, django_capture_on_commit_callbacks: Any
) -> None:
    for key in ("kadis", "kasi1", "staf1a", "auditor"):
        assert _client(org, key).get("/pengembangan/siasn/impor/").status_code == 403
    admin = _client(org, "admin")
    assert admin.get("/pengembangan/siasn/impor/").status_code == 200
    d1, d2 = dmy(TODAY - dt.timedelta(days=9)), dmy(TODAY - dt.timedelta(days=8))
    bad = admin.post("/pengembangan/siasn/impor/", {"berkas": csv_file(HEAD + f"1,LAN,9,,4,Seminar,,,{d1},{d2}\n")})
    report = ImporSiasn.objects.get()
    assert bad.status_code == 302 and bad["Location"].endswith(f"/pengembangan/siasn/impor/{report.pk}/")
    page = admin.get(bad["Location"]).content.decode()
    assert "tidak ditemukan" in page and "Terapkan semua" not in page
    good = admin.post(
        "/pengembangan/siasn/impor/",
        {"berkas": csv_file(HEAD + f"{org.pegawai['staf2'].nip},LAN,9,,4,Seminar,,,{d1},{d2}\n")},
    )
    url = good["Location"]
    # Auditors read the report and may not apply; others do not see it.
    assert _client(org, "auditor").get(url).status_code == 200
    assert "Terapkan semua" not in _client(org, "auditor").get(url).content.decode()
    assert _client(org, "auditor").post(url).status_code == 409
    assert _client(org, "kadis").get(url).status_code == 404
    assert "Terapkan semua" in admin.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert admin.post(url).status_code == 302
    assert RiwayatSiasn.objects.filter(pegawai=org.pegawai["staf2"]).count() == 1
    assert ImporSiasn.objects.get(pk=int(url.rstrip("/").rsplit("/", 1)[1])).status == StatusImpor.DITERAPKAN
    assert "Sudah diterapkan" in admin.get(url).content.decode()
    poll = admin.get(url, headers={"HX-Request": "true"})
    assert poll.status_code == 200 and "<html" not in poll.content.decode()
    assert admin.post("/pengembangan/siasn/impor/", {"berkas": csv_file("", "x.csv")}).status_code == 400


def test_api_reads_the_same_scope_and_refuses_garbage(org: Any) -> None:
    build_history(org)
    staf1a = org.pegawai["staf1a"]
    mine = _client(org, "staf1a").get(API).json()
    assert mine["count"] == 1 and mine["items"][0]["nip"] == staf1a.nip and Decimal(mine["items"][0]["jumlahJam"]) == 12
    diklat = _client(org, "admin").get(f"{API}?layout=diklat").json()
    assert diklat["items"][0]["latihanStrukturalId"] == "2" and diklat["items"][0]["tanggal"]
    assert _client(org, "admin").get(f"{API}?limit=1").json()["count"] == 3
    assert _client(org, "kadis").get(f"{API}?opd_id={org.units['kominfo'].pk}").status_code == 403
    assert _client(org, "staf1a").get(f"{API}?pegawai_id={org.pegawai['staf1b'].pk}").status_code == 404
    for garbage in ("?layout=x", "?tahun=abc", "?opd_id=-1", "?pegawai_id=99999999999999999999999", "?tahun=true"):
        assert _client(org, "admin").get(API + garbage).status_code == 422, garbage
    assert Client().get(API).status_code == 401


def test_api_import_in_two_phases(org: Any, django_capture_on_commit_callbacks: Any) -> None:
    d1, d2 = dmy(TODAY - dt.timedelta(days=9)), dmy(TODAY - dt.timedelta(days=8))
    text = HEAD + f"{org.pegawai['staf2'].nip},LAN,9,,4,Seminar,,,{d1},{d2}\n"
    url = "/api/v1/pengembangan/siasn/impor"
    assert _client(org, "staf1a").post(url, {"berkas": csv_file(text)}).status_code == 403
    assert _client(org, "admin").post(url, {}).status_code == 409
    assert _client(org, "admin").post(url, {"berkas": csv_file("x", "a.exe")}).status_code == 409
    r = _client(org, "admin").post(url, {"berkas": csv_file(text)})
    assert r.status_code == 201 and r.json()["kesalahan"] == [] and r.json()["jumlah_baris"] == 1
    pk = r.json()["id"]
    assert _client(org, "staf1a").get(f"{url}/{pk}").status_code == 404
    assert _client(org, "auditor").post(f"{url}/{pk}/terapkan").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        started = _client(org, "admin").post(f"{url}/{pk}/terapkan")
    assert started.status_code == 202 and started.json()["jenis"] == "IMPOR_SIASN"
    done = _client(org, "admin").get(f"{url}/{pk}").json()
    assert done["status"] == "DITERAPKAN" and done["tugas"]["status"] == "SELESAI"
    assert _client(org, "admin").post(f"{url}/{pk}/terapkan").status_code == 409
    assert _client(org, "admin").get(f"{url}/0").status_code in (404, 422)


def _measure(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", [EXPORT, XLSX, "/pengembangan/siasn/ekspor-kursus.csv", API])
def test_export_queries_do_not_grow_with_headcount(client: Client, url: str) -> None:
    org = build_org(extra_staff=2)
    client.force_login(org.users["admin"])

    def add(n: int) -> None:
        for i in range(n):
            p = org.add_pegawai(f"x{PengembanganMandiri.objects.count()}-{i}", "staf1", user=False)
            PengembanganMandiri.objects.create(
                pegawai=p,
                judul=f"Kursus {i}",
                metode="SEMINAR",
                penyelenggara="LAN",
                mulai=TODAY - dt.timedelta(days=3),
                selesai=TODAY - dt.timedelta(days=2),
                jp=Decimal(3),
                status=StatusMandiri.DIVERIFIKASI,
            )

    add(2)
    small = _measure(client, url)
    add(30)
    assert _measure(client, url) == small


def test_export_page_stops_counting_at_its_cap(org: Any, monkeypatch: Any) -> None:
    from karier.development.exchange import views

    build_history(org)
    monkeypatch.setattr(views, "BATAS_HITUNG", 2)
    page = _client(org, "admin").get(EXPORT).content.decode()
    assert "Lebih dari 2 baris" in page
    monkeypatch.setattr(views, "BATAS_HITUNG", 100)
    assert "Lebih dari" not in _client(org, "admin").get(EXPORT).content.decode()
