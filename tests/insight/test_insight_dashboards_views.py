"""The dashboards' screens and API (issue #13 items 1 and 5): who sees which, 404 for a hidden agency or
unit filter, the refresh button, the Excel downloads, and query counts that do not grow with headcount."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from karier.core.audit import AuditEvent
from karier.core.choices import JenisTugasLatar, StatusTugasLatar
from karier.core.models import TugasLatar
from karier.insight.dashboards.refresh import dasbor_refresh_now
from karier.people.access import SYSTEM
from tests.htmlassets import assert_loads_nothing_from_elsewhere
from tests.insight.test_insight_dashboards_support import YEAR, dashboard_org, more_staff
from tests.orgdata import Org

pytestmark = pytest.mark.django_db

PROVINSI = "/wawasan/dasbor/provinsi/"
OPD = "/wawasan/dasbor/opd/"
TIM = "/wawasan/dasbor/tim/"
SAYA = "/wawasan/dasbor/saya/"
API = "/api/v1/wawasan/dasbor"


def _client(org: Org, key: str) -> Client:
    c = Client()
    c.force_login(org.users[key])
    return c


@pytest.fixture
def data(org: Org) -> Org:
    dashboard_org(org)
    dasbor_refresh_now(actor=SYSTEM, tahun=[YEAR])
    return org


def test_each_role_lands_on_its_dashboard(data: Org) -> None:
    for key, target in (("admin", PROVINSI), ("auditor", PROVINSI), ("kadis", OPD), ("kabid1", TIM), ("staf1a", SAYA)):
        r = _client(data, key).get("/wawasan/dasbor/")
        assert r.status_code == 302 and r.url == target, key
    assert _client(data, "unlinked").get("/wawasan/dasbor/").status_code == 403
    assert Client().get("/wawasan/dasbor/provinsi/").status_code == 302  # to the login page


def test_dashboards_refuse_roles_without_them(data: Org) -> None:
    for key, url in (("kadis", PROVINSI), ("staf1a", PROVINSI), ("staf1a", OPD), ("kabid1", OPD), ("staf1a", TIM)):
        assert _client(data, key).get(url).status_code == 403, (key, url)
        assert _client(data, key).get(API + url.removeprefix("/wawasan/dasbor").rstrip("/")).status_code == 403
    assert _client(data, "admin").get(SAYA).status_code == 403  # not linked to an employee


def test_province_page_shows_the_figures_and_when_refreshed(data: Org) -> None:
    r = _client(data, "admin").get(PROVINSI)
    html = r.content.decode()
    assert r.status_code == 200
    assert "Data terakhir disegarkan" in html
    assert 'data-testid="panel-predikat"' in html and 'data-testid="panel-ikm"' in html
    assert "Belum ada data IKM." in html
    assert "/static/karier/chart.js" in assert_loads_nothing_from_elsewhere(html)
    assert "Dinas Pendidikan" in html and "Segarkan" in html
    auditor = _client(data, "auditor").get(PROVINSI).content.decode()
    assert "Dinas Pendidikan" in auditor and "dasbor/segarkan/" not in auditor  # read-only


def test_a_hidden_agency_or_unit_filter_answers_404(data: Org) -> None:
    kadis = _client(data, "kadis")
    kominfo, dik = data.units["kominfo"].pk, data.units["dik"].pk
    assert kadis.get(f"{OPD}?opd={dik}").status_code == 200
    assert kadis.get(f"{OPD}?opd={dik}&unit={data.units['dik_s1'].pk}").status_code == 200
    for query in (f"opd={kominfo}", f"unit={kominfo}", f"opd={dik}&unit={kominfo}", "opd=999999", "opd=x", "unit=-1"):
        assert kadis.get(f"{OPD}?{query}").status_code == 404, query
    assert kadis.get(f"{API}/opd?opd={kominfo}").status_code == 404
    assert kadis.get(f"{API}/opd?unit={data.units['setda'].pk}").status_code == 404
    admin = _client(data, "admin")
    assert admin.get(f"{PROVINSI}?opd=999999").status_code == 404
    assert admin.get(f"{PROVINSI}?opd={data.units['dik_s1'].pk}").status_code == 404  # not an agency
    assert admin.get(f"{PROVINSI}?opd={kominfo}").status_code == 200


def test_agency_head_sees_his_units(data: Org) -> None:
    r = _client(data, "kadis").get(OPD)
    html = r.content.decode()
    assert r.status_code == 200
    assert "Seksi Kurikulum" in html and "Unit berisiko" in html
    assert "Dinas Komunikasi" not in html  # no agency list for an agency head
    assert "dasbor/segarkan/" not in html


def test_team_and_my_dashboards(data: Org) -> None:
    html = _client(data, "kasi1").get(f"{TIM}?tahun={YEAR}").content.decode()
    assert "Dodi Saputra" in html and "Tim saya" in html
    mine = _client(data, "staf1a").get(f"{SAYA}?tahun={YEAR}").content.decode()
    assert 'href="/karier/"' in mine and "Lihat halaman karier saya" in mine  # the next career step
    assert "Disetujui" in mine
    r = _client(data, "staf1a").get(f"{API}/saya?tahun={YEAR}")
    assert r.status_code == 200
    assert r.json()["ringkasan"] == {"jp_total": 24.0, "jp_target": 20.0, "umpan_balik": 0.0}
    # live data: no refresh time, said so on the page and in the API
    assert r.json()["langsung"] is True and r.json()["diperbarui_pada"] is None
    assert "Data langsung" in mine and "Data terakhir disegarkan" not in mine and "Data langsung" in html
    team = _client(data, "kasi1").get(f"{API}/tim?tahun={YEAR}").json()
    assert team["ringkasan"]["anggota"] == 5 and team["ringkasan"]["jp_memenuhi"] == 2
    assert team["ringkasan_label"]["anggota"] == "Anggota tim"


def test_api_returns_the_same_figures(data: Org) -> None:
    r = _client(data, "admin").get(f"{API}/provinsi?tahun={YEAR}")
    assert r.status_code == 200
    body = r.json()
    # stable keys (whatever the reader's language), the label alongside
    assert body["ringkasan"]["pegawai"] == 13 and body["ringkasan_label"]["pegawai"] == "Pegawai aktif"
    assert body["langsung"] is False
    panels = {p["kunci"]: p for p in body["panels"]}
    dik = next(row for row in panels["predikat"]["rows"] if row[0] == "Dinas Pendidikan")
    assert dik[1:7] == [1, 3, 1, 0, 0, 5]
    assert panels["ikm"]["rows"] == []
    r = _client(data, "kadis").get(f"{API}/opd?unit={data.units['dik_b1'].pk}")
    assert r.status_code == 200 and r.json()["lingkup"]["unit"] == "Bidang Pembinaan SMA"
    assert r.json()["ringkasan"]["pegawai"] == 7


def test_excel_of_a_panel_and_of_all(data: Org) -> None:
    admin = _client(data, "admin")
    r = admin.get(f"{PROVINSI}?tahun={YEAR}&export=xlsx&bagian=talenta")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    wb = load_workbook(io.BytesIO(r.content))
    assert len(wb.worksheets) == 1
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    assert rows[1] == ("Kotak", "Kategori", "Pegawai", "%")
    assert [r[2] for r in rows[2:]] == [1, 0, 0, 0, 2, 0, 0, 0, 0]
    every = load_workbook(io.BytesIO(admin.get(f"{PROVINSI}?tahun={YEAR}&export=xlsx").content))
    assert len(every.worksheets) == 8
    assert admin.get(f"{PROVINSI}?export=xlsx&bagian=tidak-ada").status_code == 404


def test_refresh_button_starts_one_job(data: Org, django_capture_on_commit_callbacks: Any) -> None:
    assert _client(data, "auditor").post("/wawasan/dasbor/segarkan/").status_code == 403
    assert _client(data, "kadis").post(f"{API}/segarkan", {}, content_type="application/json").status_code == 403
    admin = _client(data, "admin")
    with django_capture_on_commit_callbacks(execute=True):
        r = admin.post("/wawasan/dasbor/segarkan/")
    assert r.status_code == 302
    job = TugasLatar.objects.filter(jenis=JenisTugasLatar.DASBOR).latest("pk")
    assert job.status == StatusTugasLatar.SELESAI and job.dibuat_oleh_id == data.users["admin"].pk
    assert AuditEvent.objects.filter(action="dasbor.segarkan", object_id=str(job.pk)).exists()
    card = admin.get(f"/wawasan/dasbor/segarkan/{job.pk}/", headers={"HX-Request": "true"})
    assert card.status_code == 200 and "Penyegaran data dasbor" in card.content.decode()
    assert _client(data, "kadis").get(f"/wawasan/dasbor/segarkan/{job.pk}/").status_code == 404
    assert admin.get(f"{API}/segarkan/{job.pk}").json()["status"] == "SELESAI"
    TugasLatar.objects.create(jenis=JenisTugasLatar.DASBOR, status=StatusTugasLatar.BERJALAN, parameter={})
    r = admin.post(f"{API}/segarkan", {"tahun": [YEAR]}, content_type="application/json")
    assert r.status_code == 409
    page = admin.get(PROVINSI).content.decode()
    assert "tugas-" in page  # the running job's card


def _queries(c: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert c.get(url).status_code == 200, url
    return len(ctx)


def test_queries_do_not_grow_with_headcount(data: Org) -> None:
    urls = {
        "admin": [f"{PROVINSI}?tahun={YEAR}", f"{API}/provinsi?tahun={YEAR}", f"{PROVINSI}?opd={data.units['dik'].pk}"],
        "kadis": [f"{OPD}?tahun={YEAR}", f"{OPD}?unit={data.units['dik_b1'].pk}", f"{API}/opd"],
        "kasi1": [f"{TIM}?tahun={YEAR}", f"{API}/tim?tahun={YEAR}"],
        "staf1a": [f"{SAYA}?tahun={YEAR}", f"{API}/saya?tahun={YEAR}"],
    }
    clients = {k: _client(data, k) for k in urls}
    small = {(k, u): _queries(clients[k], u) for k, us in urls.items() for u in us}
    more_staff(data, 20)
    dasbor_refresh_now(actor=SYSTEM, tahun=[YEAR])
    large = {(k, u): _queries(clients[k], u) for k, us in urls.items() for u in us}
    assert small == large
