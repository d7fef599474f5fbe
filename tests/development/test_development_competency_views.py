"""Competency screens and API (issue #11 items 1–3): who sees and does what on every route, the
standard's section on the position-standard page, Excel export, and query counts at two sizes."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from karier.development.competency import services
from karier.development.models import ImporPenilaian, Kompetensi, PenilaianKompetensi, StandarKompetensiJabatan
from tests.orgdata import Org, build_org

pytestmark = pytest.mark.django_db
API = "/api/v1/pengembangan"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def as_user(org: Org, key: str) -> Client:
    c = Client()
    c.force_login(org.users[key])
    return c


def api(c: Client, url: str, body: dict[str, Any] | None = None, method: str = "post") -> Any:
    if method == "get":
        return c.get(f"{API}{url}")
    return getattr(c, method)(f"{API}{url}", data=json.dumps(body or {}), content_type="application/json")


def _m3() -> Kompetensi:
    return Kompetensi.objects.get(kode="M.3")


def _form(level: int = 2, sumber: str = "OBSERVASI_ATASAN", **extra: Any) -> dict[str, Any]:
    return {"kompetensi": _m3().pk, "level": level, "tanggal": "2026-03-01", "sumber": sumber} | extra


# ---------------------------------------------------------------------------- profile
@pytest.mark.parametrize(
    ("key", "status"),
    [
        ("staf1a", 200),
        ("kasi1", 200),
        ("kadis", 200),
        ("admin", 200),
        ("auditor", 200),
        ("staf1b", 404),
        ("staf2", 404),
        ("unlinked", 404),
    ],
)
def test_profile_visible_to_whoever_sees_the_person(org, key, status):
    r = as_user(org, key).get(f"/pengembangan/kompetensi/pegawai/{org.pegawai['staf1a'].pk}/")
    assert r.status_code == status
    if status == 200:
        assert "Komunikasi" in r.content.decode()


def test_my_profile_redirects_to_the_own_page_and_needs_a_linked_account(org):
    r = as_user(org, "staf1a").get("/pengembangan/kompetensi/saya/")
    assert r.status_code == 302 and r["Location"].endswith(f"/pegawai/{org.pegawai['staf1a'].pk}/")
    assert as_user(org, "unlinked").get("/pengembangan/kompetensi/saya/").status_code == 404


def test_only_the_superior_sees_the_form_and_records_with_evidence(org):
    url = f"/pengembangan/kompetensi/pegawai/{org.pegawai['staf1a'].pk}/"
    assert "Catat penilaian kompetensi" not in as_user(org, "staf1a").get(url).content.decode()
    assert "Catat penilaian kompetensi" not in as_user(org, "auditor").get(url).content.decode()
    kasi = as_user(org, "kasi1")
    assert "Catat penilaian kompetensi" in kasi.get(url).content.decode()
    r = kasi.post(url, _form(berkas=SimpleUploadedFile("obs.pdf", PDF)))
    assert r.status_code == 302
    row = PenilaianKompetensi.objects.get()
    assert row.sumber == "OBSERVASI_ATASAN" and row.nama_berkas == "obs.pdf"
    page = kasi.get(url).content.decode()
    assert f"/pengembangan/kompetensi/penilaian/{row.pk}/bukti/" in page
    d = kasi.get(f"/pengembangan/kompetensi/penilaian/{row.pk}/bukti/")
    assert d.status_code == 200 and b"".join(d.streaming_content) == PDF
    assert "attachment" in d["Content-Disposition"]
    assert d["X-Content-Type-Options"] == "nosniff" and "sandbox" in d["Content-Security-Policy"]
    assert as_user(org, "staf1b").get(f"/pengembangan/kompetensi/penilaian/{row.pk}/bukti/").status_code == 404


def test_bad_input_on_the_screen_shows_the_reason_and_writes_nothing(org):
    url = f"/pengembangan/kompetensi/pegawai/{org.pegawai['staf1a'].pk}/"
    future = (dt.date.today() + dt.timedelta(days=5)).isoformat()
    r = as_user(org, "kasi1").post(url, _form(tanggal=future))
    assert r.status_code == 400 and "masa depan" in r.content.decode()
    r = as_user(org, "kasi1").post(url, _form(berkas=SimpleUploadedFile("x.exe", b"MZ")))
    assert r.status_code == 400 and "Jenis berkas tidak diizinkan" in r.content.decode()
    assert not PenilaianKompetensi.objects.exists()


@pytest.mark.parametrize(("key", "status"), [("staf1a", 403), ("auditor", 403), ("staf1b", 404)])
def test_others_may_not_record(org, key, status):
    r = as_user(org, key).post(f"/pengembangan/kompetensi/pegawai/{org.pegawai['staf1a'].pk}/", _form())
    assert r.status_code == status
    assert not PenilaianKompetensi.objects.exists()


def test_admin_records_assessment_centre_results_on_the_screen(org):
    r = as_user(org, "admin").post(
        f"/pengembangan/kompetensi/pegawai/{org.pegawai['kasi1'].pk}/", _form(level=3, sumber="ASSESSMENT_CENTER")
    )
    assert r.status_code == 302
    assert PenilaianKompetensi.objects.get().sumber == "ASSESSMENT_CENTER"


# ---------------------------------------------------------------------------- dictionary and standard
def test_kamus_shows_every_level_with_its_meaning_and_admins_add_technical(org):
    page = as_user(org, "staf1a").get("/pengembangan/kompetensi/").content.decode()
    assert "Perekat Bangsa" in page and "Apa artinya bagi Anda" in page
    assert "Tambah kompetensi teknis" not in page
    assert as_user(org, "kasi1").post("/pengembangan/kompetensi/", {"kode": "T.A", "nama": "A"}).status_code == 403
    admin = as_user(org, "admin")
    assert admin.post("/pengembangan/kompetensi/", {"kode": "X", "nama": "A"}).status_code == 400
    assert (
        admin.post(
            "/pengembangan/kompetensi/", {"kode": "T.TIK.1", "nama": "Keamanan Informasi", "level1": "Kenali."}
        ).status_code
        == 302
    )
    assert Kompetensi.objects.filter(kode="T.TIK.1").exists()


def test_position_standard_page_shows_the_competency_section(org):
    j = org.jabatan["kasi1"]
    page = as_user(org, "staf1a").get(f"/standar/jabatan/{j.pk}/").content.decode()
    assert 'id="standar-kompetensi"' in page and "Komunikasi" in page
    assert f"/pengembangan/kompetensi/jabatan/{j.pk}/" in page


def test_admin_edits_the_standard_others_may_not(org):
    j = org.jabatan["kasi1"]
    url = f"/pengembangan/kompetensi/jabatan/{j.pk}/"
    m3 = _m3()
    assert as_user(org, "kasi1").get(url).status_code == 200
    assert as_user(org, "kadis").post(url, {f"k{m3.pk}": "4"}).status_code == 403
    assert as_user(org, "auditor").post(url, {f"k{m3.pk}": "4"}).status_code == 403
    assert as_user(org, "admin").post(url, {f"k{m3.pk}": "4"}).status_code == 302
    assert StandarKompetensiJabatan.objects.get(jabatan=j).level == 4
    assert as_user(org, "admin").post(url, {f"k{m3.pk}": "9"}).status_code == 400
    assert as_user(org, "admin").post(url, {f"k{m3.pk}": ""}).status_code == 302
    assert not StandarKompetensiJabatan.objects.exists()
    assert as_user(org, "admin").get("/pengembangan/kompetensi/jabatan/999999/").status_code == 404


# ---------------------------------------------------------------------------- import screens
def test_import_screens_are_for_admins_and_show_the_report(org, django_capture_on_commit_callbacks):
    for key in ("kasi1", "auditor", "staf1a"):
        assert as_user(org, key).get("/pengembangan/kompetensi/impor/").status_code == 403
    admin = as_user(org, "admin")
    bad = SimpleUploadedFile(
        "h.csv", f"nip,kompetensi,level,tanggal\n{org.pegawai['staf1a'].nip},M.3,9,01-03-2026\n".encode()
    )
    r = admin.post("/pengembangan/kompetensi/impor/", {"berkas": bad})
    assert r.status_code == 302
    report = admin.get(r["Location"])
    assert "di luar 1 sampai 5" in report.content.decode() and "Terapkan semua" not in report.content.decode()
    assert admin.post(r["Location"]).status_code == 409
    good = SimpleUploadedFile(
        "h.csv", f"nip,kompetensi,level,tanggal\n{org.pegawai['staf1a'].nip},M.3,2,01-03-2026\n".encode()
    )
    r = admin.post("/pengembangan/kompetensi/impor/", {"berkas": good})
    assert "Terapkan semua" in admin.get(r["Location"]).content.decode()
    assert as_user(org, "kasi1").get(r["Location"]).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        assert admin.post(r["Location"]).status_code == 302  # phase two runs as a job (inline here)
    assert PenilaianKompetensi.objects.count() == 1
    done = admin.get(r["Location"]).content.decode()
    assert "Selesai" in done and "Terapkan semua" not in done
    assert (
        admin.get(r["Location"], headers={"HX-Request": "true"})
        .content.decode()
        .startswith('<div class="card" id="tugas-')
    )
    assert admin.post(r["Location"]).status_code == 409  # applied once only
    r = admin.post("/pengembangan/kompetensi/impor/", {"berkas": SimpleUploadedFile("h.txt", b"x")})
    assert r.status_code == 400 and ImporPenilaian.objects.count() == 2


# ---------------------------------------------------------------------------- analysis
def test_analysis_page_and_excel(org):
    services.penilaian_record(
        actor=org.actor("admin"),
        pegawai=org.pegawai["kasi1"],
        kompetensi=_m3(),
        level=1,
        tanggal=dt.date(2026, 1, 1),
        sumber="ASSESSMENT_CENTER",
    )
    page = as_user(org, "kadis").get("/pengembangan/kompetensi/analisis/").content.decode()
    assert "Komunikasi" in page and "Dinas Pendidikan" in page
    other = as_user(org, "kadiskominfo").get("/pengembangan/kompetensi/analisis/").content.decode()
    assert 'data-testid="tna"' not in other and "Belum ada kebutuhan pengembangan" in other
    kominfo = as_user(org, "admin").get(f"/pengembangan/kompetensi/analisis/?opd={org.units['kominfo'].pk}")
    assert "Dihitung untuk 2 pegawai" in kominfo.content.decode()
    r = as_user(org, "admin").get("/pengembangan/kompetensi/analisis/?per=unit&export=xlsx")
    assert r.status_code == 200
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(r.content)).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert any(v[1] == "Komunikasi" and v[3] == 1 and isinstance(v[3], int) for v in values[2:])


def _measure(c: Client, url: str) -> int:
    c.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert c.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_analysis_and_profile_queries_do_not_grow(client):
    org = build_org(extra_staff=2)
    client.force_login(org.users["kasi1"])
    profile = f"/pengembangan/kompetensi/pegawai/{org.pegawai['staf1a'].pk}/"
    small = (_measure(client, "/pengembangan/kompetensi/analisis/"), _measure(client, profile))
    for i in range(2, 30):
        p = org.add_pegawai(f"extra{i}", "staf1", user=False)
        services.penilaian_record(
            actor=org.actor("kasi1"),
            pegawai=p,
            kompetensi=_m3(),
            level=1,
            tanggal=dt.date(2026, 1, 1),
            sumber="OBSERVASI_ATASAN",
        )
    for d in range(1, 10):
        services.penilaian_record(
            actor=org.actor("kasi1"),
            pegawai=org.pegawai["staf1a"],
            kompetensi=_m3(),
            level=1,
            tanggal=dt.date(2026, 1, d),
            sumber="OBSERVASI_ATASAN",
        )
    large = (_measure(client, "/pengembangan/kompetensi/analisis/"), _measure(client, profile))
    assert small == large


# ---------------------------------------------------------------------------- API
def test_api_profile_list_create_and_needs(org):
    staf = org.pegawai["staf1a"].pk
    kasi = as_user(org, "kasi1")
    body = {"kompetensi_id": _m3().pk, "level": 1, "tanggal": "2026-03-01", "sumber": "OBSERVASI_ATASAN"}
    r = api(kasi, f"/pegawai/{staf}/penilaian-kompetensi", body)
    assert r.status_code == 201, r.content
    assert r.json()["level"] == 1
    assert api(kasi, f"/pegawai/{staf}/penilaian-kompetensi", method="get").json()["count"] == 1
    prof = api(kasi, f"/pegawai/{staf}/kompetensi", method="get").json()
    m3 = next(k for k in prof["kompetensi"] if k["kode"] == "M.3")
    assert m3["disyaratkan"] == 1 and m3["dinilai"] == 1 and m3["kesenjangan"] == 0
    needs = api(kasi, f"/pegawai/{staf}/kebutuhan", method="get").json()["kebutuhan"]
    assert needs and all(n["alasan"] for n in needs)
    # the employee is refused (403), a colleague does not see the person (404), bad input is 409/422
    assert api(as_user(org, "staf1a"), f"/pegawai/{staf}/penilaian-kompetensi", body).status_code == 403
    assert api(as_user(org, "staf1b"), f"/pegawai/{staf}/penilaian-kompetensi", body).status_code == 404
    assert api(kasi, f"/pegawai/{staf}/penilaian-kompetensi", body | {"tanggal": "2999-01-01"}).status_code == 409
    assert api(kasi, f"/pegawai/{staf}/penilaian-kompetensi", body | {"kompetensi_id": 999999}).status_code == 409
    assert api(kasi, f"/pegawai/{staf}/penilaian-kompetensi", body | {"level": 6}).status_code == 422
    assert PenilaianKompetensi.objects.count() == 1


def test_api_standard_and_analysis(org):
    j = org.jabatan["kasi1"].pk
    rows = api(as_user(org, "staf1a"), f"/jabatan/{j}/standar-kompetensi", method="get").json()
    assert len(rows) == 9 and all(r["arti"] for r in rows)
    body = {"kompetensi_id": _m3().pk, "level": 4}
    assert api(as_user(org, "kasi1"), f"/jabatan/{j}/standar-kompetensi", body, "put").status_code == 403
    r = api(as_user(org, "admin"), f"/jabatan/{j}/standar-kompetensi", body, "put")
    assert r.status_code == 200 and next(x for x in r.json() if x["kode"] == "M.3")["level"] == 4
    assert len(api(as_user(org, "staf1a"), "/kompetensi", method="get").json()) == 9
    tna = api(as_user(org, "admin"), "/analisis-kebutuhan?belum_dinilai=true&per=unit", method="get").json()
    assert tna["jumlah_pegawai"] == 10 and tna["kebutuhan"][0]["jumlah"] >= 1
    assert api(as_user(org, "admin"), "/analisis-kebutuhan?opd_id=999999", method="get").status_code == 404
    dik = org.units["dik"].pk
    assert api(as_user(org, "admin"), f"/analisis-kebutuhan?opd_id={dik}", method="get").json()["jumlah_pegawai"] == 7


# ---------------------------------------------------------------------------- Data induk (/data-induk/)
def test_dictionary_and_standards_on_the_data_induk_site(org):
    admin = as_user(org, "admin")
    for url in ("/data-induk/development/kompetensi/", "/data-induk/development/standarkompetensijabatan/add/"):
        r = admin.get(url)
        assert r.status_code == 200, url
    k = Kompetensi.objects.get(kode="M.1")
    page = admin.get(f"/data-induk/development/kompetensi/{k.pk}/change/").content.decode()
    assert "Mampu bertindak sesuai nilai" in page
    assert as_user(org, "kasi1").get("/data-induk/development/kompetensi/").status_code == 403


def test_the_analysis_pages_its_units(org, monkeypatch):
    from karier.development.competency import views

    monkeypatch.setattr(views, "UNIT_PER_PAGE", 1)
    c = as_user(org, "admin")
    first = c.get("/pengembangan/kompetensi/analisis/?per=unit&belum_dinilai=on").content.decode()
    assert "Halaman 1 dari" in first and "per=unit&amp;belum_dinilai=on&amp;page=2" in first
    second = c.get("/pengembangan/kompetensi/analisis/?per=unit&belum_dinilai=on&page=2").content.decode()
    assert "Halaman 2 dari" in second
    assert first.count('<section class="card"><h2>') == second.count('<section class="card"><h2>') == 2  # top + 1


def test_a_long_import_report_is_paged(org, monkeypatch):
    from karier.development import two_phase

    monkeypatch.setattr(two_phase, "KESALAHAN_PER_PAGE", 2)
    nip = org.pegawai["staf1a"].nip
    body = "nip,kompetensi,level,tanggal\n" + "".join(f"{nip},M.3,9,0{d}-03-2026\n" for d in range(1, 6))
    admin = as_user(org, "admin")
    r = admin.post("/pengembangan/kompetensi/impor/", {"berkas": SimpleUploadedFile("h.csv", body.encode())})
    first = admin.get(r["Location"]).content.decode()
    assert "5 kesalahan" in first and "Halaman 1 dari 3" in first and first.count("di luar 1 sampai 5") == 2
    last = admin.get(r["Location"] + "?page=3").content.decode()
    assert last.count("di luar 1 sampai 5") == 1 and '<td class="num">6</td>' in last
