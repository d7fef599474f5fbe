"""Writes of the 9-box area (issue #12 item 4): disciplinary sanctions and talent rule set versions.

Each service checks who may act (a BKD admin; nobody about themselves), validates everything before
it writes (a refusal names its reason and writes nothing), owns its transaction and records one
audit event. A rule set is never edited: a change is a new version, and activating one deactivates
the other active rule set of the same scope (general, or one agency).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.core import audit
from karier.core.numbers import baca_angka
from karier.people.access import Actor
from karier.people.models import Pegawai, UnitKerja
from karier.talent.models import AturanTalenta, HukumanDisiplin
from karier.talent.models.ninebox import MetodeKinerja
from karier.talent.ninebox import access, jenis
from karier.talent.ninebox.ruleset import to_rules

MAX_SK = 80
MAX_KETERANGAN = 2000
OLDEST = dt.date(1950, 1, 1)
TMT_AHEAD_DAYS = 366  # a sanction may start up to a year after today (decreed now, effective later)


# ------------------------------------------------------------------------------------ sanctions
@dataclass(frozen=True)
class HukumanData:
    jenis: int | str | None
    nomor_sk: str
    tanggal_sk: dt.date | None
    tmt_mulai: dt.date | None
    tmt_selesai: dt.date | None = None
    keterangan: str = ""


def _hukuman_errors(data: HukumanData) -> tuple[dict[str, list[str]], str]:
    """Every reason to refuse the sanction (field → messages) and the level taken from its kind."""
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    kind = jenis.get(data.jenis)
    if kind is None:
        errors["jenis"] = [_("Pilih jenis hukuman dari daftar jenis hukuman SIASN.")]
    nomor = (data.nomor_sk or "").strip()
    if not nomor:
        errors["nomor_sk"] = [_("Nomor SK hukuman disiplin wajib diisi.")]
    elif len(nomor) > MAX_SK:
        errors["nomor_sk"] = [_("Nomor SK paling banyak %(n)s karakter.") % {"n": MAX_SK}]
    if data.tanggal_sk is None:
        errors["tanggal_sk"] = [_("Tanggal SK wajib diisi.")]
    elif data.tanggal_sk > today:
        errors["tanggal_sk"] = [_("Tanggal SK tidak boleh setelah hari ini.")]
    elif data.tanggal_sk < OLDEST:
        errors["tanggal_sk"] = [_("Tanggal SK tidak masuk akal.")]
    if data.tmt_mulai is None:
        errors["tmt_mulai"] = [_("TMT hukuman wajib diisi.")]
    elif data.tmt_mulai > today + dt.timedelta(days=TMT_AHEAD_DAYS):
        errors["tmt_mulai"] = [_("TMT hukuman paling lambat satu tahun setelah hari ini.")]
    elif data.tmt_mulai < OLDEST:
        errors["tmt_mulai"] = [_("TMT hukuman tidak masuk akal.")]
    if data.tmt_selesai is not None and data.tmt_mulai is not None and data.tmt_selesai < data.tmt_mulai:
        errors["tmt_selesai"] = [_("Akhir hukuman tidak boleh sebelum TMT hukuman.")]
    if len(data.keterangan or "") > MAX_KETERANGAN:
        errors["keterangan"] = [_("Keterangan paling banyak %(n)s karakter.") % {"n": MAX_KETERANGAN}]
    return errors, kind.tingkat if kind else ""


def _values(row: HukumanDisiplin) -> dict[str, Any]:
    return {
        "jenis": row.jenis,
        "tingkat": row.tingkat,
        "nomor_sk": row.nomor_sk,
        "tanggal_sk": row.tanggal_sk,
        "tmt_mulai": row.tmt_mulai,
        "tmt_selesai": row.tmt_selesai,
        "keterangan": row.keterangan,
    }


def hukuman_record(*, actor: Actor, pegawai: Pegawai, data: HukumanData) -> HukumanDisiplin:
    """Record a sanction with its decree; its level (R/S/B) comes from the SIASN kind."""
    access.require_hukuman_decision(actor, pegawai.pk)
    errors, tingkat = _hukuman_errors(data)
    if errors:
        raise ValidationError(errors)
    assert data.tanggal_sk is not None and data.tmt_mulai is not None and data.jenis is not None
    with transaction.atomic():
        row = HukumanDisiplin.objects.create(
            pegawai=pegawai,
            jenis=int(str(data.jenis)),
            tingkat=tingkat,
            nomor_sk=data.nomor_sk.strip(),
            tanggal_sk=data.tanggal_sk,
            tmt_mulai=data.tmt_mulai,
            tmt_selesai=data.tmt_selesai,
            keterangan=(data.keterangan or "").strip(),
            dicatat_oleh_id=actor.user_id,
        )
        audit.record(
            actor=actor,
            action="hukuman.record",
            obj=row,
            summary=f"{pegawai.nip} {jenis.nama(row.jenis)} ({row.tingkat}) SK {row.nomor_sk}",
            changes={k: [None, v] for k, v in _values(row).items()},
        )
    return row


def hukuman_update(*, actor: Actor, hukuman: HukumanDisiplin, data: HukumanData) -> HukumanDisiplin:
    """Correct a recorded sanction (same checks as recording; the level follows the kind again)."""
    access.require_hukuman_decision(actor, hukuman.pegawai_id)
    errors, tingkat = _hukuman_errors(data)
    if errors:
        raise ValidationError(errors)
    assert data.jenis is not None
    with transaction.atomic():
        row = HukumanDisiplin.objects.select_for_update().get(pk=hukuman.pk)
        before = _values(row)
        row.jenis = int(str(data.jenis))
        row.tingkat = tingkat
        row.nomor_sk = data.nomor_sk.strip()
        row.tanggal_sk = data.tanggal_sk  # type: ignore[assignment]
        row.tmt_mulai = data.tmt_mulai  # type: ignore[assignment]
        row.tmt_selesai = data.tmt_selesai
        row.keterangan = (data.keterangan or "").strip()
        row.save()
        after = _values(row)
        changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        audit.record(
            actor=actor,
            action="hukuman.update",
            obj=row,
            summary=f"{row.pegawai_id} SK {row.nomor_sk}",
            changes=changes,
        )
    return row


# ------------------------------------------------------------------------------------ rule sets
KOMPONEN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


@dataclass(frozen=True)
class AturanData:
    nama: str
    regulasi: str
    metode_kinerja: str
    batas_tinggi: Decimal | str | None
    batas_menengah: Decimal | str | None
    bobot: dict[str, Any] = field(default_factory=dict)
    tahun_hukuman: int | None = 2
    kesiapan_sekarang: Decimal | str | None = Decimal(100)
    kesiapan_1_2_tahun: Decimal | str | None = Decimal(75)
    berlaku_mulai: dt.date | None = None
    opd_id: int | None = None


def _decimal(value: object) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = baca_angka(value) if isinstance(value, str) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _percent(errors: dict[str, list[str]], name: str, value: object) -> Decimal | None:
    number = _decimal(value)
    if number is None:
        errors[name] = [_("Isi dengan angka 0 sampai 100.")]
    elif not Decimal(0) <= number <= Decimal(100):
        errors[name] = [_("Nilai harus antara 0 dan 100.")]
    else:
        return number.quantize(Decimal("0.01"))
    return None


def _aturan_errors(data: AturanData) -> tuple[dict[str, list[str]], dict[str, Any]]:
    """Every reason to refuse a rule set version, and the clean values."""
    errors: dict[str, list[str]] = {}
    clean: dict[str, Any] = {}
    for name, limit in (("nama", 150), ("regulasi", 120)):
        text = (getattr(data, name) or "").strip()
        if not text:
            errors[name] = [_("Wajib diisi.")]
        elif len(text) > limit:
            errors[name] = [_("Paling banyak %(n)s karakter.") % {"n": limit}]
        clean[name] = text
    if data.metode_kinerja not in MetodeKinerja.values:
        errors["metode_kinerja"] = [_("Pilih metode level kinerja dari daftar.")]
    clean["metode_kinerja"] = data.metode_kinerja
    tinggi = _percent(errors, "batas_tinggi", data.batas_tinggi)
    menengah = _percent(errors, "batas_menengah", data.batas_menengah)
    if tinggi is not None and menengah is not None and menengah >= tinggi:
        errors["batas_menengah"] = [_("Batas potensial Menengah harus lebih rendah daripada batas Tinggi.")]
    clean.update(batas_tinggi=tinggi, batas_menengah=menengah)
    bobot: dict[str, str] = {}
    if not isinstance(data.bobot, dict):
        errors["bobot"] = [_("Bobot harus berupa pasangan komponen dan angka.")]
    else:
        for name, value in data.bobot.items():
            number = _decimal(value)
            if not KOMPONEN.match(str(name)):
                errors["bobot"] = [_("Nama komponen hanya huruf kecil, angka dan garis bawah (contoh: rekam_jejak).")]
            elif number is None or number < 0 or number > 1000:
                errors["bobot"] = [_("Bobot komponen %(k)s harus angka 0 sampai 1000.") % {"k": name}]
            else:
                bobot[str(name)] = f"{number.normalize():f}"
        if bobot and "bobot" not in errors and sum(Decimal(v) for v in bobot.values()) <= 0:
            errors["bobot"] = [_("Jumlah bobot komponen potensial harus lebih dari 0.")]
    clean["bobot"] = bobot
    years = data.tahun_hukuman
    if isinstance(years, bool) or not isinstance(years, int) or not 0 <= years <= 10:
        errors["tahun_hukuman"] = [_("Masa pengecualian hukuman: 0 sampai 10 tahun.")]
    clean["tahun_hukuman"] = years
    sekarang = _percent(errors, "kesiapan_sekarang", data.kesiapan_sekarang)
    nanti = _percent(errors, "kesiapan_1_2_tahun", data.kesiapan_1_2_tahun)
    if sekarang is not None and nanti is not None and nanti > sekarang:
        errors["kesiapan_1_2_tahun"] = [_("Batas 'Siap 1–2 tahun' tidak boleh di atas batas 'Siap sekarang'.")]
    clean.update(kesiapan_sekarang=sekarang, kesiapan_1_2_tahun=nanti)
    if data.berlaku_mulai is None:
        errors["berlaku_mulai"] = [_("Tanggal berlaku wajib diisi.")]
    elif data.berlaku_mulai < OLDEST:
        errors["berlaku_mulai"] = [_("Tanggal berlaku tidak masuk akal.")]
    clean["berlaku_mulai"] = data.berlaku_mulai
    if data.opd_id is not None and not UnitKerja.objects.filter(pk=data.opd_id, jenis="OPD").exists():
        errors["opd"] = [_("Perangkat daerah tidak ditemukan.")]
    clean["opd_id"] = data.opd_id
    return errors, clean


def aturan_add_version(*, actor: Actor, dasar: AturanTalenta, data: AturanData) -> AturanTalenta:
    """Add a new version of a rule set (same code, next version number), inactive until activated.

    The existing versions stay as they are: the placements they produced keep pointing at them.
    """
    access.require_bkd(actor, _("Hanya admin BKD yang dapat mengubah aturan talenta."))
    errors, clean = _aturan_errors(data)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        list(AturanTalenta.objects.select_for_update().filter(kode=dasar.kode).values_list("pk", flat=True))
        versi = (AturanTalenta.objects.filter(kode=dasar.kode).aggregate(m=Max("versi"))["m"] or 0) + 1
        row = AturanTalenta.objects.create(
            kode=dasar.kode, versi=versi, aktif=False, dibuat_oleh_id=actor.user_id, **clean
        )
        audit.record(
            actor=actor,
            action="aturan_talenta.add_version",
            obj=row,
            summary=f"{row.kode} v{row.versi} ({row.regulasi})",
            changes={k: [None, v] for k, v in clean.items()},
        )
    return row


def aturan_activate(*, actor: Actor, aturan: AturanTalenta) -> AturanTalenta:
    """Make this version the active rule set of its scope (general, or its agency); the previously
    active one of that scope is deactivated. The next computation uses it."""
    access.require_bkd(actor, _("Hanya admin BKD yang dapat mengubah aturan talenta."))
    try:
        to_rules(aturan)
    except ValueError as exc:
        raise ValidationError({"aturan": [_("Aturan talenta ini tidak dapat dipakai: %(e)s") % {"e": exc}]}) from None
    with transaction.atomic():
        same_scope = AturanTalenta.objects.select_for_update().filter(opd_id=aturan.opd_id, aktif=True)
        before = list(same_scope.exclude(pk=aturan.pk).values_list("pk", flat=True))
        AturanTalenta.objects.filter(pk__in=before).update(aktif=False)
        AturanTalenta.objects.filter(pk=aturan.pk).update(aktif=True)
        aturan.aktif = True
        audit.record(
            actor=actor,
            action="aturan_talenta.activate",
            obj=aturan,
            summary=f"{aturan.kode} v{aturan.versi} aktif",
            changes={"aktif": [False, True], "dinonaktifkan": before},
        )
    return aturan
