"""Background task of the assessment import (phase two). It takes the job id only and runs through
the shared two-phase task body (`two_phase.apply_task` → `karier.core.jobs.job_run`: inline, after
commit, on the embedded default backend)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django_tasks import task

from karier.development import two_phase
from karier.development.models import ImporPenilaian

MSG_GAGAL = "Terjadi kesalahan sistem; tidak ada penilaian yang disimpan. Jalankan ulang impor."


@task()
def penilaian_impor_task(job_id: int) -> dict[str, Any]:
    """Apply the checked import named in the job, all or nothing (a failed run leaves nothing written)."""
    from karier.development.competency.imports import penilaian_impor_terapkan

    return two_phase.apply_task(
        job_id,
        model=ImporPenilaian,
        apply=penilaian_impor_terapkan,
        done=lambda n: _("%(n)s penilaian kompetensi disimpan.") % {"n": n},
        failed=MSG_GAGAL,
    )
