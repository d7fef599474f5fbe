"""Every write to the standards: RPJMD → Renstra → Perjanjian Kinerja → position standards.

Each service validates everything first (messages in Bahasa Indonesia, keyed by field), then
writes in one transaction and records an audit event; bad input writes nothing. Who may call a
service is decided at the edge by `karier.standards.access` (like the people services).
`actor` is the signed-in user (None for commands and migrations).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from karier.core import audit
from karier.people.models import Instansi, Jabatan, UnitKerja
from karier.standards import workflow
from karier.standards.choices import Arah, Aspek, Dimensi, Perspektif
from karier.standards.models import (
    Indikator,
    Misi,
    NilaiBerakhlak,
    NilaiIndikator,
    PerjanjianKinerja,
    PerjanjianKinerjaRow,
    Renstra,
    Rpjmd,
    SasaranRenstra,
    SasaranStrategis,
    StandarHasil,
    StandarJabatan,
    StandarPerilaku,
    Tujuan,
)
from karier.standards.validation import NotANumber, to_decimal, validate_target

MIN_TAHUN = 1990
MAX_TAHUN = 2100
MAX_NOMOR = 999
CHUNK = 2000

Errors = dict[str, str]


# ---------------------------------------------------------------------------- small validators
def _clean_text(
    errors: Errors, field: str, value: Any, *, label: str, max_length: int | None = None, required: bool = True
) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if value is not None and not isinstance(value, str):
        errors[field] = f"{label} harus berupa teks."
    elif required and not text:
        errors[field] = f"{label} wajib diisi."
    elif max_length is not None and len(text) > max_length:
        errors[field] = f"{label} paling panjang {max_length} karakter."
    elif "\x00" in text:
        errors[field] = f"{label} memuat karakter yang tidak sah."
    return text


def _clean_int(
    errors: Errors, field: str, value: Any, *, label: str, low: int, high: int, required: bool = True
) -> int | None:
    if value is None or value == "":
        if required:
            errors[field] = f"{label} wajib diisi."
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        errors[field] = f"{label} harus berupa bilangan bulat."
        return None
    try:
        number = int(value)
    except ValueError:
        errors[field] = f"{label} harus berupa bilangan bulat."
        return None
    if not low <= number <= high:
        errors[field] = f"{label} harus antara {low} dan {high}."
        return None
    return number


def _clean_decimal(errors: Errors, field: str, value: Any) -> Decimal | None:
    try:
        return to_decimal(value)
    except NotANumber as exc:
        errors[field] = exc.message
        return None


def _clean_choice(errors: Errors, field: str, value: Any, choices: type[models.TextChoices], *, label: str) -> str:
    if value not in choices.values:
        names = ", ".join(str(lbl) for lbl in choices.labels)
        errors[field] = f"{label} tidak dikenal; pilih salah satu: {names}."
        return ""
    return str(value)


def _raise(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def _given(value: int | None) -> int:
    """A value `_clean_int` required and `_raise` has vouched for."""
    assert value is not None
    return value


def _unknown(changes: Mapping[str, Any], allowed: Iterable[str]) -> None:
    extra = sorted(set(changes) - set(allowed))
    if extra:
        raise ValidationError(dict.fromkeys(extra, "Kolom ini tidak dapat diubah."))


def _snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {f: getattr(obj, f) for f in fields}


def _save_changes(*, actor: Any, obj: models.Model, after: dict[str, Any], action: str, summary: str) -> None:
    before = _snapshot(obj, after)
    changed = audit.diff(before, after)
    if not changed:
        return
    for f, v in after.items():
        setattr(obj, f, v)
    obj.save(update_fields=list(changed))
    audit.record(actor=actor, action=action, obj=obj, summary=summary, changes=changed)


def _explained(errors: Errors, data: Mapping[str, Any]) -> dict[str, str]:
    return {
        "penjelasan": _clean_text(
            errors, "penjelasan", data.get("penjelasan", ""), label="Penjelasan", max_length=4000, required=False
        ),
        "contoh": _clean_text(
            errors, "contoh", data.get("contoh", ""), label="Contoh", max_length=4000, required=False
        ),
    }


# ---------------------------------------------------------------------------- RPJMD
RPJMD_FIELDS = ("tahun_mulai", "tahun_selesai", "visi", "dasar_hukum", "aktif")


def _clean_rpjmd(data: Mapping[str, Any]) -> dict[str, Any]:
    errors: Errors = {}
    out: dict[str, Any] = {
        "tahun_mulai": _clean_int(
            errors, "tahun_mulai", data.get("tahun_mulai"), label="Tahun mulai", low=MIN_TAHUN, high=MAX_TAHUN
        ),
        "tahun_selesai": _clean_int(
            errors, "tahun_selesai", data.get("tahun_selesai"), label="Tahun selesai", low=MIN_TAHUN, high=MAX_TAHUN
        ),
        "visi": _clean_text(errors, "visi", data.get("visi"), label="Visi", max_length=2000),
        "dasar_hukum": _clean_text(
            errors, "dasar_hukum", data.get("dasar_hukum", ""), label="Dasar hukum", max_length=200, required=False
        ),
        "aktif": bool(data.get("aktif", True)),
    }
    start, end = out["tahun_mulai"], out["tahun_selesai"]
    if start is not None and end is not None and not 0 <= end - start <= 10:
        errors["tahun_selesai"] = "Tahun selesai harus sama dengan atau sesudah tahun mulai (paling lama 10 tahun)."
    _raise(errors)
    return out


@transaction.atomic
def rpjmd_create(
    *,
    actor: Any,
    instansi: Instansi,
    tahun_mulai: int,
    tahun_selesai: int,
    visi: str,
    dasar_hukum: str = "",
    aktif: bool = True,
) -> Rpjmd:
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
        raise ValidationError({"tahun_mulai": "RPJMD instansi ini untuk periode tersebut sudah ada."})
    rpjmd = Rpjmd.objects.create(instansi=instansi, **data)
    audit.record(actor=actor, action="rpjmd.create", obj=rpjmd, summary=str(rpjmd))
    return rpjmd


@transaction.atomic
def rpjmd_update(*, actor: Any, rpjmd: Rpjmd, **changes: Any) -> Rpjmd:
    _unknown(changes, RPJMD_FIELDS)
    data = _clean_rpjmd({**_snapshot(rpjmd, RPJMD_FIELDS), **changes})
    _save_changes(actor=actor, obj=rpjmd, after=data, action="rpjmd.update", summary=str(rpjmd))
    return rpjmd


def _nomor(errors: Errors, value: Any) -> int | None:
    return _clean_int(errors, "nomor", value, label="Nomor", low=1, high=MAX_NOMOR)


@transaction.atomic
def misi_create(*, actor: Any, rpjmd: Rpjmd, nomor: int, teks: str) -> Misi:
    errors: Errors = {}
    n = _nomor(errors, nomor)
    t = _clean_text(errors, "teks", teks, label="Misi", max_length=2000)
    _raise(errors)
    misi = Misi.objects.create(rpjmd=rpjmd, nomor=_given(n), teks=t)
    audit.record(actor=actor, action="misi.create", obj=misi, summary=t)
    return misi


@transaction.atomic
def misi_update(*, actor: Any, misi: Misi, **changes: Any) -> Misi:
    _unknown(changes, ("nomor", "teks"))
    merged = {**_snapshot(misi, ("nomor", "teks")), **changes}
    errors: Errors = {}
    after = {
        "nomor": _nomor(errors, merged["nomor"]),
        "teks": _clean_text(errors, "teks", merged["teks"], label="Misi", max_length=2000),
    }
    _raise(errors)
    _save_changes(actor=actor, obj=misi, after=after, action="misi.update", summary=str(after["teks"]))
    return misi


def _delete(*, actor: Any, obj: models.Model, action: str, blocked: str | None) -> None:
    if blocked:
        raise ValidationError({"__all__": blocked})
    summary = str(obj)
    pk = obj.pk
    audit.record(actor=actor, action=action, obj=obj, summary=summary)
    obj.delete()
    obj.pk = pk


def _renstra_links(sasaran_qs: models.QuerySet[SasaranStrategis]) -> int:
    return SasaranRenstra.objects.filter(sasaran_rpjmd__in=sasaran_qs).count()


def _induk_links(indikator_qs: models.QuerySet[Indikator]) -> int:
    return Indikator.objects.filter(induk__in=indikator_qs).count()


_MSG_LINKED = (
    "Tidak dapat dihapus: masih didukung oleh {n} sasaran/indikator perangkat daerah. "
    "Pindahkan atau hapus tautan itu lebih dahulu."
)


def _sasaran_block(sasaran_qs: models.QuerySet[SasaranStrategis]) -> str | None:
    n = _renstra_links(sasaran_qs) + _induk_links(Indikator.objects.filter(sasaran__in=sasaran_qs))
    return _MSG_LINKED.format(n=n) if n else None


@transaction.atomic
def misi_delete(*, actor: Any, misi: Misi) -> None:
    block = _sasaran_block(SasaranStrategis.objects.filter(tujuan__misi=misi))
    _delete(actor=actor, obj=misi, action="misi.delete", blocked=block)


@transaction.atomic
def tujuan_create(*, actor: Any, misi: Misi, nomor: int, teks: str) -> Tujuan:
    errors: Errors = {}
    n = _nomor(errors, nomor)
    t = _clean_text(errors, "teks", teks, label="Tujuan", max_length=2000)
    _raise(errors)
    tujuan = Tujuan.objects.create(misi=misi, nomor=_given(n), teks=t)
    audit.record(actor=actor, action="tujuan.create", obj=tujuan, summary=t)
    return tujuan


@transaction.atomic
def tujuan_update(*, actor: Any, tujuan: Tujuan, **changes: Any) -> Tujuan:
    _unknown(changes, ("nomor", "teks"))
    merged = {**_snapshot(tujuan, ("nomor", "teks")), **changes}
    errors: Errors = {}
    after = {
        "nomor": _nomor(errors, merged["nomor"]),
        "teks": _clean_text(errors, "teks", merged["teks"], label="Tujuan", max_length=2000),
    }
    _raise(errors)
    _save_changes(actor=actor, obj=tujuan, after=after, action="tujuan.update", summary=str(after["teks"]))
    return tujuan


@transaction.atomic
def tujuan_delete(*, actor: Any, tujuan: Tujuan) -> None:
    block = _sasaran_block(SasaranStrategis.objects.filter(tujuan=tujuan))
    _delete(actor=actor, obj=tujuan, action="tujuan.delete", blocked=block)


SASARAN_FIELDS = ("nomor", "teks", "penjelasan", "contoh")


def _clean_sasaran(data: Mapping[str, Any], label: str) -> dict[str, Any]:
    errors: Errors = {}
    out = {
        "nomor": _nomor(errors, data.get("nomor")),
        "teks": _clean_text(errors, "teks", data.get("teks"), label=label, max_length=2000),
        **_explained(errors, data),
    }
    _raise(errors)
    return out


@transaction.atomic
def sasaran_create(
    *, actor: Any, tujuan: Tujuan, nomor: int, teks: str, penjelasan: str = "", contoh: str = ""
) -> SasaranStrategis:
    data = _clean_sasaran(
        {"nomor": nomor, "teks": teks, "penjelasan": penjelasan, "contoh": contoh}, "Sasaran strategis"
    )
    sasaran = SasaranStrategis.objects.create(tujuan=tujuan, **data)
    audit.record(actor=actor, action="sasaran.create", obj=sasaran, summary=sasaran.teks)
    return sasaran


@transaction.atomic
def sasaran_update(*, actor: Any, sasaran: SasaranStrategis, **changes: Any) -> SasaranStrategis:
    _unknown(changes, SASARAN_FIELDS)
    data = _clean_sasaran({**_snapshot(sasaran, SASARAN_FIELDS), **changes}, "Sasaran strategis")
    _save_changes(actor=actor, obj=sasaran, after=data, action="sasaran.update", summary=data["teks"])
    return sasaran


@transaction.atomic
def sasaran_delete(*, actor: Any, sasaran: SasaranStrategis) -> None:
    block = _sasaran_block(SasaranStrategis.objects.filter(pk=sasaran.pk))
    _delete(actor=actor, obj=sasaran, action="sasaran.delete", blocked=block)


# ---------------------------------------------------------------------------- indicators
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


def _rpjmd_id_of(indikator_level: SasaranStrategis | SasaranRenstra) -> int:
    if isinstance(indikator_level, SasaranStrategis):
        return Misi.objects.filter(tujuan__sasaran=indikator_level).values_list("rpjmd_id", flat=True).get()
    return Renstra.objects.filter(pk=indikator_level.renstra_id).values_list("rpjmd_id", flat=True).get()


def _clean_indikator(
    data: Mapping[str, Any], *, level: SasaranStrategis | SasaranRenstra, self_id: int | None = None
) -> dict[str, Any]:
    errors: Errors = {}
    out: dict[str, Any] = {
        "kode": _clean_text(errors, "kode", data.get("kode", ""), label="Kode", max_length=30, required=False),
        "nama": _clean_text(errors, "nama", data.get("nama"), label="Nama indikator", max_length=300),
        "satuan": _clean_text(errors, "satuan", data.get("satuan"), label="Satuan", max_length=40),
        "arah": _clean_choice(errors, "arah", data.get("arah", Arah.NAIK), Arah, label="Arah"),
        "baseline": _clean_decimal(errors, "baseline", data.get("baseline")),
        "baseline_tahun": _clean_int(
            errors,
            "baseline_tahun",
            data.get("baseline_tahun"),
            label="Tahun baseline",
            low=MIN_TAHUN,
            high=MAX_TAHUN,
            required=False,
        ),
        "catatan_metode": _clean_text(
            errors,
            "catatan_metode",
            data.get("catatan_metode", ""),
            label="Catatan metode",
            max_length=4000,
            required=False,
        ),
        **_explained(errors, data),
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
        elif _rpjmd_id_of(induk.sasaran) != _rpjmd_id_of(level):
            errors["induk"] = "Indikator induk harus berasal dari RPJMD yang sama dengan Renstra ini."
    out["induk"] = induk if isinstance(induk, Indikator) else None
    _raise(errors)
    return out


@transaction.atomic
def indikator_create(
    *,
    actor: Any,
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
    if (sasaran is None) == (sasaran_renstra is None):
        raise ValidationError({"sasaran": "Pilih tepat satu: sasaran RPJMD atau sasaran Renstra."})
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
def indikator_update(*, actor: Any, indikator: Indikator, **changes: Any) -> Indikator:
    _unknown(changes, INDIKATOR_FIELDS)
    level: SasaranStrategis | SasaranRenstra = (
        indikator.sasaran if indikator.sasaran_id is not None else indikator.sasaran_renstra  # type: ignore[assignment]
    )
    current = _snapshot(indikator, INDIKATOR_FIELDS)
    data = _clean_indikator({**current, **changes}, level=level, self_id=indikator.pk)
    _save_changes(actor=actor, obj=indikator, after=data, action="indikator.update", summary=indikator.nama)
    return indikator


@transaction.atomic
def nilai_indikator_set(
    *,
    actor: Any,
    indikator: Indikator,
    tahun: int,
    target: Any = None,
    realisasi: Any = None,
    metode: str = "",
    sumber: str = "",
) -> NilaiIndikator:
    """Set the target and actual of one year (created or replaced). `metode` names the series:
    values of different methods are never drawn as one line."""
    errors: Errors = {}
    year = _clean_int(errors, "tahun", tahun, label="Tahun", low=MIN_TAHUN, high=MAX_TAHUN)
    t = _clean_decimal(errors, "target", target)
    r = _clean_decimal(errors, "realisasi", realisasi)
    m = _clean_text(errors, "metode", metode, label="Seri/metode", max_length=60, required=False)
    s = _clean_text(errors, "sumber", sumber, label="Sumber", max_length=300, required=False)
    if t is None and r is None and "target" not in errors and "realisasi" not in errors:
        errors["target"] = "Isi target, realisasi, atau keduanya."
    _raise(errors)
    year = _given(year)
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
        _save_changes(actor=actor, obj=row, after=after, action="indikator.nilai", summary=f"{indikator.nama} {year}")
    return row


@transaction.atomic
def nilai_indikator_delete(*, actor: Any, nilai: NilaiIndikator) -> None:
    _delete(actor=actor, obj=nilai, action="indikator.nilai_delete", blocked=None)


# ---------------------------------------------------------------------------- Renstra
def _check_opd(errors: Errors, opd: UnitKerja) -> None:
    if opd.parent_id is not None:
        errors["opd"] = "Pilih perangkat daerah (unit teratas), bukan bidang atau seksi."


@transaction.atomic
def renstra_create(
    *, actor: Any, opd: UnitKerja, rpjmd: Rpjmd, tahun_mulai: int | None = None, tahun_selesai: int | None = None
) -> Renstra:
    errors: Errors = {}
    _check_opd(errors, opd)
    start = _clean_int(
        errors,
        "tahun_mulai",
        tahun_mulai if tahun_mulai is not None else rpjmd.tahun_mulai,
        label="Tahun mulai",
        low=MIN_TAHUN,
        high=MAX_TAHUN,
    )
    end = _clean_int(
        errors,
        "tahun_selesai",
        tahun_selesai if tahun_selesai is not None else rpjmd.tahun_selesai,
        label="Tahun selesai",
        low=MIN_TAHUN,
        high=MAX_TAHUN,
    )
    _check_period(errors, start, end, rpjmd)
    if Renstra.objects.filter(opd=opd, rpjmd=rpjmd).exists():
        errors["opd"] = "Perangkat daerah ini sudah mempunyai Renstra untuk RPJMD tersebut."
    _raise(errors)
    renstra = Renstra.objects.create(opd=opd, rpjmd=rpjmd, tahun_mulai=_given(start), tahun_selesai=_given(end))
    audit.record(actor=actor, action="renstra.create", obj=renstra, summary=str(renstra))
    return renstra


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
def renstra_update(*, actor: Any, renstra: Renstra, **changes: Any) -> Renstra:
    _unknown(changes, ("tahun_mulai", "tahun_selesai"))
    merged = {**_snapshot(renstra, ("tahun_mulai", "tahun_selesai")), **changes}
    errors: Errors = {}
    start = _clean_int(errors, "tahun_mulai", merged["tahun_mulai"], label="Tahun mulai", low=MIN_TAHUN, high=MAX_TAHUN)
    end = _clean_int(
        errors, "tahun_selesai", merged["tahun_selesai"], label="Tahun selesai", low=MIN_TAHUN, high=MAX_TAHUN
    )
    _check_period(errors, start, end, renstra.rpjmd)
    _raise(errors)
    _save_changes(
        actor=actor,
        obj=renstra,
        after={"tahun_mulai": start, "tahun_selesai": end},
        action="renstra.update",
        summary=str(renstra),
    )
    return renstra


def _check_sasaran_rpjmd(errors: Errors, renstra: Renstra, sasaran_rpjmd: Any) -> None:
    if not isinstance(sasaran_rpjmd, SasaranStrategis):
        errors["sasaran_rpjmd"] = "Pilih sasaran RPJMD yang didukung."
    elif _rpjmd_id_of(sasaran_rpjmd) != renstra.rpjmd_id:
        errors["sasaran_rpjmd"] = "Sasaran RPJMD harus berasal dari RPJMD yang sama dengan Renstra ini."


@transaction.atomic
def sasaran_renstra_create(
    *,
    actor: Any,
    renstra: Renstra,
    sasaran_rpjmd: SasaranStrategis,
    nomor: int,
    teks: str,
    penjelasan: str = "",
    contoh: str = "",
) -> SasaranRenstra:
    errors: Errors = {}
    _check_sasaran_rpjmd(errors, renstra, sasaran_rpjmd)
    try:
        data = _clean_sasaran({"nomor": nomor, "teks": teks, "penjelasan": penjelasan, "contoh": contoh}, "Sasaran")
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
        data = {}
    _raise(errors)
    sasaran = SasaranRenstra.objects.create(renstra=renstra, sasaran_rpjmd=sasaran_rpjmd, **data)
    audit.record(actor=actor, action="sasaran_renstra.create", obj=sasaran, summary=sasaran.teks)
    return sasaran


@transaction.atomic
def sasaran_renstra_update(*, actor: Any, sasaran: SasaranRenstra, **changes: Any) -> SasaranRenstra:
    _unknown(changes, (*SASARAN_FIELDS, "sasaran_rpjmd"))
    errors: Errors = {}
    link = changes.pop("sasaran_rpjmd", sasaran.sasaran_rpjmd)
    _check_sasaran_rpjmd(errors, sasaran.renstra, link)
    try:
        data = _clean_sasaran({**_snapshot(sasaran, SASARAN_FIELDS), **changes}, "Sasaran")
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
        data = {}
    _raise(errors)
    _save_changes(
        actor=actor,
        obj=sasaran,
        after={**data, "sasaran_rpjmd": link},
        action="sasaran_renstra.update",
        summary=data["teks"],
    )
    return sasaran


@transaction.atomic
def sasaran_renstra_delete(*, actor: Any, sasaran: SasaranRenstra) -> None:
    used = PerjanjianKinerjaRow.objects.filter(sasaran=sasaran).count()
    block = f"Tidak dapat dihapus: dipakai di {used} baris perjanjian kinerja." if used else None
    _delete(actor=actor, obj=sasaran, action="sasaran_renstra.delete", blocked=block)


# ---------------------------------------------------------------------------- Perjanjian Kinerja
_MSG_SIGNED = (
    "Perjanjian kinerja ini sudah ditandatangani sehingga tidak dapat diubah. "
    "Buka kembali dengan alasan untuk mengubahnya."
)


@transaction.atomic
def perjanjian_create(*, actor: Any, opd: UnitKerja, tahun: int) -> PerjanjianKinerja:
    errors: Errors = {}
    _check_opd(errors, opd)
    year = _clean_int(errors, "tahun", tahun, label="Tahun", low=MIN_TAHUN, high=MAX_TAHUN)
    if year is not None and PerjanjianKinerja.objects.filter(opd=opd, tahun=year).exists():
        errors["tahun"] = f"Perjanjian kinerja {opd.nama} tahun {year} sudah ada."
    _raise(errors)
    pk = PerjanjianKinerja.objects.create(opd=opd, tahun=_given(year))
    audit.record(actor=actor, action="perjanjian.create", obj=pk, summary=str(pk))
    return pk


def _locked_for_update(perjanjian: PerjanjianKinerja) -> PerjanjianKinerja:
    fresh = PerjanjianKinerja.objects.select_for_update().get(pk=perjanjian.pk)
    if not workflow.editable(fresh.status):
        raise ValidationError({"__all__": _MSG_SIGNED})
    return fresh


ROW_FIELDS = ("urutan", "sasaran", "indikator", "target", "target_kualitatif", "perspektif")


def _clean_row(perjanjian: PerjanjianKinerja, data: Mapping[str, Any]) -> dict[str, Any]:
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
    target = _clean_decimal(errors, "target", data.get("target"))
    kualitatif = _clean_text(
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
        "urutan": _clean_int(errors, "urutan", data.get("urutan", 1), label="Urutan", low=1, high=MAX_NOMOR),
        "sasaran": sasaran,
        "indikator": indikator,
        "target": target,
        "target_kualitatif": kualitatif,
        "perspektif": _clean_choice(
            errors, "perspektif", data.get("perspektif", Perspektif.PENERIMA_LAYANAN), Perspektif, label="Perspektif"
        ),
    }
    _raise(errors)
    return out


@transaction.atomic
def perjanjian_row_add(
    *,
    actor: Any,
    perjanjian: PerjanjianKinerja,
    sasaran: SasaranRenstra | None,
    indikator: Indikator,
    target: Any = None,
    target_kualitatif: str = "",
    perspektif: str = Perspektif.PENERIMA_LAYANAN,
    urutan: int | None = None,
) -> PerjanjianKinerjaRow:
    _locked_for_update(perjanjian)
    if urutan is None:
        urutan = (
            PerjanjianKinerjaRow.objects.filter(perjanjian=perjanjian).aggregate(m=models.Max("urutan"))["m"] or 0
        ) + 1
    data = _clean_row(
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
def perjanjian_row_update(*, actor: Any, row: PerjanjianKinerjaRow, **changes: Any) -> PerjanjianKinerjaRow:
    _unknown(changes, ROW_FIELDS)
    _locked_for_update(row.perjanjian)
    data = _clean_row(row.perjanjian, {**_snapshot(row, ROW_FIELDS), **changes})
    _save_changes(actor=actor, obj=row, after=data, action="perjanjian.row_update", summary=str(row))
    return row


@transaction.atomic
def perjanjian_row_delete(*, actor: Any, row: PerjanjianKinerjaRow) -> None:
    _locked_for_update(row.perjanjian)
    _delete(actor=actor, obj=row, action="perjanjian.row_delete", blocked=None)


@transaction.atomic
def perjanjian_sign(*, actor: Any, perjanjian: PerjanjianKinerja, tanggal: dt.date | None = None) -> PerjanjianKinerja:
    fresh = PerjanjianKinerja.objects.select_for_update().get(pk=perjanjian.pk)
    target = workflow.next_status(fresh.status, workflow.SIGN)
    if target is None:
        raise ValidationError({"status": "Perjanjian kinerja ini sudah ditandatangani."})
    if not fresh.rows.exists():
        raise ValidationError({"__all__": "Tambahkan minimal satu sasaran dan target sebelum ditandatangani."})
    on = tanggal or timezone.localdate()
    if on.year < fresh.tahun - 1 or on.year > fresh.tahun:
        raise ValidationError(
            {"tanggal": f"Tanggal tanda tangan harus pada tahun {fresh.tahun - 1} atau {fresh.tahun}."}
        )
    changes = {"status": [fresh.status, target], "ditandatangani_pada": [None, on]}
    fresh.status, fresh.ditandatangani_pada = target, on
    fresh.save(update_fields=["status", "ditandatangani_pada"])
    audit.record(actor=actor, action="perjanjian.sign", obj=fresh, summary=str(fresh), changes=changes)
    perjanjian.status, perjanjian.ditandatangani_pada = fresh.status, fresh.ditandatangani_pada
    return perjanjian


@transaction.atomic
def perjanjian_reopen(*, actor: Any, perjanjian: PerjanjianKinerja, alasan: str) -> PerjanjianKinerja:
    errors: Errors = {}
    reason = _clean_text(errors, "alasan", alasan, label="Alasan membuka kembali", max_length=500)
    _raise(errors)
    fresh = PerjanjianKinerja.objects.select_for_update().get(pk=perjanjian.pk)
    target = workflow.next_status(fresh.status, workflow.REOPEN)
    if target is None:
        raise ValidationError(
            {"status": "Hanya perjanjian kinerja yang sudah ditandatangani yang dapat dibuka kembali."}
        )
    changes = {
        "status": [fresh.status, target],
        "ditandatangani_pada": [fresh.ditandatangani_pada, None],
        "alasan": [None, reason],
    }
    fresh.status, fresh.ditandatangani_pada = target, None
    fresh.save(update_fields=["status", "ditandatangani_pada"])
    audit.record(actor=actor, action="perjanjian.reopen", obj=fresh, summary=f"{fresh}: {reason}", changes=changes)
    perjanjian.status, perjanjian.ditandatangani_pada = fresh.status, None
    return perjanjian


# ---------------------------------------------------------------------------- position standards
@transaction.atomic
def standar_jabatan_set(
    *, actor: Any, jabatan: Jabatan, ringkasan: str = "", penjelasan: str = "", contoh: str = ""
) -> StandarJabatan:
    """Create or replace the header of a position's standard (summary and plain explanation)."""
    errors: Errors = {}
    data = {
        "ringkasan": _clean_text(
            errors, "ringkasan", ringkasan, label="Ringkasan tugas", max_length=4000, required=False
        ),
        **_explained(errors, {"penjelasan": penjelasan, "contoh": contoh}),
    }
    _raise(errors)
    standar = StandarJabatan.objects.select_for_update().filter(jabatan=jabatan).first()
    if standar is None:
        standar = StandarJabatan.objects.create(jabatan=jabatan, **data)
        audit.record(actor=actor, action="standar.create", obj=standar, summary=jabatan.nama)
    else:
        _save_changes(actor=actor, obj=standar, after=data, action="standar.update", summary=jabatan.nama)
    return standar


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


