"""/pegawai and /me: who sees whom through the API, the detail shape, filters and pagination."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from karier_api_org import Org, build_org

from karier.people.models import Penugasan
from karier.people.services.penugasan import penugasan_sync

pytestmark = pytest.mark.django_db


@pytest.fixture
def org() -> Org:
    return build_org()


def as_user(client: Client, org: Org, key: str) -> Client:
    client.force_login(org.users[key])
    return client


def visible(client: Client, **params: Any) -> set[int]:
    r = client.get("/api/v1/pegawai", {"limit": 200, **params})
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["count"] == len(body["items"])
    return {row["id"] for row in body["items"]}


def ids(org: Org, *keys: str) -> set[int]:
    return {org.p[k].pk for k in keys}


ALL = ("kepala_a", "kabid1", "kasub", "staf1", "staf2", "kabid2", "staf_a2", "kepala_b", "staf_b")


# ---------------------------------------------------------------------------- access per role
def test_pegawai_sees_only_self_not_co_holder(client: Client, org: Org) -> None:
    c = as_user(client, org, "staf1")
    assert visible(c) == ids(org, "staf1")
    assert c.get(f"/api/v1/pegawai/{org.p['staf1'].pk}").status_code == 200
    r = c.get(f"/api/v1/pegawai/{org.p['staf2'].pk}")
    assert r.status_code == 404
    assert r.json() == {"detail": "Pegawai tidak ditemukan."}


def test_hidden_and_missing_ids_answer_alike(client: Client, org: Org) -> None:
    c = as_user(client, org, "staf1")
    hidden = c.get(f"/api/v1/pegawai/{org.p['kepala_b'].pk}")
    missing = c.get("/api/v1/pegawai/987654321")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()


def test_superior_sees_down_the_chain_not_peers(client: Client, org: Org) -> None:
    c = as_user(client, org, "kabid1")
    assert visible(c) == ids(org, "kabid1", "kasub", "staf1", "staf2")
    for hidden in ("kabid2", "staf_a2", "kepala_a", "staf_b"):
        assert c.get(f"/api/v1/pegawai/{org.p[hidden].pk}").status_code == 404
    assert c.get(f"/api/v1/pegawai/{org.p['staf2'].pk}").status_code == 200


def test_direct_superior(client: Client, org: Org) -> None:
    assert visible(as_user(client, org, "kasub")) == ids(org, "kasub", "staf1", "staf2")


def test_agency_head_sees_the_agency(client: Client, org: Org) -> None:
    c = as_user(client, org, "kepala_a")
    assert visible(c) == ids(org, "kepala_a", "kabid1", "kasub", "staf1", "staf2", "kabid2", "staf_a2")
    assert c.get(f"/api/v1/pegawai/{org.p['staf_b'].pk}").status_code == 404


@pytest.mark.parametrize("role", ["admin", "auditor"])
def test_admin_and_auditor_see_everyone(client: Client, org: Org, role: str) -> None:
    c = as_user(client, org, role)
    assert visible(c) == ids(org, *ALL)
    assert c.get(f"/api/v1/pegawai/{org.p['staf_b'].pk}").status_code == 200


# ---------------------------------------------------------------------------- detail
def test_detail_shape(client: Client, org: Org) -> None:
    staf1 = org.p["staf1"]
    r = as_user(client, org, "kabid1").get(f"/api/v1/pegawai/{staf1.pk}")
    assert r.status_code == 200
    d = r.json()
    nip = staf1.nip
    assert d["nip"] == nip
    assert d["nip_formatted"] == f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    assert d["nama"] == "Eka Putri" and d["nama_lengkap"] == "Eka Putri"
    assert d["gelar"] == {"depan": "", "belakang": ""}
    assert d["jenis_asn"] == "PNS" and d["jenis_kelamin"] == "P" and d["pendidikan"] == "S1"
    assert d["tanggal_lahir"] == staf1.tanggal_lahir.isoformat()
    assert d["golongan"] == {"id": 31, "kode": "III/a", "pangkat": "Penata Muda"}
    assert d["tmt_golongan"] == "2020-01-01"
    assert d["jabatan"] == {
        "id": org.j["analis"].pk,
        "nama": "Analis A1a",
        "jenis": "PELAKSANA",
        "jenjang": "",
        "kelas": 7,
    }
    assert d["unit"] == {"id": org.u["sub_a1a"].pk, "nama": "Subbidang A1a"}
    assert d["opd"] == {"id": org.u["dinas_a"].pk, "nama": "Dinas A"}
    assert d["riwayat_golongan"] == [
        {"golongan": {"id": 31, "kode": "III/a", "pangkat": "Penata Muda"}, "tmt": "2020-01-01", "nomor_sk": ""}
    ]
    assert d["riwayat_jabatan"] == [
        {
            "jabatan": {"id": org.j["analis"].pk, "nama": "Analis A1a"},
            "unit": {"id": org.u["sub_a1a"].pk, "nama": "Subbidang A1a"},
            "jenis": "DEFINITIF",
            "mulai": "2020-01-01",
            "selesai": None,
            "nomor_sk": "",
        }
    ]
    assert d["penilai"] == {
        "pegawai_id": org.p["kasub"].pk,
        "nama": "Dedi Kurniawan",
        "jabatan": {"id": org.j["kasub"].pk, "nama": "Kepala Subbidang A1a"},
        "jenis": "DEFINITIF",
    }


def test_detail_appraiser_skips_a_vacant_superior(client: Client, org: Org) -> None:
    Penugasan.objects.filter(pegawai=org.p["kasub"]).update(selesai=dt.date(2021, 1, 1))
    penugasan_sync(pegawai_ids=[org.p["kasub"].pk])
    d = as_user(client, org, "admin").get(f"/api/v1/pegawai/{org.p['staf1'].pk}").json()
    assert d["penilai"]["pegawai_id"] == org.p["kabid1"].pk
    top = as_user(client, org, "admin").get(f"/api/v1/pegawai/{org.p['kepala_a'].pk}").json()
    assert top["penilai"] is None


# ---------------------------------------------------------------------------- /me
def test_me_roles(client: Client, org: Org) -> None:
    me = as_user(client, org, "staf1").get("/api/v1/me").json()
    assert me["roles"] == ["pegawai"]
    assert me["pegawai"]["id"] == org.p["staf1"].pk
    assert me["pegawai"]["golongan"]["kode"] == "III/a"
    assert as_user(Client(), org, "kabid1").get("/api/v1/me").json()["roles"] == ["pegawai", "atasan"]
    assert as_user(Client(), org, "kepala_a").get("/api/v1/me").json()["roles"] == ["pegawai", "atasan", "kepala_opd"]
    admin = as_user(Client(), org, "admin").get("/api/v1/me").json()
    assert admin == {"username": "admin_bkd", "pegawai": None, "roles": ["admin_bkd"]}
    assert as_user(Client(), org, "auditor").get("/api/v1/me").json()["roles"] == ["auditor"]


# ---------------------------------------------------------------------------- filters
def test_filter_by_name_and_nip_prefix(client: Client, org: Org) -> None:
    c = as_user(client, org, "admin")
    assert visible(c, q="putri") == ids(org, "staf1")
    assert visible(c, q="  ") == ids(org, *ALL)
    nip = org.p["staf2"].nip
    assert visible(c, q=nip) == ids(org, "staf2")
    assert visible(c, q=f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}") == ids(org, "staf2")
    assert visible(c, q="tidak-ada-nama") == set()


def test_filter_by_opd_unit_golongan_jenis(client: Client, org: Org) -> None:
    c = as_user(client, org, "admin")
    assert visible(c, opd=org.u["dinas_b"].pk) == ids(org, "kepala_b", "staf_b")
    # unit includes sub-units
    assert visible(c, unit=org.u["bidang_a1"].pk) == ids(org, "kabid1", "kasub", "staf1", "staf2")
    assert visible(c, unit=org.u["sub_a1a"].pk) == ids(org, "kasub", "staf1", "staf2")
    assert visible(c, unit=987654321) == set()
    assert visible(c, golongan=34) == ids(org, "kabid1", "kabid2")
    assert visible(c, jenis_jabatan="JPT_PRATAMA") == ids(org, "kepala_a", "kepala_b")
    assert visible(c, jenis_jabatan="PELAKSANA", opd=org.u["dinas_a"].pk) == ids(org, "staf1", "staf2", "staf_a2")


def test_filters_stay_inside_visibility(client: Client, org: Org) -> None:
    c = as_user(client, org, "kabid1")
    assert visible(c, opd=org.u["dinas_b"].pk) == set()
    assert visible(c, jenis_jabatan="ADMINISTRATOR") == ids(org, "kabid1")


def test_pagination(client: Client, org: Org) -> None:
    c = as_user(client, org, "admin")
    names: list[str] = []
    for offset in (0, 4, 8):
        body = c.get("/api/v1/pegawai", {"limit": 4, "offset": offset}).json()
        assert body["count"] == 9 and body["limit"] == 4 and body["offset"] == offset
        names += [row["nama"] for row in body["items"]]
    assert len(names) == 9 and names == sorted(names)
    assert c.get("/api/v1/pegawai", {"offset": 100}).json()["items"] == []
    assert len(c.get("/api/v1/pegawai").json()["items"]) == 9  # default limit 50


def test_list_item_shape(client: Client, org: Org) -> None:
    body = as_user(client, org, "staf1").get("/api/v1/pegawai").json()
    (row,) = body["items"]
    assert set(row) == {
        "id",
        "nip",
        "nip_formatted",
        "nama",
        "nama_lengkap",
        "jenis_asn",
        "golongan",
        "jabatan",
        "unit",
        "opd",
    }
    assert row["unit"] == {"id": org.u["sub_a1a"].pk, "nama": "Subbidang A1a"}
