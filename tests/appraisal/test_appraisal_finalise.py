"""Finalise, sign, lock and reopen (issue #5 part 6)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from karier.appraisal.calibration.finalise import (
    evaluasi_reopen,
    tanda_tangan_atasan_add,
    tanda_tangan_penilai_add,
    unit_finalise,
)
from karier.appraisal.calibration.services import kalibrasi_move, predikat_organisasi_set
from karier.appraisal.choices import StatusEvaluasi, StatusFinalisasi
from karier.appraisal.evaluation import services
from karier.appraisal.models import Evaluasi, FinalisasiUnit, KalenderPenilaian, RiwayatEvaluasi, SnapshotEvaluasi
from karier.appraisal.workflow import (
    MSG_DITANDATANGANI,
    MSG_UNIT_FINAL,
    TRANSITIONS,
    Aksi,
    can_move,
    ensure_can_move,
)
from karier.core.models import AuditEvent
from tests.appraisal.test_appraisal_calibration_support import BP_SENTENCE, SESUAI, Seksi, rate_all, seksi
from tests.orgdata import Org


@pytest.fixture
def s(org: Org) -> Seksi:
    s = seksi(org)
    predikat_organisasi_set(
        actor=s.actor("kabid1"), unit=s.unit, periode=s.periode, predikat="Baik", alasan="Capaian PK sesuai target."
    )
    return s


def _calibrate(s: Seksi) -> None:
    for key, ke in {"x0": "Sangat Baik", "x1": "Sangat Baik", "x2": "Butuh Perbaikan"}.items():
        kalibrasi_move(actor=s.actor("kasi1"), evaluasi=s.ev(key), unit=s.unit, ke=ke, alasan="Rapat kalibrasi.")


def _finalise(s: Seksi, who: str = "kasi1", justifikasi: str = "") -> FinalisasiUnit:
    return unit_finalise(actor=s.actor(who), unit=s.unit, periode=s.periode, justifikasi=justifikasi)


@pytest.mark.django_db
def test_broken_curve_is_refused_and_nothing_is_written(s: Seksi) -> None:
    with pytest.raises(ValidationError) as e:
        _finalise(s)
    text = " ".join(e.value.messages)
    assert BP_SENTENCE in text and "lakukan kalibrasi" in text
    assert not FinalisasiUnit.objects.exists()
    assert not Evaluasi.objects.filter(ditandatangani_penilai_pada__isnull=False).exists()


@pytest.mark.django_db
def test_calibration_then_finalise_signs_as_appraiser(s: Seksi) -> None:
    _calibrate(s)
    fin = _finalise(s)
    assert fin.status == StatusFinalisasi.FINAL and fin.pelanggaran_kurva == [] and fin.justifikasi == ""
    evs = list(Evaluasi.objects.filter(pegawai__in=[s.org.pegawai[k] for k in s.staff], periode=s.periode))
    assert all(e.ditandatangani_penilai_pada for e in evs)
    # The Kasi finalised and is the appraiser: his own signature, recorded as his.
    assert {e.ditandatangani_penilai_oleh_id for e in evs} == {s.org.pegawai["kasi1"].pk}
    assert all(e.status == StatusEvaluasi.DINILAI for e in evs)  # waiting for the superior
    with pytest.raises(ValidationError):
        _finalise(s)  # already final
    with pytest.raises(ValidationError):  # no more moves
        kalibrasi_move(actor=s.actor("kasi1"), evaluasi=s.ev("x3"), unit=s.unit, ke="Sangat Baik", alasan="x")
    with pytest.raises(ValidationError):  # nor a new unit result
        predikat_organisasi_set(
            actor=s.actor("kabid1"), unit=s.unit, periode=s.periode, predikat="Istimewa", alasan="Revisi."
        )
    assert AuditEvent.objects.filter(action="appraisal.unit_finalise").count() == 1


@pytest.mark.django_db
def test_unrated_and_missing_result_are_refused(org: Org) -> None:
    s = seksi(org, extra=2, rate=False)
    rate_all(s, ["staf1a", "staf1b"], SESUAI, SESUAI)
    with pytest.raises(ValidationError) as e:
        _finalise(s)
    assert "2 pegawai belum dinilai: Pegawai x0, Pegawai x1" in " ".join(e.value.messages)
    rate_all(s, s.staff, SESUAI, SESUAI)
    with pytest.raises(ValidationError) as e:
        _finalise(s)
    assert "belum ditetapkan" in " ".join(e.value.messages)


@pytest.mark.django_db
def test_justification_path_depends_on_the_policy(s: Seksi) -> None:
    with pytest.raises(ValidationError):
        _finalise(s, justifikasi="Unit kecil, semua memenuhi target.")  # policy does not allow it
    KalenderPenilaian.objects.filter(pk=s.periode.tahun_id).update(izinkan_justifikasi_kurva=True)
    with pytest.raises(ValidationError) as e:
        _finalise(s)  # allowed, but the justification is missing
    assert "justifikasi" in e.value.message_dict
    fin = _finalise(s, justifikasi="Semua pegawai memenuhi target; disetujui rapat pimpinan.")
    assert fin.status == StatusFinalisasi.FINAL and fin.justifikasi.startswith("Semua pegawai")
    assert any(BP_SENTENCE in m for m in fin.pelanggaran_kurva)


@pytest.mark.django_db
def test_only_unit_or_agency_head_finalises(s: Seksi) -> None:
    _calibrate(s)
    for who in ("staf1a", "kabid1", "admin", "auditor"):
        with pytest.raises(PermissionDenied):
            _finalise(s, who=who)
    assert _finalise(s, who="kadis").status == StatusFinalisasi.FINAL


@pytest.mark.django_db
def test_signing_order_and_lock(s: Seksi) -> None:
    ev = s.ev("staf1a")
    with pytest.raises(ValidationError):  # the appraiser has not signed yet
        tanda_tangan_atasan_add(actor=s.actor("kabid1"), periode=s.periode, evaluasi=ev)
    _calibrate(s)
    _finalise(s)
    with pytest.raises(PermissionDenied):  # the appraiser is not his own superior
        tanda_tangan_atasan_add(actor=s.actor("kasi1"), periode=s.periode, evaluasi=s.ev("staf1a"))
    ev = s.ev("staf1a")
    tanda_tangan_atasan_add(actor=s.actor("kabid1"), periode=s.periode, evaluasi=ev)
    assert (
        ev.status == StatusEvaluasi.FINAL
        and ev.final_pada
        and ev.ditandatangani_atasan_oleh_id == s.org.pegawai["kabid1"].pk
    )
    n = tanda_tangan_atasan_add(actor=s.actor("kabid1"), periode=s.periode, unit=s.unit)
    assert n == 9
    assert Evaluasi.objects.filter(periode=s.periode, status=StatusEvaluasi.FINAL).count() == 10
    # Locked: party A's rating service refuses, nothing changes.
    locked = Evaluasi.objects.select_related("periode", "unit", "jabatan").get(pk=ev.pk)
    with pytest.raises(ValidationError) as e:
        services.rating_set(
            actor=s.actor("kasi1"),
            evaluasi=locked,
            rating_hasil_kerja="Di Atas Ekspektasi",
            alasan_hasil_kerja="Sangat baik sekali.",
            rating_perilaku=SESUAI,
            alasan_perilaku="Sesuai BerAKHLAK sepenuhnya.",
        )
    assert "terkunci" in " ".join(e.value.messages)
    assert Evaluasi.objects.get(pk=ev.pk).rating_hasil_kerja == SESUAI


@pytest.mark.django_db
def test_reopen_keeps_history(s: Seksi) -> None:
    _calibrate(s)
    _finalise(s)
    tanda_tangan_atasan_add(actor=s.actor("kabid1"), periode=s.periode, unit=s.unit)
    ev = s.ev("x2")
    for who in ("staf1a", "auditor", "kadiskominfo"):
        with pytest.raises(PermissionDenied):
            evaluasi_reopen(actor=s.actor(who), evaluasi=ev, alasan="Salah input.")
    with pytest.raises(ValidationError):
        evaluasi_reopen(actor=s.actor("admin"), evaluasi=ev, alasan=" ")
    evaluasi_reopen(actor=s.actor("kasi1"), evaluasi=ev, alasan="Bukti dukung baru diterima.")
    assert (ev.status, ev.versi, ev.final_pada, ev.ditandatangani_penilai_pada) == (
        StatusEvaluasi.DIBUKA_ULANG,
        2,
        None,
        None,
    )
    old = RiwayatEvaluasi.objects.get(evaluasi=ev, versi=1)
    assert old.snapshot["status"] == StatusEvaluasi.FINAL and old.snapshot["predikat_akhir"] == "Butuh Perbaikan"
    assert old.alasan == "Bukti dukung baru diterima."
    assert FinalisasiUnit.objects.get(unit=s.unit, periode=s.periode).status == StatusFinalisasi.TERBUKA
    assert AuditEvent.objects.filter(action="appraisal.reopen", object_id=str(ev.pk)).exists()
    with pytest.raises(ValidationError):
        evaluasi_reopen(actor=s.actor("admin"), evaluasi=ev, alasan="Lagi.")  # not final any more
    # Finalised again: only the reopened one is signed again.
    _finalise(s)
    ev.refresh_from_db()
    assert ev.ditandatangani_penilai_pada is not None
    assert tanda_tangan_atasan_add(actor=s.actor("kabid1"), periode=s.periode, unit=s.unit) == 1


# ---------------------------------------------------------------------------- issue #8 §3 and §3a
@pytest.mark.django_db
def test_agency_head_finalising_does_not_sign_for_the_appraiser(s: Seksi) -> None:
    _calibrate(s)
    _finalise(s, who="kadis")
    assert not Evaluasi.objects.filter(periode=s.periode, ditandatangani_penilai_pada__isnull=False).exists()
    assert not SnapshotEvaluasi.objects.exists()
    with pytest.raises(ValidationError, match="belum menandatangani"):
        tanda_tangan_atasan_add(actor=s.actor("kabid1"), periode=s.periode, evaluasi=s.ev("staf1a"))
    with pytest.raises(ValidationError):  # nothing in the unit waits for the superior yet
        tanda_tangan_atasan_add(actor=s.actor("kabid1"), periode=s.periode, unit=s.unit)
    for who in ("kadis", "kabid1", "admin", "staf1a"):  # only the appraiser signs as appraiser
        with pytest.raises(PermissionDenied):
            tanda_tangan_penilai_add(actor=s.actor(who), periode=s.periode, evaluasi=s.ev("staf1b"))
    assert tanda_tangan_penilai_add(actor=s.actor("kasi1"), periode=s.periode, unit=s.unit) == 10
    ev = s.ev("staf1a")
    assert ev.ditandatangani_penilai_oleh_id == s.org.pegawai["kasi1"].pk and ev.ditandatangani_penilai_pada
    assert AuditEvent.objects.filter(action="appraisal.sign_penilai", actor=s.user("kasi1")).count() == 1
    assert tanda_tangan_atasan_add(actor=s.actor("kabid1"), periode=s.periode, unit=s.unit) == 10
    ev = s.ev("staf1a")
    assert ev.status == StatusEvaluasi.FINAL and ev.ditandatangani_atasan_oleh_id == s.org.pegawai["kabid1"].pk
    snap = SnapshotEvaluasi.objects.filter(evaluasi=ev).latest("pk")
    assert snap.tahap == "ATASAN" and snap.isi["nilai"]["ditandatangani_penilai_oleh_id"] == s.org.pegawai["kasi1"].pk
    assert snap.isi["nilai"]["ditandatangani_atasan_oleh_id"] == s.org.pegawai["kabid1"].pk


def _rate(s: Seksi, key: str, hasil: str = "Di Atas Ekspektasi") -> Evaluasi:
    return services.rating_set(
        actor=s.actor("kasi1"),
        evaluasi=s.ev(key),
        rating_hasil_kerja=hasil,
        alasan_hasil_kerja="Melampaui target tahunan.",
        rating_perilaku=SESUAI,
        alasan_perilaku="Sesuai BerAKHLAK sepenuhnya.",
    )


@pytest.mark.django_db
def test_no_rerating_once_the_unit_is_finalised(s: Seksi) -> None:
    """3a: after a finalisation that satisfied the curve, the appraiser could re-rate someone to Sangat Baik."""
    _calibrate(s)
    _finalise(s, who="kadis")  # finalised, not yet signed by anyone
    before = s.ev("staf1a").predikat
    with pytest.raises(ValidationError) as e:
        _rate(s, "staf1a")
    assert MSG_UNIT_FINAL in e.value.messages
    with pytest.raises(ValidationError):
        services.rating_bulk_set(
            actor=s.actor("kasi1"),
            periode=s.periode,
            rows={
                s.ev("staf1a").pk: {
                    "rating_hasil_kerja": "Di Atas Ekspektasi",
                    "alasan_hasil_kerja": "Melampaui target tahunan.",
                    "rating_perilaku": SESUAI,
                    "alasan_perilaku": "Sesuai BerAKHLAK sepenuhnya.",
                }
            },
        )
    assert s.ev("staf1a").predikat == before
    # Signed evaluations are locked too (the appraiser signed; the superior has not yet).
    tanda_tangan_penilai_add(actor=s.actor("kasi1"), periode=s.periode, evaluasi=s.ev("staf1a"))
    assert s.ev("staf1a").terkunci


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "message"), [("kasi1", MSG_DITANDATANGANI), ("kadis", MSG_UNIT_FINAL)])
def test_one_rating_and_a_bulk_rating_refuse_a_locked_evaluation_alike(s: Seksi, who: str, message: str) -> None:
    """One refusal rule for both paths: a signed evaluation (the Kasi finalises and signs as the appraiser)
    or one of a finalised unit (the Kadis finalises, nobody signed) is refused with the same message."""
    _calibrate(s)
    _finalise(s, who=who)
    ev = s.ev("staf1a")
    data = {
        "rating_hasil_kerja": SESUAI,
        "alasan_hasil_kerja": "Sesuai target triwulan.",
        "rating_perilaku": SESUAI,
        "alasan_perilaku": "Sesuai BerAKHLAK sepenuhnya.",
    }
    with pytest.raises(ValidationError) as one:
        services.rating_set(actor=s.actor("kasi1"), evaluasi=ev, **data)
    with pytest.raises(services.BulkRatingError) as bulk:
        services.rating_bulk_set(actor=s.actor("kasi1"), periode=s.periode, rows={ev.pk: data})
    assert one.value.messages == [message]
    assert bulk.value.rows == {ev.pk: {"__all__": message}}


@pytest.mark.django_db
def test_every_signature_rechecks_the_curve(s: Seksi) -> None:
    _calibrate(s)
    _finalise(s, who="kadis")
    # Something bypassed the services after finalisation: the curve no longer holds.
    Evaluasi.objects.filter(pk=s.ev("x2").pk).update(predikat_akhir="Sangat Baik")
    with pytest.raises(ValidationError) as e:
        tanda_tangan_penilai_add(actor=s.actor("kasi1"), periode=s.periode, unit=s.unit)
    assert "melanggar kurva" in " ".join(e.value.messages)
    assert not Evaluasi.objects.filter(ditandatangani_penilai_pada__isnull=False).exists()
    Evaluasi.objects.filter(pk=s.ev("x2").pk).update(predikat_akhir="Butuh Perbaikan")
    tanda_tangan_penilai_add(actor=s.actor("kasi1"), periode=s.periode, unit=s.unit)
    Evaluasi.objects.filter(pk=s.ev("x2").pk).update(predikat_akhir="Sangat Baik")
    with pytest.raises(ValidationError, match="melanggar kurva"):
        tanda_tangan_atasan_add(actor=s.actor("kabid1"), periode=s.periode, unit=s.unit)
    assert not Evaluasi.objects.filter(status=StatusEvaluasi.FINAL).exists()


def test_one_transition_table() -> None:
    assert can_move(StatusEvaluasi.DRAFT, StatusEvaluasi.DINILAI)
    assert not can_move(StatusEvaluasi.DRAFT, StatusEvaluasi.FINAL)
    assert not can_move(StatusEvaluasi.FINAL, StatusEvaluasi.DINILAI)
    assert TRANSITIONS[Aksi.TTD_ATASAN].ke == StatusEvaluasi.FINAL
    for status, aksi in (
        (StatusEvaluasi.DRAFT, Aksi.TTD_ATASAN),
        (StatusEvaluasi.FINAL, Aksi.NILAI),
        (StatusEvaluasi.DINILAI, Aksi.BUKA_ULANG),
    ):
        with pytest.raises(ValidationError):
            ensure_can_move(status, aksi)


@pytest.mark.django_db
def test_appraiser_signs_through_the_api_and_the_screen(s: Seksi) -> None:
    from django.test import Client

    _calibrate(s)
    _finalise(s, who="kadis")
    clients = {}
    for key in ("kasi1", "kabid1"):
        clients[key] = Client()
        clients[key].force_login(s.user(key))
    ev = s.ev("staf1a")
    page = clients["kasi1"].get(f"/penilaian/{ev.pk}/finalisasi/")
    assert "Tandatangani sebagai pejabat penilai" in page.content.decode()
    r = clients["kasi1"].post(f"/penilaian/{ev.pk}/tanda-tangan-penilai/")
    assert r.status_code == 302 and s.ev("staf1a").ditandatangani_penilai_oleh_id == s.org.pegawai["kasi1"].pk
    url = f"/api/v1/penilaian/kalibrasi/{s.periode.pk}/unit/{s.unit.pk}/tanda-tangan-penilai"
    assert clients["kabid1"].post(url).status_code == 409  # he appraises nobody here
    r = clients["kasi1"].post(url)
    assert r.status_code == 200 and r.json() == {"ditandatangani": 9}
