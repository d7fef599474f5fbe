"""What the busiest screens ask the database, statement by statement (issue #14: fixed overhead down).

Counting queries (tests/plans/test_plans_views.py) proves that a page does not grow with the team; these
tests prove that a page does not ask the same question twice and does not join tables it never reads.
A model's default ordering walks to its parents' orderings: the realisations of one evaluation were
sorted through nine joins (the evaluation's period, year and person, the indicator's plan, year and
person), and every join is planned and compiled on every request.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from karier.accounts.backends import NipOrUsernameBackend
from karier.appraisal.calibration.access import unit_result_subjects
from tests.appraisal.test_appraisal_calibration_support import client_for, seksi
from tests.appraisal.test_appraisal_support import configured
from tests.orgdata import Org


def _sql(ctx: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries]


def _from(sqls: list[str], table: str) -> list[str]:
    """The statements that read `table` first (its own rows, not a join or a subquery)."""
    return [s for s in sqls if re.search(rf'^SELECT .*? FROM "{table}"', s)]


@pytest.mark.django_db
def test_the_curve_page_reads_the_units_positions_and_its_setter_once(org: Org) -> None:
    """The curve page asks "who sets this unit's result" for the button and for the refusal, and "who
    is subject to it" for both: each answer is read once per request."""
    s = seksi(org)
    c = client_for(org, "kabid1")
    url = f"/penilaian/kalibrasi/{s.periode.pk}/unit/{s.unit.pk}/"
    c.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert c.get(url).status_code == 200
    sqls = _sql(ctx)
    own_positions = [
        s_ for s_ in _from(sqls, "people_jabatan") if re.search(r'WHERE "people_jabatan"."unit_id" = ', s_)
    ]
    head_position = [
        s_
        for s_ in sqls
        if s_.startswith('SELECT "people_jabatan"."id", ')
        and f'("people_jabatan"."adalah_kepala_unit" AND "people_jabatan"."unit_id" = {s.unit.pk})' in s_
    ]
    # the screen's own list (the selector) and one shared by the access questions: two, not four
    assert len(own_positions) == 2, own_positions
    # the unit's head position: once for "is its head acting above his own post" and once for who
    # sets the result (the button and the refusal share it): two, not three
    assert len(head_position) == 2, head_position


@pytest.mark.django_db
def test_subjects_of_a_unit_result_in_four_queries(org: Org) -> None:
    s = seksi(org)
    with CaptureQueriesContext(connection) as ctx:
        subjects = unit_result_subjects(s.unit, s.periode)
    assert len(ctx.captured_queries) == 4
    # the holders of the unit's positions (its head included) and everyone calibrated in it
    assert {org.pegawai[k].pk for k in ("kasi1", *s.staff)} <= subjects
    assert org.pegawai["kabid1"].pk not in subjects
    for sql in _sql(ctx):
        assert "ORDER BY" not in sql, sql  # sets: no sort, no join for one


@pytest.mark.django_db
def test_evaluation_and_plan_pages_read_children_without_their_parents_ordering(org: Org) -> None:
    setup = configured(org)
    ev = setup.ev("staf1a")
    skp = setup.skp["staf1a"]
    c = Client()
    c.force_login(setup.user("kasi1"))
    for url, table in ((f"/penilaian/{ev.pk}/", "appraisal_realisasi"), (f"/skp/{skp.pk}/", "plans_skprevisi")):
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        reads = _from(_sql(ctx), table)
        assert reads, f"{url} does not read {table}"
        for sql in reads:
            assert " JOIN " not in sql, sql


@pytest.mark.django_db
def test_the_request_user_comes_with_their_employee_record(org: Org) -> None:
    """Every page's header names the person: one query for both."""
    backend = NipOrUsernameBackend()
    user = org.users["staf1a"]
    with CaptureQueriesContext(connection) as ctx:
        loaded = backend.get_user(user.pk)
        assert loaded is not None
        assert loaded.pegawai.nama == org.pegawai["staf1a"].nama
    assert len(ctx.captured_queries) == 1
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert backend.get_user(user.pk) is None  # still refused, as ModelBackend refuses it
    assert backend.get_user(10**9) is None
