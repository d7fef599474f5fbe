"""The appraisal API (parts 1, 2, 4): 401/403/404, 409 (a rule refuses), 422 (schema), periods, my and
subordinates' evaluations, realisation, evidence upload/list/download/delete, feedback, notes,
rating and bulk rating."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from karier.appraisal.choices import StatusEvaluasi
from karier.appraisal.models import BuktiDukung, Evaluasi, PeriodePenilaian
from karier.plans.models import IndikatorKinerjaIndividu
from tests.appraisal.test_appraisal_support import ALASAN, PDF, YEAR, configured
from tests.orgdata import PASSWORD, Org

pytestmark = pytest.mark.django_db
API = "/api/v1"


def as_user(org: Org, key: str) -> Client:
    c = Client()
    assert c.login(username=org.users[key].username, password=PASSWORD)
    return c


def send(c: Client, method: str, url: str, body: dict[str, Any] | None = None) -> Any:
    return getattr(c, method)(f"{API}{url}", data=json.dumps(body or {}), content_type="application/json")


def rating(hk: str = "Sesuai Ekspektasi", ahk: str = ALASAN) -> dict[str, Any]:
    return {
        "rating_hasil_kerja": hk,
        "alasan_hasil_kerja": ahk,
        "rating_perilaku": "Sesuai Ekspektasi",
        "alasan_perilaku": ALASAN,
    }


def test_unauthenticated_is_401(client: Client, org: Org) -> None:
    assert client.get(f"{API}/penilaian/saya").status_code == 401
    assert client.get(f"{API}/penilaian/periode").status_code == 401


def test_calendar_and_periods(org: Org, django_capture_on_commit_callbacks: Any) -> None:
    admin = as_user(org, "admin")
    r = send(admin, "post", "/penilaian/kalender", {"tahun": YEAR, "frekuensi": "BULANAN"})
    assert r.status_code == 200 and len(r.json()) == 13
    assert send(as_user(org, "kasi1"), "post", "/penilaian/kalender", {"tahun": YEAR}).status_code == 403
    assert send(admin, "post", "/penilaian/kalender", {"tahun": YEAR, "frekuensi": "HARIAN"}).status_code == 422
    p = PeriodePenilaian.objects.get(tahun_id=YEAR, jenis="BULAN", nomor=1)
    r = send(admin, "patch", f"/penilaian/periode/{p.pk}", {"batas_pengisian": f"{YEAR}-01-01"})
    assert r.status_code == 409 and "batas_pengisian" in r.json()["errors"]
    assert send(admin, "patch", f"/penilaian/periode/{p.pk}", {"nama": "Januari"}).json()["nama"] == "Januari"
    with django_capture_on_commit_callbacks(execute=True):  # opening is a job: 202, then it runs after the commit
        started = send(admin, "post", f"/penilaian/periode/{p.pk}/status", {"status": "DIBUKA"})
    assert started.status_code == 202 and started.json()["jenis"] == "BUKA_PERIODE"
    assert PeriodePenilaian.objects.get(pk=p.pk).status == "DIBUKA"
    assert (
        send(as_user(org, "staf1a"), "post", f"/penilaian/periode/{p.pk}/status", {"status": "DITUTUP"}).status_code
        == 403
    )
    assert len(as_user(org, "staf1a").get(f"{API}/penilaian/periode?tahun={YEAR}").json()) == 13
    assert send(admin, "patch", "/penilaian/periode/999999", {"nama": "x"}).status_code == 404


def test_evaluations_realisation_evidence_feedback_notes(org: Org, settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path
    s = configured(org)
    ev = s.ev("staf1a")
    iki = IndikatorKinerjaIndividu.objects.filter(rhk__skp=s.skp["staf1a"], aspek="KUANTITAS").get()
    dodi, wati = as_user(org, "staf1a"), as_user(org, "kasi1")
    mine = dodi.get(f"{API}/penilaian/saya").json()
    assert mine["count"] == 1 and mine["items"][0]["id"] == ev.pk
    r = send(dodi, "put", f"/penilaian/{ev.pk}/iki/{iki.pk}/realisasi", {"realisasi_angka": "tiga"})
    assert r.status_code == 409 and "realisasi_angka" in r.json()["errors"]
    r = send(dodi, "put", f"/penilaian/{ev.pk}/iki/{iki.pk}/realisasi", {"realisasi_angka": "3,5"})
    assert r.status_code == 200 and float(r.json()["hasil_kerja"][0]["iki"][0]["realisasi_angka"]) == 3.5
    assert send(wati, "put", f"/penilaian/{ev.pk}/iki/{iki.pk}/realisasi", {"realisasi_angka": "9"}).status_code == 403
    assert (
        send(
            as_user(org, "staf1b"), "put", f"/penilaian/{ev.pk}/iki/{iki.pk}/realisasi", {"realisasi_angka": "9"}
        ).status_code
        == 404
    )
    # Evidence: multipart upload, list, download, delete.
    url = f"{API}/penilaian/{ev.pk}/iki/{iki.pk}/bukti"
    assert dodi.post(url, {"berkas": SimpleUploadedFile("x.exe", b"MZ")}).status_code == 409
    r = dodi.post(url, {"berkas": SimpleUploadedFile("bukti.pdf", PDF)})
    assert r.status_code == 201, r.content
    bukti_id = r.json()["id"]
    assert [b["id"] for b in wati.get(f"{API}/penilaian/{ev.pk}/bukti").json()] == [bukti_id]
    d = wati.get(f"{API}/penilaian/bukti/{bukti_id}")
    assert d.status_code == 200 and d["Content-Disposition"].startswith("attachment")
    assert as_user(org, "staf1b").get(f"{API}/penilaian/bukti/{bukti_id}").status_code == 404
    assert wati.delete(f"{API}/penilaian/bukti/{bukti_id}").status_code == 403
    assert dodi.delete(f"{API}/penilaian/bukti/{bukti_id}").status_code == 204
    assert not BuktiDukung.objects.exists()
    # Feedback and dialog notes.
    rhk = s.skp["staf1a"].rhk.first()
    assert send(wati, "post", f"/penilaian/{ev.pk}/rhk/{rhk.pk}/umpan-balik", {"teks": "Bagus."}).status_code == 201
    assert send(dodi, "post", f"/penilaian/{ev.pk}/rhk/{rhk.pk}/umpan-balik", {"teks": "x"}).status_code == 403
    assert send(dodi, "post", f"/penilaian/{ev.pk}/catatan", {"teks": "Terima kasih."}).status_code == 201
    assert send(dodi, "post", f"/penilaian/{ev.pk}/catatan", {"teks": ""}).status_code == 422
    detail = dodi.get(f"{API}/penilaian/{ev.pk}").json()
    assert detail["hasil_kerja"][0]["umpan_balik"][0]["teks"] == "Bagus."
    assert detail["dialog"][0]["teks"] == "Terima kasih." and detail["boleh_isi"] and not detail["boleh_menilai"]


def test_rating_and_bulk_rating(org: Org) -> None:
    s = configured(org)
    a, b = s.ev("staf1a"), s.ev("staf1b")
    wati = as_user(org, "kasi1")
    r = send(wati, "put", f"/penilaian/{a.pk}/rating", rating(hk="Di Atas Ekspektasi", ahk=""))
    assert r.status_code == 409 and "alasan_hasil_kerja" in r.json()["errors"]
    assert send(wati, "put", f"/penilaian/{a.pk}/rating", rating(hk="Luar Biasa")).status_code == 422
    assert send(as_user(org, "kabid1"), "put", f"/penilaian/{a.pk}/rating", rating()).status_code == 403
    assert send(as_user(org, "staf2"), "put", f"/penilaian/{a.pk}/rating", rating()).status_code == 404
    r = send(wati, "put", f"/penilaian/{a.pk}/rating", rating(hk="Di Atas Ekspektasi"))
    assert r.status_code == 200 and r.json()["predikat"] == "Baik"
    subs = wati.get(f"{API}/penilaian/periode/{s.periode.pk}/bawahan").json()
    assert {i["id"] for i in subs["items"]} == {a.pk, b.pk}
    bulk = f"/penilaian/periode/{s.periode.pk}/rating"
    r = send(
        wati,
        "post",
        bulk,
        {
            "rows": [
                {"evaluasi_id": a.pk, **rating()},
                {"evaluasi_id": b.pk, **rating(hk="Di Bawah Ekspektasi", ahk="pendek")},
            ]
        },
    )
    assert r.status_code == 409 and list(r.json()["errors"]) == [str(b.pk)]
    assert Evaluasi.objects.get(pk=a.pk).rating_hasil_kerja == "Di Atas Ekspektasi"  # nothing written
    r = send(wati, "post", bulk, {"rows": [{"evaluasi_id": a.pk, **rating()}, {"evaluasi_id": b.pk, **rating()}]})
    assert r.status_code == 200 and r.json() == {"disimpan": 2}
    Evaluasi.objects.filter(pk=a.pk).update(status=StatusEvaluasi.FINAL)
    r = send(wati, "put", f"/penilaian/{a.pk}/rating", rating(hk="Di Bawah Ekspektasi"))
    assert r.status_code == 409 and "terkunci" in json.dumps(r.json())
    assert send(wati, "post", bulk, {"rows": []}).status_code == 422


def test_bad_params_are_422(org: Org) -> None:
    c = as_user(org, "staf1a")
    assert c.get(f"{API}/penilaian/saya?limit=0").status_code == 422
    assert c.get(f"{API}/penilaian/periode?tahun=abc").status_code == 422
    assert c.get(f"{API}/penilaian/0").status_code == 422


def test_openapi_documents_the_routes(client: Client) -> None:
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    assert f"{API}/penilaian/{{evaluasi_id}}/rating" in paths
    assert "403" in paths[f"{API}/penilaian/{{evaluasi_id}}/rating"]["put"]["responses"]
