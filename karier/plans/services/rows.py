"""Editing a plan's rows: results (RHK), indicators (IKI), the link to the superior's RHK, the
appraiser's behaviour expectations and the appendix. The owner edits while the plan is a draft or
returned; every edit re-checks under the plan's row lock."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from karier.core import audit
from karier.people.access import Actor
from karier.plans import access
from karier.plans.choices import JenisHasil, StatusSkp
from karier.plans.models import (
    EkspektasiPerilaku,
    IndikatorKinerjaIndividu,
    RencanaHasilKerja,
    Skp,
)
from karier.plans.services.common import MAX_SHORT, MAX_TEKS, _locked, _refuse_if_signed_evaluation, _year_open
from karier.plans.workflow import EDITABLE, Peran, status_label
from karier.standards.choices import Aspek, Dimensi, Perspektif
from karier.standards.validation import NotANumber, to_decimal, validate_target


# ---------------------------------------------------------------------------- rows
@dataclass(frozen=True)
class RhkData:
    teks: str
    jenis: str = JenisHasil.UTAMA
    dimensi: str = Dimensi.PRODUKTIVITAS
    perspektif: str = ""


@dataclass(frozen=True)
class IkiData:
    indikator: str
    aspek: str = Aspek.KUANTITAS
    target_angka: Decimal | str | int | float | None = None
    satuan: str = ""
    target_kualitatif: str = ""


def _owner_may_edit(actor: Actor, skp: Skp) -> Actor:
    if Peran.PEMILIK not in access.peran(actor, skp):
        raise PermissionDenied(_("Hanya pegawai pemilik SKP yang dapat mengubah isinya."))
    _year_open(skp.tahun, None)
    if skp.status not in EDITABLE:
        hint = (
            _("tunggu keputusan pejabat penilai")
            if skp.status == StatusSkp.DIAJUKAN
            else _("ajukan revisi bila perlu diubah")
        )
        raise ValidationError(
            _("SKP berstatus %(status)s tidak dapat diubah; %(hint)s.")
            % {"status": status_label(skp.status), "hint": hint}
        )
    return actor


def _lock_for_edit(actor: Actor, skp: Skp) -> Skp:
    """Inside the row edit's transaction: lock the plan row and check again, as `skp_submit` does, so an
    edit cannot commit after `skp_approve` has locked and frozen the plan."""
    locked = _locked(skp)
    _owner_may_edit(actor, locked)
    # A draft opened before its evaluation was signed still may not change what was signed (issue #8 §3).
    _refuse_if_signed_evaluation(locked, apa=_("Perubahan isi SKP"))
    return locked


MSG_REALISASI = gettext_noop(
    "%(apa)s ini sudah mempunyai realisasi pada evaluasi kinerja, jadi tidak dapat dihapus. "
    "Ubah isinya melalui revisi, atau biarkan dan tambahkan %(apa_kecil)s baru."
)


def _clean_rhk(data: RhkData) -> dict[str, Any]:
    errors: dict[str, str] = {}
    teks = (data.teks or "").strip()
    if not teks:
        errors["teks"] = "Rencana hasil kerja wajib diisi."
    elif len(teks) > MAX_TEKS:
        errors["teks"] = f"Rencana hasil kerja paling banyak {MAX_TEKS} karakter."
    if data.jenis not in JenisHasil.values:
        errors["jenis"] = "Pilih bagian: A. Utama atau B. Tambahan."
    if data.dimensi not in Dimensi.values:
        errors["dimensi"] = "Pilih dimensi: Produktivitas, Kompetensi atau Integritas."
    if data.perspektif and data.perspektif not in Perspektif.values:
        errors["perspektif"] = "Pilih perspektif: Penerima Layanan, Proses Bisnis, Penguatan Internal atau Anggaran."
    if errors:
        raise ValidationError(errors)
    return {"teks": teks, "jenis": data.jenis, "dimensi": data.dimensi, "perspektif": data.perspektif}


def _clean_iki(data: IkiData) -> dict[str, Any]:
    errors: dict[str, str] = {}
    indikator = (data.indikator or "").strip()
    if not indikator:
        errors["indikator"] = "Indikator kinerja individu wajib diisi."
    elif len(indikator) > MAX_TEKS:
        errors["indikator"] = f"Indikator paling banyak {MAX_TEKS} karakter."
    satuan = (data.satuan or "").strip()
    kualitatif = (data.target_kualitatif or "").strip()
    if len(satuan) > 40:
        errors["satuan"] = "Satuan paling banyak 40 karakter."
    if len(kualitatif) > MAX_SHORT:
        errors["target_kualitatif"] = f"Uraian target paling banyak {MAX_SHORT} karakter."
    target_errors = validate_target(data.aspek, data.target_angka, kualitatif)
    for k, v in target_errors.items():
        errors.setdefault(k, v)
    number: Decimal | None = None
    if "target_angka" not in errors and "aspek" not in errors:
        try:
            number = to_decimal(data.target_angka)
        except NotANumber as exc:  # pragma: no cover - validate_target has said so already
            errors["target_angka"] = exc.message
        if number is not None and number < 0:
            errors["target_angka"] = "Target tidak boleh negatif."
    if errors:
        raise ValidationError(errors)
    return {
        "aspek": data.aspek,
        "indikator": indikator,
        "target_angka": number,
        "satuan": satuan,
        "target_kualitatif": kualitatif,
    }


def _row_dict(obj: Any, fields: Iterable[str]) -> dict[str, Any]:
    return {f: getattr(obj, f) for f in fields}


def rhk_add(
    *, actor: Actor, skp: Skp, data: RhkData, iki: IkiData | None = None, rhk_atasan: RencanaHasilKerja | None = None
) -> RencanaHasilKerja:
    """Add a results row (optionally with its first indicator and the superior's RHK it supports)."""
    _owner_may_edit(actor, skp)
    clean = _clean_rhk(data)
    clean_iki = _clean_iki(iki) if iki is not None else None
    if rhk_atasan is not None:
        _check_atasan(skp, rhk_atasan)
    with transaction.atomic():
        _lock_for_edit(actor, skp)
        urutan = (skp.rhk.filter(jenis=clean["jenis"]).aggregate(m=Max("urutan"))["m"] or 0) + 1
        rhk = RencanaHasilKerja.objects.create(skp=skp, urutan=urutan, rhk_atasan=rhk_atasan, **clean)
        if clean_iki is not None:
            IndikatorKinerjaIndividu.objects.create(rhk=rhk, urutan=1, **clean_iki)
        audit.record(
            actor=actor,
            action="skp.rhk_add",
            obj=skp,
            summary=clean["teks"][:200],
            changes={"rhk": [None, clean["teks"]], **({"iki": [None, clean_iki["indikator"]]} if clean_iki else {})},
        )
    return rhk


def rhk_update(*, actor: Actor, rhk: RencanaHasilKerja, data: RhkData) -> RencanaHasilKerja:
    _owner_may_edit(actor, rhk.skp)
    clean = _clean_rhk(data)
    before = _row_dict(rhk, clean)
    with transaction.atomic():
        _lock_for_edit(actor, rhk.skp)
        if clean["jenis"] != rhk.jenis:
            clean["urutan"] = (rhk.skp.rhk.filter(jenis=clean["jenis"]).aggregate(m=Max("urutan"))["m"] or 0) + 1
        for k, v in clean.items():
            setattr(rhk, k, v)
        rhk.save()
        audit.record(
            actor=actor,
            action="skp.rhk_update",
            obj=rhk.skp,
            summary=rhk.teks[:200],
            changes=audit.diff(before, _row_dict(rhk, before)),
        )
    return rhk


def rhk_delete(*, actor: Actor, rhk: RencanaHasilKerja) -> None:
    skp = rhk.skp
    _owner_may_edit(actor, skp)
    if IndikatorKinerjaIndividu.objects.filter(rhk=rhk, realisasi__isnull=False).exists():
        raise ValidationError({"rhk": _(MSG_REALISASI) % {"apa": _("Rencana hasil kerja"), "apa_kecil": "RHK"}})
    with transaction.atomic():
        _lock_for_edit(actor, skp)
        teks = rhk.teks
        rhk.delete()
        audit.record(actor=actor, action="skp.rhk_delete", obj=skp, summary=teks[:200], changes={"rhk": [teks, None]})


def iki_add(*, actor: Actor, rhk: RencanaHasilKerja, data: IkiData) -> IndikatorKinerjaIndividu:
    _owner_may_edit(actor, rhk.skp)
    clean = _clean_iki(data)
    with transaction.atomic():
        _lock_for_edit(actor, rhk.skp)
        urutan = (rhk.iki.aggregate(m=Max("urutan"))["m"] or 0) + 1
        iki = IndikatorKinerjaIndividu.objects.create(rhk=rhk, urutan=urutan, **clean)
        audit.record(
            actor=actor,
            action="skp.iki_add",
            obj=rhk.skp,
            summary=clean["indikator"][:200],
            changes={"iki": [None, clean["indikator"]], "target_angka": [None, clean["target_angka"]]},
        )
    return iki


def iki_update(*, actor: Actor, iki: IndikatorKinerjaIndividu, data: IkiData) -> IndikatorKinerjaIndividu:
    skp = iki.rhk.skp
    _owner_may_edit(actor, skp)
    clean = _clean_iki(data)
    before = _row_dict(iki, clean)
    with transaction.atomic():
        _lock_for_edit(actor, skp)
        for k, v in clean.items():
            setattr(iki, k, v)
        iki.save()
        audit.record(
            actor=actor,
            action="skp.iki_update",
            obj=skp,
            summary=iki.indikator[:200],
            changes=audit.diff(before, _row_dict(iki, before)),
        )
    return iki


def iki_delete(*, actor: Actor, iki: IndikatorKinerjaIndividu) -> None:
    skp = iki.rhk.skp
    _owner_may_edit(actor, skp)
    if iki.realisasi.exists():
        raise ValidationError({"iki": _(MSG_REALISASI) % {"apa": _("Indikator"), "apa_kecil": _("indikator")}})
    with transaction.atomic():
        _lock_for_edit(actor, skp)
        teks = iki.indikator
        iki.delete()
        audit.record(actor=actor, action="skp.iki_delete", obj=skp, summary=teks[:200], changes={"iki": [teks, None]})


def _check_atasan(skp: Skp, rhk_atasan: RencanaHasilKerja) -> None:
    atasan_skp = rhk_atasan.skp
    if skp.penilai_id is None and skp.penilai_jabatan_id is None:
        raise ValidationError(
            {
                "rhk_atasan": _(
                    "SKP ini belum mempunyai pejabat penilai, jadi belum ada RHK atasan yang dapat diintervensi."
                )
            }
        )
    if atasan_skp.pk == skp.pk:
        raise ValidationError({"rhk_atasan": _("RHK tidak dapat mengintervensi RHK pada SKP yang sama.")})
    if atasan_skp.tahun_id != skp.tahun_id:
        raise ValidationError({"rhk_atasan": _("RHK atasan harus dari SKP tahun %(tahun)s.") % {"tahun": skp.tahun_id}})
    if not (atasan_skp.pegawai_id == skp.penilai_id or atasan_skp.jabatan_id == skp.penilai_jabatan_id):
        raise ValidationError(
            {"rhk_atasan": _("RHK yang dipilih bukan RHK pejabat penilai Anda. Pilih dari daftar RHK atasan.")}
        )


def rhk_link(*, actor: Actor, rhk: RencanaHasilKerja, rhk_atasan: RencanaHasilKerja | None) -> RencanaHasilKerja:
    """Name the superior's RHK this row supports (None unlinks). The superior's plan may still be a
    draft: links follow the superior's rows, not their approval."""
    skp = rhk.skp
    _owner_may_edit(actor, skp)
    if rhk_atasan is not None:
        _check_atasan(skp, rhk_atasan)
    old = rhk.rhk_atasan_id
    with transaction.atomic():
        _lock_for_edit(actor, skp)
        rhk.rhk_atasan = rhk_atasan
        rhk.save(update_fields=["rhk_atasan"])
        audit.record(
            actor=actor,
            action="skp.rhk_link",
            obj=skp,
            summary=rhk.teks[:200],
            changes={"rhk_atasan": [old, rhk_atasan.pk if rhk_atasan else None]},
        )
    return rhk


def ekspektasi_update(*, actor: Actor, ekspektasi: EkspektasiPerilaku, teks: str) -> EkspektasiPerilaku:
    """The appraiser's specific expectation for one BerAKHLAK value (until the plan is approved)."""
    skp = ekspektasi.skp
    if not access.can_edit_ekspektasi(actor, skp):
        if Peran.PENILAI not in access.peran(actor, skp):
            raise PermissionDenied(_("Hanya pejabat penilai yang menulis ekspektasi khusus pimpinan."))
        _year_open(skp.tahun, None)
        raise ValidationError(_("SKP sudah disetujui; ekspektasi diubah melalui revisi."))
    teks = (teks or "").strip()
    if len(teks) > MAX_TEKS:
        raise ValidationError({"ekspektasi_khusus": _("Paling banyak %(n)s karakter.") % {"n": MAX_TEKS}})
    old = ekspektasi.ekspektasi_khusus
    with transaction.atomic():
        locked = _locked(skp)
        if not access.can_edit_ekspektasi(actor, locked):  # re-checked under the plan's lock
            raise ValidationError(_("SKP sudah disetujui; ekspektasi diubah melalui revisi."))
        _refuse_if_signed_evaluation(locked, apa=_("Perubahan ekspektasi"))
        ekspektasi.ekspektasi_khusus = teks
        ekspektasi.save(update_fields=["ekspektasi_khusus"])
        audit.record(
            actor=actor,
            action="skp.ekspektasi",
            obj=skp,
            summary=ekspektasi.nilai_id,
            changes={"ekspektasi_khusus": [old, teks]},
        )
    return ekspektasi


LAMPIRAN = ("dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi")


def lampiran_update(*, actor: Actor, skp: Skp, **fields: str) -> Skp:
    """The appendix: resources, accountability scheme, consequences."""
    _owner_may_edit(actor, skp)
    unknown = set(fields) - set(LAMPIRAN)
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "Isian tidak dikenal."))
    clean = {k: (v or "").strip() for k, v in fields.items()}
    errors = {k: f"Paling banyak {MAX_TEKS * 2} karakter." for k, v in clean.items() if len(v) > MAX_TEKS * 2}
    if errors:
        raise ValidationError(errors)
    before = _row_dict(skp, clean)
    with transaction.atomic():
        _lock_for_edit(actor, skp)
        for k, v in clean.items():
            setattr(skp, k, v)
        skp.save(update_fields=[*clean, "diubah_pada"])
        audit.record(
            actor=actor, action="skp.lampiran", obj=skp, summary="Lampiran SKP", changes=audit.diff(before, clean)
        )
    return skp
