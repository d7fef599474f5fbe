"""Writes to an agency's Renstra and its sasaran (each serving a sasaran of the same RPJMD).

A Renstra is its agency's: the head of that agency or a BKD admin (`access.require_opd_write`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from karier.core import audit
from karier.people.access import Actor
from karier.people.models import UnitKerja
from karier.standards import access
from karier.standards.models import PerjanjianKinerjaRow, Renstra, Rpjmd, SasaranRenstra, SasaranStrategis
from karier.standards.services.clean import (
    Errors,
    clean_tahun,
    delete_audited,
    given,
    refuse,
    refuse_unknown,
    save_changes,
    snapshot,
)
from karier.standards.services.indikator import rpjmd_id_of
from karier.standards.services.rpjmd import SASARAN_FIELDS, clean_sasaran


def check_opd(errors: Errors, opd: UnitKerja) -> None:
    """Renstra and agreements belong to an agency: a top-level unit."""
    if opd.parent_id is not None:
        errors["opd"] = "Pilih perangkat daerah (unit teratas), bukan bidang atau seksi."


def _check_period(errors: Errors, start: int | None, end: int | None, rpjmd: Rpjmd) -> None:
    if start is None or end is None:
        return
    if end < start:
        errors["tahun_selesai"] = "Tahun selesai tidak boleh sebelum tahun mulai."
    elif start < rpjmd.tahun_mulai or end > rpjmd.tahun_selesai:
        errors["tahun_mulai"] = (
            f"Periode Renstra harus di dalam periode RPJMD {rpjmd.tahun_mulai}–{rpjmd.tahun_selesai}."
        )


@transaction.atomic
def renstra_create(
    *, actor: Actor, opd: UnitKerja, rpjmd: Rpjmd, tahun_mulai: int | None = None, tahun_selesai: int | None = None
) -> Renstra:
    access.require_opd_write(actor, opd.pk)
    errors: Errors = {}
    check_opd(errors, opd)
    start = clean_tahun(
        errors, "tahun_mulai", tahun_mulai if tahun_mulai is not None else rpjmd.tahun_mulai, label="Tahun mulai"
    )
    end = clean_tahun(
        errors,
        "tahun_selesai",
        tahun_selesai if tahun_selesai is not None else rpjmd.tahun_selesai,
        label="Tahun selesai",
    )
    _check_period(errors, start, end, rpjmd)
    if Renstra.objects.filter(opd=opd, rpjmd=rpjmd).exists():
        errors["opd"] = "Perangkat daerah ini sudah mempunyai Renstra untuk RPJMD tersebut."
    refuse(errors)
    renstra = Renstra.objects.create(opd=opd, rpjmd=rpjmd, tahun_mulai=given(start), tahun_selesai=given(end))
    audit.record(actor=actor, action="renstra.create", obj=renstra, summary=str(renstra))
    return renstra


@transaction.atomic
def renstra_update(*, actor: Actor, renstra: Renstra, **changes: Any) -> Renstra:
    access.require_opd_write(actor, renstra.opd_id)
    refuse_unknown(changes, ("tahun_mulai", "tahun_selesai"))
    merged = {**snapshot(renstra, ("tahun_mulai", "tahun_selesai")), **changes}
    errors: Errors = {}
    start = clean_tahun(errors, "tahun_mulai", merged["tahun_mulai"], label="Tahun mulai")
    end = clean_tahun(errors, "tahun_selesai", merged["tahun_selesai"], label="Tahun selesai")
    _check_period(errors, start, end, renstra.rpjmd)
    refuse(errors)
    save_changes(
        actor=actor,
        obj=renstra,
        after={"tahun_mulai": start, "tahun_selesai": end},
        action="renstra.update",
        summary=str(renstra),
    )
    return renstra


# ---------------------------------------------------------------------------- sasaran Renstra
def _check_sasaran_rpjmd(errors: Errors, renstra: Renstra, sasaran_rpjmd: Any) -> None:
    if not isinstance(sasaran_rpjmd, SasaranStrategis):
        errors["sasaran_rpjmd"] = "Pilih sasaran RPJMD yang didukung."
    elif rpjmd_id_of(sasaran_rpjmd) != renstra.rpjmd_id:
        errors["sasaran_rpjmd"] = "Sasaran RPJMD harus berasal dari RPJMD yang sama dengan Renstra ini."


def _clean_with(errors: Errors, data: dict[str, Any]) -> dict[str, Any]:
    """`clean_sasaran`, its problems added to `errors` (so one refusal names them all)."""
    try:
        return clean_sasaran(data, "Sasaran")
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
        return {}


def _opd_id_of(sasaran: SasaranRenstra) -> int:
    return Renstra.objects.filter(pk=sasaran.renstra_id).values_list("opd_id", flat=True).get()


@transaction.atomic
def sasaran_renstra_create(
    *,
    actor: Actor,
    renstra: Renstra,
    sasaran_rpjmd: SasaranStrategis,
    nomor: int,
    teks: str,
    penjelasan: str = "",
    contoh: str = "",
) -> SasaranRenstra:
    access.require_opd_write(actor, renstra.opd_id)
    errors: Errors = {}
    _check_sasaran_rpjmd(errors, renstra, sasaran_rpjmd)
    data = _clean_with(errors, {"nomor": nomor, "teks": teks, "penjelasan": penjelasan, "contoh": contoh})
    refuse(errors)
    sasaran = SasaranRenstra.objects.create(renstra=renstra, sasaran_rpjmd=sasaran_rpjmd, **data)
    audit.record(actor=actor, action="sasaran_renstra.create", obj=sasaran, summary=sasaran.teks)
    return sasaran


@transaction.atomic
def sasaran_renstra_update(*, actor: Actor, sasaran: SasaranRenstra, **changes: Any) -> SasaranRenstra:
    access.require_opd_write(actor, _opd_id_of(sasaran))
    refuse_unknown(changes, (*SASARAN_FIELDS, "sasaran_rpjmd"))
    errors: Errors = {}
    link = changes.pop("sasaran_rpjmd", sasaran.sasaran_rpjmd)
    _check_sasaran_rpjmd(errors, sasaran.renstra, link)
    data = _clean_with(errors, {**snapshot(sasaran, SASARAN_FIELDS), **changes})
    refuse(errors)
    save_changes(
        actor=actor,
        obj=sasaran,
        after={**data, "sasaran_rpjmd": link},
        action="sasaran_renstra.update",
        summary=data["teks"],
    )
    return sasaran


@transaction.atomic
def sasaran_renstra_delete(*, actor: Actor, sasaran: SasaranRenstra) -> None:
    access.require_opd_write(actor, _opd_id_of(sasaran))
    used = PerjanjianKinerjaRow.objects.filter(sasaran=sasaran).count()
    block = f"Tidak dapat dihapus: dipakai di {used} baris perjanjian kinerja." if used else None
    delete_audited(actor=actor, obj=sasaran, action="sasaran_renstra.delete", blocked=block)
