"""Period close (issue #5, part 8): one background run for an agency or the whole province.

Stages, each chunked and each chunk its own transaction (a crash leaves whole chunks only; running
again continues, because every stage only touches what is still missing or wrong — idempotent):

1. **Evaluations** — an `Evaluasi` for every approved plan of the year overlapping the period, the
   appraiser by party A's rule (`periods.appraisers_on`), streamed with COPY per chunk: the one bulk
   maker of evaluations, `periods.evaluasi_bulk_create` (opening a period uses it too).
2. **Rules** — (a) a unit head's rating hasil kerja follows the unit's result
   (`rules.rating_from_organisasi`): one UPDATE per organisation predikat (five); (b) the predikat
   of every evaluation from its two ratings (`rules.predikat_kinerja` evaluated in Python for the
   nine combinations, written as one `CASE` UPDATE per chunk of ids that changes only rows whose
   predikat differs). FINAL (locked) evaluations are never touched.
3. **Completeness** — who is still unrated, which calibration units have no unit result and how
   many are not finalised (two GROUP BY reads).
4. **Recap** — counts per calibration unit × final predikat into the job's `hasil`; a province run
   with nobody unrated marks the period DITUTUP (an agency run never changes the period's status).

Cost: per chunk of `CHUNK` people a fixed number of statements; nothing is read or written per person.

One run per period at a time (issue #8 §9): `period_lock` takes a PostgreSQL advisory lock on the
period (released when the run ends or its connection dies), or on other databases inserts a
`KunciTutupPeriode` row (a stale row older than `LOCK_STALE` is taken over). A second run meanwhile
raises `SedangBerjalan` at once: the command says "sedang berjalan" and exits 0, a job ends with that
message. This is also the only way to close a period: every edge that closes one — the calibration
close screen and `POST /penilaian/tutup`, the calendar's "Tutup" and `POST /penilaian/periode/{id}/status`
— starts it as a background job with `periode_close_start` (the task is
`karier.appraisal.tasks.periode_close_task`, on the shared plumbing of `karier.core.jobs`); no request
runs it inline. The management command runs it in its own process.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, CharField, F, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from karier.appraisal import workflow
from karier.appraisal.calibration.selectors import calibration_counts, empty_counts
from karier.appraisal.choices import (
    PredikatOrganisasiChoice,
    RatingChoice,
    StatusEvaluasi,
    StatusFinalisasi,
    StatusPeriode,
)
from karier.appraisal.evaluation.periods import evaluasi_bulk_create
from karier.appraisal.models import (
    Evaluasi,
    FinalisasiUnit,
    KunciTutupPeriode,
    PeriodePenilaian,
    PredikatOrganisasiUnit,
)
from karier.core import audit, bulk, jobs
from karier.core.choices import JenisTugasLatar
from karier.core.models import TugasLatar
from karier.people.access import Actor
from karier.people.models import UnitKerja
from karier.rules import predikat_kinerja, rating_from_organisasi

CHUNK = 20_000
MAX_CONTOH = 50
Progress = Callable[[int, int, str], None]

TAHAP_EVALUASI = "evaluasi"
TAHAP_ATURAN = "aturan"
TAHAP_REKAP = "rekap"
TAHAP_LABELS = {
    TAHAP_EVALUASI: "Membuat evaluasi yang belum ada",
    TAHAP_ATURAN: "Menerapkan aturan predikat",
    TAHAP_REKAP: "Memeriksa kelengkapan dan menyusun rekap",
}

logger = logging.getLogger(__name__)


@dataclass
class CloseResult:
    periode_id: int
    opd_id: int | None
    evaluasi_dibuat: int = 0
    evaluasi_total: int = 0
    rating_pemimpin_ditulis: int = 0
    predikat_ditulis: int = 0
    belum_dinilai: int = 0
    contoh_belum_dinilai: list[dict[str, Any]] = field(default_factory=list)
    unit_tanpa_hasil: list[dict[str, Any]] = field(default_factory=list)
    unit_belum_final: int = 0
    rekap: dict[str, dict[str, int]] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    periode_ditutup: bool = False
    detik: float = 0.0

    @property
    def lengkap(self) -> bool:
        return self.belum_dinilai == 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "periode_id": self.periode_id,
            "opd_id": self.opd_id,
            "evaluasi_dibuat": self.evaluasi_dibuat,
            "evaluasi_total": self.evaluasi_total,
            "rating_pemimpin_ditulis": self.rating_pemimpin_ditulis,
            "predikat_ditulis": self.predikat_ditulis,
            "belum_dinilai": self.belum_dinilai,
            "contoh_belum_dinilai": self.contoh_belum_dinilai,
            "unit_tanpa_hasil": self.unit_tanpa_hasil,
            "unit_belum_final": self.unit_belum_final,
            "lengkap": self.lengkap,
            "rekap": self.rekap,
            "total": self.total,
            "periode_ditutup": self.periode_ditutup,
            "detik": round(self.detik, 3),
        }


# ---------------------------------------------------------------------------- who
def close_allowed(actor: Actor, opd_id: int | None) -> bool:
    """BKD admin: the province or any agency; an agency head: his agency. Never auditors."""
    if actor.is_auditor and not actor.is_admin:
        return False
    if actor.is_admin:
        return True
    return opd_id is not None and opd_id in actor.opd_ids


def _validate(*, actor: Actor, periode_id: int, opd_id: int | None) -> tuple[PeriodePenilaian, UnitKerja | None]:
    periode = PeriodePenilaian.objects.filter(pk=periode_id).select_related("tahun").first()
    if periode is None:
        raise ValidationError({"periode": _("Periode penilaian tidak ditemukan.")})
    opd = None
    if opd_id is not None:
        opd = UnitKerja.objects.filter(pk=opd_id).first()
        if opd is None:
            raise ValidationError({"opd": _("Perangkat daerah tidak ditemukan.")})
        if opd.parent_id is not None:
            raise ValidationError({"opd": _("Yang dipilih bukan perangkat daerah.")})
    if not close_allowed(actor, opd_id):
        raise PermissionDenied(
            _("Penutupan periode dijalankan oleh admin BKD, atau kepala perangkat daerah untuk perangkat daerahnya.")
        )
    return periode, opd


# ---------------------------------------------------------------------------- scope
def _evaluasi_scope(periode: PeriodePenilaian, opd_id: int | None) -> QuerySet[Evaluasi]:
    qs = Evaluasi.objects.filter(periode=periode)
    return qs.filter(unit__opd_id=opd_id) if opd_id is not None else qs


def predikat_case() -> Case:
    """The predikat matrix of `karier.rules` as one SQL expression ('' while a rating is missing)."""
    whens = [
        When(rating_hasil_kerja=h, rating_perilaku=p, then=Value(predikat_kinerja(h, p).value))
        for h in RatingChoice.values
        for p in RatingChoice.values
    ]
    return Case(*whens, default=Value(""), output_field=CharField())


# ---------------------------------------------------------------------------- stages
def _create_evaluations(
    periode: PeriodePenilaian, opd_id: int | None, chunk_size: int, progress: Progress | None
) -> int:
    """Missing evaluations, chunk by chunk: `periods.evaluasi_bulk_create`, the one set-based maker of
    evaluations (appraiser rule, snapshots, COPY per chunk, resumable), reporting as this stage."""

    def stage(done: int, total: int) -> None:
        if progress:
            progress(done, total, TAHAP_EVALUASI)

    return evaluasi_bulk_create(
        periode=periode, opd_id=opd_id, chunk_size=chunk_size, progress=stage if progress else None
    )


def _leader_ratings(periode: PeriodePenilaian, opd_id: int | None) -> int:
    """Unit heads' rating hasil kerja from their unit's result: one UPDATE per organisation predikat."""
    written = 0
    heads = (
        _evaluasi_scope(periode, opd_id)
        .filter(jabatan__adalah_kepala_unit=True, jabatan__unit_id=F("unit_id"))
        .exclude(status=StatusEvaluasi.FINAL)
    )
    for org in PredikatOrganisasiChoice.values:
        rating = rating_from_organisasi(org).value
        units = PredikatOrganisasiUnit.objects.filter(periode=periode, predikat=org).values("unit_id")
        written += (
            heads.filter(unit_id__in=units)
            .exclude(rating_hasil_kerja=rating)
            .update(rating_hasil_kerja=rating, alasan_hasil_kerja=f"Mengikuti predikat kinerja organisasi unit: {org}.")
        )
    return written


def _apply_rules(ids: list[int], periode: PeriodePenilaian, chunk_size: int, progress: Progress | None) -> int:
    expr = predikat_case()
    written = 0
    for start in range(0, len(ids), chunk_size):
        chunk = ids[start : start + chunk_size]
        with transaction.atomic():
            written += (
                Evaluasi.objects.filter(periode=periode, pk__gte=chunk[0], pk__lte=chunk[-1])
                .exclude(status=StatusEvaluasi.FINAL)
                .exclude(predikat=expr)
                .update(predikat=expr)
            )
        if progress:
            progress(start + len(chunk), len(ids), TAHAP_ATURAN)
    return written


def completeness(
    periode: PeriodePenilaian, opd_id: int | None, counts: dict[int, dict[str, int]], result: CloseResult
) -> None:
    scope = _evaluasi_scope(periode, opd_id)
    unrated = scope.filter(predikat="")
    result.belum_dinilai = unrated.count()
    result.contoh_belum_dinilai = [
        {"evaluasi_id": pk, "nama": nama, "nip": nip, "unit": unit}
        for pk, nama, nip, unit in unrated.order_by("unit__path", "pegawai__nama").values_list(
            "pk", "pegawai__nama", "pegawai__nip", "unit__nama"
        )[:MAX_CONTOH]
    ]
    with_result = set(PredikatOrganisasiUnit.objects.filter(periode=periode).values_list("unit_id", flat=True))
    final = set(
        FinalisasiUnit.objects.filter(periode=periode, status=StatusFinalisasi.FINAL).values_list("unit_id", flat=True)
    )
    missing = sorted(u for u in counts if u not in with_result)
    names = dict(UnitKerja.objects.filter(pk__in=missing[:MAX_CONTOH]).values_list("pk", "nama"))
    result.unit_tanpa_hasil = [{"unit_id": u, "nama": names.get(u, "")} for u in missing[:MAX_CONTOH]]
    result.unit_belum_final = sum(1 for u in counts if u not in final)
    if len(missing) > MAX_CONTOH:
        result.unit_tanpa_hasil.append({"unit_id": None, "nama": f"dan {len(missing) - MAX_CONTOH} unit lainnya"})


# ---------------------------------------------------------------------------- one run at a time
LOCK_NAMESPACE = 0x4B52  # "KR": the first key of the advisory lock; the period id is the second
LOCK_STALE = dt.timedelta(hours=6)
MSG_SEDANG_BERJALAN = gettext_noop(
    "Penutupan periode %(nama)s sedang berjalan (dijalankan oleh proses lain); tunggu sampai "
    "selesai, lalu periksa hasilnya atau jalankan ulang bila perlu."
)


class SedangBerjalan(ValidationError):
    """Another close of the same period is running now."""


_running: set[int] = set()  # periods being closed in this process (advisory locks re-enter per session)
_running_guard = threading.Lock()


@contextmanager
def period_lock(periode: PeriodePenilaian) -> Iterator[None]:
    """Hold the period's close lock for the duration, or raise `SedangBerjalan` at once."""
    refused = SedangBerjalan(_(MSG_SEDANG_BERJALAN) % {"nama": str(periode)})
    with _running_guard:
        if periode.pk in _running:
            raise refused
        _running.add(periode.pk)
    try:
        with _database_lock(periode, refused):
            yield
    finally:
        with _running_guard:
            _running.discard(periode.pk)


