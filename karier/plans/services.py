"""Every write to plans (SKP). Validate everything first, then write in one transaction, then audit.

Refusals: `ValidationError` (keyed by field where one input is at fault; the API answers 409) for
bad input or a plan in the wrong state; `PermissionDenied` (403) when the actor is not the party
who may do it. Visibility is the edge's job (`access.skp_for_actor` → 404) before a service runs.

Decisions (see docs/skp.md):
- A position change mid-year makes a new plan from the new TMT; the previous plan of that year
  ends the day before, whatever its status. Ending the period of an approved plan does not change
  what was agreed for the months served, so it needs no re-approval; it is recorded (audit event
  and a dialog kinerja note) and the approved version stays frozen in `SkpRevisi`.
- A subordinate may draft and submit before the superior's plan exists or is approved; RHK may
  be linked to the superior's RHK later. Unlinked RHK below JPT are a warning, not a refusal.
- The appraiser snapshot (`penilai`, `penilai_jabatan`) is refreshed when the owner submits, so a
  change of superior between drafting and submitting is picked up; it is frozen from then on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from karier.core import audit
from karier.people.access import Actor, as_actor
from karier.people.choices import JenisJabatan
from karier.people.models import Pegawai, Penugasan
from karier.people.selectors import appraiser_on, definitive_assignment_on
from karier.plans import access
from karier.plans.choices import JenisDialog, JenisHasil, StatusSkp, SumberSkp
from karier.plans.models import (
    DialogKinerja,
    EkspektasiPerilaku,
    IndikatorKinerjaIndividu,
    RencanaHasilKerja,
    Skp,
    SkpRevisi,
    TahunKinerja,
)
from karier.plans.workflow import EDITABLE, Aksi, Peran, ensure, status_label
from karier.standards.choices import Aspek, Dimensi, Perspektif
from karier.standards.models import NilaiBerakhlak, PerjanjianKinerjaRow, StandarJabatan
from karier.standards.validation import NotANumber, to_decimal, validate_target

JPT = frozenset({JenisJabatan.JPT_UTAMA, JenisJabatan.JPT_MADYA, JenisJabatan.JPT_PRATAMA})
SUMBER_MANUAL = frozenset({SumberSkp.KOSONG, SumberSkp.TAHUN_LALU, SumberSkp.STANDAR})
MIN_TAHUN = 2000
DEFAULT_BATAS = (1, 31)  # end of January (PermenPANRB 8/2021; configurable per year by the admin)
MAX_TEKS = 2000
MAX_SHORT = 300


# ---------------------------------------------------------------------------- years
def tahun_kinerja_get_or_create(tahun: int) -> TahunKinerja:
    """The performance year, created on first use with the default deadline (31 January).

    The deadline and the closing are edited by the admin (Django admin, audited there).
    """
    if not MIN_TAHUN <= tahun <= timezone.localdate().year + 1:
        raise ValidationError({"tahun": f"Tahun harus antara {MIN_TAHUN} dan {timezone.localdate().year + 1}."})
    obj, _ = TahunKinerja.objects.get_or_create(
        tahun=tahun, defaults={"batas_penetapan_skp": dt.date(tahun, *DEFAULT_BATAS)}
    )
    return obj


def _year_open(tahun: TahunKinerja, field: str | None = "tahun") -> None:
    if tahun.ditutup:
        message = f"Tahun kinerja {tahun.tahun} sudah ditutup; SKP tidak dapat diubah lagi."
        raise ValidationError({field: message} if field else message)


# ---------------------------------------------------------------------------- snapshots
def skp_snapshot(skp: Skp) -> dict[str, Any]:
    """The plan as JSON (header, rows, behaviour, appendix): what `SkpRevisi` freezes."""
    rhk = list(skp.rhk.select_related("rhk_atasan").prefetch_related("iki").order_by("jenis", "urutan", "id"))
    perilaku = list(skp.perilaku.select_related("nilai").order_by("nilai__urutan"))
    return {
        "versi": skp.versi,
        "status": skp.status,
        "pegawai_id": skp.pegawai_id,
        "tahun": skp.tahun_id,
        "periode_mulai": skp.periode_mulai.isoformat(),
        "periode_selesai": skp.periode_selesai.isoformat(),
        "jabatan_id": skp.jabatan_id,
        "unit_id": skp.unit_id,
        "penilai_id": skp.penilai_id,
        "penilai_jabatan_id": skp.penilai_jabatan_id,
        "disetujui_pada": skp.disetujui_pada.isoformat() if skp.disetujui_pada else None,
        "rhk": [
            {
                "id": r.pk,
                "jenis": r.jenis,
                "urutan": r.urutan,
                "teks": r.teks,
                "dimensi": r.dimensi,
                "perspektif": r.perspektif,
                "rhk_atasan_id": r.rhk_atasan_id,
                "rhk_atasan": r.rhk_atasan.teks if r.rhk_atasan else None,
                "iki": [
                    {
                        "aspek": i.aspek,
                        "indikator": i.indikator,
                        "target_angka": str(i.target_angka) if i.target_angka is not None else None,
                        "satuan": i.satuan,
                        "target_kualitatif": i.target_kualitatif,
                    }
                    for i in sorted(r.iki.all(), key=lambda x: (x.urutan, x.pk))
                ],
            }
            for r in rhk
        ],
        "perilaku": [{"nilai": p.nilai_id, "ekspektasi_khusus": p.ekspektasi_khusus} for p in perilaku],
        "lampiran": {
            "dukungan_sumber_daya": skp.dukungan_sumber_daya,
            "skema_pertanggungjawaban": skp.skema_pertanggungjawaban,
            "konsekuensi": skp.konsekuensi,
        },
    }


# ---------------------------------------------------------------------------- create
@dataclass
class _Plan:
    """What skp_create decided before writing anything."""

    periode_mulai: dt.date
    periode_selesai: dt.date
    assignment: Penugasan
    shorten: Skp | None  # the plan whose period ends the day before (position change)


def _plan_period(pegawai: Pegawai, tahun: int, periode_mulai: dt.date | None) -> _Plan:
    first, last = dt.date(tahun, 1, 1), dt.date(tahun, 12, 31)
    existing = list(Skp.objects.filter(pegawai=pegawai, tahun_id=tahun).order_by("periode_mulai"))
    if periode_mulai is not None:
        if not first <= periode_mulai <= last:
            raise ValidationError({"periode_mulai": f"Periode harus di dalam tahun {tahun}."})
        assignment = definitive_assignment_on(pegawai, periode_mulai)
        if assignment is None:
            raise ValidationError({"periode_mulai": "Pada tanggal itu pegawai tidak menduduki jabatan definitif."})
        start = periode_mulai
    else:
        ref = min(max(timezone.localdate(), first), last)
        assignment = definitive_assignment_on(pegawai, ref) or definitive_assignment_on(pegawai, first)
        if assignment is None:
            raise ValidationError(
                {
                    "pegawai": "Pegawai belum menduduki jabatan definitif pada tahun ini; "
                    "SKP dibuat setelah penugasan jabatan dicatat."
                }
            )
        start = max(first, assignment.mulai)
        if existing and start <= existing[-1].periode_mulai:
            start = existing[-1].periode_mulai  # same position as the latest plan: a duplicate below
    covering = next((s for s in existing if s.periode_mulai <= start <= s.periode_selesai), None)
    if any(s.periode_mulai == start for s in existing) or (
        covering is not None and covering.jabatan_id == assignment.jabatan_id
    ):
        raise ValidationError(
            {"tahun": f"SKP tahun {tahun} untuk jabatan ini sudah ada. SKP baru hanya dibuat setelah pindah jabatan."}
        )
    later = [s.periode_mulai for s in existing if s.periode_mulai > start]
    end = covering.periode_selesai if covering else (min(later) - dt.timedelta(days=1) if later else last)
    return _Plan(start, end, assignment, covering)


def _from_standard(skp: Skp, standar: StandarJabatan | None) -> tuple[list[RencanaHasilKerja], list[list[dict]]]:
    if standar is None:
        return [], []
    rows: list[RencanaHasilKerja] = []
    ikis: list[list[dict]] = []
    by_text: dict[str, int] = {}
    for h in standar.hasil.all().order_by("urutan", "id"):
        key = h.rhk.strip()
        if key not in by_text:
            by_text[key] = len(rows)
            rows.append(
                RencanaHasilKerja(
                    skp=skp,
                    jenis=JenisHasil.UTAMA,
                    urutan=len(rows) + 1,
                    teks=key,
                    dimensi=h.dimensi,
                    standar_hasil=h,
                    indikator_opd=h.indikator_opd,
                )
            )
            ikis.append([])
        ikis[by_text[key]].append(
            {
                "aspek": h.aspek,
                "indikator": h.indikator,
                "target_angka": h.target_angka,
                "satuan": h.satuan,
                "target_kualitatif": h.target_kualitatif,
            }
        )
    return rows, ikis


def _from_pk(skp: Skp, pk_rows: list[PerjanjianKinerjaRow]) -> tuple[list[RencanaHasilKerja], list[list[dict]]]:
    """JPT: one RHK per sasaran of the performance agreement, one IKI per indicator, with perspective."""
    rows: list[RencanaHasilKerja] = []
    ikis: list[list[dict]] = []
    by_sasaran: dict[int, int] = {}
    for r in pk_rows:
        if r.sasaran_id not in by_sasaran:
            by_sasaran[r.sasaran_id] = len(rows)
            rows.append(
                RencanaHasilKerja(
                    skp=skp,
                    jenis=JenisHasil.UTAMA,
                    urutan=len(rows) + 1,
                    teks=r.sasaran.teks,
                    perspektif=r.perspektif,
                    perjanjian_row=r,
                    indikator_opd=r.indikator,
                    dimensi=Dimensi.PRODUKTIVITAS,
                )
            )
            ikis.append([])
        ikis[by_sasaran[r.sasaran_id]].append(
            {
                "aspek": Aspek.KUANTITAS if r.target is not None else Aspek.KUALITAS,
                "indikator": r.indikator.nama,
                "target_angka": r.target,
                "satuan": r.indikator.satuan,
                "target_kualitatif": r.target_kualitatif,
            }
        )
    return rows, ikis


def _from_last_year(skp: Skp, prev: Skp) -> tuple[list[RencanaHasilKerja], list[list[dict]]]:
    rows: list[RencanaHasilKerja] = []
    ikis: list[list[dict]] = []
    for r in prev.rhk.prefetch_related("iki").order_by("jenis", "urutan", "id"):
        # The superior's RHK and the agreement rows belong to last year: links are made again.
        rows.append(
            RencanaHasilKerja(
                skp=skp,
                jenis=r.jenis,
                urutan=r.urutan,
                teks=r.teks,
                dimensi=r.dimensi,
                perspektif=r.perspektif,
                indikator_opd=r.indikator_opd,
                standar_hasil=r.standar_hasil,
            )
        )
        ikis.append(
            [
                {
                    "aspek": i.aspek,
                    "indikator": i.indikator,
                    "target_angka": i.target_angka,
                    "satuan": i.satuan,
                    "target_kualitatif": i.target_kualitatif,
                }
                for i in sorted(r.iki.all(), key=lambda x: (x.urutan, x.pk))
            ]
        )
    return rows, ikis


def skp_create(*, actor: Any, pegawai: Pegawai, tahun: int, sumber: str, periode_mulai: dt.date | None = None) -> Skp:
    """A new plan: blank, copied from last year, or from the position standard (JPT: from the
    agency's performance agreement). Snapshots position, unit and appraiser (at `periode_mulai`)."""
    who = as_actor(actor)
    if not access.can_create_for(who, pegawai.pk):
        raise PermissionDenied("Anda hanya dapat membuat SKP untuk diri sendiri.")
    if sumber not in SUMBER_MANUAL:
        raise ValidationError(
            {"sumber": "Pilih cara membuat SKP: kosong, salin dari tahun lalu, atau dari standar jabatan."}
        )
    tk = tahun_kinerja_get_or_create(tahun)
    _year_open(tk)
    plan = _plan_period(pegawai, tahun, periode_mulai)
    jabatan = plan.assignment.jabatan
    is_jpt = jabatan.jenis in JPT
    standar = StandarJabatan.objects.filter(jabatan=jabatan).first()
    pk_rows: list[PerjanjianKinerjaRow] = []
    prev: Skp | None = None
    if sumber == SumberSkp.STANDAR and is_jpt:
        pk_rows = list(
            PerjanjianKinerjaRow.objects.filter(
                perjanjian__opd_id=jabatan.unit.opd_id or jabatan.unit_id,
                perjanjian__tahun=tahun,
            )
            .select_related("sasaran", "indikator")
            .order_by("urutan", "id")
        )
        if not pk_rows:
            raise ValidationError(
                {
                    "sumber": f"Perjanjian kinerja perangkat daerah tahun {tahun} belum ada atau "
                    "belum berisi sasaran. SKP JPT diturunkan dari perjanjian kinerja."
                }
            )
    elif sumber == SumberSkp.STANDAR and (standar is None or not standar.hasil.exists()):
        raise ValidationError(
            {
                "sumber": f"Jabatan {jabatan.nama} belum mempunyai standar hasil kerja. Buat SKP "
                "kosong atau salin dari tahun lalu."
            }
        )
    elif sumber == SumberSkp.TAHUN_LALU:
        prev = Skp.objects.filter(pegawai=pegawai, tahun_id=tahun - 1).order_by("-periode_mulai").first()
        if prev is None:
            raise ValidationError({"sumber": f"Tidak ada SKP tahun {tahun - 1} untuk disalin."})
    penilai = appraiser_on(pegawai, plan.periode_mulai)
    nilai = list(NilaiBerakhlak.objects.order_by("urutan"))
    khusus = dict(standar.perilaku.values_list("nilai_id", "ekspektasi")) if standar else {}

    with transaction.atomic():
        if plan.shorten is not None:
            _end_period(actor=actor, skp=plan.shorten, selesai=plan.periode_mulai - dt.timedelta(days=1))
        skp = Skp.objects.create(
            pegawai=pegawai,
            tahun=tk,
            periode_mulai=plan.periode_mulai,
            periode_selesai=plan.periode_selesai,
            jabatan=jabatan,
            unit=jabatan.unit,
            penilai=penilai.pegawai if penilai else None,
            penilai_jabatan=penilai.jabatan if penilai else None,
            sumber=sumber,
            dukungan_sumber_daya=prev.dukungan_sumber_daya if prev else "",
            skema_pertanggungjawaban=prev.skema_pertanggungjawaban if prev else "",
            konsekuensi=prev.konsekuensi if prev else "",
        )
        if sumber == SumberSkp.STANDAR:
            rows, ikis = _from_pk(skp, pk_rows) if is_jpt else _from_standard(skp, standar)
        elif prev is not None:
            rows, ikis = _from_last_year(skp, prev)
        else:
            rows, ikis = [], []
        _bulk_rows(rows, ikis)
        EkspektasiPerilaku.objects.bulk_create(
            [EkspektasiPerilaku(skp=skp, nilai=n, ekspektasi_khusus=khusus.get(n.pk, "")) for n in nilai]
        )
        audit.record(
            actor=actor,
            action="skp.create",
            obj=skp,
            summary=f"SKP {tahun} {pegawai.nama} ({SumberSkp(sumber).label})",
            changes={
                "sumber": [None, sumber],
                "periode_mulai": [None, plan.periode_mulai],
                "jabatan": [None, jabatan.nama],
                "rhk": [0, len(rows)],
            },
        )
    return skp


def _bulk_rows(rows: list[RencanaHasilKerja], ikis: list[list[dict]]) -> None:
    RencanaHasilKerja.objects.bulk_create(rows)
    IndikatorKinerjaIndividu.objects.bulk_create(
        [
            IndikatorKinerjaIndividu(rhk=r, urutan=n, **data)
            for r, group in zip(rows, ikis, strict=True)
            for n, data in enumerate(group, start=1)
        ]
    )


def _end_period(*, actor: Any, skp: Skp, selesai: dt.date) -> None:
    old = skp.periode_selesai
    skp.periode_selesai = selesai
    skp.save(update_fields=["periode_selesai", "diubah_pada"])
    DialogKinerja.objects.create(
        skp=skp,
        penulis=actor if getattr(actor, "is_authenticated", False) else None,
        jenis=JenisDialog.CATATAN,
        versi=skp.versi,
        teks=f"Periode SKP berakhir {selesai:%d-%m-%Y} karena pindah jabatan.",
    )
    audit.record(
        actor=actor,
        action="skp.periode_akhir",
        obj=skp,
        summary=f"Periode berakhir {selesai}",
        changes={"periode_selesai": [old, selesai]},
    )


# ---------------------------------------------------------------------------- rows
@dataclass(frozen=True)
class RhkData:
    teks: str
    jenis: str = JenisHasil.UTAMA
    dimensi: str = Dimensi.PRODUKTIVITAS
    perspektif: str = ""


@dataclass(frozen=True)
class IkiData:
    indikator: str
    aspek: str = Aspek.KUANTITAS
    target_angka: Decimal | str | int | float | None = None
    satuan: str = ""
    target_kualitatif: str = ""


def _owner_may_edit(actor: Any, skp: Skp) -> Actor:
    who = as_actor(actor)
    if Peran.PEMILIK not in access.peran(who, skp):
        raise PermissionDenied("Hanya pegawai pemilik SKP yang dapat mengubah isinya.")
    _year_open(skp.tahun, None)
    if skp.status not in EDITABLE:
        hint = (
            "tunggu keputusan pejabat penilai"
            if skp.status == StatusSkp.DIAJUKAN
            else "ajukan revisi bila perlu diubah"
        )
        raise ValidationError(f"SKP berstatus {status_label(skp.status)} tidak dapat diubah; {hint}.")
    return who


def _lock_for_edit(actor: Any, skp: Skp) -> Skp:
    """Inside the row edit's transaction: lock the plan row and check again, as `skp_submit` does, so an
    edit cannot commit after `skp_approve` has locked and frozen the plan."""
    locked = _locked(skp)
    _owner_may_edit(actor, locked)
    # A draft opened before its evaluation was signed still may not change what was signed (issue #8 §3).
    _refuse_if_signed_evaluation(locked, apa="Perubahan isi SKP")
    return locked


MSG_REALISASI = (
    "{apa} ini sudah mempunyai realisasi pada evaluasi kinerja, jadi tidak dapat dihapus. "
    "Ubah isinya melalui revisi, atau biarkan dan tambahkan {apa_kecil} baru."
)


def _clean_rhk(data: RhkData) -> dict[str, Any]:
    errors: dict[str, str] = {}
    teks = (data.teks or "").strip()
    if not teks:
        errors["teks"] = "Rencana hasil kerja wajib diisi."
    elif len(teks) > MAX_TEKS:
        errors["teks"] = f"Rencana hasil kerja paling banyak {MAX_TEKS} karakter."
    if data.jenis not in JenisHasil.values:
        errors["jenis"] = "Pilih bagian: A. Utama atau B. Tambahan."
    if data.dimensi not in Dimensi.values:
        errors["dimensi"] = "Pilih dimensi: Produktivitas, Kompetensi atau Integritas."
    if data.perspektif and data.perspektif not in Perspektif.values:
        errors["perspektif"] = "Pilih perspektif: Penerima Layanan, Proses Bisnis, Penguatan Internal atau Anggaran."
    if errors:
        raise ValidationError(errors)
    return {"teks": teks, "jenis": data.jenis, "dimensi": data.dimensi, "perspektif": data.perspektif}


def _clean_iki(data: IkiData) -> dict[str, Any]:
    errors: dict[str, str] = {}
    indikator = (data.indikator or "").strip()
    if not indikator:
        errors["indikator"] = "Indikator kinerja individu wajib diisi."
    elif len(indikator) > MAX_TEKS:
        errors["indikator"] = f"Indikator paling banyak {MAX_TEKS} karakter."
    satuan = (data.satuan or "").strip()
    kualitatif = (data.target_kualitatif or "").strip()
    if len(satuan) > 40:
        errors["satuan"] = "Satuan paling banyak 40 karakter."
    if len(kualitatif) > MAX_SHORT:
        errors["target_kualitatif"] = f"Uraian target paling banyak {MAX_SHORT} karakter."
    target_errors = validate_target(data.aspek, data.target_angka, kualitatif)
    for k, v in target_errors.items():
        errors.setdefault(k, v)
    number: Decimal | None = None
    if "target_angka" not in errors and "aspek" not in errors:
        try:
            number = to_decimal(data.target_angka)
        except NotANumber as exc:  # pragma: no cover - validate_target has said so already
            errors["target_angka"] = exc.message
        if number is not None and number < 0:
            errors["target_angka"] = "Target tidak boleh negatif."
    if errors:
        raise ValidationError(errors)
    return {
        "aspek": data.aspek,
        "indikator": indikator,
        "target_angka": number,
        "satuan": satuan,
        "target_kualitatif": kualitatif,
    }


def _row_dict(obj: Any, fields: Iterable[str]) -> dict[str, Any]:
    return {f: getattr(obj, f) for f in fields}


def rhk_add(
    *, actor: Any, skp: Skp, data: RhkData, iki: IkiData | None = None, rhk_atasan: RencanaHasilKerja | None = None
) -> RencanaHasilKerja:
    """Add a results row (optionally with its first indicator and the superior's RHK it supports)."""
    _owner_may_edit(actor, skp)
    clean = _clean_rhk(data)
    clean_iki = _clean_iki(iki) if iki is not None else None
    if rhk_atasan is not None:
        _check_atasan(skp, rhk_atasan)
    with transaction.atomic():
        _lock_for_edit(actor, skp)
        urutan = (skp.rhk.filter(jenis=clean["jenis"]).aggregate(m=Max("urutan"))["m"] or 0) + 1
        rhk = RencanaHasilKerja.objects.create(skp=skp, urutan=urutan, rhk_atasan=rhk_atasan, **clean)
        if clean_iki is not None:
            IndikatorKinerjaIndividu.objects.create(rhk=rhk, urutan=1, **clean_iki)
        audit.record(
            actor=actor,
            action="skp.rhk_add",
            obj=skp,
            summary=clean["teks"][:200],
            changes={"rhk": [None, clean["teks"]], **({"iki": [None, clean_iki["indikator"]]} if clean_iki else {})},
        )
    return rhk


def rhk_update(*, actor: Any, rhk: RencanaHasilKerja, data: RhkData) -> RencanaHasilKerja:
    _owner_may_edit(actor, rhk.skp)
    clean = _clean_rhk(data)
    before = _row_dict(rhk, clean)
    with transaction.atomic():
        _lock_for_edit(actor, rhk.skp)
        if clean["jenis"] != rhk.jenis:
            clean["urutan"] = (rhk.skp.rhk.filter(jenis=clean["jenis"]).aggregate(m=Max("urutan"))["m"] or 0) + 1
        for k, v in clean.items():
            setattr(rhk, k, v)
        rhk.save()
        audit.record(
            actor=actor,
            action="skp.rhk_update",
            obj=rhk.skp,
            summary=rhk.teks[:200],
            changes=audit.diff(before, _row_dict(rhk, before)),
        )
    return rhk


def rhk_delete(*, actor: Any, rhk: RencanaHasilKerja) -> None:
    skp = rhk.skp
    _owner_may_edit(actor, skp)
    if IndikatorKinerjaIndividu.objects.filter(rhk=rhk, realisasi__isnull=False).exists():
        raise ValidationError({"rhk": MSG_REALISASI.format(apa="Rencana hasil kerja", apa_kecil="RHK")})
    with transaction.atomic():
        _lock_for_edit(actor, skp)
        teks = rhk.teks
        rhk.delete()
        audit.record(actor=actor, action="skp.rhk_delete", obj=skp, summary=teks[:200], changes={"rhk": [teks, None]})


def iki_add(*, actor: Any, rhk: RencanaHasilKerja, data: IkiData) -> IndikatorKinerjaIndividu:
    _owner_may_edit(actor, rhk.skp)
    clean = _clean_iki(data)
    with transaction.atomic():
        _lock_for_edit(actor, rhk.skp)
        urutan = (rhk.iki.aggregate(m=Max("urutan"))["m"] or 0) + 1
        iki = IndikatorKinerjaIndividu.objects.create(rhk=rhk, urutan=urutan, **clean)
        audit.record(
            actor=actor,
            action="skp.iki_add",
            obj=rhk.skp,
            summary=clean["indikator"][:200],
            changes={"iki": [None, clean["indikator"]], "target_angka": [None, clean["target_angka"]]},
        )
    return iki


def iki_update(*, actor: Any, iki: IndikatorKinerjaIndividu, data: IkiData) -> IndikatorKinerjaIndividu:
    skp = iki.rhk.skp
    _owner_may_edit(actor, skp)
    clean = _clean_iki(data)
    before = _row_dict(iki, clean)
    with transaction.atomic():
        _lock_for_edit(actor, skp)
        for k, v in clean.items():
            setattr(iki, k, v)
        iki.save()
        audit.record(
            actor=actor,
            action="skp.iki_update",
            obj=skp,
            summary=iki.indikator[:200],
            changes=audit.diff(before, _row_dict(iki, before)),
        )
    return iki


def iki_delete(*, actor: Any, iki: IndikatorKinerjaIndividu) -> None:
    skp = iki.rhk.skp
    _owner_may_edit(actor, skp)
    if iki.realisasi.exists():
        raise ValidationError({"iki": MSG_REALISASI.format(apa="Indikator", apa_kecil="indikator")})
    with transaction.atomic():
        _lock_for_edit(actor, skp)
        teks = iki.indikator
        iki.delete()
        audit.record(actor=actor, action="skp.iki_delete", obj=skp, summary=teks[:200], changes={"iki": [teks, None]})


def _check_atasan(skp: Skp, rhk_atasan: RencanaHasilKerja) -> None:
    atasan_skp = rhk_atasan.skp
    if skp.penilai_id is None and skp.penilai_jabatan_id is None:
        raise ValidationError(
            {
                "rhk_atasan": "SKP ini belum mempunyai pejabat penilai, jadi belum ada RHK atasan "
                "yang dapat diintervensi."
            }
        )
    if atasan_skp.pk == skp.pk:
        raise ValidationError({"rhk_atasan": "RHK tidak dapat mengintervensi RHK pada SKP yang sama."})
    if atasan_skp.tahun_id != skp.tahun_id:
        raise ValidationError({"rhk_atasan": f"RHK atasan harus dari SKP tahun {skp.tahun_id}."})
    if not (atasan_skp.pegawai_id == skp.penilai_id or atasan_skp.jabatan_id == skp.penilai_jabatan_id):
        raise ValidationError(
            {"rhk_atasan": "RHK yang dipilih bukan RHK pejabat penilai Anda. Pilih dari daftar RHK atasan."}
        )


def rhk_link_atasan(*, actor: Any, rhk: RencanaHasilKerja, rhk_atasan: RencanaHasilKerja | None) -> RencanaHasilKerja:
    """Name the superior's RHK this row supports (None unlinks). The superior's plan may still be a
    draft: links follow the superior's rows, not their approval."""
    skp = rhk.skp
    _owner_may_edit(actor, skp)
    if rhk_atasan is not None:
        _check_atasan(skp, rhk_atasan)
    old = rhk.rhk_atasan_id
    with transaction.atomic():
        _lock_for_edit(actor, skp)
        rhk.rhk_atasan = rhk_atasan
        rhk.save(update_fields=["rhk_atasan"])
        audit.record(
            actor=actor,
            action="skp.rhk_link",
            obj=skp,
            summary=rhk.teks[:200],
            changes={"rhk_atasan": [old, rhk_atasan.pk if rhk_atasan else None]},
        )
    return rhk


def ekspektasi_update(*, actor: Any, ekspektasi: EkspektasiPerilaku, teks: str) -> EkspektasiPerilaku:
    """The appraiser's specific expectation for one BerAKHLAK value (until the plan is approved)."""
    skp = ekspektasi.skp
    who = as_actor(actor)
    if not access.can_edit_ekspektasi(who, skp):
        if Peran.PENILAI not in access.peran(who, skp):
            raise PermissionDenied("Hanya pejabat penilai yang menulis ekspektasi khusus pimpinan.")
        _year_open(skp.tahun, None)
        raise ValidationError("SKP sudah disetujui; ekspektasi diubah melalui revisi.")
    teks = (teks or "").strip()
    if len(teks) > MAX_TEKS:
        raise ValidationError({"ekspektasi_khusus": f"Paling banyak {MAX_TEKS} karakter."})
    old = ekspektasi.ekspektasi_khusus
    with transaction.atomic():
        locked = _locked(skp)
        if not access.can_edit_ekspektasi(who, locked):  # re-checked under the plan's lock
            raise ValidationError("SKP sudah disetujui; ekspektasi diubah melalui revisi.")
        _refuse_if_signed_evaluation(locked, apa="Perubahan ekspektasi")
        ekspektasi.ekspektasi_khusus = teks
        ekspektasi.save(update_fields=["ekspektasi_khusus"])
        audit.record(
            actor=actor,
            action="skp.ekspektasi",
            obj=skp,
            summary=ekspektasi.nilai_id,
            changes={"ekspektasi_khusus": [old, teks]},
        )
    return ekspektasi


LAMPIRAN = ("dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi")


def lampiran_update(*, actor: Any, skp: Skp, **fields: str) -> Skp:
    """The appendix: resources, accountability scheme, consequences."""
    _owner_may_edit(actor, skp)
    unknown = set(fields) - set(LAMPIRAN)
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "Isian tidak dikenal."))
    clean = {k: (v or "").strip() for k, v in fields.items()}
    errors = {k: f"Paling banyak {MAX_TEKS * 2} karakter." for k, v in clean.items() if len(v) > MAX_TEKS * 2}
    if errors:
        raise ValidationError(errors)
    before = _row_dict(skp, clean)
    with transaction.atomic():
        _lock_for_edit(actor, skp)
        for k, v in clean.items():
            setattr(skp, k, v)
        skp.save(update_fields=[*clean, "diubah_pada"])
        audit.record(
            actor=actor, action="skp.lampiran", obj=skp, summary="Lampiran SKP", changes=audit.diff(before, clean)
        )
    return skp


