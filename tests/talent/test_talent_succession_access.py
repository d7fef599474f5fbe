"""Every succession route by role (issue #12 item 5): BKD admins and auditors see all key positions,
an agency head those of their agency, everyone else 404; writes are BKD's (nominations also the
agency head's). Screens and API alike; listed in tests/people/test_access.py as covered here."""

from __future__ import annotations

import pytest
from django.test import Client

from karier.talent.models import JabatanKritikal, NominasiSuksesi
from karier.talent.succession import services
from tests.orgdata import Org
from tests.talent.test_talent_succession_support import scenario

pytestmark = pytest.mark.django_db

ALL = ["admin", "auditor", "kadis", "kadiskominfo", "kabid1", "kasi1", "staf1a", "unlinked"]
SEE_DIK = {"admin", "auditor", "kadis"}  # kabid1's post is in Dinas Pendidikan
SEE_ANY = {"admin", "auditor", "kadis", "kadiskominfo", "sekda"}


def _client(org: Org, who: str) -> Client:
    c = Client()
    c.force_login(org.users[who])
    return c


@pytest.fixture
def jk(org: Org) -> JabatanKritikal:
    return scenario(org)


@pytest.mark.parametrize("who", ALL)
def test_screens_by_role(org: Org, jk: JabatanKritikal, who: str) -> None:
    c = _client(org, who)
    for url in ("/karier/suksesi/", "/karier/suksesi/berisiko/", "/karier/suksesi/kelompok-talenta/"):
        r = c.get(url)
        assert r.status_code == (200 if who in SEE_ANY else 404), (url, who)
    r = c.get(f"/karier/suksesi/{jk.pk}/")
    assert r.status_code == (200 if who in SEE_DIK else 404), who
    r = c.get(f"/karier/suksesi/{jk.pk}/?export=xlsx")
    assert r.status_code == (200 if who in SEE_DIK else 404), who
    if who in SEE_DIK:
        assert r.content[:2] == b"PK"


def test_agency_head_sees_only_their_agency(org: Org, jk: JabatanKritikal) -> None:
    c = _client(org, "kadiskominfo")
    assert "Kepala Bidang Pembinaan SMA" not in c.get("/karier/suksesi/").content.decode()
    assert "Pegawai kabid2" not in c.get("/karier/suksesi/kelompok-talenta/").content.decode()
    c = _client(org, "kadis")
    assert "Kepala Bidang Pembinaan SMA" in c.get("/karier/suksesi/").content.decode()
    assert "Pegawai kabid2" in c.get("/karier/suksesi/kelompok-talenta/").content.decode()


@pytest.mark.parametrize("who", ALL)
def test_write_screens_by_role(org: Org, jk: JabatanKritikal, who: str) -> None:
    c = _client(org, who)
    bkd = who == "admin"
    assert c.get("/karier/suksesi/baru/").status_code == (200 if bkd else 403)
    edit = c.get(f"/karier/suksesi/{jk.pk}/ubah/").status_code
    assert edit == (200 if bkd else 403 if who in SEE_DIK else 404), who
    r = c.post(f"/karier/suksesi/{jk.pk}/hitung/")
    assert r.status_code == (302 if bkd else 403 if who in SEE_DIK else 404), who
    r = c.post(f"/karier/suksesi/{jk.pk}/nominasi/", {"pegawai": org.pegawai["kasi1"].pk, "alasan": "Siap memimpin"})
    assert r.status_code == (302 if who in {"admin", "kadis"} else 409 if who == "auditor" else 404), who
    assert NominasiSuksesi.objects.exists() == (who in {"admin", "kadis"})


@pytest.mark.parametrize("who", ALL)
def test_decide_and_remove_by_role(org: Org, jk: JabatanKritikal, who: str) -> None:
    from karier.people.access import SYSTEM

    n = services.nominasi_create(actor=SYSTEM, jabatan_kritikal=jk, pegawai=org.pegawai["kasi1"], alasan="Baik")
    c = _client(org, who)
    r = c.post(f"/karier/suksesi/nominasi/{n.pk}/putuskan/", {"keputusan": "setuju", "nomor_berita_acara": "BA-7"})
    assert r.status_code == (302 if who == "admin" else 409 if who in SEE_DIK else 404), who
    n.refresh_from_db()
    assert (n.status == "DISETUJUI") == (who == "admin")
    r = c.post(f"/karier/suksesi/{jk.pk}/hapus/")
    assert r.status_code == (302 if who == "admin" else 403 if who in SEE_DIK else 404), who
    jk.refresh_from_db()
    assert jk.aktif == (who != "admin")


API = "/api/v1/karier/suksesi"


@pytest.mark.parametrize("who", ALL)
def test_api_reads_by_role(org: Org, jk: JabatanKritikal, who: str) -> None:
    c = _client(org, who)
    r = c.get(f"{API}/jabatan")
    assert r.status_code == (200 if who in SEE_ANY else 404), who
    if r.status_code == 200:
        assert r.json()["count"] == (1 if who in SEE_DIK else 0)
    assert c.get(f"{API}/berisiko").status_code == (200 if who in SEE_ANY else 404)
    for url in (f"{API}/jabatan/{jk.pk}/kandidat", f"{API}/jabatan/{jk.pk}/nominasi"):
        assert c.get(url).status_code == (200 if who in SEE_DIK else 404), (url, who)


@pytest.mark.parametrize("who", ALL)
def test_api_writes_by_role(org: Org, jk: JabatanKritikal, who: str) -> None:
    c = _client(org, who)
    body = {"jabatan_id": org.jabatan["kadis"].pk, "golongan_minimal_id": 41}
    r = c.post(f"{API}/jabatan", body, content_type="application/json")
    assert r.status_code == (201 if who == "admin" else 403), who
    r = c.put(f"{API}/jabatan/{jk.pk}", {"masa_kerja_minimal": 3}, content_type="application/json")
    assert r.status_code == (200 if who == "admin" else 403 if who in SEE_DIK else 404), who
    r = c.post(
        f"{API}/jabatan/{jk.pk}/nominasi",
        {"pegawai_id": org.pegawai["kasi1"].pk, "alasan": "Baik"},
        content_type="application/json",
    )
    assert r.status_code == (201 if who in {"admin", "kadis"} else 403 if who == "auditor" else 404), who
    n = NominasiSuksesi.objects.first()
    if n is not None:
        r = c.post(
            f"{API}/nominasi/{n.pk}/keputusan",
            {"setuju": False, "nomor_berita_acara": "BA-9"},
            content_type="application/json",
        )
        assert r.status_code == (200 if who == "admin" else 403), who


def test_anonymous_is_kept_out(org: Org, jk: JabatanKritikal) -> None:
    c = Client()
    assert c.get("/karier/suksesi/").status_code == 302
    assert c.get(f"{API}/jabatan").status_code == 401


def test_hidden_ids_are_404_not_403(org: Org, jk: JabatanKritikal) -> None:
    c = _client(org, "kadis")
    assert c.get("/karier/suksesi/999999/").status_code == 404
    assert c.post("/karier/suksesi/nominasi/999999/putuskan/", {}).status_code == 404
    assert c.get(f"{API}/jabatan/999999/kandidat").status_code == 404
