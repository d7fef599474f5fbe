"""Every endpoint runs a fixed number of queries whatever the number of rows (architecture rule 3)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from karier_api_org import Org, build_org, make_pegawai

pytestmark = pytest.mark.django_db


@pytest.fixture
def org() -> Org:
    return build_org()


def count_queries(client: Client, url: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url, params or {})
    assert r.status_code == 200, r.content
    return len(ctx.captured_queries)


def grow(org: Org, n: int) -> None:
    for i in range(n):
        make_pegawai(org.instansi, f"Tambahan {i:03d}", jabatan=org.j["adm_a2"], golongan=21 + i % 4)


@pytest.mark.parametrize("user", ["admin", "kepala_a", "kabid2"])
@pytest.mark.parametrize("params", [{}, {"q": "tambahan"}, {"unit": "bidang_a2"}, {"jenis_jabatan": "PELAKSANA"}])
def test_pegawai_list_queries_do_not_grow(client: Client, org: Org, user: str, params: dict) -> None:
    client.force_login(org.users[user])
    params = {k: (org.u[v].pk if k == "unit" else v) for k, v in params.items()}
    grow(org, 3)
    small = count_queries(client, "/api/v1/pegawai", {"limit": 200, **params})
    assert len(client.get("/api/v1/pegawai", {"limit": 200, **params}).json()["items"]) >= 3
    grow(org, 27)
    large = count_queries(client, "/api/v1/pegawai", {"limit": 200, **params})
    assert len(client.get("/api/v1/pegawai", {"limit": 200, **params}).json()["items"]) >= 30
    assert small == large


def _grow_tree(org: Org, n: int) -> None:
    from karier_api_org import make_jabatan

    from karier.people.access import SYSTEM
    from karier.people.choices import JenisJabatan, JenisUnit
    from karier.people.services.unit import unit_create

    for i in range(n):
        unit = unit_create(
            actor=SYSTEM, instansi=org.instansi, nama=f"Seksi {i}", jenis=JenisUnit.SUBBIDANG, parent=org.u["bidang_a2"]
        )
        head = make_jabatan(unit, f"Kepala Seksi {i}", JenisJabatan.PENGAWAS, org.j["kabid2"], kepala=True)
        make_pegawai(org.instansi, f"Kasi {i}", jabatan=head)


@pytest.mark.parametrize(
    "url",
    [
        lambda org: "/api/v1/unit",
        lambda org: f"/api/v1/unit/{org.u['bidang_a2'].pk}",
        lambda org: "/api/v1/jabatan",
        lambda org: f"/api/v1/jabatan/{org.j['kabid2'].pk}",
        lambda org: f"/api/v1/pegawai/{org.p['staf_a2'].pk}",
        lambda org: "/api/v1/me",
    ],
    ids=["unit", "unit-detail", "jabatan", "jabatan-detail", "pegawai-detail", "me"],
)
def test_other_endpoints_queries_do_not_grow(client: Client, org: Org, url: Callable[[Org], str]) -> None:
    client.force_login(org.users["kepala_a"])
    _grow_tree(org, 3)
    small = count_queries(client, url(org), {"limit": 200})
    _grow_tree(org, 30)
    assert count_queries(client, url(org), {"limit": 200}) == small


def test_token_request_query_budget(client: Client, org: Org) -> None:
    """Bearer auth adds one lookup (and at most one last-used update every five minutes)."""
    from karier.accounts.tokens import token_create
    from karier.people.access import SYSTEM

    _, key = token_create(actor=SYSTEM, user=org.users["admin"], name="t")
    headers = {"Authorization": f"Bearer {key}"}
    client.get("/api/v1/pegawai", headers=headers)  # first use records last_used_at
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/api/v1/pegawai", headers=headers).status_code == 200
    # token+user, count, page (the admin actor needs no position lookup)
    assert len(ctx.captured_queries) == 3, [q["sql"] for q in ctx.captured_queries]
