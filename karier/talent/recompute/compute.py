"""Recompute everyone's career figures after a period close (issue #12: "one set-based background job").

`karier_hitung_start` checks the request and starts the job (`JenisTugasLatar.KARIER`);
`tasks.karier_hitung_task` runs `karier_hitung`, which walks every active employee in chunks of
`CHUNK` ids, runs the areas' set-based steps for each chunk (`steps.CHUNK_STEPS`) in one transaction
per chunk with progress after each, then the succession candidates once, and records one audit event.
Every step is idempotent, so a job that stopped is simply run again. The period close starts it by
itself (`hooks.after_period_close`); a BKD admin can start it on /karier/hitung/.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.core import audit
from karier.core.choices import JenisTugasLatar, StatusTugasLatar
from karier.core.jobs import Progress, job_run, job_start, jobs_running
from karier.core.models import TugasLatar
from karier.core.numbers import angka
from karier.people.access import Actor
from karier.people.models import Pegawai
from karier.talent import access
from karier.talent.models import PredikatTahunan
from karier.talent.recompute import steps

CHUNK = 5_000
STALE = dt.timedelta(hours=2)  # a job "running" longer than this has died: another may start
TAHUN_MIN = 2000


def default_year() -> int:
    """The latest year with a final annual evaluation (or an imported predikat); else last year. Looks at
    the annual periods newest first, one indexed `exists()` each, never across every evaluation."""
    from karier.appraisal.choices import JenisPeriode, StatusEvaluasi
    from karier.appraisal.models import Evaluasi, PeriodePenilaian

    latest = None
    for periode_id, tahun in (
        PeriodePenilaian.objects.filter(jenis=JenisPeriode.TAHUNAN).order_by("-tahun_id").values_list("pk", "tahun_id")
    ):
        if Evaluasi.objects.filter(periode_id=periode_id, status=StatusEvaluasi.FINAL).exists():
            latest = tahun
            break
    imported = PredikatTahunan.objects.aggregate(t=Max("tahun"))["t"]
    found = [t for t in (latest, imported) if t]
    return max(found) if found else timezone.localdate().year - 1


def running_job() -> TugasLatar | None:
    """The computation under way, if any (a job older than `STALE` is taken for dead)."""
    return jobs_running(JenisTugasLatar.KARIER, STALE).first()


def _check_year(tahun: int) -> None:
    if not TAHUN_MIN <= tahun <= timezone.localdate().year:
        raise ValidationError(
            {"tahun": _("Tahun harus antara %(a)s dan %(b)s.") % {"a": TAHUN_MIN, "b": timezone.localdate().year}}
        )


def karier_hitung_start(*, actor: Actor, tahun: int | None = None) -> TugasLatar:
    """Start the recomputation for `tahun` (default: `default_year`); BKD admins, one at a time."""
    access.require_bkd(actor, _("Hanya admin BKD yang dapat menjalankan perhitungan karier dan talenta."))
    tahun = default_year() if tahun is None else tahun
    _check_year(tahun)
    if running_job() is not None:
        raise ValidationError({"__all__": _("Perhitungan karier dan talenta sedang berjalan; tunggu sampai selesai.")})
    from karier.talent.recompute.tasks import karier_hitung_task

    return job_start(actor=actor, jenis=JenisTugasLatar.KARIER, parameter={"tahun": tahun}, task=karier_hitung_task)


def karier_hitung(
    *,
    actor: Actor,
    tahun: int,
    tugas_id: int,
    progress: Progress | None = None,
    as_of: dt.date | None = None,
    chunk_size: int = CHUNK,
) -> dict[str, int]:
    """The job's work: every step for every active employee; returns the rows each step wrote, and
    `pegawai`. Run through a job (`karier_hitung_start` on a worker, `karier_hitung_now` in-process)."""
    access.require_bkd(actor, _("Hanya admin BKD yang dapat menjalankan perhitungan karier dan talenta."))
    _check_year(tahun)
    as_of = as_of or timezone.localdate()
    ids = list(Pegawai.objects.filter(aktif=True).order_by("pk").values_list("pk", flat=True))
    total = len(ids)
    written: Counter[str] = Counter()
    if progress is not None:
        progress(0, total, _("Menghitung predikat, angka kredit, kenaikan pangkat, talenta dan bimbingan…"))
    for start in range(0, total, max(1, chunk_size)):
        chunk = ids[start : start + chunk_size]
        with transaction.atomic():
            written.update(steps.run_chunk(chunk, tahun=tahun, as_of=as_of, tugas_id=tugas_id))
        if progress is not None:
            progress(min(start + chunk_size, total), total)
    if progress is not None:
        progress(total, total, _("Menghitung kandidat suksesi jabatan kritikal…"))
    with transaction.atomic():
        written.update(steps.run_final())
    result = {"pegawai": total, **dict(written)}
    audit.record(
        actor=actor,
        action="karier.hitung",
        obj=TugasLatar.objects.get(pk=tugas_id),
        summary=f"Perhitungan karier dan talenta tahun {tahun}: {total} pegawai",
        changes={k: [None, v] for k, v in result.items()},
    )
    return result


def ringkasan(tahun: int, n: int) -> str:
    """The job's outcome in words."""
    return _("Karier dan talenta tahun %(tahun)s dihitung untuk %(n)s pegawai.") % {"tahun": tahun, "n": angka(n)}


def karier_hitung_now(
    *, actor: Actor, tahun: int, as_of: dt.date | None = None, chunk_size: int = CHUNK
) -> dict[str, int]:
    """The same job run in this process (commands, the demo seed, the bench): a job row like a started
    one — listed on /karier/hitung/, the audit entry's object — driven by `core.jobs.job_run`."""
    access.require_bkd(actor, _("Hanya admin BKD yang dapat menjalankan perhitungan karier dan talenta."))
    _check_year(tahun)
    job = TugasLatar.objects.create(
        jenis=JenisTugasLatar.KARIER, parameter={"tahun": tahun}, dibuat_oleh_id=actor.user_id
    )

    def work(job: TugasLatar, progress: Progress) -> tuple[str, dict[str, Any]]:
        hasil = karier_hitung(
            actor=actor, tahun=tahun, tugas_id=job.pk, progress=progress, as_of=as_of, chunk_size=chunk_size
        )
        return ringkasan(tahun, hasil["pegawai"]), {"tahun": tahun, **hasil}

    outcome = job_run(job.pk, work, reset=True)
    if outcome["status"] != StatusTugasLatar.SELESAI:
        raise ValidationError(outcome["pesan"])
    return {k: v for k, v in outcome.items() if k not in ("status", "tahun")}
