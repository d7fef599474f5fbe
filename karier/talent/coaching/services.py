"""Every write of a coaching plan (issue #12 §6): open, change, meetings, agreed actions, close.

Each service takes `*, actor`, checks who may act (`coaching.access`), validates everything before it
writes (a plan without a mentor is refused — § Bad input), owns its transaction and records one audit
event. Nobody coaches themselves: the person is never their own mentor and never writes their plan
(they may tick their own agreed actions done).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.core import audit
from karier.people.access import Actor
from karier.people.models import Pegawai
from karier.rules import career as rules
from karier.talent.access import require_superior_or_bkd
from karier.talent.coaching import access
from karier.talent.coaching.compute import add_months, reasons_for, signals
from karier.talent.models import (
    HasilBimbingan,
    JenisBimbingan,
    PertemuanBimbingan,
    RencanaBimbingan,
    StatusBimbingan,
    TindakanBimbingan,
)

MAX_TEKS = 4000
MAX_URAIAN = 300


def _check_text(field: str, value: str, required: bool = False, limit: int = MAX_TEKS) -> str:
    value = (value or "").strip()
    if "\x00" in value:
        raise ValidationError({field: _("Teks berisi karakter yang tidak diizinkan.")})
    if required and not value:
        raise ValidationError({field: _("Wajib diisi.")})
    if len(value) > limit:
        raise ValidationError({field: _("Paling banyak %(n)s karakter.") % {"n": limit}})
    return value


def _check_jenis(jenis: str) -> None:
    if jenis not in JenisBimbingan.values:
        raise ValidationError({"jenis": _("Jenis bimbingan tidak dikenal.")})


def _check_follow_up(tanggal: dt.date, today: dt.date) -> None:
    if tanggal < today:
        raise ValidationError({"tanggal_tindak_lanjut": _("Tanggal tindak lanjut tidak boleh sebelum hari ini.")})
    if tanggal > add_months(today, 24):
        raise ValidationError(
            {"tanggal_tindak_lanjut": _("Tanggal tindak lanjut paling lama dua tahun dari sekarang.")}
        )


def bimbingan_create(
    *,
    actor: Actor,
    pegawai: Pegawai,
    mentor: Pegawai | None,
    tujuan: str = "",
    jenis: str = JenisBimbingan.BIMBINGAN,
    tanggal_tindak_lanjut: dt.date | None = None,
    tahun: int | None = None,
) -> RencanaBimbingan:
    """The superior (or BKD) opens a plan by hand. The reasons are the rules' reasons today; when the
    rules name none, the plan says it was opened on the superior's judgement."""
    require_superior_or_bkd(
        actor, pegawai, _("Hanya atasan langsung atau admin BKD yang dapat membuka rencana bimbingan.")
    )
    today = timezone.localdate()
    tahun = tahun or today.year
    if not today.year - 1 <= tahun <= today.year + 1:
        raise ValidationError({"tahun": _("Tahun rencana bimbingan harus tahun lalu, tahun ini, atau tahun depan.")})
    mentor = access.check_mentor(pegawai, mentor)
    _check_jenis(jenis)
    tujuan = _check_text("tujuan", tujuan)
    tanggal_tindak_lanjut = tanggal_tindak_lanjut or add_months(today, rules.BULAN_TINDAK_LANJUT_BIMBINGAN)
    _check_follow_up(tanggal_tindak_lanjut, today)
    if RencanaBimbingan.objects.filter(pegawai=pegawai, tahun=tahun, status=StatusBimbingan.AKTIF).exists():
        raise ValidationError(
            _("%(nama)s sudah punya rencana bimbingan yang berjalan untuk tahun %(tahun)s.")
            % {"nama": pegawai.nama, "tahun": tahun}
        )
    found = signals([pegawai.pk], tahun).get(pegawai.pk)
    pemicu = list(reasons_for(found)) if found else []
    if not pemicu:
        pemicu = [_("Dibuka atas pertimbangan atasan untuk mendukung pencapaian kinerja.")]
    try:
        with transaction.atomic():
            rencana = RencanaBimbingan.objects.create(
                pegawai=pegawai,
                mentor=mentor,
                tahun=tahun,
                jenis=jenis,
                pemicu=pemicu,
                tujuan=tujuan,
                tanggal_tindak_lanjut=tanggal_tindak_lanjut,
                dibuat_oleh_id=actor.user_id,
            )
            audit.record(
                actor=actor,
                action="bimbingan.create",
                obj=rencana,
                summary=f"Rencana bimbingan {pegawai.nama} {tahun}",
                changes={"mentor": mentor.pk, "jenis": jenis, "tanggal_tindak_lanjut": tanggal_tindak_lanjut},
            )
    except IntegrityError:
        raise ValidationError(
            _("%(nama)s sudah punya rencana bimbingan yang berjalan untuk tahun %(tahun)s.")
            % {"nama": pegawai.nama, "tahun": tahun}
        ) from None
    return rencana


