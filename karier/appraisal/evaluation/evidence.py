"""Realisation per IKI and its evidence (bukti dukung): the appraisee's writes.

Evidence is checked twice: by extension and by the file's own first bytes (a renamed .exe is
refused as a PDF). Files are stored under MEDIA_ROOT (var/, outside the web root) with a random
name, never the uploaded one, and are served only through the access-checked download view.
Writing is atomic: the file is saved, then the row in a transaction; if the row fails the file
is removed, so a refused or failed upload leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from karier.appraisal.evaluation import access
from karier.appraisal.models import BuktiDukung, Evaluasi, Realisasi
from karier.appraisal.workflow import ensure_editable, ensure_period_open, lock_reason, period_is_open
from karier.core import audit
from karier.core.numbers import angka
from karier.core.text import strip_bidi
from karier.people.access import Actor
from karier.plans.models import IndikatorKinerjaIndividu
from karier.standards.choices import Aspek
from karier.standards.validation import NUMERIC_ASPEK, NotANumber, to_decimal

MAX_URAIAN = 2000
MAX_BUKTI_PER_IKI = 10
DEFAULT_MAX_MB = 10

MSG_BUKAN_PEMILIK = gettext_noop("Hanya pegawai yang dinilai yang dapat mengisi realisasi dan mengunggah bukti dukung.")
MSG_JENIS = gettext_noop(
    "Jenis berkas tidak diizinkan. Unggah PDF, gambar (JPG, PNG, WEBP) atau dokumen kantor "
    "(DOC/DOCX, XLS/XLSX, PPT/PPTX, ODT/ODS/ODP)."
)
MSG_ISI = gettext_noop(
    "Isi berkas tidak sesuai dengan jenisnya (.%(ext)s). Simpan ulang berkas sebagai %(ext_upper)s lalu unggah lagi."
)
MSG_BESAR = gettext_noop("Berkas terlalu besar (%(size)s MB). Ukuran paling besar %(max_mb)s MB.")
MSG_KOSONG = gettext_noop("Berkas kosong; pilih berkas yang berisi bukti dukung.")

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class FileKind:
    content_type: str
    magic: str  # "pdf", "png", "jpeg", "webp", "ole", "ooxml:<dir>", "odf:<mimetype>"


ALLOWED: dict[str, FileKind] = {
    "pdf": FileKind("application/pdf", "pdf"),
    "png": FileKind("image/png", "png"),
    "jpg": FileKind("image/jpeg", "jpeg"),
    "jpeg": FileKind("image/jpeg", "jpeg"),
    "webp": FileKind("image/webp", "webp"),
    "doc": FileKind("application/msword", "ole"),
    "xls": FileKind("application/vnd.ms-excel", "ole"),
    "ppt": FileKind("application/vnd.ms-powerpoint", "ole"),
    "docx": FileKind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "ooxml:word/"),
    "xlsx": FileKind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "ooxml:xl/"),
    "pptx": FileKind("application/vnd.openxmlformats-officedocument.presentationml.presentation", "ooxml:ppt/"),
    "odt": FileKind("application/vnd.oasis.opendocument.text", "odf:application/vnd.oasis.opendocument.text"),
    "ods": FileKind(
        "application/vnd.oasis.opendocument.spreadsheet", "odf:application/vnd.oasis.opendocument.spreadsheet"
    ),
    "odp": FileKind(
        "application/vnd.oasis.opendocument.presentation", "odf:application/vnd.oasis.opendocument.presentation"
    ),
}
ACCEPT = ",".join(f".{ext}" for ext in ALLOWED)


def max_bytes() -> int:
    return int(getattr(settings, "KARIER_BUKTI_MAX_MB", DEFAULT_MAX_MB)) * 1024 * 1024


def _ext(name: str) -> str:
    return os.path.splitext(name)[1].lower().lstrip(".")


# A zip is judged by its central directory (declared sizes) and at most a few bytes of one member: an
# office file whose `mimetype` inflates to 400 MB must never be inflated (issue #8).
ZIP_MAX_MEMBERS = 20_000
ZIP_MAX_TOTAL = 1024 * 1024 * 1024  # declared uncompressed size of all members together
ZIP_MAX_RATIO = 200  # declared uncompressed / compressed, for members above ZIP_RATIO_FLOOR
ZIP_RATIO_FLOOR = 1024 * 1024
ODF_MIMETYPE_MAX = 128  # "application/vnd.oasis.opendocument.presentation" is 47 bytes


def _zip_sane(infos: list[zipfile.ZipInfo]) -> bool:
    """Refuse archives whose declared sizes betray a zip bomb (nothing is decompressed here)."""
    if len(infos) > ZIP_MAX_MEMBERS:
        return False
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > ZIP_RATIO_FLOOR and info.file_size > ZIP_MAX_RATIO * max(info.compress_size, 1):
            return False
    return total <= ZIP_MAX_TOTAL


def _zip_matches(fh: IO[bytes], magic: str) -> bool:
    try:
        with zipfile.ZipFile(fh) as zf:
            infos = zf.infolist()
            if not _zip_sane(infos):
                return False
            names = {i.filename for i in infos}
            if magic.startswith("ooxml:"):
                return "[Content_Types].xml" in names and any(n.startswith(magic[6:]) for n in names)
            if magic.startswith("odf:") and "mimetype" in names:
                info = zf.getinfo("mimetype")
                expected = magic[4:].encode()
                if info.file_size > ODF_MIMETYPE_MAX:
                    return False
                with zf.open(info) as member:
                    head = member.read(len(expected) + 2)  # never more, whatever the header claims
                return head.strip() == expected
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, RuntimeError, ValueError, EOFError):
        return False
    return False


def sniff(fh: IO[bytes], ext: str) -> bool:
    """Whether the bytes of `fh` are what the extension claims (leaves the position at 0)."""
    kind = ALLOWED[ext]
    fh.seek(0)
    head = fh.read(16)
    fh.seek(0)
    ok = False
    if kind.magic == "pdf":
        ok = head.startswith(b"%PDF-")
    elif kind.magic == "png":
        ok = head.startswith(b"\x89PNG\r\n\x1a\n")
    elif kind.magic == "jpeg":
        ok = head.startswith(b"\xff\xd8\xff")
    elif kind.magic == "webp":
        ok = head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    elif kind.magic == "ole":
        ok = head.startswith(OLE)
    elif head.startswith(ZIP):
        ok = _zip_matches(fh, kind.magic)
    fh.seek(0)
    return ok


def check_file(uploaded_file: Any) -> tuple[str, FileKind]:
    """(extension, kind) of an acceptable upload; ValidationError keyed "berkas" otherwise."""
    if uploaded_file is None:
        raise ValidationError({"berkas": _("Pilih berkas bukti dukung.")})
    name = os.path.basename(str(getattr(uploaded_file, "name", "") or "")).strip()
    ext = _ext(name)
    if ext not in ALLOWED:
        raise ValidationError({"berkas": _(MSG_JENIS)})
    size = int(getattr(uploaded_file, "size", 0) or 0)
    if size <= 0:
        raise ValidationError({"berkas": _(MSG_KOSONG)})
    limit = max_bytes()
    if size > limit:
        raise ValidationError(
            {"berkas": _(MSG_BESAR) % {"size": angka(size / 1024 / 1024, 1), "max_mb": limit // (1024 * 1024)}}
        )
    if not sniff(uploaded_file, ext):
        raise ValidationError({"berkas": _(MSG_ISI) % {"ext": ext, "ext_upper": ext.upper()}})
    return ext, ALLOWED[ext]


def file_sha256(fh: IO[bytes]) -> str:
    """The upload's SHA-256, read in 1 MB blocks (a certificate or evidence file may be large)."""
    h = hashlib.sha256()
    fh.seek(0)
    for block in iter(lambda: fh.read(1024 * 1024), b""):
        h.update(block)
    fh.seek(0)
    return h.hexdigest()


