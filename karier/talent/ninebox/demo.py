"""Demo sanctions (issue #12 item 4): two sanctions recorded by Sari (BKD admin) for one member of
Bu Wati's team — a light one (teguran tertulis, which does not exclude) and a moderate one (penundaan
KGB, within two years, which excludes from talent pools) — so the sanctions list, the person's page
and the exclusion in the 9-box have real data. Placements themselves come from the recompute job.

Idempotent: a decree number already recorded is not recorded again.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from karier.accounts.models import User
from karier.people.access import as_actor
from karier.people.demo.personas import DODI, RAHMAT, SARI, WATI
from karier.people.models import Pegawai
from karier.people.selectors import direct_subordinates_on, positions_held_on
from karier.rules.promotion import add_years
from karier.talent.models import HukumanDisiplin
from karier.talent.ninebox import services

PERSONAS = {SARI.nip, RAHMAT.nip, WATI.nip, DODI.nip}


def _subject(today: dt.date) -> Pegawai | None:
    """A member of Bu Wati's team who is not a persona of the journeys (first by name)."""
    wati = Pegawai.objects.filter(nip=WATI.nip).first()
    if wati is None:
        return None
    jabatan = list(positions_held_on(wati.pk, today).values_list("jabatan_id", flat=True))
    team = sorted(
        (a.pegawai for a in direct_subordinates_on(jabatan, today).select_related("pegawai")),
        key=lambda p: (p.nama, p.pk),
    )
    return next((p for p in team if p.nip not in PERSONAS), None)


def seed_demo() -> str:
    today = timezone.localdate()
    sari = User.objects.filter(username=SARI.nip).first()
    person = _subject(today)
    if sari is None or person is None:
        return "Hukuman disiplin demo dilewati: Sari atau tim Bu Wati belum ada."
    actor = as_actor(sari)
    ringan = today - dt.timedelta(days=420)
    sedang = today - dt.timedelta(days=240)
    wanted = (
        services.HukumanData(
            jenis=2,
            nomor_sk=f"800/{ringan.year}/HD-R/BKD",
            tanggal_sk=ringan,
            tmt_mulai=ringan,
            keterangan="Terlambat menyampaikan laporan bulanan tiga kali berturut-turut.",
        ),
        services.HukumanData(
            jenis=4,
            nomor_sk=f"800/{sedang.year}/HD-S/BKD",
            tanggal_sk=sedang,
            tmt_mulai=sedang,
            tmt_selesai=add_years(sedang, 1) - dt.timedelta(days=1),
            keterangan="Tidak masuk kerja tanpa keterangan yang sah.",
        ),
    )
    have = set(HukumanDisiplin.objects.filter(pegawai=person).values_list("nomor_sk", flat=True))
    made = 0
    for data in wanted:
        if data.nomor_sk not in have:
            services.hukuman_record(actor=actor, pegawai=person, data=data)
            made += 1
    return f"Hukuman disiplin demo: {made} dicatat untuk {person.nama} (satu ringan, satu sedang)."
