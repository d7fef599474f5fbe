"""Writes to performance indicators and their yearly values.

A province indicator (IKU, on a sasaran strategis) is the RPJMD's: BKD admins only. An agency
indicator (on a Renstra sasaran) is its agency's: the head of that agency or a BKD admin
(`access.require_indikator_write`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from karier.core import audit
from karier.people.access import Actor
from karier.standards import access
from karier.standards.choices import Arah
from karier.standards.models import Indikator, Misi, NilaiIndikator, Renstra, SasaranRenstra, SasaranStrategis
from karier.standards.services.clean import (
    Errors,
    clean_choice,
    clean_decimal,
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

INDIKATOR_FIELDS = (
    "kode",
    "nama",
    "satuan",
    "arah",
    "baseline",
    "baseline_tahun",
    "catatan_metode",
    "penjelasan",
    "contoh",
    "induk",
)


def rpjmd_id_of(level: SasaranStrategis | SasaranRenstra) -> int:
    """The RPJMD a province sasaran or an agency sasaran (through its Renstra) belongs to."""
    if isinstance(level, SasaranStrategis):
        return Misi.objects.filter(tujuan__sasaran=level).values_list("rpjmd_id", flat=True).get()
    return Renstra.objects.filter(pk=level.renstra_id).values_list("rpjmd_id", flat=True).get()


def _require_level_write(actor: Actor, sasaran_renstra: SasaranRenstra | None) -> None:
    if sasaran_renstra is None:
        access.require_rpjmd_write(actor)
    else:
        opd_id = Renstra.objects.filter(pk=sasaran_renstra.renstra_id).values_list("opd_id", flat=True).get()
        access.require_opd_write(actor, opd_id)


def _clean_indikator(
    data: Mapping[str, Any], *, level: SasaranStrategis | SasaranRenstra, self_id: int | None = None
) -> dict[str, Any]:
    errors: Errors = {}
    out: dict[str, Any] = {
        "kode": clean_text(errors, "kode", data.get("kode", ""), label="Kode", max_length=30, required=False),
        "nama": clean_text(errors, "nama", data.get("nama"), label="Nama indikator", max_length=300),
        "satuan": clean_text(errors, "satuan", data.get("satuan"), label="Satuan", max_length=40),
        "arah": clean_choice(errors, "arah", data.get("arah", Arah.NAIK), Arah, label="Arah"),
        "baseline": clean_decimal(errors, "baseline", data.get("baseline")),
        "baseline_tahun": clean_tahun(
            errors, "baseline_tahun", data.get("baseline_tahun"), label="Tahun baseline", required=False
        ),
        "catatan_metode": clean_text(
            errors,
            "catatan_metode",
            data.get("catatan_metode", ""),
            label="Catatan metode",
            max_length=4000,
            required=False,
        ),
        **explained(errors, data),
    }
    if out["baseline"] is not None and out["baseline_tahun"] is None and "baseline_tahun" not in errors:
        errors["baseline_tahun"] = "Sebutkan tahun nilai dasar (baseline)."
    induk = data.get("induk")
    if induk is not None:
        if not isinstance(induk, Indikator):
            errors["induk"] = "Indikator induk tidak dikenal."
        elif isinstance(level, SasaranStrategis):
            errors["induk"] = "Indikator provinsi tidak mempunyai indikator induk."
        elif induk.sasaran is None:
            errors["induk"] = "Indikator induk harus indikator kinerja utama provinsi (RPJMD)."
        elif self_id is not None and induk.pk == self_id:
            errors["induk"] = "Indikator tidak dapat mendukung dirinya sendiri."
        elif rpjmd_id_of(induk.sasaran) != rpjmd_id_of(level):
            errors["induk"] = "Indikator induk harus berasal dari RPJMD yang sama dengan Renstra ini."
    out["induk"] = induk if isinstance(induk, Indikator) else None
    refuse(errors)
    return out


@transaction.atomic
def indikator_create(
    *,
    actor: Actor,
    sasaran: SasaranStrategis | None = None,
    sasaran_renstra: SasaranRenstra | None = None,
    nama: str,
    satuan: str,
    arah: str = Arah.NAIK,
    kode: str = "",
    induk: Indikator | None = None,
    baseline: Any = None,
    baseline_tahun: int | None = None,
    catatan_metode: str = "",
    penjelasan: str = "",
    contoh: str = "",
) -> Indikator:
    """An IKU on a province sasaran, or an agency indicator on a Renstra sasaran (whose `induk`,
    if any, must be a province indicator of the same RPJMD)."""
    _require_level_write(actor, sasaran_renstra)
    if (sasaran is None) == (sasaran_renstra is None):
        raise ValidationError({"sasaran": _("Pilih tepat satu: sasaran RPJMD atau sasaran Renstra.")})
    level: SasaranStrategis | SasaranRenstra = sasaran if sasaran is not None else sasaran_renstra  # type: ignore[assignment]
    data = _clean_indikator(
        {
            "kode": kode,
            "nama": nama,
            "satuan": satuan,
            "arah": arah,
            "baseline": baseline,
            "baseline_tahun": baseline_tahun,
            "catatan_metode": catatan_metode,
            "penjelasan": penjelasan,
            "contoh": contoh,
            "induk": induk,
        },
        level=level,
    )
    indikator = Indikator.objects.create(sasaran=sasaran, sasaran_renstra=sasaran_renstra, **data)
    audit.record(actor=actor, action="indikator.create", obj=indikator, summary=indikator.nama)
    return indikator


@transaction.atomic
def indikator_update(*, actor: Actor, indikator: Indikator, **changes: Any) -> Indikator:
    access.require_indikator_write(actor, indikator)
    refuse_unknown(changes, INDIKATOR_FIELDS)
    level: SasaranStrategis | SasaranRenstra = (
        indikator.sasaran if indikator.sasaran_id is not None else indikator.sasaran_renstra  # type: ignore[assignment]
    )
    current = snapshot(indikator, INDIKATOR_FIELDS)
    data = _clean_indikator({**current, **changes}, level=level, self_id=indikator.pk)
    save_changes(actor=actor, obj=indikator, after=data, action="indikator.update", summary=indikator.nama)
    return indikator


# ---------------------------------------------------------------------------- yearly values
@transaction.atomic
def nilai_indikator_set(
    *,
    actor: Actor,
    indikator: Indikator,
    tahun: int,
    target: Any = None,
    realisasi: Any = None,
    metode: str = "",
    sumber: str = "",
) -> NilaiIndikator:
    """Set the target and actual of one year (created or replaced). `metode` names the series:
    values of different methods are never drawn as one line."""
    access.require_indikator_write(actor, indikator)
    errors: Errors = {}
    year = clean_tahun(errors, "tahun", tahun, label="Tahun")
    t = clean_decimal(errors, "target", target)
    r = clean_decimal(errors, "realisasi", realisasi)
    m = clean_text(errors, "metode", metode, label="Seri/metode", max_length=60, required=False)
    s = clean_text(errors, "sumber", sumber, label="Sumber", max_length=300, required=False)
    if t is None and r is None and "target" not in errors and "realisasi" not in errors:
        errors["target"] = "Isi target, realisasi, atau keduanya."
    refuse(errors)
    year = given(year)
    after = {"target": t, "realisasi": r, "metode": m, "sumber": s}
    row = NilaiIndikator.objects.select_for_update().filter(indikator=indikator, tahun=year).first()
    if row is None:
        row = NilaiIndikator.objects.create(indikator=indikator, tahun=year, **after)
        audit.record(
            actor=actor,
            action="indikator.nilai",
            obj=row,
            summary=f"{indikator.nama} {year}",
            changes={k: [None, v] for k, v in after.items() if v not in (None, "")},
        )
    else:
        save_changes(actor=actor, obj=row, after=after, action="indikator.nilai", summary=f"{indikator.nama} {year}")
    return row


@transaction.atomic
def nilai_indikator_delete(*, actor: Actor, nilai: NilaiIndikator) -> None:
    access.require_indikator_write(actor, nilai.indikator)
    delete_audited(actor=actor, obj=nilai, action="indikator.nilai_delete", blocked=None)