# ---------------------------------------------------------------------------- realisation
def _appraisee_may_write(actor: Actor, evaluasi: Evaluasi) -> None:
    if not access.is_appraisee(actor, evaluasi):
        raise PermissionDenied(_(MSG_BUKAN_PEMILIK))
    ensure_editable(evaluasi)
    ensure_period_open(evaluasi.periode)


def _iki_of(evaluasi: Evaluasi, iki: IndikatorKinerjaIndividu) -> None:
    if iki.rhk.skp_id != evaluasi.skp_id:
        raise ValidationError({"iki": _("IKI ini bukan bagian dari SKP yang dievaluasi.")})


def clean_realisasi(iki: IndikatorKinerjaIndividu, angka: object, uraian: str | None) -> tuple[Decimal | None, str]:
    """Numbers where the IKI's aspect counts (kuantitas, waktu, biaya); kualitas takes a number or a
    description. Typed numbers may use a comma ("99,5")."""
    errors: dict[str, str] = {}
    text = (uraian or "").strip()
    number: Decimal | None = None
    try:
        number = to_decimal(angka)
    except NotANumber as exc:
        errors["realisasi_angka"] = exc.message.replace("Target", "Realisasi")
    if number is not None and number < 0:
        errors["realisasi_angka"] = "Realisasi tidak boleh negatif."
    if "realisasi_angka" not in errors:
        if iki.aspek in NUMERIC_ASPEK and number is None:
            errors["realisasi_angka"] = (
                f"Aspek {Aspek(iki.aspek).label.lower()} memerlukan realisasi berupa angka, misalnya 12 atau 99,5."
            )
        elif iki.aspek not in NUMERIC_ASPEK and number is None and not text:
            errors["realisasi_uraian"] = "Isi realisasi berupa angka atau uraian."
    if len(text) > MAX_URAIAN:
        errors["realisasi_uraian"] = f"Uraian paling banyak {MAX_URAIAN} karakter."
    if errors:
        raise ValidationError(errors)
    return number, text