# ---------------------------------------------------------------------------- workflow
def _locked(skp: Skp) -> Skp:
    """Re-read the plan under a row lock so two decisions cannot cross."""
    return Skp.objects.select_for_update().select_related("tahun").get(pk=skp.pk)


def _dialog(*, actor: Any, skp: Skp, jenis: str, teks: str) -> DialogKinerja:
    return DialogKinerja.objects.create(
        skp=skp,
        penulis=actor if getattr(actor, "is_authenticated", False) else None,
        jenis=jenis,
        teks=teks,
        versi=skp.versi,
    )


def submit_problems(rhk: list[RencanaHasilKerja]) -> list[str]:
    """What stops a plan from being submitted (empty when it can go), given its rows with their
    indicators prefetched."""
    problems = []
    if not any(r.jenis == JenisHasil.UTAMA for r in rhk):
        problems.append("Isi paling sedikit satu rencana hasil kerja utama (bagian A).")
    no_iki = [r.teks[:60] for r in rhk if not r.iki.all()]
    if no_iki:
        problems.append("Setiap RHK memerlukan paling sedikit satu indikator (IKI): " + "; ".join(no_iki) + ".")
    return problems


def skp_submit(*, actor: Any, skp: Skp, catatan: str = "") -> Skp:
    """Owner submits (or resubmits) to the appraiser. Unlinked RHK are allowed (warned on screen)."""
    who = as_actor(actor)
    roles = access.peran(who, skp)
    ensure(Aksi.AJUKAN, status=skp.status, peran=roles, tahun_ditutup=skp.tahun.ditutup)
    problems = submit_problems(list(skp.rhk.prefetch_related("iki")))
    if problems:
        raise ValidationError(problems)
    d = min(max(timezone.localdate(), skp.periode_mulai), skp.periode_selesai)
    penilai = appraiser_on(skp.pegawai_id, d)
    if penilai is None and skp.penilai_id is None:
        raise ValidationError(
            "Pejabat penilai kinerja Anda belum dapat ditentukan (jabatan atasan kosong atau "
            "belum diatur). Hubungi pengelola kinerja (BKD)."
        )
    with transaction.atomic():
        locked = _locked(skp)
        ensure(Aksi.AJUKAN, status=locked.status, peran=roles, tahun_ditutup=locked.tahun.ditutup)
        changes: dict[str, Any] = {"status": [locked.status, StatusSkp.DIAJUKAN]}
        if penilai is not None and (penilai.pegawai.pk, penilai.jabatan.pk) != (
            locked.penilai_id,
            locked.penilai_jabatan_id,
        ):
            changes["penilai"] = [locked.penilai_id, penilai.pegawai.pk]
            locked.penilai, locked.penilai_jabatan = penilai.pegawai, penilai.jabatan
        locked.status = StatusSkp.DIAJUKAN
        locked.diajukan_pada = timezone.now()
        locked.save()
        _dialog(actor=actor, skp=locked, jenis=JenisDialog.PENGAJUAN, teks=catatan.strip() or "SKP diajukan.")
        audit.record(
            actor=actor, action="skp.submit", obj=locked, summary=f"SKP {locked.tahun_id} diajukan", changes=changes
        )
    _refresh(skp, locked)
    return skp


