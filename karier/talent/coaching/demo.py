"""Demo coaching (issue #12 §6): Bu Wati coaches the two members of her team who struggle (a predikat of
Butuh Perbaikan or below in the latest closed year) — a meeting with notes and two agreed actions, one
done — so that the plan page, the team list and the employee's "Rencana dukungan kinerja Anda" show
real data on the first `bin/demo`.

Runs after the recompute job (whose `open_plans` opened their plans); when no plan exists it opens one
through the service as Bu Wati. Idempotent: a plan that already has meetings or actions is left alone.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from karier.accounts.models import User
from karier.appraisal.choices import PredikatChoice
from karier.people.access import as_actor
from karier.people.demo.personas import WATI
from karier.people.models import Pegawai
from karier.people.selectors import direct_subordinates_on, positions_held_on
from karier.talent.coaching import services
from karier.talent.models import PredikatTahunan, RencanaBimbingan, StatusBimbingan

RENDAH = (PredikatChoice.BUTUH_PERBAIKAN, PredikatChoice.KURANG, PredikatChoice.SANGAT_KURANG)
CATATAN = (
    "Kami membahas target triwulan ini dan hambatan dalam pengolahan data. Pegawai menyampaikan beban "
    "kerja yang menumpuk di akhir bulan; disepakati pembagian tugas mingguan dan pendampingan singkat "
    "setiap Senin."
)
TINDAKAN = (
    ("Menyusun jadwal kerja mingguan bersama mentor", 14, True),
    ("Mengikuti pelatihan singkat pengolahan data (e-learning)", 45, False),
)


def _strugglers(today: dt.date) -> tuple[User | None, list[Pegawai]]:
    wati = User.objects.filter(username=WATI.nip).select_related("pegawai").first()
    if wati is None or wati.pegawai is None:
        return None, []
    jabatan = list(positions_held_on(wati.pegawai.pk, today).values_list("jabatan_id", flat=True))
    team = {a.pegawai_id: a.pegawai for a in direct_subordinates_on(jabatan, today)}
    rows = (
        PredikatTahunan.objects.filter(pegawai_id__in=list(team), predikat__in=RENDAH, tahun__lt=today.year)
        .order_by("-tahun", "pegawai_id")
        .values_list("pegawai_id", flat=True)
    )
    picked: list[Pegawai] = []
    for pid in rows:
        if team[pid] not in picked:
            picked.append(team[pid])
        if len(picked) == 2:
            break
    return wati, picked


def seed_demo() -> str:
    today = timezone.localdate()
    wati, people = _strugglers(today)
    if wati is None or wati.pegawai is None or not people:
        return "Bimbingan kinerja: persona Bu Wati atau anggota tim yang perlu didampingi belum ada; dilewati."
    actor = as_actor(wati)
    mentor = Pegawai.objects.select_related("jabatan").get(pk=wati.pegawai.pk)
    opened = filled = 0
    for pegawai in people:
        rencana = (
            RencanaBimbingan.objects.filter(pegawai=pegawai, status=StatusBimbingan.AKTIF)
            .select_related("pegawai", "mentor")
            .order_by("-tahun")
            .first()
        )
        if rencana is None:
            rencana = services.bimbingan_create(
                actor=actor,
                pegawai=pegawai,
                mentor=mentor,
                tujuan="Mencapai target kuantitas setiap triwulan dengan jadwal kerja yang teratur.",
            )
            opened += 1
        if rencana.pertemuan.exists() or rencana.tindakan.exists():
            continue
        if not rencana.tujuan:
            services.bimbingan_update(
                actor=actor,
                rencana=rencana,
                tujuan="Mencapai target kuantitas setiap triwulan dengan jadwal kerja yang teratur.",
            )
        services.pertemuan_add(actor=actor, rencana=rencana, tanggal=today - dt.timedelta(days=7), catatan=CATATAN)
        for uraian, hari, selesai in TINDAKAN:
            t = services.tindakan_add(
                actor=actor, rencana=rencana, uraian=uraian, batas=today + dt.timedelta(days=hari)
            )
            if selesai:
                t.rencana = rencana
                services.tindakan_done(actor=actor, tindakan=t)
        filled += 1
    return f"Bimbingan kinerja: {opened} rencana dibuka, {filled} diisi pertemuan dan tindakan ({len(people)} pegawai)."
