"""The agency's yearly performance report (issue #13 item 4): one PDF with charts, figures aggregated
in the database and checked here against hand-computed numbers, in the Indonesian format."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from karier.appraisal.models import PredikatOrganisasiUnit
from karier.development.models import RekapJpPegawai
from karier.insight.reports.agency import agency_report
from karier.insight.reports.report_pdf import report_html, report_pdf
from karier.insight.reports.svgchart import bar_chart, bar_charts, persen
from karier.talent.models import AturanTalenta, PenempatanTalenta
from tests.insight.test_insight_reports_support import YEAR, as_user, documented
from tests.orgdata import Org
from tests.pdftext import pdf_text


def _jp(org: Org, key: str, jp: str) -> None:
    RekapJpPegawai.objects.create(pegawai=org.pegawai[key], tahun=YEAR, jp_total=Decimal(jp), jumlah=1)


def _box(org: Org, key: str, kotak: int) -> None:
    p = org.pegawai[key]
    PenempatanTalenta.objects.create(
        pegawai=p,
        tahun=YEAR,
        aturan=AturanTalenta.objects.first(),
        kinerja="Menengah",
        potensial="Menengah",
        kotak=kotak,
        skor_potensial=Decimal(70),
        opd_id=p.opd_id,
        unit_id=p.unit_id,
        dihitung_pada=timezone.now(),
    )


@pytest.fixture
def dinas(org: Org) -> Org:
    """Dinas Pendidikan: ten active people (Kadis, two Kabid, the Kasi, staf1a, staf1b, x0–x2, staf2).
    Plans approved: the Kasi and five staff. Final annual ratings (Seksi Kurikulum, result Baik): Baik 3,
    Sangat Baik 1 (x1), Butuh Perbaikan 1 (x0); the Kasi's own evaluation is not rated. JP: 24, 20,
    12,5 and 5. 9-box: box 9 once, box 5 twice. Diskominfo's Pranata (30 JP, box 9) must not count."""
    documented(org)
    for key, jp in (("staf1a", "24"), ("staf1b", "20"), ("x0", "12.5"), ("x1", "5"), ("pranata", "30")):
        _jp(org, key, jp)
    for key, kotak in (("staf1a", 9), ("staf1b", 5), ("x0", 5), ("pranata", 9)):
        _box(org, key, kotak)
    return org


@pytest.mark.django_db
def test_figures_are_the_hand_computed_ones(dinas: Org) -> None:
    rep = agency_report(dinas.units["dik"], YEAR)
    assert rep.pegawai == 10
    assert (rep.skp_disetujui, rep.skp_proses, rep.skp_belum) == (6, 0, 4)
    # Per unit directly under the agency, with its sub-units: the Kadis at the root; Bidang SMA = the
    # Kabid, the Kasi and five staff; Bidang SMK = the Kabid and one staff.
    assert [(r.nama, r.pegawai, r.disetujui) for r in rep.rencana] == [
        ("Dinas Pendidikan", 1, 0),
        ("Bidang Pembinaan SMA", 7, 6),
        ("Bidang Pembinaan SMK", 2, 0),
    ]
    assert (rep.evaluasi_final, rep.evaluasi_total) == (5, 6)
    assert rep.predikat == {
        "Sangat Baik": 1,
        "Baik": 3,
        "Butuh Perbaikan": 1,
        "Kurang/Misconduct": 0,
        "Sangat Kurang": 0,
    }
    assert [(k.nama, k.dinilai, k.organisasi, k.memenuhi) for k in rep.kurva] == [("Seksi Kurikulum", 5, "Baik", True)]
    assert rep.jp_memenuhi == 2
    assert rep.jp_pita == {"0": 6, "<10": 1, "10-<20": 1, ">=20": 2}
    assert rep.talenta[9] == 1 and rep.talenta[5] == 2 and rep.talenta_total == 3


@pytest.mark.django_db
def test_pdf_states_the_figures_in_indonesian_format(dinas: Org) -> None:
    text = pdf_text(report_pdf(agency_report(dinas.units["dik"], YEAR)))
    for expected in (
        "PEMERINTAH PROVINSI BENGKULU",
        "DINAS PENDIDIKAN",
        f"LAPORAN KINERJA TAHUNAN {YEAR}",
        "10 pegawai aktif",
        "6 dari 10 pegawai (60,0%)",  # SKP approved
        "belum ada SKP 4",
        "5 dari 6 (83,3%)",  # final evaluations
        "Sangat Baik 1 20,0%",
        "Baik 3 60,0%",
        "Butuh Perbaikan 1 20,0%",
        "memenuhi 1, melanggar 0",
        "Semua unit dengan predikat final memenuhi kurva distribusi.",
        "Bidang Pembinaan SMA 7 6 0 1 85,7%",
        "memenuhi 20 JP setahun: 2 dari 10 (20,0%)",
        "0 JP 6 60,0%",
        "10 s.d. di bawah 20 JP 1 10,0%",
        "Pegawai yang dipetakan: 3",
        "IKM per unit",
        "Belum ada Survei Kepuasan Masyarakat",
    ):
        assert expected in text, expected


