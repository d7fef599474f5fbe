"""Background tasks of the appraisal app: opening and closing a period. They take a job id only and run
on the shared plumbing of `karier.core.jobs` (progress and outcome on the `TugasLatar` row; on the embedded
default — django_tasks' ImmediateBackend — they run inline, after commit). The job's starter is the actor
(`people.access.job_starter`, rights re-checked when the job runs); a job started by Karier itself runs as `SYSTEM`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_tasks import task

from karier.appraisal.evaluation.close import TAHAP_LABELS, periode_close
from karier.appraisal.evaluation.periods import periode_open
from karier.appraisal.models import Evaluasi, PeriodePenilaian
from karier.core.jobs import Progress, job_run
from karier.core.models import TugasLatar
from karier.people.access import job_starter


@task()
def periode_open_task(job_id: int) -> dict[str, Any]:
    """Open the period of job `job_id`: make its evaluations chunk by chunk, then mark it open. Running the
    job again after a failure continues with the evaluations still missing."""

    def work(job: TugasLatar, progress: Progress) -> tuple[str, dict[str, Any]]:
        periode = PeriodePenilaian.objects.select_related("tahun").filter(pk=job.parameter.get("periode_id")).first()
        if periode is None:
            raise ValidationError(_("Periode penilaian tidak ditemukan."))
        created = periode_open(
            actor=job_starter(job), periode=periode, progress=lambda done, total: progress(done, total), resume=True
        )
        total = Evaluasi.objects.filter(periode=periode).count()
        summary = f"{periode.nama} {periode.tahun_id} dibuka; {created} evaluasi dibuat ({total} seluruhnya)."
        return summary, {"periode_id": periode.pk, "evaluasi_dibuat": created, "evaluasi_total": total}

    return job_run(job_id, work)


@task()
def periode_close_task(job_id: int) -> dict[str, Any]:
    """Run a period close recorded as job `job_id` (parameters are read from the job row)."""

    def work(job: TugasLatar, progress: Progress) -> tuple[str, dict[str, Any]]:
        params = job.parameter or {}

        def stage(done: int, total: int, tahap: str) -> None:
            progress(done, total, TAHAP_LABELS.get(tahap, tahap))

        result = periode_close(
            actor=job_starter(job),
            periode_id=int(params["periode_id"]),
            opd_id=params.get("opd_id"),
            job_id=job.pk,
            progress=stage,
        )
        progress(result.evaluasi_total, result.evaluasi_total)
        if result.periode_ditutup:
            return f"Periode ditutup. {result.predikat_ditulis} predikat ditulis.", result.as_dict()
        summary = (
            f"{result.predikat_ditulis} predikat ditulis; {result.belum_dinilai} pegawai belum dinilai"
            + ("" if result.opd_id else " — periode belum dapat ditutup")
            + "."
        )
        return summary, result.as_dict()

    return job_run(job_id, work, reset=True)
