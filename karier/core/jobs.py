"""Background jobs: work that scales with headcount never runs inside a web request.

A job is a `TugasLatar` row (kind, parameters — ids only —, progress, outcome) and a django_tasks
task that takes the job id only. The pieces, in the order a job uses them:

- `job_start(actor=…, jenis=…, parameter=…, task=…)`: inside the starting service, after its
  checks; records the job and enqueues `task.enqueue(job.pk)` after commit (on the embedded
  default — django_tasks' ImmediateBackend — the task runs inline, right after the commit);
- `job_run(job_id, work)`: the body of the task. Marks the job running, calls
  `work(job, progress)` and records the outcome: `work` returns `(summary, hasil)`; a
  `ValidationError`/`PermissionDenied` fails the job with its message (the task returns normally),
  any other exception fails it with a generic message and is re-raised (logged by the worker);
- `progress(done, total, pesan=None)`: report after each chunk (one UPDATE, never per row);
- resuming: the work is written in chunks, each its own transaction, that skip what is already done
  (idempotent), so running the job again — `job_restart(job_id)` or a new `job_start` — picks up
  where it stopped; `job.parameter` may carry a cursor the work saves with `job_mark`;
- `job_for_actor(actor, job_id, jenis=…)`: the screen's and the API's lookup (whoever started it,
  BKD admins and auditors; 404 otherwise); `job_dict(job)` shapes it for the API (`JobOut` in
  `karier.api.schemas`); `job_progress_context(...)` feeds the polling partial
  `core/_job_progress.html`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any, Protocol

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.core.choices import StatusTugasLatar
from karier.core.models import TugasLatar

logger = logging.getLogger(__name__)

STATUS_DONE = (StatusTugasLatar.SELESAI, StatusTugasLatar.GAGAL)
MSG_SISTEM = "Terjadi kesalahan sistem; bagian yang sudah selesai tetap tersimpan. Jalankan ulang untuk melanjutkan."


class JobActor(Protocol):
    """`karier.people.access.Actor` (core imports no domain app): who starts or reads a job."""

    @property
    def user_id(self) -> int | None: ...

    @property
    def sees_everyone(self) -> bool: ...


class Enqueueable(Protocol):
    def enqueue(self, job_id: int) -> Any: ...


class Progress(Protocol):
    def __call__(self, done: int, total: int, pesan: str | None = None) -> None: ...


Work = Callable[[TugasLatar, Progress], tuple[str, dict[str, Any]]]


def job_start(*, actor: JobActor, jenis: str, parameter: dict[str, Any], task: Enqueueable) -> TugasLatar:
    """Record a job started by `actor` (SYSTEM: no user) and enqueue `task` with its id after commit.
    The caller has checked the request already (the task re-checks: rights may change meanwhile)."""
    with transaction.atomic():
        job = TugasLatar.objects.create(jenis=jenis, dibuat_oleh_id=actor.user_id, parameter=parameter)
        transaction.on_commit(lambda: task.enqueue(job.pk))
    return job


def jobs_running(jenis: str, stale: dt.timedelta) -> QuerySet[TugasLatar]:
    """Jobs of a kind waiting or running, newest first; one left "running" longer than `stale` is taken
    for dead (its worker died), so it no longer blocks a new one."""
    return TugasLatar.objects.filter(
        jenis=jenis,
        status__in=(StatusTugasLatar.MENUNGGU, StatusTugasLatar.BERJALAN),
        dibuat_pada__gte=timezone.now() - stale,
    ).order_by("-pk")


def job_restart(job_id: int, task: Enqueueable) -> TugasLatar:
    """Run a stopped (failed or interrupted) job again: the work skips what is already written."""
    with transaction.atomic():
        job = TugasLatar.objects.select_for_update().get(pk=job_id)
        if job.status == StatusTugasLatar.SELESAI:
            raise ValidationError(_("Tugas ini sudah selesai."))
        job.status = StatusTugasLatar.MENUNGGU
        job.selesai_pada = None
        job.save(update_fields=["status", "selesai_pada"])
        transaction.on_commit(lambda: task.enqueue(job.pk))
    return job


def job_mark(job_id: int, **fields: Any) -> None:
    """Write some of a job's fields (one UPDATE, outside any transaction of the work)."""
    TugasLatar.objects.filter(pk=job_id).update(**fields)


