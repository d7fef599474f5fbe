"""open_plans (issue #12 §6): who gets a coaching plan, with which mentor, and at what cost."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from karier.talent.coaching.compute import add_months, open_plans, open_plans_detail, tanpa_mentor
from karier.talent.models import RencanaBimbingan, StatusBimbingan
from tests.talent import talent_coaching_helpers as h

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def _plan(org: Any, key: str) -> RencanaBimbingan | None:
    return RencanaBimbingan.objects.filter(pegawai=org.pegawai[key], tahun=YEAR).first()


def test_periodic_butuh_perbaikan_opens_a_plan_with_the_superior(org: Any) -> None:
    h.periodic(org.pegawai["staf1a"], YEAR, 1, "Baik")
    h.periodic(org.pegawai["staf1a"], YEAR, 2, "Butuh Perbaikan")
    h.periodic(org.pegawai["staf1b"], YEAR, 1, "Butuh Perbaikan")
    h.periodic(org.pegawai["staf1b"], YEAR, 2, "Baik")  # the latest one counts: recovered
    assert open_plans([org.pegawai["staf1a"].pk, org.pegawai["staf1b"].pk], YEAR) == 1
    plan = _plan(org, "staf1a")
    assert plan is not None and plan.mentor_id == org.pegawai["kasi1"].pk
    assert plan.status == StatusBimbingan.AKTIF
    assert "periodik" in plan.pemicu[0] and "Butuh Perbaikan" in plan.pemicu[0]
    assert plan.tanggal_tindak_lanjut == add_months(timezone.localdate(), 3)
    assert _plan(org, "staf1b") is None


def test_calibrated_periodic_predikat_wins(org: Any) -> None:
    h.periodic(org.pegawai["staf1a"], YEAR, 1, "Butuh Perbaikan", akhir="Baik")
    h.periodic(org.pegawai["staf1b"], YEAR, 1, "Baik", akhir="Sangat Kurang")
    assert open_plans([org.pegawai["staf1a"].pk, org.pegawai["staf1b"].pk], YEAR) == 1
    assert _plan(org, "staf1b") is not None


def test_annual_predikat_of_the_year_or_the_latest(org: Any) -> None:
    h.annual(org.pegawai["staf1a"], YEAR, "Kurang/Misconduct")
    h.annual(org.pegawai["staf1b"], YEAR - 1, "Sangat Kurang")  # no row this year: the latest
    h.annual(org.pegawai["staf2"], YEAR - 1, "Butuh Perbaikan")
    h.annual(org.pegawai["staf2"], YEAR, "Baik")
    ids = [org.pegawai[k].pk for k in ("staf1a", "staf1b", "staf2")]
    assert open_plans(ids, YEAR) == 2
    assert "tahunan" in _plan(org, "staf1a").pemicu[0]  # type: ignore[union-attr]
    assert _plan(org, "staf1b") is not None and _plan(org, "staf2") is None
    assert _plan(org, "staf2") is None


@pytest.mark.parametrize(
    "kotak,opened", [(1, True), (2, True), (3, True), (6, True), (4, False), (5, False), (9, False)]
)
def test_each_box(org: Any, kotak: int, opened: bool) -> None:
    h.box(org.pegawai["staf1a"], YEAR - 1, kotak)
    assert open_plans([org.pegawai["staf1a"].pk], YEAR) == int(opened)
    plan = _plan(org, "staf1a")
    assert (plan is not None) == opened
    if plan:
        assert f"Kotak talenta {kotak}" in plan.pemicu[0]


def test_latest_box_counts(org: Any) -> None:
    h.box(org.pegawai["staf1a"], YEAR - 1, 1)
    h.box(org.pegawai["staf1a"], YEAR, 9)
    assert open_plans([org.pegawai["staf1a"].pk], YEAR) == 0


def test_idempotent_and_a_closed_plan_is_not_reopened(org: Any) -> None:
    h.annual(org.pegawai["staf1a"], YEAR, "Butuh Perbaikan")
    ids = [org.pegawai["staf1a"].pk]
    assert open_plans(ids, YEAR) == 1
    assert open_plans(ids, YEAR) == 0
    RencanaBimbingan.objects.update(status=StatusBimbingan.SELESAI, hasil="MEMBAIK")
    assert open_plans(ids, YEAR) == 0
    assert RencanaBimbingan.objects.count() == 1


def test_mentor_falls_back_to_the_next_official_up(org: Any) -> None:
    """A vacant Kepala Seksi post: Bu Wati (Kepala Bidang) mentors the staff."""
    from karier.people.models import Penugasan

    Penugasan.objects.filter(pegawai=org.pegawai["kasi1"]).update(selesai=timezone.localdate() - dt.timedelta(days=1))
    h.annual(org.pegawai["staf1a"], YEAR, "Butuh Perbaikan")
    assert open_plans([org.pegawai["staf1a"].pk], YEAR) == 1
    assert _plan(org, "staf1a").mentor_id == org.pegawai["kabid1"].pk  # type: ignore[union-attr]


def test_nobody_above_is_skipped_counted_and_listed(org: Any) -> None:
    h.annual(org.pegawai["sekda"], YEAR, "Butuh Perbaikan")
    h.annual(org.pegawai["staf1a"], YEAR, "Butuh Perbaikan")
    result = open_plans_detail([org.pegawai["sekda"].pk, org.pegawai["staf1a"].pk], YEAR)
    assert result.dibuat == 1
    assert result.tanpa_mentor == [org.pegawai["sekda"].pk]
    assert _plan(org, "sekda") is None
    listed = tanpa_mentor(YEAR)
    assert [p.pk for p, _r in listed] == [org.pegawai["sekda"].pk]
    assert "Butuh Perbaikan" in listed[0][1][0]


def test_inactive_people_get_no_plan(org: Any) -> None:
    h.annual(org.pegawai["staf1a"], YEAR, "Butuh Perbaikan")
    type(org.pegawai["staf1a"]).objects.filter(pk=org.pegawai["staf1a"].pk).update(aktif=False)
    assert open_plans([org.pegawai["staf1a"].pk], YEAR) == 0


def test_add_months_clamps() -> None:
    assert add_months(dt.date(2025, 11, 30), 3) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 10, 15), 3) == dt.date(2025, 1, 15)


def _measure(ids: list[int]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    RencanaBimbingan.objects.all().delete()
    with CaptureQueriesContext(connection) as ctx:
        opened = open_plans(ids, YEAR)
    assert opened == len(ids)
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_the_chunk(org: Any) -> None:
    def add(keys: list[str]) -> list[int]:
        for key in keys:
            h.annual(org.pegawai[key], YEAR, "Butuh Perbaikan")
            h.box(org.pegawai[key], YEAR, 1)
        return [org.pegawai[k].pk for k in keys]

    small_ids = add(["staf1a", "staf2"])
    small = _measure(small_ids)
    for i in range(30):
        org.add_pegawai(f"more{i}", "staf1", golongan=31, user=False)
    large = _measure(small_ids + add([f"more{i}" for i in range(30)]))
    assert small == large
    assert small <= 15
