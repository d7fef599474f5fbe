"""The IKM on the dashboards (issue #13 items 1 and 3): each service unit's SKM period below an agency,
each agency's IKM on the province dashboard — the mean of its closed periods, as the indicator fill
computes it — and the grade of every figure.

Hand-computed: Seksi Kurikulum closed with `ANSWERS` (77,78, B); Bidang SMK closed with four
questionnaires of 3 everywhere (3 × 25 = 75,00, C); the agency's own office still open with 4
everywhere (100,00, A — not counted for the agency). Dinas Pendidikan: (77,78 + 75,00) / 2 = 76,39,
C (below 76,61), from 8 respondents."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from karier.appraisal.public.skm import services as skm
from karier.appraisal.public.skm.loop import ikm_opd
from karier.insight.dashboards import refresh
from karier.insight.dashboards.access import Lingkup
from karier.insight.dashboards.choices import MetrikDasbor as M
from karier.insight.dashboards.panels import panels
from karier.insight.dashboards.selectors import angka_dasbor
from karier.insight.models import AngkaDasbor
from karier.people.access import SYSTEM
from tests.appraisal.skm_support import fill, make_period, today
from tests.insight.test_insight_dashboards_support import YEAR
from tests.orgdata import Org

pytestmark = pytest.mark.django_db


def _surveys(org: Org) -> None:
    end = dt.date(YEAR, 12, 31)
    start = today() - dt.timedelta(days=30)
    surveys = (("dik_s1", None, True), ("dik_b2", [(3,) * 9] * 4, True), ("dik", [(4,) * 9] * 2, False))
    for unit, answers, close in surveys:
        periode = make_period(org, unit, mulai=start, selesai=end, nama=f"SKM {unit}")
        fill(periode, *([answers] if answers else []))
        if close:
            skm.skm_periode_close(actor=org.actor("admin"), periode=periode)


def test_province_shows_each_agencys_ikm_and_an_agency_its_units_periods(org: Org) -> None:
    _surveys(org)
    refresh.dasbor_refresh_now(actor=SYSTEM, tahun=[YEAR])
    dik = org.units["dik"].pk
    agency_row = AngkaDasbor.objects.get(tahun=YEAR, opd_id=dik, unit__isnull=True, metrik=M.IKM)
    assert (agency_row.nilai, agency_row.jumlah) == (Decimal("76.39"), 8)
    assert ikm_opd(dik, YEAR)[0] == Decimal("76.39")  # one definition: the indicator fill agrees
    assert AngkaDasbor.objects.filter(tahun=YEAR, metrik=M.IKM, unit__isnull=False).count() == 3

    province = angka_dasbor(Lingkup(tahun=YEAR))
    assert [(i.nama, i.responden, i.nilai, i.mutu, i.berjalan) for i in province.ikm] == [
        ("Dinas Pendidikan", 8, Decimal("76.39"), "C", False)
    ]
    panel = next(p for p in panels(province) if p.kunci == "ikm")
    assert panel.rows == [["Dinas Pendidikan", 8, Decimal("76.39"), "C (Kurang Baik)"]]
    assert panel.figure is not None and panel.figure["data"][0]["y"] == [76.39]

    agency = angka_dasbor(Lingkup(tahun=YEAR, opd=org.units["dik"]))
    got = {(i.nilai, i.mutu, i.berjalan, i.responden) for i in agency.ikm}
    assert got == {
        (Decimal("77.78"), "B", False, 4),
        (Decimal("75.00"), "C", False, 4),
        (Decimal("100.00"), "A", True, 2),
    }
    rows = next(p for p in panels(agency) if p.kunci == "ikm").rows
    assert any(r[0].endswith("(masih dibuka)") and r[3] == "A (Sangat Baik)" for r in rows)
    # a unit filter reads its own subtree only
    bidang = angka_dasbor(Lingkup(tahun=YEAR, opd=org.units["dik"], unit=org.units["dik_b2"]))
    assert [i.nilai for i in bidang.ikm] == [Decimal("75.00")]
    # another year has none, and the refresh never sums the index into the agency's counts
    assert angka_dasbor(Lingkup(tahun=YEAR - 1)).ikm == []


def test_the_index_is_refreshed_not_accumulated(org: Org) -> None:
    _surveys(org)
    refresh.dasbor_refresh_now(actor=SYSTEM, tahun=[YEAR])
    refresh.dasbor_refresh_now(actor=SYSTEM, tahun=[YEAR])
    rows = AngkaDasbor.objects.filter(tahun=YEAR, metrik=M.IKM, unit__isnull=True)
    assert [(r.nilai, r.jumlah) for r in rows] == [(Decimal("76.39"), 8)]
