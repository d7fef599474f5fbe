"""Who may see and do what on the catalogue and JP screens and API: every route of this area is
exercised here (tests/people/test_access.py lists the prefixes as covered elsewhere)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from karier.development.catalogue import enrolment
from karier.development.models import CatatanJp, KegiatanPengembangan, Pendaftaran, StatusPendaftaran
from tests.development.catalogue_helpers import kegiatan, past, pdf, sesi

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(org: Any) -> dict[str, Any]:
    admin = org.actor("admin")
    k = kegiatan(admin, nama="Pelatihan Keamanan Siber")
    s = sesi(admin, k, kapasitas=1)
    return {"k": k, "s": s}


def _as(client: Client, org: Any, key: str) -> Client:
    client.force_login(org.users[key])
    return client


@pytest.mark.parametrize("key", ["staf1a", "kabid1", "admin", "auditor", "unlinked"])
def test_every_signed_in_user_reads_the_catalogue(client: Client, org: Any, setup: Any, key: str) -> None:
    _as(client, org, key)
    assert "Pelatihan Keamanan Siber" in client.get("/pengembangan/katalog/").content.decode()
    assert client.get(f"/pengembangan/katalog/{setup['k'].pk}/").status_code == 200
    assert client.get(f"/pengembangan/sesi/{setup['s'].pk}/").status_code == 200
    r = client.get("/pengembangan/katalog/?metode=BIMTEK")
    assert "Pelatihan Keamanan Siber" not in r.content.decode()


def test_an_inactive_activity_is_hidden_from_employees(client: Client, org: Any, setup: Any) -> None:
    KegiatanPengembangan.objects.filter(pk=setup["k"].pk).update(aktif=False)
    _as(client, org, "staf1a")
    assert client.get(f"/pengembangan/katalog/{setup['k'].pk}/").status_code == 404
    assert client.get(f"/pengembangan/sesi/{setup['s'].pk}/").status_code == 404
    assert client.get(f"/api/v1/pengembangan/katalog/{setup['k'].pk}").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/pengembangan/katalog/baru/",
        "/pengembangan/katalog/{k}/ubah/",
        "/pengembangan/katalog/{k}/sesi/baru/",
        "/pengembangan/sesi/{s}/ubah/",
        "/pengembangan/sesi/{s}/kehadiran/",
    ],
)
@pytest.mark.parametrize("key", ["staf1a", "kabid1", "auditor"])
def test_management_screens_are_for_the_bkd_admin(client: Client, org: Any, setup: Any, url: str, key: str) -> None:
    url = url.format(k=setup["k"].pk, s=setup["s"].pk)
    assert _as(client, org, key).get(url).status_code == 403
    assert _as(client, org, "admin").get(url).status_code == 200


def test_admin_creates_an_activity_and_a_session_on_screen(client: Client, org: Any) -> None:
    _as(client, org, "admin")
    r = client.post(
        "/pengembangan/katalog/baru/",
        {
            "kode": "DK-1",
            "nama": "Pelatihan Layanan Publik Digital",
            "jenis": "TEKNIS",
            "metode": "PELATIHAN",
            "penyelenggara": "DISKOMINFO",
            "jp": "250",
            "aktif": "on",
        },
    )
    assert r.status_code == 200 and "antara 0 dan 200" in r.content.decode()
    assert not KegiatanPengembangan.objects.exists()
    r = client.post(
        "/pengembangan/katalog/baru/",
        {
            "kode": "DK-1",
            "nama": "Pelatihan Layanan Publik Digital",
            "jenis": "TEKNIS",
            "metode": "PELATIHAN",
            "penyelenggara": "DISKOMINFO",
            "jp": "24",
            "aktif": "on",
        },
    )
    k = KegiatanPengembangan.objects.get(kode="DK-1")
    assert r.status_code == 302
    start = dt.date.today() + dt.timedelta(days=5)
    r = client.post(
        f"/pengembangan/katalog/{k.pk}/sesi/baru/",
        {
            "mulai": start.isoformat(),
            "selesai": start.isoformat(),
            "kapasitas": "30",
            "tempat": "Aula Diskominfo",
            "biaya": "1.500.000",
        },
    )
    assert r.status_code == 302
    s = k.sesi.get()
    assert s.biaya == 1500000
    r = client.post(
        f"/pengembangan/sesi/{s.pk}/ubah/",
        {"mulai": start.isoformat(), "selesai": start.isoformat(), "kapasitas": "20", "tempat": "Aula", "biaya": "0"},
    )
    assert r.status_code == 302
    r = client.post(
        f"/pengembangan/katalog/{k.pk}/ubah/",
        {
            "kode": "DK-1",
            "nama": "Baru",
            "jenis": "TEKNIS",
            "metode": "PELATIHAN",
            "penyelenggara": "DISKOMINFO",
            "jp": "20",
        },
    )
    assert r.status_code == 302
    k.refresh_from_db()
    assert (k.nama, k.aktif) == ("Baru", False)


def test_enrol_attend_complete_on_screen(client: Client, org: Any, setup: Any) -> None:
    s = setup["s"]
    _as(client, org, "staf1a")
    assert client.post(f"/pengembangan/sesi/{s.pk}/daftar/").status_code == 302
    _as(client, org, "staf1b")
    client.post(f"/pengembangan/sesi/{s.pk}/daftar/")
    mine = Pendaftaran.objects.get(pegawai=org.pegawai["staf1b"])
    assert mine.status == StatusPendaftaran.MENUNGGU
    assert client.post(f"/pengembangan/pendaftaran/{mine.pk}/batal/").status_code == 302
    seat = Pendaftaran.objects.get(pegawai=org.pegawai["staf1a"])
    assert client.post(f"/pengembangan/pendaftaran/{seat.pk}/batal/").status_code == 404  # a colleague's: hidden
    past(s)
    _as(client, org, "admin")
    r = client.post(f"/pengembangan/sesi/{s.pk}/kehadiran/", {"hadir": [str(seat.pk)]})
    assert r.status_code == 302
    _as(client, org, "staf1a")
    assert client.get(f"/pengembangan/pendaftaran/{seat.pk}/selesai/").status_code == 200
    r = client.post(f"/pengembangan/pendaftaran/{seat.pk}/selesai/", {"sertifikat": pdf("x.exe")})
    assert r.status_code == 200 and "Jenis berkas tidak diizinkan" in r.content.decode()
    r = client.post(f"/pengembangan/pendaftaran/{seat.pk}/selesai/", {"sertifikat": pdf()})
    assert r.status_code == 302
    assert CatatanJp.objects.filter(pegawai=org.pegawai["staf1a"]).count() == 1
    assert "12 / 20 JP" in client.get("/pengembangan/jp/").content.decode()


def test_ended_session_refuses_enrolment_on_screen(client: Client, org: Any, setup: Any) -> None:
    past(setup["s"])
    _as(client, org, "staf1a")
    r = client.post(f"/pengembangan/sesi/{setup['s'].pk}/daftar/", follow=True)
    assert "sudah berakhir" in r.content.decode()
    assert not Pendaftaran.objects.exists()


def test_self_development_report_and_verification_screens(client: Client, org: Any) -> None:
    _as(client, org, "staf1a")
    assert client.get("/pengembangan/jp/mandiri/baru/").status_code == 200
    today = dt.date.today()
    r = client.post(
        "/pengembangan/jp/mandiri/baru/",
        {
            "judul": "Kursus daring Python",
            "metode": "E_LEARNING",
            "penyelenggara": "Coursera",
            "mulai": (today - dt.timedelta(days=5)).isoformat(),
            "selesai": today.isoformat(),
            "menit": "90",
        },
    )
    assert r.status_code == 302
    from karier.development.models import PengembanganMandiri

    m = PengembanganMandiri.objects.get()
    assert client.post(f"/pengembangan/jp/verifikasi/{m.pk}/", {"setuju": "1"}, follow=True).status_code == 200
    assert not CatatanJp.objects.exists()  # oneself: refused
    _as(client, org, "kasi1")
    assert "Kursus daring Python" in client.get("/pengembangan/jp/verifikasi/").content.decode()
    client.post(f"/pengembangan/jp/verifikasi/{m.pk}/", {"setuju": "1"})
    assert CatatanJp.objects.get().jp == 2
    _as(client, org, "kabid2")  # cannot see staf1a
    assert client.post(f"/pengembangan/jp/verifikasi/{m.pk}/", {"setuju": "1"}).status_code == 404


def test_recap_excel_and_settings(client: Client, org: Any) -> None:
    _as(client, org, "kasi1")
    assert client.get("/pengembangan/jp/rekap/").status_code == 200
    r = client.get("/pengembangan/jp/rekap/excel/?kurang=1")
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    ws = load_workbook(BytesIO(r.content)).active
    values = list(ws.iter_rows(min_row=3, values_only=True))
    assert {v[1] for v in values} >= {org.pegawai["staf1a"].nama}
    assert all(isinstance(v[4], int | float) for v in values)  # numbers stay numbers
    assert client.get("/pengembangan/jp/pengaturan/").status_code == 403
    _as(client, org, "auditor")
    assert client.get("/pengembangan/jp/pengaturan/").status_code == 200
    assert (
        client.post("/pengembangan/jp/pengaturan/", {"form": "bawaan", "metode": "COACHING", "jp": "4"}).status_code
        == 403
    )
    _as(client, org, "admin")
    assert (
        client.post("/pengembangan/jp/pengaturan/", {"form": "bawaan", "metode": "COACHING", "jp": "4"}).status_code
        == 302
    )
    assert (
        client.post(
            "/pengembangan/jp/pengaturan/", {"form": "target", "jenis_asn": "PPPK", "target": "20", "batas": "24"}
        ).status_code
        == 302
    )


# ---------------------------------------------------------------------------- API
def _api(client: Client, method: str, url: str, body: Any = None) -> Any:
    kw: dict[str, Any] = {}
    if body is not None:
        kw = {"data": json.dumps(body), "content_type": "application/json"}
    return getattr(client, method)(f"/api/v1/pengembangan{url}", **kw)


def test_api_catalogue_enrolment_attendance_and_ledger(client: Client, org: Any, setup: Any) -> None:
    k, s = setup["k"], setup["s"]
    _as(client, org, "staf1a")
    assert _api(client, "get", "/katalog?q=Siber").json()["count"] == 1
    assert _api(client, "get", f"/katalog/{k.pk}").json()["sesi"][0]["id"] == s.pk
    assert _api(client, "get", f"/sesi/{s.pk}").json()["kapasitas"] == 1
    assert (
        _api(
            client,
            "post",
            "/katalog",
            {"kode": "X", "nama": "X", "jenis": "TEKNIS", "metode": "SEMINAR", "penyelenggara": "LAN", "jp": "2"},
        ).status_code
        == 403
    )
    r = _api(client, "post", f"/sesi/{s.pk}/pendaftaran", {})
    assert r.status_code == 201 and r.json()["status"] == "TERDAFTAR"
    seat = r.json()["id"]
    _as(client, org, "kasi1")
    r = _api(client, "post", f"/sesi/{s.pk}/pendaftaran", {"pegawai_id": org.pegawai["staf1b"].pk})
    assert r.json()["status"] == "MENUNGGU"
    assert _api(client, "post", f"/pendaftaran/{r.json()['id']}/batal").json()["status"] == "BATAL"
    assert _api(client, "get", f"/sesi/{s.pk}/peserta").json()["count"] == 1
    past(s)
    _as(client, org, "admin")
    assert _api(
        client, "post", f"/sesi/{s.pk}/kehadiran", {"peserta": [{"pendaftaran_id": seat, "hadir": True}]}
    ).json() == {"dicatat": 1}
    assert (
        _api(
            client,
            "put",
            f"/sesi/{s.pk}",
            {"mulai": s.mulai.isoformat(), "selesai": s.selesai.isoformat(), "kapasitas": 1, "tempat": "Aula"},
        ).status_code
        == 200
    )
    assert (
        _api(
            client,
            "put",
            f"/katalog/{k.pk}",
            {
                "kode": k.kode,
                "nama": k.nama,
                "jenis": "TEKNIS",
                "metode": "PELATIHAN",
                "penyelenggara": "DISKOMINFO",
                "jp": "201",
            },
        ).status_code
        == 409
    )
    assert (
        _api(
            client,
            "post",
            f"/katalog/{k.pk}/sesi",
            {
                "mulai": "2030-01-01",
                "selesai": "2030-01-02",
                "kapasitas": 5,
                "tautan": "https://elearning.bengkuluprov.go.id",
            },
        ).status_code
        == 201
    )
    _as(client, org, "staf1a")
    r = client.post(f"/api/v1/pengembangan/pendaftaran/{seat}/selesai", {"sertifikat": pdf()})
    assert r.status_code == 200 and r.json()["status"] == "SELESAI"
    assert _api(client, "get", "/jp/saya").json()["total"] == "12.00"
    r = _api(
        client,
        "post",
        "/jp/mandiri",
        {
            "judul": "MOOC",
            "metode": "E_LEARNING",
            "penyelenggara": "edX",
            "mulai": "2026-01-01",
            "selesai": "2026-01-02",
            "jp": "2",
        },
    )
    assert r.status_code == 201
    mandiri = r.json()["id"]
    assert _api(client, "post", f"/jp/mandiri/{mandiri}/verifikasi", {"setuju": True}).status_code == 403
    _as(client, org, "kasi1")
    assert (
        _api(client, "post", f"/jp/mandiri/{mandiri}/verifikasi", {"setuju": True}).json()["status"] == "DIVERIFIKASI"
    )
    assert _api(client, "get", f"/jp/pegawai/{org.pegawai['staf1a'].pk}?tahun=2026").status_code == 200
    assert _api(client, "get", f"/jp/pegawai/{org.pegawai['kabid2'].pk}").status_code == 404
    assert _api(client, "get", "/jp/rekap?per=unit").status_code == 200
    assert _api(client, "get", "/jp/kurang").json()["count"] >= 1
    assert len(_api(client, "get", "/jp/bawaan").json()) == 15
    assert _api(client, "get", "/jp/target").json()[0]["jenis_asn"] == "PNS"
    assert _api(client, "put", "/jp/bawaan", {"metode": "COACHING", "jp": "3"}).status_code == 403
    assert _api(client, "put", "/jp/target", {"jenis_asn": "PPPK", "target": "20"}).status_code == 403
    _as(client, org, "admin")
    assert _api(client, "put", "/jp/bawaan", {"metode": "COACHING", "jp": "3"}).json()["jp"] == "3.00"
    assert _api(client, "put", "/jp/target", {"jenis_asn": "PPPK", "target": "20", "batas": "24"}).status_code == 200


def test_api_anonymous_is_401(client: Client, setup: Any) -> None:
    assert _api(client, "get", "/katalog").status_code == 401
    assert _api(client, "get", "/jp/saya").status_code == 401


def test_unused_enrolment_import_guard(org: Any, setup: Any) -> None:
    """The service the API and screens share refuses the auditor too (read-only everywhere)."""
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        enrolment.pendaftaran_create(actor=org.actor("auditor"), sesi=setup["s"], pegawai=org.pegawai["staf1a"])


def test_competency_levels_on_the_activity_form_and_the_recap_table_excel(client: Client, org: Any) -> None:
    from karier.development.models import KegiatanKompetensi, Kompetensi

    Kompetensi.objects.get_or_create(kode="M.3", defaults={"nama": "Komunikasi", "jenis": "MANAJERIAL"})
    _as(client, org, "admin")
    form = {
        "kode": "BP-1",
        "nama": "Pelatihan Komunikasi Publik",
        "jenis": "MANAJERIAL",
        "metode": "PELATIHAN",
        "penyelenggara": "BPSDM",
        "jp": "20",
        "aktif": "on",
    }
    r = client.post("/pengembangan/katalog/baru/", {**form, "kompetensi": "M.3=9"})
    assert r.status_code == 200 and "antara 1 dan 5" in r.content.decode()
    r = client.post("/pengembangan/katalog/baru/", {**form, "kompetensi": "X.9=2"})
    assert r.status_code == 200 and "tidak dikenali" in r.content.decode()
    assert not KegiatanPengembangan.objects.exists()
    assert client.post("/pengembangan/katalog/baru/", {**form, "kompetensi": "M.3=3"}).status_code == 302
    k = KegiatanPengembangan.objects.get(kode="BP-1")
    assert KegiatanKompetensi.objects.get(kegiatan=k).sampai_level == 3
    assert "M.3=3" in client.get(f"/pengembangan/katalog/{k.pk}/ubah/").content.decode()
    assert "Komunikasi sampai level 3" in client.get(f"/pengembangan/katalog/{k.pk}/").content.decode()
    r = client.get("/pengembangan/jp/rekap/excel/?tabel=rekap&per=unit")
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(r.content)).active.iter_rows(min_row=3, values_only=True))
    assert rows and all(isinstance(v[1], int) for v in rows)
