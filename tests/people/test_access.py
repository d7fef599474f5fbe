"""Who sees whom: one hand-written table, checked against every screen and API route.

The table is the specification (issue #2): self; superiors down the chain; the agency head for
the agency; BKD admin and auditor for everyone. Hidden records answer 404.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from karier.people.access import actor_for_user, can_see_pegawai, pegawai_for_actor, visible_pegawai

TARGETS = ["sekda", "kadis", "kabid1", "kasi1", "staf1a", "staf1b", "kabid2", "staf2", "kadiskominfo", "pranata"]
ALL = set(TARGETS)
SEES: dict[str, set[str]] = {
    "sekda": ALL,
    "kadis": {"kadis", "kabid1", "kasi1", "staf1a", "staf1b", "kabid2", "staf2"},
    "kabid1": {"kabid1", "kasi1", "staf1a", "staf1b"},
    "kasi1": {"kasi1", "staf1a", "staf1b"},
    "staf1a": {"staf1a"},
    "staf1b": {"staf1b"},
    "kabid2": {"kabid2", "staf2"},
    "staf2": {"staf2"},
    "kadiskominfo": {"kadiskominfo", "pranata"},
    "pranata": {"pranata"},
    "admin": ALL,
    "auditor": ALL,
    "unlinked": set(),
}

# Every route of the product is classified here; a new route fails
# `test_every_route_is_in_the_access_table` until it is.
PEGAWAI_ROUTES = {"people:profile": "/pegawai/{id}/", "api:pegawai_detail": "/api/v1/pegawai/{id}"}
# A plan is visible exactly when its owner is: checked against the same table.
PLAN_ROUTES = {
    "plans:detail": "/skp/{id}/",
    "plans_insight:skp_pdf": "/skp/{id}/pdf/",
    "plans_insight:skp_xlsx": "/skp/{id}/xlsx/",
    "api:skp_detail": "/api/v1/skp/{id}",
    "api:skp_pdf": "/api/v1/skp/{id}/pdf",
    "api:skp_xlsx": "/api/v1/skp/{id}/xlsx",
}
LOGIN_ROUTES = {
    "core:home": "/",
    "people:directory": "/pegawai/",
    "people:unit_tree": "/pegawai/unit/",
    "api:pegawai_list": "/api/v1/pegawai",
    "api:unit_list": "/api/v1/unit",
    "api:jabatan_list": "/api/v1/jabatan",
    "api:me": "/api/v1/me",
}
ORG_ROUTES = {
    "people:unit_detail": "/pegawai/unit/{unit}/",
    "api:unit_detail": "/api/v1/unit/{unit}",
    "api:jabatan_detail": "/api/v1/jabatan/{jabatan}",
}
ADMIN_ONLY = {"core:audit_log": "/jejak-audit/", "core:audit_xlsx": "/jejak-audit/excel/"}
PUBLIC = {
    "api:api-root",
    "core:glossary",
    "accounts:login",
    "accounts:logout",
    "api:openapi-json",
    "set_language",
    "public_feedback:form",
    "public_feedback:terima_kasih",
    # Issue #13 item 3: the SKM questionnaire and its API submission, by the period's public token.
    "public_feedback:skm_form",
    "public_feedback:skm_terima_kasih",
    "public_feedback:skm_hasil",  # a closed period's published result (404 before)
    "public_feedback:skm_hasil_pdf",
    "api:skm_respons_publik",
}
# HTML pages under /api/ (the Swagger UI): anonymous visitors are sent to the login page, not given 401.
API_HTML_PAGES = {"api:openapi-view"}
# Routes whose who-may-do-what table lives with their app; anonymous access to every one of
# them is still checked here (`test_anonymous_is_kept_out_of_every_route`).
COVERED_ELSEWHERE = {
    # Issue #14: the employee Excel export as a job (start, progress, download) and its API.
    "tests/people/test_people_export_job.py": ("people:ekspor", "api:pegawai_ekspor_"),
    # Issue #13 item 3: the SKM (periods, report, Excel, PDF, QR, follow-up) and its API.
    "tests/appraisal/test_skm_screens.py": ("public_feedback:skm_kelola_", "api:skm_"),
    # Issue #13 item 1: the dashboards (province, agency, team, mine), their refresh job and their API.
    "tests/insight/test_insight_dashboards_views.py": ("insight:dasbor", "api:dasbor_"),
    # Issue #13 item 2: fairness analytics (screen, Excel, API): BKD admins, auditors, agency heads.
    "tests/insight/test_insight_fairness_views.py": ("insight:keadilan", "api:keadilan_"),
    # Issue #13 item 4: official documents per person, the bulk zip per unit, the agency's yearly report.
    "tests/insight/test_insight_reports_access.py": ("insight:laporan_", "api:laporan_"),
    # Issue #12 item 7: the career page (mine, a person's, the team list) and its API.
    "tests/talent/test_talent_career.py": ("talent:karier_", "api:karier_saya", "api:karier_pegawai"),
    # Issue #12: the career recomputation job (screen and API), BKD admins only.
    "tests/talent/test_talent_recompute.py": ("talent:hitung", "api:karier_hitung_"),
    # Issue #12 item 6: coaching plans and the mid-year early warning (screens and API).
    "tests/talent/test_talent_coaching_screens.py": ("talent:coaching_", "api:coaching_"),
    # Issue #12 item 4: the 9-box, the talent rule sets and the disciplinary sanctions (screens and API).
    "tests/talent/test_talent_ninebox_access.py": ("talent:ninebox_", "api:ninebox_"),
    # Issue #12 item 3: angka kredit (ledger, konversi, uji kompetensi, formasi, PAK; screens and API).
    "tests/talent/test_talent_credit_access.py": ("talent:credit_", "api:credit_"),
    # Issue #12 item 5: key positions, succession candidates, positions at risk, the talent pool, nominations.
    "tests/talent/test_talent_succession_access.py": ("talent:succession_", "api:suksesi_"),
    # Issue #12 item 2: promotion eligibility per date, a person's, the proposals (screens and API).
    "tests/talent/test_talent_promotion_views.py": ("talent:promotion_", "api:promotion_"),
    # Issue #12 item 1: the predikat history and its two-phase import (screens and API).
    "tests/talent/test_talent_history_views.py": ("talent:history_", "api:riwayat_kinerja_"),
    # Issue #12 item 8: apresiasi, innovations and award proposals (screens and API).
    "tests/talent/test_talent_recognition_views.py": (
        "talent:recognition_",
        "api:apresiasi_",
        "api:inovasi_",
        "api:penghargaan_",
    ),
    "tests/accounts/test_accounts_tokens.py": ("accounts:token",),
    # Issue #11: the training catalogue, enrolment, attendance and the JP ledger (screens and API).
    "tests/development/test_development_catalogue_access.py": (
        "development:katalog",
        "development:sesi_",
        "development:pendaftaran_",
        "development:jp_",
        "api:katalog_",
        "api:sesi_",
        "api:pendaftaran_",
        "api:jp_",
    ),
    # The BKD admin's "Data induk" admin site (/data-induk/, every route of it): admin role only.
    "tests/core/test_core_datainduk.py": ("datainduk:",),
    "tests/core/test_core_integrity_daily.py": ("core:audit_check",),
    "tests/core/test_core_numbers.py": ("core:angka_pratinjau",),  # any signed-in user; it reads no data
    "tests/api/test_api_schema.py": ("api:openapi-view",),
    "tests/standards/test_standards_access.py": (
        "standards:",
        "api:rpjmd_",
        "api:indikator_",
        "api:nilai_",
        "api:renstra_",
        "api:perjanjian_",
        "api:baris_",
        "api:standar_",
        "api:hasil_",
    ),
    "tests/plans/test_plans_workflow.py": (
        "plans:",
        "api:skp_submit",
        "api:skp_withdraw",
        "api:skp_return",
        "api:skp_approve",
        "api:skp_revise",
    ),
    "tests/plans/test_plans_api.py": (
        "api:skp_",
        "api:rhk_",
        "api:iki_",
        "api:ekspektasi_",
        "api:lampiran_",
        "api:dialog_",
    ),
    "tests/plans/test_plans_cascade.py": (
        "plans_insight:cascade",
        "plans_insight:coverage",
        "api:skp_cakupan",
        "api:skp_celah_",
        "api:skp_kaskade",
    ),
    "tests/plans/test_plans_bulk.py": ("plans_insight:bulk", "api:skp_massal_"),
    "tests/appraisal/test_appraisal_api.py": ("appraisal:", "api:penilaian_"),
    "tests/appraisal/test_appraisal_bulk_screen.py": ("appraisal:bulk_excel",),  # appraisers only, as the screen
    "tests/appraisal/test_appraisal_feedback_multirater.py": (
        "appraisal_feedback:",
        "api:nominasi_",
        "api:permintaan_",
        "api:ringkasan_perilaku",
    ),
    "tests/appraisal/test_appraisal_public_feedback.py": (
        "appraisal_feedback:publik",
        "api:tautan_",
        "api:ringkasan_publik",
        "api:umpan_balik_publik",
        "api:moderasi_",
    ),
    "tests/appraisal/test_appraisal_calibration_api.py": (
        "appraisal_calibration:",
        "api:kalibrasi_",
        "api:evaluasi_",
        "api:keberatan_",
        "api:tutup_",
        "api:dokumen_",
        "api:penetapan_",
        "api:rekap_",
        "api:periode_tutup_",
    ),
    "tests/appraisal/test_appraisal_period_jobs.py": ("api:periode_buka_",),
    "tests/standards/test_standards_perjanjian_pdf.py": ("standards:perjanjian_pdf",),  # as the agreement
    "tests/appraisal/test_appraisal_table_exports.py": ("appraisal_calibration:agency_xlsx",),  # as the screen
    # Issue #11: QR attendance, the participant's evaluation, the superior's follow-up, the certificate.
    "tests/development/test_development_attendance_qr.py": ("development:kehadiran_", "api:kehadiran_"),
    "tests/development/test_development_feedback.py": (
        "development:kegiatan_evaluasi",
        "development:tindak_lanjut_",
        "api:kegiatan_evaluasi_",
        "api:tindak_lanjut_",
    ),
    "tests/development/test_development_certificate.py": ("development:sertifikat_", "api:sertifikat_"),
    # Competency standards, assessments, needs and the training-needs analysis (issue #11 items 1-3).
    "tests/development/test_development_competency_views.py": ("development:kompetensi_", "api:kompetensi_"),
    # The individual development plan (IDP, issue #11 item 6): screens, PDF, Excel and API.
    "tests/development/test_development_idp_views.py": ("development:rencana_",),
    "tests/development/test_development_idp_api.py": ("api:rencana_",),
    # Recommendations and the needs computation job (issue #11 item 5).
    "tests/development/test_development_recommend_access.py": ("development:rekomendasi_", "api:rekomendasi_"),
    # The course and training history in SIASN's layouts, export and import (issue #11 item 8).
    "tests/development/test_development_siasn_access.py": ("development:siasn_", "api:siasn_"),
    # The competency self-assessment over the API: propose, the superior decides (issue #11 item 2).
    "tests/development/test_development_competency_self_assessment_api.py": ("api:kompetensi_mandiri_",),
    # Level changes from completed activities, confirmed by the superior (issue #11 item 7).
    "tests/development/test_development_level_change.py": ("development:usulan_level", "api:usulan_level_"),
}


def _route_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], ns: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    continue
                walk(p.url_patterns, f"{ns}{p.namespace}:" if p.namespace else ns)
            elif isinstance(p, URLPattern) and p.name:
                names.add(f"{ns}{p.name}")

    walk(get_resolver().url_patterns, "")
    return names


def _covered_elsewhere(name: str) -> bool:
    return any(name.startswith(prefixes) for prefixes in COVERED_ELSEWHERE.values())


def test_every_route_is_in_the_access_table() -> None:
    tables = set(PEGAWAI_ROUTES) | set(PLAN_ROUTES) | set(LOGIN_ROUTES) | set(ORG_ROUTES) | set(ADMIN_ONLY) | PUBLIC
    names = _route_names()
    assert {n for n in names - tables if not _covered_elsewhere(n)} == set()
    assert tables - names == set()  # the table names no route that has gone
    root = Path(__file__).resolve().parents[2]
    for module in COVERED_ELSEWHERE:
        assert (root / module).is_file(), module


def _all_routes() -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []

    def walk(patterns: list[Any], ns: str, prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace != "admin":
                    walk(p.url_patterns, f"{ns}{p.namespace}:" if p.namespace else ns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern) and p.name:
                out.append((f"{ns}{p.name}", prefix + str(p.pattern)))

    walk(get_resolver().url_patterns, "", "/")
    return sorted(set(out))


@pytest.mark.django_db
def test_anonymous_is_kept_out_of_every_route(org: Any) -> None:
    """No route but the public ones answers an anonymous request, whatever the method."""
    client = Client()
    for name, pattern in _all_routes():
        if name in PUBLIC:
            continue
        url = re.sub(r"<(?:\w+:)?\w+>", "1", pattern)
        for method in ("get", "post", "put", "patch", "delete"):
            response = getattr(client, method)(url)
            assert response.status_code in {302, 401, 405}, (name, method, url, response.status_code)
            if response.status_code == 302:
                assert "/akun/masuk/" in response["Location"], (name, method)
            if url.startswith("/api/") and method == "get" and name not in API_HTML_PAGES:
                assert response.status_code in {401, 405}, (name, url)


def _client(org: Any, who: str) -> Client:
    c = Client()
    c.force_login(org.users[who])
    return c


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", sorted(SEES))
def test_visibility_table(org: Any, viewer: str) -> None:
    actor = actor_for_user(org.users[viewer])
    seen = {key for key in TARGETS if visible_pegawai(actor).filter(pk=org.pegawai[key].pk).exists()}
    assert seen == SEES[viewer]
    for key in TARGETS:
        assert can_see_pegawai(actor, org.pegawai[key]) is (key in SEES[viewer]), key


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", sorted(SEES))
@pytest.mark.parametrize("route", sorted(PEGAWAI_ROUTES))
def test_pegawai_routes_follow_the_table(org: Any, viewer: str, route: str) -> None:
    client = _client(org, viewer)
    for key in TARGETS:
        url = PEGAWAI_ROUTES[route].format(id=org.pegawai[key].pk)
        response = client.get(url)
        expected = 200 if key in SEES[viewer] else 404
        assert response.status_code == expected, (viewer, key, url)


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", sorted(SEES))
def test_plan_routes_follow_the_table(org: Any, viewer: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Who may open which plan, on screen and in the API. WeasyPrint's layout step is replaced: it
    took ~0,4 s per PDF, two thirds of this test's time (the sekda opens 20 of them), and the PDFs'
    content is checked in tests/plans/test_plans_documents.py; the document is still built and its
    template rendered, so only the access decision and the page's own code are under test here."""
    import weasyprint

    from karier.people.access import SYSTEM

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda self, *a, **k: b"%PDF-1.7 access-test")
    from karier.plans.bulk import skp_bulk_create
    from karier.plans.models import Skp

    skp_bulk_create(actor=SYSTEM, tahun=2026, today=dt.date(2026, 1, 10))
    plans = dict(Skp.objects.filter(tahun=2026).values_list("pegawai_id", "pk"))
    client = _client(org, viewer)
    for key in TARGETS:
        for route, template in PLAN_ROUTES.items():
            response = client.get(template.format(id=plans[org.pegawai[key].pk]))
            expected = 200 if key in SEES[viewer] else 404
            assert response.status_code == expected, (viewer, key, route)