def skp_return(*, actor: Any, skp: Skp, komentar: str) -> Skp:
    """Appraiser returns the plan with a required comment (kept as a dialog kinerja note)."""
    roles = access.peran(as_actor(actor), skp)
    ensure(Aksi.KEMBALIKAN, status=skp.status, peran=roles, tahun_ditutup=skp.tahun.ditutup, teks=komentar)
    if len(komentar.strip()) > MAX_TEKS:
        raise ValidationError({"komentar": f"Komentar paling banyak {MAX_TEKS} karakter."})
    with transaction.atomic():
        locked = _locked(skp)
        ensure(Aksi.KEMBALIKAN, status=locked.status, peran=roles, tahun_ditutup=locked.tahun.ditutup, teks=komentar)
        locked.status = StatusSkp.DIKEMBALIKAN
        locked.save()
        _dialog(actor=actor, skp=locked, jenis=JenisDialog.PENGEMBALIAN, teks=komentar.strip())
        audit.record(
            actor=actor,
            action="skp.return",
            obj=locked,
            summary=komentar.strip()[:200],
            changes={"status": [StatusSkp.DIAJUKAN, StatusSkp.DIKEMBALIKAN]},
        )
    _refresh(skp, locked)
    return skp


def skp_approve(*, actor: Any, skp: Skp, komentar: str = "") -> Skp:
    """Appraiser (or the Plt/Plh of the appraiser's position) approves; the version is frozen."""
    roles = access.peran(as_actor(actor), skp)
    ensure(Aksi.SETUJUI, status=skp.status, peran=roles, tahun_ditutup=skp.tahun.ditutup)
    if len(komentar.strip()) > MAX_TEKS:
        raise ValidationError({"komentar": f"Komentar paling banyak {MAX_TEKS} karakter."})
    with transaction.atomic():
        locked = _locked(skp)
        ensure(Aksi.SETUJUI, status=locked.status, peran=roles, tahun_ditutup=locked.tahun.ditutup)
        locked.status = StatusSkp.DISETUJUI
        locked.disetujui_pada = timezone.now()
        locked.disetujui_oleh = actor if getattr(actor, "is_authenticated", False) else None
        locked.save()
        SkpRevisi.objects.update_or_create(
            skp=locked,
            versi=locked.versi,
            defaults={"snapshot": skp_snapshot(locked), "dibuat_oleh": locked.disetujui_oleh},
        )
        _dialog(actor=actor, skp=locked, jenis=JenisDialog.PERSETUJUAN, teks=komentar.strip() or "SKP disetujui.")
        audit.record(
            actor=actor,
            action="skp.approve",
            obj=locked,
            summary=f"SKP {locked.tahun_id} versi {locked.versi} disetujui",
            changes={"status": [StatusSkp.DIAJUKAN, StatusSkp.DISETUJUI]},
        )
    _refresh(skp, locked)
    return skp


