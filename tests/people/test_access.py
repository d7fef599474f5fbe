"""Who sees whom: one hand-written table, checked against every screen and API route.

The table is the specification (issue #2): self; superiors down the chain; the agency head for
the agency; BKD admin and auditor for everyone. Hidden records answer 404.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from karier.people.access import actor_for_user, can_see_pegawai, pegawai_for_actor, visible_pegawai

TARGETS = ["sekda", "kadis", "kabid1", "kasi1", "staf1a", "staf1b", "kabid2", "staf2", "kadiskominfo", "pranata"]
ALL = set(TARGETS)
SEES: dict[str, set[str]] = {
    "sekda": ALL,
    "kadis": {"kadis", "kabid1", "kasi1", "staf1a", "staf1b", "kabid2", "staf2"},
    "kabid1": {"kabid1", "kasi1", "staf1a", "staf1b"},
    "kasi1": {"kasi1", "staf1a", "staf1b"},
    "staf1a": {"staf1a"},
    "staf1b": {"staf1b"},
    "kabid2": {"kabid2", "staf2"},
    "staf2": {"staf2"},
    "kadiskominfo": {"kadiskominfo", "pranata"},
    "pranata": {"pranata"},
    "admin": ALL,
    "auditor": ALL,
    "unlinked": set(),
}

# Every route of the product, by what its path parameter names. A new route fails
# `test_every_route_is_in_the_access_table` until it is classified here.
PEGAWAI_ROUTES = {"people:profile": "/pegawai/{id}/", "api:pegawai_detail": "/api/v1/pegawai/{id}"}
LOGIN_ROUTES = {
    "core:home": "/", "people:directory": "/pegawai/", "people:unit_tree": "/pegawai/unit/",
    "api:pegawai_list": "/api/v1/pegawai", "api:unit_list": "/api/v1/unit",
    "api:jabatan_list": "/api/v1/jabatan",
    "api:me": "/api/v1/me",
}
ORG_ROUTES = {"people:unit_detail": "/pegawai/unit/{unit}/", "api:unit_detail": "/api/v1/unit/{unit}",
              "api:jabatan_detail": "/api/v1/jabatan/{jabatan}"}
ADMIN_ONLY = {"core:audit_log": "/jejak-audit/"}
PUBLIC = {"api:api-root", "core:glossary", "accounts:login", "accounts:logout", "api:openapi-json",
          "api:openapi-view", "set_language"}


def _route_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], ns: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    continue
                walk(p.url_patterns, f"{ns}{p.namespace}:" if p.namespace else ns)
            elif isinstance(p, URLPattern) and p.name:
                names.add(f"{ns}{p.name}")

    walk(get_resolver().url_patterns, "")
    return names


def test_every_route_is_in_the_access_table() -> None:
    classified = set(PEGAWAI_ROUTES) | set(LOGIN_ROUTES) | set(ORG_ROUTES) | set(ADMIN_ONLY) | PUBLIC
    names = _route_names()
    assert names - classified == set()
    assert classified - names == set()  # the table names no route that has gone


def _client(org: Any, who: str) -> Client:
    c = Client()
    c.force_login(org.users[who])
    return c


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", sorted(SEES))
def test_visibility_table(org: Any, viewer: str) -> None:
    actor = actor_for_user(org.users[viewer])
    seen = {key for key in TARGETS if visible_pegawai(actor).filter(pk=org.pegawai[key].pk).exists()}
    assert seen == SEES[viewer]
    for key in TARGETS:
        assert can_see_pegawai(actor, org.pegawai[key]) is (key in SEES[viewer]), key


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", sorted(SEES))
@pytest.mark.parametrize("route", sorted(PEGAWAI_ROUTES))
def test_pegawai_routes_follow_the_table(org: Any, viewer: str, route: str) -> None:
    client = _client(org, viewer)
    for key in TARGETS:
        url = PEGAWAI_ROUTES[route].format(id=org.pegawai[key].pk)
        response = client.get(url)
        expected = 200 if key in SEES[viewer] else 404
        assert response.status_code == expected, (viewer, key, url)


@pytest.mark.django_db
def test_hidden_and_missing_look_the_same(org: Any) -> None:
    client = _client(org, "staf1a")
    hidden = client.get(f"/pegawai/{org.pegawai['kadis'].pk}/")
    missing = client.get("/pegawai/999999/")
    assert hidden.status_code == missing.status_code == 404
    with pytest.raises(Exception, match="tidak ditemukan"):
        pegawai_for_actor(actor_for_user(org.users["staf1a"]), org.pegawai["kadis"].pk)


@pytest.mark.django_db
@pytest.mark.parametrize("route", sorted({**LOGIN_ROUTES, **PEGAWAI_ROUTES, **ORG_ROUTES, **ADMIN_ONLY}))
def test_anonymous_is_kept_out(org: Any, route: str) -> None:
    template = {**LOGIN_ROUTES, **PEGAWAI_ROUTES, **ORG_ROUTES, **ADMIN_ONLY}[route]
    url = template.format(id=org.pegawai["staf1a"].pk, unit=org.units["dik"].pk, jabatan=org.jabatan["kadis"].pk)
    response = Client().get(url)
    if url.startswith("/api/"):
        assert response.status_code == 401
    else:
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", sorted(SEES))
def test_directory_lists_exactly_the_visible_people(org: Any, viewer: str) -> None:
    response = _client(org, viewer).get("/pegawai/")
    assert response.status_code == 200
    listed = {key for key in TARGETS if f"/pegawai/{org.pegawai[key].pk}/\"" in response.content.decode()}
    assert listed == SEES[viewer]


@pytest.mark.django_db
@pytest.mark.parametrize(("viewer", "status"), [("admin", 200), ("auditor", 200), ("kadis", 404), ("staf1a", 404)])
def test_audit_log_is_for_admin_and_auditor(org: Any, viewer: str, status: int) -> None:
    assert _client(org, viewer).get("/jejak-audit/").status_code == status


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", ["admin", "auditor", "kadis", "staf1a", "unlinked"])
def test_org_chart_pages_open_for_signed_in_users(org: Any, viewer: str) -> None:
    client = _client(org, viewer)
    assert client.get(f"/pegawai/unit/{org.units['dik_s1'].pk}/").status_code == 200
    assert client.get("/pegawai/unit/999999/").status_code == 404


@pytest.mark.django_db
def test_unit_page_hides_non_managerial_holders_from_outsiders(org: Any) -> None:
    page = _client(org, "pranata").get(f"/pegawai/unit/{org.units['dik_s1'].pk}/").content.decode()
    assert org.pegawai["kasi1"].nama in page  # a managerial holder is a public official
    assert org.pegawai["staf1a"].nama not in page
    page = _client(org, "kasi1").get(f"/pegawai/unit/{org.units['dik_s1'].pk}/").content.decode()
    assert org.pegawai["staf1a"].nama in page


@pytest.mark.django_db
def test_admin_site_is_for_bkd_admins_only(org: Any) -> None:
    assert _client(org, "admin").get("/admin/people/pegawai/").status_code == 200
    for who in ("auditor", "kadis", "staf1a"):
        assert _client(org, who).get("/admin/people/pegawai/").status_code == 302
