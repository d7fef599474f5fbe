"""Issue #10 item 1 on the plan screens: numbers typed the Indonesian way are stored as meant, and
shown the same way (before: "1.250" was saved as 1,25 and "1.250,5" was refused)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from karier.plans.models import IndikatorKinerjaIndividu
from tests.orgdata import Org
from tests.plans.test_plans_views import login, plan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("1.250", Decimal(1250), "1.250"),
        ("1.180", Decimal(1180), "1.180"),
        ("1.250.000", Decimal(1250000), "1.250.000"),
        ("1.250,5", Decimal("1250.5"), "1.250,5"),
        ("99,5", Decimal("99.5"), "99,5"),
    ],
)
def test_the_iki_form_stores_and_shows_indonesian_numbers(
    client: Client, org: Org, typed: str, stored: Decimal, shown: str
) -> None:
    skp = plan(org)
    iki = IndikatorKinerjaIndividu.objects.get(rhk__skp=skp)
    login(client, org, "staf1a")
    r = client.post(
        f"/skp/{skp.pk}/iki/{iki.pk}/ubah/",
        {"e-aspek": "KUANTITAS", "e-indikator": "Jumlah", "e-target_angka": typed, "e-satuan": "lembar"},
    )
    assert r.status_code == 302
    iki.refresh_from_db()
    assert iki.target_angka == stored
    page = client.get(f"/skp/{skp.pk}/").content.decode()
    assert f'data-testid="target-{iki.pk}">{shown} lembar' in page
    # The edit form offers the stored value back in a form that reads back the same.
    form = client.get(f"/skp/{skp.pk}/iki/{iki.pk}/ubah/", HTTP_HX_REQUEST="true").content.decode()
    assert "/angka/pratinjau/" in form


@pytest.mark.parametrize(
    "stored", [Decimal("1.125"), Decimal("1250.5"), Decimal(1250), Decimal("0.5"), Decimal("73.8")]
)
def test_saving_the_edit_form_unchanged_keeps_the_stored_target(client: Client, org: Org, stored: Decimal) -> None:
    """The form used to offer 1,125 back as "1.125", which the id-ID reading saves as 1.125 thousand:
    opening the form and saving it unchanged multiplied the target by 1,000."""
    import re

    skp = plan(org)
    iki = IndikatorKinerjaIndividu.objects.get(rhk__skp=skp)
    IndikatorKinerjaIndividu.objects.filter(pk=iki.pk).update(target_angka=stored, aspek="KUANTITAS")
    login(client, org, "staf1a")
    form = client.get(f"/skp/{skp.pk}/iki/{iki.pk}/ubah/", HTTP_HX_REQUEST="true").content.decode()
    offered = re.search(r'name="e-target_angka"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="e-target_angka"', form)
    assert offered is not None
    value = offered.group(1) or offered.group(2)
    r = client.post(
        f"/skp/{skp.pk}/iki/{iki.pk}/ubah/",
        {"e-aspek": "KUANTITAS", "e-indikator": "Jumlah", "e-target_angka": value, "e-satuan": "lembar"},
    )
    assert r.status_code == 302
    iki.refresh_from_db()
    assert iki.target_angka == stored, value
