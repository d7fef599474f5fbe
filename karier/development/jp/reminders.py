"""The JP reminder (issue #11 §7): from the third quarter (1 July) on, everyone still behind their
year's JP target gets an in-app reminder (and e-mail, like the appraisal reminders), and so does
each of their superiors, with how many of their team are behind.

One reminder per user, kind and year (`jenis` carries the year), so the daily run sends nothing
twice. Set-based: the people behind are one annotated query, their superiors one resolver call
(`karier.people.selectors.appraisers_on`), the existing reminders one query.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from karier.appraisal.evaluation.reminders import _email
from karier.appraisal.models import Pengingat
from karier.core.numbers import angka
from karier.development.catalogue.selectors import targets, with_jp
from karier.people.models import Pegawai
from karier.people.selectors import appraisers_on
from karier.rules import MULAI_BULAN_PENGINGAT_JP  # 7: from 1 July on, half the year is gone

#: Read per person behind: the annotations of `selectors.with_jp` (named through a tuple: the type
#: checker knows only the model's fields).
COLUMNS = ("pk", "user__id", "jp_dihitung", "jp_target")


@dataclass
class Hasil:
    kurang: int = 0
    dibuat: int = 0
    email: int = 0


def _jp(value: object) -> str:
    """JP as people write it: 19 and 12,5, not the column's 19,00 (PostgreSQL keeps the scale)."""
    return angka(Decimal(str(value)).normalize())


def jenis_pegawai(tahun: int) -> str:
    return f"jp_kurang:{tahun}"


def jenis_atasan(tahun: int) -> str:
    return f"jp_tim_kurang:{tahun}"


def jp_reminders_send(today: dt.date | None = None) -> Hasil:
    today = today or timezone.localdate()
    hasil = Hasil()
    if today.month < MULAI_BULAN_PENGINGAT_JP:
        return hasil
    tahun = today.year
    behind = list(
        with_jp(Pegawai.objects.filter(aktif=True), tahun, targets())
        .filter(Q(jp_total__lt=F("jp_target")))
        .values_list(*COLUMNS)
    )
    hasil.kurang = len(behind)
    if not behind:
        return hasil
    atasan = appraisers_on([b[0] for b in behind], today)
    team: Counter[int] = Counter()
    for pid, *_rest in behind:
        a = atasan.get(pid)
        if a is not None:
            team[a.pegawai.pk] += 1
    atasan_user = dict(Pegawai.objects.filter(pk__in=list(team), user__isnull=False).values_list("pk", "user__id"))
    url_saya, url_tim = reverse("development:jp_saya"), reverse("development:jp_rekap")
    wanted: list[Pengingat] = []
    for _pid, uid, total, target in behind:
        if uid is None:
            continue
        wanted.append(
            Pengingat(
                pengguna_id=uid,
                jenis=jenis_pegawai(tahun),
                pesan=f"Pengembangan kompetensi Anda tahun {tahun} baru {_jp(total)} JP "
                f"dari target {_jp(target)} JP. "
                "Pilih kegiatan di katalog atau laporkan pengembangan mandiri.",
                tautan=url_saya,
            )
        )
    for pid, n in team.items():
        uid = atasan_user.get(pid)
        if uid is not None:
            wanted.append(
                Pengingat(
                    pengguna_id=uid,
                    jenis=jenis_atasan(tahun),
                    pesan=f"{angka(n)} pegawai tim Anda belum mencapai target JP tahun {tahun}.",
                    tautan=url_tim,
                )
            )
    have = set(
        Pengingat.objects.filter(jenis__in=[jenis_pegawai(tahun), jenis_atasan(tahun)]).values_list(
            "pengguna_id", "jenis"
        )
    )
    new = [p for p in wanted if (p.pengguna_id, p.jenis) not in have]
    Pengingat.objects.bulk_create(new)
    hasil.dibuat = len(new)
    hasil.email = _email(new, judul="Pengingat Karier: target JP pengembangan kompetensi")
    return hasil


@task()
def jp_reminders_task(tanggal: str | None = None) -> dict[str, int]:
    """Daily entry point (`KARIER_DAILY_TASKS`)."""
    h = jp_reminders_send(dt.date.fromisoformat(tanggal) if tanggal else None)
    return {"kurang": h.kurang, "dibuat": h.dibuat, "email": h.email}
