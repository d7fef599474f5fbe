"""Objections (keberatan) to a final evaluation (issue #5 part 6)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from karier.appraisal.calibration.finalise import tanda_tangan_atasan_add, unit_finalise
from karier.appraisal.calibration.objection import keberatan_decide, keberatan_submit
from karier.appraisal.calibration.selectors import objections_to_decide
from karier.appraisal.calibration.services import kalibrasi_move, predikat_organisasi_set
from karier.appraisal.choices import StatusEvaluasi, StatusKeberatan
from karier.appraisal.models import Evaluasi, KalenderPenilaian, Keberatan, RiwayatEvaluasi
from karier.core.models import AuditEvent
from tests.appraisal.test_appraisal_calibration_support import Seksi, seksi
from tests.orgdata import PASSWORD, Org


@pytest.fixture
def s(org: Org) -> Seksi:
    s = seksi(org)
    predikat_organisasi_set(
        actor=s.actor("kabid1"), unit=s.unit, periode=s.periode, predikat="Baik", alasan="Capaian PK sesuai target."
    )
    for key, ke in {"x0": "Sangat Baik", "x1": "Sangat Baik", "staf1a": "Butuh Perbaikan"}.items():
        kalibrasi_move(actor=s.actor("kasi1"), evaluasi=s.ev(key), unit=s.unit, ke=ke, alasan="Rapat kalibrasi.")
    unit_finalise(actor=s.actor("kasi1"), unit=s.unit, periode=s.periode)
    tanda_tangan_atasan_add(actor=s.actor("kabid1"), periode=s.periode, unit=s.unit)
    return s


def _file(s: Seksi, key: str = "staf1a", today: dt.date | None = None) -> Keberatan:
    return keberatan_submit(
        actor=s.actor(key), evaluasi=s.ev(key), alasan="Bukti capaian belum dipertimbangkan.", today=today
    )


@pytest.mark.django_db
def test_window_inside_and_outside(s: Seksi) -> None:
    KalenderPenilaian.objects.filter(pk=s.periode.tahun_id).update(jendela_keberatan_hari=14)
    final = timezone.localtime(s.ev("staf1a").final_pada).date()
    with pytest.raises(ValidationError) as e:
        _file(s, today=final + dt.timedelta(days=15))
    assert "sudah lewat" in " ".join(e.value.messages)
    assert _file(s, today=final + dt.timedelta(days=14)).status == StatusKeberatan.DIAJUKAN


@pytest.mark.django_db
def test_only_the_appraisee_files_one_at_a_time(s: Seksi) -> None:
    ev = s.ev("staf1a")
    for who in ("kasi1", "staf1b", "admin", "auditor"):
        with pytest.raises(PermissionDenied):
            keberatan_submit(actor=s.actor(who), evaluasi=ev, alasan="Tidak setuju.")
    with pytest.raises(ValidationError):
        keberatan_submit(actor=s.actor("staf1a"), evaluasi=ev, alasan="")
    _file(s)
    with pytest.raises(ValidationError) as e:
        _file(s)
    assert "belum diputus" in " ".join(e.value.messages)


@pytest.mark.django_db
def test_not_final_is_refused(org: Org) -> None:
    s = seksi(org, extra=0)
    with pytest.raises(ValidationError):
        _file(s)


@pytest.mark.django_db
def test_only_the_appraisers_superior_decides_and_acceptance_changes_the_predikat(s: Seksi) -> None:
    k = _file(s)
    assert list(objections_to_decide(s.actor("kabid1"))) == [k]
    assert list(objections_to_decide(s.actor("kasi1"))) == []
    for who in ("kasi1", "staf1a", "auditor", "kadiskominfo"):
        with pytest.raises(PermissionDenied):
            keberatan_decide(actor=s.actor(who), keberatan=k, diterima=True, keputusan="x", predikat_baru="Baik")
    with pytest.raises(ValidationError):
        keberatan_decide(actor=s.actor("kabid1"), keberatan=k, diterima=True, keputusan="Diterima.")  # no predikat
    keberatan_decide(
        actor=s.actor("kabid1"),
        keberatan=k,
        diterima=True,
        keputusan="Bukti valid; predikat Baik.",
        predikat_baru="Baik",
    )
    ev = Evaluasi.objects.get(pk=k.evaluasi_id)
    assert (ev.predikat_akhir, ev.status, ev.versi) == ("Baik", StatusEvaluasi.FINAL, 2)
    assert RiwayatEvaluasi.objects.get(evaluasi=ev, versi=1).snapshot["predikat_akhir"] == "Butuh Perbaikan"
    assert k.status == StatusKeberatan.DITERIMA and k.diputus_oleh == s.user("kabid1")
    assert AuditEvent.objects.filter(action="appraisal.objection_decide").count() == 1
    with pytest.raises(ValidationError):
        keberatan_decide(actor=s.actor("kabid1"), keberatan=k, diterima=False, keputusan="Lagi.")


@pytest.mark.django_db
def test_refusal_is_recorded_and_screens_work(s: Seksi) -> None:
    ev = s.ev("staf1b")
    c = Client()
    assert c.login(username=s.user("staf1b").username, password=PASSWORD)
    page = c.get(f"/penilaian/{ev.pk}/finalisasi/")
    assert page.status_code == 200 and "Ajukan keberatan" in page.content.decode()
    r = c.post(f"/penilaian/{ev.pk}/keberatan/", {"alasan": "Realisasi triwulan IV belum dihitung."})
    assert r.status_code == 302
    k = Keberatan.objects.get(evaluasi=ev)
    boss = Client()
    assert boss.login(username=s.user("kabid1").username, password=PASSWORD)
    assert (
        "staf1b" in boss.get("/penilaian/keberatan/").content.decode()
        or k.evaluasi.pegawai.nama in boss.get("/penilaian/keberatan/").content.decode()
    )
    assert c.get(f"/penilaian/keberatan/{k.pk}/").status_code == 200  # the appraisee reads it
    assert c.post(f"/penilaian/keberatan/{k.pk}/", {"diterima": "0", "keputusan": "x"}).status_code == 404
    r = boss.post(
        f"/penilaian/keberatan/{k.pk}/",
        {"diterima": "0", "predikat_baru": "", "keputusan": "Realisasi sudah dihitung."},
    )
    assert r.status_code == 302
    k.refresh_from_db()
    assert k.status == StatusKeberatan.DITOLAK
    assert Evaluasi.objects.get(pk=ev.pk).versi == 1
