"""Reminders before each deadline (issue #5 part 1): in-app (`Pengingat`) and e-mail where the user
has an address (Django's mail settings; the console backend by default).

For every open period whose deadline is within the year's `hari_pengingat` days (7 by default):
- each appraisee without any realisation gets "realisasi_belum";
- each appraiser with subordinates still unrated gets "rating_belum".
One reminder per user, period and kind (a unique constraint), so running it again — daily from
cron or the task queue — sends nothing twice. Set-based: a fixed number of queries per period.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from karier.accounts.models import User
from karier.appraisal.choices import StatusEvaluasi, StatusPeriode
from karier.appraisal.models import Evaluasi, KalenderPenilaian, Pengingat, PeriodePenilaian, Realisasi
from karier.people.access import Actor

logger = logging.getLogger(__name__)
DEFAULT_HARI = KalenderPenilaian._meta.get_field("hari_pengingat").default
JENIS_REALISASI = "realisasi_belum"
JENIS_RATING = "rating_belum"
UNRATED = (StatusEvaluasi.DRAFT, StatusEvaluasi.DIBUKA_ULANG)


@dataclass
class Hasil:
    periode: int = 0
    dibuat: int = 0
    email: int = 0


def due_periods(today: dt.date) -> list[PeriodePenilaian]:
    """Open periods whose deadline is today or within the year's reminder window."""
    out = []
    hari = dict(KalenderPenilaian.objects.values_list("tahun_id", "hari_pengingat"))
    for p in PeriodePenilaian.objects.filter(status=StatusPeriode.DIBUKA, batas_pengisian__gte=today):
        if (p.batas_pengisian - today).days <= hari.get(p.tahun_id, DEFAULT_HARI):
            out.append(p)
    return out


def _pending(periode: PeriodePenilaian) -> tuple[dict[int, int], dict[int, int]]:
    """({user_id: evaluasi_id} of appraisees without any realisation,
    {user_id: unrated count} of appraisers)."""
    filled = Realisasi.objects.filter(
        Q(realisasi_angka__isnull=False) | ~Q(realisasi_uraian=""), evaluasi_id=OuterRef("pk")
    )
    empty = (
        Evaluasi.objects.filter(periode=periode)
        .exclude(status=StatusEvaluasi.FINAL)
        .annotate(ada=Exists(filled))
        .filter(ada=False, pegawai__user__isnull=False)
        .values_list("pegawai__user__id", "pk")
    )
    appraisees: dict[int, int] = dict(empty)
    unrated = dict(
        Evaluasi.objects.filter(periode=periode, status__in=UNRATED, penilai__user__isnull=False)
        .values("penilai__user__id")
        .annotate(n=Count("pk"))
        .values_list("penilai__user__id", "n")
    )
    return appraisees, unrated


def pengingat_send(today: dt.date | None = None) -> Hasil:
    """Create the due reminders (idempotent) and e-mail the new ones. Returns what was done."""
    today = today or timezone.localdate()
    hasil = Hasil()
    for periode in due_periods(today):
        hasil.periode += 1
        appraisees, appraisers = _pending(periode)
        days = (periode.batas_pengisian - today).days
        when = "hari ini" if days == 0 else f"{days} hari lagi ({periode.batas_pengisian:%d-%m-%Y})"
        wanted: list[Pengingat] = []
        for uid, ev_id in appraisees.items():
            wanted.append(
                Pengingat(
                    pengguna_id=uid,
                    periode=periode,
                    jenis=JENIS_REALISASI,
                    pesan=f"Batas pengisian realisasi {periode.nama} {periode.tahun_id}: {when}. Anda belum mengisi "
                    "realisasi.",
                    tautan=reverse("appraisal:detail", args=[ev_id]),
                )
            )
        for uid, n in appraisers.items():
            wanted.append(
                Pengingat(
                    pengguna_id=uid,
                    periode=periode,
                    jenis=JENIS_RATING,
                    pesan=f"Batas penilaian {periode.nama} {periode.tahun_id}: {when}. {n} pegawai belum Anda beri "
                    "rating.",
                    tautan=reverse("appraisal:bulk", args=[periode.pk]),
                )
            )
        if not wanted:
            continue
        have = set(
            Pengingat.objects.filter(periode=periode, jenis__in=[JENIS_REALISASI, JENIS_RATING]).values_list(
                "pengguna_id", "jenis"
            )
        )
        new = [p for p in wanted if (p.pengguna_id, p.jenis) not in have]
        Pengingat.objects.bulk_create(new, ignore_conflicts=True)
        hasil.dibuat += len(new)
        hasil.email += _email(new)
    return hasil


def _email(reminders: list[Pengingat], judul: str = "Pengingat Karier: batas penilaian kinerja") -> int:
    """Send each reminder by e-mail too, under `judul` (the subject names what the reminder is about)."""
    if not reminders:
        return 0
    emails = dict(
        User.objects.filter(pk__in={r.pengguna_id for r in reminders}, is_active=True)
        .exclude(email="")
        .values_list("pk", "email")
    )
    sender = getattr(settings, "DEFAULT_FROM_EMAIL", None)
    messages = [(judul, r.pesan, sender, [emails[r.pengguna_id]]) for r in reminders if r.pengguna_id in emails]
    if not messages:
        return 0
    try:
        return send_mass_mail(messages, fail_silently=False)
    except OSError:  # the in-app reminder stands; mail is best effort
        logger.exception("pengingat: e-mail gagal dikirim")
        return 0


def pengingat_mark_read(*, actor: Actor, ids: list[int] | None = None) -> int:
    """Mark the actor's own reminders (all, or `ids`) as read; nobody else's (an actor without an
    account has none)."""
    if actor.user_id is None:
        return 0
    qs = Pengingat.objects.filter(pengguna_id=actor.user_id, dibaca=False)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(dibaca=True)


@task()
def pengingat_send_task(tanggal: str | None = None) -> dict[str, int]:
    """Queue entry point (ids/strings only): `pengingat_send_task.enqueue()` daily."""
    h = pengingat_send(dt.date.fromisoformat(tanggal) if tanggal else None)
    return {"periode": h.periode, "dibuat": h.dibuat, "email": h.email}
