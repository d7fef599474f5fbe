"""The evaluation screens without JavaScript (issue #5 part 1). Starting one's own evaluation: a plan
approved after its period opened has no evaluation yet; the index offers "Mulai isi", and the button makes
it with the appraiser of the day (someone else's plan, a closed period or garbage in the form is a 404).
Then the realisation (the appraisee's only), the dialog notes, and the admin's period dates."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from karier.appraisal.evaluation.evidence import MSG_BUKAN_PEMILIK
from karier.appraisal.models import CatatanDialog, Evaluasi, PeriodePenilaian, Realisasi
from karier.plans.models import IndikatorKinerjaIndividu
from tests.appraisal.test_appraisal_support import Setup, approved_skp, configured
from tests.orgdata import Org

pytestmark = pytest.mark.django_db


@pytest.fixture
def late(org: Org) -> Setup:
    """Triwulan I open with Dodi's (staf1a) evaluation; staf1b's plan approved only afterwards."""
    setup = configured(org, plans={"staf1a": "kasi1"})
    setup.skp["staf1b"] = approved_skp(org, "staf1b", "kasi1")
    return setup


def _client(org: Org, key: str) -> Client:
    c = Client()
    c.force_login(org.users[key])
    return c


def test_a_late_plan_is_offered_and_started_from_the_index(org: Org, late: Setup) -> None:
    c = _client(org, "staf1b")
    index = c.get(reverse("appraisal:index")).content.decode()
    assert reverse("appraisal:mulai") in index and "Periode yang sedang dibuka" in index
    assert not Evaluasi.objects.filter(pegawai=org.pegawai["staf1b"], periode=late.periode).exists()
    r = c.post(reverse("appraisal:mulai"), {"skp": late.skp["staf1b"].pk, "periode": late.periode.pk})
    ev = Evaluasi.objects.get(pegawai=org.pegawai["staf1b"], periode=late.periode)
    assert r.status_code == 302 and r["Location"] == reverse("appraisal:detail", args=[ev.pk])
    assert (ev.skp, ev.penilai) == (late.skp["staf1b"], org.pegawai["kasi1"])
    again = c.post(reverse("appraisal:mulai"), {"skp": late.skp["staf1b"].pk, "periode": late.periode.pk})
    assert again["Location"] == r["Location"]  # the same evaluation, not a second one
    assert Evaluasi.objects.filter(pegawai=org.pegawai["staf1b"], periode=late.periode).count() == 1
    assert reverse("appraisal:mulai") not in c.get(reverse("appraisal:index")).content.decode()


def test_starting_is_refused_for_others_plans_closed_periods_and_bad_input(org: Org, late: Setup) -> None:
    url = reverse("appraisal:mulai")
    skp = late.skp["staf1b"].pk
    assert _client(org, "staf1a").post(url, {"skp": skp, "periode": late.periode.pk}).status_code == 404
    assert _client(org, "kasi1").post(url, {"skp": skp, "periode": late.periode.pk}).status_code == 404
    owner = _client(org, "staf1b")
    assert owner.post(url, {"skp": skp, "periode": late.tahunan.pk}).status_code == 404  # not open
    assert owner.post(url, {"skp": "satu", "periode": late.periode.pk}).status_code == 404
    assert owner.post(url, {"periode": late.periode.pk}).status_code == 404
    assert not Evaluasi.objects.filter(pegawai=org.pegawai["staf1b"]).exists()


def test_the_appraisee_records_a_realisation_without_javascript(org: Org, late: Setup) -> None:
    ev = late.ev("staf1a")
    iki = IndikatorKinerjaIndividu.objects.get(rhk__skp=late.skp["staf1a"], aspek="KUANTITAS")
    url = reverse("appraisal:realisasi", args=[ev.pk, iki.pk])
    r = _client(org, "staf1a").post(url, {"realisasi_angka": "10", "realisasi_uraian": "Sepuluh laporan."})
    assert r.status_code == 302 and r["Location"] == f"{reverse('appraisal:detail', args=[ev.pk])}#iki-{iki.pk}"
    row = Realisasi.objects.get(evaluasi=ev, iki=iki)
    assert (row.realisasi_angka, row.realisasi_uraian) == (10, "Sepuluh laporan.")
    boss = _client(org, "kasi1").post(url, {"realisasi_angka": "12"})
    assert boss.status_code == 422 and MSG_BUKAN_PEMILIK in boss.content.decode()
    assert Realisasi.objects.get(pk=row.pk).realisasi_angka == 10


def test_dialog_notes_need_text_and_are_kept(org: Org, late: Setup) -> None:
    ev = late.ev("staf1a")
    url = reverse("appraisal:catatan", args=[ev.pk])
    empty = _client(org, "staf1a").post(url, {"teks": "  "})
    assert empty.status_code == 422 and "Tulis isinya lebih dulu." in empty.content.decode()
    r = _client(org, "kasi1").post(url, {"teks": "Sepakat fokus pada mutu laporan."})
    assert r.status_code == 302 and r["Location"].endswith("#dialog")
    assert list(CatatanDialog.objects.filter(evaluasi=ev).values_list("teks", flat=True)) == [
        "Sepakat fokus pada mutu laporan."
    ]
    assert _client(org, "staf1b").post(url, {"teks": "Saya ikut."}).status_code == 404


def test_a_period_with_unreadable_dates_is_not_changed(org: Org, late: Setup) -> None:
    admin = _client(org, "admin")
    p = late.periode
    url = reverse("appraisal:periode_edit", args=[p.pk])
    r = admin.post(url, {f"p{p.pk}-nama": "TW I", f"p{p.pk}-dibuka_pada": "kemarin", f"p{p.pk}-batas_pengisian": ""})
    assert r["Location"] == f"{reverse('appraisal:kalender')}?tahun={p.tahun_id}"
    assert [str(m) for m in get_messages(r.wsgi_request)] == [f"{p.nama}: periksa tanggal yang diisi."]
    assert PeriodePenilaian.objects.get(pk=p.pk).nama == p.nama
    assert admin.get(reverse("appraisal:kalender"), {"tahun": "dua ribu"}).status_code == 200  # this year instead


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("1.250", 1250, "1.250"),
        ("1.180", 1180, "1.180"),
        ("1.250.000", 1250000, "1.250.000"),
        ("1.250,5", 1250.5, "1.250,5"),
    ],
)
def test_a_realisation_typed_the_indonesian_way_is_stored_as_meant(
    org: Org, late: Setup, typed: str, stored: float, shown: str
) -> None:
    """Issue #10 item 1: "1.250" was stored as 1,25, and "1.250,5" was refused."""
    ev = late.ev("staf1a")
    iki = IndikatorKinerjaIndividu.objects.get(rhk__skp=late.skp["staf1a"], aspek="KUANTITAS")
    owner = _client(org, "staf1a")
    r = owner.post(reverse("appraisal:realisasi", args=[ev.pk, iki.pk]), {"realisasi_angka": typed})
    assert r.status_code == 302
    assert float(Realisasi.objects.get(evaluasi=ev, iki=iki).realisasi_angka) == stored
    page = owner.get(reverse("appraisal:detail", args=[ev.pk])).content.decode()
    assert f'value="{shown}"' in page and "/angka/pratinjau/" in page


