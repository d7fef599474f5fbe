"""Enrolment: capacity with a waiting list, the last-seat race, ended sessions, attendance by the
organiser, completion with a certificate checked like appraisal evidence, the JP it adds."""

from __future__ import annotations

import threading
import time
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from karier.development.catalogue import enrolment
from karier.development.models import CatatanJp, Pendaftaran, SesiKegiatan, StatusPendaftaran
from tests.development.catalogue_helpers import kegiatan, past, pdf, sesi

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(org: Any) -> Any:
    return sesi(org.actor("admin"), kegiatan(org.actor("admin"), jp="12"), kapasitas=1)


def _enrol(org: Any, key: str, s: Any, by: str | None = None) -> Any:
    return enrolment.pendaftaran_create(actor=org.actor(by or key), sesi=s, pegawai=org.pegawai[key])


def test_capacity_then_waiting_list_then_promotion_on_cancel(org: Any, session: Any) -> None:
    a = _enrol(org, "staf1a", session)
    b = _enrol(org, "staf1b", session)
    assert (a.status, b.status) == (StatusPendaftaran.TERDAFTAR, StatusPendaftaran.MENUNGGU)
    session.refresh_from_db()
    assert session.terisi == 1
    with pytest.raises(ValidationError, match="sudah terdaftar"):
        _enrol(org, "staf1a", session)
    enrolment.pendaftaran_cancel(actor=org.actor("staf1a"), pendaftaran=a)
    b.refresh_from_db()
    session.refresh_from_db()
    assert b.status == StatusPendaftaran.TERDAFTAR
    assert session.terisi == 1


def test_cancelling_the_only_seat_frees_it(org: Any, session: Any) -> None:
    a = _enrol(org, "staf1a", session)
    enrolment.pendaftaran_cancel(actor=org.actor("staf1a"), pendaftaran=a)
    session.refresh_from_db()
    assert session.terisi == 0
    assert _enrol(org, "staf1b", session).status == StatusPendaftaran.TERDAFTAR


def test_who_may_enrol_whom(org: Any, session: Any) -> None:
    with pytest.raises(PermissionDenied):
        _enrol(org, "staf1b", session, by="staf1a")  # a colleague
    with pytest.raises(PermissionDenied):
        _enrol(org, "staf1a", session, by="auditor")
    assert _enrol(org, "staf1a", session, by="kasi1").status == StatusPendaftaran.TERDAFTAR  # the superior
    assert _enrol(org, "staf2", session, by="admin").status == StatusPendaftaran.MENUNGGU


def test_enrolment_in_an_ended_session_is_refused_and_nothing_written(org: Any, session: Any) -> None:
    past(session)
    with pytest.raises(ValidationError) as exc:
        _enrol(org, "staf1a", session)
    assert "sudah berakhir" in exc.value.message_dict["sesi"][0]
    assert not Pendaftaran.objects.exists()


def test_the_last_seat_goes_to_exactly_one_of_two_sequential_enrolments_from_a_stale_read(
    org: Any, session: Any
) -> None:
    """Both callers read the session while one seat was free; the conditional update decides."""
    stale = SesiKegiatan.objects.get(pk=session.pk)
    first = enrolment.pendaftaran_create(actor=org.actor("staf1a"), sesi=stale, pegawai=org.pegawai["staf1a"])
    second = enrolment.pendaftaran_create(actor=org.actor("staf1b"), sesi=stale, pegawai=org.pegawai["staf1b"])
    assert sorted([first.status, second.status]) == [StatusPendaftaran.MENUNGGU, StatusPendaftaran.TERDAFTAR]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_enrolments_for_the_last_seat_give_one_seat_and_one_waiting_place() -> None:
    """Two threads, two connections, one seat: on PostgreSQL the row lock and the conditional
    update serialise them; on SQLite the database write lock does (a locked writer retries)."""
    from tests.orgdata import build_org

    org = build_org()
    s = sesi(org.actor("admin"), kegiatan(org.actor("admin")), kapasitas=1)
    actors = {k: org.actor(k) for k in ("staf1a", "staf1b")}
    barrier = threading.Barrier(2)
    results: dict[str, Any] = {}

    def run(key: str) -> None:
        try:
            barrier.wait(timeout=10)
            for attempt in range(60):
                try:
                    results[key] = enrolment.pendaftaran_create(
                        actor=actors[key], sesi=s, pegawai=org.pegawai[key]
                    ).status
                    return
                except Exception as exc:  # SQLite: "database is locked" — retry like a user would
                    if "locked" not in str(exc):
                        raise
                    time.sleep(0.05 * (attempt % 10 + 1))  # a busy machine holds the lock for a while
            results[key] = "database stayed locked"
        except Exception as exc:  # pragma: no cover - reported below
            results[key] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(k,)) for k in actors]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(map(str, results.values())) == [StatusPendaftaran.MENUNGGU, StatusPendaftaran.TERDAFTAR]
    s.refresh_from_db()
    assert s.terisi == 1
    assert Pendaftaran.objects.filter(sesi=s).count() == 2


