"""Writes to the catalogue: activities, the competencies they develop, sessions, the JP default per
method and the yearly JP targets. BKD admins only; each write validates everything first, then
writes once inside a transaction with one audit event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.core import audit
from karier.core.numbers import baca_angka
from karier.development.catalogue.access import require_manage
from karier.development.catalogue.enrolment import promote_waiting
from karier.development.models import (
    JP_MAX,
    SIASN_JENIS_DIKLAT,
    JenisKegiatan,
    JpBawaanMetode,
    KegiatanKompetensi,
    KegiatanPengembangan,
    Kompetensi,
    MetodePengembangan,
    Penyelenggara,
    SesiKegiatan,
    TargetJp,
)
from karier.people.access import Actor
from karier.people.choices import JenisAsn

MAX_NAMA = 200
MAX_URAIAN = 4000
MAX_BIAYA = Decimal("1000000000000")


def parse_jp(value: object, key: str = "jp") -> Decimal:
    """A JP value (number or Indonesian text) in 0–200; ValidationError keyed `key` otherwise."""
    msg = _("JP harus berupa angka antara 0 dan 200 untuk satu kegiatan.")
    if isinstance(value, bool) or value is None or value == "":
        raise ValidationError({key: msg})
    try:
        number = baca_angka(value) if isinstance(value, str) else Decimal(str(value))
    except (ValueError, InvalidOperation):
        raise ValidationError({key: msg}) from None
    if not number.is_finite() or number < 0 or number > JP_MAX:
        raise ValidationError({key: msg})
    return number.quantize(Decimal("0.01"))


def jp_default(metode: str) -> Decimal | None:
    """The BKD's default JP for a method, or None when none is set (never a built-in conversion)."""
    return JpBawaanMetode.objects.filter(metode=metode).values_list("jp", flat=True).first()


@dataclass
class KegiatanData:
    kode: str
    nama: str
    jenis: str
    metode: str
    penyelenggara: str
    jp: object = None  # None: the method's default
    uraian: str = ""
    jenis_kursus_siasn: str = ""
    aktif: bool = True
    kompetensi: dict[int, int] = field(default_factory=dict)  # Kompetensi id → up to level


def _clean_kegiatan(data: KegiatanData, instance: KegiatanPengembangan | None) -> tuple[dict[str, Any], dict[int, int]]:
    errors: dict[str, str] = {}
    kode, nama = data.kode.strip(), data.nama.strip()
    if not kode or len(kode) > 30:
        errors["kode"] = _("Isi kode kegiatan (paling banyak 30 karakter).")
    elif KegiatanPengembangan.objects.filter(kode=kode).exclude(pk=instance.pk if instance else 0).exists():
        errors["kode"] = _("Kode kegiatan ini sudah dipakai kegiatan lain.")
    if not nama or len(nama) > MAX_NAMA:
        errors["nama"] = _("Isi nama kegiatan (paling banyak 200 karakter).")
    if len(data.uraian) > MAX_URAIAN:
        errors["uraian"] = _("Uraian paling banyak 4000 karakter.")
    if data.jenis not in JenisKegiatan.values:
        errors["jenis"] = _("Pilih jenis kompetensi: manajerial, teknis, fungsional atau sosial kultural.")
    if data.metode not in MetodePengembangan.values:
        errors["metode"] = _("Pilih metode pengembangan dari daftar.")
    if data.penyelenggara not in Penyelenggara.values:
        errors["penyelenggara"] = _("Pilih penyelenggara dari daftar.")
    if len(data.jenis_kursus_siasn) > 40:
        errors["jenis_kursus_siasn"] = _("Jenis kursus SIASN paling banyak 40 karakter.")
    jp: Decimal | None = None
    if data.jp is None or data.jp == "":
        if "metode" not in errors:
            jp = jp_default(data.metode)
            if jp is None:
                errors["jp"] = _(
                    "Metode ini belum punya JP bawaan; isi JP kegiatan (0–200) atau atur JP bawaan per metode."
                )
    else:
        try:
            jp = parse_jp(data.jp)
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
    levels: dict[int, int] = {}
    if data.kompetensi:
        known = set(Kompetensi.objects.filter(pk__in=list(data.kompetensi)).values_list("pk", flat=True))
        for kid, level in data.kompetensi.items():
            if kid not in known:
                errors["kompetensi"] = _("Kompetensi yang dipilih tidak dikenal.")
            elif isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
                errors["kompetensi"] = _("Level kompetensi harus antara 1 dan 5.")
            else:
                levels[kid] = level
    if errors:
        raise ValidationError(errors)
    values = {
        "kode": kode,
        "nama": nama,
        "uraian": data.uraian.strip(),
        "jenis": data.jenis,
        "metode": data.metode,
        "penyelenggara": data.penyelenggara,
        "jp": jp,
        "jenis_diklat_siasn": SIASN_JENIS_DIKLAT.get(data.metode, ""),
        "jenis_kursus_siasn": data.jenis_kursus_siasn.strip(),
        "aktif": bool(data.aktif),
    }
    return values, levels


