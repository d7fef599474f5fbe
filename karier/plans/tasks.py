"""Background tasks of the plans app. They take ids only and record their progress on a TugasLatar row
(on the embedded default — django_tasks' ImmediateBackend — they run inline, after commit)."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tasks import task

from karier.plans.bulk import job_mark, skp_bulk_create
from karier.plans.choices import StatusTugasLatar
from karier.plans.models import TugasLatar

logger = logging.getLogger(__name__)


@task()
def skp_bulk_task(job_id: int) -> dict[str, Any]:
    """Run a bulk SKP creation recorded as job `job_id` (parameters are read from the job row)."""
    job = TugasLatar.objects.get(pk=job_id)
    params = job.parameter or {}
    job_mark(job_id, status=StatusTugasLatar.BERJALAN, dimulai_pada=timezone.now(), pesan="")

    def progress(done: int, total: int) -> None:
        job_mark(job_id, diproses=done, total=total)

    try:
        result = skp_bulk_create(
            actor_id=job.dibuat_oleh_id,
            tahun=int(params["tahun"]),
            unit_id=params.get("unit_id"),
            opd_id=params.get("opd_id"),
            job_id=job_id,
            progress=progress,
        )
    except ValidationError as exc:
        job_mark(job_id, status=StatusTugasLatar.GAGAL, selesai_pada=timezone.now(), pesan=" ".join(exc.messages))
        return {"status": "GAGAL", "pesan": exc.messages}
    except Exception:
        logger.exception("skp_bulk_task %s failed", job_id)
        job_mark(
            job_id,
            status=StatusTugasLatar.GAGAL,
            selesai_pada=timezone.now(),
            pesan="Terjadi kesalahan sistem; SKP yang sudah dibuat tetap tersimpan. Jalankan ulang untuk melanjutkan.",
        )
        raise
    summary = f"{result.created} SKP dibuat, {result.skipped} dilewati."
    job_mark(
        job_id, status=StatusTugasLatar.SELESAI, selesai_pada=timezone.now(), pesan=summary, hasil=result.as_dict()
    )
    return result.as_dict()
