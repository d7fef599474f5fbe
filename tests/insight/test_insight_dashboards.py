"""The dashboards' figures and their refresh (issue #13 item 1), checked against the hand-made data
of `test_insight_dashboards_support.dashboard_org` (the counts are worked out in its docstring)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from karier.appraisal.models import PredikatOrganisasiUnit
from karier.core.audit import AuditEvent
from karier.core.choices import JenisTugasLatar, StatusTugasLatar
from karier.core.models import TugasLatar
from karier.insight.dashboards import refresh
from karier.insight.dashboards.access import Lingkup
from karier.insight.dashboards.choices import MetrikDasbor as M
from karier.insight.dashboards.panels import panels, ringkasan, risk_reasons
from karier.insight.dashboards.selectors import angka_dasbor
from karier.insight.models import AngkaDasbor, PembaruanDasbor
from karier.people.access import SYSTEM
from tests.insight.test_insight_dashboards_support import YEAR, dashboard_org
from tests.orgdata import Org

pytestmark = pytest.mark.django_db


def _counts(tahun: int, opd_id: int | None, unit_id: int | None, metrik: str) -> dict[str, int]:
    return dict(
        AngkaDasbor.objects.filter(tahun=tahun, opd_id=opd_id, unit_id=unit_id, metrik=metrik).values_list(
            "kategori", "jumlah"
        )
    )


def test_refresh_counts_every_figure_by_unit_and_agency(org: Org) -> None:
    dashboard_org(org)
    hasil = refresh.dasbor_refresh_now(actor=SYSTEM, tahun=[YEAR])
    dik, s1, kominfo = org.units["dik"].pk, org.units["dik_s1"].pk, org.units["kominfo"].pk
    assert _counts(YEAR, dik, s1, M.PEGAWAI) == {"": 6}
    assert _counts(YEAR, dik, None, M.PEGAWAI) == {"": 10}
    assert _counts(YEAR, kominfo, None, M.PEGAWAI) == {"": 2}
    assert _counts(YEAR, dik, s1, M.PREDIKAT) == {"Sangat Baik": 1, "Baik": 3, "Butuh Perbaikan": 1}
    assert _counts(YEAR, dik, None, M.PREDIKAT) == {"Sangat Baik": 1, "Baik": 3, "Butuh Perbaikan": 1}
    assert _counts(YEAR, dik, s1, M.EVALUASI) == {"FINAL": 5, "DRAFT": 1}
    assert _counts(YEAR, dik, s1, M.SKP) == {"DISETUJUI": 6}
    assert _counts(YEAR, dik, s1, M.JP) == {"MEMENUHI": 2}
    assert _counts(YEAR, kominfo, None, M.JP) == {"MEMENUHI": 1}
    assert _counts(YEAR, dik, None, M.TALENTA) == {"9": 1, "5": 2}
    assert _counts(YEAR, dik, None, M.PROMOSI) == {"LAYAK": 2, "DIVERIFIKASI": 1}
    assert _counts(YEAR, dik, s1, M.KASKADE) == {"RHK": 6, "TERHUBUNG": 1}
    assert not AngkaDasbor.objects.filter(metrik=M.IKM).exists()  # no SKM period here (see test_insight_dashboards_ikm)
    # one row per unit and category, never per person
    assert AngkaDasbor.objects.filter(tahun=YEAR, metrik=M.PEGAWAI).count() == 6 + 3  # 6 units with people, 3 agencies
    assert hasil[str(YEAR)] == AngkaDasbor.objects.filter(tahun=YEAR).count()
    assert PembaruanDasbor.objects.get(tahun=YEAR).baris == hasil[str(YEAR)]


def _all() -> list[tuple[int, int, str, str, int]]:
    rows = AngkaDasbor.objects.values_list("opd_id", "unit_id", "metrik", "kategori", "jumlah")
    return sorted((o or 0, u or 0, m, k, n) for o, u, m, k, n in rows)


def test_refresh_is_idempotent_and_drops_what_is_gone(org: Org) -> None:
    dashboard_org(org)
    refresh.dasbor_refresh_now(actor=SYSTEM, tahun=[YEAR])
    first = _all()
    refresh.dasbor_refresh_now(actor=SYSTEM, tahun=[YEAR])
    assert _all() == first
    org.pegawai["pranata"].__class__.objects.filter(opd_id=org.units["kominfo"].pk).update(aktif=False)
    refresh.dasbor_refresh_now(actor=SYSTEM, tahun=[YEAR])
    assert not AngkaDasbor.objects.filter(opd_id=org.units["kominfo"].pk).exists()


def test_province_figures_curve_and_units_at_risk(org: Org) -> None:
    s = dashboard_org(org)
    # the agency's own predikat organisasi: its line is held to that curve; Kominfo has none
    PredikatOrganisasiUnit.objects.create(
        unit=org.units["dik"], periode=s.periode, predikat="Baik", alasan="Capaian sesuai target."
    )
    refresh.dasbor_refresh_now(actor=SYSTEM, tahun=[YEAR])
    province = angka_dasbor(Lingkup(tahun=YEAR))
    assert [b.nama for b in province.baris] == [
        "Dinas Komunikasi, Informatika dan Statistik",
        "Dinas Pendidikan",
        "Sekretariat Daerah",
    ]
    assert province.jumlah.get(M.PEGAWAI) == 13
    assert province.jumlah.get(M.JP, "MEMENUHI") == 3
    assert dict(ringkasan(province))["Pegawai aktif"] == 13
    # 6 approved plans of 13 people: 46,2 %
    assert str(dict(ringkasan(province))["% SKP disetujui"]) == "46.2"
    by_key = {p.kunci: p for p in panels(province)}
    predikat = by_key["predikat"]
    dik_row = next(r for r in predikat.rows if r[0] == "Dinas Pendidikan")
    # Sangat Baik, Baik, Butuh Perbaikan, Kurang, Sangat Kurang, total, predikat organisasi, curve
    assert dik_row[1:7] == [1, 3, 1, 0, 0, 5]
    assert dik_row[8] == "Sesuai kurva"  # Baik: at most 70 % Baik (3 of 5), at least one BP/K
    kominfo_row = next(r for r in predikat.rows if r[0].startswith("Dinas Komunikasi"))
    assert kominfo_row[7] is None and kominfo_row[8] == "Belum ada predikat organisasi"  # not held to "Baik"
    assert predikat.rows[-1][0] == "Jumlah" and predikat.rows[-1][7:] == [None, None]  # no curve on the total
    assert predikat.catatan == []
    assert predikat.figure is not None and len(predikat.figure["data"]) == 5
    talenta = by_key["talenta"]
    assert {r[0]: r[2] for r in talenta.rows} == {9: 1, 8: 0, 7: 0, 6: 0, 5: 2, 4: 0, 3: 0, 2: 0, 1: 0}
    assert [r[1] for r in by_key["promosi"].rows] == [2, 0, 1, 0, 0]
    assert by_key["ikm"].rows == [] and by_key["ikm"].kosong == "Belum ada data IKM."
    # agency view: one line per bidang (its seksi summed) and one for the Kadis's own office
    agency = angka_dasbor(Lingkup(tahun=YEAR, opd=org.units["dik"]))
    assert [(b.nama, b.get(M.PEGAWAI)) for b in agency.baris] == [
        ("Dinas Pendidikan", 1),
        ("Bidang Pembinaan SMA", 7),
        ("Bidang Pembinaan SMK", 2),
    ]
    b1 = next(b for b in agency.baris if b.id == org.units["dik_b1"].pk)
    assert risk_reasons(b1) == ["memenuhi JP 28,6% (< 50%)"]  # 2 of 7; plans 6 of 7 approved: fine
    b2 = next(b for b in agency.baris if b.id == org.units["dik_b2"].pk)
    assert len(risk_reasons(b2)) == 2  # no approved plan, nobody at the JP target
    kaskade = {r[0]: r[1:] for r in next(p for p in panels(agency) if p.kunci == "kaskade").rows}
    assert [str(v) for v in kaskade["Bidang Pembinaan SMA"]] == ["6", "1", "16.7"]
    # drilling into the bidang: the seksi is at risk on JP (2 of 6 at target: 33,3 %)
    bidang = angka_dasbor(Lingkup(tahun=YEAR, opd=org.units["dik"], unit=org.units["dik_b1"]))
    seksi = next(b for b in bidang.baris if b.id == org.units["dik_s1"].pk)
    assert risk_reasons(seksi) == ["memenuhi JP 33,3% (< 50%)"]


def test_unit_filter_sums_its_subtree(org: Org) -> None:
    dashboard_org(org)
    refresh.dasbor_refresh_now(actor=SYSTEM, tahun=[YEAR])
    b1 = angka_dasbor(Lingkup(tahun=YEAR, opd=org.units["dik"], unit=org.units["dik_b1"]))
    assert [b.nama for b in b1.baris] == ["Bidang Pembinaan SMA", "Seksi Kurikulum"]
    assert b1.jumlah.get(M.PEGAWAI) == 7  # Kabid1 + the seksi's six
    assert b1.jumlah.total(M.PREDIKAT) == 5


def test_refresh_job_progress_audit_and_refusals(org: Org, django_capture_on_commit_callbacks: Any) -> None:
    dashboard_org(org)
    with pytest.raises(PermissionDenied):
        refresh.dasbor_refresh_start(actor=org.actor("kadis"))
    with pytest.raises(PermissionDenied):
        refresh.dasbor_refresh_start(actor=org.actor("auditor"))
    with pytest.raises(ValidationError):
        refresh.dasbor_refresh_start(actor=org.actor("admin"), tahun=[1990])
    with django_capture_on_commit_callbacks(execute=True):  # the task runs inline on the default backend
        job = refresh.dasbor_refresh_start(actor=org.actor("admin"), tahun=[YEAR])
    job.refresh_from_db()
    assert job.status == StatusTugasLatar.SELESAI
    assert job.jenis == JenisTugasLatar.DASBOR
    assert job.total == job.diproses == 4  # three agencies and the province's own rows
    event = AuditEvent.objects.filter(action="dasbor.segarkan").get()
    assert event.object_id == str(job.pk)
    assert PembaruanDasbor.objects.get(tahun=YEAR).tugas_id == job.pk
    TugasLatar.objects.create(jenis=JenisTugasLatar.DASBOR, status=StatusTugasLatar.BERJALAN, parameter={})
    with pytest.raises(ValidationError, match="sedang berjalan"):
        refresh.dasbor_refresh_start(actor=org.actor("admin"))
    # the hook and the nightly task leave it to the start's own check, and skip quietly
    from karier.insight.dashboards.access import can_refresh
    from karier.insight.dashboards.hooks import after_period_close
    from karier.insight.dashboards.tasks import segarkan_dasbor_harian

    jobs = TugasLatar.objects.count()
    after_period_close(actor=org.actor("kadis"), periode=type("P", (), {"tahun_id": YEAR})(), opd_id=None)
    assert segarkan_dasbor_harian.call() == {"dimulai": 0}
    assert TugasLatar.objects.count() == jobs
    assert can_refresh(org.actor("admin")) and not can_refresh(org.actor("auditor"))
    assert not can_refresh(org.actor("kadis"))


def test_nightly_task_and_period_close_hook(org: Org, django_capture_on_commit_callbacks: Any) -> None:
    from django.conf import settings

    from karier.insight.dashboards.hooks import after_period_close
    from karier.insight.dashboards.tasks import segarkan_dasbor_harian

    assert "karier.insight.dashboards.tasks.segarkan_dasbor_harian" in settings.KARIER_DAILY_TASKS
    assert "karier.insight.dashboards.hooks.after_period_close" in settings.KARIER_AFTER_PERIOD_CLOSE
    s = dashboard_org(org)
    with django_capture_on_commit_callbacks(execute=True):
        after_period_close(actor=org.actor("kadis"), periode=s.periode, opd_id=None)
    assert PembaruanDasbor.objects.filter(tahun=YEAR).exists()
    with django_capture_on_commit_callbacks(execute=True):
        started = segarkan_dasbor_harian.call()
    assert started == {"dimulai": 1, "tugas": TugasLatar.objects.order_by("-pk").values_list("pk", flat=True)[0]}
    assert set(PembaruanDasbor.objects.values_list("tahun", flat=True)) == {YEAR - 1, YEAR}


def test_command_refreshes_every_year(org: Org) -> None:
    import io

    from django.core.management import call_command

    dashboard_org(org)
    out = io.StringIO()
    call_command("segarkan_dasbor", stdout=out)
    assert f"{YEAR} (" in out.getvalue()
    assert PembaruanDasbor.objects.filter(tahun=YEAR).exists()


def test_every_figure_is_valid_plotly(org: Org) -> None:
    """Figures are plain dicts (fast to build); plotly's own validation catches a misspelt property."""
    import plotly.graph_objects as go

    from karier.development.catalogue.selectors import targets
    from karier.insight.dashboards import people
    from karier.insight.dashboards.team_panels import saya_panels, team_panels

    dashboard_org(org)
    refresh.dasbor_refresh_now(actor=SYSTEM, tahun=[YEAR])
    figures = [p.figure for p in panels(angka_dasbor(Lingkup(tahun=YEAR)))]
    figures += [p.figure for p in panels(angka_dasbor(Lingkup(tahun=YEAR, opd=org.units["dik"])))]
    figures += [p.figure for p in team_panels(people.team(org.actor("kasi1"), YEAR), targets())]
    figures += [p.figure for p in saya_panels(people.saya(org.actor("staf1a"), YEAR))]
    drawn = [f for f in figures if f is not None]
    assert len(drawn) >= 12
    for figure in drawn:
        go.Figure(figure)


def test_a_large_scope_shows_its_largest_lines_and_exports_all(org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    from karier.insight.dashboards import panels as module

    dashboard_org(org)
    refresh.dasbor_refresh_now(actor=SYSTEM, tahun=[YEAR])
    monkeypatch.setattr(module, "BATAS_TAMPIL", 1)
    agency = angka_dasbor(Lingkup(tahun=YEAR, opd=org.units["dik"]))
    done = {p.kunci: p for p in panels(agency)}["penyelesaian"]
    assert [r[0] for r in done.rows] == ["Dinas Pendidikan", "Bidang Pembinaan SMA", "Bidang Pembinaan SMK", "Jumlah"]
    assert [r[0] for r in done.rows_page or []] == ["Bidang Pembinaan SMA", "Jumlah"]  # the largest, and the total
    assert done.tersembunyi == 2
    assert done.figure is not None and done.figure["data"][0]["x"] == ["Bidang Pembinaan SMA"]
