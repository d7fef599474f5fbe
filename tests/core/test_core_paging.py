"""`karier.core.paging`: the web lists' paginator — Django's semantics, strict page numbers, a page
beyond the end that says so without reading rows, and a query count that does not grow with depth."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.paginator import Paginator as DjangoPaginator
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from karier.core.paging import Paginator
from karier.people.models import Pegawai
from tests.orgdata import Org, build_org


@pytest.fixture
def big_org(db: Any) -> Org:
    org = build_org(extra_staff=3)
    for i in range(4):  # ties on the ordering's first key: the second key decides
        org.add_pegawai(f"sama{i}", "staf1", nama="Pegawai Sama", user=False)
    return org


def _directory_qs() -> Any:
    return Pegawai.objects.select_related("golongan", "jabatan", "unit", "opd").order_by("nama", "id")


@pytest.mark.parametrize("per_page,orphans", [(3, 0), (4, 1), (5, 2), (100, 0)])
def test_every_page_matches_django(big_org: Org, per_page: int, orphans: int) -> None:
    ours, theirs = (
        Paginator(_directory_qs(), per_page, orphans=orphans),
        DjangoPaginator(_directory_qs(), per_page, orphans=orphans),
    )
    assert ours.num_pages == theirs.num_pages and ours.count == theirs.count
    for n in range(1, theirs.num_pages + 1):
        a, b = ours.get_page(n), theirs.get_page(n)
        assert [p.pk for p in a.object_list] == [p.pk for p in b.object_list], n
        assert (a.number, a.has_next(), a.has_previous(), a.start_index(), a.end_index()) == (
            b.number,
            b.has_next(),
            b.has_previous(),
            b.start_index(),
            b.end_index(),
        )
        assert a.pesan == ""


def test_lists_and_values_querysets_page_like_django(big_org: Org) -> None:
    rows = list(range(23))
    assert list(Paginator(rows, 5).get_page("3")) == list(DjangoPaginator(rows, 5).get_page("3"))
    values = Pegawai.objects.order_by("-nama", "id").values("pk", "nama")
    assert list(Paginator(values, 3).get_page("2")) == list(DjangoPaginator(values, 3).get_page("2"))


@pytest.mark.parametrize("raw", ["abc", "0", "-3", "1.5", "2x", " ", "١"])
def test_garbage_page_number_shows_page_one_with_a_message(big_org: Org, raw: str) -> None:
    page = Paginator(_directory_qs(), 3).get_page(raw)
    assert page.number == 1
    assert [p.pk for p in page] == [p.pk for p in _directory_qs()[:3]]
    if raw.strip():
        assert "tidak dikenal" in page.pesan and not page.melewati_akhir
    else:
        assert page.pesan == ""


def test_no_page_number_is_page_one_without_a_message(big_org: Org) -> None:
    page = Paginator(_directory_qs(), 3).get_page(None)
    assert page.number == 1 and page.pesan == ""


@pytest.mark.parametrize("raw", ["7", "1000", "9" * 40])
def test_page_beyond_the_end_is_empty_says_so_and_reads_no_rows(big_org: Org, raw: str) -> None:
    paginator = Paginator(_directory_qs(), 3)
    with CaptureQueriesContext(connection) as ctx:
        page = paginator.get_page(raw)
    assert paginator.num_pages == 6  # 13 people + 4 namesakes = 17 rows
    assert list(page.object_list) == [] and page.melewati_akhir and not page.has_next()
    assert "tidak ada" in page.pesan and "hanya 6 halaman" in page.pesan
    assert len(ctx.captured_queries) == 1  # the COUNT only
    assert "COUNT" in ctx.captured_queries[0]["sql"].upper()


def test_query_count_is_the_same_on_every_page_and_rows_are_joined(big_org: Org) -> None:
    counts = []
    for n in (1, 3, 6):
        paginator = Paginator(_directory_qs(), 3)
        with CaptureQueriesContext(connection) as ctx:
            page = paginator.get_page(n)
            for p in page:  # select_related kept: no query per row
                _ = (p.golongan and p.golongan.kode, p.unit and p.unit.nama, p.jabatan and p.jabatan.nama)
        counts.append(len(ctx.captured_queries))
    assert counts == [2, 2, 2]


def test_deep_page_reads_keys_before_rows(big_org: Org) -> None:
    """Past page 1 the joined query only fetches rows whose key is in the page's key slice."""
    with CaptureQueriesContext(connection) as ctx:
        list(Paginator(_directory_qs(), 3).get_page(5))
    sql = ctx.captured_queries[-1]["sql"].upper()
    assert " IN (SELECT" in sql and "OFFSET" in sql


def test_directory_page_beyond_the_end_tells_the_reader(client: Client, big_org: Org) -> None:
    client.force_login(big_org.users["admin"])
    response = client.get("/pegawai/?page=999&q=Pegawai")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Halaman 999 tidak ada — daftar ini hanya 1 halaman." in body
    assert "page=1" in body and "q=Pegawai" in body  # the link to the last page keeps the filter


def test_directory_garbage_page_shows_page_one_and_a_message(client: Client, big_org: Org) -> None:
    client.force_login(big_org.users["admin"])
    response = client.get("/pegawai/?page=-2")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nomor halaman “-2” tidak dikenal" in body
    assert "Pegawai Sama" in body