def realisasi_set(
    *, actor: Actor, evaluasi: Evaluasi, iki: IndikatorKinerjaIndividu, angka: object = None, uraian: str | None = ""
) -> Realisasi:
    """Record (or change) the realisation of one IKI in a period. Appraisee only; period open; unlocked."""
    _appraisee_may_write(actor, evaluasi)
    _iki_of(evaluasi, iki)
    number, text = clean_realisasi(iki, angka, uraian)
    return _write_realisasi(
        actor, evaluasi, iki, number, text, f"Realisasi {evaluasi.periode.nama}: {iki.indikator[:120]}"
    )


def realisasi_fill_from_source(
    *, actor: Actor, evaluasi: Evaluasi, iki: IndikatorKinerjaIndividu, angka: Decimal, sumber: str
) -> Realisasi | None:
    """Karier itself fills a realisation from another of its records — the unit's IKM when its SKM
    period closes (issue #13 item 3) — while the evaluation is open and unlocked; a locked one or a
    closed period is left as it is (None). Only `SYSTEM`: a person's realisation is theirs to record,
    and a person who is not the appraisee never writes it. The appraisee may still change it."""
    if not access.can_fill_from_source(actor):
        raise PermissionDenied(_(MSG_BUKAN_PEMILIK))
    _iki_of(evaluasi, iki)
    if lock_reason(evaluasi) or not period_is_open(evaluasi.periode):
        return None
    number, text = clean_realisasi(iki, angka, sumber)
    return _write_realisasi(actor, evaluasi, iki, number, text, f"Realisasi {evaluasi.periode.nama} dari {sumber[:80]}")


