"""Background task of the career recomputation: takes the job id only, runs through
`karier.core.jobs.job_run` (inline, after commit, on the embedded default backend)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_tasks import task

from karier.core.jobs import Progress, job_run
from karier.core.models import TugasLatar
from karier.people.access import SYSTEM, as_actor

MSG_GAGAL = "Terjadi kesalahan sistem; bagian yang sudah dihitung tetap tersimpan. Jalankan ulang perhitungan."


@task()
def karier_hitung_task(job_id: int) -> dict[str, Any]:
    """Recompute the career figures of the job's year (re-checking the starter's rights)."""

    def work(job: TugasLatar, progress: Progress) -> tuple[str, dict[str, Any]]:
        from karier.talent.recompute.compute import karier_hitung, ringkasan

        actor = SYSTEM
        if job.dibuat_oleh_id:
            user = get_user_model().objects.filter(pk=job.dibuat_oleh_id).first()
            if user is None:
                raise ValidationError({"__all__": _("Pengguna tidak ditemukan.")})
            actor = as_actor(user)
        tahun = (job.parameter or {}).get("tahun")
        if not isinstance(tahun, int):
            raise ValidationError({"tahun": _("Tahun perhitungan tidak valid.")})
        hasil = karier_hitung(actor=actor, tahun=tahun, tugas_id=job.pk, progress=progress)
        return ringkasan(tahun, hasil["pegawai"]), {"tahun": tahun, **hasil}

    return job_run(job_id, work, reset=True, failed=MSG_GAGAL)