@contextmanager
def _database_lock(periode: PeriodePenilaian, refused: SedangBerjalan) -> Iterator[None]:
    """Across processes: PostgreSQL's advisory lock, else the `KunciTutupPeriode` row."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_NAMESPACE, periode.pk])
            if not cur.fetchone()[0]:
                raise refused
        try:
            yield
        finally:
            with connection.cursor() as cur:
                cur.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_NAMESPACE, periode.pk])
        return
    now = timezone.now()
    try:
        with transaction.atomic():
            KunciTutupPeriode.objects.filter(periode=periode, dimulai_pada__lt=now - LOCK_STALE).delete()
            KunciTutupPeriode.objects.create(periode=periode, dimulai_pada=now)
    except IntegrityError:
        raise refused from None
    try:
        yield
    finally:
        KunciTutupPeriode.objects.filter(periode=periode, dimulai_pada=now).delete()


# ---------------------------------------------------------------------------- the run
def periode_close(
    *,
    actor: Actor,
    periode_id: int,
    opd_id: int | None = None,
    job_id: int | None = None,
    chunk_size: int = CHUNK,
    progress: Progress | None = None,
) -> CloseResult:
    """Close a period for an agency (`opd_id`) or the province (see the module docstring): the body of
    the close job, and of the management command (`SYSTEM`). The actor's rights are checked here."""
    started = time.perf_counter()
    periode, opd = _validate(actor=actor, periode_id=periode_id, opd_id=opd_id)
    with period_lock(periode):
        return _run(
            actor=actor,
            periode=periode,
            opd=opd,
            job_id=job_id,
            chunk_size=max(1, chunk_size),
            progress=progress,
            started=started,
        )


