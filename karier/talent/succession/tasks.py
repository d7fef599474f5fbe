"""Background task of a key position's candidates: takes the job id only, runs through
`karier.core.jobs.job_run` (inline, after commit, on the embedded default backend).

The candidates come from the whole province's talent pool, so recomputing even one position reads a
province; it is a job (`JenisTugasLatar.SUKSESI`), never a request. The recompute job's final step
does every position after a period close."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_tasks import task

from karier.core import audit
from karier.core.jobs import Progress, job_run
from karier.core.models import TugasLatar
from karier.core.numbers import angka
from karier.people.access import job_starter
from karier.talent.succession import access


@task()
def suksesi_hitung_task(job_id: int) -> dict[str, Any]:
    """Recompute the candidates of the job's key positions (re-checking the starter's rights)."""

    def work(job: TugasLatar, progress: Progress) -> tuple[str, dict[str, Any]]:
        from karier.talent.succession.compute import recompute_candidates

        actor = job_starter(job)
        access.require_manage(actor)
        ids = (job.parameter or {}).get("jabatan_kritikal")
        if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
            raise ValidationError({"jabatan_kritikal": _("Jabatan kritikal yang dihitung tidak valid.")})
        progress(0, len(ids), _("Menghitung kandidat suksesi…"))
        n = recompute_candidates(ids)
        progress(len(ids), len(ids))
        audit.record(
            actor=actor,
            action="suksesi.hitung",
            obj=job,
            summary=f"Kandidat suksesi dihitung ulang untuk {len(ids)} jabatan kritikal: {n} kandidat",
            changes={"jabatan_kritikal": [None, ids], "kandidat": [None, n]},
        )
        return _("Kandidat suksesi dihitung ulang: %(n)s orang.") % {"n": angka(n)}, {"kandidat": n}

    return job_run(job_id, work)
