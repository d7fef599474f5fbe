"""Coaching reminders (issue #12 §6), through the existing machinery (`appraisal.Pengingat` in the app and
by e-mail, the daily `KARIER_DAILY_TASKS` run):

- **Tindak lanjut jatuh tempo**: the mentor of a running plan whose follow-up date has come, once per
  plan and date (a new date set by the mentor gives a new reminder).
- **Perlu perhatian** (the mid-year early warning): from July, once per ended periodic period, each
  superior whose team has members whose realisations trail (`warning.trailing_people`), so that she
  acts before the annual appraisal. Only in the 14 days after a period ends (one query otherwise);
  people in chunks, a fixed number of queries per chunk.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_tasks import task

from karier.appraisal.evaluation.reminders import _email
from karier.appraisal.models import Pengingat, PeriodePenilaian
from karier.core.numbers import angka
from karier.core.official import in_indonesian
from karier.people.models import Pegawai
from karier.people.selectors import appraisers_on
from karier.rules import career as rules
from karier.talent.coaching.compute import PERIODIK
from karier.talent.coaching.warning import trailing_people
from karier.talent.models import RencanaBimbingan, StatusBimbingan

CHUNK = 2000
#: Days after a periodic period ends during which the early-warning reminder is sent.
JENDELA_HARI = 14

JUDUL_TINDAK_LANJUT = gettext_noop("Pengingat Karier: tindak lanjut bimbingan kinerja")
JUDUL_PERLU_PERHATIAN = gettext_noop("Pengingat Karier: anggota tim perlu perhatian")


# A reminder is stored text, read later in whatever language and e-mailed: written in the site's
# language (Indonesian) through the catalogue, with the date and number as Indonesians write them.
@in_indonesian
def _judul(msgid: str) -> str:
    return _(msgid)


@in_indonesian
def _pesan_tindak_lanjut(nama: str, tanggal: dt.date) -> str:
    return _(
        "Tindak lanjut bimbingan kinerja %(nama)s dijadwalkan %(tanggal)s. "
        "Catat pertemuan dan tindakan yang disepakati."
    ) % {"nama": nama, "tanggal": date_format(tanggal, "j F Y")}


@in_indonesian
def _pesan_perlu_perhatian(n: int, periode: str) -> str:
    return _(
        "Realisasi %(n)s anggota tim Anda tertinggal dari target (%(periode)s). "
        "Ajak bicara dan buka rencana bimbingan bila perlu, sebelum penilaian akhir tahun."
    ) % {"n": angka(n), "periode": periode}


def follow_up_reminders_send(today: dt.date | None = None) -> int:
    """Remind each mentor of the follow-ups that have come; returns the reminders created."""
    today = today or timezone.localdate()
    rows = list(
        RencanaBimbingan.objects.filter(
            status=StatusBimbingan.AKTIF,
            tanggal_tindak_lanjut__lte=today,
            tanggal_tindak_lanjut__gt=today - dt.timedelta(days=60),
            mentor__user__isnull=False,
        ).values_list("pk", "pegawai__nama", "tanggal_tindak_lanjut", "mentor__user__id")
    )
    kinds = {pk: f"bimbingan:{pk}:{tanggal:%Y%m%d}" for pk, _n, tanggal, _u in rows}
    have = set(Pengingat.objects.filter(jenis__in=list(kinds.values())).values_list("pengguna_id", "jenis"))
    new = [
        Pengingat(
            pengguna_id=uid,
            jenis=kinds[pk],
            pesan=_pesan_tindak_lanjut(nama, tanggal),
            tautan=reverse("talent:coaching_detail", args=[pk]),
        )
        for pk, nama, tanggal, uid in rows
        if (uid, kinds[pk]) not in have
    ]
    Pengingat.objects.bulk_create(new)
    _email(new, judul=_judul(JUDUL_TINDAK_LANJUT))
    return len(new)


def early_warning_reminders_send(today: dt.date | None = None) -> int:
    """Remind each superior whose team members trail, once per ended periodic period from July."""
    today = today or timezone.localdate()
    if not rules.mid_year(today):
        return 0
    periode = (
        PeriodePenilaian.objects.filter(
            tahun_id=today.year,
            jenis__in=PERIODIK,
            selesai__lt=today,
            selesai__gte=today - dt.timedelta(days=JENDELA_HARI),
        )
        .order_by("-selesai")
        .first()
    )
    if periode is None:
        return 0
    kind = f"perlu_perhatian:{periode.pk}"
    ids = list(Pegawai.objects.filter(aktif=True).order_by("pk").values_list("pk", flat=True))
    counts: dict[int, int] = {}
    for start in range(0, len(ids), CHUNK):
        people = list(Pegawai.objects.filter(pk__in=ids[start : start + CHUNK]))
        flagged = [w.pegawai.pk for w in trailing_people(people, today.year, today)]
        for appraiser in appraisers_on(flagged, today).values():
            counts[appraiser.pegawai.pk] = counts.get(appraiser.pegawai.pk, 0) + 1
    users = dict(Pegawai.objects.filter(pk__in=list(counts), user__isnull=False).values_list("pk", "user__id"))
    have = set(Pengingat.objects.filter(jenis=kind).values_list("pengguna_id", flat=True))
    url = reverse("talent:coaching_list") + "#perlu-perhatian"
    new = [
        Pengingat(
            pengguna_id=users[pid],
            jenis=kind,
            pesan=_pesan_perlu_perhatian(n, periode.nama),
            tautan=url,
        )
        for pid, n in sorted(counts.items())
        if pid in users and users[pid] not in have
    ]
    Pengingat.objects.bulk_create(new)
    _email(new, judul=_judul(JUDUL_PERLU_PERHATIAN))
    return len(new)


@task()
def coaching_reminders_task(tanggal: str | None = None) -> dict[str, int]:
    """Daily entry point (`KARIER_DAILY_TASKS`)."""
    day = dt.date.fromisoformat(tanggal) if tanggal else None
    return {"tindak_lanjut": follow_up_reminders_send(day), "perlu_perhatian": early_warning_reminders_send(day)}
