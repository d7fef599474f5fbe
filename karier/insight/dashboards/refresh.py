"""The dashboards' refresh (issue #13 item 1): recount every figure of a year into `AngkaDasbor`.

Set-based: one GROUP BY query per figure over the whole province (`aggregates.year_rows`), done by the
database, gives a few rows per work unit; the agency totals are their sums. The rows are then written
agency by agency — each agency's old rows deleted and the new ones bulk-inserted in one transaction,
with progress after each — so a dashboard never reads half an agency. The job runs

- after each period close (`hooks.after_period_close`, in `settings.KARIER_AFTER_PERIOD_CLOSE`),
- nightly (`tasks.segarkan_dasbor_harian`, in `settings.KARIER_DAILY_TASKS`): this year and last,
- when a BKD admin presses "Segarkan" (`dasbor_refresh_start`), refused while one is running,
- in-process for the demo seed and the bench (`dasbor_refresh_now`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from karier.core import audit
from karier.core.bulk import bulk_insert
from karier.core.choices import JenisTugasLatar, StatusTugasLatar
from karier.core.jobs import Progress, job_run, job_start, jobs_running
from karier.core.models import TugasLatar
from karier.core.numbers import angka
from karier.insight.dashboards import aggregates
from karier.insight.dashboards.access import require_refresh
from karier.insight.dashboards.aggregates import Row
from karier.insight.dashboards.choices import MetrikDasbor
from karier.insight.models import AngkaDasbor, PembaruanDasbor
from karier.people.access import Actor

STALE = dt.timedelta(hours=1)  # a refresh "running" longer than this has died: another may start
TAHUN_MIN = 2000
COLUMNS = ("tahun", "opd_id", "unit_id", "metrik", "kategori", "jumlah", "nilai", "target", "label")
MSG_BERJALAN = gettext_noop("Penyegaran data dasbor sedang berjalan; tunggu sampai selesai.")


def running_job() -> TugasLatar | None:
    return jobs_running(JenisTugasLatar.DASBOR, STALE).first()


def default_years(today: dt.date | None = None) -> list[int]:
    """This year and last: the nightly refresh and a start without a year."""
    year = (today or timezone.localdate()).year
    return [year - 1, year]


def _check_years(years: Sequence[int]) -> list[int]:
    top = timezone.localdate().year + 1
    clean = sorted(set(years))
    if not clean or any(not TAHUN_MIN <= t <= top for t in clean):
        raise ValidationError({"tahun": _("Tahun harus antara %(a)s dan %(b)s.") % {"a": TAHUN_MIN, "b": top}})
    return clean


def _checked(actor: Actor, tahun: Sequence[int] | None) -> list[int]:
    """The one check of every way in (start, in-process run, the job's run): may refresh
    (`access.require_refresh`), valid years (default: this year and last)."""
    require_refresh(actor)
    return _check_years(default_years() if tahun is None else tahun)


def dasbor_refresh_start(*, actor: Actor, tahun: Sequence[int] | None = None) -> TugasLatar:
    """Start the refresh of `tahun` (default: this year and last) as a background job; one at a time
    (ValidationError while one runs: the hook and the nightly task catch it)."""
    years = _checked(actor, tahun)
    if running_job() is not None:
        raise ValidationError({"__all__": _(MSG_BERJALAN)})
    from karier.insight.dashboards.tasks import segarkan_dasbor_task

    return job_start(actor=actor, jenis=JenisTugasLatar.DASBOR, parameter={"tahun": years}, task=segarkan_dasbor_task)


def _with_totals(rows: list[Row]) -> dict[int | None, list[tuple[Any, ...]]]:
    """The rows per agency to write: its units' rows and their sums as the agency's rows (unit empty).
    IKU rows of an agency (unit empty already) and of the province (`None`), and the IKM rows (an
    index, whose agency row `aggregates.ikm_dasbor_rows` computes), are kept as they are."""
    per_opd: dict[int | None, list[tuple[Any, ...]]] = defaultdict(list)
    per_opd[None] = []  # the province's own rows (IKU): replaced even when there are none left
    sums: dict[tuple[int, str, str], int] = defaultdict(int)
    for r in rows:
        per_opd[r.opd_id].append((r.opd_id, r.unit_id, r.metrik, r.kategori, r.jumlah, r.nilai, r.target, r.label))
        if r.opd_id is not None and r.unit_id is not None and r.metrik != MetrikDasbor.IKM:  # an index: not summed
            sums[(r.opd_id, r.metrik, r.kategori)] += r.jumlah
    for (opd_id, metrik, kategori), jumlah in sums.items():
        per_opd[opd_id].append((opd_id, None, metrik, kategori, jumlah, None, None, ""))
    return per_opd


def _write_year(tahun: int, rows: list[Row], progress: Progress | None, done: int, total: int) -> tuple[int, int]:
    """Replace the year's rows agency by agency (a transaction each), the province's own first; agencies
    with no row left are emptied at the end. Returns the rows written and the progress count reached."""
    per_opd = _with_totals(rows)
    written = 0
    for opd_id in sorted(per_opd, key=lambda k: (k is not None, k or 0)):
        with transaction.atomic():
            AngkaDasbor.objects.filter(tahun=tahun, opd_id=opd_id).delete()
            bulk_insert(AngkaDasbor, COLUMNS, [(tahun, *values) for values in per_opd[opd_id]])
        written += len(per_opd[opd_id])
        done += 1
        if progress is not None:
            progress(done, total)
    keep = [k for k in per_opd if k is not None]
    with transaction.atomic():
        AngkaDasbor.objects.filter(tahun=tahun, opd_id__isnull=False).exclude(opd_id__in=keep).delete()
    return written, done


def dasbor_refresh(
    *, actor: Actor, tahun: Sequence[int], tugas_id: int | None = None, progress: Progress | None = None
) -> dict[str, int]:
    """The background job's work, re-checking the starter's rights when it runs (they may have changed
    since the start); returns the rows written per year."""
    return _refresh(actor=actor, years=_checked(actor, tahun), tugas_id=tugas_id, progress=progress)


def _refresh(
    *, actor: Actor, years: list[int], tugas_id: int | None = None, progress: Progress | None = None
) -> dict[str, int]:
    """Every figure of every year in `years` (checked by the caller)."""
    per_year = {t: aggregates.year_rows(t) for t in years}
    total = sum(len({r.opd_id for r in rows} | {None}) for rows in per_year.values())
    if progress is not None:
        progress(0, total, _("Menghitung ulang angka dasbor…"))
    result: dict[str, int] = {}
    done = 0
    now = timezone.now()
    for t, rows in per_year.items():
        written, done = _write_year(t, rows, progress, done, total)
        PembaruanDasbor.objects.update_or_create(
            tahun=t, defaults={"diperbarui_pada": now, "tugas_id": tugas_id, "baris": written}
        )
        result[str(t)] = written
    if tugas_id is not None:
        audit.record(
            actor=actor,
            action="dasbor.segarkan",
            obj=TugasLatar.objects.get(pk=tugas_id),
            summary=f"Penyegaran data dasbor tahun {', '.join(map(str, years))}",
            changes={k: [None, v] for k, v in result.items()},
        )
    return result


def ringkasan(hasil: dict[str, int]) -> str:
    """The job's outcome in words."""
    return _("Data dasbor tahun %(tahun)s disegarkan (%(n)s baris).") % {
        "tahun": ", ".join(hasil),
        "n": angka(sum(hasil.values())),
    }


def dasbor_refresh_now(*, actor: Actor, tahun: Sequence[int] | None = None) -> dict[str, int]:
    """The same job run in this process (the demo seed, commands, the bench): a job row like a started one."""
    years = _checked(actor, tahun)
    job = TugasLatar.objects.create(
        jenis=JenisTugasLatar.DASBOR, parameter={"tahun": years}, dibuat_oleh_id=actor.user_id
    )

    def work(job: TugasLatar, progress: Progress) -> tuple[str, dict[str, Any]]:
        hasil = _refresh(actor=actor, years=years, tugas_id=job.pk, progress=progress)
        return ringkasan(hasil), hasil

    outcome = job_run(job.pk, work, reset=True)
    if outcome["status"] != StatusTugasLatar.SELESAI:
        raise ValidationError(outcome["pesan"])
    return {k: v for k, v in outcome.items() if k != "status"}
