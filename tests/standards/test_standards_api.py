"""The standards API: reads, writes, 422 in Bahasa Indonesia with nothing written, the OpenAPI schema."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.apps import apps
from django.test import Client

from karier.core.models import AuditEvent
from karier.standards.models import Indikator, PerjanjianKinerja, StandarHasil, StandarJabatan

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in [*apps.get_app_config("standards").get_models(), AuditEvent]}


def _send(client: Client, method: str, url: str, body: Any) -> Any:
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json")


def test_rpjmd_tree_and_indicator_series(seeded: Any, login: Any) -> None:
    c = login("pranata")
    rpjmd = c.get("/api/v1/rpjmd").json()["items"][0]
    tree = c.get(f"/api/v1/rpjmd/{rpjmd['id']}").json()
    assert tree["visi"] == "Bengkulu Maju, Sejahtera dan Hebat"
    iku = [i for m in tree["misi"] for t in m["tujuan"] for s in t["sasaran"] for i in s["indikator"]]
    ipm = next(i for i in iku if i["kode"] == "IKU-01")
    detail = c.get(f"/api/v1/indikator/{ipm['id']}").json()
    assert [s["label"] for s in detail["seri"]] == ["metode lama (s.d. 2022)", "metode baru (sejak 2023)"]
    realisasi = {n["tahun"]: n["realisasi"] for n in detail["nilai"]}
    assert realisasi[2024] == "74.9100"  # decimals are JSON strings with the stored four places
    assert all(isinstance(v, str) for v in realisasi.values() if v is not None)
    assert isinstance(detail["baseline"], str | None)
    assert detail["boleh_ubah"] is False and detail["penjelasan"]


def test_position_standard_read_has_all_seven_values(seeded: Any, login: Any) -> None:
    body = login("staf1a").get(f"/api/v1/standar-jabatan/{seeded.jabatan['pranata'].pk}").json()
    assert [g["dimensi"] for g in body["hasil"]] == ["PRODUKTIVITAS", "KOMPETENSI", "INTEGRITAS"]
    assert len(body["perilaku"]) == 7 and all(len(p["panduan"]) == 3 for p in body["perilaku"])
    uptime = body["hasil"][0]["hasil"][0]
    assert uptime["indikator"] == "Persentase ketersediaan layanan (uptime)" and uptime["target_angka"] == "99.0000"
    assert body["boleh_ubah"] is False


BAD_TARGETS = [
    ({"aspek": "KUANTITAS", "target_angka": "dua belas"}, "target_angka", "Target harus berupa angka"),
    ({"aspek": "WAKTU", "target_angka": None}, "target_angka", "memerlukan target berupa angka"),
    ({"aspek": "BIAYA"}, "target_angka", "memerlukan target berupa angka"),
    ({"aspek": "KUALITAS", "target_kualitatif": ""}, "target_kualitatif", "angka atau uraian"),
    ({"aspek": "KUANTITAS", "target_angka": "1.000.000.000.000.000"}, "target_angka", "terlalu besar"),
]


@pytest.mark.parametrize(("extra", "field", "message"), BAD_TARGETS)
def test_hasil_with_a_bad_target_is_409_in_indonesian_and_writes_nothing(
    org: Any, login: Any, extra: dict[str, Any], field: str, message: str
) -> None:
    before = _counts()
    body = {"rhk": "Tersusunnya laporan", "indikator": "Jumlah laporan", "satuan": "laporan", **extra}
    r = _send(login("kabid1"), "post", f"/api/v1/standar-jabatan/{org.jabatan['staf1'].pk}/hasil", body)
    assert r.status_code == 409, r.content
    data = r.json()
    assert data["detail"] == "Data tidak valid."
    assert any(message in m for m in data["errors"][field]), data
    assert _counts() == before  # not even the empty standard the first result would have created


def test_write_round_trip(seeded: Any, login: Any) -> None:
    c = login("kadis")
    url = f"/api/v1/standar-jabatan/{seeded.jabatan['staf1'].pk}"
    r = _send(
        c,
        "put",
        url,
        {
            "ringkasan": "Mengolah data kurikulum SMA.",
            "perilaku": [
                {"nilai": "AKUNTABEL", "ekspektasi": "Data dikirim apa adanya."},
                {"nilai": "BERORIENTASI_PELAYANAN", "ekspektasi": "Permintaan data sekolah dijawab dalam 1 hari."},
            ],
        },
    )
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["ringkasan"] == "Mengolah data kurikulum SMA." and body["boleh_ubah"] is True
    assert sum(1 for p in body["perilaku"] if p["ekspektasi"]) == 2
    r = _send(
        c,
        "post",
        f"{url}/hasil",
        {
            "rhk": "Tersedianya rekap nilai",
            "indikator": "Jumlah rekap",
            "aspek": "KUANTITAS",
            "target_angka": "12",
            "satuan": "rekap",
            "dimensi": "KOMPETENSI",
        },
    )
    assert r.status_code == 201
    assert r.json()["target_angka"] == "12.0000"  # a decimal string in, the decimal string out
    hasil_id = r.json()["id"]
    r = _send(c, "patch", f"/api/v1/standar-hasil/{hasil_id}", {"target_angka": 10.5})  # a JSON number in
    assert r.status_code == 200 and r.json()["target_angka"] == "10.5000"
    r = _send(c, "patch", f"/api/v1/standar-hasil/{hasil_id}", {"aspek": "WAKTU", "target_angka": "segera"})
    assert r.status_code == 409 and "Target harus berupa angka" in r.json()["errors"]["target_angka"][0]
    assert StandarHasil.objects.get(pk=hasil_id).aspek == "KUANTITAS"
    assert c.delete(f"/api/v1/standar-hasil/{hasil_id}").status_code == 204
    assert not StandarHasil.objects.filter(pk=hasil_id).exists()


def test_unknown_behaviour_value_is_422_and_nothing_changes(seeded: Any, login: Any) -> None:
    url = f"/api/v1/standar-jabatan/{seeded.jabatan['staf1'].pk}"
    before = StandarJabatan.objects.get(jabatan=seeded.jabatan["staf1"]).ringkasan
    r = _send(login("admin"), "put", url, {"ringkasan": "Baru", "perilaku": [{"nilai": "RAJIN", "ekspektasi": "x"}]})
    assert r.status_code == 409 and "tidak dikenal" in r.json()["errors"]["perilaku.0.nilai"][0]
    assert StandarJabatan.objects.get(jabatan=seeded.jabatan["staf1"]).ringkasan == before


def test_agreement_sign_and_reopen_through_the_api(seeded: Any, login: Any) -> None:
    c = login("kadis")
    pk = PerjanjianKinerja.objects.get(opd=seeded.units["dik"])
    row = pk.rows.first()
    assert row is not None
    r = _send(c, "patch", f"/api/v1/perjanjian-baris/{row.pk}", {"target": 9.4})
    assert r.status_code == 409 and "sudah ditandatangani" in r.json()["errors"]["__all__"][0]
    r = _send(c, "post", f"/api/v1/perjanjian/{pk.pk}/status", {"aksi": "buka"})
    assert r.status_code == 409 and "wajib diisi" in r.json()["errors"]["alasan"][0]
    r = _send(c, "post", f"/api/v1/perjanjian/{pk.pk}/status", {"aksi": "buka", "alasan": "Revisi target."})
    assert r.json() == {"status": "DRAFT", "ditandatangani_pada": None, "aksi": ["tandatangan"]}
    assert _send(c, "patch", f"/api/v1/perjanjian-baris/{row.pk}", {"target": "9,4"}).json()["target"] == "9.4000"
    r = _send(c, "post", f"/api/v1/perjanjian/{pk.pk}/status", {"aksi": "tandatangan", "tanggal": "2026-02-02"})
    assert r.json()["status"] == "DITANDATANGANI" and r.json()["ditandatangani_pada"] == "2026-02-02"


def test_nilai_and_indicator_writes(seeded: Any, login: Any) -> None:
    c = login("admin")
    ipm = Indikator.objects.get(kode="IKU-01")
    r = _send(c, "put", f"/api/v1/indikator/{ipm.pk}/nilai", {"tahun": 2026, "realisasi": "tinggi"})
    assert r.status_code == 409 and "harus berupa angka" in r.json()["errors"]["realisasi"][0]
    r = _send(
        c, "put", f"/api/v1/indikator/{ipm.pk}/nilai", {"tahun": 2026, "realisasi": 76.1, "metode": "BPS baru (2023)"}
    )
    assert r.status_code == 200 and r.json()["realisasi"] == "76.1000" and r.json()["target"] is None
    rls = Indikator.objects.get(kode="IKD-DIK-01")
    r = _send(
        c,
        "post",
        "/api/v1/indikator",
        {"sasaran_renstra_id": rls.sasaran_renstra_id, "nama": "APM SMA", "satuan": "%", "induk_id": rls.pk},
    )
    assert r.status_code == 409 and "provinsi" in r.json()["errors"]["induk"][0]
    r = _send(c, "post", "/api/v1/indikator", {"sasaran_renstra_id": 10**12, "nama": "APM SMA", "satuan": "%"})
    assert r.status_code == 409 and "tidak ditemukan" in r.json()["errors"]["sasaran_renstra_id"][0]


BAD_PARAMS = [
    ("get", "/api/v1/indikator", {"rpjmd": 0}),
    ("get", "/api/v1/indikator", {"opd": 2**63}),
    ("get", "/api/v1/perjanjian", {"tahun": 1800}),
    ("get", "/api/v1/perjanjian", {"status": "SELESAI"}),
    ("get", "/api/v1/standar-jabatan", {"q": "a\x00b"}),
    ("get", "/api/v1/standar-jabatan", {"jenis": "raja"}),
    ("get", "/api/v1/renstra/0", {}),
    ("get", "/api/v1/standar-jabatan/99999999999999999999", {}),
    ("get", "/api/v1/standar-hasil/-1", {}),
    ("get", "/api/v1/indikator/abc/nilai", {}),
]


@pytest.mark.parametrize(("method", "url", "params"), BAD_PARAMS)
def test_bad_parameters_are_422_never_500(seeded: Any, login: Any, method: str, url: str, params: dict) -> None:
    r = login("kabid1").get(url, params)
    assert r.status_code == 422, (url, r.status_code, r.content[:300])


BAD_BODIES = [
    ("put", "/api/v1/indikator/{ipm}/nilai", {"tahun": 99999}),
    ("put", "/api/v1/indikator/{ipm}/nilai", {"tahun": 2026, "metode": "x" * 61}),
    ("put", "/api/v1/indikator/{ipm}/nilai", {"tahun": 2026, "target": [1]}),
    ("put", "/api/v1/indikator/{ipm}/nilai", "bukan json"),
    ("post", "/api/v1/standar-jabatan/{staf1}/salin", {"jabatan_ids": [0]}),
    ("post", "/api/v1/standar-jabatan/{staf1}/salin", {"jabatan_ids": []}),
    ("post", "/api/v1/standar-jabatan/{staf1}/hasil", {"rhk": "a\x00", "indikator": "b"}),
    ("post", "/api/v1/standar-jabatan/{staf1}/hasil", {"rhk": "a", "indikator": "b", "aspek": "KECEPATAN"}),
    ("post", "/api/v1/perjanjian/{pk}/status", {"aksi": "hapus"}),
]


@pytest.mark.parametrize(("method", "url", "body"), BAD_BODIES)
def test_bad_bodies_are_422_and_write_nothing(seeded: Any, login: Any, method: str, url: str, body: Any) -> None:
    ids = {
        "ipm": Indikator.objects.get(kode="IKU-01").pk,
        "staf1": seeded.jabatan["staf1"].pk,
        "pk": PerjanjianKinerja.objects.get(opd=seeded.units["dik"]).pk,
    }
    before = _counts()
    client = login("admin")
    target = url.format(**ids)
    if isinstance(body, str):
        r = getattr(client, method)(target, data=body, content_type="application/json")
    else:
        r = _send(client, method, target, body)
    assert r.status_code in {400, 422}, (target, r.status_code, r.content[:300])
    assert _counts() == before


def test_openapi_documents_every_standards_operation(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    paths = {
        p: ops
        for p, ops in schema["paths"].items()
        if p.split("/")[3]
        in {"rpjmd", "indikator", "renstra", "perjanjian", "perjanjian-baris", "standar-jabatan", "standar-hasil"}
    }
    assert len(paths) == 18
    for path, ops in paths.items():
        assert "get" in ops, path
        for method, op in ops.items():
            responses = set(op["responses"])
            assert {"401", "422"} <= responses, (path, method)
            if method != "get":
                assert {"403", "404"} <= responses, (path, method)
            if "{" in path:
                assert "404" in responses
                (param,) = [p for p in op["parameters"] if p["in"] == "path"]
                assert param["schema"]["minimum"] == 1
            assert op["security"], path