def _set_levels(kegiatan: KegiatanPengembangan, levels: dict[int, int]) -> None:
    KegiatanKompetensi.objects.filter(kegiatan=kegiatan).exclude(kompetensi_id__in=list(levels)).delete()
    have = {k.kompetensi_id: k for k in KegiatanKompetensi.objects.filter(kegiatan=kegiatan)}
    new = []
    for kid, level in levels.items():
        if kid in have:
            if have[kid].sampai_level != level:
                KegiatanKompetensi.objects.filter(pk=have[kid].pk).update(sampai_level=level)
        else:
            new.append(KegiatanKompetensi(kegiatan=kegiatan, kompetensi_id=kid, sampai_level=level))
    KegiatanKompetensi.objects.bulk_create(new)


def kegiatan_create(*, actor: Actor, data: KegiatanData) -> KegiatanPengembangan:
    """Add an activity to the catalogue. JP left empty takes the method's default."""
    require_manage(actor)
    values, levels = _clean_kegiatan(data, None)
    with transaction.atomic():
        kegiatan = KegiatanPengembangan.objects.create(**values)
        _set_levels(kegiatan, levels)
        audit.record(
            actor=actor,
            action="pengembangan.kegiatan_buat",
            obj=kegiatan,
            summary=kegiatan.nama,
            changes=audit.diff({}, {**values, "kompetensi": levels}),
        )
    return kegiatan


def kegiatan_update(*, actor: Actor, kegiatan: KegiatanPengembangan, data: KegiatanData) -> KegiatanPengembangan:
    require_manage(actor)
    values, levels = _clean_kegiatan(data, kegiatan)
    with transaction.atomic():
        locked = KegiatanPengembangan.objects.select_for_update().get(pk=kegiatan.pk)
        before = {k: getattr(locked, k) for k in values}
        before["kompetensi"] = dict(
            KegiatanKompetensi.objects.filter(kegiatan=locked).values_list("kompetensi_id", "sampai_level")
        )
        for k, v in values.items():
            setattr(locked, k, v)
        locked.save()
        _set_levels(locked, levels)
        audit.record(
            actor=actor,
            action="pengembangan.kegiatan_ubah",
            obj=locked,
            summary=locked.nama,
            changes=audit.diff(before, {**values, "kompetensi": levels}),
        )
    return locked


@dataclass
class SesiData:
    mulai: dt.date | None
    selesai: dt.date | None
    kapasitas: object
    nama: str = ""
    tempat: str = ""
    tautan: str = ""
    biaya: object = 0


