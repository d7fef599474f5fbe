"""Background tasks of the dashboards' refresh: the job's task (takes the job id only) and the nightly
one (`settings.KARIER_DAILY_TASKS`, no argument)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_tasks import task

from karier.core.jobs import Progress, job_run
from karier.core.models import TugasLatar
from karier.people.access import SYSTEM, job_starter

MSG_GAGAL = "Terjadi kesalahan sistem; angka dasbor yang sudah ditulis tetap tersimpan. Segarkan ulang."


@task()
def segarkan_dasbor_task(job_id: int) -> dict[str, Any]:
    """Refresh the job's years (re-checking the starter's rights)."""

    def work(job: TugasLatar, progress: Progress) -> tuple[str, dict[str, Any]]:
        from karier.insight.dashboards.refresh import dasbor_refresh, ringkasan

        tahun = (job.parameter or {}).get("tahun")
        if not isinstance(tahun, list) or not all(isinstance(t, int) for t in tahun):
            raise ValidationError({"tahun": _("Tahun penyegaran tidak valid.")})
        hasil = dasbor_refresh(actor=job_starter(job), tahun=tahun, tugas_id=job.pk, progress=progress)
        return ringkasan(hasil), hasil

    return job_run(job_id, work, reset=True, failed=MSG_GAGAL)


@task()
def segarkan_dasbor_harian() -> dict[str, Any]:
    """The nightly refresh of this year and last, as Karier itself; skipped while one is running."""
    from karier.insight.dashboards.refresh import dasbor_refresh_start

    try:
        job = dasbor_refresh_start(actor=SYSTEM)
    except ValidationError:  # one is running (the start's own check)
        return {"dimulai": 0}
    return {"dimulai": 1, "tugas": job.pk}
