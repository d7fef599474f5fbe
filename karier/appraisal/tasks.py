"""Background tasks of the appraisal app. They take ids only and record progress on a TugasLatar row
(on the embedded default — django_tasks' ImmediateBackend — they run inline, after commit)."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_tasks import task

from karier.appraisal.evaluation.close import TAHAP_LABELS, periode_close
from karier.plans.bulk import job_mark
from karier.plans.choices import StatusTugasLatar
from karier.plans.models import TugasLatar

logger = logging.getLogger(__name__)


@task()
def periode_close_task(job_id: int) -> dict[str, Any]:
    """Run a period close recorded as job `job_id` (parameters are read from the job row)."""
    job = TugasLatar.objects.get(pk=job_id)
    params = job.parameter or {}
    job_mark(job_id, status=StatusTugasLatar.BERJALAN, dimulai_pada=timezone.now(), pesan="", diproses=0, total=0)

    def progress(done: int, total: int, tahap: str) -> None:
        job_mark(job_id, diproses=done, total=total, pesan=TAHAP_LABELS.get(tahap, tahap))

    try:
        result = periode_close(
            actor_id=job.dibuat_oleh_id,
            periode_id=int(params["periode_id"]),
            opd_id=params.get("opd_id"),
            job_id=job_id,
            progress=progress,
        )
    except (ValidationError, PermissionDenied) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        job_mark(job_id, status=StatusTugasLatar.GAGAL, selesai_pada=timezone.now(), pesan=" ".join(messages))
        return {"status": "GAGAL", "pesan": messages}
    except Exception:
        logger.exception("periode_close_task %s failed", job_id)
        job_mark(
            job_id,
            status=StatusTugasLatar.GAGAL,
            selesai_pada=timezone.now(),
            pesan="Terjadi kesalahan sistem; bagian yang sudah selesai tetap tersimpan. Jalankan ulang untuk "
            "melanjutkan.",
        )
        raise
    if result.periode_ditutup:
        summary = f"Periode ditutup. {result.predikat_ditulis} predikat ditulis."
    else:
        summary = (
            f"{result.predikat_ditulis} predikat ditulis; {result.belum_dinilai} pegawai belum dinilai"
            + ("" if result.opd_id else " — periode belum dapat ditutup")
            + "."
        )
    job_mark(
        job_id,
        status=StatusTugasLatar.SELESAI,
        selesai_pada=timezone.now(),
        pesan=summary,
        hasil=result.as_dict(),
        diproses=result.evaluasi_total,
        total=result.evaluasi_total,
    )
    return {"status": "SELESAI", "belum_dinilai": result.belum_dinilai}