def _clean_sesi(data: SesiData, taken: int) -> dict[str, Any]:
    errors: dict[str, str] = {}
    if not isinstance(data.mulai, dt.date):
        errors["mulai"] = _("Isi tanggal mulai.")
    if not isinstance(data.selesai, dt.date):
        errors["selesai"] = _("Isi tanggal selesai.")
    elif isinstance(data.mulai, dt.date) and data.selesai < data.mulai:
        errors["selesai"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    kapasitas = data.kapasitas
    if isinstance(kapasitas, bool) or not isinstance(kapasitas, int) or not 1 <= kapasitas <= 10_000:
        errors["kapasitas"] = _("Kapasitas harus bilangan bulat 1–10.000.")
    elif kapasitas < taken:
        errors["kapasitas"] = _("Kapasitas tidak boleh kurang dari kursi yang sudah terisi (%(n)s).") % {"n": taken}
    try:
        biaya = baca_angka(data.biaya) if isinstance(data.biaya, str) else Decimal(str(data.biaya or 0))
        if isinstance(data.biaya, bool) or not biaya.is_finite() or biaya < 0 or biaya >= MAX_BIAYA:
            raise ValueError
    except (ValueError, InvalidOperation):
        errors["biaya"] = _("Biaya harus angka rupiah yang tidak negatif.")
        biaya = Decimal(0)
    tempat, tautan = data.tempat.strip(), data.tautan.strip()
    if not tempat and not tautan:
        errors["tempat"] = _("Isi tempat pelaksanaan atau tautan kegiatan daring.")
    if len(tempat) > 200:
        errors["tempat"] = _("Tempat paling banyak 200 karakter.")
    if tautan and (len(tautan) > 300 or not tautan.startswith(("https://", "http://"))):
        errors["tautan"] = _("Tautan harus alamat web lengkap (https://…).")
    if len(data.nama) > 120:
        errors["nama"] = _("Nama sesi paling banyak 120 karakter.")
    if errors:
        raise ValidationError(errors)
    return {
        "nama": data.nama.strip(),
        "mulai": data.mulai,
        "selesai": data.selesai,
        "kapasitas": kapasitas,
        "tempat": tempat,
        "tautan": tautan,
        "biaya": biaya.quantize(Decimal("0.01")),
    }


def sesi_create(*, actor: Actor, kegiatan: KegiatanPengembangan, data: SesiData) -> SesiKegiatan:
    require_manage(actor)
    values = _clean_sesi(data, 0)
    with transaction.atomic():
        sesi = SesiKegiatan.objects.create(kegiatan=kegiatan, **values)
        audit.record(
            actor=actor,
            action="pengembangan.sesi_buat",
            obj=sesi,
            summary=f"{kegiatan.nama} {values['mulai']}",
            changes=audit.diff({}, values),
        )
    return sesi


def sesi_update(*, actor: Actor, sesi: SesiKegiatan, data: SesiData) -> SesiKegiatan:
    require_manage(actor)
    with transaction.atomic():
        locked = SesiKegiatan.objects.select_for_update().get(pk=sesi.pk)
        values = _clean_sesi(data, locked.terisi)
        before = {k: getattr(locked, k) for k in values}
        # A larger capacity seats the first people waiting, as a cancelled seat does (not after the end).
        free = values["kapasitas"] - locked.terisi if values["selesai"] >= timezone.localdate() else 0
        moved = promote_waiting(locked, free)
        SesiKegiatan.objects.filter(pk=locked.pk).update(**values, terisi=locked.terisi + len(moved))
        changes = audit.diff(before, values)
        if moved:
            changes["naik_dari_daftar_tunggu"] = [None, [p.pk for p in moved]]
        audit.record(
            actor=actor,
            action="pengembangan.sesi_ubah",
            obj=locked,
            summary=f"{sesi.kegiatan.nama} {values['mulai']}",
            changes=changes,
        )
        locked.refresh_from_db()
    return locked


def jp_bawaan_set(*, actor: Actor, metode: str, jp: object) -> JpBawaanMetode:
    """Set the default JP of a method (used for activities whose JP is left empty)."""
    require_manage(actor)
    if metode not in MetodePengembangan.values:
        raise ValidationError({"metode": _("Pilih metode pengembangan dari daftar.")})
    value = parse_jp(jp)
    with transaction.atomic():
        row = JpBawaanMetode.objects.select_for_update().filter(metode=metode).first()
        before = {"jp": row.jp} if row else {}
        if row is None:
            row = JpBawaanMetode.objects.create(metode=metode, jp=value)
        else:
            row.jp = value
            row.save(update_fields=["jp", "diubah_pada"])
        audit.record(
            actor=actor,
            action="pengembangan.jp_bawaan",
            obj=row,
            summary=str(MetodePengembangan(metode).label),
            changes=audit.diff(before, {"jp": value}),
        )
    return row


def target_jp_set(*, actor: Actor, jenis_asn: str, target: object, batas: object = None) -> TargetJp:
    """Set the yearly JP target (and optional cap of counted JP) for PNS or PPPK."""
    require_manage(actor)
    if jenis_asn not in JenisAsn.values:
        raise ValidationError({"jenis_asn": _("Jenis ASN harus PNS atau PPPK.")})
    value = parse_jp(target, "target")
    cap = None if batas in (None, "") else parse_jp(batas, "batas")
    if cap is not None and cap < value:
        raise ValidationError({"batas": _("Batas JP yang dihitung tidak boleh kurang dari target.")})
    with transaction.atomic():
        row = TargetJp.objects.select_for_update().filter(jenis_asn=jenis_asn).first()
        before = {"target": row.target, "batas": row.batas} if row else {}
        if row is None:
            row = TargetJp.objects.create(jenis_asn=jenis_asn, target=value, batas=cap)
        else:
            row.target, row.batas = value, cap
            row.save(update_fields=["target", "batas", "diubah_pada"])
        audit.record(
            actor=actor,
            action="pengembangan.target_jp",
            obj=row,
            summary=jenis_asn,
            changes=audit.diff(before, {"target": value, "batas": cap}),
        )
    return row
