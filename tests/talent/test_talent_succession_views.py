"""Succession screens (issue #12 item 5): Sari answers "who could succeed this Kepala Bidang?" on one
screen with an Excel download; the holder's retirement, candidates with fit, readiness, box and gaps
linked to development, the ineligible with their reason, bench strength; positions at risk; the
talent pool; the form refuses bad input; the pages cost a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from karier.people.access import SYSTEM
from karier.people.models import Pegawai
from karier.talent.models import JabatanKritikal, KandidatSuksesi, Kesiapan
from karier.talent.succession import selectors
from karier.talent.succession.compute import recompute_candidates
from karier.talent.succession.services import SyaratData, nominasi_create
from tests.orgdata import Org, build_org
from tests.talent.test_talent_succession_support import assess, kid, kritikal_set, place, scenario, standard_syarat

pytestmark = pytest.mark.django_db


def _client(org: Org, who: str = "admin") -> Client:
    c = Client()
    c.force_login(org.users[who])
    return c


def _born(org: Org, key: str, years_ago: int) -> None:
    today = timezone.localdate()
    Pegawai.objects.filter(pk=org.pegawai[key].pk).update(tanggal_lahir=dt.date(today.year - years_ago, 1, 15))


def test_who_could_succeed_this_kepala_bidang(org: Org) -> None:
    jk = scenario(org)
    _born(org, "kabid1", 50)
    nominasi_create(actor=SYSTEM, jabatan_kritikal=jk, pegawai=org.pegawai["kasi1"], alasan="Memimpin dengan baik")
    html = _client(org).get(f"/karier/suksesi/{jk.pk}/").content.decode()
    # The holder and her retirement (Administrator: BUP 58, the 1st of the month after the birthday).
    today = timezone.localdate()
    assert "Wati Susanti" in html and f"1 Feb {today.year + 8}" in html and "58 tahun" in html
    # Ranked candidates with fit, readiness, box; the gap links to the person's recommendations.
    assert html.index("Pegawai kabid2") < html.index("Pegawai kasi1") < html.index("Pegawai staf1b")
    assert "83,33%" in html and "Siap sekarang" in html and "Siap 1–2 tahun" in html
    assert f"/pengembangan/rekomendasi/pegawai/{org.pegawai['kasi1'].pk}/" in html
    # The ineligible one, with the reason.
    assert "Hampir memenuhi" in html and "Golongan: diperlukan paling rendah III/d, tercatat III/a." in html
    # Bench strength and the nomination.
    assert 'data-testid="kekuatan-bangku"' in html and "Memimpin dengan baik" in html
    assert "Jenis jabatan asal: Pengawas, Administrator" in html and "Pegawai kasi1 (83,33%)" in html
    # The Excel download holds the same ranking, numbers as numbers.
    r = _client(org).get(f"/karier/suksesi/{jk.pk}/?export=xlsx")
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert [row[2] for row in rows] == ["Pegawai kabid2", "Pegawai kasi1", "Pegawai staf1b"]
    assert rows[1][5] == pytest.approx(83.33) and rows[2][7] == "tidak"


def test_bench_strength_and_at_risk(org: Org) -> None:
    jk = scenario(org)
    _born(org, "kabid1", 57)  # retires within two years
    data = selectors.suksesi(JabatanKritikal.objects.select_related("jabatan__jabatan_fungsional").get(pk=jk.pk))
    assert (data.siap_sekarang, data.siap_1_2) == (1, 1)  # kabid2 ready now; kasi1 in 1–2 years
    assert data.berisiko is False  # a ready candidate exists
    # Without kabid2 in the pool nobody is ready now: at risk.
    from karier.talent.models import PenempatanTalenta

    PenempatanTalenta.objects.filter(pegawai=org.pegawai["kabid2"]).delete()
    recompute_candidates()
    actor = org.actor("admin")
    assert [r.kritikal.pk for r in selectors.berisiko(actor)] == [jk.pk]
    assert "Kepala Bidang Pembinaan SMA" in _client(org).get("/karier/suksesi/berisiko/").content.decode()
    # A holder far from retirement: not at risk, even with nobody ready.
    _born(org, "kabid1", 40)
    assert selectors.berisiko(actor) == []
    assert "Tidak ada jabatan kritikal yang berisiko" in _client(org).get("/karier/suksesi/berisiko/").content.decode()


def test_functional_holder_retires_by_the_positions_own_bup(org: Org) -> None:
    from karier.people.models import Jabatan, JabatanFungsional

    jf = JabatanFungsional.objects.filter(usia_bup=60).first() or JabatanFungsional.objects.create(
        id="UJI", nama="Guru Uji", jenjang="Ahli Pertama", usia_bup=60
    )
    Jabatan.objects.filter(pk=org.jabatan["pranata"].pk).update(jabatan_fungsional=jf)
    jab = Jabatan.objects.select_related("jabatan_fungsional").get(pk=org.jabatan["pranata"].pk)
    p = org.pegawai["pranata"]
    born = p.tanggal_lahir
    after = dt.date(born.year + 60 + born.month // 12, born.month % 12 + 1, 1)  # 1st of the next month
    assert selectors.pensiun_of(p, jab) == (60, after)
    # Without a functional BUP, an Ahli Pertama retires at 58.
    Jabatan.objects.filter(pk=jab.pk).update(jabatan_fungsional=None)
    jab.refresh_from_db()
    assert selectors.pensiun_of(p, jab)[0] == 58


def test_talent_pool_lists_boxes_7_to_9(org: Org) -> None:
    scenario(org)
    html = _client(org).get("/karier/suksesi/kelompok-talenta/").content.decode()
    for key in ("kabid2", "kasi1", "staf1b", "staf2", "kabid1"):
        assert f"Pegawai {key}" in html or "Wati Susanti" in html
    assert "Pegawai pranata" not in html  # box 5
    html = _client(org).get("/karier/suksesi/kelompok-talenta/?kotak=8").content.decode()
    assert "Pegawai kabid2" in html and "Pegawai kasi1" not in html


def test_form_marks_a_key_position(org: Org) -> None:
    c = _client(org)
    assert "Kepala Bidang Pembinaan SMA" in c.get("/karier/suksesi/baru/").content.decode()
    r = c.post(
        "/karier/suksesi/baru/",
        {
            "jabatan": org.jabatan["kabid2"].pk,
            "jenis_jabatan": ["PENGAWAS"],
            "golongan_minimal": 34,
            "pendidikan_minimal": "S1",
            "masa_kerja_minimal": "4",
            "kompetensi": "M.1=3\nM.5=4",
        },
    )
    jk = JabatanKritikal.objects.get(jabatan=org.jabatan["kabid2"])
    assert r.status_code == 302 and r["Location"] == f"/karier/suksesi/{jk.pk}/"
    assert {s.kompetensi.kode: s.level for s in jk.syarat_kompetensi.select_related("kompetensi")} == {
        "M.1": 3,
        "M.5": 4,
    }
    edit = c.get(f"/karier/suksesi/{jk.pk}/ubah/").content.decode()
    assert "M.5=4" in edit


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("kompetensi", "M.1=9", "antara 1 dan 5"),
        ("kompetensi", "ZZZ=3", "tidak dikenali"),
        ("masa_kerja_minimal", "99", "40"),
        ("kompetensi", "M.1=0", "antara 1 dan 5"),
    ],
)
def test_form_refuses_bad_input(org: Org, field: str, value: str, message: str) -> None:
    data = {"jabatan": org.jabatan["kabid2"].pk, "masa_kerja_minimal": "0", field: value}
    r = _client(org).post("/karier/suksesi/baru/", data)
    assert r.status_code == 400 and message in r.content.decode()
    assert not JabatanKritikal.objects.exists()


def test_nominate_and_decide_on_screen(org: Org) -> None:
    jk = scenario(org)
    c = _client(org, "kadis")
    r = c.post(f"/karier/suksesi/{jk.pk}/nominasi/", {"pegawai": org.pegawai["kasi1"].pk, "alasan": " "})
    assert r.status_code == 409 and not jk.nominasi.exists()
    r = c.post(f"/karier/suksesi/{jk.pk}/nominasi/", {"pegawai": org.pegawai["kasi1"].pk, "alasan": "Tangguh"})
    assert r.status_code == 302
    n = jk.nominasi.get()
    admin = _client(org)
    r = admin.post(f"/karier/suksesi/nominasi/{n.pk}/putuskan/", {"keputusan": "setuju", "nomor_berita_acara": ""})
    assert r.status_code == 409
    r = admin.post(f"/karier/suksesi/nominasi/{n.pk}/putuskan/", {"keputusan": "tolak", "nomor_berita_acara": "BA-3"})
    assert r.status_code == 302
    html = admin.get(f"/karier/suksesi/{jk.pk}/").content.decode()
    assert "Ditolak komite" in html and "BA-3" in html


def test_empty_states_say_what_to_do(org: Org) -> None:
    c = _client(org)
    assert "minta admin BKD menandai jabatan kritikal" in c.get("/karier/suksesi/").content.decode()
    assert "penutupan periode" in c.get("/karier/suksesi/kelompok-talenta/").content.decode()


def _measure(c: Client, url: str) -> int:
    c.get(url)
    with CaptureQueriesContext(connection) as ctx:
        r = c.get(url)
    assert r.status_code == 200, url
    return len(ctx.captured_queries)


def test_pages_cost_the_same_at_two_sizes(db: Any) -> None:
    org = build_org(extra_staff=30)
    jk = kritikal_set(actor=SYSTEM, jabatan=org.jabatan["kabid1"], data=standard_syarat())
    for key in ("kasi1", "kabid2"):
        place(org.pegawai[key], 9)
        assess(org.pegawai[key], M_1=3)
    kritikal_set(actor=SYSTEM, jabatan=org.jabatan["kabid2"], data=SyaratData(kompetensi={kid("M.1"): 2}))
    recompute_candidates()
    c = _client(org)
    urls = [
        f"/karier/suksesi/{jk.pk}/",
        "/karier/suksesi/",
        "/karier/suksesi/berisiko/",
        "/karier/suksesi/kelompok-talenta/",
        f"/api/v1/karier/suksesi/jabatan/{jk.pk}/kandidat",
        "/api/v1/karier/suksesi/jabatan",
    ]
    small = [_measure(c, u) for u in urls]
    assert selectors.kandidat_qs(jk).count() == 2
    for i in range(25):
        place(org.pegawai[f"extra{i}"], 7 + i % 3)
        assess(org.pegawai[f"extra{i}"], M_1=2 + i % 2)
    for key in ("kadis", "kadiskominfo", "kasi1", "sekda"):
        kritikal_set(actor=SYSTEM, jabatan=org.jabatan[key], data=SyaratData(kompetensi={kid("M.1"): 3}))
    nominasi_create(actor=SYSTEM, jabatan_kritikal=jk, pegawai=org.pegawai["extra0"], alasan="a")
    nominasi_create(actor=SYSTEM, jabatan_kritikal=jk, pegawai=org.pegawai["extra1"], alasan="b")
    recompute_candidates()
    large = [_measure(c, u) for u in urls]
    assert small == large, list(zip(urls, small, large, strict=True))
    assert _client(org).get(f"/karier/suksesi/{jk.pk}/").content.decode().count("Pegawai extra") >= 20


def test_succession_for_person_on_the_career_page(org: Org) -> None:
    jk = scenario(org)
    rows = selectors.succession_for_person(org.actor("kasi1"), org.pegawai["kasi1"])
    assert [(r.jabatan_kritikal_id, r.kesiapan) for r in rows] == [(jk.pk, Kesiapan.SATU_DUA)]
    assert rows[0].jabatan_kritikal.jabatan.nama == "Kepala Bidang Pembinaan SMA"
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.succession_for_person(org.actor("staf1a"), org.pegawai["kasi1"])
    jk.aktif = False
    jk.save()
    assert selectors.succession_for_person(org.actor("admin"), org.pegawai["kasi1"]) == []


def test_recompute_button_starts_the_job(org: Org, django_capture_on_commit_callbacks: Any) -> None:
    """The BKD's "hitung ulang" starts the candidates job and says so; anyone else gets 403, no job."""
    from karier.core.choices import JenisTugasLatar
    from karier.core.models import TugasLatar

    jk = scenario(org)
    KandidatSuksesi.objects.all().delete()
    jobs = TugasLatar.objects.filter(jenis=JenisTugasLatar.SUKSESI)
    before = jobs.count()
    assert _client(org, "kadis").post(f"/karier/suksesi/{jk.pk}/hitung/").status_code == 403
    assert jobs.count() == before
    with django_capture_on_commit_callbacks(execute=True):
        r = _client(org).post(f"/karier/suksesi/{jk.pk}/hitung/", follow=True)
    assert jobs.count() == before + 1 and "sedang dihitung ulang di latar belakang" in r.content.decode()
    assert KandidatSuksesi.objects.filter(jabatan_kritikal=jk).count() == 3
