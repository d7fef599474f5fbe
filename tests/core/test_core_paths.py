"""`path__subtree` (karier.core.paths): exactly the rows whose path starts with the prefix, written as
a range (no LIKE) that an ordinary index serves; the path columns compare bytewise on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from karier.core.paths import next_prefix
from karier.people.models import Jabatan, UnitKerja
from tests.orgdata import Org, build_org

pytestmark = pytest.mark.django_db


@pytest.fixture
def org() -> Org:
    return build_org(extra_staff=2)


def test_subtree_is_the_prefix_without_like(org: Org) -> None:
    units = list(UnitKerja.objects.all())
    assert len(units) > 3
    for u in units:
        with CaptureQueriesContext(connection) as ctx:
            got = set(UnitKerja.objects.filter(path__subtree=u.path).values_list("pk", flat=True))
        assert got == {v.pk for v in units if v.path.startswith(u.path)}
        assert u.pk in got
        assert " LIKE " not in ctx.captured_queries[0]["sql"].upper()
    assert set(Jabatan.objects.filter(path__subtree="").values_list("pk", flat=True)) == set(
        Jabatan.objects.values_list("pk", flat=True)
    )


def test_sibling_ids_sharing_digits_stay_apart(org: Org) -> None:
    """/1/ must not take /10/ or /1x/: the range ends before the next character after '/'."""
    root = UnitKerja.objects.filter(parent=None).order_by("pk").first()
    assert root is not None
    fake = [f"{root.path}9/", f"{root.path}90/", f"{root.path[:-1]}0/", f"{root.path[:-1]}/"]
    for p in fake:
        assert next_prefix(root.path) > p or not p.startswith(root.path)
    below = UnitKerja.objects.filter(path__subtree=root.path)
    assert all(u.path.startswith(root.path) for u in below)
    assert not UnitKerja.objects.filter(path__subtree=f"{root.path[:-1]}0/").filter(pk=root.pk).exists()


def test_an_expression_is_refused() -> None:
    from django.db.models import F

    with pytest.raises(TypeError):
        str(UnitKerja.objects.filter(path__subtree=F("nama")).query)


@given(st.text(alphabet="/0123456789", min_size=1, max_size=8), st.text(alphabet="/0123456789", max_size=8))
def test_next_prefix_bounds_every_extension(prefix: str, rest: str) -> None:
    assert prefix <= prefix + rest < next_prefix(prefix)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="collations are PostgreSQL's")
def test_path_columns_compare_bytes_on_postgresql() -> None:
    with connection.cursor() as c:
        c.execute(
            "SELECT table_name, collation_name FROM information_schema.columns "
            "WHERE column_name = 'path' AND table_name IN (%s, %s)",
            [UnitKerja._meta.db_table, Jabatan._meta.db_table],
        )
        assert dict(c.fetchall()) == {UnitKerja._meta.db_table: "C", Jabatan._meta.db_table: "C"}
