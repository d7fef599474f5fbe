"""The bulk-rating screen made fast (issue #10 §4): "Sesuai untuk semua yang belum dinilai" without
JavaScript, reasons only for exceptions, suggested reasons from realisations and released feedback,
the Di Atas warning without realisation, the calibrated predikat, the open-nominations warning, the
Excel table, and a fixed number of queries at two team sizes."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from karier.appraisal.choices import StatusEvaluasi
from karier.appraisal.evaluation import periods, services
from karier.appraisal.feedback import services as feedback_services
from karier.appraisal.models import Evaluasi, RilisRingkasanPerilaku
from karier.core.excel import formula_cells
from karier.people.models import Penugasan
from karier.plans.models import IndikatorKinerjaIndividu
from tests.appraisal.test_appraisal_support import ALASAN, add_staff, configured
from tests.orgdata import PASSWORD, Org

SESUAI, DI_ATAS = "Sesuai Ekspektasi", "Di Atas Ekspektasi"


def login(org: Org, key: str) -> Client:
    c = Client()
    assert c.login(username=org.users[key].username, password=PASSWORD)
    return c


def url(s: Any) -> str:
    return f"/penilaian/periode/{s.periode.pk}/nilai/"


def form(rows: dict[int, tuple[str, str, str, str]], **extra: str) -> dict[str, Any]:
    data: dict[str, Any] = {"ev": [str(k) for k in rows], **extra}
    for k, (hk, ahk, pk, apk) in rows.items():
        data.update({f"hk-{k}": hk, f"ahk-{k}": ahk, f"pk-{k}": pk, f"apk-{k}": apk})
    return data


def row_html(body: str, pk: int) -> str:
    start = body.index(f'id="row-{pk}"')
    end = body.find("</details>", start)
    return body[start:end]


def test_fill_sesuai_without_javascript_saves_only_unrated_choices(org: Org) -> None:
    s = configured(org)
    a, b = s.ev("staf1a"), s.ev("staf1b")
    c = login(org, "kasi1")
    page = c.get(url(s)).content.decode()
    assert "Sesuai Ekspektasi untuk semua yang belum dinilai (2)" in page
    assert 'src="/static/karier/rating.js"' in page and "<script>" not in page  # no inline script (CSP)
    # The user chose Di Atas with a reason for a's hasil kerja, left everything else empty.
    r = c.post(url(s), form({a.pk: (DI_ATAS, ALASAN, "", ""), b.pk: ("", "", "", "")}, aksi="isi-sesuai"))
    assert r.status_code == 302
    got = {e.pk: (e.rating_hasil_kerja, e.rating_perilaku, e.status) for e in Evaluasi.objects.all()}
    assert got[a.pk] == (DI_ATAS, SESUAI, StatusEvaluasi.DINILAI)
    assert got[b.pk] == (SESUAI, SESUAI, StatusEvaluasi.DINILAI)
    assert "Sesuai Ekspektasi untuk semua yang belum dinilai" not in c.get(url(s)).content.decode()


def test_fill_sesuai_without_javascript_is_all_or_nothing(org: Org) -> None:
    s = configured(org)
    a, b = s.ev("staf1a"), s.ev("staf1b")
    c = login(org, "kasi1")
    r = c.post(url(s), form({a.pk: (DI_ATAS, "", "", ""), b.pk: ("", "", "", "")}, aksi="isi-sesuai"))
    body = r.content.decode()
    assert r.status_code == 422 and "Tidak ada yang disimpan" in body
    assert "perlu alasan" in row_html(body, a.pk)
    assert not Evaluasi.objects.filter(status=StatusEvaluasi.DINILAI).exists()


def test_reason_optional_for_sesuai_on_the_screen(org: Org) -> None:
    s = configured(org)
    a, b = s.ev("staf1a"), s.ev("staf1b")
    c = login(org, "kasi1")
    r = c.post(url(s), form({a.pk: (SESUAI, "", SESUAI, ""), b.pk: (SESUAI, "", "Di Bawah Ekspektasi", "")}))
    body = r.content.decode()
    assert r.status_code == 422
    assert "perlu alasan" not in row_html(body, a.pk) and "perlu alasan" in row_html(body, b.pk)
    assert 'aria-invalid="true"' in row_html(body, b.pk) and "data-keep-open" in row_html(body, b.pk)
    r = c.post(url(s), form({a.pk: (SESUAI, "", SESUAI, ""), b.pk: (SESUAI, "", SESUAI, "")}))
    assert r.status_code == 302 and Evaluasi.objects.filter(status=StatusEvaluasi.DINILAI).count() == 2


def test_screen_marks_which_ratings_need_a_reason(org: Org) -> None:
    s = configured(org)
    page = login(org, "kasi1").get(url(s)).content.decode()
    options = re.findall(r'<option value="([^"]+)"( data-alasan-wajib)?', page)
    assert ("Di Atas Ekspektasi", " data-alasan-wajib") in options
    assert ("Di Bawah Ekspektasi", " data-alasan-wajib") in options
    assert ("Sesuai Ekspektasi", "") in options


def _realise(s: Any, key: str, angka: str) -> None:
    ev = s.ev(key)
    iki = IndikatorKinerjaIndividu.objects.get(rhk__skp=ev.skp_id, aspek="KUANTITAS")
    services.realisasi_set(actor=s.actor(key), evaluasi=ev, iki=iki, angka=angka)


def test_reason_templates_from_realisations_and_released_feedback(org: Org) -> None:
    s = configured(org)
    a, b = s.ev("staf1a"), s.ev("staf1b")
    _realise(s, "staf1a", "15")  # target 12 laporan: above target
    _realise(s, "staf1b", "9")  # below
    RilisRingkasanPerilaku.objects.create(
        evaluasi=b,
        n_dijawab=3,
        dirilis_pada=timezone.now(),
        data={
            "n": 3,
            "rata_keseluruhan": 3.75,
            "nilai": [
                {"kode": "BO", "nama": "Berorientasi Pelayanan", "rata": 4.5, "n": 3},
                {"kode": "AK", "nama": "Akuntabel", "rata": 3.0, "n": 3},
                {"kode": "KO", "nama": "Kompeten", "rata": None, "n": 0},
            ],
        },
    )
    body = login(org, "kasi1").get(url(s)).content.decode()
    ra, rb = row_html(body, a.pk), row_html(body, b.pk)
    assert "Realisasi melampaui target pada 1 dari 1 indikator berangka (Jumlah laporan)." in ra
    assert "Realisasi belum dicatat untuk 1 dari 2 IKI." in ra
    assert f'data-sisip="ahk-{a.pk}"' in ra
    assert "Realisasi di bawah target pada 1 dari 1 indikator berangka (Jumlah laporan)." in rb
    assert "Umpan balik 3 rekan/bawahan: rata-rata 3,8 dari 5; tertinggi pada Berorientasi Pelayanan (4,5)." in rb
    assert "nilai Akuntabel perlu ditingkatkan (rata-rata 3,0 dari 5)" in rb
    assert f'data-sisip="apk-{b.pk}"' in rb
    assert f'data-sisip="apk-{a.pk}"' not in ra  # nothing released for a: no perilaku suggestion


def test_di_atas_without_realisation_is_warned_server_side(org: Org) -> None:
    s = configured(org)
    a, b = s.ev("staf1a"), s.ev("staf1b")
    _realise(s, "staf1b", "12")
    c = login(org, "kasi1")
    r = c.post(url(s), form({a.pk: (DI_ATAS, "", SESUAI, ""), b.pk: (DI_ATAS, "", SESUAI, "")}))
    body = r.content.decode()
    warn = re.compile(r'data-testid="peringatan-(\d+)"( hidden)?')
    shown = {int(pk): not hidden for pk, hidden in warn.findall(body)}
    assert shown == {a.pk: True, b.pk: False}
    assert "data-tanpa-realisasi" in row_html(body, a.pk) and "data-tanpa-realisasi" not in row_html(body, b.pk)


def test_final_predikat_after_calibration_is_shown(org: Org) -> None:
    s = configured(org)
    a = s.ev("staf1a")
    services.rating_set(
        actor=s.actor("kasi1"),
        evaluasi=a,
        **dict.fromkeys(("rating_hasil_kerja", "rating_perilaku"), SESUAI),
        alasan_hasil_kerja="",
        alasan_perilaku="",
    )
    Evaluasi.objects.filter(pk=a.pk).update(predikat_akhir="Butuh Perbaikan")  # what calibration stores
    body = row_html(login(org, "kasi1").get(url(s)).content.decode(), a.pk)
    pred = re.search(rf'data-testid="pred-{a.pk}"[^>]*>(.*?)</span>', body, re.S)
    assert pred and "Butuh Perbaikan" in pred.group(1) and "Baik" not in pred.group(1).replace("Butuh Perbaikan", "")
    assert "setelah kalibrasi (semula Baik)" in body


def test_open_nominations_are_announced_before_the_first_rating(org: Org) -> None:
    s = configured(org)
    a, b = s.ev("staf1a"), s.ev("staf1b")
    feedback_services.nominasi_add(
        actor=s.actor("staf1a"), evaluasi=a, penilai_rekan=org.pegawai["staf1b"], jenis="REKAN"
    )
    c = login(org, "kasi1")
    body = c.get(url(s)).content.decode()
    assert 'data-testid="nominasi-notice"' in body
    assert "1 pegawai masih menunggu 1 usulan atau jawaban" in body
    assert "data-confirm-nominasi=" in body
    assert "data-nominasi-terbuka" in row_html(body, a.pk) and "data-nominasi-terbuka" not in row_html(body, b.pk)
    c.post(url(s), form({a.pk: (SESUAI, "", SESUAI, "")}))
    assert 'data-testid="nominasi-notice"' not in c.get(url(s)).content.decode()  # rated: closed, no warning
    # The nomination screen says so too.
    page = login(org, "staf1b").get(f"/penilaian/{b.pk}/penilai-rekan/")
    assert page.status_code == 200 and "ditutup begitu pejabat penilai memberi rating" in page.content.decode()


def test_excel_of_the_bulk_table(org: Org) -> None:
    s = configured(org)
    a = s.ev("staf1a")
    _realise(s, "staf1a", "12")
    services.rating_set(
        actor=s.actor("kasi1"),
        evaluasi=a,
        rating_hasil_kerja=DI_ATAS,
        alasan_hasil_kerja='=HYPERLINK("x") target terlampaui',
        rating_perilaku=SESUAI,
        alasan_perilaku="",
    )
    c = login(org, "kasi1")
    assert f"/penilaian/periode/{s.periode.pk}/nilai/excel/" in c.get(url(s)).content.decode()
    r = c.get(f"{url(s)}excel/")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert not formula_cells(r.content)
    ws = load_workbook(io.BytesIO(r.content)).active
    header = [cell.value for cell in ws[2]]
    assert (
        header[:3] == ["No.", "Nama", "NIP"]
        and "Rating hasil kerja" in header
        and "Predikat setelah kalibrasi" in header
    )
    rows = {ws.cell(row=i, column=2).value: list(ws[i]) for i in range(3, ws.max_row + 1)}
    dodi = rows[org.pegawai["staf1a"].nama_lengkap]
    assert dodi[5].value == 2 and dodi[6].value == 1 and dodi[5].data_type == "n"  # counts are numbers
    assert dodi[5].number_format.endswith("#,##0")  # grouped by thousands (karier.core.excel)
    assert dodi[8].value == DI_ATAS and dodi[12].value == "Baik"
    assert login(org, "staf1a").get(f"{url(s)}excel/").status_code == 404


def _count(org: Org, s: Any) -> tuple[int, int]:
    c = login(org, "kasi1")
    c.get(url(s))
    with CaptureQueriesContext(connection) as ctx:
        r = c.get(url(s))
    assert r.status_code == 200
    return len(ctx.captured_queries), r.content.decode().count("data-row")


def test_queries_do_not_grow_with_the_team(org: Org) -> None:
    s = configured(org, open_period=False)
    keys = add_staff(org, 4)
    periods.periode_open(actor=org.actor("admin"), periode=s.periode)
    s.periode.refresh_from_db()

    def decorate(ks: list[str]) -> None:  # realisations, feedback and nominations on every new row
        for k in ks:
            _realise(s, k, "20")
            ev = s.ev(k)
            services.umpan_balik_add(actor=s.actor("kasi1"), evaluasi=ev, rhk=ev.skp.rhk.first(), teks="Bagus sekali.")
            RilisRingkasanPerilaku.objects.create(
                evaluasi=ev,
                n_dijawab=3,
                dirilis_pada=timezone.now(),
                data={"n": 3, "rata_keseluruhan": 4, "nilai": [{"kode": "A", "nama": "Akuntabel", "rata": 4, "n": 3}]},
            )
        feedback_services.nominasi_add(
            actor=s.actor(ks[0]), evaluasi=s.ev(ks[0]), penilai_rekan=org.pegawai[ks[1]], jenis="REKAN"
        )

    decorate(keys)
    small, n_small = _count(org, s)
    more = add_staff(org, 30, prefix="more")
    periods.evaluasi_bulk_create(periode=s.periode)
    decorate(more)
    large, n_large = _count(org, s)
    assert (n_small, n_large) == (6, 36)
    assert small == large, (small, large)
    c = login(org, "kasi1")
    with CaptureQueriesContext(connection) as ctx:
        assert c.get(f"{url(s)}excel/").status_code == 200
    excel_large = len(ctx.captured_queries)
    assert excel_large <= large


def test_rows_the_service_would_refuse_are_read_only_and_never_filled(org: Org) -> None:
    """kasi1 is Plh of the Kabid SMK while its definitive holder is still in post: staf2's row is on his
    screen (appraiser_q) but the rating stays the Kabid's. The row is shown read-only with the reason,
    "Sesuai untuk semua" neither counts nor fills it, and the rest of the team is saved."""
    s = configured(org, plans={"staf1a": "kasi1", "staf1b": "kasi1", "staf2": "kabid2"})
    Penugasan.objects.create(
        pegawai=org.pegawai["kasi1"],
        jabatan=org.jabatan["kabid2"],
        jenis="PLH",
        mulai=timezone.localdate() - dt.timedelta(days=1),
    )
    a, b, other = s.ev("staf1a"), s.ev("staf1b"), s.ev("staf2")
    c = login(org, "kasi1")
    page = c.get(url(s)).content.decode()
    assert "Sesuai Ekspektasi untuk semua yang belum dinilai (2)" in page
    assert f'name="hk-{other.pk}"' not in page and f'data-testid="ditolak-{other.pk}"' in page
    r = c.post(url(s), form({a.pk: ("", "", "", ""), b.pk: ("", "", "", "")}, aksi="isi-sesuai"))
    assert r.status_code == 302
    got = {e.pk: e.status for e in Evaluasi.objects.all()}
    assert got[a.pk] == got[b.pk] == StatusEvaluasi.DINILAI
    assert got[other.pk] == StatusEvaluasi.DRAFT
    # The service still refuses the row if it is posted anyway (all or nothing).
    r = c.post(url(s), form({other.pk: (SESUAI, "", SESUAI, "")}))
    assert r.status_code == 422 and Evaluasi.objects.get(pk=other.pk).status == StatusEvaluasi.DRAFT


def test_fill_sesuai_never_rates_the_acting_head_himself(org: Org) -> None:
    """staf1b is Plt of the Kasi post (its holder gone): his own row is not on his screen, and a forged
    "isi-sesuai" POST with it goes through the same service, which refuses it and saves nothing."""
    s = configured(org)
    today = timezone.localdate()
    Penugasan.objects.filter(pegawai=org.pegawai["kasi1"]).update(selesai=today - dt.timedelta(days=2))
    Penugasan.objects.create(
        pegawai=org.pegawai["staf1b"], jabatan=org.jabatan["kasi1"], jenis="PLT", mulai=today - dt.timedelta(days=1)
    )
    a, own = s.ev("staf1a"), s.ev("staf1b")
    c = login(org, "staf1b")
    page = c.get(url(s)).content.decode()
    assert f'name="hk-{a.pk}"' in page and f'id="row-{own.pk}"' not in page
    r = c.post(url(s), form({a.pk: ("", "", "", ""), own.pk: ("", "", "", "")}, aksi="isi-sesuai"))
    assert r.status_code == 422
    assert not Evaluasi.objects.filter(status=StatusEvaluasi.DINILAI).exists()
