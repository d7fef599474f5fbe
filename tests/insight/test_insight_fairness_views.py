"""The fairness screen, its Excel and its API (issue #13 item 2): who may see it (BKD admin, auditor,
agency head; 403 for other roles on the screen, 404 for an agency the viewer may not see, on the screen,
the Excel and the API alike), the same suppressed figures everywhere, and query counts that do not
grow with the agency."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from karier.insight.fairness import selectors
from tests.htmlassets import assert_loads_nothing_from_elsewhere
from tests.insight.test_insight_fairness_support import BAIK, extend, fairness_org, rated, year
from tests.orgdata import Org

pytestmark = pytest.mark.django_db

SCREEN = reverse("insight:keadilan")
XLSX = reverse("insight:keadilan_xlsx")


def _client(org: Org, who: str) -> Client:
    c = Client()
    c.force_login(org.users[who])
    return c


def _api(opd: int, tahun: int = 2025) -> str:
    return reverse("api:keadilan_opd", args=[opd]) + f"?tahun={tahun}"


def test_roles_on_the_screen(org: Org) -> None:
    fairness_org(org)
    dik, kominfo = org.units["dik"].pk, org.units["kominfo"].pk
    for who in ("admin", "auditor"):
        for opd in (dik, kominfo):
            assert _client(org, who).get(f"{SCREEN}?opd={opd}&tahun=2025").status_code == 200, who
    kadis = _client(org, "kadis")
    assert kadis.get(f"{SCREEN}?opd={dik}&tahun=2025").status_code == 200
    assert kadis.get(SCREEN).status_code == 200  # his agency by default
    assert kadis.get(f"{SCREEN}?opd={kominfo}").status_code == 404  # another agency: hidden
    assert kadis.get(f"{SCREEN}?opd={org.units['dik_b1'].pk}").status_code == 404  # not an agency
    assert kadis.get(f"{SCREEN}?opd=999999").status_code == 404
    assert kadis.get(f"{SCREEN}?opd=abc").status_code == 404
    assert kadis.get(f"{SCREEN}?opd={dik}&tahun=99999").status_code == 404
    for who in ("kabid1", "kasi1", "staf1a", "unlinked"):  # a superior is not an agency head
        assert _client(org, who).get(SCREEN).status_code == 403, who
        assert _client(org, who).get(f"{SCREEN}?opd={dik}").status_code == 403, who
    assert Client().get(SCREEN).status_code == 302


def test_screen_shows_counts_flags_and_suppression(org: Org) -> None:
    fairness_org(org)
    page = _client(org, "kadis").get(f"{SCREEN}?opd={org.units['dik'].pk}&tahun=2025").content.decode()
    assert "Rating sama untuk semua" in page and "Longgar" in page and "Ketat" in page
    assert "Cenderung ke tengah" in page
    assert "Apa artinya dan apa yang perlu dilakukan" in page
    assert "Rahmat Hidayat" in page and "&lt; 5" in page
    assert "64,0 %" in page  # Baik in the agency, Indonesian decimal comma
    assert "14 dari 25 evaluasi tanpa alasan tertulis" in page
    assert "14 dari 25 evaluasi dinilai massal; 12 di antaranya" in page
    assert "Rahmat Hidayat (+1/−0)" in page
    assert 'data-figure="grafik-penilai-data"' in page
    assert assert_loads_nothing_from_elsewhere(page)


def test_the_nav_link_is_for_the_roles_only(org: Org) -> None:
    link = f'href="{SCREEN}"'
    assert link in _client(org, "kadis").get("/").content.decode()
    assert link in _client(org, "admin").get("/").content.decode()
    assert link not in _client(org, "kabid1").get("/").content.decode()


def test_empty_year(org: Org) -> None:
    page = _client(org, "admin").get(f"{SCREEN}?opd={org.units['dik'].pk}").content.decode()
    assert "Belum ada periode penilaian tahunan" in page


def test_api_same_data_suppressed(org: Org) -> None:
    fairness_org(org)
    dik = org.units["dik"].pk
    r = _client(org, "kadis").get(_api(dik))
    assert r.status_code == 200
    body: dict[str, Any] = r.json()
    assert body["perangkat_daerah"]["jumlah"] == "25"
    assert body["perangkat_daerah"]["predikat"]["Baik"] == 16
    rows = {p["nama"]: p for p in body["penilai"]}
    assert rows["Pegawai kasi1"]["tanda"] == ["LONGGAR", "SERAGAM"]
    d = rows["Rahmat Hidayat"]
    assert d["disembunyikan"] and d["jumlah"] == "< 5"
    assert d["predikat"] is None and d["persen"] is None and d["tanda"] == [] and d["tanpa_alasan"] is None
    jabatan = {g["label"]: g for g in body["kelompok"]["jenis_jabatan"]}
    assert jabatan["Struktural"]["jumlah"] == "< 5" and jabatan["Struktural"]["predikat"] is None
    assert body["ringkasan"] == {
        "tanpa_alasan": 14,
        "alasan_wajib_kosong": 1,
        "dinilai_massal": 14,
        "massal_tanpa_umpan_balik": 12,
        "perpindahan_kalibrasi": 1,
    }
    assert body["kalibrasi"][0]["oleh"] == [{"nama": "Rahmat Hidayat", "naik": 1, "turun": 0}]
    assert body["tanda"]["SERAGAM"]["tindakan"]


def test_api_access(org: Org) -> None:
    fairness_org(org)
    dik, kominfo = org.units["dik"].pk, org.units["kominfo"].pk
    assert _client(org, "kadis").get(_api(kominfo)).status_code == 404
    assert _client(org, "auditor").get(_api(kominfo)).status_code == 200
    for who in ("kabid1", "staf1a", "unlinked"):
        assert _client(org, who).get(_api(dik)).status_code == 404, who
    assert _client(org, "admin").get(_api(999999)).status_code == 404
    assert _client(org, "admin").get(_api(dik, 1999)).status_code == 422  # outside the schema's range
    assert Client().get(_api(dik)).status_code == 401


def test_excel_same_figures_suppressed(org: Org) -> None:
    fairness_org(org)
    dik, kominfo = org.units["dik"].pk, org.units["kominfo"].pk
    kadis = _client(org, "kadis")
    r = kadis.get(f"{XLSX}?opd={dik}&tahun=2025")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    wb = load_workbook(io.BytesIO(r.content))
    rows = list(wb["Penilai"].iter_rows(min_row=4, values_only=True))
    by_name = {row[1]: row for row in rows}
    assert by_name["Dinas Pendidikan"][2] == 25
    d = by_name["Rahmat Hidayat"]
    assert d[2] == "< 5" and all(v in (None, "") for v in d[3:])
    a = by_name["Pegawai kasi1"]
    assert a[2] == 6 and a[3] == 6 and a[4] == 100.0  # Sangat Baik: 6, 100 %
    kal = list(wb["Kalibrasi"].iter_rows(min_row=4, values_only=True))
    assert kal == [(2025, "Bidang Pembinaan SMA", 10, 1, 0, "Rahmat Hidayat (+1/−0)")]
    assert kadis.get(f"{XLSX}?opd={kominfo}&tahun=2025").status_code == 404
    assert _client(org, "staf1a").get(f"{XLSX}?opd={dik}&tahun=2025").status_code == 403


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_the_agency(org: Org) -> None:
    y = fairness_org(org)
    dik = org.units["dik"].pk
    c = _client(org, "admin")
    urls = (f"{SCREEN}?opd={dik}&tahun=2025", f"{XLSX}?opd={dik}&tahun=2025", _api(dik))
    small = [_count(c, u) for u in urls]
    extend(y, 12)  # 36 more people and one more move
    large = [_count(c, u) for u in urls]
    assert small == large
    assert c.get(_api(dik)).json()["perangkat_daerah"]["jumlah"] == "61"


def test_an_agency_of_three_shows_no_exact_count(org: Org) -> None:
    y = year(org)
    for i in range(3):
        rated(y, f"k{i}", penilai="kadiskominfo", unit="kominfo", jabatan="pranata", ratings=BAIK, alasan=False)
    page = _client(org, "admin").get(f"{SCREEN}?opd={org.units['kominfo'].pk}&tahun=2025").content.decode()
    assert "&lt; 5" in page
    assert "<td>3</td>" not in page and "dari 3 evaluasi" not in page and ">3<" not in page
    assert "evaluasi tanpa alasan tertulis" not in page and "dinilai massal;" not in page


def test_empty_reason_and_bulk_tables_and_only_the_flags_present(org: Org) -> None:
    y = year(org)
    for i in range(5):  # one at a time, with reasons: the same pair for all (SERAGAM) and nothing else
        rated(y, f"k{i}", penilai="kadiskominfo", unit="kominfo", jabatan="pranata", ratings=BAIK)
    page = _client(org, "admin").get(f"{SCREEN}?opd={org.units['kominfo'].pk}&tahun=2025").content.decode()
    assert "yang memberi predikat tanpa alasan tertulis." in page
    assert "yang menilai massal tanpa umpan balik." in page
    assert "Hampir tidak mungkin semua orang" in page  # SERAGAM explained
    assert "terlalu murah hati" not in page and "menghindari keputusan" not in page  # flags not given


def test_long_tables_are_cut_flagged_first_with_a_link_to_the_excel(org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    fairness_org(org)
    monkeypatch.setattr(selectors, "TABLE_MAX_ROWS", 1)
    dik = org.units["dik"].pk
    page = _client(org, "kadis").get(f"{SCREEN}?opd={dik}&tahun=2025").content.decode()
    report = selectors.fairness_report(org.units["dik"], 2025)
    first = report.appraisers[0]
    assert first.flags and report.tabel_penilai.rows == [first]
    assert report.tabel_penilai.lainnya == len(report.appraisers) - 1
    assert f"… dan {len(report.appraisers) - 1} lainnya" in page
    assert f'href="{XLSX}?opd={dik}&amp;tahun=2025">lihat Excel</a>' in page
    assert "Rahmat Hidayat</td>" not in page.split('id="h-kelompok"')[0]  # the suppressed row is cut
    assert all(a.tanpa_alasan for a in report.tabel_alasan.rows)
    assert all(a.massal_tanpa_umpan_balik for a in report.tabel_massal.rows)
    assert report.tabel_rating.rows == [first]  # the flagged only, capped too
