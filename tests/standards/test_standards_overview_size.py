"""/standar/ and its sub-pages stay the same work however large the province grows (issue #10: the
overview took seconds with 2,000 employees): the same number of queries with more agencies, positions,
employees and position standards, and no 4.8 MB plotly bundle holding the page back."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from karier.people import services as people
from karier.people.access import SYSTEM
from karier.standards.models import Indikator, StandarJabatan
from karier.standards.services.standar import standar_copy
from tests.orgdata import Org

PAGES = ["/standar/", "/standar/indikator/{ipm}/", "/standar/?export=xlsx"]


def _grow_province(org: Org, agencies: int, per_agency: int) -> None:
    """New agencies, each with positions that have a standard and employees who hold them."""
    staf1 = StandarJabatan.objects.get(jabatan=org.jabatan["staf1"])
    for a in range(agencies):
        opd = people.unit_create(actor=SYSTEM, instansi=org.instansi, nama=f"Badan Uji {a}", jenis="OPD")
        ids = []
        for n in range(per_agency):
            jab = people.jabatan_create(
                actor=SYSTEM, data=people.JabatanData(unit=opd, nama=f"Analis {a}.{n}", jenis="PELAKSANA")
            )
            ids.append(jab.pk)
            org.jabatan[f"uji{a}_{n}"] = jab
            org.add_pegawai(f"uji{a}_{n}", f"uji{a}_{n}", user=False)
        standar_copy(actor=SYSTEM, jabatan=staf1.jabatan, jabatan_ids=ids[: per_agency // 2])


def _measure(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["admin", "kadis", "staf1a"])
def test_overview_queries_do_not_grow_with_the_province(seeded: Org, who: str) -> None:
    org = seeded
    ids = {"ipm": Indikator.objects.get(kode="IKU-01").pk}
    client = Client()
    client.force_login(org.users[who])
    small = {url: _measure(client, url.format(**ids)) for url in PAGES}
    before = client.get("/standar/").content.decode()
    _grow_province(org, agencies=3, per_agency=6)
    large = {url: _measure(client, url.format(**ids)) for url in PAGES}
    assert small == large
    assert small["/standar/"] <= 16, small
    # the coverage figure did grow: the page counts the new positions (the same queries, more rows)
    after = client.get("/standar/").content.decode()
    coverage = re.compile(r'<div class="stat">([\d.]+)/([\d.]+)</div>')
    ada0, total0 = (int(n.replace(".", "")) for n in coverage.findall(before)[0])
    ada1, total1 = (int(n.replace(".", "")) for n in coverage.findall(after)[0])
    assert (ada1 - ada0, total1 - total0) == (9, 18)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/standar/", "/standar/indikator/{ipm}/"])
def test_chart_pages_do_not_load_plotly_with_the_page(seeded: Org, url: str) -> None:
    """plotly.min.js (4.8 MB) is fetched by chart.js after the page has loaded, never by a script tag."""
    client = Client()
    client.force_login(seeded.users["staf1a"])
    html = client.get(url.format(ipm=Indikator.objects.get(kode="IKU-01").pk)).content.decode()
    assert 'data-plotly="/static/plotly/plotly.min.js"' in html
    assert not re.search(r"<script[^>]*plotly\.min\.js", html), "plotly is a blocking script again"
    assert re.search(r'<script src="/static/karier/chart\.js" defer>', html)
    assert "plotly_white" not in html  # the figure no longer carries plotly's whole template


@pytest.mark.django_db
def test_overview_shows_the_iku_once_from_the_tree(seeded: Org, login: Any) -> None:
    """The IKU table and the tree come from one read: every IKU is listed and linked in both."""
    html = login("staf1a").get("/standar/").content.decode()
    for ind in Indikator.objects.filter(sasaran__isnull=False):
        assert html.count(f'href="/standar/indikator/{ind.pk}/"') >= 2, ind.nama