def job_progress(job_id: int) -> Progress:
    """The callback a job's work reports to after each chunk."""

    def progress(done: int, total: int, pesan: str | None = None) -> None:
        fields: dict[str, Any] = {"diproses": done, "total": total}
        if pesan is not None:
            fields["pesan"] = pesan
        job_mark(job_id, **fields)

    return progress


def job_finish(job_id: int, *, pesan: str, hasil: dict[str, Any], **fields: Any) -> None:
    job_mark(job_id, status=StatusTugasLatar.SELESAI, selesai_pada=timezone.now(), pesan=pesan, hasil=hasil, **fields)


def job_fail(job_id: int, pesan: str) -> None:
    job_mark(job_id, status=StatusTugasLatar.GAGAL, selesai_pada=timezone.now(), pesan=pesan)


def job_run(job_id: int, work: Work, *, reset: bool = False, failed: str = MSG_SISTEM) -> dict[str, Any]:
    """The body of a job's task: mark it running, run `work(job, progress)`, record the outcome.

    `reset` starts the progress figures from zero (work that recounts everything on each run);
    without it a resumed job keeps showing what was done before until the work reports."""
    job = TugasLatar.objects.get(pk=job_id)
    start: dict[str, Any] = {"status": StatusTugasLatar.BERJALAN, "dimulai_pada": timezone.now(), "pesan": ""}
    if reset:
        start.update(diproses=0, total=0)
    job_mark(job_id, **start)
    try:
        summary, hasil = work(job, job_progress(job_id))
    except (ValidationError, PermissionDenied) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        job_fail(job_id, " ".join(messages))
        return {"status": StatusTugasLatar.GAGAL.value, "pesan": messages}
    except Exception:
        logger.exception("job %s (%s) failed", job_id, job.jenis)
        job_fail(job_id, failed)
        raise
    job_finish(job_id, pesan=summary, hasil=hasil)
    return {"status": StatusTugasLatar.SELESAI.value, **hasil}


def job_for_actor(actor: JobActor, job_id: int, *, jenis: str | None = None) -> TugasLatar:
    """A job is visible to whoever started it, and to BKD admins and auditors; 404 otherwise (also
    when it is not of kind `jenis`)."""
    qs = TugasLatar.objects.filter(pk=job_id)
    if jenis is not None:
        qs = qs.filter(jenis=jenis)
    job = qs.first()
    if job is None or not (actor.sees_everyone or (actor.user_id and job.dibuat_oleh_id == actor.user_id)):
        raise Http404(_("Tugas tidak ditemukan."))
    return job


def job_dict(job: TugasLatar) -> dict[str, Any]:
    """A job as the API returns it (`karier.api.schemas.JobOut`)."""
    return {
        "id": job.pk,
        "jenis": job.jenis,
        "status": job.status,
        "parameter": job.parameter,
        "total": job.total,
        "diproses": job.diproses,
        "persen": job.persen,
        "pesan": job.pesan,
        "hasil": job.hasil,
        "dibuat_pada": job.dibuat_pada,
        "dimulai_pada": job.dimulai_pada,
        "selesai_pada": job.selesai_pada,
    }


def job_progress_context(
    job: TugasLatar, *, poll_url: str, judul: str = "", satuan: str = "", detail_template: str = "", **extra: Any
) -> dict[str, Any]:
    """Context for `core/_job_progress.html`: the card polls `poll_url` (which renders the partial
    again under HTMX) every second until the job is done. `judul` follows the status, `satuan` names
    what is counted ("pegawai"), `detail_template` shows the job's own outcome (`hasil`)."""
    return {
        "job": job,
        "poll_url": poll_url,
        "judul": judul,
        "satuan": satuan,
        "detail_template": detail_template,
        **extra,
    }
