"""Who sees and does what with recommendations (issue #11 item 5), screens and API: a person's page
follows the person (hidden = 404), the team page is the superior's, the computation is started by BKD
admins (or an agency head for their agency) — never an employee or the auditor, who reads."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from karier.core.choices import StatusTugasLatar
from karier.core.models import TugasLatar
from karier.development.models import PerhitunganRekomendasi
from tests.development.recommend_helpers import scenario
from tests.orgdata import Org

pytestmark = pytest.mark.django_db
API = "/api/v1/pengembangan/rekomendasi"


def as_user(org: Org, key: str) -> Client:
    c = Client()
    c.force_login(org.users[key])
    return c


def post_json(c: Client, url: str, body: Any) -> Any:
    return c.post(url, data=json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(
    ("key", "status"),
    [
        ("staf1a", 200),
        ("kasi1", 200),
        ("kadis", 200),
        ("admin", 200),
        ("auditor", 200),
        ("staf1b", 404),
        ("staf2", 404),
        ("kadiskominfo", 404),
        ("unlinked", 404),
    ],
)
def test_a_persons_recommendations_follow_the_person(org, key, status):
    scenario(org)
    c = as_user(org, key)
    pid = org.pegawai["staf1a"].pk
    assert c.get(f"/pengembangan/rekomendasi/pegawai/{pid}/").status_code == status
    r = c.get(f"{API}/pegawai/{pid}")
    assert r.status_code == status
    if status == 200:
        data = r.json()
        assert [x["kode"] for x in data["rekomendasi"]][:2] == ["HSL-4", "KOM-1"]
        assert data["dihitung_langsung"] is True and data["rekomendasi"][1]["kompetensi_kode"] == "M.3"
        assert data["rekomendasi"][1]["dari"] == 2 and data["rekomendasi"][1]["ke"] == 3
        assert data["rekomendasi"][1]["sesi"]  # the upcoming session with free seats


def test_own_page_and_api(org):
    scenario(org)
    c = as_user(org, "staf1a")
    assert c.get("/pengembangan/rekomendasi/").status_code == 200
    r = c.get(f"{API}/saya")
    assert r.status_code == 200 and r.json()["pegawai_id"] == org.pegawai["staf1a"].pk
    assert "jabatan Anda" in r.json()["rekomendasi"][1]["alasan"]
    other = as_user(org, "kasi1").get(f"{API}/pegawai/{org.pegawai['staf1a'].pk}").json()
    assert "jabatannya" in other["rekomendasi"][1]["alasan"]  # the superior reads it in the third person
    assert as_user(org, "unlinked").get("/pengembangan/rekomendasi/").status_code == 404
    assert as_user(org, "unlinked").get(f"{API}/saya").status_code == 404


def test_team_is_the_superiors_direct_reports(org):
    scenario(org)
    kasi = as_user(org, "kasi1").get(f"{API}/tim").json()
    assert kasi["jumlah_anggota"] == 2  # staf1a, staf1b
    assert {k["kode"] for k in kasi["kebutuhan"]} >= {"kompetensi:M.3", "kompetensi:M.4"}
    assert kasi["sesi"] and kasi["sesi"][0]["direkomendasikan_untuk"] >= 1
    assert as_user(org, "staf1a").get(f"{API}/tim").json()["jumlah_anggota"] == 0
    assert as_user(org, "staf1a").get("/pengembangan/rekomendasi/tim/").status_code == 200


def test_bkd_admin_starts_the_job_and_sees_its_progress(org, django_capture_on_commit_callbacks):
    scenario(org)
    c = as_user(org, "admin")
    assert c.get("/pengembangan/rekomendasi/hitung/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post("/pengembangan/rekomendasi/hitung/", {"opd": "", "next": "/pengembangan/kompetensi/analisis/"})
    assert r.status_code == 302 and r["Location"] == "/pengembangan/kompetensi/analisis/"
    job = TugasLatar.objects.get(jenis="REKOMENDASI")
    assert job.status == StatusTugasLatar.SELESAI
    card = c.get(f"/pengembangan/rekomendasi/hitung/{job.pk}/", HTTP_HX_REQUEST="true")
    assert card.status_code == 200 and f'id="tugas-{job.pk}"' in card.content.decode()
    page = c.get("/pengembangan/kompetensi/analisis/").content.decode()
    assert f'id="tugas-{job.pk}"' in page and "Hitung kebutuhan dan rekomendasi" in page
    assert c.get("/pengembangan/rekomendasi/hitung/?export=xlsx").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        r = post_json(c, f"{API}/hitung", {"opd_id": org.pegawai["pranata"].opd_id})
    assert r.status_code == 202, r.content
    status = c.get(f"{API}/hitung/{r.json()['id']}")
    assert status.status_code == 200 and status.json()["status"] == "SELESAI"
    assert PerhitunganRekomendasi.objects.filter(aktif=True).count() == 2


@pytest.mark.parametrize("key", ["staf1a", "kasi1", "auditor"])
def test_others_cannot_start_the_job(org, key):
    c = as_user(org, key)
    r = c.post("/pengembangan/rekomendasi/hitung/", {"opd": ""})
    assert r.status_code == 403
    assert post_json(c, f"{API}/hitung", {}).status_code == 403
    assert not TugasLatar.objects.filter(jenis="REKOMENDASI").exists()


def test_an_agency_head_runs_their_agency_only(org, django_capture_on_commit_callbacks):
    c = as_user(org, "kadiskominfo")
    own = org.pegawai["kadiskominfo"].opd_id
    other = org.pegawai["kadis"].opd_id
    assert post_json(c, f"{API}/hitung", {"opd_id": other}).status_code == 403
    assert post_json(c, f"{API}/hitung", {}).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        assert post_json(c, f"{API}/hitung", {"opd_id": own}).status_code == 202


def test_job_status_is_hidden_from_employees_and_the_auditor_reads_it(org, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job_id = post_json(as_user(org, "admin"), f"{API}/hitung", {}).json()["id"]
    assert as_user(org, "staf1a").get(f"{API}/hitung/{job_id}").status_code == 404
    assert as_user(org, "staf1a").get(f"/pengembangan/rekomendasi/hitung/{job_id}/").status_code == 404
    assert as_user(org, "auditor").get(f"{API}/hitung/{job_id}").status_code == 200
    assert as_user(org, "auditor").get("/pengembangan/rekomendasi/hitung/").status_code == 200
    assert as_user(org, "staf1a").get("/pengembangan/rekomendasi/hitung/").status_code == 403


@pytest.mark.parametrize(
    "body",
    [{"opd_id": 999999}, {"opd_id": "x"}, {"opd_id": True}, {"opd_id": 0}, {"opd_id": [1]}, "null", {"opd_id": 2**70}],
)
def test_garbage_input_is_refused_without_a_500(org, body):
    c = as_user(org, "admin")
    r = post_json(c, f"{API}/hitung", body)
    assert r.status_code in {400, 409, 422}, (body, r.status_code)
    for opd in ("abc", "-1", str(2**70), "999999"):
        assert c.post("/pengembangan/rekomendasi/hitung/", {"opd": opd}).status_code == 409
    assert c.get(f"{API}/hitung/0").status_code in {404, 422}
    assert c.get(f"{API}/pegawai/99999999").status_code == 404


def test_a_sub_unit_is_not_a_scope(org):
    unit = org.pegawai["kasi1"].unit_id
    r = post_json(as_user(org, "admin"), f"{API}/hitung", {"opd_id": unit})
    assert r.status_code == 409 and "perangkat daerah" in r.content.decode()


def test_the_competency_profile_links_to_the_recommendations(org):
    pid = org.pegawai["staf1a"].pk
    body = as_user(org, "staf1a").get(f"/pengembangan/kompetensi/pegawai/{pid}/").content.decode()
    assert f"/pengembangan/rekomendasi/pegawai/{pid}/" in body
    assert "/pengembangan/rekomendasi/" in as_user(org, "staf1a").get("/pengembangan/kompetensi/").content.decode()
