"""Background task of the bulk zip (`JenisTugasLatar.LAPORAN_MASSAL`): takes the job id only and runs
through `karier.core.jobs.job_run` (inline, after commit, on the embedded default backend)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from karier.core.jobs import job_run


@task()
def laporan_massal_task(job_id: int) -> dict[str, Any]:
    """Collect a unit's official PDFs into one zip (re-checking the starter's rights)."""
    from karier.insight.reports.services import laporan_massal_run

    return job_run(job_id, laporan_massal_run, reset=True)
