"""Every write to people, units and positions. Validate first, then write in one transaction.

Errors are `django.core.exceptions.ValidationError` with messages in Bahasa Indonesia, keyed by
field where one field is at fault, so forms and the API can show them next to the input.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Concat, Substr

from karier.core import audit
from karier.people.choices import JenisAsn, JenisJabatan, JenisPenugasan, JenisUnit
from karier.people.models import (
    Golongan,
    Instansi,
    Jabatan,
    Pegawai,
    Penugasan,
    RiwayatGolongan,
    UnitKerja,
)
from karier.people.selectors import active_on
from karier.rules import InvalidNip, check_nip_matches, parse_ni_pppk, parse_nip


# ---------------------------------------------------------------------------- NIP
def clean_nip(nip: str, *, jenis_asn: str, tanggal_lahir: dt.date | None, jenis_kelamin: str) -> str:
    """Validate an NIP against the person's record (karier.rules); returns the compact 18 digits.

    Errors are keyed by the field at fault: a wrong birth date is shown next to the birth date.
    """
    try:
        if jenis_asn == JenisAsn.PPPK:
            return parse_ni_pppk(nip or "").number
        compact = parse_nip(nip or "").nip
    except InvalidNip as exc:
        raise ValidationError({"nip": str(exc)}) from exc
    errors = {
        field: problems[0]
        for field, problems in (
            ("tanggal_lahir", check_nip_matches(compact, tanggal_lahir, None)),
            ("jenis_kelamin", check_nip_matches(compact, None, jenis_kelamin or None)),
        )
        if problems
    }
    if errors:
        raise ValidationError(errors)
    return compact


# ---------------------------------------------------------------------------- units
@transaction.atomic
def unit_create(
    *,
    actor: Any,
    instansi: Instansi,
    nama: str,
    jenis: str,
    parent: UnitKerja | None = None,
    singkatan: str = "",
) -> UnitKerja:
    if not nama.strip():
        raise ValidationError({"nama": "Nama unit wajib diisi."})
    if parent is not None and parent.instansi_id != instansi.pk:
        raise ValidationError({"parent": "Unit induk harus berada di instansi yang sama."})
    if parent is None and jenis != JenisUnit.OPD:
        raise ValidationError({"parent": "Unit selain OPD harus mempunyai unit induk."})
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
    return unit


# ---------------------------------------------------------------------------- positions
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
def jabatan_create(*, actor: Any, data: JabatanData) -> Jabatan:
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
    return jabatan


@transaction.atomic
def jabatan_set_atasan(*, actor: Any, jabatan: Jabatan, atasan: Jabatan | None) -> Jabatan:
    """Move a position under a new superior; the whole subtree's paths follow in one UPDATE.

    A superior that is the position itself or lies below it would make the chain loop.
    """
    jabatan = Jabatan.objects.select_for_update().get(pk=jabatan.pk)
    if atasan is not None:
        atasan = Jabatan.objects.get(pk=atasan.pk)
        if atasan.pk == jabatan.pk or atasan.path.startswith(jabatan.path):
            raise ValidationError(
                {
                    "atasan": f"Jabatan {atasan.nama} berada di bawah {jabatan.nama}: "
                    "rantai atasan akan berputar (melingkar)."
                }
            )
    old_path = jabatan.path
    new_path = f"{atasan.path if atasan else '/'}{jabatan.pk}/"
    old_atasan = jabatan.atasan_id
    Jabatan.objects.filter(pk=jabatan.pk).update(atasan=atasan)
    if new_path != old_path:
        Jabatan.objects.filter(path__startswith=old_path).update(
            path=Concat(Value(new_path), Substr("path", len(old_path) + 1))
        )
    jabatan.refresh_from_db()
    audit.record(
        actor=actor,
        action="jabatan.set_atasan",
        obj=jabatan,
        changes={"atasan": [old_atasan, atasan.pk if atasan else None]},
    )
    return jabatan


# ---------------------------------------------------------------------------- employees
@dataclass(frozen=True)
class PegawaiData:
    nip: str
    nama: str
    jenis_kelamin: str
    tanggal_lahir: dt.date
    pendidikan: str
    instansi: Instansi
    jenis_asn: str = JenisAsn.PNS
    gelar_depan: str = ""
    gelar_belakang: str = ""
    tempat_lahir: str = ""
    email: str = ""


@transaction.atomic
def pegawai_create(*, actor: Any, data: PegawaiData) -> Pegawai:
    errors: dict[str, Any] = {}
    nip = ""
    try:
        nip = clean_nip(
            data.nip, jenis_asn=data.jenis_asn, tanggal_lahir=data.tanggal_lahir, jenis_kelamin=data.jenis_kelamin
        )
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not data.nama.strip():
        errors["nama"] = ["Nama wajib diisi."]
    if nip and Pegawai.objects.filter(nip=nip).exists():
        errors["nip"] = [f"NIP {nip} sudah terdaftar atas pegawai lain."]
    if errors:
        raise ValidationError(errors)
    tmt_cpns = parse_nip(nip).tmt_cpns if data.jenis_asn == JenisAsn.PNS else None
    pegawai = Pegawai.objects.create(
        nip=nip,
        nama=data.nama.strip(),
        jenis_kelamin=data.jenis_kelamin,
        tanggal_lahir=data.tanggal_lahir,
        pendidikan=data.pendidikan,
        instansi=data.instansi,
        jenis_asn=data.jenis_asn,
        gelar_depan=data.gelar_depan,
        gelar_belakang=data.gelar_belakang,
        tempat_lahir=data.tempat_lahir,
        email=data.email,
        tmt_cpns=tmt_cpns,
    )
    audit.record(actor=actor, action="pegawai.create", obj=pegawai, summary=f"{nip} {pegawai.nama}")
    return pegawai


@transaction.atomic
def golongan_record(
    *, actor: Any, pegawai: Pegawai, golongan: Golongan, tmt: dt.date, nomor_sk: str = ""
) -> RiwayatGolongan:
    """Add a golongan history row and refresh the current golongan from the latest TMT."""
    if RiwayatGolongan.objects.filter(pegawai=pegawai, tmt=tmt).exists():
        raise ValidationError({"tmt": f"Sudah ada riwayat golongan dengan TMT {tmt:%d-%m-%Y}."})
    if pegawai.jenis_asn == JenisAsn.PPPK:
        raise ValidationError({"golongan": "Golongan PNS tidak berlaku bagi PPPK."})
    row = RiwayatGolongan.objects.create(pegawai=pegawai, golongan=golongan, tmt=tmt, nomor_sk=nomor_sk)
    latest = RiwayatGolongan.objects.filter(pegawai=pegawai).order_by("-tmt").first()
    assert latest is not None
    old = pegawai.golongan_id
    Pegawai.objects.filter(pk=pegawai.pk).update(golongan_id=latest.golongan_id, tmt_golongan=latest.tmt)
    pegawai.golongan_id, pegawai.tmt_golongan = latest.golongan_id, latest.tmt
    audit.record(
        actor=actor,
        action="pegawai.golongan",
        obj=pegawai,
        changes={"golongan": [old, latest.golongan_id], "tmt": [None, tmt]},
    )
    return row


def _overlaps(mulai: dt.date, selesai: dt.date | None) -> Q:
    """Rows whose [mulai, selesai] intersects the given inclusive range."""
    q = Q(selesai__isnull=True) | Q(selesai__gte=mulai)
    if selesai is not None:
        q &= Q(mulai__lte=selesai)
    return q


@transaction.atomic
def penugasan_assign(
    *,
    actor: Any,
    pegawai: Pegawai,
    jabatan: Jabatan,
    mulai: dt.date,
    selesai: dt.date | None = None,
    jenis: str = JenisPenugasan.DEFINITIF,
    nomor_sk: str = "",
    close_previous: bool = False,
) -> Penugasan:
    """Put someone in a position from `mulai` (Plt/Plh may be held beside a definitive position).

    With `close_previous`, the person's open definitive assignment ends the day before `mulai`
    (a transfer, mutasi). Otherwise an overlapping definitive assignment is refused.
    """
    Pegawai.objects.select_for_update().filter(pk=pegawai.pk).first()
    if selesai is not None and selesai < mulai:
        raise ValidationError({"selesai": "Tanggal selesai tidak boleh sebelum tanggal mulai."})
    if not jabatan.aktif:
        raise ValidationError({"jabatan": f"Jabatan {jabatan.nama} tidak aktif."})
    same_kind = Penugasan.objects.filter(pegawai=pegawai).filter(_overlaps(mulai, selesai))
    if jenis == JenisPenugasan.DEFINITIF:
        current = same_kind.filter(jenis=JenisPenugasan.DEFINITIF)
        if close_previous:
            previous = current.filter(mulai__lt=mulai, selesai__isnull=True)
            current = current.exclude(pk__in=previous.values("pk"))
        if current.exists():
            other = current.select_related("jabatan").first()
            assert other is not None
            raise ValidationError(
                {
                    "jabatan": (
                        f"{pegawai.nama} sudah memangku jabatan definitif {other.jabatan.nama} sejak "
                        f"{other.mulai:%d-%m-%Y}. Seorang pegawai hanya dapat memangku satu jabatan definitif; "
                        "gunakan Plt/Plh untuk penugasan tambahan, atau akhiri jabatan yang lama (mutasi)."
                    )
                }
            )
        seats = (
            Penugasan.objects.filter(jabatan=jabatan, jenis=JenisPenugasan.DEFINITIF)
            .filter(_overlaps(mulai, selesai))
            .exclude(pegawai=pegawai)
        )
        if seats.count() >= jabatan.formasi:
            raise ValidationError(
                {
                    "jabatan": (
                        f"Jabatan {jabatan.nama} sudah terisi penuh (formasi {jabatan.formasi}) pada tanggal tersebut."
                    )
                }
            )
        if close_previous:
            previous.update(selesai=mulai - dt.timedelta(days=1))
    else:
        if same_kind.filter(jabatan=jabatan).exists():
            raise ValidationError(
                {"jabatan": f"{pegawai.nama} sudah ditugaskan pada jabatan ini pada tanggal tersebut."}
            )
        if jabatan.pk == pegawai.jabatan_id:
            raise ValidationError({"jenis": "Plt/Plh tidak dapat diberikan pada jabatan definitif sendiri."})
    row = Penugasan.objects.create(
        pegawai=pegawai, jabatan=jabatan, jenis=jenis, mulai=mulai, selesai=selesai, nomor_sk=nomor_sk
    )
    refresh_current_position(pegawai_ids=[pegawai.pk])
    audit.record(
        actor=actor,
        action="pegawai.penugasan",
        obj=pegawai,
        summary=f"{jenis} {jabatan.nama} mulai {mulai:%d-%m-%Y}",
        changes={"jabatan": [None, jabatan.pk], "jenis": [None, jenis]},
    )
    return row


def refresh_current_position(*, pegawai_ids: list[int], on: dt.date | None = None) -> None:
    """Re-derive Pegawai.jabatan/unit/opd of these people from their definitive assignment on `on`."""
    from django.utils import timezone

    d = on or timezone.localdate()
    for chunk in _chunks(sorted(set(pegawai_ids)), REFRESH_CHUNK):
        _write_current_position(chunk, d)


# Pegawai ids per UPDATE: well under SQLite's 999 bound parameters, whatever the version.
REFRESH_CHUNK = 500


@dataclass(frozen=True)
class RefreshResult:
    tanggal: dt.date
    diperiksa: int
    diperbarui: int

    def as_dict(self) -> dict[str, Any]:
        return {"tanggal": self.tanggal.isoformat(), "diperiksa": self.diperiksa, "diperbarui": self.diperbarui}


def current_positions_refresh(
    *, actor: Any = None, on: dt.date | None = None, chunk_size: int = REFRESH_CHUNK
) -> RefreshResult:
    """Bring every Pegawai's current jabatan/unit/opd in line with the assignment history on `on`.

    `penugasan_assign` refreshes these columns when it writes, but a future-dated transfer starts,
    and a definitive assignment ends, with no write at all; `people.access.visibility_q` filters on
    the columns, so they must follow the calendar. Run daily (`people.tasks.segarkan_penugasan_task`)
    and on demand (`karier segarkan-penugasan`). Robust rather than "whose assignment starts today":
    it compares every person's columns with their history on the date, so a missed day heals itself.

    Cost: two streaming reads for the whole province, then per chunk of people that drifted a lock,
    one UPDATE computed in the database and one audit event — a fixed number of queries per chunk,
    never a query per person. Without a definitive assignment on the date the position is cleared
    and the last unit/agency kept, as `penugasan_assign` does.
    """
    from django.utils import timezone

    d = on or timezone.localdate()
    expected: dict[int, tuple[Any, ...]] = {}
    rows = (
        _definitive_on(d)
        .order_by("pegawai_id", "mulai", "id")
        .values_list("pegawai_id", "jabatan_id", "mulai", "jabatan__unit_id", "jabatan__unit__opd_id")
    )
    for pegawai_id, *values in rows.iterator(chunk_size=5000):
        expected[pegawai_id] = tuple(values)  # the latest start wins if history ever overlaps
    drifted: list[int] = []
    checked = 0
    for pk, jabatan_id, tmt, unit_id, opd_id in (
        Pegawai.objects.order_by("pk")
        .values_list("pk", "jabatan_id", "tmt_jabatan", "unit_id", "opd_id")
        .iterator(chunk_size=5000)
    ):
        checked += 1
        if (jabatan_id, tmt, unit_id, opd_id) != expected.get(pk, (None, None, unit_id, opd_id)):
            drifted.append(pk)
    changed = 0
    for chunk in _chunks(drifted, max(1, chunk_size)):
        changed += _write_current_position(chunk, d, actor=actor, audited=True)
    return RefreshResult(tanggal=d, diperiksa=checked, diperbarui=changed)


def _definitive_on(d: dt.date) -> Any:
    return Penugasan.objects.filter(active_on(d), jenis=JenisPenugasan.DEFINITIF)


def _chunks(ids: list[int], size: int) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


@transaction.atomic
def _write_current_position(ids: list[int], d: dt.date, *, actor: Any = None, audited: bool = False) -> int:
    """Set the columns of `ids` from their definitive assignment on d, in the database (one UPDATE
    with correlated subqueries per case). The rows are locked first, as `penugasan_assign` does, so
    an assignment written meanwhile is seen, not overwritten."""
    from django.db.models import Exists, OuterRef, Subquery

    before = {
        pk: (jab, unit, opd)
        for pk, jab, unit, opd in Pegawai.objects.select_for_update()
        .filter(pk__in=ids)
        .order_by("pk")
        .values_list("pk", "jabatan_id", "unit_id", "opd_id")
    }
    if not before:
        return 0
    current = _definitive_on(d).filter(pegawai_id=OuterRef("pk")).order_by("-mulai", "-id")
    holding = Exists(_definitive_on(d).filter(pegawai_id=OuterRef("pk")))
    Pegawai.objects.filter(holding, pk__in=ids).update(
        jabatan_id=Subquery(current.values("jabatan_id")[:1]),
        tmt_jabatan=Subquery(current.values("mulai")[:1]),
        unit_id=Subquery(current.values("jabatan__unit_id")[:1]),
        opd_id=Subquery(current.values("jabatan__unit__opd_id")[:1]),
    )
    Pegawai.objects.filter(~holding, pk__in=ids).update(jabatan_id=None, tmt_jabatan=None)
    if audited:
        after = {
            pk: (jab, unit, opd)
            for pk, jab, unit, opd in Pegawai.objects.filter(pk__in=ids)
            .order_by("pk")
            .values_list("pk", "jabatan_id", "unit_id", "opd_id")
        }
        changes = {
            str(pk): {"jabatan": [old[0], after[pk][0]], "unit": [old[1], after[pk][1]], "opd": [old[2], after[pk][2]]}
            for pk, old in before.items()
            if old != after.get(pk)
        }
        first = Pegawai(pk=min(before))
        audit.record(
            actor=actor,
            action="pegawai.segarkan_penugasan",
            obj=first,
            summary=f"Jabatan kini {len(before)} pegawai disegarkan per {d:%d-%m-%Y}",
            changes={"tanggal": d, "pegawai": changes},
        )
    return len(before)


def pegawai_update_profile(*, actor: Any, pegawai: Pegawai, **fields: Any) -> Pegawai:
    """Change identity fields; NIP, birth date and gender are re-checked against each other."""
    allowed = {
        "nama",
        "gelar_depan",
        "gelar_belakang",
        "tempat_lahir",
        "pendidikan",
        "jurusan",
        "email",
        "telepon",
        "tanggal_lahir",
        "jenis_kelamin",
        "nip",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(f"Kolom tidak dapat diubah: {', '.join(sorted(unknown))}.")
    before = {k: getattr(pegawai, k) for k in fields}
    merged = {**{k: getattr(pegawai, k) for k in ("nip", "tanggal_lahir", "jenis_kelamin")}, **fields}
    nip = clean_nip(
        merged["nip"],
        jenis_asn=pegawai.jenis_asn,
        tanggal_lahir=merged["tanggal_lahir"],
        jenis_kelamin=merged["jenis_kelamin"],
    )
    if nip != pegawai.nip and Pegawai.objects.filter(nip=nip).exclude(pk=pegawai.pk).exists():
        raise ValidationError({"nip": f"NIP {nip} sudah terdaftar atas pegawai lain."})
    if "nip" in fields:
        fields["nip"] = nip
    with transaction.atomic():
        Pegawai.objects.filter(pk=pegawai.pk).update(**fields)
        pegawai.refresh_from_db()
        audit.record(
            actor=actor,
            action="pegawai.update",
            obj=pegawai,
            changes=audit.diff(before, {k: getattr(pegawai, k) for k in fields}),
        )
    return pegawai


__all__ = [
    "JabatanData",
    "PegawaiData",
    "RefreshResult",
    "clean_nip",
    "current_positions_refresh",
    "golongan_record",
    "jabatan_create",
    "jabatan_set_atasan",
    "pegawai_create",
    "pegawai_update_profile",
    "penugasan_assign",
    "refresh_current_position",
    "unit_create",
]
