"""The follow-up reminder (issue #11 §6): when a team member's activity was completed 90 days ago
and nobody has said whether their behaviour changed, their superior gets an in-app reminder (and
e-mail, like the appraisal and JP reminders).

One reminder per superior and enrolment (`jenis` carries the enrolment), so the daily run never
repeats one. Set-based: the completed enrolments without a follow-up are one query, their
appraisers one resolver call (`people.selectors.appraisers_on`), the reminders already sent one query.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from karier.appraisal.evaluation.reminders import _email
from karier.appraisal.models import Pengingat
from karier.development.models import Pendaftaran, StatusPendaftaran
from karier.development.outcomes.feedback import due_since
from karier.people.models import Pegawai
from karier.people.selectors import appraisers_on

#: Older than this, a missing follow-up is no longer worth a reminder (the run stays small).
PALING_LAMA = dt.timedelta(days=365)


def jenis(pendaftaran_id: int) -> str:
    return f"tindak_lanjut:{pendaftaran_id}"


def tindak_lanjut_reminders_send(today: dt.date | None = None) -> int:
    """Remind each superior of every follow-up newly due; returns the reminders created."""
    today = today or timezone.localdate()
    due = due_since(today)
    rows = list(
        Pendaftaran.objects.filter(
            status=StatusPendaftaran.SELESAI,
            selesai_pada__lte=due,
            selesai_pada__gt=due - PALING_LAMA,
            tindak_lanjut__isnull=True,
            pegawai__aktif=True,
        ).values_list("pk", "pegawai_id", "pegawai__nama", "sesi__kegiatan__nama")
    )
    if not rows:
        return 0
    atasan = appraisers_on({r[1] for r in rows}, today)
    users = dict(
        Pegawai.objects.filter(pk__in={a.pegawai.pk for a in atasan.values()}, user__isnull=False).values_list(
            "pk", "user__id"
        )
    )
    have = set(Pengingat.objects.filter(jenis__in=[jenis(r[0]) for r in rows]).values_list("pengguna_id", "jenis"))
    url = reverse("development:tindak_lanjut_daftar")
    new = []
    for pk, pegawai_id, nama, kegiatan in rows:
        a = atasan.get(pegawai_id)
        uid = users.get(a.pegawai.pk) if a is not None and a.pegawai.pk != pegawai_id else None
        if uid is None or (uid, jenis(pk)) in have:
            continue
        new.append(
            Pengingat(
                pengguna_id=uid,
                jenis=jenis(pk),
                # Stored text, read later in whatever language: Indonesian like the other reminders.
                pesan=f"Tiga bulan lalu {nama} menyelesaikan {kegiatan}. Apakah perilaku kerjanya berubah? "
                "Isi tindak lanjut atasan.",
                tautan=url,
            )
        )
    Pengingat.objects.bulk_create(new)
    _email(new, judul="Pengingat Karier: tindak lanjut pengembangan kompetensi")
    return len(new)


@task()
def tindak_lanjut_reminders_task(tanggal: str | None = None) -> dict[str, int]:
    """Daily entry point (`KARIER_DAILY_TASKS`)."""
    return {"dibuat": tindak_lanjut_reminders_send(dt.date.fromisoformat(tanggal) if tanggal else None)}