@pytest.mark.django_db
def test_hidden_and_missing_look_the_same(org: Any) -> None:
    client = _client(org, "staf1a")
    hidden = client.get(f"/pegawai/{org.pegawai['kadis'].pk}/")
    missing = client.get("/pegawai/999999/")
    assert hidden.status_code == missing.status_code == 404
    with pytest.raises(Exception, match="tidak ditemukan"):
        pegawai_for_actor(actor_for_user(org.users["staf1a"]), org.pegawai["kadis"].pk)


@pytest.mark.django_db
@pytest.mark.parametrize("route", sorted({**LOGIN_ROUTES, **PEGAWAI_ROUTES, **ORG_ROUTES, **ADMIN_ONLY}))
def test_anonymous_is_kept_out(org: Any, route: str) -> None:
    template = {**LOGIN_ROUTES, **PEGAWAI_ROUTES, **ORG_ROUTES, **ADMIN_ONLY}[route]
    url = template.format(id=org.pegawai["staf1a"].pk, unit=org.units["dik"].pk, jabatan=org.jabatan["kadis"].pk)
    response = Client().get(url)
    if url.startswith("/api/"):
        assert response.status_code == 401
    else:
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", sorted(SEES))
def test_directory_lists_exactly_the_visible_people(org: Any, viewer: str) -> None:
    response = _client(org, viewer).get("/pegawai/")
    assert response.status_code == 200
    listed = {key for key in TARGETS if f'/pegawai/{org.pegawai[key].pk}/"' in response.content.decode()}
    assert listed == SEES[viewer]


