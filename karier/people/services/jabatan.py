"""Writes to positions (jabatan): create one, move it under another superior."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from karier.core import audit
from karier.people.access import Actor, structure_changed
from karier.people.choices import JenisJabatan
from karier.people.models import Jabatan, UnitKerja
from karier.people.services.common import check_master_data


@dataclass(frozen=True)
class JabatanData:
    unit: UnitKerja
    nama: str
    jenis: str
    atasan: Jabatan | None = None
    adalah_kepala_unit: bool = False
    jenjang: str = ""
    kelas: int | None = None
    formasi: int = 1
    jabatan_fungsional_id: str | None = None
    eselon_id: str | None = None


def _validate_jabatan(data: JabatanData) -> None:
    errors: dict[str, str] = {}
    if not data.nama.strip():
        errors["nama"] = "Nama jabatan wajib diisi."
    if data.kelas is not None and not 1 <= data.kelas <= 17:
        errors["kelas"] = "Kelas jabatan harus antara 1 dan 17."
    if data.jenis == JenisJabatan.FUNGSIONAL and not data.jenjang:
        errors["jenjang"] = "Jabatan fungsional harus mempunyai jenjang."
    if data.jenis != JenisJabatan.FUNGSIONAL and data.jenjang:
        errors["jenjang"] = "Jenjang hanya untuk jabatan fungsional."
    if data.jenis in JenisJabatan.managerial() and data.formasi != 1:
        errors["formasi"] = "Jabatan manajerial hanya dapat dipangku oleh satu orang."
    if data.formasi < 1:
        errors["formasi"] = "Formasi minimal 1."
    if data.adalah_kepala_unit and data.jenis not in JenisJabatan.managerial():
        errors["adalah_kepala_unit"] = "Kepala unit harus jabatan manajerial (JPT, Administrator, Pengawas)."
    if data.adalah_kepala_unit:
        clash = Jabatan.objects.filter(unit=data.unit, adalah_kepala_unit=True).exists()
        if clash:
            errors["adalah_kepala_unit"] = f"Unit {data.unit.nama} sudah mempunyai jabatan kepala."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def jabatan_create(*, actor: Actor, data: JabatanData) -> Jabatan:
    check_master_data(actor)
    _validate_jabatan(data)
    jabatan = Jabatan.objects.create(
        unit=data.unit,
        nama=data.nama.strip(),
        jenis=data.jenis,
        atasan=data.atasan,
        adalah_kepala_unit=data.adalah_kepala_unit,
        jenjang=data.jenjang,
        kelas=data.kelas,
        formasi=data.formasi,
        jabatan_fungsional_id=data.jabatan_fungsional_id,
        eselon_id=data.eselon_id,
    )
    jabatan.path = f"{data.atasan.path if data.atasan else '/'}{jabatan.pk}/"
    jabatan.save(update_fields=["path"])
    audit.record(actor=actor, action="jabatan.create", obj=jabatan, summary=jabatan.nama)
    transaction.on_commit(structure_changed)
    return jabatan


@transaction.atomic
def jabatan_set_atasan(*, actor: Actor, jabatan: Jabatan, atasan: Jabatan | None) -> Jabatan:
    """Move a position under a new superior; the whole subtree's paths follow in one UPDATE.

    A superior that is the position itself or lies below it would make the chain loop.
    """
    check_master_data(actor)
    jabatan = Jabatan.objects.select_for_update().get(pk=jabatan.pk)
    if atasan is not None:
        atasan = Jabatan.objects.get(pk=atasan.pk)
        if atasan.pk == jabatan.pk or atasan.path.startswith(jabatan.path):
            raise ValidationError(
                {
                    "atasan": (
                        _("Jabatan %(atasan)s berada di bawah %(jabatan)s: rantai atasan akan berputar (melingkar).")
                        % {"atasan": atasan.nama, "jabatan": jabatan.nama}
                    )
                }
            )
    old_path = jabatan.path
    new_path = f"{atasan.path if atasan else '/'}{jabatan.pk}/"
    old_atasan = jabatan.atasan_id
    Jabatan.objects.filter(pk=jabatan.pk).update(atasan=atasan)
    if new_path != old_path:
        Jabatan.objects.filter(path__subtree=old_path).update(
            path=Concat(Value(new_path), Substr("path", len(old_path) + 1))
        )
    jabatan.refresh_from_db()
    audit.record(
        actor=actor,
        action="jabatan.set_atasan",
        obj=jabatan,
        changes={"atasan": [old_atasan, atasan.pk if atasan else None]},
    )
    transaction.on_commit(structure_changed)
    return jabatan
