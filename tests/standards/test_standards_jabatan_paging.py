"""/standar/jabatan/ takes the page first and counts results for those 25 positions only (issue #14):
for every filter the page offers it shows the same positions, in the same order, with the same
"has a standard" flag and number of results as the old annotated query (`jabatan_standar_list`, still
what the export and the API use), and its query count does not grow with the number of positions."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from karier.people import services as people
from karier.people.access import SYSTEM
from karier.people.models import Jabatan
from karier.standards import selectors
from karier.standards.models import StandarHasil, StandarJabatan
from karier.standards.services.standar import HasilData, standar_hasil_add, standar_jabatan_set
from tests.orgdata import Org

pytestmark = pytest.mark.django_db

PAGE = 25


def _grow(org: Org, n: int, tag: str) -> None:
    """n more positions in each of two units: a third without a standard, a third with an empty
    standard, a third with 1–3 results; some share a name (ordered by id), one is inactive."""
    for i in range(n):
        for unit, jenis in (("dik_s1", "PELAKSANA"), ("kominfo", "FUNGSIONAL")):
            nama = f"Analis {tag} {i // 2}" if jenis == "FUNGSIONAL" else f"Pengelola {tag} {i}"
            j = people.jabatan_create(
                actor=SYSTEM,
                data=people.JabatanData(
                    unit=org.units[unit],
                    nama=nama,
                    jenis=jenis,
                    jenjang="Ahli Pertama" if jenis == "FUNGSIONAL" else "",
                    atasan=org.jabatan["kasi1" if unit == "dik_s1" else "kadiskominfo"],
                ),
            )
            if i % 3 == 1:
                standar_jabatan_set(actor=SYSTEM, jabatan=j, ringkasan=f"Standar {nama}")
            elif i % 3 == 2:
                for k in range(1 + i % 4):
                    standar_hasil_add(
                        actor=SYSTEM,
                        jabatan=j,
                        data=HasilData(rhk=f"Hasil {k}", indikator="Jumlah", target_angka=k + 1, satuan="dok"),
                    )
            if i == n - 1 and unit == "kominfo":
                Jabatan.objects.filter(pk=j.pk).update(aktif=False)


@pytest.fixture
def grown(seeded: Org) -> Org:
    _grow(seeded, 30, "A")  # more than a page (25) of "analis": page 2 exists at both sizes
    return seeded


def _filters(org: Org) -> list[dict[str, Any]]:
    dik, kom = org.units["dik"].pk, org.units["kominfo"].pk
    return [
        {},
        {"ada": "ya"},
        {"ada": "tidak"},
        {"q": "analis"},
        {"q": "  PENGELOLA a  "},
        {"jenis": "PELAKSANA"},
        {"jenis": "FUNGSIONAL", "ada": "tidak"},
        {"opd": dik},
        {"opd": kom, "ada": "ya"},
        {"opd": kom, "jenis": "FUNGSIONAL", "q": "analis", "ada": "ya"},
        {"q": "tidak ada yang bernama begini"},
    ]


def _reference(params: dict[str, Any]) -> list[tuple[int, bool, int]]:
    """The old query: the annotated list over every position, then sliced."""
    qs = selectors.jabatan_standar_list(
        Jabatan.objects.all(),
        opd=params.get("opd"),
        ada={"ya": True, "tidak": False}.get(params.get("ada", "")),
        q=params.get("q", ""),
        jenis=params.get("jenis", ""),
    )
    return [(j.pk, j.ada_standar, j.n_hasil) for j in qs]  # type: ignore[attr-defined]


def test_every_filter_and_page_shows_what_the_old_query_showed(grown: Org, login: Any) -> None:
    client = login("admin")
    for params in _filters(grown):
        expected = _reference(params)
        pages = max(1, -(-len(expected) // PAGE))
        for page in range(1, pages + 1):
            r = client.get("/standar/jabatan/", {**params, "page": page})
            assert r.status_code == 200
            page_obj = r.context["page_obj"]
            assert page_obj.paginator.count == len(expected), params
            shown = [(j.pk, j.ada_standar, j.n_hasil) for j in page_obj]
            assert shown == expected[(page - 1) * PAGE : page * PAGE], (params, page)
    # The filters did split the data: some pages are long, some empty, some positions have no standard.
    assert len(_reference({})) > PAGE and _reference({"ada": "tidak"}) and not _reference(_filters(grown)[-1])
    assert not Jabatan.objects.filter(pk__in=[pk for pk, *_ in _reference({})], aktif=False).exists()
    assert Jabatan.objects.filter(aktif=False).exists()


def test_result_counts_are_the_standards_results(grown: Org, login: Any) -> None:
    """Independently of the old query: the number shown is the standard's results, 0 for an empty
    standard, and "belum ada" for a position without one."""
    r = login("admin").get("/standar/jabatan/", {"opd": grown.units["kominfo"].pk})
    rows = list(r.context["page_obj"])
    assert rows
    for j in rows:
        n = StandarHasil.objects.filter(standar__jabatan=j).count()
        assert (j.n_hasil, j.ada_standar) == (n, StandarJabatan.objects.filter(jabatan=j).exists())
    html = r.content.decode()
    assert "belum ada" in html and "0 hasil" in html and "3 hasil" in html


def test_invalid_filter_and_anonymous(grown: Org, login: Any) -> None:
    r = login("admin").get("/standar/jabatan/", {"opd": "999999999"})
    assert r.status_code == 200 and r.context["page_obj"].paginator.count == 0
    assert "Periksa kembali isian saringan" in r.content.decode()
    assert login("anonymous").get("/standar/jabatan/").status_code == 302


def test_every_signed_in_role_sees_the_same_list(grown: Org, login: Any) -> None:
    """The list of positions and their standards is not personal data: as before, an employee gets the
    same rows as the BKD admin (the edit rights are checked on the position's own page)."""
    admin = [j.pk for j in login("admin").get("/standar/jabatan/", {"page": 2}).context["page_obj"]]
    staff = [j.pk for j in login("staf1a").get("/standar/jabatan/", {"page": 2}).context["page_obj"]]
    assert admin and admin == staff


def _count(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200 and r.context["page_obj"].object_list, url
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_positions(grown: Org, login: Any) -> None:
    client = login("kasi1")
    urls = [
        "/standar/jabatan/",
        "/standar/jabatan/?ada=ya",
        "/standar/jabatan/?ada=tidak&jenis=PELAKSANA",
        "/standar/jabatan/?q=analis&page=2",
        f"/standar/jabatan/?opd={grown.units['dik'].pk}&page=2",
    ]
    small = [_count(client, u) for u in urls]
    _grow(grown, 40, "B")
    large = [_count(client, u) for u in urls]
    assert small == large
    # The results are counted for the page's positions only: one GROUP BY, by id.
    with CaptureQueriesContext(connection) as ctx:
        client.get(urls[0])
    grouped = [q["sql"] for q in ctx.captured_queries if "GROUP BY" in q["sql"]]
    assert len(grouped) == 1 and '"jabatan_id" IN (' in grouped[0]
