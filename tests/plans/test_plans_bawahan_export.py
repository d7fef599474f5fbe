"""The superior's "SKP bawahan" table as Excel (issue #10 item 3): the screen's filters, its rows, a
title row saying which filters, numbers and dates as cells, and the same queries for 4 or 40 people."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from karier.plans import services
from karier.rules import format_nip
from tests.orgdata import Org, build_org
from tests.plans.test_plans_views import YEAR, _plans_for_extras, login, plan

pytestmark = pytest.mark.django_db


def _rows(response: Any) -> list[list[Any]]:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_export_has_the_rows_and_filters_of_the_screen(client: Client, org: Org) -> None:
    skp = plan(org, "staf1a")
    services.skp_submit(actor=org.actor("staf1a"), skp=skp)
    login(client, org, "kasi1")
    page = client.get("/skp/bawahan/", {"tahun": YEAR}).content.decode()
    assert f"tahun={YEAR}&amp;status=&amp;export=xlsx" in page  # the link keeps the filters

    rows = _rows(client.get("/skp/bawahan/", {"tahun": YEAR, "export": "xlsx"}))
    assert rows[0][0] == f"SKP bawahan — tahun {YEAR} · status: Semua"
    assert rows[1][:2] == ["NIP", "Nama"]
    by_name = {r[1]: r for r in rows[2:]}
    assert set(by_name) == {org.pegawai["staf1a"].nama_lengkap, org.pegawai["staf1b"].nama_lengkap}
    dodi = by_name[org.pegawai["staf1a"].nama_lengkap]
    assert dodi[0] == format_nip(org.pegawai["staf1a"].nip)
    assert dodi[4] == YEAR and dodi[5] == "Diajukan" and dodi[8] == 1  # numbers stay numbers
    assert dodi[6] is not None and dodi[6].year == YEAR  # a date cell, not text
    assert by_name[org.pegawai["staf1b"].nama_lengkap][5] == "Belum membuat SKP"

    only_missing = _rows(client.get("/skp/bawahan/", {"tahun": YEAR, "status": "BELUM", "export": "xlsx"}))
    assert only_missing[0][0].endswith("status: Belum membuat SKP")
    assert [r[1] for r in only_missing[2:]] == [org.pegawai["staf1b"].nama_lengkap]


def test_export_shows_nobody_else_and_is_refused_to_outsiders(client: Client, org: Org) -> None:
    plan(org, "staf1b")
    login(client, org, "staf1a")  # a position without subordinates: the table is empty, as on screen
    assert _rows(client.get("/skp/bawahan/", {"tahun": YEAR, "export": "xlsx"}))[2:] == []
    login(client, org, "unlinked")  # no position at all: no such page
    assert client.get("/skp/bawahan/", {"export": "xlsx"}).status_code == 404
    anonymous = Client().get("/skp/bawahan/", {"export": "xlsx"})
    assert anonymous.status_code == 302


def _measure(client: Client) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        rows = _rows(client.get("/skp/bawahan/", {"tahun": YEAR, "export": "xlsx"}))
    return len(ctx.captured_queries), len(rows) - 2


def test_export_queries_do_not_grow_with_subordinates(client: Client) -> None:
    org = build_org(extra_staff=2)
    _plans_for_extras(org, 0, 2)
    plan(org)
    login(client, org, "kasi1")
    small, n_small = _measure(client)
    for i in range(2, 38):
        org.add_pegawai(f"extra{i}", "staf1", golongan=31, user=False)
    _plans_for_extras(org, 2, 38)
    large, n_large = _measure(client)
    assert (n_small, n_large) == (4, 40)
    assert small == large
