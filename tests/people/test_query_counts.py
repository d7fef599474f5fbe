"""Every page and list runs a fixed number of queries however many rows it shows (issue #2)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.orgdata import build_org

PAGES = [
    ("admin", "/"),
    ("kasi1", "/"),
    ("kadis", "/"),
    ("admin", "/pegawai/"),
    ("kasi1", "/pegawai/"),
    ("admin", "/pegawai/?q=Pegawai"),
    ("admin", "/pegawai/unit/"),
    ("admin", "/pegawai/unit/{dik_s1}/"),
    ("kasi1", "/pegawai/unit/{dik_s1}/"),
    ("admin", "/pegawai/{staf1a}/"),
    ("admin", "/jejak-audit/"),
]


def _measure(client: Client, url: str) -> int:
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "url"), PAGES)
def test_query_count_does_not_grow_with_rows(who: str, url: str) -> None:
    org = build_org(extra_staff=2)
    client = Client()
    client.force_login(org.users[who])
    url = url.format(dik_s1=org.units["dik_s1"].pk, staf1a=org.pegawai["staf1a"].pk)
    small = _measure(client, url)
    for i in range(2, 30):
        org.add_pegawai(f"extra{i}", "staf1", golongan=31, user=False)
    large = _measure(client, url)
    assert small == large, (who, url, small, large)
