"""The SKP API: same access rules as the screens (404 hidden, 403 not yours to do, 422 refused input
with nothing written), the workflow end to end, fixed query counts, and the OpenAPI schema."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from karier.people.access import as_actor
from karier.plans import services
from karier.plans.models import IndikatorKinerjaIndividu, RencanaHasilKerja, Skp
from karier.plans.services import IkiData, RhkData
from tests.orgdata import Org, build_org

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year
API = "/api/v1"


def as_user(org: Org, key: str) -> Client:
    c = Client()
    c.force_login(org.users[key])
    return c


def post(c: Client, url: str, body: dict[str, Any] | None = None, method: str = "post") -> Any:
    return getattr(c, method)(f"{API}{url}", data=json.dumps(body or {}), content_type="application/json")


def plan(org: Org, key: str = "staf1a") -> Skp:
    skp = services.skp_create(actor=org.actor(key), pegawai=org.pegawai[key], tahun=YEAR, sumber="KOSONG")
    services.rhk_add(
        actor=org.actor(key),
        skp=skp,
        data=RhkData(teks=f"Hasil {key}"),
        iki=IkiData(indikator="Jumlah laporan", target_angka=12, satuan="laporan"),
    )
    return skp


def test_unauthenticated_is_401(client: Client, org: Org) -> None:
    assert client.get(f"{API}/skp").status_code == 401
    assert post(client, "/skp", {"tahun": YEAR, "sumber": "KOSONG"}).status_code == 401


def test_create_read_and_edit_rows(org: Org) -> None:
    c = as_user(org, "staf1a")
    r = post(c, "/skp", {"tahun": YEAR, "sumber": "KOSONG"})
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["penilai"]["nama"] == org.pegawai["kasi1"].nama_lengkap
    assert len(body["perilaku"]) == 7 and len(body["perilaku"][0]["panduan"]) == 3
    skp_id = body["id"]
    r = post(
        c,
        f"/skp/{skp_id}/rhk",
        {
            "teks": "Data kurikulum",
            "iki": {"aspek": "KUANTITAS", "indikator": "Jumlah laporan", "target_angka": "12", "satuan": "laporan"},
        },
    )
    assert r.status_code == 201, r.content
    rhk = r.json()["hasil_utama"][0]
    assert rhk["iki"][0]["target_angka"] == "12.0000"  # targets in the API: Decimal as a JSON string
    r = post(
        c,
        f"/skp/{skp_id}/rhk/{rhk['id']}/iki",
        {"aspek": "KUALITAS", "indikator": "Mutu", "target_kualitatif": "tanpa revisi"},
    )
    assert r.status_code == 201
    iki_id = r.json()["hasil_utama"][0]["iki"][1]["id"]
    r = post(c, f"/skp/{skp_id}/iki/{iki_id}", {"target_angka": "99,5", "satuan": "%"}, method="patch")
    assert r.status_code == 200 and r.json()["hasil_utama"][0]["iki"][1]["target_angka"] == "99.5000"
    r = post(c, f"/skp/{skp_id}/rhk/{rhk['id']}", {"jenis": "TAMBAHAN"}, method="patch")
    assert r.status_code == 200 and r.json()["hasil_tambahan"][0]["id"] == rhk["id"]
    r = post(c, f"/skp/{skp_id}/lampiran", {"konsekuensi": "Teguran lisan"}, method="patch")
    assert r.json()["lampiran"]["konsekuensi"] == "Teguran lisan"
    assert c.delete(f"{API}/skp/{skp_id}/iki/{iki_id}").status_code == 200
    assert c.delete(f"{API}/skp/{skp_id}/rhk/{rhk['id']}").status_code == 200
    assert c.get(f"{API}/skp").json()["count"] == 1


def test_bad_input_is_refused_and_nothing_is_written(org: Org) -> None:
    skp = plan(org)
    c = as_user(org, "staf1a")
    before = (RencanaHasilKerja.objects.count(), IndikatorKinerjaIndividu.objects.count())
    r = post(
        c,
        f"/skp/{skp.pk}/rhk",
        {"teks": "Baru", "iki": {"aspek": "KUANTITAS", "indikator": "Jumlah", "target_angka": "dua belas"}},
    )
    assert r.status_code == 409
    assert r.json()["errors"]["target_angka"] == ["Target harus berupa angka, misalnya 12 atau 99,5."]
    other = plan(org, "staf1b")
    r = post(c, f"/skp/{skp.pk}/rhk/{skp.rhk.get().pk}/atasan", {"rhk_atasan_id": other.rhk.get().pk}, method="put")
    assert r.status_code == 409 and "bukan RHK pejabat penilai" in r.json()["errors"]["rhk_atasan"][0]
    r = post(c, f"/skp/{skp.pk}/rhk/{skp.rhk.get().pk}/atasan", {"rhk_atasan_id": 10**12}, method="put")
    assert r.status_code == 409
    assert post(c, "/skp", {"tahun": YEAR, "sumber": "KOSONG"}).status_code == 409  # duplicate
    assert post(c, "/skp", {"tahun": 1999, "sumber": "KOSONG"}).status_code == 422
    assert post(c, "/skp", {"tahun": YEAR, "sumber": "APA"}).status_code == 422
    assert (RencanaHasilKerja.objects.count(), IndikatorKinerjaIndividu.objects.count()) == (
        before[0] + 1,
        before[1] + 1,
    )
    assert Skp.objects.count() == 2


def test_hidden_is_404_and_not_yours_is_403(org: Org) -> None:
    skp = plan(org)
    assert as_user(org, "kabid2").get(f"{API}/skp/{skp.pk}").status_code == 404
    assert post(as_user(org, "kabid2"), f"/skp/{skp.pk}/setujui").status_code == 404
    assert as_user(org, "kabid1").get(f"{API}/skp/{skp.pk}").status_code == 200
    r = post(as_user(org, "kasi1"), f"/skp/{skp.pk}/rhk", {"teks": "oleh atasan"})
    assert r.status_code == 403 and r.json()["detail"].startswith("Hanya pegawai pemilik")
    r = post(as_user(org, "auditor"), f"/skp/{skp.pk}/ajukan")
    assert r.status_code == 403
    # Creating for someone else: hidden → 404; visible but not the admin → 403; admin → 201.
    assert (
        post(
            as_user(org, "kabid2"), "/skp", {"tahun": YEAR, "sumber": "KOSONG", "pegawai_id": org.pegawai["staf1b"].pk}
        ).status_code
        == 404
    )
    assert (
        post(
            as_user(org, "kasi1"), "/skp", {"tahun": YEAR, "sumber": "KOSONG", "pegawai_id": org.pegawai["staf1b"].pk}
        ).status_code
        == 403
    )
    assert (
        post(
            as_user(org, "admin"), "/skp", {"tahun": YEAR, "sumber": "KOSONG", "pegawai_id": org.pegawai["staf1b"].pk}
        ).status_code
        == 201
    )


def test_workflow_over_the_api(org: Org) -> None:
    skp = plan(org)
    boss_plan = plan(org, "kasi1")
    owner, boss = as_user(org, "staf1a"), as_user(org, "kasi1")
    options = owner.get(f"{API}/skp/{skp.pk}/rhk-atasan").json()
    assert [o["id"] for o in options] == [boss_plan.rhk.get().pk] and options[0]["status_skp"] == "DRAFT"
    r = post(owner, f"/skp/{skp.pk}/rhk/{skp.rhk.get().pk}/atasan", {"rhk_atasan_id": options[0]["id"]}, method="put")
    assert r.json()["hasil_utama"][0]["rhk_atasan"]["teks"] == "Hasil kasi1"
    assert post(owner, f"/skp/{skp.pk}/ajukan").json()["status"] == "DIAJUKAN"
    assert post(owner, f"/skp/{skp.pk}/setujui").status_code == 403
    assert "tarik" in owner.get(f"{API}/skp/{skp.pk}").json()["tindakan"]
    assert post(boss, f"/skp/{skp.pk}/tarik").status_code == 403  # only the owner takes it back
    assert post(owner, f"/skp/{skp.pk}/tarik").json()["status"] == "DRAFT"
    assert post(owner, f"/skp/{skp.pk}/tarik").status_code == 409  # a draft has nothing to withdraw
    assert post(owner, f"/skp/{skp.pk}/ajukan").json()["status"] == "DIAJUKAN"
    r = post(boss, f"/skp/{skp.pk}/kembalikan", {"komentar": ""})
    assert r.status_code == 409 and r.json()["errors"] == {"komentar": ["Komentar wajib diisi."]}
    r = post(boss, f"/skp/{skp.pk}/kembalikan", {"komentar": "Naikkan target"})
    assert r.json()["status"] == "DIKEMBALIKAN" and r.json()["dialog"][-1]["teks"] == "Naikkan target"
    post(owner, f"/skp/{skp.pk}/dialog", {"teks": "Siap"})
    assert post(owner, f"/skp/{skp.pk}/ajukan").status_code == 200
    r = post(boss, f"/skp/{skp.pk}/setujui", {"komentar": "Oke"})
    assert r.json()["status"] == "DISETUJUI" and r.json()["tindakan"] == ["revisi"]
    assert post(owner, f"/skp/{skp.pk}/rhk", {"teks": "x"}).status_code == 409  # approved: only a revision changes it
    r = post(owner, f"/skp/{skp.pk}/revisi", {"alasan": "Tugas baru"})
    assert (r.json()["status"], r.json()["versi"]) == ("DRAFT", 2)
    e = skp.perilaku.get(nilai_id="ADAPTIF")
    r = post(boss, f"/skp/{skp.pk}/perilaku/{e.pk}", {"ekspektasi_khusus": "Siap ditugaskan"}, method="patch")
    assert r.status_code == 200
    assert as_user(org, "kasi1").get(f"{API}/skp/bawahan").json()["count"] == 1


def test_path_ids_out_of_range_are_422_and_insight_routes_still_route(org: Org) -> None:
    c = as_user(org, "admin")
    assert c.get(f"{API}/skp/0").status_code == 422
    assert c.get(f"{API}/skp/{2**70}").status_code == 422
    assert c.get(f"{API}/skp/abc").status_code == 404


def _measure(c: Client, url: str) -> int:
    c.get(url)
    with CaptureQueriesContext(connection) as ctx:
        r = c.get(url)
    assert r.status_code == 200
    return len(ctx.captured_queries)


def test_subordinate_list_queries_do_not_grow() -> None:
    from karier.accounts.models import User

    org = build_org(extra_staff=2)

    def plans_for(keys: list[str]) -> None:
        for k in keys:
            p = org.pegawai[k]
            user = org.users.get(k) or User.objects.create_user(username=p.nip, pegawai=p)
            skp = services.skp_create(actor=as_actor(user), pegawai=p, tahun=YEAR, sumber="KOSONG")
            services.rhk_add(
                actor=as_actor(user),
                skp=skp,
                data=RhkData(teks="x"),
                iki=IkiData(indikator="y", target_angka=1, satuan="z"),
            )

    plans_for(["staf1a", "staf1b", "extra0", "extra1"])
    c = as_user(org, "kasi1")
    small = _measure(c, f"{API}/skp/bawahan?limit=200")
    for i in range(2, 38):
        org.add_pegawai(f"extra{i}", "staf1", golongan=31, user=False)
    plans_for([f"extra{i}" for i in range(2, 38)])
    large = _measure(c, f"{API}/skp/bawahan?limit=200")
    assert small == large
    assert c.get(f"{API}/skp/bawahan?limit=200").json()["count"] == 40


def test_openapi_documents_the_plan_routes(client: Client) -> None:
    schema = client.get(f"{API}/openapi.json").json()
    paths = schema["paths"]
    assert {
        "/api/v1/skp",
        "/api/v1/skp/bawahan",
        "/api/v1/skp/{skp_id}",
        "/api/v1/skp/{skp_id}/ajukan",
        "/api/v1/skp/{skp_id}/tarik",
        "/api/v1/skp/{skp_id}/setujui",
        "/api/v1/skp/{skp_id}/rhk/{rhk_id}/atasan",
    } <= set(paths)
    for path, item in paths.items():
        if not path.startswith("/api/v1/skp") or any(
            x in path for x in ("cakupan", "kaskade", "massal", "pdf", "xlsx")
        ):
            continue
        for method, op in item.items():
            expected = {"401", "422"} | ({"403", "404"} if method != "get" else set())
            if "{" in path:
                expected.add("404")
            assert expected <= set(op["responses"]), (path, method)
            for p in op.get("parameters", []):
                if p["in"] == "path":
                    assert p["schema"]["minimum"] == 1, (path, p)
