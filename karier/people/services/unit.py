"""Writes to work units (unit kerja)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from karier.core import audit
from karier.people.access import Actor, structure_changed
from karier.people.choices import JenisUnit
from karier.people.models import Instansi, UnitKerja
from karier.people.services.common import check_master_data


def unit_create(
    *,
    actor: Actor,
    instansi: Instansi,
    nama: str,
    jenis: str,
    parent: UnitKerja | None = None,
    singkatan: str = "",
) -> UnitKerja:
    check_master_data(actor)
    if not nama.strip():
        raise ValidationError({"nama": _("Nama unit wajib diisi.")})
    if parent is not None and parent.instansi_id != instansi.pk:
        raise ValidationError({"parent": _("Unit induk harus berada di instansi yang sama.")})
    if parent is None and jenis != JenisUnit.OPD:
        raise ValidationError({"parent": _("Unit selain OPD harus mempunyai unit induk.")})
    with transaction.atomic():
        unit = UnitKerja.objects.create(
            instansi=instansi,
            parent=parent,
            nama=nama.strip(),
            jenis=jenis,
            singkatan=singkatan,
            depth=(parent.depth + 1) if parent else 0,
        )
        unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
        unit.opd_id = parent.opd_id if parent else unit.pk
        unit.save(update_fields=["path", "opd"])
        audit.record(actor=actor, action="unit.create", obj=unit, summary=unit.nama)
        transaction.on_commit(structure_changed)
    return unit
