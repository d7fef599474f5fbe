"""The multi-rater and public-feedback API as a script uses it (issue #5 part 3): the appraiser approves
all proposals, the rater reads his inbox and answers, a unit head makes and switches off his unit's
public link, and a summary request with a wrong filter is a 409 naming the field in Bahasa Indonesia."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from karier.appraisal.choices import StatusNominasi
from karier.appraisal.models import Evaluasi, NominasiPenilai, TautanPublik
from karier.standards.models import NilaiBerakhlak
from tests.appraisal.test_appraisal_support import configured
from tests.orgdata import Org

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def ev(org: Org) -> Evaluasi:
    """Dodi (staf1a), appraised by the Kasi, with four peers: staf1b and rekan0..rekan2."""
    for i in range(3):
        org.add_pegawai(f"rekan{i}", "staf1", nama=f"Rekan Kerja {i}")
    return configured(org, plans={"staf1a": "kasi1"}).ev("staf1a")


def _client(org: Org, key: str) -> Client:
    c = Client()
    c.force_login(org.users[key])
    return c


def _send(c: Client, method: str, path: str, body: dict[str, Any]) -> Any:
    return getattr(c, method)(f"{API}{path}", data=json.dumps(body), content_type="application/json")


def test_approve_all_then_the_rater_answers_through_the_api(org: Org, ev: Evaluasi) -> None:
    owner = _client(org, "staf1a")
    for key in ("staf1b", "rekan0", "rekan1"):
        r = _send(
            owner,
            "post",
            f"/penilaian/evaluasi/{ev.pk}/nominasi",
            {"penilai_rekan_id": org.pegawai[key].pk, "jenis": "REKAN"},
        )
        assert r.status_code == 201, r.content
    r = _send(_client(org, "kasi1"), "post", f"/penilaian/evaluasi/{ev.pk}/nominasi/setujui-semua", {})
    assert r.status_code == 200 and {n["status"] for n in r.json()["items"]} == {StatusNominasi.DISETUJUI}
    rater = _client(org, "staf1b")
    inbox = rater.get(f"{API}/penilaian/permintaan").json()["items"]
    assert [(i["evaluasi_id"], i["pegawai"]["nama"], i["terbuka"]) for i in inbox] == [
        (ev.pk, org.pegawai["staf1a"].nama_lengkap, True)
    ]
    nom_id = inbox[0]["id"]
    detail = rater.get(f"{API}/penilaian/permintaan/{nom_id}").json()
    assert len(detail["nilai"]) == 7 and all(n["skor"] is None and n["panduan"] for n in detail["nilai"])
    scores = dict.fromkeys(NilaiBerakhlak.objects.values_list("kode", flat=True), 4)
    r = _send(rater, "put", f"/penilaian/permintaan/{nom_id}/jawaban", {"skor": scores, "komentar": {}})
    assert r.status_code == 200 and {n["skor"] for n in r.json()["nilai"]} == {4}
    assert NominasiPenilai.objects.get(pk=nom_id).status == StatusNominasi.DIJAWAB
    assert _client(org, "rekan0").get(f"{API}/penilaian/permintaan/{nom_id}").status_code == 404


def test_a_unit_head_makes_and_switches_off_his_units_public_link(org: Org) -> None:
    kasi = _client(org, "kasi1")
    both = _send(kasi, "post", "/penilaian/tautan-publik", {"pegawai_id": org.pegawai["staf1a"].pk, "unit_id": 1})
    assert both.status_code == 409
    assert both.json()["errors"]["pegawai_id"] == ["Isi salah satu: pegawai_id atau unit_id."]
    r = _send(kasi, "post", "/penilaian/tautan-publik", {"unit_id": org.units["dik_s1"].pk})
    assert r.status_code == 200 and r.json()["nama"] == "Seksi Kurikulum" and r.json()["aktif"] is True
    t = TautanPublik.objects.get(pk=r.json()["id"])
    assert r.json()["url"].endswith(reverse("public_feedback:form", args=[t.token]))
    r = _send(kasi, "patch", f"/penilaian/tautan-publik/{t.pk}", {"aktif": False})
    assert r.status_code == 200 and r.json()["aktif"] is False
    assert Client().get(reverse("public_feedback:form", args=[t.token])).status_code == 404
    staff = _send(_client(org, "staf1a"), "patch", f"/penilaian/tautan-publik/{t.pk}", {"aktif": True})
    assert staff.status_code == 404 and not TautanPublik.objects.get(pk=t.pk).aktif


def test_summary_filters_are_checked(org: Org) -> None:
    kasi = _client(org, "kasi1")
    url = f"{API}/penilaian/umpan-balik-publik/ringkasan"
    r = kasi.get(url)
    assert r.status_code == 409 and r.json()["errors"]["pegawai_id"] == ["Isi salah satu: pegawai_id atau unit_id."]
    r = kasi.get(url, {"unit_id": org.units["dik_s1"].pk, "periode_id": 999999})
    assert r.status_code == 409 and r.json()["errors"]["periode_id"] == ["Periode tidak ditemukan."]
    ok = kasi.get(url, {"unit_id": org.units["dik_s1"].pk})
    assert ok.status_code == 200 and ok.json()["n"] == 0
    assert _client(org, "staf1a").get(url, {"unit_id": org.units["dik_s1"].pk}).status_code == 404
