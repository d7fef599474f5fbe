"""The year's appraisal calendar (periods) and the evaluations made for each period.

Defaults (the BKD admin changes any of them per period; docs/appraisal.md):
- periodic evaluations are quarterly (Triwulan I–IV) or monthly (Bulan 1–12), per year;
- a periodic period opens for entry on its first day and its deadline is 10 days after it ends;
- the annual evaluation (Tahunan, 1 January–31 December) opens on 1 December and its deadline is
  31 January of the next year;
- changing the frequency is refused once any periodic evaluation exists for the year.

Evaluations are made for approved plans (SKP status DISETUJUI) whose period overlaps the
evaluation period, one per plan per period; the appraiser is resolved on the period's end date
(clamped to the plan's own end), which may differ from the plan's snapshot after a transfer.

Opening scales with headcount, so edges only start it (`periode_open_start`: a `BUKA_PERIODE` job); the job
runs `periode_open`, which makes the evaluations chunk by chunk (idempotent: running again continues) and
only then marks the period DIBUKA. Closing is `close.periode_close_start` (docs/appraisal.md, "Periods").
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from karier.appraisal import workflow
from karier.appraisal.choices import Frekuensi, JenisPeriode, StatusPeriode
from karier.appraisal.evaluation import access
from karier.appraisal.models import (
    Evaluasi,
    FinalisasiUnit,
    KalenderPenilaian,
    PeriodePenilaian,
    PredikatOrganisasiUnit,
)
from karier.core import audit, bulk, jobs
from karier.core.choices import JenisTugasLatar
from karier.core.models import TugasLatar
from karier.people import selectors
from karier.people.access import Actor
from karier.people.selectors import appraiser_on
from karier.plans.choices import StatusSkp
from karier.plans.models import Skp, TahunKinerja
from karier.rules import BULAN

DEADLINE_AFTER_DAYS = 10  # periodic: deadline = period end + 10 days
ANNUAL_OPENS = (12, 1)  # 1 December of the year
ANNUAL_DEADLINE = (1, 31)  # 31 January of the next year
ROMAN = ("I", "II", "III", "IV")
CHUNK = 1000
MAX_HARI_PENGINGAT = 60
MAX_JENDELA_KEBERATAN = 90


# ---------------------------------------------------------------------------- defaults (pure)
@dataclass(frozen=True)
class PeriodSpec:
    jenis: str
    nomor: int
    nama: str
    mulai: dt.date
    selesai: dt.date
    dibuka_pada: dt.date
    batas_pengisian: dt.date


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def default_periods(tahun: int, frekuensi: str) -> list[PeriodSpec]:
    """The default calendar of a year: the periodic periods, then the annual one."""
    specs: list[PeriodSpec] = []
    quarterly = frekuensi == Frekuensi.TRIWULAN
    jenis, months = (JenisPeriode.TRIWULAN, 3) if quarterly else (JenisPeriode.BULAN, 1)
    for n in range(1, 12 // months + 1):
        mulai, selesai = dt.date(tahun, months * (n - 1) + 1, 1), _month_end(tahun, months * n)
        nama = f"Triwulan {ROMAN[n - 1]}" if quarterly else f"Bulan {BULAN[n - 1]}"
        deadline = selesai + dt.timedelta(days=DEADLINE_AFTER_DAYS)
        specs.append(PeriodSpec(jenis, n, nama, mulai, selesai, mulai, deadline))
    specs.append(
        PeriodSpec(
            JenisPeriode.TAHUNAN,
            0,
            "Tahunan",
            dt.date(tahun, 1, 1),
            dt.date(tahun, 12, 31),
            dt.date(tahun, *ANNUAL_OPENS),
            dt.date(tahun + 1, *ANNUAL_DEADLINE),
        )
    )
    return specs


# ---------------------------------------------------------------------------- reads
def periods_for_year(tahun: int | TahunKinerja) -> QuerySet[PeriodePenilaian]:
    """A year's periods in calendar order (periodic first within equal starts; annual last)."""
    tahun_id = tahun.pk if isinstance(tahun, TahunKinerja) else tahun
    return (
        PeriodePenilaian.objects.filter(tahun_id=tahun_id)
        .select_related("tahun")
        .order_by("selesai", "-mulai", "jenis", "nomor")
    )


