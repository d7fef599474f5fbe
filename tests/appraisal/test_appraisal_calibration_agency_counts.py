"""The agency's calibration counts (issue #14): read through the agency's own units and the heads that
move in or out, they equal the province-wide count (one CASE expression over the period: the oracle)
restricted to the agency's units — unit heads one level up, agency heads under the Sekretariat Daerah,
heads appraised outside their unit where they are — in a number of queries that does not grow."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from karier.appraisal.calibration.selectors import calibration_counts, unit_evaluations
from karier.appraisal.evaluation import periods
from karier.appraisal.models import Evaluasi
from karier.people.models import Jabatan, UnitKerja
from tests.appraisal.test_appraisal_calibration_support import Seksi, seksi
from tests.appraisal.test_appraisal_support import approved_skp
from tests.orgdata import Org

pytestmark = pytest.mark.django_db


@pytest.fixture
def s(org: Org) -> Seksi:
    s = seksi(org, extra=3, rate=False)
    for key, approver in (("kabid1", "kadis"), ("kadis", "sekda"), ("kadiskominfo", "sekda")):
        approved_skp(org, key, approver)
    periods.evaluasi_bulk_create(periode=s.periode)
    return s


def _oracle(s: Seksi, opd_id: int) -> dict[int, dict[str, int]]:
    units = set(UnitKerja.objects.filter(opd_id=opd_id).values_list("pk", flat=True))
    return {k: v for k, v in calibration_counts(s.periode).items() if k in units}


def _agencies() -> list[int]:
    return list(UnitKerja.objects.filter(parent=None).values_list("pk", flat=True))


def test_each_agency_equals_the_province_count_restricted_to_it(s: Seksi) -> None:
    Evaluasi.objects.filter(pegawai=s.org.pegawai["x0"]).update(predikat="Baik")
    for opd_id in _agencies():
        assert calibration_counts(s.periode, opd_id=opd_id) == _oracle(s, opd_id)
    setda, dik = s.org.units["setda"].pk, s.org.units["dik"].pk
    # The Kadis is calibrated under the Sekretariat Daerah, not in his own agency.
    assert sum(calibration_counts(s.periode, opd_id=setda)[setda].values()) == 2  # Kadis and Kadis Kominfo
    assert sum(calibration_counts(s.periode, opd_id=dik)[dik].values()) == 1  # the Kabid, one level up


def test_heads_moved_or_appraised_elsewhere_follow_the_oracle(s: Seksi) -> None:
    # A unit head's position now reports into another agency: his evaluation moves with it.
    Jabatan.objects.filter(pk=s.org.jabatan["kabid1"].pk).update(atasan=s.org.jabatan["kadiskominfo"])
    # A head appraised outside his unit (a snapshot from before a transfer) is counted where he was.
    Evaluasi.objects.filter(pegawai=s.org.pegawai["kasi1"]).update(unit=s.org.units["dik"])
    for opd_id in _agencies():
        assert calibration_counts(s.periode, opd_id=opd_id) == _oracle(s, opd_id)
    kominfo = s.org.units["kominfo"].pk
    assert sum(calibration_counts(s.periode, opd_id=kominfo)[kominfo].values()) == 1


def test_unit_members_match_the_case_expression(s: Seksi) -> None:
    from karier.appraisal.calibration.selectors import calibration_unit_expr

    by_expr: dict[int, set[int]] = {}
    for pk, kal in (
        Evaluasi.objects.filter(periode=s.periode).annotate(k=calibration_unit_expr()).values_list("pk", "k")
    ):
        if kal is not None:
            by_expr.setdefault(kal, set()).add(pk)
    for unit in UnitKerja.objects.all():
        assert set(unit_evaluations(unit, s.periode).values_list("pk", flat=True)) == by_expr.get(unit.pk, set())


def test_queries_do_not_grow_with_the_agency(s: Seksi, org: Org) -> None:
    dik = s.org.units["dik"].pk
    with CaptureQueriesContext(connection) as small:
        calibration_counts(s.periode, opd_id=dik)
    for i in range(6):
        org.add_pegawai(f"y{i}", "staf1", golongan=31)
        approved_skp(org, f"y{i}", "kasi1")
    periods.evaluasi_bulk_create(periode=s.periode)
    with CaptureQueriesContext(connection) as big:
        calibration_counts(s.periode, opd_id=dik)
    assert len(big) == len(small) <= 7
