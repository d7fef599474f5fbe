"""`sync_predikat`: FINAL annual evaluations of a year → `PredikatTahunan` (step 1 of the recompute job).

Set-based: two reads per call (the evaluations and the rows already there), then at most one bulk
insert and one bulk update — the same statements whatever the number of ids. Idempotent: a second
run finds nothing changed and writes nothing.

Choices (see docs):
- The predikat is `predikat_akhir` (after calibration) or else `predikat`; the ratings are copied too.
- `bulan` is the number of calendar months the evaluation's SKP covers (a part-year plan after a
  transfer or a first appointment counts its months; angka kredit is pro-rated on them), 12 at most.
- A person with several FINAL annual evaluations in one year (two plans after a move) gets the one
  whose plan ends last: the year's standing is the latest appraisal.
- A final evaluation is Karier's own record and always wins over an imported row of the same year
  (the import refuses contradictions up front; a row that agrees is simply taken over, keeping its
  import id for the trail). Rows of other years and rows of people without a final evaluation are
  never touched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from karier.appraisal.choices import JenisPeriode, StatusEvaluasi
from karier.appraisal.models import Evaluasi
from karier.talent.models import PredikatTahunan, SumberPredikat

FIELDS = ("predikat", "rating_hasil_kerja", "rating_perilaku", "bulan", "sumber", "evaluasi_id")


def months_covered(mulai: dt.date | None, selesai: dt.date | None) -> int:
    """Calendar months from `mulai` to `selesai` inclusive, within 1–12 (12 when unknown)."""
    if mulai is None or selesai is None:
        return 12
    n = (selesai.year - mulai.year) * 12 + selesai.month - mulai.month + 1
    return max(1, min(12, n))


def final_annual(pegawai_ids: Sequence[int], tahun: int) -> dict[int, dict[str, object]]:
    """Per person, the values of their final annual evaluation of `tahun` (one query)."""
    rows = (
        Evaluasi.objects.filter(
            pegawai_id__any=list(pegawai_ids),
            periode__tahun_id=tahun,
            periode__jenis=JenisPeriode.TAHUNAN,
            status=StatusEvaluasi.FINAL,
        )
        .order_by("skp__periode_selesai", "pk")
        .values_list(
            "pk",
            "pegawai_id",
            "predikat",
            "predikat_akhir",
            "rating_hasil_kerja",
            "rating_perilaku",
            "skp__periode_mulai",
            "skp__periode_selesai",
        )
    )
    found: dict[int, dict[str, object]] = {}
    for pk, pegawai_id, predikat, akhir, hasil, perilaku, mulai, selesai in rows:
        if not (akhir or predikat):
            continue
        found[pegawai_id] = {  # later plans overwrite earlier ones
            "predikat": akhir or predikat,
            "rating_hasil_kerja": hasil or "",
            "rating_perilaku": perilaku or "",
            "bulan": months_covered(mulai, selesai),
            "sumber": SumberPredikat.EVALUASI.value,
            "evaluasi_id": pk,
        }
    return found


def sync_predikat(pegawai_ids: Sequence[int], tahun: int) -> int:
    """Copy the FINAL annual evaluations of `tahun` into `PredikatTahunan`; the number of rows written."""
    wanted = final_annual(pegawai_ids, tahun)
    if not wanted:
        return 0
    with transaction.atomic():
        existing = {
            p.pegawai_id: p
            for p in PredikatTahunan.objects.select_for_update().filter(pegawai_id__any=list(wanted), tahun=tahun)
        }
        now = timezone.now()
        new: list[PredikatTahunan] = []
        changed: list[PredikatTahunan] = []
        for pegawai_id, values in wanted.items():
            row = existing.get(pegawai_id)
            if row is None:
                new.append(PredikatTahunan(pegawai_id=pegawai_id, tahun=tahun, **values))
                continue
            if any(getattr(row, f) != values[f] for f in FIELDS):
                for f in FIELDS:
                    setattr(row, f, values[f])
                row.dicatat_pada = now
                changed.append(row)
        if new:
            PredikatTahunan.objects.bulk_create(new)
        if changed:
            PredikatTahunan.objects.bulk_update(changed, [*FIELDS, "dicatat_pada"])
    return len(new) + len(changed)
