"""/unit and /jabatan: the organisation chart, heads and holders (names only where allowed)."""

from __future__ import annotations

import pytest
from django.test import Client
from karier_api_org import Org, build_org

pytestmark = pytest.mark.django_db


@pytest.fixture
def org() -> Org:
    return build_org()


@pytest.fixture
def staf1(client: Client, org: Org) -> Client:
    client.force_login(org.users["staf1"])
    return client


def names(body: dict) -> list[str]:
    assert body["count"] == len(body["items"])
    return [row["nama"] for row in body["items"]]


# ---------------------------------------------------------------------------- units
def test_unit_list_filters(staf1: Client, org: Org) -> None:
    assert names(staf1.get("/api/v1/unit").json()) == ["Dinas A", "Bidang A1", "Subbidang A1a", "Bidang A2", "Dinas B"]
    assert names(staf1.get("/api/v1/unit", {"parent": "root"}).json()) == ["Dinas A", "Dinas B"]
    assert names(staf1.get("/api/v1/unit", {"parent": org.u["dinas_a"].pk}).json()) == ["Bidang A1", "Bidang A2"]
    assert names(staf1.get("/api/v1/unit", {"opd": org.u["dinas_b"].pk}).json()) == ["Dinas B"]
    assert names(staf1.get("/api/v1/unit", {"q": "bidang a"}).json()) == ["Bidang A1", "Subbidang A1a", "Bidang A2"]
    body = staf1.get("/api/v1/unit", {"limit": 2, "offset": 1}).json()
    assert body["count"] == 5 and names({**body, "count": 2}) == ["Bidang A1", "Subbidang A1a"]
    row = staf1.get("/api/v1/unit", {"parent": "root", "limit": 1}).json()["items"][0]
    assert row == {
        "id": org.u["dinas_a"].pk,
        "nama": "Dinas A",
        "singkatan": "",
        "jenis": "OPD",
        "parent_id": None,
        "opd_id": org.u["dinas_a"].pk,
        "depth": 0,
        "aktif": True,
    }


def test_unit_detail(staf1: Client, org: Org) -> None:
    r = staf1.get(f"/api/v1/unit/{org.u['bidang_a1'].pk}")
    assert r.status_code == 200
    d = r.json()
    assert d["parent"] == {"id": org.u["dinas_a"].pk, "nama": "Dinas A"}
    assert d["opd"] == {"id": org.u["dinas_a"].pk, "nama": "Dinas A"}
    assert d["instansi"]["nama"] == "Pemerintah Provinsi Bengkulu"
    assert d["children"] == [{"id": org.u["sub_a1a"].pk, "nama": "Subbidang A1a"}]
    # The head is managerial: its holder's name is public, the id only for those who may see them.
    assert d["kepala"] == {
        "jabatan": {"id": org.j["kabid1"].pk, "nama": "Kepala Bidang A1"},
        "pemangku": {"pegawai_id": None, "nama": "Citra Lestari", "jenis": "DEFINITIF"},
    }


def test_unit_detail_head_holder_id_when_visible(client: Client, org: Org) -> None:
    client.force_login(org.users["kepala_a"])
    d = client.get(f"/api/v1/unit/{org.u['bidang_a1'].pk}").json()
    assert d["kepala"]["pemangku"]["pegawai_id"] == org.p["kabid1"].pk


def test_unit_without_head_and_missing_unit(staf1: Client, org: Org) -> None:
    from karier.people.access import SYSTEM
    from karier.people.choices import JenisUnit
    from karier.people.services.unit import unit_create

    empty = unit_create(
        actor=SYSTEM, instansi=org.instansi, nama="UPT Kosong", jenis=JenisUnit.UPT, parent=org.u["dinas_b"]
    )
    d = staf1.get(f"/api/v1/unit/{empty.pk}").json()
    assert d["kepala"] is None and d["children"] == []
    r = staf1.get("/api/v1/unit/987654321")
    assert r.status_code == 404 and r.json() == {"detail": "Unit kerja tidak ditemukan."}


# ---------------------------------------------------------------------------- positions
def test_jabatan_list_filters(staf1: Client, org: Org) -> None:
    assert names(staf1.get("/api/v1/jabatan", {"unit": org.u["sub_a1a"].pk}).json()) == [
        "Kepala Subbidang A1a",
        "Analis A1a",
    ]
    assert names(staf1.get("/api/v1/jabatan", {"jenis": "JPT_PRATAMA"}).json()) == ["Kepala Dinas A", "Kepala Dinas B"]
    assert names(staf1.get("/api/v1/jabatan", {"atasan": org.j["kepala_a"].pk}).json()) == [
        "Kepala Bidang A1",
        "Kepala Bidang A2",
    ]
    body = staf1.get("/api/v1/jabatan", {"limit": 3}).json()
    assert body["count"] == 8 and len(body["items"]) == 3
    row = staf1.get("/api/v1/jabatan", {"unit": org.u["sub_a1a"].pk}).json()["items"][1]
    assert row == {
        "id": org.j["analis"].pk,
        "nama": "Analis A1a",
        "jenis": "PELAKSANA",
        "jenjang": "",
        "kelas": 7,
        "formasi": 2,
        "adalah_kepala_unit": False,
        "aktif": True,
        "unit": {"id": org.u["sub_a1a"].pk, "nama": "Subbidang A1a"},
        "atasan_id": org.j["kasub"].pk,
    }


def test_jabatan_detail(staf1: Client, org: Org) -> None:
    d = staf1.get(f"/api/v1/jabatan/{org.j['kasub'].pk}").json()
    assert d["atasan"] == {"id": org.j["kabid1"].pk, "nama": "Kepala Bidang A1"}
    assert d["unit"] == {"id": org.u["sub_a1a"].pk, "nama": "Subbidang A1a"}
    assert d["pemangku"] == {"pegawai_id": None, "nama": "Dedi Kurniawan", "jenis": "DEFINITIF"}
    top = staf1.get(f"/api/v1/jabatan/{org.j['kepala_a'].pk}").json()
    assert top["atasan"] is None and top["atasan_id"] is None
    r = staf1.get("/api/v1/jabatan/987654321")
    assert r.status_code == 404 and r.json() == {"detail": "Jabatan tidak ditemukan."}


def test_jabatan_detail_hides_non_managerial_holder_unless_visible(client: Client, org: Org) -> None:
    url = f"/api/v1/jabatan/{org.j['analis'].pk}"
    client.force_login(org.users["kabid2"])  # a peer's subordinates: hidden
    assert client.get(url).json()["pemangku"] is None
    client.force_login(org.users["kasub"])  # the superior sees the (earliest-appointed) holder
    shown = client.get(url).json()["pemangku"]
    assert shown["pegawai_id"] in {org.p["staf1"].pk, org.p["staf2"].pk} and shown["jenis"] == "DEFINITIF"
    client.force_login(org.users["admin"])
    assert client.get(url).json()["pemangku"]["pegawai_id"] == shown["pegawai_id"]


def test_vacant_position_has_no_holder(staf1: Client, org: Org) -> None:
    from karier_api_org import make_jabatan

    from karier.people.choices import JenisJabatan

    vacant = make_jabatan(org.u["dinas_b"], "Sekretaris", JenisJabatan.ADMINISTRATOR, org.j["kepala_b"])
    assert staf1.get(f"/api/v1/jabatan/{vacant.pk}").json()["pemangku"] is None