def kalender_of(tahun: int) -> KalenderPenilaian | None:
    return KalenderPenilaian.objects.filter(tahun_id=tahun).first()


# ---------------------------------------------------------------------------- calendar writes
def admin_only(actor: Actor) -> None:
    if not access.can_manage_calendar(actor):
        raise PermissionDenied(_("Hanya admin BKD (pengelola kinerja) yang dapat mengatur kalender penilaian."))


def _bounded(value: int | None, field: str, low: int, high: int, errors: dict[str, str]) -> None:
    if value is not None and not low <= value <= high:
        errors[field] = f"Isi angka {low} sampai {high}."


def kalender_set(
    *,
    actor: Actor,
    tahun: int,
    frekuensi: str = Frekuensi.TRIWULAN,
    hari_pengingat: int | None = None,
    jendela_keberatan_hari: int | None = None,
    izinkan_justifikasi_kurva: bool | None = None,
) -> KalenderPenilaian:
    """Configure a year (admin only) and create its periods with the default dates (missing ones only,
    so re-running never moves dates the admin edited). Changing the frequency replaces the periodic
    periods, refused once any periodic evaluation exists."""
    from karier.plans.services import tahun_kinerja_get_or_create

    admin_only(actor)
    errors: dict[str, str] = {}
    if frekuensi not in Frekuensi.values:
        errors["frekuensi"] = "Pilih frekuensi: Triwulanan atau Bulanan."
    _bounded(hari_pengingat, "hari_pengingat", 0, MAX_HARI_PENGINGAT, errors)
    _bounded(jendela_keberatan_hari, "jendela_keberatan_hari", 1, MAX_JENDELA_KEBERATAN, errors)
    if errors:
        raise ValidationError(errors)
    year = tahun_kinerja_get_or_create(tahun)
    if year.ditutup:
        raise ValidationError(
            {"tahun": _("Tahun kinerja %(tahun)s sudah ditutup; kalender tidak dapat diubah.") % {"tahun": tahun}}
        )
    old_jenis = JenisPeriode.BULAN if frekuensi == Frekuensi.TRIWULAN else JenisPeriode.TRIWULAN
    stale = PeriodePenilaian.objects.filter(tahun=year, jenis=old_jenis)
    if stale.exists() and (
        Evaluasi.objects.filter(periode__in=stale).exists()
        or PredikatOrganisasiUnit.objects.filter(periode__in=stale).exists()
        or FinalisasiUnit.objects.filter(periode__in=stale).exists()
    ):
        raise ValidationError(
            {
                "frekuensi": _(
                    "Frekuensi tidak dapat diubah: sudah ada evaluasi pada periode "
                    "tahun ini. Hubungi pengelola sistem bila memang perlu."
                )
            }
        )
    with transaction.atomic():
        kal, created = KalenderPenilaian.objects.select_for_update().get_or_create(tahun=year)
        before = {
            "frekuensi": "" if created else kal.frekuensi,
            "hari_pengingat": kal.hari_pengingat,
            "jendela_keberatan_hari": kal.jendela_keberatan_hari,
            "izinkan_justifikasi_kurva": kal.izinkan_justifikasi_kurva,
        }
        kal.frekuensi = frekuensi
        if hari_pengingat is not None:
            kal.hari_pengingat = hari_pengingat
        if jendela_keberatan_hari is not None:
            kal.jendela_keberatan_hari = jendela_keberatan_hari
        if izinkan_justifikasi_kurva is not None:
            kal.izinkan_justifikasi_kurva = izinkan_justifikasi_kurva
        kal.save()
        removed = stale.count()
        if removed:
            stale.delete()
        existing = set(PeriodePenilaian.objects.filter(tahun=year).values_list("jenis", "nomor"))
        new = [
            PeriodePenilaian(
                tahun=year,
                jenis=s.jenis,
                nomor=s.nomor,
                nama=s.nama,
                mulai=s.mulai,
                selesai=s.selesai,
                dibuka_pada=s.dibuka_pada,
                batas_pengisian=s.batas_pengisian,
            )
            for s in default_periods(tahun, frekuensi)
            if (s.jenis, s.nomor) not in existing
        ]
        PeriodePenilaian.objects.bulk_create(new)
        after = {
            "frekuensi": kal.frekuensi,
            "hari_pengingat": kal.hari_pengingat,
            "jendela_keberatan_hari": kal.jendela_keberatan_hari,
            "izinkan_justifikasi_kurva": kal.izinkan_justifikasi_kurva,
        }
        changes: dict[str, Any] = audit.diff(before, after)
        if new or removed:
            changes["periode"] = [removed, len(new)]
        audit.record(
            actor=actor,
            action="penilaian.kalender",
            obj=kal,
            summary=f"Kalender penilaian {tahun}: {Frekuensi(frekuensi).label}",
            changes=changes,
        )
    return kal


