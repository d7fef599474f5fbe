"""The succession API (issue #12 item 5): key positions (list, create, update), candidates per
position (paginated), positions at risk, nominations and decisions; refusals are 409 with the reason,
schema violations 422, nothing written on either."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from karier.people.models import Pegawai
from karier.talent.models import JabatanKritikal, NominasiSuksesi
from tests.orgdata import Org
from tests.talent.test_talent_succession_support import kid, scenario

pytestmark = pytest.mark.django_db
API = "/api/v1/karier/suksesi"


def _client(org: Org, who: str = "admin") -> Client:
    c = Client()
    c.force_login(org.users[who])
    return c


def test_create_update_and_list(org: Org) -> None:
    c = _client(org)
    body = {
        "jabatan_id": org.jabatan["kabid1"].pk,
        "jenis_jabatan": ["PENGAWAS"],
        "golongan_minimal_id": 34,
        "pendidikan_minimal": "S1",
        "masa_kerja_minimal": 5,
        "kompetensi": [{"kompetensi_id": kid("M.1"), "level": 3}],
    }
    r = c.post(f"{API}/jabatan", body, content_type="application/json")
    assert r.status_code == 201, r.content
    out = r.json()
    assert out["jabatan"] == "Kepala Bidang Pembinaan SMA" and out["kompetensi"][0]["kode"] == "M.1"
    assert out["pemangku"]["nama"] == "Wati Susanti" and out["pemangku"]["usia_bup"] == 58
    r = c.put(f"{API}/jabatan/{out['id']}", {"masa_kerja_minimal": 2}, content_type="application/json")
    assert r.status_code == 200 and r.json()["masa_kerja_minimal"] == 2 and r.json()["kompetensi"] == []
    r = c.get(f"{API}/jabatan?limit=1")
    assert r.json()["count"] == 1 and r.json()["items"][0]["id"] == out["id"]
    assert c.get(f"{API}/jabatan?aktif=false").json()["count"] == 0


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"jabatan_id": 0}, 422),
        ({"jenis_jabatan": ["RAJA"]}, 422),
        ({"masa_kerja_minimal": 41}, 422),
        ({"kompetensi": [{"kompetensi_id": 1, "level": 6}]}, 422),
        ({"golongan_minimal_id": 99}, 409),
        ({"kompetensi": [{"kompetensi_id": 999999, "level": 3}]}, 409),
        ({"jabatan_id": 999999}, 404),
        ({"masa_kerja_minimal": True}, 422),
    ],
)
def test_create_bad_input_writes_nothing(org: Org, body: dict[str, object], status: int) -> None:
    payload = {"jabatan_id": org.jabatan["kabid1"].pk, **body}
    r = _client(org).post(f"{API}/jabatan", payload, content_type="application/json")
    assert r.status_code == status, r.content
    assert not JabatanKritikal.objects.exists()


def test_candidates_are_paginated_with_reasons_and_gaps(org: Org) -> None:
    jk = scenario(org)
    c = _client(org)
    r = c.get(f"{API}/jabatan/{jk.pk}/kandidat?limit=2")
    data = r.json()
    assert data["count"] == 3 and [i["nama"] for i in data["items"]] == ["Pegawai kabid2", "Pegawai kasi1"]
    kasi = data["items"][1]
    assert kasi["kesiapan"] == "Siap 1–2 tahun" and kasi["kesenjangan"][0]["kompetensi_kode"] == "M.5"
    assert kasi["rekomendasi_url"] == f"/pengembangan/rekomendasi/pegawai/{org.pegawai['kasi1'].pk}/"
    last = c.get(f"{API}/jabatan/{jk.pk}/kandidat?offset=2").json()["items"][0]
    assert last["memenuhi_syarat"] is False and any("Golongan" in a for a in last["alasan"])


def test_at_risk(org: Org) -> None:
    jk = scenario(org)
    c = _client(org)
    today = timezone.localdate()
    Pegawai.objects.filter(pk=org.pegawai["kabid1"].pk).update(tanggal_lahir=dt.date(today.year - 57, 6, 1))
    assert c.get(f"{API}/berisiko").json()["count"] == 0  # kabid2 is ready now
    NominasiSuksesi.objects.all().delete()
    from karier.talent.models import PenempatanTalenta
    from karier.talent.succession.compute import recompute_candidates

    PenempatanTalenta.objects.filter(pegawai=org.pegawai["kabid2"]).delete()
    recompute_candidates()
    data = c.get(f"{API}/berisiko").json()
    assert data["count"] == 1 and data["items"][0]["id"] == jk.pk and data["items"][0]["berisiko"] is True


def test_nominate_and_decide(org: Org) -> None:
    jk = scenario(org)
    kadis = _client(org, "kadis")
    r = kadis.post(
        f"{API}/jabatan/{jk.pk}/nominasi",
        {"pegawai_id": org.pegawai["kabid1"].pk, "alasan": "x"},
        content_type="application/json",
    )
    assert r.status_code == 409 and "pegawai" in r.json()["errors"]  # the holder herself
    r = kadis.post(
        f"{API}/jabatan/{jk.pk}/nominasi",
        {"pegawai_id": org.pegawai["kasi1"].pk, "alasan": "Siap"},
        content_type="application/json",
    )
    assert r.status_code == 201
    n = r.json()
    admin = _client(org)
    r = admin.post(f"{API}/nominasi/{n['id']}/keputusan", {"setuju": True}, content_type="application/json")
    assert r.status_code == 422
    r = admin.post(
        f"{API}/nominasi/{n['id']}/keputusan",
        {"setuju": True, "nomor_berita_acara": "BA-1", "catatan": "Lanjut"},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["status"] == "DISETUJUI"
    r = admin.post(
        f"{API}/nominasi/{n['id']}/keputusan",
        {"setuju": False, "nomor_berita_acara": "BA-2"},
        content_type="application/json",
    )
    assert r.status_code == 409
    listed = admin.get(f"{API}/jabatan/{jk.pk}/nominasi").json()
    assert listed["count"] == 1 and listed["items"][0]["nomor_berita_acara"] == "BA-1"
