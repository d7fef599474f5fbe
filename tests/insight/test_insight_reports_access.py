"""Who reaches "Laporan" (issue #13 item 4), screens and API: a hidden person, unit, agency or job
answers 404; a visible unit an auditor may not collect for answers 403; the zip goes only to whoever
may read the job."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from karier.core.choices import JenisTugasLatar
from karier.core.models import AuditEvent, TugasLatar
from tests.insight.test_insight_reports_support import YEAR, as_user
from tests.orgdata import Org

PEOPLE_SEEING_STAF1A = ("staf1a", "kasi1", "kabid1", "kadis", "sekda", "admin", "auditor")
NOT_SEEING_STAF1A = ("staf1b", "kabid2", "kadiskominfo", "pranata", "unlinked")


@pytest.mark.django_db
@pytest.mark.parametrize("who", PEOPLE_SEEING_STAF1A + NOT_SEEING_STAF1A)
def test_person_page_and_api_follow_who_sees_whom(org: Org, who: str) -> None:
    pid = org.pegawai["staf1a"].pk
    c = as_user(org, who)
    expected = 200 if who in PEOPLE_SEEING_STAF1A else 404
    assert c.get(reverse("insight:laporan_pegawai", args=[pid])).status_code == expected
    assert c.get(reverse("api:laporan_dokumen", args=[pid])).status_code == expected


def _start_view(c: Client, unit_id: int) -> Any:
    return c.post(reverse("insight:laporan_massal_mulai"), {"unit": unit_id, "tahun": YEAR})


def _start_api(c: Client, unit_id: int) -> Any:
    return c.post(
        reverse("api:laporan_massal_mulai", args=[unit_id]),
        data=json.dumps({"tahun": YEAR}),
        content_type="application/json",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("kasi1", 202),  # head of the unit
        ("kabid1", 202),  # head of the unit above
        ("kadis", 202),  # head of the agency
        ("admin", 202),
        ("auditor", 403),  # sees it, writes nothing
        ("staf1a", 404),
        ("kabid2", 404),  # a head of another bidang
        ("kadiskominfo", 404),  # the head of another agency
        ("unlinked", 404),
    ],
)
def test_who_may_collect_a_unit(org: Org, who: str, status: int) -> None:
    unit = org.units["dik_s1"].pk
    c = as_user(org, who)
    r = _start_api(c, unit)
    assert r.status_code == status, r.content
    view = _start_view(c, unit)
    if status == 202:
        assert r.json()["jenis"] == JenisTugasLatar.LAPORAN_MASSAL
        assert r.json()["parameter"] == {"unit_id": unit, "tahun": YEAR}
        assert view.status_code == 302 and "/wawasan/laporan/massal/" in view["Location"]
        assert AuditEvent.objects.filter(action="laporan.massal.mulai").count() == 2
    else:
        assert view.status_code == status
        assert not TugasLatar.objects.filter(jenis=JenisTugasLatar.LAPORAN_MASSAL).exists()


@pytest.mark.django_db
def test_missing_unit_is_404_and_bad_year_409_or_422(org: Org) -> None:
    c = as_user(org, "admin")
    assert _start_api(c, 999_999).status_code == 404
    assert _start_view(c, 999_999).status_code == 404
    bad = c.post(
        reverse("api:laporan_massal_mulai", args=[org.units["dik_s1"].pk]),
        data=json.dumps({"tahun": 1990}),
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert c.post(reverse("insight:laporan_massal_mulai"), {"unit": "x", "tahun": YEAR}).status_code == 302


@pytest.mark.django_db
def test_job_and_zip_only_for_whoever_may_read_the_job(
    org: Org, settings: Any, tmp_path: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):  # the job runs inline after the commit
        job_id = _start_api(as_user(org, "kasi1"), org.units["dik_s1"].pk).json()["id"]
    assert TugasLatar.objects.get(pk=job_id).status == "SELESAI"
    for who, status in (("kasi1", 200), ("admin", 200), ("auditor", 200), ("kabid1", 404), ("staf1a", 404)):
        c = as_user(org, who)
        assert c.get(reverse("insight:laporan_massal", args=[job_id])).status_code == status, who
        assert c.get(reverse("api:laporan_massal_status", args=[job_id])).status_code == status, who
        assert c.get(reverse("insight:laporan_massal_unduh", args=[job_id])).status_code == status, who
        assert c.get(reverse("api:laporan_massal_unduh", args=[job_id])).status_code == status, who
    # Another kind of job under this id is not a report job.
    other = TugasLatar.objects.create(jenis=JenisTugasLatar.SKP_MASSAL, dibuat_oleh_id=org.users["kasi1"].pk)
    assert as_user(org, "kasi1").get(reverse("insight:laporan_massal", args=[other.pk])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "opd", "status"),
    [
        ("kadis", "dik", 200),
        ("admin", "dik", 200),
        ("auditor", "kominfo", 200),
        ("kadiskominfo", "dik", 404),
        ("kabid1", "dik", 404),
        ("staf1a", "dik", 404),
        ("admin", "dik_s1", 404),  # not an agency
    ],
)
def test_agency_report_is_for_its_head_bkd_and_auditors(org: Org, who: str, opd: str, status: int) -> None:
    c = as_user(org, who)
    oid = org.units[opd].pk
    r = c.get(reverse("insight:laporan_opd_pdf", args=[oid]) + f"?tahun={YEAR}")
    assert r.status_code == status
    if status == 200:
        assert r.content.startswith(b"%PDF")
    assert c.get(reverse("api:laporan_opd_pdf", args=[oid])).status_code == status


@pytest.mark.django_db
def test_anonymous_is_sent_to_login_or_401(org: Org) -> None:
    c = Client()
    r = c.get(reverse("insight:laporan_pegawai", args=[org.pegawai["staf1a"].pk]))
    assert r.status_code == 302 and "/akun/" in r["Location"]
    assert c.get(reverse("api:laporan_dokumen", args=[org.pegawai["staf1a"].pk])).status_code == 401


@pytest.mark.django_db
def test_index_offers_only_what_the_viewer_may_do(org: Org) -> None:
    html = as_user(org, "kasi1").get(reverse("insight:laporan_index")).content.decode()
    assert "Seksi Kurikulum" in html and "Bidang Pembinaan SMK" not in html
    assert reverse("insight:laporan_opd_pdf", args=[org.units["dik"].pk]) not in html
    html = as_user(org, "kadis").get(reverse("insight:laporan_index")).content.decode()
    assert reverse("insight:laporan_opd_pdf", args=[org.units["dik"].pk]) in html
    assert reverse("insight:laporan_opd_pdf", args=[org.units["kominfo"].pk]) not in html
    html = as_user(org, "staf1a").get(reverse("insight:laporan_index")).content.decode()
    assert "Tidak ada unit yang dapat Anda kumpulkan" in html
    assert reverse("insight:laporan_pegawai", args=[org.pegawai["staf1a"].pk]) in html


@pytest.mark.django_db
def test_bkd_chooses_an_agency_before_its_units(org: Org) -> None:
    c = as_user(org, "admin")
    html = c.get(reverse("insight:laporan_index")).content.decode()
    assert f'<option value="{org.units["dik"].pk}">Dinas Pendidikan</option>' in html
    assert "Seksi Kurikulum" not in html  # only the agencies until one is chosen
    html = c.get(reverse("insight:laporan_index") + f"?opd={org.units['dik'].pk}").content.decode()
    assert "— — Seksi Kurikulum" in html and "— Bidang Pembinaan SMK" in html
