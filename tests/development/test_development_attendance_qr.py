"""Attendance by QR code at the venue: the organiser's signed, time-limited code; a seated participant
marks only their own presence, only in that session, only on that day, only while it runs."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from karier.core.models import AuditEvent
from karier.development.catalogue import enrolment
from karier.development.models import Pendaftaran
from karier.development.outcomes import attendance_qr
from tests.development.catalogue_helpers import kegiatan, sesi

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(org: Any) -> Any:
    """A two-day session that started yesterday, one seat: staf1a seated, staf1b waiting."""
    admin = org.actor("admin")
    s = sesi(admin, kegiatan(admin, nama="Pelatihan Keamanan Informasi"), kapasitas=1)
    enrolment.pendaftaran_create(actor=org.actor("staf1a"), sesi=s, pegawai=org.pegawai["staf1a"])
    enrolment.pendaftaran_create(actor=org.actor("staf1b"), sesi=s, pegawai=org.pegawai["staf1b"])
    today = timezone.localdate()
    type(s).objects.filter(pk=s.pk).update(mulai=today - dt.timedelta(days=1), selesai=today + dt.timedelta(days=1))
    s.refresh_from_db()
    return s


def _code(org: Any, s: Any, who: str = "admin", **kw: Any) -> str:
    return attendance_qr.kode_make(actor=org.actor(who), sesi=s, **kw).kode


def _row(org: Any, s: Any, key: str) -> Pendaftaran:
    return Pendaftaran.objects.get(sesi=s, pegawai=org.pegawai[key])


def test_a_seated_participant_scans_and_is_present_on_the_organisers_authority(org: Any, running: Any) -> None:
    kode = _code(org, running)
    row, changed = attendance_qr.kehadiran_qr_record(actor=org.actor("staf1a"), kode=kode)
    assert changed and row.hadir is True
    row.refresh_from_db()
    assert row.hadir is True and row.kehadiran_dicatat_oleh_id == org.users["admin"].pk
    event = AuditEvent.objects.get(action="pengembangan.kehadiran_qr")
    assert event.actor_id == org.users["staf1a"].pk
    assert event.changes["otoritas"] == [None, org.users["admin"].pk]
    # A second scan changes nothing and writes no second event.
    assert attendance_qr.kehadiran_qr_record(actor=org.actor("staf1a"), kode=kode)[1] is False
    assert AuditEvent.objects.filter(action="pengembangan.kehadiran_qr").count() == 1


@pytest.mark.parametrize(
    ("who", "message"),
    [("staf1b", "daftar tunggu"), ("kasi1", "tidak terdaftar"), ("auditor", "Hanya pegawai"), ("unlinked", "Hanya")],
)
def test_only_a_seated_participant_marks_presence(org: Any, running: Any, who: str, message: str) -> None:
    with pytest.raises(PermissionDenied, match=message):
        attendance_qr.kehadiran_qr_record(actor=org.actor(who), kode=_code(org, running))
    assert not Pendaftaran.objects.filter(sesi=running, hadir=True).exists()
    assert not AuditEvent.objects.filter(action="pengembangan.kehadiran_qr").exists()


def test_a_code_of_another_day_is_expired(org: Any, running: Any) -> None:
    yesterday = timezone.now() - dt.timedelta(days=1)
    kode = _code(org, running, now=yesterday)
    with pytest.raises(ValidationError, match="kedaluwarsa"):
        attendance_qr.kehadiran_qr_record(actor=org.actor("staf1a"), kode=kode)
    assert _row(org, running, "staf1a").hadir is None


def test_a_code_older_than_its_validity_is_expired(org: Any, running: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    kode = _code(org, running)
    later = signing.time.time() + attendance_qr.KODE_BERLAKU.total_seconds() + 60
    monkeypatch.setattr(signing.time, "time", lambda: later)
    with pytest.raises(ValidationError, match="kedaluwarsa"):
        attendance_qr.kehadiran_qr_record(actor=org.actor("staf1a"), kode=kode)


@pytest.mark.parametrize("garbage", ["", "x", "a" * 5000, "eyJzIjoxfQ:1abc:forged", None, 12])
def test_a_forged_or_garbage_code_is_refused(org: Any, running: Any, garbage: Any) -> None:
    with pytest.raises(ValidationError, match="tidak sah"):
        attendance_qr.kehadiran_qr_record(actor=org.actor("staf1a"), kode=garbage)


def test_a_code_signed_for_one_session_marks_nobody_in_another(org: Any, running: Any) -> None:
    """The payload is signed: changing the session id breaks the signature."""
    payload = signing.loads(_code(org, running), salt=attendance_qr.SALT)
    forged = signing.dumps({**payload, "s": running.pk + 1}, salt="another.salt")
    with pytest.raises(ValidationError, match="tidak sah"):
        attendance_qr.kehadiran_qr_record(actor=org.actor("staf1a"), kode=forged)


def test_after_the_session_ended_the_code_no_longer_counts(org: Any, running: Any) -> None:
    kode = _code(org, running)
    type(running).objects.filter(pk=running.pk).update(
        mulai=timezone.localdate() - dt.timedelta(days=3), selesai=timezone.localdate() - dt.timedelta(days=1)
    )
    with pytest.raises(ValidationError, match="sudah berakhir"):
        attendance_qr.kehadiran_qr_record(actor=org.actor("staf1a"), kode=kode)


def test_only_the_organiser_shows_a_code_and_only_on_the_session_dates(org: Any, running: Any) -> None:
    for who in ("kasi1", "staf1a", "auditor"):
        with pytest.raises(PermissionDenied):
            _code(org, running, who=who)
    with pytest.raises(ValidationError, match="tanggal sesi"):
        _code(org, running, now=timezone.now() + dt.timedelta(days=5))


def test_a_code_dies_with_its_organisers_role(org: Any, running: Any) -> None:
    from karier.accounts.models import User

    User.objects.filter(pk=org.users["pranata"].pk).update(is_admin_bkd=True)
    org.users["pranata"].refresh_from_db()
    kode = _code(org, running, who="pranata")
    User.objects.filter(pk=org.users["pranata"].pk).update(is_admin_bkd=False)
    with pytest.raises(ValidationError, match="bukan lagi penyelenggara"):
        attendance_qr.kehadiran_qr_record(actor=org.actor("staf1a"), kode=kode)


def test_an_organiser_does_not_vouch_for_their_own_attendance(org: Any, running: Any) -> None:
    from karier.accounts.models import User

    type(running).objects.filter(pk=running.pk).update(kapasitas=5)
    User.objects.filter(pk=org.users["pranata"].pk).update(is_admin_bkd=True)
    org.users["pranata"].refresh_from_db()
    enrolment.pendaftaran_create(actor=org.actor("pranata"), sesi=running, pegawai=org.pegawai["pranata"])
    kode = _code(org, running, who="pranata")
    with pytest.raises(PermissionDenied, match="sendiri"):
        attendance_qr.kehadiran_qr_record(actor=org.actor("pranata"), kode=kode)
    assert attendance_qr.kehadiran_qr_record(actor=org.actor("staf1a"), kode=kode)[1] is True


def test_the_screens_code_scan_and_confirmation(client: Client, org: Any, running: Any) -> None:
    client.force_login(org.users["staf1a"])
    assert client.get(f"/pengembangan/sesi/{running.pk}/kode-kehadiran/").status_code == 403
    client.force_login(org.users["admin"])
    page = client.get(f"/pengembangan/sesi/{running.pk}/kode-kehadiran/").content.decode()
    assert "<svg" in page and "/pengembangan/hadir/" in page
    url = page.split("/pengembangan/hadir/")[1].split("/")[0]
    hadir = f"/pengembangan/hadir/{url}/"
    anonymous = Client().get(hadir)
    assert anonymous.status_code == 302 and "/akun/masuk/" in anonymous["Location"]
    client.force_login(org.users["staf1a"])
    assert "Saya hadir" in client.get(hadir).content.decode()
    r = client.post(hadir)
    assert r.status_code == 302 and r["Location"] == f"/pengembangan/sesi/{running.pk}/"
    assert _row(org, running, "staf1a").hadir is True
    client.force_login(org.users["staf1b"])
    assert "daftar tunggu" in client.post(hadir).content.decode()
    assert _row(org, running, "staf1b").hadir is None
    assert client.get("/pengembangan/hadir/rusak/").status_code == 400


def test_the_api_makes_and_takes_a_code(client: Client, org: Any, running: Any) -> None:
    client.force_login(org.users["admin"])
    r = client.get(f"/api/v1/pengembangan/sesi/{running.pk}/kode-kehadiran")
    assert r.status_code == 200
    kode = r.json()["kode"]
    assert r.json()["url"].endswith(f"/pengembangan/hadir/{kode}/")
    client.force_login(org.users["staf1a"])
    assert client.get(f"/api/v1/pengembangan/sesi/{running.pk}/kode-kehadiran").status_code == 403

    def scan(body: Any) -> Any:
        return client.post("/api/v1/pengembangan/kehadiran/kode", json.dumps(body), content_type="application/json")

    assert scan({"kode": "sampah"}).status_code == 409
    assert scan({"kode": 5}).status_code == 422
    r = scan({"kode": kode})
    assert r.status_code == 200 and r.json()["baru"] is True and r.json()["hadir"] is True
    assert scan({"kode": kode}).json()["baru"] is False