def periode_update(
    *,
    actor: Actor,
    periode: PeriodePenilaian,
    dibuka_pada: dt.date | None = None,
    batas_pengisian: dt.date | None = None,
    nama: str | None = None,
) -> PeriodePenilaian:
    """Edit one period's opening date, deadline or name (admin only)."""
    admin_only(actor)
    if periode.tahun.ditutup:
        raise ValidationError(
            _("Tahun kinerja %(tahun)s sudah ditutup; kalender tidak dapat diubah.") % {"tahun": periode.tahun_id}
        )
    errors: dict[str, str] = {}
    new_open = dibuka_pada or periode.dibuka_pada
    new_deadline = batas_pengisian or periode.batas_pengisian
    new_name = periode.nama if nama is None else nama.strip()
    if new_deadline < new_open:
        errors["batas_pengisian"] = "Batas pengisian tidak boleh sebelum tanggal dibuka."
    if new_deadline < periode.selesai:
        errors.setdefault(
            "batas_pengisian", f"Batas pengisian tidak boleh sebelum periode berakhir ({periode.selesai:%d-%m-%Y})."
        )
    if new_open > periode.selesai:
        errors["dibuka_pada"] = f"Tanggal dibuka paling lambat akhir periode ({periode.selesai:%d-%m-%Y})."
    if not new_name or len(new_name) > 60:
        errors["nama"] = "Nama periode wajib diisi (paling banyak 60 karakter)."
    if errors:
        raise ValidationError(errors)
    before = {"dibuka_pada": periode.dibuka_pada, "batas_pengisian": periode.batas_pengisian, "nama": periode.nama}
    with transaction.atomic():
        periode.dibuka_pada, periode.batas_pengisian, periode.nama = new_open, new_deadline, new_name
        periode.save(update_fields=["dibuka_pada", "batas_pengisian", "nama"])
        after = {"dibuka_pada": periode.dibuka_pada, "batas_pengisian": periode.batas_pengisian, "nama": periode.nama}
        audit.record(
            actor=actor,
            action="penilaian.periode_ubah",
            obj=periode,
            summary=str(periode),
            changes=audit.diff(before, after),
        )
    return periode


def _status_move(*, actor: Actor, periode: PeriodePenilaian, ke: str, action: str) -> None:
    with transaction.atomic():
        locked = PeriodePenilaian.objects.select_for_update().get(pk=periode.pk)
        old = workflow.periode_move(locked, ke)
        audit.record(actor=actor, action=action, obj=locked, summary=str(locked), changes={"status": [old, ke]})
    periode.status = ke


MSG_BUKA_BERJALAN = gettext_noop("Pembukaan periode %(nama)s sedang berjalan; tunggu sampai selesai.")
JOB_STALE = dt.timedelta(hours=6)  # a job row left running longer than this died with its worker


def _check_openable(actor: Actor, periode: PeriodePenilaian, *, open_too: bool = False) -> None:
    admin_only(actor)
    if periode.tahun.ditutup:
        raise ValidationError(_("Tahun kinerja %(tahun)s sudah ditutup.") % {"tahun": periode.tahun_id})
    periode.refresh_from_db(fields=["status"])
    if not workflow.periode_can_move(periode.status, StatusPeriode.DIBUKA) and not (
        open_too and periode.status == StatusPeriode.DIBUKA
    ):
        raise workflow.periode_refusal(periode)


def pending_openings() -> QuerySet[TugasLatar]:
    """Opening jobs waiting or running (`parameter["periode_id"]` names the period)."""
    return jobs.jobs_running(JenisTugasLatar.BUKA_PERIODE, JOB_STALE)