def test_rows_between_past_the_total_and_from_the_end(big_org: Org) -> None:
    from karier.core.paging import rows_between

    everyone = [p.pk for p in _directory_qs()]
    assert [p.pk for p in rows_between(_directory_qs(), 15, 40, total=len(everyone))] == everyone[15:]
    assert [p.pk for p in rows_between(_directory_qs(), 9, 12, total=len(everyone))] == everyone[9:12]
    assert rows_between(_directory_qs(), 20, 30, total=len(everyone)) == []


@pytest.mark.parametrize("raw,deep", [("2", False), ("3", True), ("4", True), ("5", False), ("6", False)])
def test_page_deep_from_both_ends_is_not_read(big_org: Org, monkeypatch: Any, raw: str, deep: bool) -> None:
    """17 rows, 3 per page, at most 3 rows from the nearer end: pages 3 and 4 (rows 7–12) are too deep."""
    monkeypatch.setattr(Paginator, "max_depth", 3)
    with CaptureQueriesContext(connection) as ctx:
        page = Paginator(_directory_qs(), 3).get_page(raw)
        rows = [p.pk for p in page.object_list]
    assert page.terlalu_dalam is deep and page.number == int(raw) and not page.melewati_akhir
    if deep:
        assert rows == [] and len(ctx.captured_queries) == 1  # the COUNT only
        assert f"Halaman {raw} terlalu dalam" in page.pesan and "3 baris pertama" in page.pesan
        assert "Excel" not in page.pesan  # this list has no download to suggest
        with_download = Paginator(_directory_qs(), 3)
        with_download.ada_unduhan = True
        assert with_download.get_page(raw).pesan.endswith("atau unduh Excel-nya.")
    else:
        start = (int(raw) - 1) * 3
        assert rows == [p.pk for p in _directory_qs()][start : start + 3] and page.pesan == ""


def test_directory_page_too_deep_tells_the_reader(client: Client, big_org: Org, monkeypatch: Any) -> None:
    monkeypatch.setattr(Paginator, "max_depth", 0)
    monkeypatch.setattr("karier.people.views.PAGE_SIZE", 2)
    client.force_login(big_org.users["admin"])
    body = client.get("/pegawai/?page=3").content.decode()
    assert "Halaman 3 terlalu dalam" in body and "Persempit daftar" in body
    assert "unduh Excel-nya" in body  # the directory has its Excel download


#: The views that page a list with `page_for` since issue #14 moved every web list onto it.
PAGED_MODULES = (
    "karier.core.views",
    "karier.plans.views_insight",
    "karier.appraisal.public.views",
    "karier.appraisal.public.skm.views",
    "karier.appraisal.feedback.views",
    "karier.development.catalogue.views",
    "karier.development.idp.views",
    "karier.development.jp.views",
    "karier.development.outcomes.views",
    "karier.development.outcomes.views_level",
    "karier.talent.history.views",
    "karier.talent.credit.views",
    "karier.talent.coaching.views",
    "karier.talent.recognition.views",
    "karier.talent.succession.views",
    "karier.talent.promotion.views",
    "karier.standards.views.perjanjian",
    "karier.standards.views.renstra",
)


def _plain_list_urls() -> list[str]:
    """Every GET route without parameters in the modules above (their list screens among them)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found: list[str] = []

    def walk(patterns: Any, prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif (
                isinstance(p, URLPattern)
                and "<" not in prefix + str(p.pattern)
                and getattr(p.callback, "__module__", "") in PAGED_MODULES
            ):
                found.append("/" + prefix + str(p.pattern))

    walk(get_resolver().url_patterns, "")
    return sorted(set(found))


#: Lists each role must find paged strictly (at least): the long ones of a province.
MUST = {
    "admin": {"/jejak-audit/", "/karier/kenaikan-pangkat/", "/karier/angka-kredit/", "/karier/riwayat-kinerja/"},
    "kadis": {"/karier/kenaikan-pangkat/", "/karier/suksesi/", "/pengembangan/jp/rekap/", "/standar/perjanjian/"},
    "kasi1": {"/karier/angka-kredit/"},
}


@pytest.mark.parametrize("who", sorted(MUST))
def test_every_list_says_when_a_page_is_beyond_the_end_or_unknown(client: Client, big_org: Org, who: str) -> None:
    """A page number past the end (even one of 40 digits) or not a number gives a clear message on
    every list screen, never Django's silent last page (an OFFSET to the end of a long list)."""
    client.force_login(big_org.users[who])
    checked = set()
    for url in _plain_list_urls():
        far = client.get(url, {"page": "9" * 40})
        if far.status_code != 200 or not far["Content-Type"].startswith("text/html"):
            continue  # not this role's screen, or a download
        if "tidak ada — daftar ini hanya" not in far.content.decode():
            continue  # a screen of several lists paged by other names, or no list at all
        checked.add(url)
        garbage = client.get(url, {"page": "abc"}).content.decode()
        assert "Nomor halaman “abc” tidak dikenal" in garbage, url
    assert MUST[who] <= checked, MUST[who] - checked