_UNSET = object()


def bimbingan_update(
    *,
    actor: Actor,
    rencana: RencanaBimbingan,
    tujuan: str | None = None,
    tanggal_tindak_lanjut: dt.date | None = None,
    jenis: str | None = None,
    mentor: Pegawai | object | None = _UNSET,
) -> RencanaBimbingan:
    """Goals, follow-up date, bimbingan → konseling; another mentor (superior or BKD only)."""
    access.require_coach(actor, rencana)
    changes: dict[str, object] = {}
    if mentor is not _UNSET:
        new_mentor = access.check_mentor(
            rencana.pegawai, mentor if isinstance(mentor, Pegawai) else None, rencana.mentor_id
        )
        if new_mentor.pk != rencana.mentor_id:
            access.require_assign_mentor(actor, rencana)
            changes["mentor"] = [rencana.mentor_id, new_mentor.pk]
    access.require_open(rencana)
    if tujuan is not None:
        tujuan = _check_text("tujuan", tujuan)
        if tujuan != rencana.tujuan:
            changes["tujuan"] = [rencana.tujuan, tujuan]
    if tanggal_tindak_lanjut is not None and tanggal_tindak_lanjut != rencana.tanggal_tindak_lanjut:
        _check_follow_up(tanggal_tindak_lanjut, timezone.localdate())
        changes["tanggal_tindak_lanjut"] = [rencana.tanggal_tindak_lanjut, tanggal_tindak_lanjut]
    if jenis is not None:
        _check_jenis(jenis)
        if jenis != rencana.jenis:
            changes["jenis"] = [rencana.jenis, jenis]
    if not changes:
        return rencana
    with transaction.atomic():
        locked = RencanaBimbingan.objects.select_for_update().get(pk=rencana.pk)
        access.require_open(locked)
        if "mentor" in changes:
            rencana.mentor = mentor  # type: ignore[assignment]
        if "tujuan" in changes:
            rencana.tujuan = tujuan or ""
        if "tanggal_tindak_lanjut" in changes:
            rencana.tanggal_tindak_lanjut = tanggal_tindak_lanjut  # type: ignore[assignment]
        if "jenis" in changes:
            rencana.jenis = jenis or rencana.jenis
        rencana.save(update_fields=["mentor", "tujuan", "tanggal_tindak_lanjut", "jenis"])
        audit.record(
            actor=actor,
            action="bimbingan.update",
            obj=rencana,
            summary=f"Rencana bimbingan {rencana.pegawai.nama} {rencana.tahun} diubah",
            changes=changes,
        )
    return rencana


