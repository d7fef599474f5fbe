"""The home pages run a fixed number of queries whatever the size of the team or agency (issue #10
§5): measured at two sizes for every role, like tests/plans/test_plans_views.py."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from karier.appraisal.choices import StatusNominasi
from karier.appraisal.evaluation import periods
from karier.appraisal.models import Evaluasi, NominasiPenilai
from karier.plans.models import Skp
from tests.appraisal.test_appraisal_support import add_staff, configured
from tests.orgdata import build_org

pytestmark = pytest.mark.django_db


def _measure(client: Client) -> int:
    client.get("/")  # warm (sessions, content types)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/")
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _grow(org: object, s: object, keys: list[str]) -> None:
    """Evaluations for the new staff, and a peer request for Dodi from each of them."""
    for key in keys:
        skp = Skp.objects.get(pegawai=org.pegawai[key])  # type: ignore[attr-defined]
        ev = periods.evaluasi_get_or_create(skp=skp, periode=s.periode)  # type: ignore[attr-defined]
        NominasiPenilai.objects.create(
            evaluasi=ev,
            penilai_rekan=org.pegawai["staf1a"],  # type: ignore[attr-defined]
            jenis="REKAN",
            status=StatusNominasi.DISETUJUI,
        )


@pytest.mark.parametrize("who", ["staf1a", "kasi1", "kadis", "admin", "auditor"])
def test_home_queries_do_not_grow_with_the_team(who: str) -> None:
    org = build_org()
    s = configured(org)
    _grow(org, s, add_staff(org, 2, prefix="kecil"))
    client = Client()
    client.force_login(org.users[who])
    small = _measure(client)
    _grow(org, s, add_staff(org, 25, prefix="besar"))
    large = _measure(client)
    assert Evaluasi.objects.filter(periode=s.periode).count() >= 29
    assert small == large, (who, small, large)


@pytest.mark.parametrize("who", ["kasi1", "kadis"])
def test_home_reads_the_direct_team_once(who: str) -> None:
    """The subordinates card, the plans card and the early warning (from July) share one read of the
    people right below (people.selectors.direct_team): an agency head with 865 of them read them three
    times, in three shapes. The cards still show what each read gave them."""
    import datetime as dt

    from karier.core.home import sections_for
    from karier.people.selectors import direct_subordinates_on
    from karier.plans.choices import StatusSkp
    from karier.plans.selectors import subordinate_status_counts

    org = build_org()
    s = configured(org)
    _grow(org, s, add_staff(org, 3, prefix="tim"))
    actor = org.actor(who)
    july = dt.date(s.periode.tahun_id, 7, 15)  # type: ignore[attr-defined]
    with CaptureQueriesContext(connection) as ctx:
        sections = sections_for(actor, july)
    team_reads = [
        q["sql"]
        for q in ctx.captured_queries
        if 'FROM "people_penugasan"' in q["sql"].split(" WHERE ")[0]  # not a plans query filtered by the team
        and any(f'"people_jabatan"."atasan_id" {op}' in q["sql"] for op in ("IN (", "= ANY("))
    ]
    assert len(team_reads) == 1, team_reads
    cards = {r.key: r.context for sec in sections for r in sec.panels}
    expected = list(direct_subordinates_on(actor.jabatan_ids, july))
    assert [a.pegawai_id for a in cards["people.bawahan"]["subordinates"]] == [a.pegawai_id for a in expected]
    assert cards["people.bawahan"]["subordinate_count"] == len(expected)
    plans = cards["plans.skp_bawahan"]
    assert plans["n_bawahan"] == len([a for a in expected if a.pegawai_id != actor.pegawai_id])
    by_status = subordinate_status_counts(actor, july.year, on=july)  # the plans page's own count
    assert plans["n_bawahan"] == sum(by_status.values())
    assert plans["n_setujui"] == by_status.get(StatusSkp.DIAJUKAN, 0)


@pytest.mark.parametrize("who", ["staf1a", "kasi1"])
def test_home_reads_the_own_record_and_the_year_once(who: str) -> None:
    """ "My data" and "my JP" show the same person, the plan card and the team's plans the same year:
    each row is read once for the page (people.selectors.own_profile, plans.home.my_year), and the
    cards still show it."""
    import datetime as dt

    from karier.core.home import sections_for

    org = build_org()
    s = configured(org)
    actor = org.actor(who)
    today = dt.date(s.periode.tahun_id, 3, 15)  # type: ignore[attr-defined]
    with CaptureQueriesContext(connection) as ctx:
        sections = sections_for(actor, today)
    sqls = [q["sql"] for q in ctx.captured_queries]
    person = [q for q in sqls if q.startswith('SELECT "people_pegawai"."id"') and '"people_pegawai"."id" = ' in q]
    year = [q for q in sqls if q.startswith('SELECT "plans_tahunkinerja"')]
    assert len(person) == 1, person
    assert len(year) == 1, year
    cards = {r.key: r.context for sec in sections for r in sec.panels}
    me = org.pegawai[who]
    assert cards["people.data_saya"]["me"].pk == me.pk
    assert cards["people.data_saya"]["me"].golongan_id == me.golongan_id
    assert cards["development.jp_saya"]["jp"] is not None
