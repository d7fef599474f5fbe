"""Signed snapshots and their verification (issue #8 §3, §8): `verify_snapshots` in the integrity registry."""

from __future__ import annotations

import pytest
from django.db import connection

from karier.appraisal.choices import StatusEvaluasi
from karier.appraisal.evaluation.snapshots import content_hash, verify_snapshots
from karier.appraisal.models import Evaluasi, SnapshotEvaluasi
from karier.core.integrity import run_checks
from tests.appraisal.test_appraisal_calibration_support import Seksi, signed_seksi
from tests.orgdata import Org


@pytest.fixture
def s(org: Org) -> Seksi:
    return signed_seksi(org)


@pytest.mark.django_db
def test_signed_evaluations_verify_clean(s: Seksi) -> None:
    assert Evaluasi.objects.filter(status=StatusEvaluasi.FINAL).count() == 5
    snaps = list(SnapshotEvaluasi.objects.all())
    assert len(snaps) == 10  # the appraiser's and the superior's signature of each
    assert all(sn.hash == content_hash(sn.isi) for sn in snaps)
    assert list(verify_snapshots()) == []


@pytest.mark.django_db
def test_raw_sql_change_of_a_final_predikat_is_reported(s: Seksi) -> None:
    ev = s.ev("staf1a")
    with connection.cursor() as c:
        c.execute("UPDATE appraisal_evaluasi SET predikat = %s WHERE id = %s", ["Sangat Baik", ev.pk])
    breaks = [b for b in verify_snapshots() if b.object_id == str(ev.pk)]
    assert breaks and breaks[0].check == "appraisal.snapshot" and breaks[0].object_type == "appraisal.evaluasi"
    assert "predikat='Baik'" in breaks[0].expected and "predikat='Sangat Baik'" in breaks[0].actual
    assert any(b.object_id == str(ev.pk) for b in run_checks())  # registered for `karier periksa-audit`


@pytest.mark.django_db
def test_tampered_snapshot_and_missing_snapshot_are_reported(s: Seksi) -> None:
    snap = SnapshotEvaluasi.objects.filter(evaluasi=s.ev("staf1b")).latest("pk")
    isi = dict(snap.isi)
    isi["nilai"] = {**isi["nilai"], "predikat": "Sangat Baik"}
    SnapshotEvaluasi.objects.filter(pk=snap.pk).update(isi=isi)
    breaks = list(verify_snapshots())
    hashed = [b for b in breaks if b.object_type == "appraisal.snapshotevaluasi"]
    assert [b.object_id for b in hashed] == [str(snap.pk)] and hashed[0].expected == snap.hash
    SnapshotEvaluasi.objects.filter(evaluasi=s.ev("x2")).delete()
    assert any(b.object_id == str(s.ev("x2").pk) and b.actual == "tidak ada" for b in verify_snapshots())
