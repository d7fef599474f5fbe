"""The agency key (issue #14, "for the nation"): every heavy agency-scoped read names the agency.

Under Citus (distributed PostgreSQL) with `opd_id` — the agency — as the distribution column, a query
runs on one node, co-located, only when its WHERE pins the agency: `… opd_id = <agency>` (or `IN`) as
a condition every row must meet. A query that finds the agency only through an OR (`unit.opd_id = X
OR boss_unit.opd_id = X`) or not at all is sent to every node of the nation.

Each test runs one heavy path — the agency calibration, the agency dashboard page, the agency's yearly
report, the fairness page — under `CaptureQueriesContext` on a small organisation, and checks every
SELECT (and every sub-SELECT) that reads one of the big tables: its own WHERE must contain, among its
top-level AND-ed conditions, `<table>."opd_id" = <the agency's id>` or `IN (…)` of it. The SQL is the
one Django sends, so this is what a distributed planner would see.

`test_big_tables_without_their_own_agency_column` lists the big tables that find their agency through
a join (the unit's `opd_id`) rather than a column of their own: docs/deployment.md says what moving
them to Citus needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from karier.appraisal.calibration.selectors import agency_calibration
from karier.insight.fairness.selectors import fairness_report
from karier.insight.reports.agency import agency_report
from tests.insight.test_insight_dashboards_support import YEAR, dashboard_org
from tests.insight.test_insight_fairness_support import YEAR as FAIRNESS_YEAR
from tests.insight.test_insight_fairness_support import fairness_org
from tests.orgdata import Org

pytestmark = pytest.mark.django_db

# The tables that grow with the number of people × years: employees, plans and their rows, evaluations
# and their realisations.
BIG_TABLES = (
    "people_pegawai",
    "plans_skp",
    "plans_rencanahasilkerja",
    "plans_indikatorkinerjaindividu",
    "appraisal_evaluasi",
    "appraisal_realisasi",
)
_BIG = re.compile(r'\b(?:FROM|JOIN)\s+"(' + "|".join(BIG_TABLES) + r')"', re.IGNORECASE)
_CLAUSE_END = re.compile(r"\b(GROUP BY|ORDER BY|HAVING|LIMIT|OFFSET|WINDOW|UNION|FOR UPDATE)\b", re.IGNORECASE)


# ------------------------------------------------------------------------------- reading the SQL
def _depths(sql: str) -> list[int]:
    """The parenthesis depth before each character (quoted text ignored)."""
    out, depth, quote = [], 0, ""
    for ch in sql:
        out.append(depth)
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
    return out


def _close(sql: str, start: int) -> int:
    """Index of the parenthesis closing the one at `start`."""
    depth = 0
    for i in range(start, len(sql)):
        depth += {"(": 1, ")": -1}.get(sql[i], 0)
        if depth == 0:
            return i
    raise AssertionError(f"unbalanced SQL: {sql}")


def selects(sql: str) -> Iterator[tuple[str, str]]:
    """(own level, whole text) of the statement and of each sub-SELECT: the own level has the nested
    sub-SELECTs blanked out, so that a table it names is one this SELECT itself reads."""
    spans = [(0, len(sql))]
    for m in re.finditer(r"\(\s*SELECT\b", sql, re.IGNORECASE):
        spans.append((m.start() + 1, _close(sql, m.start())))
    for start, end in spans:
        text = sql[start:end]
        chars = list(text)
        for s, e in spans:
            if start < s and e <= end and (s, e) != (start, end):
                chars[s - start - 1 : e - start + 1] = " " * (e - s + 2)
        yield "".join(chars), text


def where_clause(select: str) -> str:
    """The WHERE of one SELECT (its own level, with its sub-SELECTs in it), or ''."""
    depth = _depths(select)
    for m in re.finditer(r"\bWHERE\b", select, re.IGNORECASE):
        if depth[m.start()] == 0:
            rest = select[m.end() :]
            rest_depth = depth[m.end() :]
            for end in _CLAUSE_END.finditer(rest):
                if rest_depth[end.start()] == 0:
                    return rest[: end.start()]
            return rest
    return ""


def conjuncts(expr: str) -> list[str]:
    """The conditions AND-ed at the top of `expr` (parentheses around a pure AND are looked through)."""
    expr = expr.strip()
    while expr.startswith("(") and _close(expr, 0) == len(expr) - 1:
        expr = expr[1:-1].strip()
    depth = _depths(expr)
    cuts = [m for m in re.finditer(r"\sAND\s", expr, re.IGNORECASE) if depth[m.start()] == 0]
    if not cuts:
        return [expr]
    parts, last = [], 0
    for m in cuts:
        parts.append(expr[last : m.start()])
        last = m.end()
    parts.append(expr[last:])
    return [c for part in parts for c in conjuncts(part)]


_KEY = re.compile(r'\(?\s*(?:"?\w+"?\.)?"?opd_id"?\s*(?:=|IN)\s*\(?([\d,\s]+)\)?\s*\)?', re.IGNORECASE)
_IN_SUBSELECT = re.compile(r'(?:"?\w+"?\.)?"?\w+"?\s+IN\s*\((\s*SELECT\b.*)\)', re.IGNORECASE | re.DOTALL)
_OUTER_REF = re.compile(r'=\s*\("?\w+"?\."\w+"\)')  # how Django writes OuterRef(...) in a sub-SELECT
_PK_LOOKUP = re.compile(r'^\s*\(?\s*"?\w+"?\."id"\s*=\s*\d+\s*\)?\s*$')


def pins_agency(condition: str, opd_id: int) -> bool:
    """`<alias>."opd_id" = <id>` or `IN (<ids>)` with the agency among them; or `<column> IN (SELECT …)`
    whose sub-SELECT pins the agency (the agency's units: a small reference table under Citus)."""
    condition = condition.strip()
    m = _KEY.fullmatch(condition)
    if m is not None:
        return opd_id in {int(v) for v in m.group(1).replace(" ", "").split(",") if v}
    sub = _IN_SUBSELECT.fullmatch(condition)
    if sub is not None:
        return any(pins_agency(c, opd_id) for c in conjuncts(where_clause(sub.group(1))))
    return False


def unkeyed(captured: list[dict[str, Any]], opd_id: int) -> list[str]:
    """The statements with a SELECT reading a big table without the agency pinned in its own WHERE.

    Allowed without the key: a sub-SELECT correlated to its outer row (`= ("outer"."col")`: it reads
    rows of people the outer query already pinned), and a lookup of one row by its id (`WHERE "x"."id"
    = N`: the signed-in user's own record, not a scan)."""
    bad = []
    for query in captured:
        sql = query["sql"]
        if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            continue
        for i, (own, text) in enumerate(selects(sql)):
            if not _BIG.search(own) or (i > 0 and _OUTER_REF.search(own)):
                continue
            conds = conjuncts(where_clause(text))
            if any(_PK_LOOKUP.match(c) for c in conds) or any(pins_agency(c, opd_id) for c in conds):
                continue
            bad.append(sql)
            break
    return bad


def heavy(captured: list[dict[str, Any]]) -> list[str]:
    return [q["sql"] for q in captured if _BIG.search(q["sql"])]


def run(work: Callable[[], object]) -> list[dict[str, Any]]:
    with CaptureQueriesContext(connection) as ctx:
        work()
    return ctx.captured_queries


# --------------------------------------------------------------------------- the reader itself
def test_the_reader_finds_the_key_only_where_every_row_must_meet_it() -> None:
    keyed = (
        'SELECT "e"."id" FROM "appraisal_evaluasi" INNER JOIN "people_unitkerja" ON ("e"."unit_id" = '
        '"people_unitkerja"."id") WHERE ("e"."periode_id" = 3 AND "people_unitkerja"."opd_id" = 7) ORDER BY 1'
    )
    assert unkeyed([{"sql": keyed}], 7) == []
    assert unkeyed([{"sql": keyed}], 8) == [keyed]  # another agency's id is not this agency's key
    either = keyed.replace('"people_unitkerja"."opd_id" = 7', '("u"."opd_id" = 7 OR "b"."opd_id" = 7)')
    assert unkeyed([{"sql": either}], 7) == [either]  # an OR reaches every node
    listed = 'SELECT 1 FROM "people_pegawai" WHERE ("people_pegawai"."aktif" AND "people_pegawai"."opd_id" IN (7, 9))'
    assert unkeyed([{"sql": listed}], 7) == []
    correlated = (
        'SELECT 1 FROM "people_pegawai" WHERE ("people_pegawai"."opd_id" = 7 AND EXISTS(SELECT 1 AS "a" FROM '
        '"plans_skp" U0 WHERE U0."pegawai_id" = ("people_pegawai"."id") LIMIT 1))'
    )
    assert unkeyed([{"sql": correlated}], 7) == []  # the plans of people the outer query pinned
    loose = correlated.replace('U0."pegawai_id" = ("people_pegawai"."id")', 'U0."tahun" = 2025')
    assert unkeyed([{"sql": loose}], 7) == [loose]  # an uncorrelated sub-SELECT must pin the agency itself
    units = (
        'SELECT 1 FROM "appraisal_evaluasi" WHERE ("appraisal_evaluasi"."periode_id" = 5 AND '
        '"appraisal_evaluasi"."unit_id" IN (SELECT U0."id" AS "pk" FROM "people_unitkerja" U0 WHERE U0."opd_id" = 7))'
    )
    assert unkeyed([{"sql": units}], 7) == [] and unkeyed([{"sql": units}], 8) == [units]
    one = 'SELECT "people_pegawai"."nama" FROM "people_pegawai" WHERE "people_pegawai"."id" = 2 LIMIT 21'
    assert unkeyed([{"sql": one}], 7) == []  # one row by its id is not a scan
    small = 'SELECT 1 FROM "people_unitkerja" WHERE "people_unitkerja"."path" LIKE \'1/%\''
    assert unkeyed([{"sql": small}], 7) == []  # master data: a reference table under Citus


def test_big_tables_without_their_own_agency_column() -> None:
    """Plans, evaluations and their rows find the agency through their unit: under Citus each needs its
    own `opd_id` (docs/deployment.md, "The nation"). Fails when one gains the column — update the doc."""
    without = {
        m._meta.db_table
        for m in apps.get_models()
        if m._meta.db_table in BIG_TABLES and "opd_id" not in {f.column for f in m._meta.concrete_fields}
    }
    assert without == set(BIG_TABLES) - {"people_pegawai"}


# ------------------------------------------------------------------------------ the heavy paths
def _client(org: Org, key: str) -> Client:
    c = Client()
    c.force_login(org.users[key])
    return c


def test_agency_calibration_carries_the_agency_key(org: Org) -> None:
    s = dashboard_org(org)
    opd = org.units["dik"]
    captured = run(lambda: agency_calibration(opd, s.periode))
    assert heavy(captured)
    assert unkeyed(captured, opd.pk) == []


def test_agency_dashboard_page_carries_the_agency_key(org: Org) -> None:
    dashboard_org(org)
    from karier.insight.dashboards.refresh import dasbor_refresh_now
    from karier.people.access import SYSTEM

    dasbor_refresh_now(actor=SYSTEM, tahun=[YEAR])
    opd = org.units["dik"]
    client = _client(org, "kadis")
    captured = run(lambda: client.get(f"/wawasan/dasbor/opd/?tahun={YEAR}&opd={opd.pk}"))
    assert unkeyed(captured, opd.pk) == []


def test_agency_report_carries_the_agency_key(org: Org) -> None:
    dashboard_org(org)
    opd = org.units["dik"]
    captured = run(lambda: agency_report(opd, YEAR))
    assert len(heavy(captured)) >= 3  # people, plans, and the evaluations of the curve
    assert unkeyed(captured, opd.pk) == []


def test_fairness_carries_the_agency_key(org: Org) -> None:
    fairness_org(org)
    opd = org.units["dik"]
    captured = run(lambda: fairness_report(opd, FAIRNESS_YEAR))
    assert heavy(captured)
    assert unkeyed(captured, opd.pk) == []