def _refuse_if_signed_evaluation(skp: Skp, *, apa: str = "Revisi") -> None:
    """A plan whose evaluation of some period is final (or signed) is what that evaluation judged: it is
    revised only after that evaluation is reopened through the audited reopen (issue #8 §3). The
    evaluations are read through the reverse relation, so plans imports nothing from appraisal."""
    signed = (
        skp.evaluasi.filter(Q(status="FINAL") | Q(ditandatangani_penilai_pada__isnull=False))
        .order_by("periode__mulai")
        .values_list("periode__nama", "periode__tahun_id")
    )
    names = [f"{nama} {tahun}" for nama, tahun in signed]
    if names:
        raise ValidationError(
            f"SKP ini sudah dievaluasi dan evaluasinya sudah ditandatangani/final ({', '.join(names)}). {apa} "
            "ditolak: buka ulang evaluasi tersebut lebih dahulu melalui pembukaan ulang (tercatat), lalu revisi SKP."
        )


def skp_revise(*, actor: Any, skp: Skp, alasan: str) -> Skp:
    """Reopen an approved plan for change: the approved version stays frozen in `SkpRevisi` with the
    reason, the plan becomes a draft of the next version and needs approval again."""
    roles = access.peran(as_actor(actor), skp)
    ensure(Aksi.REVISI, status=skp.status, peran=roles, tahun_ditutup=skp.tahun.ditutup, teks=alasan)
    if len(alasan.strip()) > MAX_TEKS:
        raise ValidationError({"alasan": f"Alasan paling banyak {MAX_TEKS} karakter."})
    _refuse_if_signed_evaluation(skp)
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        locked = _locked(skp)
        ensure(Aksi.REVISI, status=locked.status, peran=roles, tahun_ditutup=locked.tahun.ditutup, teks=alasan)
        _refuse_if_signed_evaluation(locked)
        old_versi = locked.versi
        SkpRevisi.objects.update_or_create(
            skp=locked,
            versi=old_versi,
            defaults={"snapshot": skp_snapshot(locked), "alasan": alasan.strip(), "dibuat_oleh": user},
        )
        locked.status = StatusSkp.DRAFT
        locked.versi = old_versi + 1
        locked.disetujui_pada = None
        locked.disetujui_oleh = None
        locked.diajukan_pada = None
        locked.save()
        _dialog(actor=actor, skp=locked, jenis=JenisDialog.REVISI, teks=alasan.strip())
        audit.record(
            actor=actor,
            action="skp.revise",
            obj=locked,
            summary=alasan.strip()[:200],
            changes={"status": [StatusSkp.DISETUJUI, StatusSkp.DRAFT], "versi": [old_versi, locked.versi]},
        )
    _refresh(skp, locked)
    return skp