def _write_realisasi(
    actor: Actor, evaluasi: Evaluasi, iki: IndikatorKinerjaIndividu, number: Decimal | None, text: str, summary: str
) -> Realisasi:
    with transaction.atomic():
        locked = Evaluasi.objects.select_for_update().get(pk=evaluasi.pk)
        ensure_editable(locked)
        row, created = Realisasi.objects.get_or_create(evaluasi=locked, iki=iki)
        before = {"realisasi_angka": row.realisasi_angka, "realisasi_uraian": row.realisasi_uraian}
        row.realisasi_angka, row.realisasi_uraian = number, text
        row.save()
        audit.record(
            actor=actor,
            action="penilaian.realisasi",
            obj=row,
            summary=summary,
            changes=audit.diff({} if created else before, {"realisasi_angka": number, "realisasi_uraian": text}),
        )
    return row


# ---------------------------------------------------------------------------- evidence
def bukti_upload(*, actor: Actor, realisasi: Realisasi, uploaded_file: Any) -> BuktiDukung:
    """Store one evidence file for a realisation. Refused (nothing written, no file left): the wrong
    type (by extension or content), too large, empty, too many files, a locked evaluation."""
    evaluasi = realisasi.evaluasi
    _appraisee_may_write(actor, evaluasi)
    ext, kind = check_file(uploaded_file)
    if BuktiDukung.objects.filter(realisasi=realisasi).count() >= MAX_BUKTI_PER_IKI:
        raise ValidationError(
            {
                "berkas": (
                    _("Paling banyak %(n)s bukti dukung per IKI; hapus yang tidak diperlukan lebih dulu.")
                    % {"n": MAX_BUKTI_PER_IKI}
                )
            }
        )
    original = strip_bidi(os.path.basename(str(uploaded_file.name))).strip()[:255] or f"bukti.{ext}"
    digest = file_sha256(uploaded_file)
    stored = default_storage.save(f"bukti/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.{ext}", uploaded_file)
    try:
        with transaction.atomic():
            ensure_editable(Evaluasi.objects.select_for_update().get(pk=evaluasi.pk))
            bukti = BuktiDukung.objects.create(
                realisasi=realisasi,
                berkas=stored,
                nama_asli=original,
                jenis_konten=kind.content_type,
                ukuran=int(uploaded_file.size),
                sha256=digest,
                diunggah_oleh_id=actor.user_id,
            )
            audit.record(
                actor=actor,
                action="penilaian.bukti_unggah",
                obj=bukti,
                summary=original,
                changes={"sha256": [None, digest], "ukuran": [None, int(uploaded_file.size)]},
            )
    except BaseException:
        default_storage.delete(stored)
        raise
    return bukti


def bukti_upload_for_iki(
    *, actor: Actor, evaluasi: Evaluasi, iki: IndikatorKinerjaIndividu, uploaded_file: Any
) -> BuktiDukung:
    """Upload evidence for an IKI, making its (empty) realisation row first if needed."""
    _appraisee_may_write(actor, evaluasi)
    _iki_of(evaluasi, iki)
    check_file(uploaded_file)  # refuse before making any row
    realisasi, created = Realisasi.objects.get_or_create(evaluasi=evaluasi, iki=iki)
    realisasi.evaluasi = evaluasi
    try:
        return bukti_upload(actor=actor, realisasi=realisasi, uploaded_file=uploaded_file)
    except BaseException:
        if created:
            realisasi.delete()
        raise


def bukti_delete(*, actor: Actor, bukti: BuktiDukung) -> None:
    """Remove one evidence file (appraisee only, unlocked, period open). The file goes after commit."""
    evaluasi = bukti.realisasi.evaluasi
    _appraisee_may_write(actor, evaluasi)
    name = bukti.berkas.name
    with transaction.atomic():
        ensure_editable(Evaluasi.objects.select_for_update().get(pk=evaluasi.pk))
        audit.record(
            actor=actor,
            action="penilaian.bukti_hapus",
            obj=bukti,
            summary=bukti.nama_asli,
            changes={"sha256": [bukti.sha256, None]},
        )
        bukti.delete()
        transaction.on_commit(lambda: default_storage.delete(name))