def _run(
    *,
    actor: Actor,
    periode: PeriodePenilaian,
    opd: UnitKerja | None,
    job_id: int | None,
    chunk_size: int,
    progress: Progress | None,
    started: float,
) -> CloseResult:
    opd_id = opd.pk if opd is not None else None
    result = CloseResult(periode_id=periode.pk, opd_id=opd_id)

    result.evaluasi_dibuat = _create_evaluations(periode, opd_id, chunk_size, progress)
    with transaction.atomic():
        result.rating_pemimpin_ditulis = _leader_ratings(periode, opd_id)
    ids = list(_evaluasi_scope(periode, opd_id).order_by("pk").values_list("pk", flat=True))
    result.evaluasi_total = len(ids)
    if progress:
        progress(0, len(ids), TAHAP_ATURAN)
    result.predikat_ditulis = _apply_rules(ids, periode, chunk_size, progress)
    del ids
    if result.predikat_ditulis:
        bulk.analyze(Evaluasi)  # the predikat columns changed wholesale: the planner's figures follow

    if progress:
        progress(result.evaluasi_total, result.evaluasi_total, TAHAP_REKAP)
    counts = calibration_counts(periode, opd_id=opd_id)
    completeness(periode, opd_id, counts, result)
    total = empty_counts()
    for unit_id, c in counts.items():
        result.rekap[str(unit_id)] = {k: v for k, v in c.items() if v}
        for k, v in c.items():
            total[k] += v
    result.total = total

    if opd_id is None and result.lengkap:
        with transaction.atomic():
            locked = PeriodePenilaian.objects.select_for_update().get(pk=periode.pk)
            if locked.status != StatusPeriode.DITUTUP:
                old = workflow.periode_move(locked, StatusPeriode.DITUTUP)
                audit.record(
                    actor=actor,
                    action="penilaian.periode_tutup",
                    obj=locked,
                    summary=str(locked),
                    changes={"status": [old, StatusPeriode.DITUTUP]},
                )
        result.periode_ditutup = True
    result.detik = time.perf_counter() - started
    job = TugasLatar.objects.filter(pk=job_id).first() if job_id else None
    scope = f"perangkat daerah {opd.nama}" if opd else "seluruh provinsi"
    audit.record(
        actor=actor,
        action="appraisal.period_close",
        obj=job or periode,
        summary=f"Penutupan {periode} ({scope}): {result.predikat_ditulis} predikat ditulis, "
        f"{result.belum_dinilai} belum dinilai",
        changes={k: v for k, v in result.as_dict().items() if k not in ("rekap", "contoh_belum_dinilai")},
    )
    _after_close(actor, periode, opd_id)
    return result


