"""Background task of the needs and recommendations computation. It takes the job id only and runs
through `karier.core.jobs.job_run` (inline, after commit, on the embedded default backend)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django_tasks import task

from karier.core.jobs import Progress, job_run
from karier.core.models import TugasLatar
from karier.core.numbers import angka
from karier.people.access import job_starter

MSG_GAGAL = "Terjadi kesalahan sistem; hasil perhitungan sebelumnya tetap berlaku. Jalankan ulang perhitungan."


@task()
def rekomendasi_hitung_task(job_id: int) -> dict[str, Any]:
    """Compute everyone's needs and recommendations in the job's scope (re-checking the starter's rights)."""

    def work(job: TugasLatar, progress: Progress) -> tuple[str, dict[str, Any]]:
        from karier.development.recommend.compute import rekomendasi_hitung

        actor = job_starter(job)
        opd_id = (job.parameter or {}).get("opd_id")
        run = rekomendasi_hitung(
            actor=actor, opd_id=opd_id if isinstance(opd_id, int) else None, tugas_id=job.pk, progress=progress
        )
        summary = _("Kebutuhan dan rekomendasi dihitung untuk %(n)s pegawai.") % {"n": angka(run.jumlah_pegawai)}
        return summary, {
            "perhitungan_id": run.pk,
            "pegawai": run.jumlah_pegawai,
            "rekomendasi": run.jumlah_rekomendasi,
        }

    return job_run(job_id, work, reset=True, failed=MSG_GAGAL)
