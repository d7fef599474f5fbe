"""SIASN history import in two phases (issue #11 item 8), exactly like the assessment import
(`competency/imports.py`): phase one reads and checks the file and keeps the rows and a per-row report
in Bahasa Indonesia in an `ImporSiasn`, writing no history; phase two applies a clean report all or
nothing, re-checking under a lock, in one transaction, as a background job (a province's file may hold
20,000 rows).

Applying records each row as a `RiwayatSiasn` and counts its jumlahJam in the JP ledger: one
`CatatanJp` row (source "Impor SIASN", year = the year it ended), and the person's yearly total is
brought in line in the same transaction by the ledger's own set-based `jp_totals.jp_totals_refresh_many`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from karier.core import audit
from karier.core.choices import JenisTugasLatar
from karier.core.jobs import Progress, job_start
from karier.core.models import TugasLatar
from karier.development import two_phase
from karier.development.exchange import access
from karier.development.exchange.checks import check_rows
from karier.development.exchange.history import DIKLAT, LAYOUT_OF, Riwayat, history
from karier.development.exchange.reader import Baris, read_rows
from karier.development.jp.totals import jp_totals_refresh_many
from karier.development.models import CatatanJp, ImporSiasn, RiwayatSiasn, StatusImpor, SumberJp
from karier.people.access import Actor
from karier.people.models import Pegawai

CHUNK = 2_000


def _raw(r: Baris) -> dict[str, Any]:
    """A row of a file with mistakes, kept as read (for the report), each value cut to 200 characters."""
    return {k: str(v)[:200] for k, v in r.nilai.items()} | {"_lembar": r.layout, "_nomor": r.nomor}


def siasn_impor_periksa(*, actor: Actor, berkas: Any) -> ImporSiasn:
    """Phase one: read and check the file; keeps the report, writes no history."""
    access.require_import(actor)
    rows = read_rows(berkas)
    clean, errors = check_rows(actor, rows)
    return two_phase.record_checked(
        ImporSiasn,
        actor=actor,
        berkas=berkas,
        rows=rows,
        baris=[_raw(r) for r in rows] if errors else clean,
        errors=errors,
        action="pengembangan.siasn_impor_periksa",
    )


def _ensure_applicable(impor: ImporSiasn) -> None:
    two_phase.ensure_applicable(impor, checked=StatusImpor.DIPERIKSA)


def _ensure_not_own(actor: Actor, impor: ImporSiasn) -> None:
    """Nobody records their own history: not even by applying a file another admin checked."""
    two_phase.ensure_not_own(
        actor, impor, _("Berkas ini memuat riwayat Anda sendiri; minta admin BKD lain menerapkannya.")
    )


def siasn_impor_start(*, actor: Actor, impor: ImporSiasn) -> TugasLatar:
    """Phase two as a background job; `tasks.siasn_impor_task` re-checks everything."""
    access.require_import(actor)
    _ensure_applicable(impor)
    _ensure_not_own(actor, impor)
    from karier.development.exchange.tasks import siasn_impor_task

    return job_start(
        actor=actor, jenis=JenisTugasLatar.IMPOR_SIASN, parameter={"impor_id": impor.pk}, task=siasn_impor_task
    )


def impor_job(impor: ImporSiasn) -> TugasLatar | None:
    """The latest job that applies this import (for its progress on the report page)."""
    return two_phase.latest_job(JenisTugasLatar.IMPOR_SIASN, impor)


def _key(r: dict[str, Any]) -> tuple[Any, ...]:
    return Riwayat(
        pegawai_id=r["pegawai_id"],
        nip="",
        layout=r["layout"],
        nama=r["nama"],
        institusi="",
        jenis_diklat_id="",
        jenis_kursus="",
        latihan_struktural_id=r["latihan_struktural_id"],
        nomor="",
        tahun=0,
        mulai=dt.date.fromisoformat(r["mulai"]),
        selesai=dt.date.fromisoformat(r["selesai"]),
        jumlah_jam=Decimal(0),
    ).key()


def siasn_impor_terapkan(*, actor: Actor, impor: ImporSiasn, progress: Progress | None = None) -> int:
    """Phase two: record every row and its JP, or none. Refused while the report has errors or once
    applied; re-checked under the import's lock (people may have left, another import may have recorded
    the same rows since)."""
    access.require_import(actor)
    _ensure_applicable(impor)
    with transaction.atomic():
        locked = ImporSiasn.objects.select_for_update().get(pk=impor.pk)
        _ensure_applicable(locked)
        _ensure_not_own(actor, locked)
        ids = {r["pegawai_id"] for r in locked.baris}
        if Pegawai.objects.filter(pk__in=ids, aktif=True).count() != len(ids):
            raise ValidationError(
                {"berkas": _("Sebagian pegawai di berkas sudah tidak aktif; periksa ulang berkasnya.")}
            )
        recorded = {h.key() for h in history(Pegawai.objects.filter(pk__in=ids))}
        if any(_key(r) in recorded for r in locked.baris):
            raise ValidationError(
                {"berkas": _("Sebagian riwayat di berkas sudah tercatat sejak diperiksa; periksa ulang berkasnya.")}
            )
        total = len(locked.baris)
        for start in range(0, total, CHUNK):
            chunk = locked.baris[start : start + CHUNK]
            ledger = CatatanJp.objects.bulk_create(
                [
                    CatatanJp(
                        pegawai_id=r["pegawai_id"],
                        tahun=dt.date.fromisoformat(r["selesai"]).year,
                        tanggal=dt.date.fromisoformat(r["selesai"]),
                        jp=Decimal(r["jumlah_jam"]),
                        sumber=SumberJp.SIASN,
                        judul=r["nama"][:200],
                    )
                    for r in chunk
                ]
            )
            RiwayatSiasn.objects.bulk_create(
                [
                    RiwayatSiasn(
                        pegawai_id=r["pegawai_id"],
                        layout=LAYOUT_OF[r["layout"]],
                        jenis_diklat_id=r["jenis_diklat_id"],
                        jenis_kursus=r["jenis_kursus"],
                        latihan_struktural_id=r["latihan_struktural_id"],
                        nama=r["nama"],
                        institusi=r["institusi"],
                        nomor=r["nomor"],
                        tahun=r["tahun"],
                        mulai=dt.date.fromisoformat(r["mulai"]),
                        selesai=dt.date.fromisoformat(r["selesai"]),
                        jumlah_jam=Decimal(r["jumlah_jam"]),
                        catatan_jp_id=c.pk,
                        impor=locked,
                    )
                    for r, c in zip(chunk, ledger, strict=True)
                ]
            )
            if progress is not None:
                progress(min(start + CHUNK, total), total)
        # The per-person yearly totals, through the ledger's own set-based maintenance (same transaction).
        jp_totals_refresh_many({(r["pegawai_id"], dt.date.fromisoformat(r["selesai"]).year) for r in locked.baris})
        locked.status = StatusImpor.DITERAPKAN
        locked.save(update_fields=["status"])
        diklat = sum(1 for r in locked.baris if r["layout"] == DIKLAT)
        audit.record(
            actor=actor,
            action="pengembangan.siasn_impor_terapkan",
            obj=locked,
            summary=f"{locked.nama_berkas}: {total - diklat} kursus, {diklat} diklat",
            changes={"baris": [None, total]},
        )
    impor.status = StatusImpor.DITERAPKAN
    return total