def dialog_add(*, actor: Any, skp: Skp, teks: str) -> DialogKinerja:
    """A dialog kinerja note by the owner or the appraiser, in any status while the year is open."""
    who = as_actor(actor)
    if not access.peran(who, skp):
        raise PermissionDenied("Hanya pegawai pemilik SKP dan pejabat penilainya yang menulis catatan dialog kinerja.")
    _year_open(skp.tahun, None)
    teks = (teks or "").strip()
    if not teks:
        raise ValidationError({"teks": "Catatan wajib diisi."})
    if len(teks) > MAX_TEKS:
        raise ValidationError({"teks": f"Catatan paling banyak {MAX_TEKS} karakter."})
    with transaction.atomic():
        note = _dialog(actor=actor, skp=skp, jenis=JenisDialog.CATATAN, teks=teks)
        audit.record(actor=actor, action="skp.dialog", obj=skp, summary=teks[:200])
    return note


def _refresh(target: Skp, source: Skp) -> None:
    for f in (
        "status",
        "versi",
        "penilai_id",
        "penilai_jabatan_id",
        "diajukan_pada",
        "disetujui_pada",
        "disetujui_oleh_id",
        "diubah_pada",
    ):
        setattr(target, f, getattr(source, f))
    for cached in ("penilai", "penilai_jabatan", "disetujui_oleh"):
        target._state.fields_cache.pop(cached, None)