def pertemuan_add(*, actor: Actor, rencana: RencanaBimbingan, tanggal: dt.date, catatan: str) -> PertemuanBimbingan:
    """A meeting held (or the mentor's note of it): not in the future, not before the plan's year."""
    access.require_coach(actor, rencana)
    access.require_open(rencana)
    today = timezone.localdate()
    if tanggal > today:
        raise ValidationError({"tanggal": _("Tanggal pertemuan tidak boleh di masa depan.")})
    if tanggal.year < rencana.tahun - 1:
        raise ValidationError({"tanggal": _("Tanggal pertemuan terlalu jauh sebelum tahun rencana.")})
    catatan = _check_text("catatan", catatan, required=True)
    with transaction.atomic():
        row = PertemuanBimbingan.objects.create(
            rencana=rencana, tanggal=tanggal, catatan=catatan, dicatat_oleh_id=actor.user_id
        )
        audit.record(
            actor=actor,
            action="bimbingan.pertemuan_add",
            obj=rencana,
            summary=f"Pertemuan bimbingan {rencana.pegawai.nama} {tanggal:%Y-%m-%d}",
            changes={"pertemuan": row.pk, "tanggal": tanggal},
        )
    return row


def tindakan_add(*, actor: Actor, rencana: RencanaBimbingan, uraian: str, batas: dt.date) -> TindakanBimbingan:
    """An agreed action with its due date."""
    access.require_coach(actor, rencana)
    access.require_open(rencana)
    uraian = _check_text("uraian", uraian, required=True, limit=MAX_URAIAN)
    if batas < timezone.localdate() - dt.timedelta(days=365):
        raise ValidationError({"batas": _("Batas waktu terlalu jauh di masa lalu.")})
    with transaction.atomic():
        row = TindakanBimbingan.objects.create(rencana=rencana, uraian=uraian, batas=batas)
        audit.record(
            actor=actor,
            action="bimbingan.tindakan_add",
            obj=rencana,
            summary=f"Tindakan bimbingan {rencana.pegawai.nama}: {uraian[:80]}",
            changes={"tindakan": row.pk, "batas": batas},
        )
    return row


def tindakan_done(*, actor: Actor, tindakan: TindakanBimbingan, selesai: bool = True) -> TindakanBimbingan:
    """Tick an agreed action done (or undo it): the person themself, the mentor, the superior or BKD."""
    rencana = tindakan.rencana
    access.require_tick(actor, rencana)
    access.require_open(rencana)
    if tindakan.selesai == selesai:
        return tindakan
    with transaction.atomic():
        tindakan.selesai = selesai
        tindakan.selesai_pada = timezone.now() if selesai else None
        tindakan.save(update_fields=["selesai", "selesai_pada"])
        audit.record(
            actor=actor,
            action="bimbingan.tindakan_done",
            obj=rencana,
            summary=f"Tindakan bimbingan {'selesai' if selesai else 'dibuka lagi'}: {tindakan.uraian[:80]}",
            changes={"tindakan": tindakan.pk, "selesai": selesai},
        )
    return tindakan


def bimbingan_close(*, actor: Actor, rencana: RencanaBimbingan, hasil: str, catatan_hasil: str) -> RencanaBimbingan:
    """Close with the outcome and a note (improved / to continue / on to konseling kinerja)."""
    access.require_coach(actor, rencana)
    access.require_open(rencana)
    if hasil not in HasilBimbingan.values:
        raise ValidationError({"hasil": _("Pilih hasil bimbingan.")})
    catatan_hasil = _check_text("catatan_hasil", catatan_hasil, required=True)
    with transaction.atomic():
        locked = RencanaBimbingan.objects.select_for_update().get(pk=rencana.pk)
        access.require_open(locked)
        rencana.status = StatusBimbingan.SELESAI
        rencana.hasil = hasil
        rencana.catatan_hasil = catatan_hasil
        rencana.ditutup_pada = timezone.now()
        rencana.save(update_fields=["status", "hasil", "catatan_hasil", "ditutup_pada"])
        audit.record(
            actor=actor,
            action="bimbingan.close",
            obj=rencana,
            summary=f"Rencana bimbingan {rencana.pegawai.nama} {rencana.tahun} selesai",
            changes={"hasil": hasil},
        )
    return rencana
