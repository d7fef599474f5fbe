"""Conflict of interest on the demo data (issue #8 §2): every Plt the demo generator makes is either a
subordinate head covering the post above him (the unit result of his own unit would fix his rating,
and his own evaluation is calibrated in the unit he acts for) or the senior staff member of the unit
covering its head (his own evaluation is in the unit he acts for). Each is refused and the decision
falls to someone else, named by `decider_instead`.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone

from karier.appraisal.calibration import access as ca
from karier.people.access import actor_for_user
from karier.people.choices import JenisPenugasan
from karier.people.demo import seed_demo
from karier.people.models import Jabatan, Penugasan
from karier.people.selectors import active_on

pytestmark = pytest.mark.django_db


def _actor(pegawai_id: int) -> Any:
    user = SimpleNamespace(
        is_authenticated=True,
        is_admin_bkd=False,
        is_superuser=False,
        is_auditor=False,
        pegawai_id=pegawai_id,
        pk=10**6 + pegawai_id,
    )
    return actor_for_user(user)


def test_every_demo_plt_is_refused_its_own_decisions() -> None:
    seed_demo(pegawai=2000, seed=1)
    today = timezone.localdate()
    acting = list(
        Penugasan.objects.filter(
            active_on(today), jenis=JenisPenugasan.PLT, jabatan__adalah_kepala_unit=True
        ).select_related("jabatan", "jabatan__unit")
    )
    assert acting, "the demo makes Plt heads"
    own = dict(
        Penugasan.objects.filter(
            active_on(today), jenis=JenisPenugasan.DEFINITIF, pegawai_id__in=[a.pegawai_id for a in acting]
        ).values_list("pegawai_id", "jabatan_id")
    )
    positions = Jabatan.objects.in_bulk(list(own.values()))
    in_unit = result_of_own = 0
    for a in acting:
        unit = a.jabatan.unit
        mine = positions[own[a.pegawai_id]]
        who = _actor(a.pegawai_id)
        scoped = (mine.unit_id == unit.pk and not mine.adalah_kepala_unit) or (
            mine.adalah_kepala_unit
            and mine.atasan_id is not None
            and Jabatan.objects.get(pk=mine.atasan_id).unit_id == unit.pk
        )
        if scoped:  # his own evaluation is calibrated in the unit he acts for
            in_unit += 1
            assert a.pegawai_id in ca.conflicted_heads(unit)
            instead = ca.calibration_decider(unit)
            assert instead is None or instead.pegawai_id != a.pegawai_id
        if mine.adalah_kepala_unit and mine.atasan_id == a.jabatan_id:  # he sets his own unit's result
            result_of_own += 1
            assert not ca.can_set_unit_result(who, mine.unit)
            message = ca.unit_result_conflict(who, mine.unit)
            assert "benturan kepentingan" in message
    assert in_unit and result_of_own  # both combinations occur in the demo