def _after_close(actor: Actor, periode: PeriodePenilaian, opd_id: int | None) -> None:
    """Let the layers above refresh what the close changed (`settings.KARIER_AFTER_PERIOD_CLOSE`: the
    career recomputation). The close is already committed: a failure there is logged, never raised."""
    for path in getattr(settings, "KARIER_AFTER_PERIOD_CLOSE", []):
        try:
            import_string(path)(actor=actor, periode=periode, opd_id=opd_id)
        except Exception:  # the close stands whatever a follower does
            logger.exception("after-close hook %s failed", path)


# ---------------------------------------------------------------------------- jobs
def periode_close_start(
    *, actor: Actor, periode_id: int, opd_id: int | None = None, require_open: bool = False
) -> TugasLatar:
    """The one way an edge closes a period: check the request, record a job and enqueue
    `periode_close_task` after commit (ids only). `require_open`: the calendar's "Tutup" (and the API's
    status change), which closes only a period that is open; the close screen may re-run a close."""
    periode, _opd = _validate(actor=actor, periode_id=periode_id, opd_id=opd_id)
    if require_open:
        from karier.appraisal.evaluation.periods import admin_only

        admin_only(actor)
        if periode.status != StatusPeriode.DIBUKA:
            raise workflow.periode_refusal(periode)
    from karier.appraisal.tasks import periode_close_task

    return jobs.job_start(
        actor=actor,
        jenis=JenisTugasLatar.TUTUP_PERIODE,
        parameter={"periode_id": periode_id, "opd_id": opd_id},
        task=periode_close_task,
    )


def close_job_for_actor(actor: Actor, job_id: int) -> TugasLatar:
    """A close job is visible to whoever started it, BKD admins and auditors; 404 otherwise."""
    return jobs.job_for_actor(actor, job_id, jenis=JenisTugasLatar.TUTUP_PERIODE)


def close_scope_q(actor: Actor) -> Q:
    """Agencies an actor may close (for the screen's choices)."""
    if actor.is_admin:
        return Q(parent__isnull=True)
    return Q(pk__in=actor.opd_ids)