def periode_open_start(*, actor: Actor, periode: PeriodePenilaian) -> TugasLatar:
    """The one way an edge opens a period (admin only): check the request, record a `BUKA_PERIODE` job and
    enqueue `periode_open_task` after commit. The period stays as it is until the job has made the
    evaluations (`periode_open`); a second start while one is pending or running is refused."""
    from karier.appraisal.tasks import periode_open_task

    _check_openable(actor, periode)
    if pending_openings().filter(parameter__periode_id=periode.pk).exists():
        raise ValidationError(_(MSG_BUKA_BERJALAN) % {"nama": periode.nama})
    return jobs.job_start(
        actor=actor, jenis=JenisTugasLatar.BUKA_PERIODE, parameter={"periode_id": periode.pk}, task=periode_open_task
    )


def periode_open(
    *,
    actor: Actor,
    periode: PeriodePenilaian,
    chunk_size: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    resume: bool = False,
) -> int:
    """Open a period (admin only): make the evaluations of its approved plans, chunk by chunk, then mark
    it DIBUKA (audited). The body of the opening job; commands and seeding call it directly, requests
    never do (`periode_open_start`). Stopped half-way, it leaves whole chunks and the period unopened:
    running it again continues; with `resume` (the job) a period found open already only gets the
    evaluations still missing. Returns how many evaluations were created."""
    _check_openable(actor, periode, open_too=resume)
    created = evaluasi_bulk_create(periode=periode, chunk_size=chunk_size or CHUNK, progress=progress)
    if periode.status != StatusPeriode.DIBUKA:
        _status_move(actor=actor, periode=periode, ke=StatusPeriode.DIBUKA, action="penilaian.periode_buka")
    return created


# ---------------------------------------------------------------------------- evaluations
def _overlaps(periode: PeriodePenilaian, prefix: str = "") -> Q:
    return Q(**{f"{prefix}periode_mulai__lte": periode.selesai, f"{prefix}periode_selesai__gte": periode.mulai})


def _appraiser_day(periode: PeriodePenilaian, mulai: dt.date, selesai: dt.date) -> dt.date:
    """The appraiser is resolved on the period's end date, clamped to the plan's own period."""
    return max(min(periode.selesai, selesai), mulai)


def _appraiser_date(skp: Skp, periode: PeriodePenilaian) -> dt.date:
    return _appraiser_day(periode, skp.periode_mulai, skp.periode_selesai)


def eligible_skp(periode: PeriodePenilaian) -> QuerySet[Skp]:
    """Approved plans of the period's year whose own period overlaps it."""
    return Skp.objects.filter(_overlaps(periode), tahun_id=periode.tahun_id, status=StatusSkp.DISETUJUI)


def evaluasi_get_or_create(*, skp: Skp, periode: PeriodePenilaian) -> Evaluasi:
    """The plan's evaluation for the period, made on first use with the snapshots of the plan
    (pegawai, unit, jabatan) and the appraiser on the period's end date."""
    existing = Evaluasi.objects.filter(skp=skp, periode=periode).first()
    if existing is not None:
        return existing
    if skp.tahun_id != periode.tahun_id or not (
        skp.periode_mulai <= periode.selesai and skp.periode_selesai >= periode.mulai
    ):
        raise ValidationError(_("SKP ini tidak berlaku pada periode penilaian tersebut."))
    if skp.status != StatusSkp.DISETUJUI:
        raise ValidationError(_("Evaluasi hanya dibuat untuk SKP yang sudah disetujui pejabat penilai."))
    penilai = appraiser_on(skp.pegawai_id, _appraiser_date(skp, periode))
    ev = Evaluasi(
        skp=skp,
        periode=periode,
        pegawai_id=skp.pegawai_id,
        unit_id=skp.unit_id,
        jabatan_id=skp.jabatan_id,
        penilai_id=penilai.pegawai.pk if penilai else skp.penilai_id,
        penilai_jabatan_id=penilai.jabatan.pk if penilai else skp.penilai_jabatan_id,
    )
    with transaction.atomic():
        Evaluasi.objects.bulk_create([ev], ignore_conflicts=True)  # a concurrent creator wins quietly
    return Evaluasi.objects.get(skp=skp, periode=periode)


