"""Writes to the province's plan: the RPJMD and its misi → tujuan → sasaran strategis.

Only BKD admins (and Karier itself, `SYSTEM`) change the RPJMD: every service here refuses anyone
else with `PermissionDenied(access.MSG_RPJMD)` before it reads its input.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from karier.core import audit
from karier.people.access import Actor
from karier.people.models import Instansi
from karier.standards import access
from karier.standards.models import Indikator, Misi, Rpjmd, SasaranRenstra, SasaranStrategis, Tujuan
from karier.standards.services.clean import (
    Errors,
    clean_nomor,
    clean_tahun,
    clean_text,
    delete_audited,
    explained,
    given,
    refuse,
    refuse_unknown,
    save_changes,
    snapshot,
)

RPJMD_FIELDS = ("tahun_mulai", "tahun_selesai", "visi", "dasar_hukum", "aktif")
SASARAN_FIELDS = ("nomor", "teks", "penjelasan", "contoh")

_MSG_LINKED = (
    "Tidak dapat dihapus: masih didukung oleh {n} sasaran/indikator perangkat daerah. "
    "Pindahkan atau hapus tautan itu lebih dahulu."
)


# ---------------------------------------------------------------------------- RPJMD
def _clean_rpjmd(data: Mapping[str, Any]) -> dict[str, Any]:
    errors: Errors = {}
    out: dict[str, Any] = {
        "tahun_mulai": clean_tahun(errors, "tahun_mulai", data.get("tahun_mulai"), label="Tahun mulai"),
        "tahun_selesai": clean_tahun(errors, "tahun_selesai", data.get("tahun_selesai"), label="Tahun selesai"),
        "visi": clean_text(errors, "visi", data.get("visi"), label="Visi", max_length=2000),
        "dasar_hukum": clean_text(
            errors, "dasar_hukum", data.get("dasar_hukum", ""), label="Dasar hukum", max_length=200, required=False
        ),
        "aktif": bool(data.get("aktif", True)),
    }
    start, end = out["tahun_mulai"], out["tahun_selesai"]
    if start is not None and end is not None and not 0 <= end - start <= 10:
        errors["tahun_selesai"] = "Tahun selesai harus sama dengan atau sesudah tahun mulai (paling lama 10 tahun)."
    refuse(errors)
    return out


@transaction.atomic
def rpjmd_create(
    *,
    actor: Actor,
    instansi: Instansi,
    tahun_mulai: int,
    tahun_selesai: int,
    visi: str,
    dasar_hukum: str = "",
    aktif: bool = True,
) -> Rpjmd:
    access.require_rpjmd_write(actor)
    data = _clean_rpjmd(
        {
            "tahun_mulai": tahun_mulai,
            "tahun_selesai": tahun_selesai,
            "visi": visi,
            "dasar_hukum": dasar_hukum,
            "aktif": aktif,
        }
    )
    if Rpjmd.objects.filter(instansi=instansi, tahun_mulai=data["tahun_mulai"]).exists():
        raise ValidationError({"tahun_mulai": _("RPJMD instansi ini untuk periode tersebut sudah ada.")})
    rpjmd = Rpjmd.objects.create(instansi=instansi, **data)
    audit.record(actor=actor, action="rpjmd.create", obj=rpjmd, summary=str(rpjmd))
    return rpjmd


@transaction.atomic
def rpjmd_update(*, actor: Actor, rpjmd: Rpjmd, **changes: Any) -> Rpjmd:
    access.require_rpjmd_write(actor)
    refuse_unknown(changes, RPJMD_FIELDS)
    data = _clean_rpjmd({**snapshot(rpjmd, RPJMD_FIELDS), **changes})
    save_changes(actor=actor, obj=rpjmd, after=data, action="rpjmd.update", summary=str(rpjmd))
    return rpjmd


# ---------------------------------------------------------------------------- misi and tujuan
def _numbered(merged: Mapping[str, Any], label: str) -> dict[str, Any]:
    errors: Errors = {}
    after = {
        "nomor": clean_nomor(errors, merged.get("nomor")),
        "teks": clean_text(errors, "teks", merged.get("teks"), label=label, max_length=2000),
    }
    refuse(errors)
    return after


@transaction.atomic
def misi_create(*, actor: Actor, rpjmd: Rpjmd, nomor: int, teks: str) -> Misi:
    access.require_rpjmd_write(actor)
    data = _numbered({"nomor": nomor, "teks": teks}, "Misi")
    misi = Misi.objects.create(rpjmd=rpjmd, nomor=given(data["nomor"]), teks=data["teks"])
    audit.record(actor=actor, action="misi.create", obj=misi, summary=data["teks"])
    return misi


@transaction.atomic
def misi_update(*, actor: Actor, misi: Misi, **changes: Any) -> Misi:
    access.require_rpjmd_write(actor)
    refuse_unknown(changes, ("nomor", "teks"))
    after = _numbered({**snapshot(misi, ("nomor", "teks")), **changes}, "Misi")
    save_changes(actor=actor, obj=misi, after=after, action="misi.update", summary=str(after["teks"]))
    return misi


def _sasaran_block(sasaran_qs: models.QuerySet[SasaranStrategis]) -> str | None:
    """Why province sasaran cannot go: agency sasaran or indicators still support them."""
    n = (
        SasaranRenstra.objects.filter(sasaran_rpjmd__in=sasaran_qs).count()
        + Indikator.objects.filter(induk__in=Indikator.objects.filter(sasaran__in=sasaran_qs)).count()
    )
    return _MSG_LINKED.format(n=n) if n else None


@transaction.atomic
def misi_delete(*, actor: Actor, misi: Misi) -> None:
    access.require_rpjmd_write(actor)
    block = _sasaran_block(SasaranStrategis.objects.filter(tujuan__misi=misi))
    delete_audited(actor=actor, obj=misi, action="misi.delete", blocked=block)


@transaction.atomic
def tujuan_create(*, actor: Actor, misi: Misi, nomor: int, teks: str) -> Tujuan:
    access.require_rpjmd_write(actor)
    data = _numbered({"nomor": nomor, "teks": teks}, "Tujuan")
    tujuan = Tujuan.objects.create(misi=misi, nomor=given(data["nomor"]), teks=data["teks"])
    audit.record(actor=actor, action="tujuan.create", obj=tujuan, summary=data["teks"])
    return tujuan


@transaction.atomic
def tujuan_update(*, actor: Actor, tujuan: Tujuan, **changes: Any) -> Tujuan:
    access.require_rpjmd_write(actor)
    refuse_unknown(changes, ("nomor", "teks"))
    after = _numbered({**snapshot(tujuan, ("nomor", "teks")), **changes}, "Tujuan")
    save_changes(actor=actor, obj=tujuan, after=after, action="tujuan.update", summary=str(after["teks"]))
    return tujuan


@transaction.atomic
def tujuan_delete(*, actor: Actor, tujuan: Tujuan) -> None:
    access.require_rpjmd_write(actor)
    block = _sasaran_block(SasaranStrategis.objects.filter(tujuan=tujuan))
    delete_audited(actor=actor, obj=tujuan, action="tujuan.delete", blocked=block)


# ---------------------------------------------------------------------------- sasaran strategis
def clean_sasaran(data: Mapping[str, Any], label: str) -> dict[str, Any]:
    """A numbered sasaran with its plain explanation (province and agency sasaran alike)."""
    errors: Errors = {}
    out = {
        "nomor": clean_nomor(errors, data.get("nomor")),
        "teks": clean_text(errors, "teks", data.get("teks"), label=label, max_length=2000),
        **explained(errors, data),
    }
    refuse(errors)
    return out


@transaction.atomic
def sasaran_create(
    *, actor: Actor, tujuan: Tujuan, nomor: int, teks: str, penjelasan: str = "", contoh: str = ""
) -> SasaranStrategis:
    access.require_rpjmd_write(actor)
    data = clean_sasaran(
        {"nomor": nomor, "teks": teks, "penjelasan": penjelasan, "contoh": contoh}, "Sasaran strategis"
    )
    sasaran = SasaranStrategis.objects.create(tujuan=tujuan, **data)
    audit.record(actor=actor, action="sasaran.create", obj=sasaran, summary=sasaran.teks)
    return sasaran


@transaction.atomic
def sasaran_update(*, actor: Actor, sasaran: SasaranStrategis, **changes: Any) -> SasaranStrategis:
    access.require_rpjmd_write(actor)
    refuse_unknown(changes, SASARAN_FIELDS)
    data = clean_sasaran({**snapshot(sasaran, SASARAN_FIELDS), **changes}, "Sasaran strategis")
    save_changes(actor=actor, obj=sasaran, after=data, action="sasaran.update", summary=data["teks"])
    return sasaran


@transaction.atomic
def sasaran_delete(*, actor: Actor, sasaran: SasaranStrategis) -> None:
    access.require_rpjmd_write(actor)
    block = _sasaran_block(SasaranStrategis.objects.filter(pk=sasaran.pk))
    delete_audited(actor=actor, obj=sasaran, action="sasaran.delete", blocked=block)