def clean_hasil(data: Mapping[str, Any]) -> dict[str, Any]:
    """Validate one expected result; the target rule is `validation.validate_target`."""
    errors: Errors = {}
    out: dict[str, Any] = {
        "rhk": _clean_text(errors, "rhk", data.get("rhk"), label="Rencana hasil kerja", max_length=2000),
        "indikator": _clean_text(errors, "indikator", data.get("indikator"), label="Indikator", max_length=2000),
        "dimensi": _clean_choice(errors, "dimensi", data.get("dimensi"), Dimensi, label="Dimensi"),
        "satuan": _clean_text(errors, "satuan", data.get("satuan", ""), label="Satuan", max_length=40, required=False),
        "target_kualitatif": _clean_text(
            errors,
            "target_kualitatif",
            data.get("target_kualitatif", ""),
            label="Target (uraian)",
            max_length=300,
            required=False,
        ),
        "urutan": _clean_int(errors, "urutan", data.get("urutan"), label="Urutan", low=1, high=MAX_NOMOR),
        **_explained(errors, data),
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
    _raise(errors)
    return out


def _next_urutan(standar: StandarJabatan) -> int:
    return (StandarHasil.objects.filter(standar=standar).aggregate(m=models.Max("urutan"))["m"] or 0) + 1


@transaction.atomic
def standar_hasil_add(*, actor: Any, standar: StandarJabatan, data: HasilData) -> StandarHasil:
    raw = {f: getattr(data, f) for f in HASIL_FIELDS}
    if raw["urutan"] is None:
        raw["urutan"] = _next_urutan(standar)
    clean = clean_hasil(raw)
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
def standar_hasil_update(*, actor: Any, hasil: StandarHasil, **changes: Any) -> StandarHasil:
    _unknown(changes, HASIL_FIELDS)
    clean = clean_hasil({**_snapshot(hasil, HASIL_FIELDS), **changes})
    _save_changes(actor=actor, obj=hasil, after=clean, action="standar.hasil_update", summary=hasil.rhk)
    return hasil


@transaction.atomic
def standar_hasil_delete(*, actor: Any, hasil: StandarHasil) -> None:
    _delete(actor=actor, obj=hasil, action="standar.hasil_delete", blocked=None)


@dataclass(frozen=True)
class PerilakuData:
    """A position's specific expectation for one BerAKHLAK value (by the value's `kode`)."""

    nilai: str
    ekspektasi: str
    penjelasan: str = ""
    contoh: str = ""


@transaction.atomic
def standar_perilaku_set(
    *, actor: Any, standar: StandarJabatan, items: Sequence[PerilakuData]
) -> list[StandarPerilaku]:
    """Replace the position's BerAKHLAK expectations: values not listed (or left blank) have none."""
    known = set(NilaiBerakhlak.objects.values_list("kode", flat=True))
    errors: Errors = {}
    rows: list[StandarPerilaku] = []
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
        text = _clean_text(sub, "ekspektasi", item.ekspektasi, label="Ekspektasi", max_length=2000, required=False)
        explained = _explained(sub, {"penjelasan": item.penjelasan, "contoh": item.contoh})
        errors.update({f"perilaku.{i}.{k}": v for k, v in sub.items()})
        if text:
            rows.append(StandarPerilaku(standar=standar, nilai_id=item.nilai, ekspektasi=text, **explained))
    _raise(errors)
    before = {p.nilai_id: p.ekspektasi for p in StandarPerilaku.objects.filter(standar=standar)}
    StandarPerilaku.objects.filter(standar=standar).delete()
    created = StandarPerilaku.objects.bulk_create(rows)
    after = {p.nilai_id: p.ekspektasi for p in rows}
    changes = audit.diff(before, after) | {k: [v, None] for k, v in before.items() if k not in after}
    if changes:
        audit.record(actor=actor, action="standar.perilaku_set", obj=standar, summary=str(standar), changes=changes)
    return created


def same_kind_q(source: Jabatan) -> models.Q:
    """Positions of the same kind as `source`: the same jenis, and for functional positions the
    same jenjang (and the same SIASN functional position when both have one)."""
    q = models.Q(jenis=source.jenis, aktif=True)
    if source.jenjang:
        q &= models.Q(jenjang=source.jenjang)
    if source.jabatan_fungsional_id:
        q &= models.Q(jabatan_fungsional_id=source.jabatan_fungsional_id) | models.Q(jabatan_fungsional__isnull=True)
    return q & ~models.Q(pk=source.pk)


@transaction.atomic
def standar_copy_to(*, actor: Any, source: StandarJabatan, jabatan_ids: Sequence[int]) -> int:
    """Apply one standard (header, expected results, behaviour expectations) to many positions of
    the same kind, replacing what they had. Set-based: a fixed number of queries per chunk of
    positions, whatever their number. Returns how many positions received the standard."""
    ids = sorted({int(i) for i in jabatan_ids})
    if not ids:
        raise ValidationError({"jabatan_ids": "Pilih minimal satu jabatan tujuan."})
    src_jabatan = Jabatan.objects.get(pk=source.jabatan_id)
    if src_jabatan.pk in ids:
        raise ValidationError({"jabatan_ids": "Jabatan sumber tidak dapat menjadi tujuan."})
    found = set(Jabatan.objects.filter(pk__in=ids).values_list("pk", flat=True))
    missing = [i for i in ids if i not in found]
    if missing:
        raise ValidationError({"jabatan_ids": f"Jabatan tidak ditemukan: {', '.join(map(str, missing[:10]))}."})
    wrong = list(
        Jabatan.objects.filter(pk__in=ids).exclude(same_kind_q(src_jabatan)).values_list("nama", flat=True)[:5]
    )
    if wrong:
        raise ValidationError(
            {
                "jabatan_ids": "Standar hanya dapat diterapkan ke jabatan sejenis "
                f"({src_jabatan.get_jenis_display()}"
                f"{' ' + src_jabatan.jenjang if src_jabatan.jenjang else ''}). "
                f"Tidak sejenis: {'; '.join(wrong)}."
            }
        )
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
    audit.record(
        actor=actor,
        action="standar.copy",
        obj=source,
        summary=f"{src_jabatan.nama} → {len(ids)} jabatan",
        changes={"jabatan_ids": [None, ids]},
    )
    return len(ids)
