"""`karier seed-appraisal-demo`: make the appraisal screens of the demo come alive.

Bu Wati's team (the demo appraiser of 25) submits their SKPs and she approves them — through the
same services the screens use — then the admin configures the year and opens the current period,
which creates the evaluations. Everyone else keeps a draft plan, as in a real January.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from karier.accounts.models import User
from karier.appraisal.choices import JenisPeriode, StatusPeriode
from karier.appraisal.evaluation import periods
from karier.people.access import as_actor
from karier.people.demo.personas import PERSONAS
from karier.plans import services as plan_services
from karier.plans.choices import StatusSkp
from karier.plans.models import Skp


class Command(BaseCommand):
    help = "Data demo penilaian: SKP tim Bu Wati disetujui dan periode berjalan dibuka."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--tahun", type=int, default=None, help="tahun kinerja (bawaan: tahun ini)")

    def handle(self, *args: Any, **options: Any) -> None:
        tahun = options["tahun"] or timezone.localdate().year
        admin = User.objects.filter(username="admin").first()
        wati_nip = next((p.nip for p in PERSONAS.values() if p.key == "wati"), None)
        wati = User.objects.filter(username=wati_nip).select_related("pegawai").first() if wati_nip else None
        if admin is None or wati is None or wati.pegawai is None:
            raise CommandError("Data demo belum ada. Jalankan dulu: karier seed-demo")
        plans = list(
            Skp.objects.filter(tahun_id=tahun, penilai=wati.pegawai, status=StatusSkp.DRAFT).select_related(
                "pegawai__user"
            )
        )
        approved = 0
        wati_actor = as_actor(wati)
        for skp in plans:
            owner = getattr(skp.pegawai, "user", None)
            if owner is None:
                continue
            try:
                plan_services.skp_submit(actor=as_actor(owner), skp=skp)
                plan_services.skp_approve(actor=wati_actor, skp=skp, komentar="Disetujui (data demo).")
                approved += 1
            except ValidationError as exc:
                self.stderr.write(f"  SKP {skp.pk} dilewati: {'; '.join(exc.messages)}")
        admin_actor = as_actor(admin)
        periods.kalender_set(actor=admin_actor, tahun=tahun)
        opened = 0
        today = timezone.localdate()
        running = (
            periods.periods_for_year(tahun)
            .filter(mulai__lte=today, selesai__gte=today)
            .exclude(jenis=JenisPeriode.TAHUNAN)
        )
        for periode in running:
            if periode.status != StatusPeriode.DIBUKA:
                opened += periods.periode_open(actor=admin_actor, periode=periode)
        self.stdout.write(f"{approved} SKP tim Bu Wati disetujui; {opened} evaluasi dibuat pada periode berjalan.")
        from karier.appraisal.public.skm.demo import seed_skm_demo  # issue #13: the public satisfaction survey

        self.stdout.write(seed_skm_demo(tahun))
