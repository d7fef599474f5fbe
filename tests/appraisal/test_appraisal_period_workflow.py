"""The period's status moves live in one table (`appraisal.workflow.PERIODE_DARI`), used by opening
(periods) and closing (close) alike."""

from __future__ import annotations

import pytest

from karier.appraisal.choices import StatusPeriode
from karier.appraisal.workflow import periode_can_move

BELUM, BUKA, TUTUP = StatusPeriode.BELUM_DIBUKA, StatusPeriode.DIBUKA, StatusPeriode.DITUTUP


@pytest.mark.parametrize(
    ("dari", "ke", "ok"),
    [
        (BELUM, BUKA, True),
        (TUTUP, BUKA, True),
        (BUKA, BUKA, False),
        (BUKA, TUTUP, True),
        (BELUM, TUTUP, True),
        (TUTUP, TUTUP, False),
    ],
)
def test_period_moves_follow_the_table(dari: str, ke: str, ok: bool) -> None:
    assert periode_can_move(dari, ke) is ok
