"""Background task of the career recomputation: takes the job id only, runs through
`karier.core.jobs.job_run` (inline, after commit, on the embedded default backend)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_tasks import task

from karier.core.jobs import Progress, job_run
from karier.core.models import TugasLatar
from karier.people.access import job_starter

MSG_GAGAL = "Terjadi kesalahan sistem; bagian yang sudah dihitung tetap tersimpan. Jalankan ulang perhitungan."


@task()
def karier_hitung_task(job_id: int) -> dict[str, Any]:
    """Recompute the career figures of the job's year (re-checking the starter's rights)."""

    def work(job: TugasLatar, progress: Progress) -> tuple[str, dict[str, Any]]:
        from karier.talent.recompute.compute import karier_hitung, ringkasan

        actor = job_starter(job)
        tahun = (job.parameter or {}).get("tahun")
        if not isinstance(tahun, int):
            raise ValidationError({"tahun": _("Tahun perhitungan tidak valid.")})
        hasil = karier_hitung(actor=actor, tahun=tahun, tugas_id=job.pk, progress=progress)
        return ringkasan(tahun, hasil["pegawai"]), {"tahun": tahun, **hasil}

    return job_run(job_id, work, reset=True, failed=MSG_GAGAL)
