"""The SKM report among the official documents (issue #13 items 3–4): a unit's published report is
listed for the people of the unit to whoever may read it, and the agency's yearly report states the
IKM of its service units — the hand-computed 77,78 (B) of `tests.appraisal.skm_support.ANSWERS`."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from karier.appraisal.public.skm import services as skm
from karier.insight.reports.agency import agency_report
from karier.insight.reports.registry import BY_KODE, documents_of
from karier.insight.reports.report_pdf import report_context, report_pdf
from tests.appraisal.skm_support import fill, make_period, today
from tests.insight.test_insight_reports_support import YEAR
from tests.orgdata import Org
from tests.pdftext import pdf_text


def _published(org: Org) -> int:
    """A closed period of staf1a's unit ending this year, with the four hand-made questionnaires."""
    unit_key = next(k for k, u in org.units.items() if u.pk == org.pegawai["staf1a"].jabatan.unit_id)
    periode = make_period(
        org, unit_key, mulai=today() - dt.timedelta(days=30), selesai=dt.date(YEAR, 12, 31), nama="SKM 2"
    )
    fill(periode)
    skm.skm_periode_close(actor=org.actor("admin"), periode=periode)
    return periode.pk


@pytest.mark.django_db
def test_the_agency_report_states_the_units_ikm(org: Org) -> None:
    assert agency_report(org.units["dik"], YEAR).ikm == []
    text = pdf_text(report_pdf(agency_report(org.units["dik"], YEAR)))
    assert "Belum ada Survei Kepuasan Masyarakat" in text
    pk = _published(org)
    rep = agency_report(org.units["dik"], YEAR)
    assert [(r.periode_id, r.respondents, r.ikm, r.grade) for r in rep.ikm] == [(pk, 4, Decimal("77.78"), "B")]
    assert agency_report(org.units["kominfo"], YEAR).ikm == []  # another agency's units are not counted
    text = pdf_text(report_pdf(rep))
    assert "77,78" in text and "B (Baik)" in text and "Belum ada Survei" not in text
    assert report_context(rep)["ikm_rows"][0][1] == "SKM 2"  # closed: final
    rep.ikm = [dataclasses.replace(rep.ikm[0], status="BUKA")]
    assert report_context(rep)["ikm_rows"][0][1] == "SKM 2 (sementara)"  # still open: may change


@pytest.mark.django_db
def test_the_published_report_is_a_unit_document_for_its_readers(org: Org) -> None:
    pk = _published(org)
    staf = [org.pegawai["staf1a"].pk, org.pegawai["staf1b"].pk]
    admin = documents_of(org.actor("admin"), staf, YEAR)["skm"]
    unit_id = org.pegawai["staf1a"].jabatan.unit_id
    assert {(d.pegawai_id, d.kunci) for d in admin} == {(p, (pk, unit_id)) for p in staf}
    assert BY_KODE["skm"].per_unit  # the zip holds it once
    assert documents_of(org.actor("kasi1"), staf, YEAR)["skm"]  # the unit's head manages its SKM
    assert documents_of(org.actor("staf1a"), staf, YEAR)["skm"] == []  # not a reader of the unit's SKM
    assert documents_of(org.actor("admin"), staf, YEAR - 1)["skm"] == []
    stem, pdf = BY_KODE["skm"].render(admin[0])
    assert stem.startswith("laporan-skm-") and pdf.startswith(b"%PDF")
