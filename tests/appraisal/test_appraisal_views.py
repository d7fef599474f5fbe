"""Appraisal screens: lists, one evaluation, the bulk-rating screen (all or nothing, input kept, fixed
query count at 6 and 60 subordinates), the admin calendar, reminders page."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from karier.appraisal.choices import StatusEvaluasi
from karier.appraisal.models import Evaluasi, PeriodePenilaian, Realisasi
from karier.plans.models import IndikatorKinerjaIndividu
from tests.appraisal.test_appraisal_support import ALASAN, YEAR, add_staff, configured
from tests.orgdata import PASSWORD, Org

pytestmark = pytest.mark.django_db


def login(org: Org, key: str) -> Client:
    c = Client()
    assert c.login(username=org.users[key].username, password=PASSWORD)
    return c


def test_index_for_employee_and_appraiser(org: Org) -> None:
    s = configured(org)
    page = login(org, "staf1a").get("/penilaian/").content.decode()
    assert "Triwulan I" in page and "Evaluasi saya" in page
    boss = login(org, "kasi1").get("/penilaian/").content.decode()
    assert f"/penilaian/periode/{s.periode.pk}/nilai/" in boss
    empty = login(org, "pranata").get("/penilaian/").content.decode()
    assert "Belum ada evaluasi kinerja." in empty


def test_detail_page_roles_and_hidden(org: Org) -> None:
    s = configured(org)
    ev = s.ev("staf1a")
    own = login(org, "staf1a").get(f"/penilaian/{ev.pk}/").content.decode()
    assert "Simpan realisasi" in own and "Simpan rating" not in own
    boss = login(org, "kasi1").get(f"/penilaian/{ev.pk}/").content.decode()
    assert "Simpan rating" in boss and "Simpan realisasi" not in boss and "Kirim umpan balik" in boss
    audit = login(org, "auditor").get(f"/penilaian/{ev.pk}/").content.decode()
    assert "Simpan rating" not in audit and "Simpan realisasi" not in audit
    assert login(org, "staf1b").get(f"/penilaian/{ev.pk}/").status_code == 404


def test_realisation_inline_htmx_keeps_input_on_error(org: Org) -> None:
    s = configured(org)
    ev = s.ev("staf1a")
    iki = IndikatorKinerjaIndividu.objects.filter(rhk__skp=s.skp["staf1a"], aspek="KUANTITAS").get()
    c = login(org, "staf1a")
    r = c.post(
        f"/penilaian/{ev.pk}/realisasi/{iki.pk}/",
        {"realisasi_angka": "tiga", "realisasi_uraian": "x"},
        HTTP_HX_REQUEST="true",
    )
    body = r.content.decode()
    assert r.status_code == 200 and "Realisasi harus berupa angka" in body and 'value="tiga"' in body
    assert not Realisasi.objects.exists()
    r = c.post(
        f"/penilaian/{ev.pk}/realisasi/{iki.pk}/",
        {"realisasi_angka": "3", "realisasi_uraian": ""},
        HTTP_HX_REQUEST="true",
    )
    assert "Tersimpan" in r.content.decode()
    assert Realisasi.objects.get().realisasi_angka == 3


def test_rating_form_refusals_shown_and_success(org: Org) -> None:
    s = configured(org)
    ev = s.ev("staf1a")
    c = login(org, "kasi1")
    r = c.post(
        f"/penilaian/{ev.pk}/rating/",
        {
            "rating_hasil_kerja": "Di Atas Ekspektasi",
            "alasan_hasil_kerja": "",
            "rating_perilaku": "Sesuai Ekspektasi",
            "alasan_perilaku": ALASAN,
        },
    )
    assert r.status_code == 422 and "perlu alasan" in r.content.decode()
    r = c.post(
        f"/penilaian/{ev.pk}/rating/",
        {
            "rating_hasil_kerja": "Sesuai Ekspektasi",
            "alasan_hasil_kerja": ALASAN,
            "rating_perilaku": "Di Atas Ekspektasi",
            "alasan_perilaku": ALASAN,
        },
    )
    assert r.status_code == 302 and s.ev("staf1a").predikat == "Baik"
    r = login(org, "kabid1").post(
        f"/penilaian/{ev.pk}/rating/",
        {
            "rating_hasil_kerja": "Di Bawah Ekspektasi",
            "alasan_hasil_kerja": ALASAN,
            "rating_perilaku": "Di Bawah Ekspektasi",
            "alasan_perilaku": ALASAN,
        },
    )
    assert r.status_code == 422 and "Hanya pejabat penilai" in r.content.decode()
    assert s.ev("staf1a").predikat == "Baik"


def test_locked_evaluation_refuses_edits_on_screen(org: Org) -> None:
    s = configured(org)
    ev = s.ev("staf1a")
    Evaluasi.objects.filter(pk=ev.pk).update(status=StatusEvaluasi.FINAL)
    page = login(org, "staf1a").get(f"/penilaian/{ev.pk}/").content.decode()
    assert "sudah final dan terkunci" in page and "Simpan realisasi" not in page
    iki = IndikatorKinerjaIndividu.objects.filter(rhk__skp=s.skp["staf1a"]).first()
    r = login(org, "staf1a").post(f"/penilaian/{ev.pk}/realisasi/{iki.pk}/", {"realisasi_angka": "3"})
    assert r.status_code == 422 and "terkunci" in r.content.decode() and not Realisasi.objects.exists()


def test_predikat_preview(org: Org) -> None:
    c = login(org, "kasi1")
    r = c.get("/penilaian/predikat/", {"hk-5": "Di Atas Ekspektasi", "pk-5": "Di Atas Ekspektasi"})
    assert "Sangat Baik" in r.content.decode()
    assert "—" in c.get("/penilaian/predikat/", {"rating_hasil_kerja": "x"}).content.decode()


def bulk_post(s: Any, rows: dict[int, tuple[str, str, str, str]]) -> dict[str, Any]:
    data: dict[str, Any] = {"ev": [str(k) for k in rows]}
    for k, (hk, ahk, pk, apk) in rows.items():
        data.update({f"hk-{k}": hk, f"ahk-{k}": ahk, f"pk-{k}": pk, f"apk-{k}": apk})
    return data


def test_bulk_screen_all_or_nothing_and_input_kept(org: Org) -> None:
    s = configured(org)
    a, b = s.ev("staf1a"), s.ev("staf1b")
    c = login(org, "kasi1")
    url = f"/penilaian/periode/{s.periode.pk}/nilai/"
    r = c.post(
        url,
        bulk_post(
            s,
            {
                a.pk: ("Di Atas Ekspektasi", ALASAN, "Di Atas Ekspektasi", "alasan unik 12345"),
                b.pk: ("Di Bawah Ekspektasi", "", "Sesuai Ekspektasi", ALASAN),
            },
        ),
    )
    body = r.content.decode()
    assert r.status_code == 422 and "Tidak ada yang disimpan" in body
    assert "alasan unik 12345" in body  # the user's input is kept
    assert not Evaluasi.objects.filter(status=StatusEvaluasi.DINILAI).exists()
    r = c.post(
        url, bulk_post(s, {a.pk: ("Di Atas Ekspektasi", ALASAN, "Di Atas Ekspektasi", ALASAN), b.pk: ("", "", "", "")})
    )
    assert r.status_code == 302
    assert s.ev("staf1a").predikat == "Sangat Baik" and s.ev("staf1b").status == StatusEvaluasi.DRAFT
    assert "Sangat Baik" in c.get(url).content.decode()


def test_bulk_screen_for_someone_without_subordinates_is_empty_or_404(org: Org) -> None:
    s = configured(org)
    assert login(org, "staf1a").get(f"/penilaian/periode/{s.periode.pk}/nilai/").status_code == 404
    page = login(org, "kabid2").get(f"/penilaian/periode/{s.periode.pk}/nilai/").content.decode()
    assert "Tidak ada pegawai yang Anda nilai" in page


def count_bulk(org: Org, s: Any) -> tuple[int, int]:
    c = login(org, "kasi1")
    url = f"/penilaian/periode/{s.periode.pk}/nilai/"
    c.get(url)  # warm up session / content types
    with CaptureQueriesContext(connection) as ctx:
        r = c.get(url)
    assert r.status_code == 200
    return len(ctx.captured_queries), Evaluasi.objects.filter(periode=s.periode, penilai=org.pegawai["kasi1"]).count()


def test_bulk_screen_query_count_does_not_grow(org: Org) -> None:
    s = configured(org, open_period=False)
    add_staff(org, 4)
    from karier.appraisal.evaluation import periods

    periods.periode_open(actor=org.actor("admin"), periode=s.periode)
    s.periode.refresh_from_db()
    small, n_small = count_bulk(org, s)
    keys = add_staff(org, 54, prefix="more")
    periods.evaluasi_bulk_create(periode=s.periode)
    Evaluasi.objects.filter(pegawai=org.pegawai[keys[0]]).update(rating_hasil_kerja="Sesuai Ekspektasi")
    large, n_large = count_bulk(org, s)
    assert (n_small, n_large) == (6, 60)
    assert small == large, (small, large)


def test_calendar_screen_admin_only(org: Org, django_capture_on_commit_callbacks: Any) -> None:
    c = login(org, "admin")
    r = c.post(
        "/penilaian/kalender/",
        {"tahun": YEAR, "frekuensi": "TRIWULAN", "hari_pengingat": 5, "jendela_keberatan_hari": 14},
    )
    assert r.status_code == 302
    assert PeriodePenilaian.objects.filter(tahun_id=YEAR).count() == 5
    page = c.get(f"/penilaian/kalender/?tahun={YEAR}").content.decode()
    assert "Triwulan IV" in page and "Tahunan" in page
    q1 = PeriodePenilaian.objects.get(tahun_id=YEAR, jenis="TRIWULAN", nomor=1)
    with django_capture_on_commit_callbacks(execute=True):  # the opening job runs after the commit
        c.post(f"/penilaian/kalender/periode/{q1.pk}/status/", {"aksi": "buka"})
    assert PeriodePenilaian.objects.get(pk=q1.pk).status == "DIBUKA"
    c.post(
        f"/penilaian/kalender/periode/{q1.pk}/",
        {
            f"p{q1.pk}-nama": "Triwulan I",
            f"p{q1.pk}-dibuka_pada": f"{YEAR}-01-05",
            f"p{q1.pk}-batas_pengisian": f"{YEAR}-04-20",
        },
    )
    assert str(PeriodePenilaian.objects.get(pk=q1.pk).batas_pengisian) == f"{YEAR}-04-20"
    for who in ("kasi1", "staf1a"):
        assert login(org, who).get("/penilaian/kalender/").status_code == 404
        assert (
            login(org, who).post(f"/penilaian/kalender/periode/{q1.pk}/status/", {"aksi": "tutup"}).status_code == 404
        )
    read_only = login(org, "auditor").get(f"/penilaian/kalender/?tahun={YEAR}").content.decode()
    assert "Triwulan IV" in read_only and "Simpan pengaturan" not in read_only and 'value="tutup"' not in read_only


def test_feedback_and_dialog_through_the_screen(org: Org) -> None:
    s = configured(org)
    ev = s.ev("staf1a")
    rhk = s.skp["staf1a"].rhk.first()
    assert (
        login(org, "kasi1")
        .post(f"/penilaian/{ev.pk}/umpan-balik/{rhk.pk}/", {"teks": "Pertahankan ketepatan waktu."})
        .status_code
        == 302
    )
    assert login(org, "staf1a").post(f"/penilaian/{ev.pk}/umpan-balik/{rhk.pk}/", {"teks": "x"}).status_code == 422
    assert login(org, "staf1a").post(f"/penilaian/{ev.pk}/catatan/", {"teks": "Siap."}).status_code == 302
    page = login(org, "staf1a").get(f"/penilaian/{ev.pk}/").content.decode()
    assert "Pertahankan ketepatan waktu." in page and "Siap." in page
