"""Background tasks of the plans app. They take a job id only and run through `karier.core.jobs.job_run`
(on the embedded default — django_tasks' ImmediateBackend — they run inline, after commit)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from karier.core.jobs import Progress, job_run
from karier.core.models import TugasLatar
from karier.people.access import job_starter
from karier.plans.bulk import skp_bulk_create

MSG_GAGAL = "Terjadi kesalahan sistem; SKP yang sudah dibuat tetap tersimpan. Jalankan ulang untuk melanjutkan."


@task()
def skp_bulk_task(job_id: int) -> dict[str, Any]:
    """Run a bulk SKP creation recorded as job `job_id` (parameters are read from the job row). A rerun
    resumes: people who already have a plan are skipped."""

    def work(job: TugasLatar, progress: Progress) -> tuple[str, dict[str, Any]]:
        actor = job_starter(job)
        params = job.parameter or {}
        result = skp_bulk_create(
            actor=actor,
            tahun=int(params["tahun"]),
            unit_id=params.get("unit_id"),
            opd_id=params.get("opd_id"),
            job_id=job.pk,
            progress=progress,
        )
        return f"{result.created} SKP dibuat, {result.skipped} dilewati.", result.as_dict()

    return job_run(job_id, work, failed=MSG_GAGAL)