def test_attendance_by_the_organiser_then_completion_adds_the_jp(org: Any, session: Any) -> None:
    a = _enrol(org, "staf1a", session)
    past(session)
    with pytest.raises(PermissionDenied):
        enrolment.kehadiran_record(actor=org.actor("kasi1"), sesi=session, hadir={a.pk: True})
    with pytest.raises(PermissionDenied, match="Kehadiran"):
        enrolment.pendaftaran_complete(actor=org.actor("staf1a"), pendaftaran=a, sertifikat=pdf())
    assert enrolment.kehadiran_record(actor=org.actor("admin"), sesi=session, hadir={a.pk: True}) == 1
    a.refresh_from_db()
    with pytest.raises(PermissionDenied):
        enrolment.pendaftaran_complete(actor=org.actor("staf1b"), pendaftaran=a, sertifikat=pdf())
    done = enrolment.pendaftaran_complete(actor=org.actor("staf1a"), pendaftaran=a, sertifikat=pdf())
    assert done.status == StatusPendaftaran.SELESAI
    row = CatatanJp.objects.get(pendaftaran=done)
    assert (row.jp, row.pegawai_id, row.tahun) == (Decimal(12), org.pegawai["staf1a"].pk, session.selesai.year)


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("sertifikat.exe", b"MZ\x90\x00", content_type="application/octet-stream"),
        SimpleUploadedFile("sertifikat.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"),
        None,
    ],
)
def test_a_certificate_of_the_wrong_type_is_refused_and_no_jp_counted(org: Any, session: Any, upload: Any) -> None:
    a = _enrol(org, "staf1a", session)
    past(session)
    enrolment.kehadiran_record(actor=org.actor("admin"), sesi=session, hadir={a.pk: True})
    a.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        enrolment.pendaftaran_complete(actor=org.actor("staf1a"), pendaftaran=a, sertifikat=upload)
    assert exc.value.message_dict["sertifikat"]
    a.refresh_from_db()
    assert a.status == StatusPendaftaran.TERDAFTAR
    assert not CatatanJp.objects.exists()


def test_attendance_refuses_people_not_seated_in_the_session(org: Any, session: Any) -> None:
    _enrol(org, "staf1a", session)
    waiting = _enrol(org, "staf1b", session)
    past(session)
    with pytest.raises(ValidationError):
        enrolment.kehadiran_record(actor=org.actor("admin"), sesi=session, hadir={waiting.pk: True})
    waiting.refresh_from_db()
    assert waiting.hadir is None


def test_an_organiser_who_is_a_participant_cannot_record_their_own_attendance(org: Any, session: Any) -> None:
    """Attendance is the verification that earns the JP: a BKD admin who is also an employee does
    not record it for themself (another admin does)."""
    from karier.accounts.models import User

    User.objects.filter(pk=org.users["pranata"].pk).update(is_admin_bkd=True)
    org.users["pranata"].refresh_from_db()
    mine = _enrol(org, "pranata", session)
    past(session)
    with pytest.raises(PermissionDenied, match="sendiri"):
        enrolment.kehadiran_record(actor=org.actor("pranata"), sesi=session, hadir={mine.pk: True})
    mine.refresh_from_db()
    assert mine.hadir is None
    assert enrolment.kehadiran_record(actor=org.actor("admin"), sesi=session, hadir={mine.pk: True}) == 1


def test_a_larger_capacity_seats_the_first_people_waiting(org: Any, session: Any) -> None:
    from karier.development.catalogue.services import SesiData, sesi_update

    _enrol(org, "staf1a", session)
    b = _enrol(org, "staf1b", session)
    c = _enrol(org, "staf2", session, by="admin")
    data = SesiData(mulai=session.mulai, selesai=session.selesai, kapasitas=2, tempat=session.tempat)
    sesi_update(actor=org.actor("admin"), sesi=session, data=data)
    session.refresh_from_db()
    b.refresh_from_db()
    c.refresh_from_db()
    assert (b.status, c.status, session.terisi) == (StatusPendaftaran.TERDAFTAR, StatusPendaftaran.MENUNGGU, 2)
    # A newcomer now waits behind c instead of taking a seat c was waiting for.
    assert _enrol(org, "kasi1", session).status == StatusPendaftaran.MENUNGGU


def test_the_session_page_pages_its_participants_and_still_shows_my_own_status(client: Any) -> None:
    from tests.orgdata import build_org

    org = build_org(extra_staff=35)
    s = sesi(org.actor("admin"), kegiatan(org.actor("admin")), kapasitas=100)
    for i in range(35):
        enrolment.pendaftaran_create(actor=org.actor("admin"), sesi=s, pegawai=org.pegawai[f"extra{i}"])
    _enrol(org, "kasi1", s)  # enrolled last: on the second page of the list kasi1 sees
    client.force_login(org.users["kasi1"])
    html = client.get(f"/pengembangan/sesi/{s.pk}/").content.decode()
    assert 'rel="next"' in html
    assert 'data-testid="status-saya"' in html
    client.force_login(org.users["admin"])
    assert client.get(f"/pengembangan/sesi/{s.pk}/").content.decode().count("<tr><td>") <= 30
