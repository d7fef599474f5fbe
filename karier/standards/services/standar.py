"""Writes to position standards: the header (summary and plain explanation), the expected results
(RHK templates with their indicator and default target), the BerAKHLAK expectations, and applying
one standard to many positions of the same kind.

Who may change a position's standard: a BKD admin, the head of its agency, or a superior of the
position (`access.require_standar_write`). Every service checks it before it reads its input.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from karier.core import audit
from karier.people.access import Actor
from karier.people.models import Jabatan
from karier.standards import access
from karier.standards.choices import Aspek, Dimensi
from karier.standards.models import Indikator, NilaiBerakhlak, StandarHasil, StandarJabatan, StandarPerilaku
from karier.standards.selectors import same_kind_q
from karier.standards.services.clean import (
    CHUNK,
    MAX_NOMOR,
    Errors,
    clean_choice,
    clean_int,
    clean_text,
    delete_audited,
    explained,
    refuse,
    refuse_unknown,
    save_changes,
    snapshot,
)
from karier.standards.validation import to_decimal, validate_target


@dataclass(frozen=True)
class HasilData:
    """One expected result (an RHK template with its indicator and default target)."""

    rhk: str
    indikator: str
    aspek: str = Aspek.KUANTITAS
    dimensi: str = Dimensi.PRODUKTIVITAS
    target_angka: Any = None
    satuan: str = ""
    target_kualitatif: str = ""
    penjelasan: str = ""
    contoh: str = ""
    urutan: int | None = None
    indikator_opd: Indikator | None = None


@dataclass(frozen=True)
class PerilakuData:
    """A position's specific expectation for one BerAKHLAK value (by the value's `kode`)."""

    nilai: str
    ekspektasi: str
    penjelasan: str = ""
    contoh: str = ""


HASIL_FIELDS = (
    "urutan",
    "dimensi",
    "rhk",
    "aspek",
    "indikator",
    "target_angka",
    "satuan",
    "target_kualitatif",
    "penjelasan",
    "contoh",
    "indikator_opd",
)


# ---------------------------------------------------------------------------- header
def _clean_header(errors: Errors, ringkasan: str, penjelasan: str, contoh: str) -> dict[str, str]:
    return {
        "ringkasan": clean_text(
            errors, "ringkasan", ringkasan, label="Ringkasan tugas", max_length=4000, required=False
        ),
        **explained(errors, {"penjelasan": penjelasan, "contoh": contoh}),
    }


def _header(*, actor: Actor, jabatan: Jabatan, data: dict[str, str] | None = None) -> StandarJabatan:
    """The position's standard, created (empty, or with `data`) when it has none; `data` replaces
    the header of an existing one."""
    standar = StandarJabatan.objects.select_for_update().filter(jabatan=jabatan).first()
    if standar is None:
        standar = StandarJabatan.objects.create(jabatan=jabatan, **(data or {}))
        audit.record(actor=actor, action="standar.create", obj=standar, summary=jabatan.nama)
    elif data is not None:
        save_changes(actor=actor, obj=standar, after=data, action="standar.update", summary=jabatan.nama)
    return standar


@transaction.atomic
def standar_jabatan_set(
    *,
    actor: Actor,
    jabatan: Jabatan,
    ringkasan: str = "",
    penjelasan: str = "",
    contoh: str = "",
    perilaku: Sequence[PerilakuData] | None = None,
) -> StandarJabatan:
    """Create or replace the header of a position's standard (summary and plain explanation) and,
    when `perilaku` is given, all its BerAKHLAK expectations with it: both, or nothing."""
    access.require_standar_write(actor, jabatan)
    errors: Errors = {}
    data = _clean_header(errors, ringkasan, penjelasan, contoh)
    rows = _clean_perilaku(errors, perilaku) if perilaku is not None else None
    refuse(errors)
    standar = _header(actor=actor, jabatan=jabatan, data=data)
    if rows is not None:
        _replace_perilaku(actor=actor, standar=standar, rows=rows)
    return standar


# ---------------------------------------------------------------------------- expected results
def standar_hasil_clean(data: Mapping[str, Any]) -> dict[str, Any]:
    """Validate one expected result; the target rule is `validation.validate_target`."""
    errors: Errors = {}
    out: dict[str, Any] = {
        "rhk": clean_text(errors, "rhk", data.get("rhk"), label="Rencana hasil kerja", max_length=2000),
        "indikator": clean_text(errors, "indikator", data.get("indikator"), label="Indikator", max_length=2000),
        "dimensi": clean_choice(errors, "dimensi", data.get("dimensi"), Dimensi, label="Dimensi"),
        "satuan": clean_text(errors, "satuan", data.get("satuan", ""), label="Satuan", max_length=40, required=False),
        "target_kualitatif": clean_text(
            errors,
            "target_kualitatif",
            data.get("target_kualitatif", ""),
            label="Target (uraian)",
            max_length=300,
            required=False,
        ),
        "urutan": clean_int(errors, "urutan", data.get("urutan"), label="Urutan", low=1, high=MAX_NOMOR),
        **explained(errors, data),
    }
    aspek = data.get("aspek")
    target_errors = validate_target(
        str(aspek or ""), data.get("target_angka"), out["target_kualitatif"], satuan=out["satuan"]
    )
    for k, v in target_errors.items():
        errors.setdefault(k, v)
    out["aspek"] = str(aspek)
    out["target_angka"] = (
        None if "target_angka" in target_errors or "aspek" in target_errors else to_decimal(data.get("target_angka"))
    )
    link = data.get("indikator_opd")
    if link is not None and not isinstance(link, Indikator):
        errors["indikator_opd"] = "Indikator yang didukung tidak dikenal."
    out["indikator_opd"] = link
    refuse(errors)
    return out


@transaction.atomic
def standar_hasil_add(*, actor: Actor, jabatan: Jabatan, data: HasilData) -> StandarHasil:
    """Add an expected result to the position's standard (the standard is created with its first
    result; a refused result leaves no empty standard behind)."""
    access.require_standar_write(actor, jabatan)
    raw = {f: getattr(data, f) for f in HASIL_FIELDS}
    existing = StandarJabatan.objects.filter(jabatan=jabatan).first()
    if raw["urutan"] is None:
        last = StandarHasil.objects.filter(standar=existing).aggregate(m=models.Max("urutan"))["m"] if existing else 0
        raw["urutan"] = (last or 0) + 1
    clean = standar_hasil_clean(raw)
    standar = _header(actor=actor, jabatan=jabatan)
    hasil = StandarHasil.objects.create(standar=standar, **clean)
    audit.record(
        actor=actor,
        action="standar.hasil_add",
        obj=hasil,
        summary=hasil.rhk,
        changes={k: [None, v] for k, v in clean.items() if v not in (None, "")},
    )
    return hasil


@transaction.atomic
def standar_hasil_update(*, actor: Actor, hasil: StandarHasil, **changes: Any) -> StandarHasil:
    access.require_standar_write(actor, hasil.standar.jabatan)
    refuse_unknown(changes, HASIL_FIELDS)
    clean = standar_hasil_clean({**snapshot(hasil, HASIL_FIELDS), **changes})
    save_changes(actor=actor, obj=hasil, after=clean, action="standar.hasil_update", summary=hasil.rhk)
    return hasil


@transaction.atomic
def standar_hasil_delete(*, actor: Actor, hasil: StandarHasil) -> None:
    access.require_standar_write(actor, hasil.standar.jabatan)
    delete_audited(actor=actor, obj=hasil, action="standar.hasil_delete", blocked=None)


# ---------------------------------------------------------------------------- BerAKHLAK expectations
def _clean_perilaku(errors: Errors, items: Sequence[PerilakuData]) -> list[dict[str, str]]:
    """The expectations to keep (blank ones dropped), problems keyed `perilaku.<i>.<field>`."""
    known = set(NilaiBerakhlak.objects.values_list("kode", flat=True))
    rows: list[dict[str, str]] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.nilai not in known:
            errors[f"perilaku.{i}.nilai"] = "Nilai BerAKHLAK tidak dikenal."
            continue
        if item.nilai in seen:
            errors[f"perilaku.{i}.nilai"] = "Setiap nilai BerAKHLAK hanya sekali."
            continue
        seen.add(item.nilai)
        sub: Errors = {}
        text = clean_text(sub, "ekspektasi", item.ekspektasi, label="Ekspektasi", max_length=2000, required=False)
        plain = explained(sub, {"penjelasan": item.penjelasan, "contoh": item.contoh})
        errors.update({f"perilaku.{i}.{k}": v for k, v in sub.items()})
        if text:
            rows.append({"nilai_id": item.nilai, "ekspektasi": text, **plain})
    return rows


def _replace_perilaku(*, actor: Actor, standar: StandarJabatan, rows: list[dict[str, str]]) -> list[StandarPerilaku]:
    before = {p.nilai_id: p.ekspektasi for p in StandarPerilaku.objects.filter(standar=standar)}
    StandarPerilaku.objects.filter(standar=standar).delete()
    created = StandarPerilaku.objects.bulk_create([StandarPerilaku(standar=standar, **r) for r in rows])
    after = {r["nilai_id"]: r["ekspektasi"] for r in rows}
    changes = audit.diff(before, after) | {k: [v, None] for k, v in before.items() if k not in after}
    if changes:
        audit.record(actor=actor, action="standar.perilaku_set", obj=standar, summary=str(standar), changes=changes)
    return created


@transaction.atomic
def standar_perilaku_set(*, actor: Actor, jabatan: Jabatan, items: Sequence[PerilakuData]) -> list[StandarPerilaku]:
    """Replace the position's BerAKHLAK expectations: values not listed (or left blank) have none.
    The standard is created if the position had none."""
    access.require_standar_write(actor, jabatan)
    errors: Errors = {}
    rows = _clean_perilaku(errors, items)
    refuse(errors)
    return _replace_perilaku(actor=actor, standar=_header(actor=actor, jabatan=jabatan), rows=rows)


# ---------------------------------------------------------------------------- apply to many positions
def _require_copy_write(actor: Actor, ids: list[int]) -> None:
    """The actor may change some standard, and the standard of every (existing) target position."""
    if not access.can_edit_any_standar(actor):
        raise PermissionDenied(access.MSG_JABATAN)
    if actor.is_admin:
        return
    editable = access.editable_jabatan_q(actor)
    for start in range(0, len(ids), CHUNK):
        if Jabatan.objects.filter(pk__in=ids[start : start + CHUNK]).exclude(editable).exists():
            raise PermissionDenied(access.MSG_JABATAN)


@transaction.atomic
def standar_copy(*, actor: Actor, jabatan: Jabatan, jabatan_ids: Sequence[int]) -> int:
    """Apply the standard of `jabatan` (header, expected results, behaviour expectations) to many
    positions of the same kind, replacing what they had. Set-based: a fixed number of queries per
    chunk of positions, whatever their number. Returns how many positions received the standard."""
    ids = sorted({int(i) for i in jabatan_ids})
    _require_copy_write(actor, ids)
    source = StandarJabatan.objects.filter(jabatan=jabatan).first()
    if source is None:
        raise ValidationError({"jabatan_id": _("Jabatan ini belum mempunyai standar untuk diterapkan.")})
    if not ids:
        raise ValidationError({"jabatan_ids": _("Pilih minimal satu jabatan tujuan.")})
    if jabatan.pk in ids:
        raise ValidationError({"jabatan_ids": _("Jabatan sumber tidak dapat menjadi tujuan.")})
    found = set(Jabatan.objects.filter(pk__in=ids).values_list("pk", flat=True))
    missing = [i for i in ids if i not in found]
    if missing:
        raise ValidationError(
            {"jabatan_ids": _("Jabatan tidak ditemukan: %(id)s.") % {"id": ", ".join(map(str, missing[:10]))}}
        )
    wrong = list(Jabatan.objects.filter(pk__in=ids).exclude(same_kind_q(jabatan)).values_list("nama", flat=True)[:5])
    if wrong:
        raise ValidationError(
            {
                "jabatan_ids": _(
                    "Standar hanya dapat diterapkan ke jabatan sejenis (%(jenis)s). Tidak sejenis: %(jabatan)s."
                )
                % {
                    "jenis": f"{jabatan.get_jenis_display()}{' ' + jabatan.jenjang if jabatan.jenjang else ''}",
                    "jabatan": "; ".join(wrong),
                }
            }
        )
    _copy_rows(source, ids)
    audit.record(
        actor=actor,
        action="standar.copy",
        obj=source,
        summary=f"{jabatan.nama} → {len(ids)} jabatan",
        changes={"jabatan_ids": [None, ids]},
    )
    return len(ids)


def _copy_rows(source: StandarJabatan, ids: list[int]) -> None:
    hasil = list(StandarHasil.objects.filter(standar=source).order_by("urutan", "id"))
    perilaku = list(StandarPerilaku.objects.filter(standar=source))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        StandarJabatan.objects.bulk_create(
            [
                StandarJabatan(
                    jabatan_id=j, ringkasan=source.ringkasan, penjelasan=source.penjelasan, contoh=source.contoh
                )
                for j in chunk
            ],
            update_conflicts=True,
            unique_fields=["jabatan"],
            update_fields=["ringkasan", "penjelasan", "contoh", "diperbarui_pada"],
        )
        standar_ids = dict(StandarJabatan.objects.filter(jabatan_id__in=chunk).values_list("jabatan_id", "pk"))
        StandarHasil.objects.filter(standar_id__in=standar_ids.values()).delete()
        StandarPerilaku.objects.filter(standar_id__in=standar_ids.values()).delete()
        StandarHasil.objects.bulk_create(
            [
                StandarHasil(
                    standar_id=sid,
                    **{f: getattr(h, f) for f in HASIL_FIELDS if f != "indikator_opd"},
                    indikator_opd_id=h.indikator_opd_id,
                )
                for sid in standar_ids.values()
                for h in hasil
            ],
            batch_size=CHUNK,
        )
        StandarPerilaku.objects.bulk_create(
            [
                StandarPerilaku(
                    standar_id=sid,
                    nilai_id=p.nilai_id,
                    ekspektasi=p.ekspektasi,
                    penjelasan=p.penjelasan,
                    contoh=p.contoh,
                )
                for sid in standar_ids.values()
                for p in perilaku
            ],
            batch_size=CHUNK,
        )