@pytest.mark.django_db
def test_a_unit_breaking_the_curve_is_named_with_the_rule(dinas: Org) -> None:
    # Unit result Kurang: at least 60 % of 5 (3 people) must be Kurang/Misconduct — none is.
    PredikatOrganisasiUnit.objects.filter(unit=dinas.units["dik_s1"]).update(predikat="Kurang")
    rep = agency_report(dinas.units["dik"], YEAR)
    assert [(k.nama, k.memenuhi) for k in rep.kurva] == [("Seksi Kurikulum", False)]
    assert (rep.kurva_memenuhi, rep.kurva_melanggar) == (0, 1)
    html = report_html(rep)
    assert "Unit yang perlu ditindaklanjuti" in html and "Melanggar: Predikat kinerja organisasi Kurang" in html


@pytest.mark.django_db
def test_charts_are_inline_svg_built_from_templates(dinas: Org) -> None:
    html = report_html(agency_report(dinas.units["dik"], YEAR))
    assert html.count("<svg") == 5 and "plotly" not in html and "<script" not in html
    # The predikat chart: Baik (3) is the longest bar, 220 units wide; Sangat Baik (1) a third of it.
    chart = bar_chart("x", [("Sangat Baik", 1), ("Baik", 3), ("Butuh Perbaikan", 1)])
    assert [b.w for b in chart.bars] == [73.3, 220.0, 73.3]
    assert chart.bars[1].teks == "3"
    assert bar_chart("x", [("a", 0)]).bars[0].w == 0.0
    # A hundred units: three charts of at most 40 bars on one scale (the largest value anywhere).
    many = bar_charts("x", [(f"Unit {i}", i) for i in range(100)])
    assert [len(c.bars) for c in many] == [40, 40, 20] and many[0].bars[-1].w == round(39 / 99 * 220, 1)
    assert len(bar_charts("x", [])) == 1
    assert persen(1, 3) == "33,3%" and persen(0, 0) == "0,0%"
    big = bar_chart("x", [("Unit kerja dengan nama yang sangat panjang sekali", 1250000)])
    assert big.bars[0].teks == "1.250.000" and big.bars[0].label == "Unit kerja denga…t panjang sekali"


@pytest.mark.django_db
def test_report_queries_do_not_grow_with_headcount(dinas: Org) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            agency_report(dinas.units["dik"], YEAR)
        return len(ctx.captured_queries)

    small = count()
    for i in range(40):
        p = dinas.add_pegawai(f"more{i}", "staf1", golongan=31, user=False)
        RekapJpPegawai.objects.create(pegawai=p, tahun=YEAR, jp_total=Decimal(21), jumlah=1)
    large = count()
    # five for the JP targets, the units, the people and plans, the 9-box and the IKM of the service
    # units; ten for the curve: the year's periods, the agency's units, `agency_evaluation_rows`' six
    # reads (evaluations by unit, positions, heads twice, their superiors, the heads' evaluations),
    # the units' results and the curve policy
    assert small == large == 15
    assert agency_report(dinas.units["dik"], YEAR).jp_memenuhi == 42


@pytest.mark.django_db
def test_an_empty_agency_renders(org: Org) -> None:
    r = as_user(org, "kadiskominfo").get(reverse("api:laporan_opd_pdf", args=[org.units["kominfo"].pk]))
    assert r.status_code == 200
    text = pdf_text(r.content)
    assert "Belum ada predikat final tahun ini." in text and "2 pegawai aktif" in text


@pytest.mark.django_db
def test_calibration_units_kind_targets_and_excluded_placements(dinas: Org) -> None:
    """The curve reads units as the calibration does (a unit head's own evaluation in the unit above);
    JP against each ASN kind's target (the cap moves nobody); excluded 9-box placements left out."""
    from karier.appraisal.models import Evaluasi
    from karier.development.models import TargetJp
    from karier.people.models import Pegawai

    Evaluasi.objects.filter(pegawai=dinas.pegawai["kasi1"], periode__tahun_id=YEAR, periode__jenis="TAHUNAN").update(
        predikat="Baik"
    )
    TargetJp.objects.create(jenis_asn="PPPK", target=Decimal(10), batas=Decimal(12))
    Pegawai.objects.filter(pk=dinas.pegawai["x0"].pk).update(jenis_asn="PPPK")  # 12,5 JP: at its target of 10
    _box(dinas, "x1", 7)
    PenempatanTalenta.objects.filter(pegawai=dinas.pegawai["x1"]).update(dikecualikan=True)
    rep = agency_report(dinas.units["dik"], YEAR)
    assert [(k.nama, k.dinilai, k.memenuhi) for k in rep.kurva] == [
        ("Bidang Pembinaan SMA", 1, None),  # the Kasi's own evaluation, calibrated by the Kabid
        ("Seksi Kurikulum", 5, True),
    ]
    assert rep.jp_memenuhi == 3 and rep.jp_pita == {"0": 6, "<10": 1, "10-<20": 0, ">=20": 3}
    assert not rep.jp_seragam
    assert rep.talenta_total == 3
    html = report_html(rep)
    assert "separuh s.d. di bawah target" in html and "memenuhi target JP jenis ASN-nya" in html
