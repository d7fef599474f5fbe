"""The JP ledger's writes outside the catalogue: self-development reported by the employee and
verified by their superior (nobody verifies themself). A verified report becomes one `CatatanJp` row.

The JP of a report is either typed (the certificate states it) or computed from the minutes spent
with `karier.rules.jp.jp_from_minutes` (1 JP = 45 minutes) — never re-implemented here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.core import audit
from karier.development.catalogue.access import require_verify
from karier.development.catalogue.files import checked_certificate, store_certificate
from karier.development.catalogue.services import parse_jp
from karier.development.jp.totals import jp_total_refresh
from karier.development.models import (
    JP_MAX,
    CatatanJp,
    MetodePengembangan,
    PengembanganMandiri,
    StatusMandiri,
    SumberJp,
)
from karier.people.access import Actor
from karier.people.models import Pegawai
from karier.rules.jp import jp_from_minutes

MAX_CATATAN = 2000


@dataclass
class MandiriData:
    judul: str
    metode: str
    penyelenggara: str
    mulai: dt.date | None
    selesai: dt.date | None
    jp: object = None
    menit: object = None


def _clean(data: MandiriData) -> dict[str, object]:
    errors: dict[str, str] = {}
    judul, penyelenggara = data.judul.strip(), data.penyelenggara.strip()
    if not judul or len(judul) > 200:
        errors["judul"] = _("Isi judul kegiatan (paling banyak 200 karakter).")
    if not penyelenggara or len(penyelenggara) > 200:
        errors["penyelenggara"] = _("Isi penyelenggara (paling banyak 200 karakter).")
    if data.metode not in MetodePengembangan.values:
        errors["metode"] = _("Pilih metode pengembangan dari daftar.")
    today = timezone.localdate()
    if not isinstance(data.mulai, dt.date):
        errors["mulai"] = _("Isi tanggal mulai.")
    if not isinstance(data.selesai, dt.date):
        errors["selesai"] = _("Isi tanggal selesai.")
    elif data.selesai > today:
        errors["selesai"] = _("Laporkan kegiatan setelah selesai; tanggal selesai tidak boleh di masa depan.")
    elif isinstance(data.mulai, dt.date) and data.selesai < data.mulai:
        errors["selesai"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    jp: Decimal | None = None
    if data.jp not in (None, ""):
        try:
            jp = parse_jp(data.jp)
        except ValidationError as exc:
            errors["jp"] = exc.message_dict["jp"][0]
    elif data.menit not in (None, ""):
        menit = data.menit
        if isinstance(menit, str) and menit.strip().isdigit():
            menit = int(menit.strip())
        if isinstance(menit, bool) or not isinstance(menit, int) or menit <= 0:
            errors["menit"] = _("Durasi harus bilangan bulat menit lebih dari 0.")
        else:
            jp = jp_from_minutes(menit).quantize(Decimal("0.01"))
            if jp > JP_MAX:
                errors["menit"] = _("JP harus berupa angka antara 0 dan 200 untuk satu kegiatan.")
    else:
        errors["jp"] = _("Isi JP dari sertifikat atau durasi kegiatan dalam menit (1 JP = 45 menit).")
    if errors:
        raise ValidationError(errors)
    return {
        "judul": judul,
        "penyelenggara": penyelenggara,
        "metode": data.metode,
        "mulai": data.mulai,
        "selesai": data.selesai,
        "jp": jp,
    }


def mandiri_report(*, actor: Actor, data: MandiriData, sertifikat: object = None) -> PengembanganMandiri:
    """The employee reports their own self-development (a MOOC, a seminar); the superior verifies."""
    if actor.pegawai_id is None or actor.is_auditor:
        raise PermissionDenied(_("Hanya pegawai yang dapat melaporkan pengembangan dirinya."))
    values = _clean(data)
    ext = checked_certificate(sertifikat) if sertifikat is not None else None
    stored = original = digest = ""
    if ext is not None:
        stored, original, digest = store_certificate(sertifikat, ext)
    try:
        with transaction.atomic():
            row = PengembanganMandiri.objects.create(
                pegawai_id=actor.pegawai_id,
                sertifikat=stored,
                sertifikat_nama=original,
                sertifikat_sha256=digest,
                **values,
            )
            audit.record(
                actor=actor,
                action="pengembangan.mandiri_lapor",
                obj=row,
                summary=f"{values['judul']} ({values['jp']} JP)",
                changes=audit.diff({}, values),
            )
    except BaseException:
        if stored:
            default_storage.delete(stored)
        raise
    return row


def mandiri_verify(
    *, actor: Actor, mandiri: PengembanganMandiri, setuju: bool, catatan: str = ""
) -> PengembanganMandiri:
    """The superior accepts (the JP enters the ledger) or refuses (with a note) a report."""
    pegawai = Pegawai.objects.get(pk=mandiri.pegawai_id)
    require_verify(actor, pegawai)
    text = (catatan or "").strip()
    if len(text) > MAX_CATATAN:
        raise ValidationError({"catatan": _("Catatan paling banyak 2000 karakter.")})
    if not setuju and not text:
        raise ValidationError({"catatan": _("Tulis alasan penolakan agar pegawai dapat memperbaikinya.")})
    with transaction.atomic():
        row = PengembanganMandiri.objects.select_for_update().get(pk=mandiri.pk)
        if row.status != StatusMandiri.DIAJUKAN:
            raise ValidationError({"status": _("Laporan ini sudah diputuskan.")})
        row.status = StatusMandiri.DIVERIFIKASI if setuju else StatusMandiri.DITOLAK
        row.catatan = text
        row.diverifikasi_oleh_id = actor.user_id
        row.save(update_fields=["status", "catatan", "diverifikasi_oleh"])
        if setuju:
            CatatanJp.objects.create(
                pegawai_id=row.pegawai_id,
                tahun=row.selesai.year,
                tanggal=row.selesai,
                jp=row.jp,
                sumber=SumberJp.MANDIRI,
                judul=row.judul,
                mandiri=row,
            )
            jp_total_refresh(row.pegawai_id, row.selesai.year)
        audit.record(
            actor=actor,
            action="pengembangan.mandiri_verifikasi",
            obj=row,
            summary=f"{row.judul}: {row.status}",
            changes={"status": [StatusMandiri.DIAJUKAN, row.status], "catatan": [None, text]},
        )
    return row
