"""The realisation form (appraisal/_iki.html) lays out its own form but draws its number input with the
one `AngkaInput` widget (through `{% angka_input %}`): the same live-preview attributes as every form
field, the stored value written the id-ID way, a refused value given back as typed."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from karier.appraisal.models import Realisasi
from karier.core.forms import AngkaInput
from karier.plans.models import IndikatorKinerjaIndividu
from tests.appraisal.test_appraisal_calibration_support import seksi
from tests.orgdata import Org

pytestmark = pytest.mark.django_db


def _input(html: str, input_id: str) -> dict[str, str]:
    tag = re.search(rf'<input[^>]*\bid="{input_id}"[^>]*>', html)
    assert tag, f"no input #{input_id}"
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag.group(0)))


def _expected_widget_attrs(input_id: str) -> dict[str, str]:
    """What the widget itself renders for this id (its own attributes, whatever they become)."""
    return _input(str(AngkaInput().render("realisasi_angka", None, attrs={"id": input_id})), input_id)


def test_the_realisation_input_is_the_angka_widget(org: Org) -> None:
    s = seksi(org, extra=0, rate=False)
    ev = s.ev("staf1a")
    iki = IndikatorKinerjaIndividu.objects.filter(rhk__skp=ev.skp).order_by("pk").first()
    assert iki is not None
    Realisasi.objects.create(evaluasi=ev, iki=iki, realisasi_angka=Decimal("1250.5"))
    client = Client()
    client.force_login(org.users["staf1a"])
    input_id = f"angka-{iki.pk}"

    html = client.get(reverse("appraisal:detail", args=[ev.pk])).content.decode()
    attrs = _input(html, input_id)
    expected = _expected_widget_attrs(input_id)
    for key in ("hx-get", "hx-trigger", "hx-swap", "hx-target", "inputmode", "autocomplete", "type"):
        assert attrs.get(key) == expected[key], key
    assert attrs["hx-target"] == f"#{input_id}-pratinjau" and attrs["name"] == "realisasi_angka"
    assert attrs["value"] == "1.250,5"
    assert html.count(f'id="{input_id}-pratinjau"') == 1  # the widget's preview element, once
    assert f'<label for="{input_id}">' in html

    # A refused value comes back as typed, marked invalid and pointing at its message.
    url = reverse("appraisal:realisasi", args=[ev.pk, iki.pk])
    partial = client.post(url, {"realisasi_angka": "seribu"}, HTTP_HX_REQUEST="true").content.decode()
    attrs = _input(partial, input_id)
    assert attrs["value"] == "seribu" and attrs["aria-invalid"] == "true"
    assert attrs["aria-describedby"] == f"{input_id}-error" and f'id="{input_id}-error"' in partial
    assert attrs["hx-get"] == expected["hx-get"]
