"""The 9-box screens (issue #12 item 4): the grid per province/agency/unit with drill-down, a cell's
people and their Excel, the moves between years, a person's explained placement, and fixed query
counts at two sizes."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from karier.people.models import Pegawai
from karier.talent.models import PenempatanTalenta
from karier.talent.ninebox.compute import place
from tests.talent.talent_ninebox_helpers import DI_ATAS, DI_BAWAH, SESUAI, jpm, rating, sanction, use_ruleset

pytestmark = pytest.mark.django_db
YEAR = 2025


def _client(org: Any, who: str) -> Client:
    c = Client()
    c.force_login(org.users[who])
    return c


def _place_everyone(org: Any) -> list[int]:
    """Everyone placed in 2024 and 2025; staf1a moves from box 5 to box 9, staf1b stays in 1."""
    use_ruleset()
    ids = list(Pegawai.objects.order_by("pk").values_list("pk", flat=True))
    for p in Pegawai.objects.filter(pk__in=ids):
        if p.pk in {org.pegawai["staf1a"].pk, org.pegawai["staf1b"].pk}:
            continue
        rating(p, YEAR - 1, SESUAI)
        rating(p, YEAR, SESUAI)
        jpm(p, 80)
    a, b = org.pegawai["staf1a"], org.pegawai["staf1b"]
    rating(a, YEAR - 2, SESUAI)
    rating(a, YEAR - 1, SESUAI)
    jpm(a, 80, tanggal=dt.date(2024, 1, 1))
    rating(b, YEAR - 1, DI_BAWAH)
    rating(b, YEAR, DI_BAWAH)
    jpm(b, 50)
    sanction(b, 5, dt.date(2025, 3, 1))
    place(ids, YEAR - 1)
    rating(a, YEAR, DI_ATAS)
    rating(a, YEAR - 1, DI_ATAS)
    jpm(a, 95, tanggal=dt.date(2025, 5, 1))
    place(ids, YEAR)
    return ids


def test_grid_counts_and_layout(org: Any) -> None:
    ids = _place_everyone(org)
    r = _client(org, "admin").get(f"/karier/talenta/?tahun={YEAR}")
    assert r.status_code == 200
    html = r.content.decode()
    assert 'data-testid="grid"' in html and 'class="table-wrap"' in html
    # top row is Di atas ekspektasi: boxes 4, 7, 9 in that order; bottom row 1, 3, 6
    order = [html.index(f'data-kotak="{k}"') for k in (4, 7, 9, 2, 5, 8, 1, 3, 6)]
    assert order == sorted(order)
    assert PenempatanTalenta.objects.filter(tahun=YEAR).count() == len(ids)
    assert "Dinas Pendidikan" in html  # the drill-down to agencies


def test_drill_down_province_agency_unit(org: Any) -> None:
    _place_everyone(org)
    c = _client(org, "admin")
    dik, b1 = org.units["dik"], org.units["dik_b1"]
    r = c.get(f"/karier/talenta/?tahun={YEAR}&opd={dik.pk}")
    html = r.content.decode()
    assert f"unit={b1.pk}" in html or f"unit={org.units['dik_s1'].pk}" in html
    assert "Diskominfo" not in html and "Komunikasi" not in html.split('data-testid="rincian"')[-1]
    r = c.get(f"/karier/talenta/kotak/9/?tahun={YEAR}&unit={b1.pk}")
    assert r.status_code == 200
    assert org.pegawai["staf1a"].nama in r.content.decode()  # Seksi Kurikulum is under Bidang SMA
    r = c.get(f"/karier/talenta/kotak/9/?tahun={YEAR}&opd={org.units['kominfo'].pk}")
    assert org.pegawai["staf1a"].nama not in r.content.decode()


def test_cell_lists_its_people_and_exports(org: Any) -> None:
    _place_everyone(org)
    c = _client(org, "admin")
    r = c.get(f"/karier/talenta/kotak/1/?tahun={YEAR}")
    html = r.content.decode()
    assert org.pegawai["staf1b"].nama in html and "dikecualikan" in html
    assert org.pegawai["staf1a"].nama not in html
    r = c.get(f"/karier/talenta/kotak/1/?tahun={YEAR}&export=xlsx")
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[2][0] == org.pegawai["staf1b"].nip and rows[2][7] == 50  # a numeric cell
    assert c.get(f"/karier/talenta/kotak/10/?tahun={YEAR}").status_code == 404


def test_moves_between_years(org: Any) -> None:
    ids = _place_everyone(org)
    r = _client(org, "admin").get(f"/karier/talenta/perpindahan/?tahun={YEAR}")
    html = r.content.decode()
    assert r.status_code == 200
    # staf1a: 5 → 9; everyone else stays
    pindah = html.split('data-testid="pindah"')[1].split("</table>")[0]
    assert "<td>5</td><td>9</td>" in pindah.replace(" ", "")
    assert f"tetap: {len(ids) - 1}" in html


def test_person_page_explains_everything(org: Any) -> None:
    _place_everyone(org)
    a = org.pegawai["staf1a"]
    r = _client(org, "staf1a").get(f"/karier/talenta/pegawai/{a.pk}/")
    html = r.content.decode()
    assert r.status_code == 200
    assert "kotak 9" in html.lower() and "PERMENPANRB-3-2020" in html
    assert "Dipromosikan dan dipertahankan" in html  # recommendation
    assert 'data-testid="penjelasan"' in html and "Level kinerja Tinggi" in html
    assert "1 Mei 2025" in html  # the JPM's date, Indonesian
    assert 'data-testid="riwayat"' in html and ">2024<" in html


def test_person_without_assessment_is_told_why(org: Any) -> None:
    use_ruleset()
    a = org.pegawai["staf1a"]
    rating(a, YEAR, SESUAI)
    place([a.pk], YEAR)
    r = _client(org, "staf1a").get(f"/karier/talenta/pegawai/{a.pk}/?tahun={YEAR}")
    assert "penilaian potensial" in r.content.decode()


def test_empty_grid_says_what_to_do(org: Any) -> None:
    r = _client(org, "admin").get("/karier/talenta/")
    assert r.status_code == 200 and "Belum ada penempatan talenta" in r.content.decode()


def _grow(org: Any, n: int) -> None:
    for i in range(n):
        p = org.add_pegawai(f"grow{i}", "staf1", user=False)
        rating(p, YEAR, (DI_ATAS, SESUAI, DI_BAWAH)[i % 3])
        jpm(p, 60 + i % 40)


@pytest.mark.parametrize("who", ["admin", "kadis", "kabid1"])
def test_grid_and_cell_queries_do_not_grow(org: Any, who: str) -> None:
    _place_everyone(org)
    c = _client(org, who)
    urls = [
        f"/karier/talenta/?tahun={YEAR}",
        f"/karier/talenta/?tahun={YEAR}&opd={org.units['dik'].pk}",
        f"/karier/talenta/kotak/5/?tahun={YEAR}",
        f"/karier/talenta/perpindahan/?tahun={YEAR}",
    ]

    def measure() -> list[int]:
        out = []
        for url in urls:
            with CaptureQueriesContext(connection) as q:
                assert c.get(url).status_code == 200
            out.append(len(q))
        return out

    small = measure()
    _grow(org, 36)
    place(list(Pegawai.objects.values_list("pk", flat=True)), YEAR)
    assert measure() == small


def test_placement_for_person_selector(org: Any) -> None:
    from karier.talent.ninebox.selectors import placement_for_person

    _place_everyone(org)
    a = org.pegawai["staf1a"]
    mine = placement_for_person(org.actor("staf1a"), a)
    assert mine is not None and mine["penempatan"]["kotak"] == 9 and mine["url"].endswith(f"/{a.pk}/")
    assert [r["kotak"] for r in mine["riwayat"]] == [9, 5]
    assert placement_for_person(org.actor("kabid1"), a) is not None
    assert placement_for_person(org.actor("kadiskominfo"), a) is None  # hidden
    p = org.pegawai["pranata"]
    PenempatanTalenta.objects.filter(pegawai=p).delete()
    other = placement_for_person(org.actor("pranata"), p)
    assert other is not None and other["penempatan"] is None and other["alasan_belum"]


def test_sanctions_list_and_person_page_queries_do_not_grow(org: Any) -> None:
    _place_everyone(org)
    c = _client(org, "admin")
    a = org.pegawai["staf1a"]
    urls = ["/karier/hukuman-disiplin/", f"/karier/talenta/pegawai/{a.pk}/", "/api/v1/karier/hukuman-disiplin"]

    def measure() -> list[int]:
        out = []
        for url in urls:
            with CaptureQueriesContext(connection) as q:
                assert c.get(url).status_code == 200
            out.append(len(q))
        return out

    small = measure()
    for i in range(30):
        p = org.add_pegawai(f"hk{i}", "staf1", user=False)
        sanction(p, (1, 4, 9)[i % 3], dt.date(2025, 1 + i % 12, 1))
    sanction(a, 2, dt.date(2025, 4, 1))
    assert measure() == small


def test_grid_rows_and_levels_follow_the_language(org: Any) -> None:
    """The kinerja rows of the grid and the levels of a cell's export are labels, not stored values."""
    from django.conf import settings

    _place_everyone(org)
    c = _client(org, "admin")
    html = c.get(f"/karier/talenta/?tahun={YEAR}").content.decode()
    assert "Di Atas Ekspektasi" in html and "Di Bawah Ekspektasi" in html
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = c.get(f"/karier/talenta/?tahun={YEAR}").content.decode()
    assert "Above expectations" in english and "Di Atas Ekspektasi" not in english
    r = c.get(f"/karier/talenta/kotak/9/?tahun={YEAR}&export=xlsx")
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert rows[2][5:7] == ("High", "High")
    page = c.get(f"/karier/talenta/pegawai/{org.pegawai['staf1a'].pk}/").content.decode()
    assert "<dd>High</dd>" in page


def test_years_span_the_placed_years_newest_first(org: Any) -> None:
    from karier.talent.ninebox.selectors import years

    assert years() == []
    _place_everyone(org)  # 2024 and 2025
    assert years() == [YEAR, YEAR - 1]
    with CaptureQueriesContext(connection) as q:
        years()
    assert len(q) == 1
