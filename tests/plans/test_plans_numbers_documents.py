"""Issue #10 item 1 in the documents: the SKP PDF and the evaluation PDF write decimal targets and
realisations the Indonesian way ("1.250,5", "73,8"), never "1250.5" or "73.8" — live and, for the
evaluation, once signed (the PDF then renders the frozen snapshot)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.test import Client

from karier.appraisal.models import Evaluasi, Realisasi
from karier.plans import services
from karier.plans.models import IndikatorKinerjaIndividu, Skp
from karier.plans.services import IkiData, RhkData
from tests.appraisal.test_appraisal_calibration_support import Seksi, calibrate, finalise_and_sign, seksi
from tests.orgdata import Org
from tests.pdftext import pdf_text
from tests.plans.test_plans_views import login, plan

pytestmark = pytest.mark.django_db

# "1250.5", "73.8", "1,250.5": a decimal point, or a comma grouping thousands before one.
ENGLISH = re.compile(r"\b\d+\.\d{1,2}\b(?!\.\d)|\d,\d{3}(?:,\d{3})*\.\d|\d,\d{3},\d{3}")


def _english(text: str) -> list[str]:
    """English-looking numbers (a dotted date such as 05.12.2026 is not one: see the lookahead)."""
    return [m.group(0) for m in ENGLISH.finditer(text)]


def test_the_english_pattern_can_fail() -> None:
    assert _english("target 1250.5 dokumen; capaian 73.8; 1,250.5 orang") == ["1250.5", "73.8", "1,250.5"]
    assert _english("target 1.250,5 dokumen; capaian 73,8; 1.250.000 orang; 05.12.2026") == []


def test_skp_pdf_writes_decimals_the_indonesian_way(client: Client, org: Org) -> None:
    skp = plan(org)
    IndikatorKinerjaIndividu.objects.filter(rhk__skp=skp).update(target_angka=Decimal("1250.5"), satuan="dokumen")
    services.rhk_add(
        actor=org.actor("staf1a"),
        skp=skp,
        data=RhkData(teks="Capaian layanan"),
        iki=IkiData(indikator="Indeks kepuasan", target_angka=Decimal("73.8"), satuan="poin"),
    )
    services.rhk_add(
        actor=org.actor("staf1a"),
        skp=skp,
        data=RhkData(teks="Penerima layanan"),
        iki=IkiData(indikator="Jumlah penerima", target_angka=Decimal("1250000"), satuan="orang"),
    )
    login(client, org, "staf1a")
    response = client.get(f"/skp/{skp.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for shown in ("1.250,5 dokumen", "73,8 poin", "1.250.000 orang"):
        assert shown in text, shown
    assert not _english(text), _english(text)


def _decimal_evaluation(s: Seksi) -> Evaluasi:
    ev = s.ev("staf1a")
    iki = IndikatorKinerjaIndividu.objects.filter(rhk__skp=ev.skp).order_by("pk").first()
    assert iki is not None
    IndikatorKinerjaIndividu.objects.filter(pk=iki.pk).update(target_angka=Decimal("1250.5"), satuan="dokumen")
    Realisasi.objects.update_or_create(evaluasi=ev, iki=iki, defaults={"realisasi_angka": Decimal("73.8")})
    return ev


def _evaluation_text(org: Org, ev: Evaluasi) -> str:
    client = Client()
    client.force_login(org.users["staf1a"])
    response = client.get(f"/penilaian/{ev.pk}/dokumen.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return pdf_text(response.content)


def test_evaluation_pdf_writes_decimals_the_indonesian_way(org: Org) -> None:
    ev = _decimal_evaluation(seksi(org, extra=0, rate=False))
    text = _evaluation_text(org, ev)
    assert "1.250,5 dokumen" in text and "73,8" in text
    assert "DRAF" in text  # the live document, before anyone signed
    assert not _english(text), _english(text)


def test_signed_evaluation_pdf_keeps_the_indonesian_numbers(org: Org) -> None:
    s = seksi(org, extra=3)
    ev = _decimal_evaluation(s)
    finalise_and_sign(calibrate(s))
    text = _evaluation_text(org, ev)
    assert "SHA-256" in text  # rendered from the signed snapshot
    assert "1.250,5 dokumen" in text and "73,8" in text
    assert not _english(text), _english(text)
    assert Skp.objects.filter(pk=ev.skp_id).exists()
