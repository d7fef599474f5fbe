"""Issue #10 item 2: the period calendar's date fields show their values (ISO in `<input type="date">`,
which cannot show 01-01-2026) and dates read the Indonesian way elsewhere ("1 Jan 2026")."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from karier.appraisal.models import PeriodePenilaian
from tests.appraisal.test_appraisal_support import configured
from tests.orgdata import Org

pytestmark = pytest.mark.django_db


def test_calendar_date_inputs_carry_iso_values_and_save_unchanged(client: Client, org: Org) -> None:
    configured(org)
    client.force_login(org.users["admin"])
    page = client.get("/penilaian/kalender/").content.decode()
    periode = PeriodePenilaian.objects.order_by("mulai").first()
    assert periode is not None
    dates = re.findall(r'<input type="date" name="[^"]+" value="([^"]*)"', page)
    assert dates and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in dates), dates[:4]
    assert periode.dibuka_pada.isoformat() in dates and periode.batas_pengisian.isoformat() in dates
    # Dates that are only shown read the Indonesian way.
    bulan = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
    assert f"{periode.mulai.day} {bulan[periode.mulai.month - 1]} {periode.mulai.year}" in page
