"""Writes to an agency's yearly Perjanjian Kinerja: its rows (only while a draft), signing, and
reopening with a reason.

An agreement is its agency's: the head of that agency or a BKD admin (`access.require_opd_write`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.core import audit
from karier.people.access import Actor
from karier.people.models import UnitKerja
from karier.standards import access, documents, workflow
from karier.standards.choices import Perspektif
from karier.standards.models import Indikator, PerjanjianKinerja, PerjanjianKinerjaRow, Renstra, SasaranRenstra
from karier.standards.services.clean import (
    MAX_NOMOR,
    Errors,
    clean_choice,
    clean_decimal,
    clean_int,
    clean_tahun,
    clean_text,
    delete_audited,
    given,
    refuse,
    refuse_unknown,
    save_changes,
    snapshot,
)
from karier.standards.services.renstra import check_opd

_MSG_SIGNED = (
    "Perjanjian kinerja ini sudah ditandatangani sehingga tidak dapat diubah. "
    "Buka kembali dengan alasan untuk mengubahnya."
)
BARIS_FIELDS = ("urutan", "sasaran", "indikator", "target", "target_kualitatif", "perspektif")


@transaction.atomic
def perjanjian_create(*, actor: Actor, opd: UnitKerja, tahun: int) -> PerjanjianKinerja:
    access.require_opd_write(actor, opd.pk)
    errors: Errors = {}
    check_opd(errors, opd)
    year = clean_tahun(errors, "tahun", tahun, label="Tahun")
    if year is not None and PerjanjianKinerja.objects.filter(opd=opd, tahun=year).exists():
        errors["tahun"] = f"Perjanjian kinerja {opd.nama} tahun {year} sudah ada."
    refuse(errors)
    pk = PerjanjianKinerja.objects.create(opd=opd, tahun=given(year))
    audit.record(actor=actor, action="perjanjian.create", obj=pk, summary=str(pk))
    return pk


def _locked_for_update(perjanjian: PerjanjianKinerja) -> PerjanjianKinerja:
    fresh = PerjanjianKinerja.objects.select_for_update().get(pk=perjanjian.pk)
    if not workflow.editable(fresh.status):
        raise ValidationError({"__all__": _MSG_SIGNED})
    return fresh


# ---------------------------------------------------------------------------- rows
def _clean_baris(perjanjian: PerjanjianKinerja, data: Mapping[str, Any]) -> dict[str, Any]:
    errors: Errors = {}
    sasaran, indikator = data.get("sasaran"), data.get("indikator")
    if not isinstance(sasaran, SasaranRenstra):
        errors["sasaran"] = "Pilih sasaran Renstra."
    else:
        opd_id, start, end = (
            Renstra.objects.filter(pk=sasaran.renstra_id).values_list("opd_id", "tahun_mulai", "tahun_selesai").get()
        )
        if opd_id != perjanjian.opd_id:
            errors["sasaran"] = "Sasaran harus berasal dari Renstra perangkat daerah ini."
        elif not start <= perjanjian.tahun <= end:
            errors["sasaran"] = (
                f"Sasaran berasal dari Renstra {start}–{end}, yang tidak berlaku pada tahun {perjanjian.tahun}."
            )
    if not isinstance(indikator, Indikator):
        errors["indikator"] = "Pilih indikator."
    elif isinstance(sasaran, SasaranRenstra) and indikator.sasaran_renstra_id != sasaran.pk:
        errors["indikator"] = "Indikator harus indikator dari sasaran yang dipilih."
    target = clean_decimal(errors, "target", data.get("target"))
    kualitatif = clean_text(
        errors,
        "target_kualitatif",
        data.get("target_kualitatif", ""),
        label="Target (uraian)",
        max_length=300,
        required=False,
    )
    if target is None and not kualitatif and "target" not in errors:
        errors["target"] = "Isi target berupa angka atau uraian."
    out = {
        "urutan": clean_int(errors, "urutan", data.get("urutan", 1), label="Urutan", low=1, high=MAX_NOMOR),
        "sasaran": sasaran,
        "indikator": indikator,
        "target": target,
        "target_kualitatif": kualitatif,
        "perspektif": clean_choice(
            errors, "perspektif", data.get("perspektif", Perspektif.PENERIMA_LAYANAN), Perspektif, label="Perspektif"
        ),
    }
    refuse(errors)
    return out


@transaction.atomic
def perjanjian_baris_add(
    *,
    actor: Actor,
    perjanjian: PerjanjianKinerja,
    sasaran: SasaranRenstra | None,
    indikator: Indikator,
    target: Any = None,
    target_kualitatif: str = "",
    perspektif: str = Perspektif.PENERIMA_LAYANAN,
    urutan: int | None = None,
) -> PerjanjianKinerjaRow:
    access.require_opd_write(actor, perjanjian.opd_id)
    _locked_for_update(perjanjian)
    if urutan is None:
        urutan = (
            PerjanjianKinerjaRow.objects.filter(perjanjian=perjanjian).aggregate(m=models.Max("urutan"))["m"] or 0
        ) + 1
    data = _clean_baris(
        perjanjian,
        {
            "sasaran": sasaran,
            "indikator": indikator,
            "target": target,
            "target_kualitatif": target_kualitatif,
            "perspektif": perspektif,
            "urutan": urutan,
        },
    )
    row = PerjanjianKinerjaRow.objects.create(perjanjian=perjanjian, **data)
    audit.record(actor=actor, action="perjanjian.row_add", obj=row, summary=f"{perjanjian}: {indikator.nama}")
    return row


@transaction.atomic
def perjanjian_baris_update(*, actor: Actor, row: PerjanjianKinerjaRow, **changes: Any) -> PerjanjianKinerjaRow:
    access.require_opd_write(actor, row.perjanjian.opd_id)
    refuse_unknown(changes, BARIS_FIELDS)
    _locked_for_update(row.perjanjian)
    data = _clean_baris(row.perjanjian, {**snapshot(row, BARIS_FIELDS), **changes})
    save_changes(actor=actor, obj=row, after=data, action="perjanjian.row_update", summary=str(row))
    return row


@transaction.atomic
def perjanjian_baris_delete(*, actor: Actor, row: PerjanjianKinerjaRow) -> None:
    access.require_opd_write(actor, row.perjanjian.opd_id)
    _locked_for_update(row.perjanjian)
    delete_audited(actor=actor, obj=row, action="perjanjian.row_delete", blocked=None)


# ---------------------------------------------------------------------------- signing
@transaction.atomic
def perjanjian_sign(
    *, actor: Actor, perjanjian: PerjanjianKinerja, tanggal: dt.date | None = None
) -> PerjanjianKinerja:
    access.require_opd_write(actor, perjanjian.opd_id)
    fresh = PerjanjianKinerja.objects.select_for_update().get(pk=perjanjian.pk)
    target = workflow.next_status(fresh.status, workflow.SIGN)
    if target is None:
        raise ValidationError({"status": _("Perjanjian kinerja ini sudah ditandatangani.")})
    if not fresh.rows.exists():
        raise ValidationError({"__all__": _("Tambahkan minimal satu sasaran dan target sebelum ditandatangani.")})
    on = tanggal or timezone.localdate()
    if on.year < fresh.tahun - 1 or on.year > fresh.tahun:
        raise ValidationError(
            {
                "tanggal": _("Tanggal tanda tangan harus pada tahun %(tahun_lalu)s atau %(tahun)s.")
                % {"tahun_lalu": fresh.tahun - 1, "tahun": fresh.tahun}
            }
        )
    changes = {"status": [fresh.status, target], "ditandatangani_pada": [None, on]}
    fresh.status, fresh.ditandatangani_pada = target, on
    fresh.dokumen = documents.perjanjian_frozen(documents.perjanjian_document(fresh))  # fixed from now on
    fresh.save(update_fields=["status", "ditandatangani_pada", "dokumen"])
    audit.record(actor=actor, action="perjanjian.sign", obj=fresh, summary=str(fresh), changes=changes)
    perjanjian.status, perjanjian.ditandatangani_pada = fresh.status, fresh.ditandatangani_pada
    perjanjian.dokumen = fresh.dokumen
    return perjanjian


@transaction.atomic
def perjanjian_reopen(*, actor: Actor, perjanjian: PerjanjianKinerja, alasan: str) -> PerjanjianKinerja:
    access.require_opd_write(actor, perjanjian.opd_id)
    errors: Errors = {}
    reason = clean_text(errors, "alasan", alasan, label="Alasan membuka kembali", max_length=500)
    refuse(errors)
    fresh = PerjanjianKinerja.objects.select_for_update().get(pk=perjanjian.pk)
    target = workflow.next_status(fresh.status, workflow.REOPEN)
    if target is None:
        raise ValidationError(
            {"status": _("Hanya perjanjian kinerja yang sudah ditandatangani yang dapat dibuka kembali.")}
        )
    changes = {
        "status": [fresh.status, target],
        "ditandatangani_pada": [fresh.ditandatangani_pada, None],
        "alasan": [None, reason],
    }
    fresh.status, fresh.ditandatangani_pada, fresh.dokumen = target, None, None
    fresh.save(update_fields=["status", "ditandatangani_pada", "dokumen"])
    audit.record(actor=actor, action="perjanjian.reopen", obj=fresh, summary=f"{fresh}: {reason}", changes=changes)
    perjanjian.status, perjanjian.ditandatangani_pada, perjanjian.dokumen = fresh.status, None, None
    return perjanjian
