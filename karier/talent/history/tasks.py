"""Background task of the predikat history import (phase two): the job id only, one `job_run` call."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_tasks import task

from karier.core.jobs import Progress, job_run
from karier.core.models import TugasLatar
from karier.people.access import as_actor
from karier.talent.models import ImporRiwayatKinerja

MSG_GAGAL = "Terjadi kesalahan sistem; tidak ada riwayat yang disimpan. Jalankan ulang impor."


@task()
def riwayat_impor_task(job_id: int) -> dict[str, Any]:
    """Apply the checked import named in the job, all or nothing."""

    def work(job: TugasLatar, progress: Progress) -> tuple[str, dict[str, Any]]:
        from karier.talent.history.imports import riwayat_impor_terapkan

        user = get_user_model().objects.filter(pk=job.dibuat_oleh_id).first() if job.dibuat_oleh_id else None
        if user is None:
            raise ValidationError({"__all__": _("Pengguna tidak ditemukan.")})
        impor_id = (job.parameter or {}).get("impor_id")
        impor = ImporRiwayatKinerja.objects.filter(pk=int(impor_id)).first() if isinstance(impor_id, int) else None
        if impor is None:
            raise ValidationError({"__all__": _("Impor tidak ditemukan.")})
        n = riwayat_impor_terapkan(actor=as_actor(user), impor=impor, progress=progress)
        return _("%(n)s predikat tahunan disimpan.") % {"n": n}, {"impor_id": impor.pk, "disimpan": n}

    return job_run(job_id, work, failed=MSG_GAGAL)
