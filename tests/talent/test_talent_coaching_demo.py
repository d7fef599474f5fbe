"""The coaching demo (issue #12 §6): Bu Wati's coaching of who struggles, idempotent."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from karier.people.demo.personas import WATI
from karier.talent.coaching.compute import open_plans
from karier.talent.coaching.demo import seed_demo
from karier.talent.models import PertemuanBimbingan, RencanaBimbingan, TindakanBimbingan
from tests.talent import talent_coaching_helpers as h

pytestmark = pytest.mark.django_db
LAST = timezone.localdate().year - 1


def _as_wati(org: Any) -> None:
    user = org.users["kabid1"]
    user.username = WATI.nip
    user.save(update_fields=["username"])


def test_skipped_without_the_persona(org: Any) -> None:
    assert "dilewati" in seed_demo()
    assert not RencanaBimbingan.objects.exists()


@pytest.mark.parametrize("computed", [True, False])
def test_fills_the_plan_open_plans_made_or_opens_one(org: Any, computed: bool) -> None:
    _as_wati(org)
    h.annual(org.pegawai["kasi1"], LAST, "Butuh Perbaikan")
    if computed:
        assert open_plans([org.pegawai["kasi1"].pk], LAST) == 1
    summary = seed_demo()
    plan = RencanaBimbingan.objects.get()
    assert plan.pegawai_id == org.pegawai["kasi1"].pk and plan.mentor_id == org.pegawai["kabid1"].pk
    assert f"{0 if computed else 1} rencana dibuka" in summary
    assert PertemuanBimbingan.objects.filter(rencana=plan).count() == 1
    assert sorted(TindakanBimbingan.objects.filter(rencana=plan).values_list("selesai", flat=True)) == [False, True]
    seed_demo()
    assert PertemuanBimbingan.objects.count() == 1 and TindakanBimbingan.objects.count() == 2
    assert RencanaBimbingan.objects.count() == 1
