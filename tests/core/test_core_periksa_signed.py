"""`karier periksa-audit` on signed evaluations (issue #8 §8 "Done means"): exits 0 when the signed
evaluations and the audit trail are intact, non-zero after a raw SQL change of a FINAL evaluation's
predikat (the check `verify_snapshots` is contributed by appraisal)."""

from __future__ import annotations

import pytest
from django.db import connection

from karier.appraisal.choices import StatusEvaluasi
from karier.appraisal.models import Evaluasi
from tests.appraisal.test_appraisal_calibration_support import Seksi, periksa_audit, signed_seksi
from tests.orgdata import Org


@pytest.fixture
def s(org: Org) -> Seksi:
    return signed_seksi(org)


def test_signed_evaluations_pass_then_a_raw_predikat_change_fails(s: Seksi) -> None:
    assert Evaluasi.objects.filter(status=StatusEvaluasi.FINAL).exists()
    code, out = periksa_audit()
    assert (code, "utuh" in out) == (0, True), out
    ev = Evaluasi.objects.filter(status=StatusEvaluasi.FINAL).exclude(predikat="Sangat Baik").first()
    assert ev is not None
    with connection.cursor() as cur:
        cur.execute("UPDATE appraisal_evaluasi SET predikat = %s WHERE id = %s", ["Sangat Baik", ev.pk])
    code, out = periksa_audit()
    assert code == 1
    assert f"[appraisal.snapshot] appraisal.evaluasi#{ev.pk}" in out and "predikat='Sangat Baik'" in out
