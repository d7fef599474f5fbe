"""`karier periksa-audit` on signed evaluations (issue #8 §8 "Done means"): exits 0 when the signed
evaluations and the audit trail are intact, non-zero after a raw SQL change of a FINAL evaluation's
predikat (the check `verify_snapshots` is contributed by appraisal)."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from karier.appraisal.calibration_services import kalibrasi_move, predikat_organisasi_set
from karier.appraisal.choices import StatusEvaluasi
from karier.appraisal.finalise import evaluasi_sign_atasan, unit_finalise
from karier.appraisal.models import Evaluasi
from tests.appraisal.test_appraisal_calibration_support import Seksi, seksi
from tests.orgdata import Org


@pytest.fixture
def s(org: Org) -> Seksi:
    s = seksi(org, extra=3)  # calibrated to satisfy the curve, as in tests/appraisal/test_appraisal_snapshots.py
    predikat_organisasi_set(actor=s.user("kabid1"), unit=s.unit, periode=s.periode, predikat="Baik",
                            alasan="Capaian PK sesuai target.")
    kalibrasi_move(actor=s.user("kasi1"), evaluasi=s.ev("x0"), unit=s.unit, ke="Butuh Perbaikan",
                   alasan="Target tertinggal.")
    kalibrasi_move(actor=s.user("kasi1"), evaluasi=s.ev("x1"), unit=s.unit, ke="Sangat Baik", alasan="Menonjol.")
    unit_finalise(actor=s.user("kasi1"), unit=s.unit, periode=s.periode)
    evaluasi_sign_atasan(actor=s.user("kabid1"), periode=s.periode, unit=s.unit)
    return s


def _run() -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("periksa_audit", stdout=out, stderr=io.StringIO())
    except CommandError as exc:
        return exc.returncode, out.getvalue()
    return 0, out.getvalue()


def test_signed_evaluations_pass_then_a_raw_predikat_change_fails(s: Seksi) -> None:
    assert Evaluasi.objects.filter(status=StatusEvaluasi.FINAL).exists()
    code, out = _run()
    assert (code, "utuh" in out) == (0, True), out
    ev = Evaluasi.objects.filter(status=StatusEvaluasi.FINAL).exclude(predikat="Sangat Baik").first()
    assert ev is not None
    with connection.cursor() as cur:
        cur.execute("UPDATE appraisal_evaluasi SET predikat = %s WHERE id = %s", ["Sangat Baik", ev.pk])
    code, out = _run()
    assert code == 1
    assert f"[appraisal.snapshot] appraisal.evaluasi#{ev.pk}" in out and "predikat='Sangat Baik'" in out
