"""`field__any=[…]` (karier.core.lookups): the same rows as `__in` on every backend, one array
parameter on PostgreSQL — on plain fields, foreign keys and joins; None dropped, an empty list
matching nothing, a subquery kept a subquery."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from karier.people.models import Jabatan, Pegawai
from tests.orgdata import Org, build_org

pytestmark = pytest.mark.django_db


@pytest.fixture
def org() -> Org:
    return build_org(extra_staff=6)


def _same(qs_any, qs_in) -> list[int]:  # type: ignore[no-untyped-def]
    got, want = sorted(qs_any.values_list("pk", flat=True)), sorted(qs_in.values_list("pk", flat=True))
    assert got == want
    return got


def test_plain_field_foreign_key_and_join_give_the_rows_of_in(org: Org) -> None:
    people = list(Pegawai.objects.order_by("pk"))
    ids = [p.pk for p in people[::2]] + [10**9]  # one id nobody has
    assert len(_same(Pegawai.objects.filter(pk__any=ids), Pegawai.objects.filter(pk__in=ids))) == len(people[::2])
    units = sorted({p.unit_id for p in people[:3]})
    found = _same(Pegawai.objects.filter(unit_id__any=units), Pegawai.objects.filter(unit_id__in=units))
    assert found and all(Pegawai.objects.get(pk=pk).unit_id in units for pk in found)
    _same(Pegawai.objects.filter(unit__any=units), Pegawai.objects.filter(unit__in=units))  # the FK itself
    objs = [p.unit for p in people[:3]]  # model instances: prepared by Django, not taken as ints
    assert _same(Pegawai.objects.filter(unit__any=objs), Pegawai.objects.filter(unit__in=objs)) == found
    bosses = list(Jabatan.objects.exclude(atasan=None).values_list("atasan_id", flat=True)[:3])
    _same(Pegawai.objects.filter(jabatan__atasan_id__any=bosses), Pegawai.objects.filter(jabatan__atasan_id__in=bosses))
    names = [people[0].nama, people[1].nama, "tidak ada"]
    assert len(_same(Pegawai.objects.filter(nama__any=names), Pegawai.objects.filter(nama__in=names))) >= 2


def test_none_is_dropped_and_an_empty_list_matches_nothing(org: Org) -> None:
    first = Pegawai.objects.order_by("pk").first()
    assert first is not None
    assert list(Pegawai.objects.filter(pk__any=[first.pk, None]).values_list("pk", flat=True)) == [first.pk]
    assert not Pegawai.objects.filter(pk__any=[]).exists()
    assert Pegawai.objects.exclude(pk__any=[]).count() == Pegawai.objects.count()


def test_a_subquery_stays_a_subquery(org: Org) -> None:
    sub = Jabatan.objects.filter(atasan__isnull=True).values("pk")
    _same(Pegawai.objects.filter(jabatan_id__any=sub), Pegawai.objects.filter(jabatan_id__in=sub))


def test_postgresql_gets_one_array_parameter(org: Org) -> None:
    ids = list(Pegawai.objects.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as q:
        list(Pegawai.objects.filter(pk__any=ids))
    sql = q.captured_queries[-1]["sql"]
    if connection.vendor == "postgresql":
        assert "= ANY(" in sql and " IN (" not in sql
    else:
        assert " IN (" in sql
