"""Attendance by QR code at the venue (issue #11 §6: "attendance recorded by the organiser — bulk,
or by QR code at the venue").

The organiser (whoever may record attendance: `access.require_manage`) opens the "kode kehadiran"
screen on a day of the session. It shows a QR code (drawn locally with segno, like public feedback)
of a signed URL (`django.core.signing`) that names the session, the day and the organiser, and
expires after `KODE_BERLAKU`; the screen makes a new one every `ROTASI` so a photo of the code
passed around does not last. A participant who scans it signs in if needed and confirms: they are
marked present **on the organiser's authority** — the code is the organiser's decision, carried to
the participant's phone; the audit event names the organiser as that authority.

Why the participant cannot abuse it: the code carries no participant, so it only ever marks the
person signed in, only in that session, only if they hold a seat (not the waiting list), only on
the code's own day and only while the session has not ended; the organiser must still be an
organiser when it is scanned and may not vouch for themself (as in the bulk list).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from karier.core import audit
from karier.development.catalogue.access import require_manage, require_not_own_attendance
from karier.development.models import Pendaftaran, SesiKegiatan, StatusPendaftaran
from karier.people.access import Actor, as_actor

SALT = "karier.development.kehadiran_qr"
#: How long one code is accepted after it was made (a morning or an afternoon of a training day).
KODE_BERLAKU = dt.timedelta(hours=3)
#: How often the organiser's screen shows a fresh code.
ROTASI = dt.timedelta(minutes=5)
#: A code is text from a URL: anything longer is not one of ours (the fuzzer sends megabytes).
KODE_MAKS = 400


@dataclass(frozen=True)
class KodeKehadiran:
    kode: str
    sesi_id: int
    tanggal: dt.date
    berlaku_sampai: dt.datetime


def _expired() -> ValidationError:
    return ValidationError(
        {"kode": _("Kode kehadiran sudah kedaluwarsa; minta penyelenggara menampilkan kode yang baru.")}
    )


def _invalid() -> ValidationError:
    return ValidationError({"kode": _("Kode kehadiran tidak sah; pindai ulang kode dari layar penyelenggara.")})


def kode_make(*, actor: Actor, sesi: SesiKegiatan, now: dt.datetime | None = None) -> KodeKehadiran:
    """A fresh code for today's run of the session (the organiser only, on a day of the session)."""
    require_manage(actor)
    if actor.user_id is None:
        raise PermissionDenied(_("Kode kehadiran dibuat oleh akun penyelenggara yang masuk."))
    now = now or timezone.now()
    today = timezone.localdate(now)
    if not (sesi.mulai <= today <= sesi.selesai):
        raise ValidationError(
            {
                "sesi": _("Kode kehadiran hanya dapat ditampilkan pada tanggal sesi (%(mulai)s – %(selesai)s).")
                % {"mulai": date_format(sesi.mulai, "j M Y"), "selesai": date_format(sesi.selesai, "j M Y")}
            }
        )
    kode = signing.dumps({"s": sesi.pk, "d": today.isoformat(), "o": actor.user_id}, salt=SALT)
    end_of_day = timezone.make_aware(dt.datetime.combine(today, dt.time.max))
    return KodeKehadiran(kode, sesi.pk, today, min(now + KODE_BERLAKU, end_of_day))


def _read(kode: str) -> tuple[int, dt.date, int]:
    if not isinstance(kode, str) or not kode or len(kode) > KODE_MAKS:
        raise _invalid()
    try:
        data: Any = signing.loads(kode, salt=SALT, max_age=KODE_BERLAKU)
    except signing.SignatureExpired:
        raise _expired() from None
    except signing.BadSignature:
        raise _invalid() from None
    try:
        return int(data["s"]), dt.date.fromisoformat(data["d"]), int(data["o"])
    except (KeyError, TypeError, ValueError):
        raise _invalid() from None


def kode_session(kode: str) -> SesiKegiatan:
    """The session a valid code names (for the confirmation page); refusals as in `kehadiran_qr_record`."""
    sesi_id, _day, _org = _read(kode)
    sesi = SesiKegiatan.objects.select_related("kegiatan").filter(pk=sesi_id).first()
    if sesi is None:
        raise _invalid()
    return sesi


def _organiser(user_id: int) -> Actor:
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    organiser = as_actor(user) if user is not None else None
    if organiser is None or not organiser.can_write_master_data:
        raise ValidationError({"kode": _("Kode ini tidak berlaku lagi: pembuatnya bukan lagi penyelenggara.")})
    return organiser


def kehadiran_qr_record(*, actor: Actor, kode: str, now: dt.datetime | None = None) -> tuple[Pendaftaran, bool]:
    """Mark the signed-in participant present on the organiser's code. Returns (enrolment, whether
    this scan changed it) — a second scan of the same day changes nothing and says so."""
    now = now or timezone.now()
    sesi_id, day, organiser_id = _read(kode)
    today = timezone.localdate(now)
    if day != today:
        raise _expired()
    if actor.pegawai_id is None or actor.is_auditor:
        raise PermissionDenied(_("Hanya pegawai peserta sesi yang dapat mencatat kehadirannya dengan kode ini."))
    sesi = SesiKegiatan.objects.select_related("kegiatan").filter(pk=sesi_id).first()
    if sesi is None:
        raise Http404(_("Sesi kegiatan tidak ditemukan."))
    if sesi.selesai < today:
        raise ValidationError({"kode": _("Sesi ini sudah berakhir; kehadiran tidak dapat dicatat lagi.")})
    if not (sesi.mulai <= day <= sesi.selesai):
        raise _expired()  # the session was moved after the code was made
    organiser = _organiser(organiser_id)
    require_not_own_attendance(organiser, {actor.pegawai_id})
    with transaction.atomic():
        row = (
            Pendaftaran.objects.select_for_update()
            .filter(sesi=sesi, pegawai_id=actor.pegawai_id)
            .exclude(status=StatusPendaftaran.BATAL)
            .first()
        )
        if row is None:
            raise PermissionDenied(
                _("Anda tidak terdaftar di sesi ini; kehadiran dengan kode hanya untuk peserta terdaftar.")
            )
        if row.status == StatusPendaftaran.MENUNGGU:
            raise PermissionDenied(
                _("Anda masih di daftar tunggu sesi ini; kehadiran hanya dicatat untuk peserta yang mendapat kursi.")
            )
        if row.status != StatusPendaftaran.TERDAFTAR:
            raise ValidationError({"kode": _("Kegiatan ini sudah Anda selesaikan; kehadiran tidak berubah lagi.")})
        if row.hadir is True:
            return row, False
        was = row.hadir
        row.hadir = True
        row.kehadiran_dicatat_oleh_id = organiser.user_id
        row.save(update_fields=["hadir", "kehadiran_dicatat_oleh"])
        audit.record(
            actor=actor,
            action="pengembangan.kehadiran_qr",
            obj=row,
            summary=_("Hadir di %(kegiatan)s dengan kode kehadiran penyelenggara") % {"kegiatan": sesi.kegiatan.nama},
            changes={"hadir": [was, True], "otoritas": [None, organiser.user_id], "tanggal": [None, day.isoformat()]},
        )
    return row, True
