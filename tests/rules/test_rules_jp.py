"""Development hours: 1 JP = 45 minutes, at least 20 JP a year (PP 11/2017)."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from karier.rules import jp_compliance, jp_from_minutes


@pytest.mark.parametrize(
    ("minutes", "jp"),
    [(0, "0"), (45, "1"), (90, "2"), (900, "20"), (135, "3"), (9, "0.2"), (36, "0.8")],
)
def test_exact_conversions(minutes, jp):
    assert jp_from_minutes(minutes) == Decimal(jp)


@given(st.integers(min_value=0, max_value=10**7))
def test_conversion_is_minutes_over_45(minutes):
    assert abs(Fraction(jp_from_minutes(minutes)) - Fraction(minutes, 45)) < Fraction(1, 10**20)


@pytest.mark.parametrize("bad", [-1, 1.5, True, "45"])
def test_minutes_must_be_a_non_negative_integer(bad):
    with pytest.raises(ValueError, match="menit"):
        jp_from_minutes(bad)


def test_compliance_met():
    status = jp_compliance(jp_from_minutes(900))
    assert status.met and status.shortfall == 0 and status.target == 20 and status.total == 20
    assert status.message == "Target pengembangan kompetensi 20 JP telah terpenuhi (20 JP)."
    assert jp_compliance(Decimal("24.5")).message == ("Target pengembangan kompetensi 20 JP telah terpenuhi (24,5 JP).")


def test_compliance_shortfall():
    status = jp_compliance(12)
    assert not status.met and status.shortfall == 8
    assert status.message == "Pengembangan kompetensi baru 12 JP dari target 20 JP; kurang 8 JP."
    nearly = jp_compliance(jp_from_minutes(899))
    assert not nearly.met
    assert nearly.message.endswith("kurang 0,02 JP.")


def test_custom_target_and_errors():
    assert jp_compliance(30, target=40).shortfall == 10
    assert jp_compliance(0, target=0).met
    with pytest.raises(ValueError, match="negatif"):
        jp_compliance(-1)
    with pytest.raises(ValueError, match="negatif"):
        jp_compliance(1, target=-5)


def test_reminder_and_follow_up_constants():
    """Moved from karier.development (issue #12): the JP reminder month and the follow-up delay."""
    from karier.rules import HARI_TINDAK_LANJUT, MULAI_BULAN_PENGINGAT_JP
    from karier.rules import jp as jp_module

    assert MULAI_BULAN_PENGINGAT_JP == 7 and jp_module.MULAI_BULAN_PENGINGAT_JP is MULAI_BULAN_PENGINGAT_JP
    assert HARI_TINDAK_LANJUT == 90 and jp_module.HARI_TINDAK_LANJUT is HARI_TINDAK_LANJUT
