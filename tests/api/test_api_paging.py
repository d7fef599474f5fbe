"""API paging (issue #14): the `setelah` cursor walks every visible row once, in order, and nothing
hidden; bad limits, offsets and over-long cursors are a 422 in Bahasa Indonesia (the schema refuses
them), a well-formed cursor this list never gave out, or a cursor with an offset, a 409 (a rule refuses
it, as every refusal of well-formed input); an offset past the end is an empty page. The keyset itself
is checked on orderings with ties, descending keys and NULLs."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import F
from django.test import Client
from karier_api_org import Org, build_org

from karier.api.pagination import paginate
from karier.api.schemas import PageParams
from karier.people.access import actor_for_user, visible_pegawai
from karier.people.models import Pegawai

pytestmark = pytest.mark.django_db


@pytest.fixture
def org() -> Org:
    return build_org()


def _walk(client: Client, url: str, limit: int) -> list[int]:
    seen: list[int] = []
    params: dict[str, Any] = {"limit": limit}
    for _ in range(100):
        r = client.get(url, params)
        assert r.status_code == 200, r.content
        body = r.json()
        assert len(body["items"]) <= limit
        seen += [row["id"] for row in body["items"]]
        if body["berikutnya"] is None:
            return seen
        assert "setelah" not in params or body["count"] is None  # no COUNT behind a cursor
        params = {"limit": limit, "setelah": body["berikutnya"]}
    raise AssertionError("the cursor never ended")


def test_cursor_walk_returns_every_visible_row_once_in_order(client: Client, org: Org) -> None:
    client.force_login(org.users["kabid1"])
    actor = actor_for_user(org.users["kabid1"])
    expected = list(visible_pegawai(actor).order_by("nama", "id").values_list("pk", flat=True))
    assert 1 < len(expected) < Pegawai.objects.count()  # an actor who sees part of the data
    for limit in (1, 2, 3, 200):
        assert _walk(client, "/api/v1/pegawai", limit) == expected


def test_offset_page_gives_the_cursor_to_continue(client: Client, org: Org) -> None:
    client.force_login(org.users["admin"])
    everyone = client.get("/api/v1/pegawai", {"limit": 200}).json()["items"]
    first = client.get("/api/v1/pegawai", {"limit": 2, "offset": 3}).json()
    assert [r["id"] for r in first["items"]] == [r["id"] for r in everyone[3:5]]
    rest = client.get("/api/v1/pegawai", {"limit": 200, "setelah": first["berikutnya"]}).json()
    assert [r["id"] for r in rest["items"]] == [r["id"] for r in everyone[5:]]
    assert rest["count"] is None and rest["berikutnya"] is None


def test_cursor_keeps_the_filters_of_the_request(client: Client, org: Org) -> None:
    client.force_login(org.users["admin"])
    unit = org.p["staf1"].unit_id
    assert unit is not None
    walked = []
    params: dict[str, Any] = {"limit": 1, "unit": unit}
    while True:
        body = client.get("/api/v1/pegawai", params).json()
        walked += [r["id"] for r in body["items"]]
        if not body["berikutnya"]:
            break
        params = {"limit": 1, "unit": unit, "setelah": body["berikutnya"]}
    everyone = [r["id"] for r in client.get("/api/v1/pegawai", {"limit": 200, "unit": unit}).json()["items"]]
    assert walked == everyone


def test_offset_past_the_end_is_an_empty_page(client: Client, org: Org) -> None:
    client.force_login(org.users["admin"])
    r = client.get("/api/v1/pegawai", {"offset": 5000})
    assert r.status_code == 200
    body = r.json()
    assert body["items"] == [] and body["berikutnya"] is None and body["count"] == Pegawai.objects.count()


@pytest.mark.parametrize(
    "params,words",
    [
        ({"limit": 0}, "limit harus bilangan bulat 1 sampai 200"),
        ({"limit": -5}, "limit harus bilangan bulat 1 sampai 200"),
        ({"limit": 201}, "limit harus bilangan bulat 1 sampai 200"),
        ({"limit": "banyak"}, "limit harus bilangan bulat 1 sampai 200"),
        ({"offset": -1}, "offset harus bilangan bulat 0 sampai 1.000.000.000"),
        ({"offset": 10**12}, "offset harus bilangan bulat 0 sampai 1.000.000.000"),
        ({"offset": 10**40}, "offset harus bilangan bulat 0 sampai 1.000.000.000"),
        ({"setelah": "x" * 5000}, "Kursor `setelah` tidak berlaku"),
    ],
)
def test_bad_paging_input_is_a_422_in_indonesian(client: Client, org: Org, params: dict[str, Any], words: str) -> None:
    client.force_login(org.users["admin"])
    r = client.get("/api/v1/pegawai", params)
    assert r.status_code == 422, r.content
    assert words in r.content.decode()


def test_cursor_and_offset_together_is_a_409(client: Client, org: Org) -> None:
    client.force_login(org.users["admin"])
    cursor = client.get("/api/v1/pegawai", {"limit": 1}).json()["berikutnya"]
    r = client.get("/api/v1/pegawai", {"limit": 1, "offset": 2, "setelah": cursor})
    assert r.status_code == 409 and "tidak keduanya" in r.json()["errors"]["setelah"][0]


def test_cursor_of_another_list_or_tampered_is_refused(client: Client, org: Org) -> None:
    client.force_login(org.users["admin"])
    unit_cursor = client.get("/api/v1/unit", {"limit": 1}).json()["berikutnya"]
    assert unit_cursor
    r = client.get("/api/v1/pegawai", {"setelah": unit_cursor})
    assert r.status_code == 409 and "Kursor" in r.json()["errors"]["setelah"][0]
    cursor = client.get("/api/v1/pegawai", {"limit": 1}).json()["berikutnya"]
    tampered = cursor[:-3] + ("aaa" if not cursor.endswith("aaa") else "bbb")
    assert client.get("/api/v1/pegawai", {"setelah": tampered}).status_code == 409
    assert client.get("/api/v1/pegawai", {"setelah": "bukan-kursor"}).status_code == 409


def test_every_paged_list_accepts_the_cursor(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    paged = 0
    for path, operations in schema["paths"].items():
        for op in operations.values():
            query = {p["name"]: p for p in op.get("parameters", []) if p.get("in") == "query"}
            names = set(query)
            # the lists paged by PageParams (the cascade tree pages its children its own way)
            if "offset" in names and "baris pertama" in query["offset"].get("description", ""):
                paged += 1
                assert "setelah" in names, path
    assert paged > 20


@pytest.mark.parametrize(
    "ordering",
    [
        ("nama", "id"),
        ("-nama",),
        ("jabatan__nama",),
        ("-jabatan__nama", "-id"),
        (F("jabatan__nama").asc(nulls_first=True),),
        (F("jabatan__nama").desc(nulls_last=True), "nama"),
        ("-tanggal_lahir",),
        ("golongan",),  # a relation: ordered by Golongan's own ordering
        (),
    ],
)
def test_keyset_walk_matches_the_ordering(org: Org, ordering: tuple[Any, ...]) -> None:
    Pegawai.objects.filter(pk__in=[org.p["staf1"].pk, org.p["staf2"].pk]).update(nama="Sama", jabatan=None)
    qs = Pegawai.objects.order_by(*ordering) if ordering else Pegawai.objects.order_by()
    expected_all = [p.pk for p in paginate(qs, PageParams(limit=200, offset=0, setelah=None))["items"]]
    assert sorted(expected_all) == sorted(Pegawai.objects.values_list("pk", flat=True))
    for limit in (1, 2, 5):
        seen: list[int] = []
        cursor = None
        while True:
            page = paginate(qs, PageParams(limit=limit, offset=0, setelah=cursor))
            seen += [p.pk for p in page["items"]]
            cursor = page["berikutnya"]
            if cursor is None:
                break
        assert seen == expected_all, (ordering, limit)
