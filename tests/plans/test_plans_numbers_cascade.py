"""Issue #10 item 1 in the cascade screens: a Perjanjian Kinerja target of 1250,5 or 73,8 reads
"1.250,5" / "73,8" in the tree and the coverage percentages read "66,7%" — in the Indonesian and in
the English interface alike (an official figure reads the same in both), never "1250.5" or "73.8"."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client

from karier.standards.models import PerjanjianKinerjaRow
from tests.orgdata import Org
from tests.plans.test_plans_cascade import TAHUN, Cascade, build_cascade

pytestmark = pytest.mark.django_db


def _client(org: Org, language: str) -> Client:
    client = Client()
    client.force_login(org.users["admin"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.fixture
def cas(org: Org) -> Cascade:
    return build_cascade(org)


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize(("target", "shown", "english"), [("1250.5", "1.250,5", "1250.5"), ("73.8", "73,8", "73.8")])
def test_pk_target_in_the_tree(cas: Cascade, language: str, target: str, shown: str, english: str) -> None:
    PerjanjianKinerjaRow.objects.filter(pk=cas.row.pk).update(target=Decimal(target))
    client = _client(cas.org, language)
    url = f"/skp/kaskade/simpul/?tahun={TAHUN}&node=ind:{cas.ind['I1'].pk}"
    html = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert f"target {shown}" in html
    assert english not in html


@pytest.mark.parametrize("language", ["id", "en"])
def test_coverage_percentages(cas: Cascade, language: str) -> None:
    html = _client(cas.org, language).get(f"/skp/cakupan/?tahun={TAHUN}").content.decode()
    # RHK linked to a superior's RHK: 4 of 6 (tests/plans/test_plans_cascade.py::test_coverage_province)
    assert "<strong>66,7%</strong>" in html
    assert "66.7" not in html
