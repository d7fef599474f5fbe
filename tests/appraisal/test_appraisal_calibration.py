"""Unit result and calibration against the curve (issue #5 part 5)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from karier.appraisal.calibration.selectors import agency_calibration, unit_calibration, unit_evaluations
from karier.appraisal.calibration.services import kalibrasi_move, predikat_organisasi_set
from karier.appraisal.models import KalenderPenilaian, Kalibrasi, PredikatOrganisasiUnit
from karier.core.models import AuditEvent
from tests.appraisal.test_appraisal_calibration_support import BP_SENTENCE, DI_ATAS, SESUAI, Seksi, rate_all, seksi
from tests.orgdata import PASSWORD, Org


@pytest.fixture
def s(org: Org) -> Seksi:
    return seksi(org)


def _set(s: Seksi, predikat: str = "Baik", who: str = "kabid1", alasan: str = "Capaian PK sesuai target.") -> Any:
    return predikat_organisasi_set(actor=s.actor(who), unit=s.unit, periode=s.periode, predikat=predikat, alasan=alasan)


def _client(s: Seksi, key: str) -> Client:
    c = Client()
    assert c.login(username=s.user(key).username, password=PASSWORD)
    return c


@pytest.mark.django_db
def test_scope_is_the_people_the_unit_head_leads(s: Seksi) -> None:
    names = {e.pegawai_id for e in unit_evaluations(s.unit, s.periode)}
    assert names == {s.org.pegawai[k].pk for k in s.staff}  # the Kasi himself is calibrated one level up
    up = {e.pegawai_id for e in unit_evaluations(s.org.units["dik_b1"], s.periode)}
    assert s.org.pegawai["kasi1"].pk in up


@pytest.mark.django_db
def test_only_the_head_above_sets_the_unit_result(s: Seksi) -> None:
    for who in ("kasi1", "staf1a", "admin", "auditor", "kadis"):
        with pytest.raises(PermissionDenied):
            _set(s, who=who)
    with pytest.raises(ValidationError) as e:
        _set(s, alasan="  ")
    assert "alasan" in e.value.message_dict
    with pytest.raises(ValidationError):
        _set(s, predikat="Luar Biasa")
    row = _set(s)
    assert row.predikat == "Baik" and row.ditetapkan_oleh == s.user("kabid1")
    assert AuditEvent.objects.filter(action="appraisal.unit_result", object_id=str(row.pk)).exists()


@pytest.mark.django_db
def test_unit_head_rating_follows_the_unit_result(s: Seksi) -> None:
    rate_all(s, ["kasi1"], SESUAI, DI_ATAS)
    _set(s, "Istimewa")
    kasi = s.ev("kasi1")
    assert (kasi.rating_hasil_kerja, kasi.predikat) == (DI_ATAS, "Sangat Baik")
    _set(s, "Butuh Perbaikan")
    kasi = s.ev("kasi1")
    assert (kasi.rating_hasil_kerja, kasi.predikat) == ("Di Bawah Ekspektasi", "Butuh Perbaikan")
    assert AuditEvent.objects.filter(action="appraisal.leader_rating", object_id=str(kasi.pk)).count() == 2


@pytest.mark.django_db
def test_baik_unit_all_baik_breaks_the_curve_in_plain_words(s: Seksi) -> None:
    _set(s, "Baik")
    cal = unit_calibration(s.unit, s.periode)
    assert cal.counts["Baik"] == 10 and cal.headcount == 10
    messages = " ".join(cal.pesan_pelanggaran)
    assert BP_SENTENCE in messages
    assert "paling banyak 70% dari 10 pegawai, yaitu 7 orang; saat ini 10 orang" in messages
    assert [k.predikat for k in cal.kolom][:3] == ["Sangat Baik", "Baik", "Butuh Perbaikan"]


@pytest.mark.django_db
def test_calibration_moves_fix_the_curve(s: Seksi) -> None:
    _set(s, "Baik")
    moves = {"x0": "Sangat Baik", "x1": "Sangat Baik", "x2": "Butuh Perbaikan"}
    for key, ke in moves.items():
        kalibrasi_move(actor=s.actor("kasi1"), evaluasi=s.ev(key), unit=s.unit, ke=ke, alasan="Hasil kalibrasi rapat.")
    cal = unit_calibration(s.unit, s.periode)
    assert cal.violations == []
    assert (cal.counts["Baik"], cal.counts["Sangat Baik"], cal.counts["Butuh Perbaikan"]) == (7, 2, 1)
    ev = s.ev("x2")
    assert (ev.predikat, ev.predikat_akhir) == ("Baik", "Butuh Perbaikan")
    assert Kalibrasi.objects.filter(evaluasi=ev, dari="Baik", ke="Butuh Perbaikan").exists()
    assert AuditEvent.objects.filter(action="appraisal.calibrate").count() == 3


@pytest.mark.django_db
def test_moves_are_refused_for_the_wrong_people_and_bad_input(s: Seksi) -> None:
    ev = s.ev("x0")
    for who in ("staf1a", "kabid2", "admin", "auditor"):
        with pytest.raises(PermissionDenied):
            kalibrasi_move(actor=s.actor(who), evaluasi=ev, unit=s.unit, ke="Sangat Baik", alasan="x")
    with pytest.raises(ValidationError):
        kalibrasi_move(actor=s.actor("kasi1"), evaluasi=ev, unit=s.unit, ke="Sangat Baik", alasan="")
    with pytest.raises(ValidationError):
        kalibrasi_move(actor=s.actor("kasi1"), evaluasi=ev, unit=s.unit, ke="Baik", alasan="sama")
    with pytest.raises(ValidationError):  # the Kasi is not in his own unit's calibration
        kalibrasi_move(actor=s.actor("kasi1"), evaluasi=s.ev("kasi1"), unit=s.unit, ke="Baik", alasan="x")
    # The agency head may calibrate too.
    kalibrasi_move(actor=s.actor("kadis"), evaluasi=ev, unit=s.unit, ke="Sangat Baik", alasan="Kinerja menonjol.")
    assert Kalibrasi.objects.count() == 1


@pytest.mark.django_db
def test_policy_from_the_calendar(s: Seksi) -> None:
    KalenderPenilaian.objects.filter(pk=s.periode.tahun_id).update(
        kebijakan_kurva={"rules": {"Baik": [{"kategori": ["Baik"], "batas": "maks", "persen": "100"}]}}
    )
    _set(s, "Baik")
    assert unit_calibration(s.unit, s.periode).violations == []


@pytest.mark.django_db
def test_agency_view_aggregates_units(s: Seksi) -> None:
    _set(s, "Baik")
    rate_all(s, ["kasi1"], SESUAI, SESUAI)
    data = agency_calibration(s.org.units["dik"], s.periode)
    by_unit = {r.unit.pk: r for r in data.rows}
    assert by_unit[s.unit.pk].headcount == 10 and by_unit[s.unit.pk].violations
    assert by_unit[s.org.units["dik_b1"].pk].headcount == 1  # the Kasi, one level up
    assert data.total["Baik"] == 11


@pytest.mark.django_db
def test_screen_access_and_htmx_move(s: Seksi) -> None:
    _set(s, "Baik")
    url = f"/penilaian/kalibrasi/{s.periode.pk}/unit/{s.unit.pk}/"
    page = _client(s, "kasi1").get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Dodi Saputra" in text and BP_SENTENCE in text
    assert _client(s, "staf1a").get(url).status_code == 404
    assert _client(s, "admin").get(url).status_code == 200
    ev = s.ev("x2")
    r = _client(s, "kasi1").post(
        f"{url}pindah/{ev.pk}/", {"ke": "Butuh Perbaikan", "alasan": "Target tertinggal."}, HTTP_HX_REQUEST="true"
    )
    assert r.status_code == 200 and "Kurva belum terpenuhi" in r.content.decode()  # Baik still 9 > 7
    bad = _client(s, "kasi1").post(f"{url}pindah/{ev.pk}/", {"ke": "Baik", "alasan": ""}, HTTP_HX_REQUEST="true")
    assert bad.status_code == 422
    assert (
        _client(s, "kadis").get(f"/penilaian/kalibrasi/{s.periode.pk}/opd/{s.org.units['dik'].pk}/").status_code == 200
    )
    assert (
        _client(s, "kasi1").get(f"/penilaian/kalibrasi/{s.periode.pk}/opd/{s.org.units['dik'].pk}/").status_code == 404
    )


@pytest.mark.django_db
def test_screen_queries_do_not_grow_with_people(org: Org) -> None:
    s = seksi(org, extra=2)
    _set(s, "Baik")
    actor = s.actor("kasi1")
    assert actor.pegawai_id
    c = _client(s, "kasi1")
    url = f"/penilaian/kalibrasi/{s.periode.pk}/unit/{s.unit.pk}/"
    with CaptureQueriesContext(connection) as small:
        assert c.get(url).status_code == 200
    for i in range(2, 8):
        org.add_pegawai(f"x{i}", "staf1", golongan=31)
    from karier.appraisal.evaluation import periods
    from tests.appraisal.test_appraisal_support import approved_skp

    for i in range(2, 8):
        approved_skp(org, f"x{i}", "kasi1")
    periods.evaluasi_bulk_create(periode=s.periode)
    with CaptureQueriesContext(connection) as large:
        assert c.get(url).status_code == 200
    assert len(large) == len(small)
    assert PredikatOrganisasiUnit.objects.count() == 1
