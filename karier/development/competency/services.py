"""Writes for competency standards, assessments and the potential score (issue #11 items 1–2).

Every service checks its actor (`competency.access`), validates everything before writing, owns its
transaction and records one audit event. Evidence uploads go through appraisal's checks
(`check_file`: extension, content sniffing, size) so one policy guards every uploaded proof.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.appraisal.evaluation.evidence import check_file, file_sha256
from karier.core import audit
from karier.core.text import strip_bidi
from karier.development.competency import access
from karier.development.competency.selectors import current_levels, required_for_jabatan
from karier.development.models import (
    JenisKompetensi,
    Kompetensi,
    LevelKompetensi,
    PenilaianKompetensi,
    SkorPotensi,
    StandarKompetensiJabatan,
    SumberPenilaian,
)
from karier.people.access import Actor
from karier.people.models import Jabatan, Pegawai
from karier.rules import job_person_match

MAX_TEKS = 2000
MAX_NAMA = 150
TANGGAL_MIN = dt.date(1990, 1, 1)
KODE_TEKNIS = re.compile(r"^T\.[A-Z0-9][A-Z0-9.\-]{0,16}$")


def clean_level(value: object, field: str = "level") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationError({field: _("Level harus bilangan bulat 1 sampai 5.")})
    return value


def clean_tanggal(value: dt.date | None, today: dt.date | None = None) -> dt.date:
    today = today or timezone.localdate()
    if value is None:
        raise ValidationError({"tanggal": _("Isi tanggal penilaian.")})
    if value > today:
        raise ValidationError({"tanggal": _("Tanggal penilaian tidak boleh di masa depan.")})
    if value < TANGGAL_MIN:
        raise ValidationError({"tanggal": _("Tanggal penilaian terlalu lama (sebelum 1990).")})
    return value


# ---------------------------------------------------------------------------- the dictionary and standards
def kompetensi_teknis_save(
    *,
    actor: Actor,
    kode: str,
    nama: str,
    definisi: str = "",
    levels: dict[int, str] | None = None,
    kompetensi: Kompetensi | None = None,
) -> Kompetensi:
    """Add (or change) a technical competency and its level descriptions. BKD admins only; the Kamus's
    managerial and socio-cultural competencies are not edited here."""
    access.require_manage(actor)
    kode, nama, definisi = kode.strip().upper(), " ".join(nama.split()), definisi.strip()
    errors: dict[str, str] = {}
    if kompetensi is not None and kompetensi.jenis != JenisKompetensi.TEKNIS:
        raise ValidationError({"kode": _("Kompetensi manajerial dan sosial kultural mengikuti Kamus Kompetensi.")})
    if not KODE_TEKNIS.match(kode):
        errors["kode"] = _("Kode kompetensi teknis diawali “T.”, misalnya T.TIK.1 (huruf besar, angka, titik).")
    elif Kompetensi.objects.filter(kode=kode).exclude(pk=kompetensi.pk if kompetensi else 0).exists():
        errors["kode"] = _("Kode ini sudah dipakai kompetensi lain.")
    if not nama or len(nama) > MAX_NAMA:
        errors["nama"] = _("Isi nama kompetensi (paling banyak 150 karakter).")
    if len(definisi) > MAX_TEKS:
        errors["definisi"] = _("Definisi paling banyak 2000 karakter.")
    texts = {int(k): str(v).strip() for k, v in (levels or {}).items()}
    if any(k not in range(1, 6) for k in texts) or any(len(v) > MAX_TEKS for v in texts.values()):
        errors["levels"] = _("Deskripsi level hanya untuk level 1 sampai 5, masing-masing paling banyak 2000 karakter.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        before = {"kode": kompetensi.kode, "nama": kompetensi.nama} if kompetensi else {}
        obj = kompetensi or Kompetensi(jenis=JenisKompetensi.TEKNIS, urutan=100)
        obj.kode, obj.nama, obj.definisi = kode, nama, definisi
        obj.save()
        for level, text in texts.items():
            if text:
                LevelKompetensi.objects.update_or_create(kompetensi=obj, level=level, defaults={"deskripsi": text})
        audit.record(
            actor=actor,
            action="kompetensi.teknis_simpan",
            obj=obj,
            summary=f"{obj.kode} {obj.nama}",
            changes=audit.diff(before, {"kode": obj.kode, "nama": obj.nama}),
        )
    return obj


def standar_kompetensi_set(*, actor: Actor, jabatan: Jabatan, kompetensi: Kompetensi, level: int | None) -> int | None:
    """Set the level a position requires in one competency; None returns it to the default table (for
    a technical competency: no longer required). Returns the level now required."""
    return standar_kompetensi_update(actor=actor, jabatan=jabatan, levels={kompetensi.pk: level})[kompetensi.pk]


def standar_kompetensi_update(
    *, actor: Actor, jabatan: Jabatan, levels: dict[int, int | None]
) -> dict[int, int | None]:
    """Set several required levels of one position at once (the standard's edit screen): all are
    checked first, then written in one transaction with one audit event. Returns competency id → the
    level now required (None: not required)."""
    access.require_manage(actor)
    errors: dict[str, str] = {}
    for level in levels.values():
        if level is not None and (isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5):
            errors["level"] = _("Level harus bilangan bulat 1 sampai 5.")
    known = {k.pk: k for k in Kompetensi.objects.filter(pk__in=list(levels), aktif=True)}
    if len(known) != len(levels):
        errors["kompetensi"] = _("Kompetensi tidak dikenal atau tidak aktif.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        rows = StandarKompetensiJabatan.objects.select_for_update().filter(
            jabatan=jabatan, kompetensi_id__in=list(levels)
        )
        old = dict(rows.values_list("kompetensi_id", "level"))
        changes: dict[str, list[Any]] = {}
        for kompetensi_id, level in levels.items():
            if old.get(kompetensi_id) == level:
                continue
            if level is None:
                StandarKompetensiJabatan.objects.filter(jabatan=jabatan, kompetensi_id=kompetensi_id).delete()
            else:
                StandarKompetensiJabatan.objects.update_or_create(
                    jabatan=jabatan, kompetensi_id=kompetensi_id, defaults={"level": level}
                )
            changes[known[kompetensi_id].kode] = [old.get(kompetensi_id), level]
        now = required_for_jabatan([(jabatan.pk, jabatan.jenis, jabatan.jenjang)])[jabatan.pk]
        if changes:
            audit.record(
                actor=actor,
                action="kompetensi.standar_jabatan",
                obj=jabatan,
                summary=_("Standar kompetensi %(j)s: %(n)s kompetensi diubah") % {"j": jabatan.nama, "n": len(changes)},
                changes=changes,
            )
    return {k: now.get(k) for k in levels}


# ---------------------------------------------------------------------------- assessments
def _store(uploaded_file: Any) -> tuple[str, str, str, str]:
    ext, kind = check_file(uploaded_file)
    original = strip_bidi(os.path.basename(str(uploaded_file.name))).strip()[:255] or f"bukti.{ext}"
    digest = file_sha256(uploaded_file)
    stored = default_storage.save(f"kompetensi/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.{ext}", uploaded_file)
    return stored, original, kind.content_type, digest


def penilaian_record(
    *,
    actor: Actor,
    pegawai: Pegawai,
    kompetensi: Kompetensi,
    level: int,
    tanggal: dt.date | None,
    sumber: str,
    asesor: str = "",
    catatan: str = "",
    berkas: Any = None,
) -> PenilaianKompetensi:
    """Record one assessment. The superior records observations and agreed self-assessments; BKD admins
    record assessment-centre and uji kompetensi results. Refused (nothing written, no file left): a
    level outside 1–5, a future date, an inactive competency, a bad evidence file, one's own level."""
    if sumber not in SumberPenilaian.values:
        raise ValidationError({"sumber": _("Sumber penilaian tidak dikenal.")})
    access.require_record(actor, pegawai, sumber)
    errors: dict[str, Any] = {}
    for check in (lambda: clean_level(level), lambda: clean_tanggal(tanggal)):
        try:
            check()
        except ValidationError as exc:
            errors.update(exc.message_dict)
    asesor, catatan = " ".join(asesor.split()), catatan.strip()
    if not kompetensi.aktif:
        errors["kompetensi"] = [_("Kompetensi ini tidak aktif.")]
    if len(asesor) > MAX_NAMA:
        errors["asesor"] = [_("Nama asesor paling banyak 150 karakter.")]
    if len(catatan) > MAX_TEKS:
        errors["catatan"] = [_("Catatan paling banyak 2000 karakter.")]
    if errors:
        raise ValidationError(errors)
    assert tanggal is not None  # clean_tanggal refused None above
    stored = original = content_type = digest = ""
    if berkas is not None:
        stored, original, content_type, digest = _store(berkas)
    try:
        with transaction.atomic():
            row = PenilaianKompetensi.objects.create(
                pegawai=pegawai,
                kompetensi=kompetensi,
                level=level,
                tanggal=tanggal,
                sumber=sumber,
                asesor=asesor,
                catatan=catatan,
                berkas=stored,
                nama_berkas=original,
                jenis_konten=content_type,
                sha256=digest,
                dicatat_oleh_id=actor.user_id,
            )
            audit.record(
                actor=actor,
                action="kompetensi.penilaian",
                obj=row,
                summary=f"{pegawai.nip} {kompetensi.nama}: level {level} ({SumberPenilaian(sumber).label})",
                changes={"level": [None, level], "tanggal": [None, tanggal], "sumber": [None, sumber]},
            )
    except BaseException:
        if stored:
            default_storage.delete(stored)
        raise
    return row


def skor_potensi_hitung(*, actor: Actor, pegawai: Pegawai, tanggal: dt.date | None = None) -> SkorPotensi:
    """Compute and store the person's JPM from the assessments in force against the position's standard
    (`karier.rules.job_person_match`); the components are kept with it. BKD admins only."""
    access.require_manage(actor)
    if actor.pegawai_id is not None and actor.pegawai_id == pegawai.pk:
        access.require_record(actor, pegawai, SumberPenilaian.ASSESSMENT_CENTER)
    jabatan = pegawai.jabatan
    if jabatan is None:
        raise ValidationError({"pegawai": _("Pegawai ini tidak mempunyai jabatan: JPM tidak dapat dihitung.")})
    required = required_for_jabatan([(jabatan.pk, jabatan.jenis, jabatan.jenjang)])[jabatan.pk]
    if not required:
        raise ValidationError({"pegawai": _("Standar kompetensi jabatan ini belum ditetapkan.")})
    assessed = current_levels([pegawai.pk]).get(pegawai.pk, {})
    if not assessed:
        raise ValidationError({"pegawai": _("Pegawai ini belum pernah dinilai kompetensinya.")})
    codes = dict(Kompetensi.objects.filter(pk__in=list(required)).values_list("pk", "kode"))
    komponen = {codes[k]: [assessed.get(k), lvl] for k, lvl in required.items()}
    jpm = job_person_match(
        {codes[k]: v for k, v in assessed.items() if k in codes}, {codes[k]: v for k, v in required.items()}
    )
    with transaction.atomic():
        row = SkorPotensi.objects.create(
            pegawai=pegawai,
            tanggal=tanggal or timezone.localdate(),
            jpm=jpm,
            komponen=komponen,
            sumber=SumberPenilaian.ASSESSMENT_CENTER,
            dicatat_oleh_id=actor.user_id,
        )
        audit.record(actor=actor, action="kompetensi.jpm", obj=row, summary=f"{pegawai.nip} JPM {jpm}")
    return row
