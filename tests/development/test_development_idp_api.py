"""The development plan's API (issue #11 §6, §9): list/get/create, add/change/remove an item,
submit, decide, enrol from an item and "add to my plan" — the same access and refusals as the
screens (hidden 404, not yours 403, a rule's refusal 409), robust to garbage (4xx, never 500).
Every `api:rencana_*` route is exercised here (tests/people/test_access.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from karier.development.models import ItemRencana, RencanaPengembangan, StatusPendaftaran, StatusRencana
from tests.development.catalogue_helpers import sesi
from tests.development.idp_helpers import diajukan, disetujui, kegiatan_kompetensi, rencana

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year
API = "/api/v1/pengembangan/rencana"


def _c(org: Any, key: str) -> Client:
    c = Client()
    c.force_login(org.users[key])
    return c


def _post(c: Client, url: str, body: Any) -> Any:
    return c.post(url, data=json.dumps(body), content_type="application/json")


def test_create_add_submit_decide_over_the_api(org: Any) -> None:
    me = _c(org, "staf1a")
    r = _post(me, API, {})
    assert r.status_code == 201, r.content
    rid = r.json()["id"]
    assert r.json()["tahun"] == YEAR and r.json()["status"] == "DRAFT"
    k = kegiatan_kompetensi(org, kode="K-API")
    r = _post(me, f"{API}/{rid}/item", {"kegiatan_id": k.pk, "target_bulan": 5})
    assert r.status_code == 201 and r.json()["kebutuhan_kode"] == "kompetensi:M.3" and not r.json()["tanpa_kesenjangan"]
    r = _post(me, f"{API}/{rid}/item", {"judul": "MOOC", "metode": "E_LEARNING", "jp": "6,5", "kebutuhan_kode": "-"})
    assert r.status_code == 201 and r.json()["tanpa_kesenjangan"] and r.json()["jp_rencana"] == "6.50"
    item_id = r.json()["id"]
    r = me.put(
        f"{API}/{rid}/item/{item_id}",
        data=json.dumps({"judul": "MOOC Data", "metode": "E_LEARNING", "target_bulan": 7}),
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["judul"] == "MOOC Data"
    assert me.delete(f"{API}/{rid}/item/{item_id}").status_code == 204
    assert _post(me, f"{API}/{rid}/ajukan", {"catatan": "Mohon"}).json()["status"] == "DIAJUKAN"
    assert _post(me, f"{API}/{rid}/putusan", {"setuju": True}).status_code == 403  # not her own
    boss = _c(org, "kasi1")
    queue = boss.get(f"{API}/persetujuan").json()
    assert [p["id"] for p in queue] == [rid] and queue[0]["jumlah_item"] == 1
    r = _post(boss, f"{API}/{rid}/putusan", {"setuju": False, "catatan": ""})
    assert r.status_code == 409 and "catatan" in r.json()["errors"]
    r = _post(boss, f"{API}/{rid}/putusan", {"setuju": True})
    assert r.status_code == 200 and r.json()["status"] == "DISETUJUI" and len(r.json()["item"]) == 1
    assert _post(me, f"{API}/{rid}/item", {"kegiatan_id": k.pk}).status_code == 409  # locked


def test_list_get_and_visibility(org: Any) -> None:
    r = rencana(org)
    rencana(org, "staf2", kode="K-S2")
    assert _c(org, "staf1a").get(f"{API}/{r.pk}").status_code == 200
    for key in ("staf1b", "kadiskominfo", "kabid2"):
        assert _c(org, key).get(f"{API}/{r.pk}").status_code == 404
        assert _post(_c(org, key), f"{API}/{r.pk}/ajukan", {}).status_code == 404
    ids = {p["id"] for p in _c(org, "kasi1").get(API, {"tahun": YEAR}).json()["items"]}
    assert ids == {r.pk}
    assert _c(org, "auditor").get(API).json()["count"] == 2
    assert _c(org, "auditor").get(f"{API}/{r.pk}").json()["item"][0]["pelaksanaan"] == "belum"
    assert _post(_c(org, "auditor"), f"{API}/{r.pk}/item", {"judul": "X", "metode": "SEMINAR"}).status_code == 403
    assert _c(org, "staf1a").get(API, {"status": "DIAJUKAN"}).json()["count"] == 0


def test_enrol_from_an_item_over_the_api(org: Any) -> None:
    r = disetujui(org)
    item = r.item.get()
    s = sesi(org.actor("admin"), item.kegiatan, kapasitas=1)
    me = _c(org, "staf1a")
    resp = _post(me, f"{API}/{r.pk}/item/{item.pk}/daftar", {"sesi_id": s.pk})
    assert resp.status_code == 200, resp.content
    assert resp.json()["pelaksanaan"] == "terdaftar" and resp.json()["pendaftaran_id"] is not None
    assert _post(me, f"{API}/{r.pk}/item/{item.pk}/daftar", {"sesi_id": s.pk}).status_code == 409
    assert ItemRencana.objects.get(pk=item.pk).pendaftaran.status == StatusPendaftaran.TERDAFTAR


def test_tambah_over_the_api(org: Any) -> None:
    k = kegiatan_kompetensi(org, kode="K-T")
    r = _post(_c(org, "staf1a"), f"{API}/tambah", {"kegiatan_id": k.pk, "kompetensi_kode": "M.3"})
    assert r.status_code == 201 and r.json()["kebutuhan_kode"] == "kompetensi:M.3"
    diajukan(org, "staf1b")
    r = _post(_c(org, "staf1b"), f"{API}/tambah", {"kegiatan_id": k.pk})
    assert r.status_code == 409 and "menunggu keputusan atasan" in json.dumps(r.json())


@pytest.mark.parametrize(
    "body",
    [
        [],
        "x",
        {"kegiatan_id": True},
        {"kegiatan_id": -1},
        {"kegiatan_id": 2**70},
        {"target_bulan": 0},
        {"judul": "\x00"},
        {"judul": "X", "metode": "NOPE"},
        {"judul": "X", "metode": "SEMINAR", "jp": "banyak"},
        {"kegiatan_id": 999999},
    ],
)
def test_garbage_items_are_4xx_and_write_nothing(org: Any, body: Any) -> None:
    r = rencana(org, items=0)
    resp = _post(_c(org, "staf1a"), f"{API}/{r.pk}/item", body)
    assert 400 <= resp.status_code < 500, (body, resp.status_code)
    assert ItemRencana.objects.count() == 0
    assert RencanaPengembangan.objects.get(pk=r.pk).status == StatusRencana.DRAFT


def test_garbage_ids_and_years(org: Any) -> None:
    c = _c(org, "staf1a")
    assert c.get(f"{API}/0").status_code in (404, 422)
    assert c.get(f"{API}/99999999").status_code == 404
    assert _post(c, API, {"tahun": 1999}).status_code == 422
    assert _post(c, API, {"tahun": YEAR + 3}).status_code == 409
    assert c.get(API, {"status": "NOPE"}).status_code == 422
