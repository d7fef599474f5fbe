"""Background tasks of the directory's Excel export (`JenisTugasLatar.EKSPOR_PEGAWAI`): the export
takes the job id only and runs through `karier.core.jobs.job_run` (inline, after commit, on the
embedded default backend); the clean-up is a daily task (`KARIER_DAILY_TASKS`)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from karier.core.jobs import job_run


@task()
def ekspor_pegawai_task(job_id: int) -> dict[str, Any]:
    """Write the starter's directory list to an Excel file (re-checking who they see now)."""
    from karier.people.export_jobs import ekspor_pegawai_run

    return job_run(job_id, ekspor_pegawai_run, reset=True)


@task()
def hapus_ekspor_lama_task() -> int:
    """Daily: delete export files older than `export_jobs.KEEP` (7 days)."""
    from karier.people.export_jobs import prune_old_exports

    return prune_old_exports()
