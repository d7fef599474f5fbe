"""The SKM demo (called by `seed_appraisal_demo`): periods with responses and follow-up actions
for the demo's service units, deterministic, and not repeated on a second run."""

from __future__ import annotations

import pytest

from karier.appraisal.public.skm.demo import seed_skm_demo
from karier.appraisal.public.skm.models import PeriodeSkm, ResponSkm, TindakLanjutSkm
from karier.appraisal.public.skm.selectors import hasil_periode
from karier.people import services as people_services
from karier.people.access import SYSTEM
from tests.appraisal.skm_support import today
from tests.orgdata import Org

pytestmark = pytest.mark.django_db


def test_demo_periods_responses_and_actions(org: Org) -> None:
    unit = people_services.unit_create(
        actor=SYSTEM, instansi=org.instansi, nama="Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", jenis="OPD"
    )
    line = seed_skm_demo()
    periods = list(PeriodeSkm.objects.filter(unit=unit).order_by("mulai"))
    second_half = today().month > 6
    assert len(periods) == (2 if second_half else 1) and "periode" in line
    first = hasil_periode(periods[0])
    assert first.n == 48 and first.ikm is not None
    assert {u.code for u in first.unsur if u.kebutuhan} & {"U6", "U7"}  # the staff elements are weak on purpose
    assert TindakLanjutSkm.objects.filter(periode=periods[0]).count() == 2
    n = ResponSkm.objects.count()
    seed_skm_demo()
    assert ResponSkm.objects.count() == n  # a unit with periods is left alone