def appraisers_on(pegawai_ids: Sequence[int], d: dt.date) -> dict[int, tuple[int, int]]:
    """{pegawai_id: (appraiser pegawai_id, appraiser jabatan_id)} on date d, set-based: the one resolver
    `karier.people.selectors.appraisers_on`, reduced to ids."""
    return {p: (a.pegawai.pk, a.jabatan.pk) for p, a in selectors.appraisers_on(pegawai_ids, d).items()}


EVALUASI_COLUMNS = ("skp_id", "periode_id", "pegawai_id", "unit_id", "jabatan_id", "penilai_id", "penilai_jabatan_id")
INSERT_TRIES = 3


def evaluasi_bulk_create(
    *,
    periode: PeriodePenilaian,
    skp_ids: Iterable[int] | None = None,
    opd_id: int | None = None,
    chunk_size: int = CHUNK,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Create the missing evaluations of a period (idempotent, set-based, chunked); the one way
    evaluations are made in bulk (opening a period here, the period close of `close.py`).

    Plans: approved, of the period's year, overlapping the period (optionally only `skp_ids`, or only
    an agency's: `opd_id`), found with one anti-join. Snapshots as in `evaluasi_get_or_create`: the
    plan's pegawai, unit and jabatan, and the appraiser on the period's end date clamped to the plan's
    own period (the plan's snapshot when nobody is found), resolved for a whole chunk at once. Each
    chunk is its own transaction, streamed with COPY (`core.bulk.bulk_insert`) after a re-check of what
    exists: a crash leaves whole chunks, and running again continues with what is still missing; an
    evaluation a concurrent run made first wins quietly. `progress(done, total)` follows the chunks.
    Existing evaluations are left untouched. Returns the number created.
    """
    qs = eligible_skp(periode).exclude(pk__in=Evaluasi.objects.filter(periode=periode).values("skp_id"))
    if skp_ids is not None:
        qs = qs.filter(pk__in=list(skp_ids))
    if opd_id is not None:
        qs = qs.filter(unit__opd_id=opd_id)
    rows = list(
        qs.order_by("pk").values_list(
            "pk",
            "pegawai_id",
            "unit_id",
            "jabatan_id",
            "penilai_id",
            "penilai_jabatan_id",
            "periode_mulai",
            "periode_selesai",
        )
    )
    created = 0
    if progress:
        progress(0, len(rows))
    for start in range(0, len(rows), chunk_size):
        chunk = rows[start : start + chunk_size]
        created += _create_chunk(periode, chunk)
        if progress:
            progress(start + len(chunk), len(rows))
    if created:
        bulk.analyze(Evaluasi)
    return created


def _create_chunk(periode: PeriodePenilaian, chunk: list[tuple[Any, ...]]) -> int:
    by_date: dict[dt.date, list[int]] = {}
    for _pk, peg, _u, _j, _p, _pj, mulai, selesai in chunk:
        by_date.setdefault(_appraiser_day(periode, mulai, selesai), []).append(peg)
    resolved = {(d, peg): who for d, pegs in by_date.items() for peg, who in appraisers_on(pegs, d).items()}
    lo, hi = chunk[0][0], chunk[-1][0]
    tries = 0
    while True:
        try:
            with transaction.atomic():
                exists = set(
                    Evaluasi.objects.filter(periode=periode, skp_id__gte=lo, skp_id__lte=hi).values_list(
                        "skp_id", flat=True
                    )
                )
                out = []
                for pk, peg, unit, jab, pen, pen_jab, mulai, selesai in chunk:
                    if pk in exists:
                        continue
                    pen, pen_jab = resolved.get((_appraiser_day(periode, mulai, selesai), peg), (pen, pen_jab))
                    out.append((pk, periode.pk, peg, unit, jab, pen, pen_jab))
                bulk.bulk_insert(Evaluasi, EVALUASI_COLUMNS, out)
            return len(out)
        except IntegrityError:  # one_evaluation_per_period: made meanwhile by someone else; the re-check skips it
            tries += 1
            if tries == INSERT_TRIES:
                raise


def current_periods(on: dt.date | None = None) -> QuerySet[PeriodePenilaian]:
    """Open periods (any year), nearest deadline first."""
    del on
    return (
        PeriodePenilaian.objects.filter(status=StatusPeriode.DIBUKA)
        .select_related("tahun")
        .order_by("batas_pengisian", "pk")
    )


def today() -> dt.date:
    return timezone.localdate()
