"""Background task of the predikat history import (phase two): the job id only, run by the shared
two-phase task body (`karier.development.two_phase.apply_task`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django_tasks import task

from karier.development import two_phase
from karier.talent.models import ImporRiwayatKinerja


@task()
def riwayat_impor_task(job_id: int) -> dict[str, Any]:
    """Apply the checked import named in the job, all or nothing."""
    from karier.talent.history.imports import riwayat_impor_terapkan

    return two_phase.apply_task(
        job_id,
        model=ImporRiwayatKinerja,
        apply=riwayat_impor_terapkan,
        done=lambda n: _("%(n)s predikat tahunan disimpan.") % {"n": n},
    )