def test_the_evaluation_document_and_the_objection_page_can_be_found(org: Org, late: Setup) -> None:
    """Issue #10 item 3: the PDF and the objection form were only on /penilaian/<id>/finalisasi/, which no
    screen linked to. Linked from the evaluation, the employee's lists and home, and the team list."""
    ev = late.ev("staf1a")
    pdf = reverse("appraisal_calibration:evaluasi_pdf", args=[ev.pk])
    status = reverse("appraisal_calibration:finalise_status", args=[ev.pk])
    owner = _client(org, "staf1a")
    detail = owner.get(reverse("appraisal:detail", args=[ev.pk])).content.decode()
    assert f'href="{pdf}"' in detail and f'href="{status}"' in detail
    assert f'href="{pdf}"' in owner.get(reverse("appraisal:index")).content.decode()
    assert f'href="{reverse("appraisal:index")}"' in owner.get("/").content.decode()
    team = _client(org, "kasi1").get(reverse("appraisal:bulk", args=[ev.periode_id])).content.decode()
    assert f'href="{pdf}"' in team and f'href="{status}"' in team
    assert owner.get(pdf).status_code == 200 and owner.get(status).status_code == 200


@pytest.mark.django_db
def test_dialog_notes_come_a_page_at_a_time_newest_first_page(org: Org) -> None:
    """Issue #14: a year's dialog may hold a thousand notes; the screen shows one page of 30, the
    newest by default, with links to the older ones (the API still lists them all)."""
    from karier.appraisal.evaluation.views import DIALOG_PER_PAGE
    from tests.appraisal.test_appraisal_calibration_support import client_for, seksi

    s = seksi(org, extra=0, rate=False)
    ev = s.ev("staf1a")
    CatatanDialog.objects.bulk_create(
        CatatanDialog(evaluasi=ev, penulis=org.users["kasi1"], teks=f"Catatan nomor {i:03d}.") for i in range(65)
    )
    client = client_for(org, "kasi1")
    url = f"/penilaian/{ev.pk}/"
    newest = client.get(url).content.decode()
    assert "Catatan nomor 064." in newest and "Catatan nomor 034." not in newest
    assert newest.count("Catatan nomor") == 65 - 2 * DIALOG_PER_PAGE  # the last page: 5 notes
    assert "Halaman 3 dari 3 (65 catatan)" in newest and "?dialog=2#dialog" in newest
    first = client.get(url + "?dialog=1").content.decode()
    assert "Catatan nomor 000." in first and first.count("Catatan nomor") == DIALOG_PER_PAGE
    assert client.get(url + "?dialog=abc").status_code == 200  # a bad page number shows the newest
    api = client.get(f"/api/v1/penilaian/{ev.pk}").json()
    assert len(api["dialog"]) == 65