@pytest.mark.django_db
@pytest.mark.parametrize(("viewer", "status"), [("admin", 200), ("auditor", 200), ("kadis", 404), ("staf1a", 404)])
def test_audit_log_is_for_admin_and_auditor(org: Any, viewer: str, status: int) -> None:
    assert _client(org, viewer).get("/jejak-audit/").status_code == status


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", ["admin", "auditor", "kadis", "staf1a", "unlinked"])
def test_org_chart_pages_open_for_signed_in_users(org: Any, viewer: str) -> None:
    client = _client(org, viewer)
    assert client.get(f"/pegawai/unit/{org.units['dik_s1'].pk}/").status_code == 200
    assert client.get("/pegawai/unit/999999/").status_code == 404


@pytest.mark.django_db
def test_unit_page_hides_non_managerial_holders_from_outsiders(org: Any) -> None:
    page = _client(org, "pranata").get(f"/pegawai/unit/{org.units['dik_s1'].pk}/").content.decode()
    assert org.pegawai["kasi1"].nama in page  # a managerial holder is a public official
    assert org.pegawai["staf1a"].nama not in page
    page = _client(org, "kasi1").get(f"/pegawai/unit/{org.units['dik_s1'].pk}/").content.decode()
    assert org.pegawai["staf1a"].nama in page


@pytest.mark.django_db
def test_admin_site_is_for_bkd_admins_only(org: Any) -> None:
    assert _client(org, "admin").get("/admin/people/pegawai/").status_code == 200
    for who in ("auditor", "kadis", "staf1a"):
        assert _client(org, who).get("/admin/people/pegawai/").status_code == 302
