"""Assessment import in two phases (issue #11 item 2): check, then apply all or nothing.

Phase one (`penilaian_impor_periksa`) reads an Excel or CSV file, checks every row against the
database in a fixed number of queries (NIPs, competencies and already recorded assessments are each
read once for the whole file) and keeps the rows and a per-row report in Bahasa Indonesia in an
`ImporPenilaian`. Phase two (`penilaian_impor_terapkan`) applies it only when the report is clean,
re-checking under a lock (a person may have left since), in one transaction with one bulk insert:
a file is never half applied. As in plans' bulk creation (preview, then create), the person deciding
sees exactly what will be written before anything is.

Columns (first row, any order, case-insensitive): nip, kompetensi (code such as M.3 or the name),
level, tanggal (dd-mm-yyyy, yyyy-mm-dd or an Excel date), sumber (assessment center / uji
kompetensi; default assessment center), asesor, catatan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from karier.core import audit
from karier.core.choices import JenisTugasLatar
from karier.core.jobs import Progress, job_start
from karier.core.models import TugasLatar
from karier.development import table_file, two_phase
from karier.development.competency import access
from karier.development.competency.services import MAX_NAMA, MAX_TEKS, TANGGAL_MIN
from karier.development.models import (
    ImporPenilaian,
    Kompetensi,
    PenilaianKompetensi,
    StatusImpor,
    SumberPenilaian,
)
from karier.development.table_file import Baris
from karier.people.access import Actor
from karier.people.models import Pegawai

KOLOM = ("nip", "kompetensi", "level", "tanggal", "sumber", "asesor", "catatan")
WAJIB = ("nip", "kompetensi", "level", "tanggal")
SUMBER_IMPOR = {
    "": SumberPenilaian.ASSESSMENT_CENTER,
    "assessment center": SumberPenilaian.ASSESSMENT_CENTER,
    "assessment_center": SumberPenilaian.ASSESSMENT_CENTER,
    "ac": SumberPenilaian.ASSESSMENT_CENTER,
    "uji kompetensi": SumberPenilaian.UJI_KOMPETENSI,
    "uji_kompetensi": SumberPenilaian.UJI_KOMPETENSI,
}


def read_rows(uploaded_file: Any) -> list[Baris]:
    """The file's data rows, numbered as the reader sees them in a spreadsheet (header = row 1)."""
    return table_file.read_rows(uploaded_file, kolom=KOLOM, wajib=WAJIB)


