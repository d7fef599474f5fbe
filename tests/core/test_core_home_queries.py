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
