"""Builders shared by the appraisal tests (parts 1, 2, 4): a configured year, approved plans and the
evaluations of an open period. Imported as `tests.appraisal.test_appraisal_support`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from karier.appraisal.evaluation import periods
from karier.appraisal.models import Evaluasi, PeriodePenilaian
from karier.plans import services as plan_services
from karier.plans.models import Skp
from karier.plans.services import IkiData, RhkData
from tests.orgdata import Org
from tests.replay import replayed_on

YEAR = timezone.localdate().year
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ALASAN = "Target tercapai tepat waktu dengan mutu baik."


def approved_skp(org: Org, key: str, approver: str, *, numeric: bool = True) -> Skp:
    """A plan with one RHK (a numeric IKI, plus a kualitas IKI), submitted and approved."""
    skp = plan_services.skp_create(actor=org.actor(key), pegawai=org.pegawai[key], tahun=YEAR, sumber="KOSONG")
    rhk = plan_services.rhk_add(
        actor=org.actor(key),
        skp=skp,
        data=RhkData(teks=f"Laporan {key}"),
        iki=IkiData(indikator="Jumlah laporan", aspek="KUANTITAS", target_angka="12", satuan="laporan"),
    )
    plan_services.iki_add(
        actor=org.actor(key),
        rhk=rhk,
        data=IkiData(indikator="Mutu laporan", aspek="KUALITAS", target_kualitatif="tanpa revisi"),
    )
    plan_services.skp_submit(actor=org.actor(key), skp=skp)
    plan_services.skp_approve(actor=org.actor(approver), skp=skp)
    skp.refresh_from_db()
    return skp


@dataclass
class Setup:
    org: Org
    periode: PeriodePenilaian
    tahunan: PeriodePenilaian
    skp: dict[str, Skp] = field(default_factory=dict)

    def ev(self, key: str, periode: PeriodePenilaian | None = None) -> Evaluasi:
        return Evaluasi.objects.select_related("periode", "unit", "jabatan").get(
            pegawai=self.org.pegawai[key], periode=periode or self.periode
        )

    def user(self, key: str) -> Any:
        return self.org.users[key]

    def actor(self, key: str) -> Any:
        """The Actor a service takes for the user `key`."""
        return self.org.actor(key)


def configured(org: Org, *, plans: dict[str, str] | None = None, open_period: bool = True) -> Setup:
    """The year's calendar (quarterly), approved plans (key → approver key), Triwulan I open. Built
    through the services once per test process, then replayed (tests/replay.py)."""
    key = ("configured", tuple((plans or {}).items()), open_period)
    return replayed_on(key, org, lambda o: _configured(o, plans=plans, open_period=open_period))


def _configured(org: Org, *, plans: dict[str, str] | None, open_period: bool) -> Setup:
    periods.kalender_set(actor=org.actor("admin"), tahun=YEAR)
    setup = Setup(
        org=org,
        periode=PeriodePenilaian.objects.get(tahun_id=YEAR, jenis="TRIWULAN", nomor=1),
        tahunan=PeriodePenilaian.objects.get(tahun_id=YEAR, jenis="TAHUNAN"),
    )
    for key, approver in (plans or {"staf1a": "kasi1", "staf1b": "kasi1"}).items():
        setup.skp[key] = approved_skp(org, key, approver)
    if open_period:
        periods.periode_open(actor=org.actor("admin"), periode=setup.periode)
        setup.periode.refresh_from_db()
    return setup


def add_staff(org: Org, n: int, prefix: str = "bulk") -> list[str]:
    """n more staff under Kasi Kurikulum with approved plans (for query-count tests)."""
    keys = []
    for i in range(n):
        key = f"{prefix}{i}"
        org.add_pegawai(key, "staf1", golongan=31)
        approved_skp(org, key, "kasi1")
        keys.append(key)
    return keys
