"""The home pages of the appraiser (Bu Wati), the agency head (Pak Rahmat), the BKD admin (Sari) and
the auditor (issue #10 §5): each item is there only when it applies, and links where the user acts."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from karier.appraisal.choices import StatusEvaluasi, StatusNominasi
from karier.appraisal.models import Evaluasi, NominasiPenilai, PredikatOrganisasiUnit
from karier.core.choices import JenisTugasLatar, StatusTugasLatar
from karier.core.models import TugasLatar
from karier.plans import services as plan_services
from karier.plans.services import IkiData, RhkData
from tests.appraisal.test_appraisal_support import YEAR, configured
from tests.orgdata import Org

pytestmark = pytest.mark.django_db


def home(org: Org, key: str) -> str:
    client = Client()
    client.force_login(org.users[key])
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def section(page: str, testid: str) -> str:
    found = re.search(rf'<div class="home-section" data-testid="{testid}"[^>]*>(.*?)\n</div>', page, re.S)
    assert found, testid
    return found.group(1)


def test_appraiser_sees_ratings_due_late_people_plans_and_nominations(org: Org) -> None:
    s = configured(org)
    org.add_pegawai("baru", "staf1", golongan=31, nama="Budi Baru")
    skp = plan_services.skp_create(actor=org.actor("baru"), pegawai=org.pegawai["baru"], tahun=YEAR, sumber="KOSONG")
    plan_services.rhk_add(
        actor=org.actor("baru"), skp=skp, data=RhkData(teks="Arsip"), iki=IkiData(indikator="Berkas", target_angka="5")
    )
    plan_services.skp_submit(actor=org.actor("baru"), skp=skp)
    NominasiPenilai.objects.create(
        evaluasi=s.ev("staf1a"), penilai_rekan=org.pegawai["staf1b"], jenis="REKAN", status=StatusNominasi.DIUSULKAN
    )
    tugas = section(home(org, "kasi1"), "tugas-atasan")
    assert f'href="{reverse("appraisal:bulk", args=[s.periode.pk])}"' in tugas
    assert "2 orang belum dinilai" in tugas
    assert f'href="{reverse("plans:detail", args=[skp.pk])}"' in tugas and "Budi Baru" in tugas
    assert "1 usulan penilai rekan menunggu keputusan Anda" in tugas
    assert f'href="{reverse("appraisal_feedback:persetujuan")}"' in tugas
    if timezone.localdate() > s.periode.batas_pengisian:
        assert "2 bawahan belum mengisi realisasi setelah batas" in tugas
        assert "Dodi Saputra" in tugas
    # Rated: no longer due; the employee has no appraiser section at all.
    Evaluasi.objects.filter(periode=s.periode).update(status=StatusEvaluasi.DINILAI)
    tugas = section(home(org, "kasi1"), "tugas-atasan")
    assert reverse("appraisal:bulk", args=[s.periode.pk]) not in tugas
    assert 'data-testid="tugas-atasan"' not in home(org, "staf1a")


def test_late_plans_are_listed_after_the_deadline(org: Org) -> None:
    from karier.plans.services.common import tahun_kinerja_get_or_create

    tahun = tahun_kinerja_get_or_create(YEAR)
    tugas = section(home(org, "kasi1"), "tugas-atasan")
    if timezone.localdate() > tahun.batas_penetapan_skp:
        assert "bawahan terlambat mengajukan SKP" in tugas
        assert "Dodi Saputra" in tugas and "Belum membuat SKP" in tugas
    else:
        assert "terlambat" not in tugas


def test_agency_head_sees_progress_units_at_risk_and_decisions(org: Org) -> None:
    s = configured(org)
    Evaluasi.objects.filter(periode=s.periode).update(
        status=StatusEvaluasi.DINILAI, predikat="Sangat Baik", rating_hasil_kerja="Di Atas Ekspektasi"
    )
    PredikatOrganisasiUnit.objects.create(
        unit=org.units["dik_s1"], periode=s.periode, predikat="Kurang", alasan="Capaian unit di bawah target."
    )
    page = home(org, "kadis")
    opd = section(page, "ringkasan-opd")
    assert "Sudah dinilai" in opd and "(100%)" in opd
    assert "Seksi Kurikulum" in opd
    assert f'href="{reverse("appraisal_calibration:unit", args=[s.periode.pk, org.units["dik_s1"].pk])}"' in opd
    assert "Predikat kinerja organisasi Kurang" in opd
    assert "0 keberatan untuk diputuskan" in opd
    assert f'href="{reverse("appraisal_calibration:objections")}"' in opd
    assert "SKP perangkat daerah tahun" in opd
    # Kepala Seksi sees no agency summary.
    assert 'data-testid="ringkasan-opd"' not in home(org, "kasi1")


def test_bkd_admin_sees_the_province_per_agency_and_the_problems(org: Org) -> None:
    s = configured(org)
    job = TugasLatar.objects.create(
        jenis=JenisTugasLatar.TUTUP_PERIODE, status=StatusTugasLatar.GAGAL, pesan="Periode tidak dapat ditutup."
    )
    page = home(org, "admin")
    prov = section(page, "ringkasan-provinsi")
    assert "Dinas Pendidikan" in prov and "Dinas Komunikasi" in prov
    assert "SKP per perangkat daerah" in prov and "Penilaian kinerja per perangkat daerah" in prov
    assert "Periode tidak dapat ditutup." in prov
    assert f'href="{reverse("appraisal_calibration:close_job", args=[job.pk])}"' in prov
    assert "jabatan manajerial (penilai) kosong" in prov
    assert "pegawai tanpa jabatan" in prov
    assert "Kelola data induk" in prov and "Kalender penilaian" in prov
    assert 'data-testid="langkah-berikut"' not in page and 'data-testid="ringkasan-opd"' not in page
    del s


def test_auditor_reads_the_province_without_action_buttons(org: Org) -> None:
    configured(org)
    page = home(org, "auditor")
    prov = section(page, "ringkasan-provinsi")
    assert "SKP per perangkat daerah" in prov and "Dinas Pendidikan" in prov
    assert "Kelola data induk" not in prov and "Kalender penilaian" not in prov
    assert 'class="button' not in prov


def test_province_counts_each_active_person_once_per_agency(org: Org) -> None:
    from karier.plans.home import _province_plans

    for i in range(3):
        org.add_pegawai(f"x{i}", "staf1", golongan=31, user=False)
    data = _province_plans(YEAR)
    row = next(r for r in data["table"] if r["nama"] == "Dinas Pendidikan")
    assert row["total"] == 10 and row["cells"][0] == 10 and row["persen_disetujui"] == 0  # 7 built + 3, no plan
    assert data["total"] == sum(data["jumlah"]) == 13  # with Setda (1) and Diskominfo (2)


def test_big_numbers_and_dates_are_indonesian() -> None:
    import datetime as dt

    from django.template.loader import render_to_string
    from django.utils import translation

    row = {"opd_id": 1, "nama": "Dinas X", "total": 1250, "cells": [1000, 0, 0, 0, 250], "persen_disetujui": 20}
    ctx = {"kolom": ["a", "b", "c", "d", "e"], "table": [row], "jumlah": row["cells"], "total": 1250}
    with translation.override("id"):
        html = render_to_string("plans/home/skp_provinsi.html", {"p": {**ctx, "tahun": 2026, "persen_disetujui": 20}})
        sisa = render_to_string(
            "plans/home/skp_saya.html",
            {
                "p": {
                    "tahun": 2026,
                    "tahun_kinerja": object(),
                    "skp": None,
                    "batas": dt.date(2026, 12, 5),
                    "sisa_hari": 3,
                }
            },
        )
    assert "1.250 pegawai aktif" in html and ">1.000<" in html
    assert "5 Des 2026" in sisa and "3 hari lagi" in sisa


def test_the_api_docs_are_linked_on_my_own_profile_only(org: Org) -> None:
    client = Client()
    client.force_login(org.users["kasi1"])
    docs = reverse("api:openapi-view")
    mine = client.get(reverse("people:profile", args=[org.pegawai["kasi1"].pk])).content.decode()
    other = client.get(reverse("people:profile", args=[org.pegawai["staf1a"].pk])).content.decode()
    assert f'href="{docs}"' in mine and f'href="{docs}"' not in other


def test_province_problems_count_people_without_position_and_under_a_vacant_superior(org: Org) -> None:
    import datetime as dt

    from karier.people.home import _province_stats
    from karier.people.models import Penugasan

    today = timezone.localdate()
    before = _province_stats(today)
    assert before["without_position"] == 0 and before["atasan_kosong"] == 0
    org.add_pegawai("tanpa", None, user=False)
    Penugasan.objects.filter(pegawai=org.pegawai["kasi1"]).update(selesai=today - dt.timedelta(days=1))
    after = _province_stats(today)
    assert after["without_position"] == 1
    assert after["atasan_kosong"] == 2  # Dodi and staf1b: their Kepala Seksi post is vacant
    assert after["vacant_count"] == before["vacant_count"] + 1


def test_an_appraisers_home_jumps_to_her_tasks_and_an_employees_has_no_jump(org: Org) -> None:
    """On a phone an appraiser's tasks start ~1,100 px down, below her own cards: the top of the page
    links straight to them. A plain employee's page is short and has no such links."""
    configured(org)
    boss = home(org, "kasi1")
    jump = re.search(r'<nav class="home-lompat"[^>]*>(.*?)</nav>', boss, re.S)
    assert jump and 'href="#tugas-atasan"' in jump.group(1) and "Tugas sebagai atasan" in jump.group(1)
    assert 'id="tugas-atasan"' in boss
    assert boss.index('class="home-lompat"') < boss.index('data-testid="pekerjaan-saya"')
    assert 'class="home-lompat"' not in home(org, "staf1a")


def test_cached_province_labels_follow_the_readers_language(org: Org, settings: object) -> None:
    """The province figures are cached with translated labels: an English visit fills the cache, the
    next Indonesian visit must still read Indonesian column headers (and the reverse)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "lang"}}  # type: ignore[attr-defined]
    from django.conf import settings as conf

    configured(org)
    client = Client()
    client.force_login(org.users["admin"])
    client.cookies[conf.LANGUAGE_COOKIE_NAME] = "en"
    english = section(client.get("/").content.decode(), "ringkasan-provinsi")
    assert "No SKP yet" in english
    client.cookies[conf.LANGUAGE_COOKIE_NAME] = "id"
    indonesian = section(client.get("/").content.decode(), "ringkasan-provinsi")
    assert "Belum membuat SKP" in indonesian and "No SKP yet" not in indonesian
