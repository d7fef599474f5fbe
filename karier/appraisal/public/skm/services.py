"""Every SKM write: periods (create, open, close), the anonymous response, follow-up actions.

The anonymous response reuses the short public form's defences (`karier.appraisal.public.services`):
keyed hashes of device and address, a signed single-use form token (its own salt), the per-address
limits per hour and per day (HTTP 429), and one questionnaire per device per period per local day
(a unique constraint). Responses sent through the API carry no device: only the address limits
apply to them. A response is accepted only while its period is open and today lies in its dates.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from karier.appraisal.public import services as public_services
from karier.appraisal.public.skm.access import can_manage_skm, may_close_now
from karier.appraisal.public.skm.choices import (
    PROFIL_FIELDS,
    UNSUR_FIELDS,
    StatusSkm,
    StatusTindakLanjut,
    UnsurSkm,
)
from karier.appraisal.public.skm.models import PeriodeSkm, ResponSkm, TindakLanjutSkm
from karier.appraisal.public.skm.workflow import ensure_periode_move, ensure_tindak_lanjut_move
from karier.core import audit
from karier.people.access import ANONYMOUS, SYSTEM, Actor
from karier.people.models import Pegawai, UnitKerja
from karier.plans.documents import tanggal
from karier.rules import SKM_ELEMENTS, SKM_SCALE

TOKEN_SALT = "karier.appraisal.skm.form"
MAKS_SARAN = 500
MAKS_PERIODE_ALAMAT_JAM = public_services.MAKS_TAUTAN_ALAMAT_JAM
MAKS_PERIODE_ALAMAT_HARI = public_services.MAKS_TAUTAN_ALAMAT_HARI

MSG_UNSUR = gettext_noop("Pilih salah satu jawaban 1 sampai 4 untuk unsur %(unsur)s.")
MSG_TUMPANG_TINDIH = gettext_noop(
    "Periode ini bertumpang tindih dengan periode SKM lain unit ini: %(nama)s (%(mulai)s – %(selesai)s)."
)
MSG_TIDAK_DIBUKA = gettext_noop("Survei ini sedang tidak dibuka.")
MSG_SUDAH = gettext_noop("Perangkat ini sudah mengisi survei ini hari ini. Terima kasih atas partisipasi Anda.")


# ---------------------------------------------------------------------------- form token
def form_token(periode: PeriodeSkm, now: float | None = None) -> str:
    """A signed token carrying the period's link and the time the form was shown (the short
    form's token, `public_services.form_token`, with the SKM's own salt)."""
    return public_services.form_token(periode, now, salt=TOKEN_SALT)


def check_form_token(value: str, periode: PeriodeSkm, now: float | None = None) -> None:
    """Refuse a forged, foreign, too fast or stale token (the short form's limits)."""
    public_services.check_form_token(value, periode, now, salt=TOKEN_SALT)


# ---------------------------------------------------------------------------- periods
def _allowed(actor: Actor, unit: UnitKerja) -> None:
    if not can_manage_skm(actor, unit):
        raise PermissionDenied(_("Anda tidak berwenang mengelola SKM unit ini."))


def _overlapping(unit_id: int, mulai: dt.date, selesai: dt.date, exclude: int | None = None) -> PeriodeSkm | None:
    qs = PeriodeSkm.objects.filter(unit_id=unit_id, mulai__lte=selesai, selesai__gte=mulai)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    return qs.order_by("mulai").first()


def _overlap_error(other: PeriodeSkm) -> ValidationError:
    return ValidationError(
        {
            "mulai": _(MSG_TUMPANG_TINDIH)
            % {"nama": other.nama, "mulai": tanggal(other.mulai), "selesai": tanggal(other.selesai)}
        },
        code="tumpang_tindih",
    )


def skm_periode_create(*, actor: Actor, unit: UnitKerja, nama: str, mulai: dt.date, selesai: dt.date) -> PeriodeSkm:
    """A new period (draft) of a unit; a period overlapping another of the same unit is refused.
    The unit's row is locked so that two parallel creations cannot both pass the check."""
    _allowed(actor, unit)
    nama = (nama or "").strip()
    errors: dict[str, str] = {}
    if not nama:
        errors["nama"] = _("Isi nama periode, misalnya “SKM Semester I 2026”.")
    elif len(nama) > 120:
        errors["nama"] = _("Nama periode paling banyak 120 karakter.")
    if not isinstance(mulai, dt.date) or not isinstance(selesai, dt.date):
        errors["mulai"] = _("Isi tanggal mulai dan selesai.")
    elif selesai < mulai:
        errors["selesai"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        UnitKerja.objects.select_for_update().filter(pk=unit.pk).first()
        other = _overlapping(unit.pk, mulai, selesai)
        if other is not None:
            raise _overlap_error(other)
        try:
            with transaction.atomic():
                periode = PeriodeSkm.objects.create(
                    unit=unit, nama=nama, mulai=mulai, selesai=selesai, token=secrets.token_urlsafe(16)
                )
        except IntegrityError as exc:  # PostgreSQL's exclusion constraint: a parallel twin won
            other = _overlapping(unit.pk, mulai, selesai)
            raise (_overlap_error(other) if other else ValidationError(_("Periode tidak dapat disimpan."))) from exc
        audit.record(
            actor=actor,
            action="skm_periode.buat",
            obj=periode,
            summary=f"Periode SKM {nama} untuk {unit}",
            changes={"mulai": [None, mulai.isoformat()], "selesai": [None, selesai.isoformat()]},
        )
    return periode


def _move(actor: Actor, periode: PeriodeSkm, status: StatusSkm) -> PeriodeSkm:
    _allowed(actor, periode.unit)
    with transaction.atomic():
        locked = PeriodeSkm.objects.select_for_update().get(pk=periode.pk)
        ensure_periode_move(locked.status, status)
        PeriodeSkm.objects.filter(pk=periode.pk).update(status=status)
        audit.record(
            actor=actor,
            action=f"skm_periode.{'buka' if status == StatusSkm.BUKA else 'tutup'}",
            obj=periode,
            summary=f"Periode SKM {periode.nama} {status.label.lower()}",
            changes={"status": [locked.status, status.value]},
        )
    periode.status = status
    return periode


def skm_periode_open(*, actor: Actor, periode: PeriodeSkm) -> PeriodeSkm:
    """Open a draft period: its public link and QR code start to accept responses."""
    return _move(actor, periode, StatusSkm.BUKA)


def skm_periode_close(*, actor: Actor, periode: PeriodeSkm) -> PeriodeSkm:
    """Close an open period for good: the link stops, the result is final, and the agency's IKM
    indicator of the year and the unit head's IKM realisations are filled (`loop.skm_fill_indicators`,
    `loop.skm_fill_rhk`, by Karier itself: whoever closes a unit's period may not be the one who edits
    the agency's indicators or the head's realisations), in one transaction. Because the IKM becomes
    the unit head's own realisation, only BKD admins may close a period before its end date
    (`selesai`); its managers may close it from that day on."""
    from karier.appraisal.public.skm.documents import skm_report_frozen
    from karier.appraisal.public.skm.loop import skm_fill_indicators, skm_fill_rhk
    from karier.appraisal.public.skm.selectors import hasil_periode

    _allowed(actor, periode.unit)
    if not may_close_now(actor, periode):
        # the result becomes the head's own realisation: no early close after a few good answers
        raise PermissionDenied(
            _(
                "Periode ini baru dapat ditutup mulai tanggal selesainya (%(selesai)s); "
                "menutup lebih awal hanya dapat dilakukan admin BKD."
            )
            % {"selesai": tanggal(periode.selesai)}
        )
    with transaction.atomic():
        periode = _move(actor, periode, StatusSkm.TUTUP)
        on = timezone.localdate()
        periode.ditutup_pada = on
        hasil = hasil_periode(periode)  # computed once: the frozen report and the head's realisation
        periode.dokumen = skm_report_frozen(hasil, on)  # the published report, fixed
        PeriodeSkm.objects.filter(pk=periode.pk).update(ditutup_pada=on, dokumen=periode.dokumen)
        skm_fill_indicators(actor=SYSTEM, periode=periode)
        skm_fill_rhk(actor=SYSTEM, periode=periode, ikm=hasil.ikm)
    return periode


# ---------------------------------------------------------------------------- the anonymous response
def clean_jawaban(jawaban: Mapping[str, Any]) -> tuple[dict[str, int], dict[str, str]]:
    """The nine answers as integers 1–4 (keys u1…u9) and one message per missing or bad element."""
    values: dict[str, int] = {}
    errors: dict[str, str] = {}
    for element, name in zip(SKM_ELEMENTS, UNSUR_FIELDS, strict=True):
        raw = jawaban.get(name)
        number: int | None = None
        if isinstance(raw, int) and not isinstance(raw, bool):
            number = raw
        elif isinstance(raw, str) and raw.strip().isdigit() and len(raw.strip()) < 3:
            number = int(raw.strip())
        if number not in SKM_SCALE:
            errors[name] = _(MSG_UNSUR) % {"unsur": f"{element.code} ({UnsurSkm(element.code).label})"}
        else:
            values[name] = number  # type: ignore[assignment]
    return values, errors


def clean_profil(profil: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """The optional anonymous profile: each field empty or one of its choices."""
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    for name, choices in PROFIL_FIELDS.items():
        raw = profil.get(name) or ""
        if not isinstance(raw, str) or (raw and raw not in choices.values):
            errors[name] = _("Pilihan tidak dikenal.")
        else:
            values[name] = raw
    return values, errors


def is_open(periode: PeriodeSkm, today: dt.date | None = None) -> bool:
    day = today or timezone.localdate()
    return periode.status == StatusSkm.BUKA and periode.mulai <= day <= periode.selesai


def check_alamat_limit(periode: PeriodeSkm, alamat: str | None, moment: dt.datetime) -> None:
    """The short form's address limits (all links per hour; this period per hour and per day)."""
    public_services.check_alamat_limit(alamat, moment)
    hour_ago = moment - dt.timedelta(hours=1)
    day_start = public_services._start_of_day(moment)
    c = ResponSkm.objects.filter(
        periode=periode, alamat_hash=public_services.alamat_key(alamat), dibuat_pada__gte=min(day_start, hour_ago)
    ).aggregate(
        jam=Count("pk", filter=Q(dibuat_pada__gte=hour_ago)),
        hari=Count("pk", filter=Q(dibuat_pada__gte=day_start)),
    )
    if c["jam"] >= MAKS_PERIODE_ALAMAT_JAM or c["hari"] >= MAKS_PERIODE_ALAMAT_HARI:
        raise public_services.TerlaluBanyak(_(public_services.MSG_BANJIR_TAUTAN), code="banjir")


def skm_respons_submit(
    *,
    periode: PeriodeSkm,
    jawaban: Mapping[str, Any],
    profil: Mapping[str, Any] | None = None,
    saran: str = "",
    perangkat_id: str | None,
    alamat: str | None,
    form_token: str | None = None,
    now: dt.datetime | None = None,
) -> ResponSkm:
    """Store one anonymous questionnaire, or refuse it writing nothing.

    Raises `ValidationError` keyed by field (one message per bad element: u1…u9), or with a code
    (closed period, used token, device already answered today), and `TerlaluBanyak` (HTTP 429).
    """
    moment = now or timezone.now()
    today = timezone.localtime(moment).date()
    if not is_open(periode, today):
        raise ValidationError(_(MSG_TIDAK_DIBUKA), code="tutup")
    values, errors = clean_jawaban(jawaban)
    profile, profile_errors = clean_profil(profil or {})
    errors.update(profile_errors)
    teks = (saran or "").strip() if isinstance(saran, str) else ""
    if len(teks) > MAKS_SARAN:
        errors["saran"] = _("Saran paling banyak %(n)d karakter.") % {"n": MAKS_SARAN}
    elif "\x00" in teks:
        errors["saran"] = _("Saran berisi karakter yang tidak diizinkan.")
    if errors:
        raise ValidationError(errors)
    perangkat_hash = public_services.keyed_hash("perangkat", perangkat_id) if perangkat_id else ""
    with transaction.atomic():
        locked = PeriodeSkm.objects.select_for_update().get(pk=periode.pk)
        if not is_open(locked, today):
            raise ValidationError(_(MSG_TIDAK_DIBUKA), code="tutup")
        if form_token is not None:  # used once, as on the short form
            public_services._use_token(form_token, periode, moment, salt=TOKEN_SALT)
        check_alamat_limit(periode, alamat, moment)
        try:
            with transaction.atomic():
                row = ResponSkm.objects.create(
                    periode=periode,
                    **values,
                    **profile,
                    saran=teks,
                    perangkat_hash=perangkat_hash,
                    alamat_hash=public_services.alamat_key(alamat),
                    hari=today,
                )
        except IntegrityError as exc:  # (period, device, day): already answered today
            raise ValidationError(_(MSG_SUDAH), code="sudah") from exc
        if now is not None:  # tests and the demo may date a response
            ResponSkm.objects.filter(pk=row.pk).update(dibuat_pada=now)
            row.dibuat_pada = now
        audit.record(
            actor=ANONYMOUS,
            action="skm_respons.kirim",
            obj=row,
            summary=f"Respons SKM periode {periode.pk}",
            changes={"periode": [None, periode.pk]},
        )
    return row


# ---------------------------------------------------------------------------- follow-up actions
def _clean_tindak_lanjut(
    unsur: str, tindakan: str, penanggung_jawab: str, pegawai: Pegawai | None, batas_waktu: Any
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if unsur not in UnsurSkm.values:
        errors["unsur"] = _("Pilih unsur yang ditindaklanjuti.")
    if not tindakan.strip():
        errors["tindakan"] = _("Tuliskan tindakan yang akan dilakukan.")
    elif len(tindakan) > 2000:
        errors["tindakan"] = _("Tindakan paling banyak 2000 karakter.")
    if not penanggung_jawab.strip() and pegawai is None:
        errors["penanggung_jawab"] = _("Isi penanggung jawab: nama/jabatan atau pilih pegawai.")
    elif len(penanggung_jawab) > 200:
        errors["penanggung_jawab"] = _("Penanggung jawab paling banyak 200 karakter.")
    if not isinstance(batas_waktu, dt.date):
        errors["batas_waktu"] = _("Isi batas waktu.")
    return errors


def skm_tindak_lanjut_add(
    *,
    actor: Actor,
    periode: PeriodeSkm,
    unsur: str,
    tindakan: str,
    penanggung_jawab: str = "",
    pegawai: Pegawai | None = None,
    batas_waktu: dt.date,
) -> TindakLanjutSkm:
    """A follow-up action on one element (usually one of the weakest)."""
    _allowed(actor, periode.unit)
    errors = _clean_tindak_lanjut(unsur, tindakan, penanggung_jawab, pegawai, batas_waktu)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        row = TindakLanjutSkm.objects.create(
            periode=periode,
            unsur=unsur,
            tindakan=tindakan.strip(),
            penanggung_jawab=penanggung_jawab.strip(),
            pegawai=pegawai,
            batas_waktu=batas_waktu,
        )
        audit.record(
            actor=actor,
            action="skm_tindak_lanjut.buat",
            obj=row,
            summary=f"Tindak lanjut SKM {unsur} periode {periode.pk}",
            changes={"status": [None, row.status]},
        )
    return row


def skm_tindak_lanjut_update(
    *,
    actor: Actor,
    tindak_lanjut: TindakLanjutSkm,
    status: str,
    tindakan: str | None = None,
    penanggung_jawab: str | None = None,
    batas_waktu: dt.date | None = None,
) -> TindakLanjutSkm:
    """Move a follow-up action's status along `workflow.TINDAK_LANJUT_TRANSITIONS` (and optionally
    reword it, reassign or re-date it). A finished action (SELESAI) never changes again."""
    _allowed(actor, tindak_lanjut.periode.unit)
    row = tindak_lanjut
    if status in StatusTindakLanjut.values:
        ensure_tindak_lanjut_move(row.status, status)
    new_tindakan = row.tindakan if tindakan is None else tindakan
    new_pj = row.penanggung_jawab if penanggung_jawab is None else penanggung_jawab
    new_batas = row.batas_waktu if batas_waktu is None else batas_waktu
    errors = _clean_tindak_lanjut(row.unsur, new_tindakan, new_pj, row.pegawai, new_batas)
    if status not in StatusTindakLanjut.values:
        errors["status"] = _("Pilih status tindak lanjut.")
    if errors:
        raise ValidationError(errors)
    new: dict[str, Any] = {"tindakan": new_tindakan, "penanggung_jawab": new_pj, "batas_waktu": new_batas}
    changes = {k: [str(getattr(row, k)), str(v)] for k, v in {**new, "status": status}.items() if getattr(row, k) != v}
    if not changes:
        return row
    with transaction.atomic():
        locked = TindakLanjutSkm.objects.select_for_update().get(pk=row.pk)
        ensure_tindak_lanjut_move(locked.status, status)  # a parallel change may have finished it
        TindakLanjutSkm.objects.filter(pk=row.pk).update(
            status=status,
            tindakan=new_tindakan,
            penanggung_jawab=new_pj,
            batas_waktu=new_batas,
            diubah_pada=timezone.now(),
        )
        audit.record(
            actor=actor,
            action="skm_tindak_lanjut.ubah",
            obj=row,
            summary=f"Tindak lanjut SKM {row.pk}",
            changes=changes,
        )
    row.status = status
    row.tindakan, row.penanggung_jawab, row.batas_waktu = new_tindakan, new_pj, new_batas
    return row
