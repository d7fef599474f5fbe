"""REST endpoints of issue #5 parts 5–8: status codes, validation and the happy path."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tests.appraisal.test_appraisal_calibration_support import BP_SENTENCE, Seksi, seksi
from tests.orgdata import PASSWORD, Org


@pytest.fixture
def s(org: Org) -> Seksi:
    return seksi(org, extra=3)


def _c(s: Seksi, key: str) -> Client:
    c = Client()
    assert c.login(username=s.user(key).username, password=PASSWORD)
    return c


def _json(c: Client, method: str, url: str, body: dict[str, Any] | None = None) -> Any:
    return getattr(c, method)(url, data=json.dumps(body or {}), content_type="application/json")


@pytest.mark.django_db
def test_flow_through_the_api(s: Seksi, django_capture_on_commit_callbacks: Any) -> None:
    base = f"/api/v1/penilaian/kalibrasi/{s.periode.pk}/unit/{s.unit.pk}"
    assert Client().get(base).status_code == 401
    assert _c(s, "staf1a").get(base).status_code == 404
    assert _c(s, "kasi1").get(base + "/hasil").status_code == 404  # not set yet
    r = _json(_c(s, "kasi1"), "put", base + "/hasil", {"predikat": "Baik", "alasan": "x"})
    # The API's one handler (karier/api/api.py): PermissionDenied → 403 with the service's reason.
    assert (r.status_code, r.json()) == (
        403,
        {"detail": "Predikat kinerja organisasi ditetapkan oleh pimpinan di atas unit ini."},
    )
    assert _json(_c(s, "kabid1"), "put", base + "/hasil", {"predikat": "Hebat", "alasan": "x"}).status_code == 422
    assert _json(_c(s, "kabid1"), "put", base + "/hasil", {"predikat": "Baik"}).status_code == 422
    r = _json(_c(s, "kabid1"), "put", base + "/hasil", {"predikat": "Baik", "alasan": " "})
    assert (r.status_code, r.json()) == (
        409,
        {"detail": "Data tidak valid.", "errors": {"alasan": ["Alasan wajib diisi."]}},
    )
    r = _json(_c(s, "kabid1"), "put", base + "/hasil", {"predikat": "Baik", "alasan": "Capaian PK sesuai."})
    assert r.status_code == 200 and r.json()["predikat"] == "Baik"
    cal = _c(s, "kasi1").get(base).json()
    assert cal["jumlah"]["Baik"] == 5 and any(BP_SENTENCE in m for m in cal["pelanggaran"])
    fin = _json(_c(s, "kasi1"), "post", base + "/finalisasi", {})
    assert fin.status_code == 409 and any(BP_SENTENCE in m for m in fin.json()["errors"]["__all__"])
    people = {p["nama"]: p["evaluasi_id"] for p in cal["pegawai"]}
    for nama, ke in (("Pegawai x0", "Butuh Perbaikan"), ("Pegawai x1", "Sangat Baik")):
        r = _json(_c(s, "kasi1"), "post", base + "/pindah", {"evaluasi_id": people[nama], "ke": ke, "alasan": "Rapat."})
        assert r.status_code == 200, r.content
    assert (
        _json(
            _c(s, "kasi1"), "post", base + "/pindah", {"evaluasi_id": 10**12, "ke": "Baik", "alasan": "x"}
        ).status_code
        == 404
    )
    assert _json(_c(s, "kasi1"), "post", base + "/finalisasi", {}).status_code == 200
    signed = _json(_c(s, "kabid1"), "post", base + "/tanda-tangan")
    assert signed.status_code == 200 and signed.json()["ditandatangani"] == 5
    ev_id = people["Dodi Saputra"]
    k = _json(_c(s, "staf1a"), "post", f"/api/v1/penilaian/evaluasi/{ev_id}/keberatan", {"alasan": "Tidak setuju."})
    assert k.status_code == 201
    listed = _c(s, "kabid1").get("/api/v1/penilaian/keberatan?peran=putus").json()
    assert listed["count"] == 1
    assert _c(s, "kabid1").get("/api/v1/penilaian/keberatan?peran=lain").status_code == 422
    d = _json(
        _c(s, "kabid1"),
        "post",
        f"/api/v1/penilaian/keberatan/{k.json()['id']}/putusan",
        {"diterima": True, "keputusan": "Bukti valid.", "predikat_baru": "Sangat Baik"},
    )
    assert d.status_code == 200 and d.json()["status"] == "DITERIMA"
    r = _json(_c(s, "admin"), "post", f"/api/v1/penilaian/evaluasi/{ev_id}/buka-ulang", {"alasan": "Koreksi data."})
    assert r.status_code == 200 and r.json()["status"] == "DIBUKA_ULANG" and r.json()["versi"] == 3
    assert _json(_c(s, "staf1a"), "post", "/api/v1/penilaian/tutup", {"periode_id": s.periode.pk}).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        job = _json(_c(s, "admin"), "post", "/api/v1/penilaian/tutup", {"periode_id": s.periode.pk})
    assert job.status_code == 202
    status = _c(s, "admin").get(f"/api/v1/penilaian/tutup/{job.json()['id']}").json()
    assert status["status"] == "SELESAI" and status["hasil"]["evaluasi_total"] == 6
    assert _c(s, "kasi1").get(f"/api/v1/penilaian/tutup/{job.json()['id']}").status_code == 404
    x = _c(s, "kadis").get(base + "/rekap.xlsx")
    assert x.status_code == 200 and x.content[:2] == b"PK"


@pytest.mark.django_db
def test_screen_and_api_share_the_calibration_lookups(s: Seksi) -> None:
    """`access.unit_periode_for_calibration` / `unit_evaluasi_for_calibration` / `unit_documents_for_actor`
    answer both edges: an evaluation outside the unit's calibration (the Kasi's own, calibrated a level
    up), a hidden unit, a missing period and documents the caller may not read are 404 on both."""
    unit, periode = s.unit.pk, s.periode.pk
    outside = s.ev("kasi1").pk
    move = {"ke": "Baik", "alasan": "Rapat."}
    api = f"/api/v1/penilaian/kalibrasi/{periode}/unit/{unit}"
    assert _json(_c(s, "kasi1"), "post", api + "/pindah", {"evaluasi_id": outside, **move}).status_code == 404
    screen = f"/penilaian/kalibrasi/{periode}/unit/{unit}/pindah/{outside}/"
    assert _c(s, "kasi1").post(screen, move).status_code == 404
    for who, url in (("staf1a", f"/kalibrasi/{periode}/unit/{unit}/"), ("kasi1", f"/kalibrasi/{10**9}/unit/{unit}/")):
        assert _c(s, who).get("/api/v1/penilaian" + url.rstrip("/")).status_code == 404
        assert _c(s, who).get("/penilaian" + url).status_code == 404
    # The head above the unit sees its calibration (he sets its result) but reads neither its penetapan
    # nor its recap; the unit head does.
    assert _c(s, "kabid1").get(api).status_code == 200
    for doc in ("penetapan.pdf", "rekap.xlsx"):
        for who, status in (("staf1a", 404), ("kabid1", 404), ("kasi1", 200)):
            assert _c(s, who).get(f"{api}/{doc}").status_code == status, (who, doc)
            assert _c(s, who).get(f"/penilaian/kalibrasi/{periode}/unit/{unit}/{doc}").status_code == status
