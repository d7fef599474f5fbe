"""Enrolment in sessions, attendance and completion (issue #11 §6).

The last seat: a session keeps `terisi`, the seats taken. Enrolling locks the session row
(`select_for_update`, PostgreSQL) *and* takes a seat with one conditional UPDATE
(`terisi < kapasitas`), which SQLite serialises too — of two enrolments racing for the last seat,
exactly one gets it and the other lands on the waiting list. Cancelling a seat hands it to the
first person waiting, in the same transaction.

Completion adds the activity's JP to the ledger (`CatatanJp`): only for a participant whose
attendance the organiser recorded (that is the verification), with a certificate that passes the
same checks as appraisal evidence.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.core import audit
from karier.development.catalogue.access import (
    require_enrol,
    require_manage,
    require_not_own_attendance,
    require_own_or_admin,
)
from karier.development.catalogue.files import checked_certificate, store_certificate
from karier.development.jp.totals import jp_total_refresh
from karier.development.models import CatatanJp, Pendaftaran, SesiKegiatan, StatusPendaftaran, SumberJp
from karier.development.outcomes import level_change
from karier.people.access import Actor
from karier.people.models import Pegawai

AKTIF = (StatusPendaftaran.TERDAFTAR, StatusPendaftaran.MENUNGGU)


def _not_ended(sesi: SesiKegiatan) -> None:
    if sesi.selesai < timezone.localdate():
        raise ValidationError({"sesi": _("Sesi ini sudah berakhir; pilih sesi lain yang belum selesai.")})


def promote_waiting(sesi: SesiKegiatan, seats: int) -> list[Pendaftaran]:
    """Give up to `seats` freed seats to the first people waiting (called under the session's row
    lock, inside the caller's transaction). Does not touch `terisi`: the caller knows whether the
    seats were already counted (a cancelled seat) or not (a larger capacity)."""
    if seats <= 0:
        return []
    moved = list(
        Pendaftaran.objects.select_for_update()
        .filter(sesi=sesi, status=StatusPendaftaran.MENUNGGU)
        .order_by("dibuat_pada", "pk")[:seats]
    )
    Pendaftaran.objects.filter(pk__in=[p.pk for p in moved]).update(status=StatusPendaftaran.TERDAFTAR)
    for p in moved:
        p.status = StatusPendaftaran.TERDAFTAR
    return moved


def pendaftaran_create(*, actor: Actor, sesi: SesiKegiatan, pegawai: Pegawai) -> Pendaftaran:
    """Enrol a person: a seat while one is free, else the waiting list. Refused for a session that
    has ended, an inactive activity, or a person already enrolled."""
    require_enrol(actor, pegawai)
    _not_ended(sesi)
    if not sesi.kegiatan.aktif:
        raise ValidationError({"sesi": _("Kegiatan ini tidak lagi dibuka.")})
    if not pegawai.aktif:
        raise ValidationError({"pegawai": _("Pegawai tidak aktif.")})
    try:
        with transaction.atomic():
            locked = SesiKegiatan.objects.select_for_update().get(pk=sesi.pk)
            if (
                Pendaftaran.objects.filter(sesi=locked, pegawai=pegawai)
                .exclude(status=StatusPendaftaran.BATAL)
                .exists()
            ):
                raise ValidationError({"pegawai": _("Pegawai ini sudah terdaftar di sesi ini.")})
            took = SesiKegiatan.objects.filter(pk=locked.pk, terisi__lt=F("kapasitas")).update(terisi=F("terisi") + 1)
            status = StatusPendaftaran.TERDAFTAR if took else StatusPendaftaran.MENUNGGU
            row = Pendaftaran.objects.create(
                sesi=locked, pegawai=pegawai, status=status, didaftarkan_oleh_id=actor.user_id
            )
            audit.record(
                actor=actor,
                action="pengembangan.daftar",
                obj=row,
                summary=f"{pegawai.nama}: {sesi.kegiatan.nama} ({status})",
                changes={"status": [None, status]},
            )
    except IntegrityError:  # the same person enrolled twice at the same instant
        raise ValidationError({"pegawai": _("Pegawai ini sudah terdaftar di sesi ini.")}) from None
    return row


def pendaftaran_cancel(*, actor: Actor, pendaftaran: Pendaftaran) -> Pendaftaran:
    """Cancel a seat or a waiting-list place; a freed seat goes to the first person waiting."""
    require_enrol(actor, pendaftaran.pegawai)
    _not_ended(SesiKegiatan.objects.get(pk=pendaftaran.sesi_id))
    with transaction.atomic():
        sesi = SesiKegiatan.objects.select_for_update().get(pk=pendaftaran.sesi_id)
        row = Pendaftaran.objects.select_for_update().get(pk=pendaftaran.pk)
        if row.status not in AKTIF:
            raise ValidationError({"status": _("Pendaftaran ini tidak dapat dibatalkan lagi.")})
        was = row.status
        row.status = StatusPendaftaran.BATAL
        row.save(update_fields=["status"])
        promoted = None
        if was == StatusPendaftaran.TERDAFTAR:
            moved = promote_waiting(sesi, 1)
            promoted = moved[0] if moved else None
            if promoted is None:
                SesiKegiatan.objects.filter(pk=sesi.pk, terisi__gt=0).update(terisi=F("terisi") - 1)
        audit.record(
            actor=actor,
            action="pengembangan.batal",
            obj=row,
            summary=f"{row.pegawai_id} @ {sesi.pk}",
            changes={"status": [was, row.status], "naik_dari_daftar_tunggu": [None, getattr(promoted, "pk", None)]},
        )
    return row


def kehadiran_record(*, actor: Actor, sesi: SesiKegiatan, hadir: Mapping[int, bool]) -> int:
    """The organiser's attendance list for a session: {enrolment id: present}. Only seated,
    not-yet-completed participants of this session; the session must have started. Returns rows changed."""
    require_manage(actor)
    if sesi.mulai > timezone.localdate():
        raise ValidationError({"hadir": _("Kehadiran baru dapat dicatat setelah sesi dimulai.")})
    ids = set(hadir)
    with transaction.atomic():
        SesiKegiatan.objects.select_for_update().get(pk=sesi.pk)
        seated = dict(
            Pendaftaran.objects.filter(sesi=sesi, pk__in=ids, status=StatusPendaftaran.TERDAFTAR).values_list(
                "pk", "pegawai_id"
            )
        )
        if ids - set(seated):
            raise ValidationError(
                {"hadir": _("Sebagian peserta bukan peserta terdaftar sesi ini atau sudah menyelesaikan kegiatan.")}
            )
        require_not_own_attendance(actor, set(seated.values()))
        yes = [i for i in ids if hadir[i]]
        no = [i for i in ids if not hadir[i]]
        n = Pendaftaran.objects.filter(pk__in=yes).update(hadir=True, kehadiran_dicatat_oleh_id=actor.user_id)
        n += Pendaftaran.objects.filter(pk__in=no).update(hadir=False, kehadiran_dicatat_oleh_id=actor.user_id)
        audit.record(
            actor=actor,
            action="pengembangan.kehadiran",
            obj=sesi,
            summary=_("Kehadiran %(n)s peserta") % {"n": len(ids)},
            changes={"hadir": [None, sorted(yes)], "tidak_hadir": [None, sorted(no)]},
        )
    return n


def pendaftaran_complete(*, actor: Actor, pendaftaran: Pendaftaran, sertifikat: object) -> Pendaftaran:
    """Complete an attended activity with its certificate: the activity's JP enters the ledger."""
    require_own_or_admin(actor, pendaftaran.pegawai_id)
    sesi = SesiKegiatan.objects.get(pk=pendaftaran.sesi_id)  # as stored now, not as the caller last read it
    if pendaftaran.status != StatusPendaftaran.TERDAFTAR:
        raise ValidationError({"status": _("Hanya peserta terdaftar yang dapat menyelesaikan kegiatan.")})
    if sesi.selesai > timezone.localdate():
        raise ValidationError({"status": _("Kegiatan belum selesai; unggah sertifikat setelah sesi berakhir.")})
    if pendaftaran.hadir is not True:
        raise PermissionDenied(_("Kehadiran Anda belum dicatat penyelenggara; hubungi admin BKD."))
    ext = checked_certificate(sertifikat)
    stored, original, digest = store_certificate(sertifikat, ext)
    try:
        with transaction.atomic():
            row = Pendaftaran.objects.select_for_update().select_related("sesi__kegiatan").get(pk=pendaftaran.pk)
            if row.status != StatusPendaftaran.TERDAFTAR or row.hadir is not True:
                raise ValidationError({"status": _("Status pendaftaran berubah; muat ulang halaman.")})
            row.status = StatusPendaftaran.SELESAI
            row.selesai_pada = timezone.now()
            row.sertifikat, row.sertifikat_nama, row.sertifikat_sha256 = stored, original, digest
            row.save(update_fields=["status", "selesai_pada", "sertifikat", "sertifikat_nama", "sertifikat_sha256"])
            kegiatan = row.sesi.kegiatan
            CatatanJp.objects.create(
                pegawai_id=row.pegawai_id,
                tahun=row.sesi.selesai.year,
                tanggal=row.sesi.selesai,
                jp=kegiatan.jp,
                sumber=SumberJp.KATALOG,
                judul=kegiatan.nama[:200],
                pendaftaran=row,
            )
            jp_total_refresh(row.pegawai_id, row.sesi.selesai.year)  # the yearly total, in step (jp_totals.py)
            level_change.propose_for(row, actor=actor)  # a level the activity states, for the superior to confirm
            audit.record(
                actor=actor,
                action="pengembangan.selesai",
                obj=row,
                summary=f"{kegiatan.nama}: {kegiatan.jp} JP",
                changes={
                    "status": [StatusPendaftaran.TERDAFTAR, row.status],
                    "jp": [None, kegiatan.jp],
                    "sha256": [None, digest],
                },
            )
    except BaseException:
        default_storage.delete(stored)
        raise
    return row