def _tanggal(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _level(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return int(text) if text.isdecimal() else None  # isdigit() also passes "²", which int() refuses


def _recorded(pegawai_ids: Iterable[int]) -> set[tuple[Any, ...]]:
    """(person, competency, date, source) of the assessments already recorded for these people. One query."""
    return set(
        PenilaianKompetensi.objects.filter(pegawai_id__in=list(pegawai_ids)).values_list(
            "pegawai_id", "kompetensi_id", "tanggal", "sumber"
        )
    )


def check_rows(
    actor: Actor, rows: Iterable[Baris], today: dt.date | None = None
) -> tuple[list[dict[str, Any]], list[list[Any]]]:
    """(clean rows ready to insert, [[row number, message], …]). Four queries for any number of rows."""
    rows = list(rows)
    today = today or timezone.localdate()
    nips = {str(r.nilai.get("nip", "")).strip() for r in rows}
    pegawai = dict(Pegawai.objects.filter(nip__in=nips, aktif=True).values_list("nip", "pk"))
    kompetensi: dict[str, int] = {}
    for pk, kode, nama in Kompetensi.objects.filter(aktif=True).values_list("pk", "kode", "nama"):
        kompetensi[kode.casefold()] = pk
        kompetensi[" ".join(nama.split()).casefold()] = pk
    existing = _recorded(pegawai.values())
    errors: list[list[Any]] = []
    clean: list[dict[str, Any]] = []
    seen: dict[tuple[Any, ...], int] = {}
    for r in rows:
        v = r.nilai
        problems: list[str] = []
        nip = str(v.get("nip", "")).strip()
        pegawai_id = pegawai.get(nip)
        if not nip:
            problems.append(_("NIP kosong."))
        elif pegawai_id is None:
            problems.append(_("NIP %(nip)s tidak ditemukan di antara pegawai aktif.") % {"nip": nip[:30]})
        elif actor.pegawai_id == pegawai_id:
            problems.append(_("Anda tidak dapat mengimpor level kompetensi Anda sendiri."))
        k_text = " ".join(str(v.get("kompetensi", "")).split())
        kompetensi_id = kompetensi.get(k_text.casefold())
        if kompetensi_id is None:
            problems.append(
                _("Kompetensi “%(k)s” tidak dikenal; pakai kodenya (mis. M.3) atau namanya.") % {"k": k_text[:60]}
            )
        level = _level(v.get("level", ""))
        if level is None or not 1 <= level <= 5:
            problems.append(_("Level “%(l)s” di luar 1 sampai 5.") % {"l": str(v.get("level", ""))[:20]})
        tanggal = _tanggal(v.get("tanggal", ""))
        if tanggal is None:
            problems.append(
                _("Tanggal “%(t)s” tidak terbaca; tulis hh-bb-tttt, mis. 17-08-2026.")
                % {"t": str(v.get("tanggal", ""))[:20]}
            )
        elif tanggal > today:
            problems.append(_("Tanggal %(t)s ada di masa depan.") % {"t": date_format(tanggal, "j M Y")})
        elif tanggal < TANGGAL_MIN:
            problems.append(_("Tanggal %(t)s terlalu lama (sebelum 1990).") % {"t": date_format(tanggal, "j M Y")})
        sumber = SUMBER_IMPOR.get(" ".join(str(v.get("sumber", "")).split()).casefold())
        if sumber is None:
            problems.append(_("Sumber harus “assessment center” atau “uji kompetensi”."))
        asesor = " ".join(str(v.get("asesor", "")).split())
        catatan = str(v.get("catatan", "")).strip()
        if len(asesor) > MAX_NAMA or len(catatan) > MAX_TEKS:
            problems.append(_("Asesor paling banyak 150 karakter dan catatan 2000 karakter."))
        key = (pegawai_id, kompetensi_id, tanggal, sumber)
        if pegawai_id and kompetensi_id and tanggal and sumber:
            if key in seen:
                problems.append(_("Baris ganda: sama dengan baris %(n)s.") % {"n": seen[key]})
            elif key in existing:
                problems.append(_("Penilaian yang sama (pegawai, kompetensi, tanggal, sumber) sudah tercatat."))
            seen.setdefault(key, r.nomor)
        if problems:
            errors.extend([r.nomor, p] for p in problems)
            continue
        clean.append(
            {
                "pegawai_id": pegawai_id,
                "kompetensi_id": kompetensi_id,
                "level": level,
                "tanggal": tanggal.isoformat() if tanggal else "",
                "sumber": sumber,
                "asesor": asesor,
                "catatan": catatan,
            }
        )
    return clean, errors


def penilaian_impor_periksa(*, actor: Actor, berkas: Any) -> ImporPenilaian:
    """Phase one: read and check the file; keeps the report, writes no assessment."""
    access.require_import(actor)
    rows = read_rows(berkas)
    clean, errors = check_rows(actor, rows)
    return two_phase.record_checked(
        ImporPenilaian,
        actor=actor,
        berkas=berkas,
        rows=rows,
        baris=[{k: str(v)[:200] for k, v in r.nilai.items()} | {"_nomor": r.nomor} for r in rows] if errors else clean,
        errors=errors,
        action="kompetensi.impor_periksa",
    )


def _ensure_applicable(impor: ImporPenilaian) -> None:
    two_phase.ensure_applicable(impor, checked=StatusImpor.DIPERIKSA)


def _ensure_not_own(actor: Actor, impor: ImporPenilaian) -> None:
    """Nobody records their own level: not even by applying a file another admin checked."""
    two_phase.ensure_not_own(
        actor, impor, _("Berkas ini memuat level kompetensi Anda sendiri; minta admin BKD lain menerapkannya.")
    )


def penilaian_impor_start(*, actor: Actor, impor: ImporPenilaian) -> TugasLatar:
    """Phase two as a background job (a province's file may hold 20,000 rows): checked here, applied
    by `tasks.penilaian_impor_task`, which re-checks everything (rights may change meanwhile)."""
    access.require_import(actor)
    _ensure_applicable(impor)
    _ensure_not_own(actor, impor)
    from karier.development.competency.tasks import penilaian_impor_task

    return job_start(
        actor=actor, jenis=JenisTugasLatar.IMPOR_KOMPETENSI, parameter={"impor_id": impor.pk}, task=penilaian_impor_task
    )


def impor_job(impor: ImporPenilaian) -> TugasLatar | None:
    """The latest job that applies this import (for its progress on the report page)."""
    return two_phase.latest_job(JenisTugasLatar.IMPOR_KOMPETENSI, impor)


CHUNK = 2_000


def penilaian_impor_terapkan(*, actor: Actor, impor: ImporPenilaian, progress: Progress | None = None) -> int:
    """Phase two: write every row, or none. Refused while the report has errors or once applied. One
    transaction (all or nothing), inserted chunk by chunk with `progress` after each chunk."""
    access.require_import(actor)
    _ensure_applicable(impor)
    with transaction.atomic():
        locked = ImporPenilaian.objects.select_for_update().get(pk=impor.pk)
        _ensure_applicable(locked)
        # Re-check what may have changed since phase one: the applier (who records these levels) must not
        # be in the file, someone may have left, another import may have recorded the same assessments.
        ids = {r["pegawai_id"] for r in locked.baris}
        _ensure_not_own(actor, locked)
        if Pegawai.objects.filter(pk__in=ids, aktif=True).count() != len(ids):
            raise ValidationError(
                {"berkas": _("Sebagian pegawai di berkas sudah tidak aktif; periksa ulang berkasnya.")}
            )
        recorded = _recorded(ids)
        if any(
            (r["pegawai_id"], r["kompetensi_id"], dt.date.fromisoformat(r["tanggal"]), r["sumber"]) in recorded
            for r in locked.baris
        ):
            raise ValidationError(
                {"berkas": _("Sebagian penilaian di berkas sudah tercatat sejak diperiksa; periksa ulang berkasnya.")}
            )
        objs = [
            PenilaianKompetensi(
                pegawai_id=r["pegawai_id"],
                kompetensi_id=r["kompetensi_id"],
                level=r["level"],
                tanggal=dt.date.fromisoformat(r["tanggal"]),
                sumber=r["sumber"],
                asesor=r["asesor"],
                catatan=r["catatan"],
                dicatat_oleh_id=actor.user_id,
            )
            for r in locked.baris
        ]
        for start in range(0, len(objs), CHUNK):
            PenilaianKompetensi.objects.bulk_create(objs[start : start + CHUNK])
            if progress is not None:
                progress(min(start + CHUNK, len(objs)), len(objs))
        locked.status = StatusImpor.DITERAPKAN
        locked.save(update_fields=["status"])
        audit.record(
            actor=actor,
            action="kompetensi.impor_terapkan",
            obj=locked,
            summary=f"{locked.nama_berkas}: {len(objs)} penilaian",
            changes={"baris": [None, len(objs)]},
        )
    impor.status = StatusImpor.DITERAPKAN
    return len(objs)
