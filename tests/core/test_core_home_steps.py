"""The employee's home (issue #10 §5, Dodi): where my plan stands and the ONE next step, chosen by
the priority order of `karier.core.home` — one test per step, plus the order between two steps."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from karier.appraisal.choices import StatusEvaluasi, StatusNominasi
from karier.appraisal.models import Evaluasi, NominasiPenilai, PeriodePenilaian
from karier.plans import services as plan_services
from karier.plans.models import Skp
from karier.plans.services import IkiData, RhkData
from karier.plans.services.common import tahun_kinerja_get_or_create
from tests.appraisal.test_appraisal_support import YEAR, approved_skp, configured
from tests.orgdata import Org

pytestmark = pytest.mark.django_db


def home(org: Org, key: str) -> str:
    client = Client()
    client.force_login(org.users[key])
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def step(page: str) -> str:
    """The text of the element data-testid="langkah-berikut" (tags stripped, spaces collapsed)."""
    found = re.search(r'data-testid="langkah-berikut".*?</section>', page, re.S)
    assert found, "no next-step element"
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(0)).split())


def draft(org: Org, key: str = "staf1a") -> Skp:
    skp = plan_services.skp_create(actor=org.actor(key), pegawai=org.pegawai[key], tahun=YEAR, sumber="KOSONG")
    plan_services.rhk_add(
        actor=org.actor(key),
        skp=skp,
        data=RhkData(teks="Laporan bulanan"),
        iki=IkiData(indikator="Jumlah laporan", target_angka="12", satuan="laporan"),
    )
    return skp


def test_no_plan_yet_the_step_is_to_write_it(org: Org) -> None:
    tahun_kinerja_get_or_create(YEAR)
    page = home(org, "staf1a")
    assert f"Susun SKP {YEAR}" in step(page)
    assert f'href="{reverse("plans:index")}#buat-skp"' in page
    assert f"Batas: 31 Jan {YEAR}" in step(page)
    if timezone.localdate() > tahun_kinerja_get_or_create(YEAR).batas_penetapan_skp:
        assert "lewat" in step(page)


def test_a_draft_is_to_be_submitted(org: Org) -> None:
    skp = draft(org)
    page = home(org, "staf1a")
    assert "Ajukan SKP ke atasan" in step(page)
    assert f'href="{reverse("plans:detail", args=[skp.pk])}"' in step_html(page)


def step_html(page: str) -> str:
    found = re.search(r'data-testid="langkah-berikut".*?</section>', page, re.S)
    assert found
    return found.group(0)


def test_a_returned_plan_comes_first_with_the_superiors_note(org: Org) -> None:
    skp = draft(org)
    plan_services.skp_submit(actor=org.actor("staf1a"), skp=skp)
    plan_services.skp_return(actor=org.actor("kasi1"), skp=skp, komentar="Target laporan terlalu rendah.")
    page = home(org, "staf1a")
    assert "Perbaiki SKP yang dikembalikan" in step(page)
    assert "Target laporan terlalu rendah." in page


def test_a_submitted_plan_waits_for_the_appraiser(org: Org) -> None:
    skp = draft(org)
    plan_services.skp_submit(actor=org.actor("staf1a"), skp=skp)
    assert "Tunggu persetujuan SKP" in step(home(org, "staf1a"))


def test_an_open_period_without_my_evaluation_is_to_be_started(org: Org) -> None:
    configured(org, plans={"staf1b": "kasi1"})
    approved_skp(org, "staf1a", "kasi1")  # approved after the period opened: no evaluation yet
    text = step(home(org, "staf1a"))
    assert "Mulai isi penilaian Triwulan I" in text


def test_realisations_due_are_the_step_and_show_the_deadline(org: Org) -> None:
    s = configured(org)
    page = home(org, "staf1a")
    ev = s.ev("staf1a")
    assert "Catat realisasi Triwulan I" in step(page)
    assert f'href="{reverse("appraisal:detail", args=[ev.pk])}"' in step_html(page)
    assert "0 dari 2 indikator" in step(page)
    batas = s.periode.batas_pengisian
    assert f"{batas.day} " in step(page) and str(batas.year) in step(page)


def _peer_request(org: Org) -> NominasiPenilai:
    ev_b = Evaluasi.objects.get(pegawai=org.pegawai["staf1b"])
    return NominasiPenilai.objects.create(
        evaluasi=ev_b, penilai_rekan=org.pegawai["staf1a"], jenis="REKAN", status=StatusNominasi.DISETUJUI
    )


def test_realisations_come_before_a_peer_request_then_the_request(org: Org) -> None:
    configured(org)
    nominasi = _peer_request(org)
    assert "Catat realisasi" in step(home(org, "staf1a"))  # 50 before 60
    Evaluasi.objects.filter(pegawai=org.pegawai["staf1a"]).update(status=StatusEvaluasi.DINILAI)
    page = home(org, "staf1a")
    assert "Jawab permintaan umpan balik rekan" in step(page)
    assert f'href="{reverse("appraisal_feedback:jawab", args=[nominasi.pk])}"' in step_html(page)


def test_a_final_evaluation_links_its_pdf_and_the_objection_form(org: Org) -> None:
    s = configured(org)
    ev = s.ev("staf1a")
    Evaluasi.objects.filter(pk=ev.pk).update(
        status=StatusEvaluasi.FINAL, final_pada=timezone.now(), predikat="Baik", rating_hasil_kerja="Sesuai Ekspektasi"
    )
    page = home(org, "staf1a")
    assert "Periksa hasil evaluasi Triwulan I" in step(page)
    assert f'href="{reverse("appraisal_calibration:evaluasi_pdf", args=[ev.pk])}"' in page
    assert f'href="{reverse("appraisal_calibration:finalise_status", args=[ev.pk])}#keberatan"' in page
    assert "Keberatan dapat diajukan sampai" in page


def test_nothing_to_do_says_so(org: Org) -> None:
    approved_skp(org, "staf1a", "kasi1")
    PeriodePenilaian.objects.all().delete()
    page = home(org, "staf1a")
    assert "Tidak ada yang perlu dikerjakan sekarang." in step(page)
    assert "Disetujui" in page


def test_my_latest_feedback_is_shown(org: Org) -> None:
    from karier.appraisal.evaluation.services import umpan_balik_add

    s = configured(org)
    ev = s.ev("staf1a")
    rhk = s.skp["staf1a"].rhk.first()
    umpan_balik_add(actor=org.actor("kasi1"), evaluasi=ev, rhk=rhk, teks="Laporan Maret sudah rapi, pertahankan.")
    page = home(org, "staf1a")
    assert "Umpan balik terbaru dari atasan" in page and "Laporan Maret sudah rapi" in page


def test_no_next_step_element_for_the_auditor_or_an_unlinked_account(org: Org) -> None:
    assert 'data-testid="langkah-berikut"' not in home(org, "auditor")
    assert 'data-testid="langkah-berikut"' not in home(org, "unlinked")
