"""Helpers of the promotion tests: predikat rows, a functional employee, a BKD admin with a record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from karier.people.models import JabatanFungsional, Pegawai
from karier.rules import next_promotion_date
from karier.talent.models import PredikatTahunan, SumberPredikat
from tests.orgdata import Org


def next_tmt() -> dt.date:
    return next_promotion_date(timezone.localdate())


def give_predikat(pegawai: Any, predikat: str = "Baik", years: range | None = None) -> None:
    """Predikat for the three years before the next promotion date's year (covers as_of = today and
    as_of = the next TMT, whose two-year windows differ in December)."""
    y = next_tmt().year
    for tahun in years or range(y - 3, y):
        PredikatTahunan.objects.update_or_create(
            pegawai=pegawai, tahun=tahun, defaults={"predikat": predikat, "sumber": SumberPredikat.IMPOR}
        )


def functional(org: Org, golongan: int = 31) -> Pegawai:
    """The org's `pranata` (Pranata Komputer Ahli Pertama, Diskominfo) with a jabatan fungsional."""
    jf, _ = JabatanFungsional.objects.get_or_create(
        id="TEST-PRANATA", defaults={"nama": "Pranata Komputer", "jenjang": "Ahli Pertama"}
    )
    jab = org.jabatan["pranata"]
    jab.jabatan_fungsional = jf
    jab.save(update_fields=["jabatan_fungsional"])
    p = org.pegawai["pranata"]
    Pegawai.objects.filter(pk=p.pk).update(golongan_id=golongan)
    p.refresh_from_db()
    return p


def everyone_eligible(org: Org) -> None:
    for key in ("staf1a", "staf1b", "kasi1", "staf2", "kabid1", "kabid2", "pranata"):
        give_predikat(org.pegawai[key])


def bkd_with_record(org: Org, key: str = "staf2") -> Any:
    """Make `key`'s account a BKD admin (a BKD admin who is also an employee)."""
    user = org.users[key]
    user.is_admin_bkd = True
    user.save(update_fields=["is_admin_bkd"])
    return org.actor(key)
