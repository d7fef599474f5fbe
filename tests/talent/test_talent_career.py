"""The career page (issue #12 item 7): what it shows, who may see it (hidden = 404), the team list and its
Excel, the API, and query counts that do not grow with the team."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from karier.people.models import Golongan, RiwayatGolongan
from karier.talent.career import selectors
from karier.talent.models import (
    AturanTalenta,
    EntriAngkaKredit,
    JenisEntriAk,
    KelayakanPangkat,
    PenempatanTalenta,
    PredikatTahunan,
    SumberPredikat,
)
from tests.orgdata import Org, build_org

pytestmark = pytest.mark.django_db


def as_user(org: Org, key: str) -> Client:
    c = Client()
    c.force_login(org.users[key])
    return c


def history(org: Org, key: str = "staf1a") -> None:
    p = org.pegawai[key]
    year = timezone.localdate().year
    for tahun, predikat in ((year - 2, "Baik"), (year - 1, "Sangat Baik")):
        PredikatTahunan.objects.create(
            pegawai=p,
            tahun=tahun,
            predikat=predikat,
            rating_hasil_kerja="Sesuai Ekspektasi",
            sumber=SumberPredikat.IMPOR,
        )
    RiwayatGolongan.objects.create(pegawai=p, golongan_id=23, tmt=dt.date(2020, 4, 1), nomor_sk="SK-823/2020")
    KelayakanPangkat.objects.create(
        pegawai=p,
        opd=p.opd,
        jenis="REGULER",
        golongan_id=23,
        golongan_berikut=Golongan.objects.get(kode="II/d"),
        layak=False,
        tmt_terdekat=dt.date(year + 1, 4, 1),
        alasan=["Masa kerja dalam golongan II/c belum 4 tahun."],
        dihitung_pada=timezone.now(),
    )
    PenempatanTalenta.objects.create(
        pegawai=p,
        tahun=year - 1,
        aturan=AturanTalenta.objects.get(kode="PERMENPANRB-3-2020"),
        kinerja="Menengah",
        potensial="Tinggi",
        kotak=8,
        skor_potensial=Decimal("91.50"),
        dihitung_pada=timezone.now(),
    )
    EntriAngkaKredit.objects.create(
        pegawai=p,
        jenis=JenisEntriAk.IMPOR,
        tahun=year - 1,
        bulan=2,
        jenjang="Ahli Pertama",
        golongan_id=31,
        predikat="Baik",
        pembilang=25,
        penyebut=12,
    )


def test_the_page_shows_history_next_step_and_box(org):
    history(org)
    r = as_user(org, "staf1a").get("/karier/")
    assert r.status_code == 200
    html = r.content.decode()
    year = timezone.localdate().year
    assert "Karier saya" in html and "Sangat Baik" in html
    assert "Masa kerja dalam golongan II/c belum 4 tahun." in html
    assert "Kotak 8" in html and "potensial tinggi" in html
    assert "SK-823/2020" in html  # the rank history
    assert "2,08" in html  # 25/12 of credit, two places, Indonesian comma
    data = selectors.career(org.pegawai["staf1a"])
    assert [r.tahun for r in data.tahun][:2] == [year - 1, year - 2]
    predikat_bar = next(s for s in data.langkah if "Predikat" in s.label)
    assert predikat_bar.persen == 100 and predikat_bar.terpenuhi


def test_steps_follow_the_rank_date(org):
    p = org.pegawai["staf1a"]
    p.tmt_golongan = dt.date(2024, 1, 1)
    bars = selectors.steps(p, [], None, dt.date(2026, 1, 1))
    masa = bars[0]
    assert masa.persen == 50 and not masa.terpenuhi
    later = selectors.steps(p, [], None, dt.date(2028, 2, 1))[0]
    assert later.persen == 100 and later.terpenuhi


@pytest.mark.parametrize(
    ("key", "status"),
    [
        ("staf1a", 200),
        ("kasi1", 200),
        ("kabid1", 200),
        ("kadis", 200),
        ("admin", 200),
        ("auditor", 200),
        ("staf1b", 404),
        ("staf2", 404),
        ("kadiskominfo", 404),
        ("unlinked", 404),
    ],
)
def test_a_persons_career_follows_the_person(org, key, status):
    history(org)
    c = as_user(org, key)
    pid = org.pegawai["staf1a"].pk
    assert c.get(f"/karier/pegawai/{pid}/").status_code == status
    r = c.get(f"/api/v1/karier/pegawai/{pid}")
    assert r.status_code == status
    if status == 200:
        data = r.json()
        assert data["kenaikan_pangkat"]["alasan"] == ["Masa kerja dalam golongan II/c belum 4 tahun."]
        assert data["kotak_talenta"]["kotak"] == 8
        assert data["tahun"][0]["predikat"] == "Sangat Baik"


def test_own_career_api_and_unlinked_account(org):
    history(org)
    assert as_user(org, "staf1a").get("/api/v1/karier/saya").json()["pegawai_id"] == org.pegawai["staf1a"].pk
    assert as_user(org, "unlinked").get("/karier/").status_code == 404
    assert as_user(org, "unlinked").get("/api/v1/karier/saya").status_code == 404


def test_team_list_search_and_excel(org):
    history(org)
    c = as_user(org, "kasi1")
    html = c.get("/karier/tim/").content.decode()
    assert "Dodi Saputra" in html and "Kepala Dinas" not in html
    table = html.split('data-testid="karier-tim"')[1]
    assert f"/karier/pegawai/{org.pegawai['kasi1'].pk}/" not in table  # oneself is not in one's team list
    assert "Dodi" not in c.get("/karier/tim/?q=zzz").content.decode()
    x = c.get("/karier/tim/?export=xlsx")
    assert x.status_code == 200 and x["Content-Type"].startswith("application/vnd.openxmlformats")
    empty = as_user(org, "staf1b").get("/karier/tim/").content.decode()
    assert "Tidak ada pegawai" in empty


@pytest.mark.django_db
def test_team_list_queries_do_not_grow_with_the_team() -> None:
    """Two teams of different sizes, each built and rolled back in its own savepoint."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    counts = []
    for extra in (2, 30):
        with transaction.atomic():
            org = build_org(extra_staff=extra)
            c = as_user(org, "kasi1")
            c.get("/karier/tim/")  # warm the session and actor caches
            with CaptureQueriesContext(connection) as ctx:
                assert c.get("/karier/tim/").status_code == 200
            counts.append(len(ctx.captured_queries))
            transaction.set_rollback(True)
    assert counts[0] == counts[1]


def test_page_queries_do_not_grow_with_the_history(org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    history(org)
    c = as_user(org, "kasi1")
    pid = org.pegawai["staf1a"].pk
    url = f"/karier/pegawai/{pid}/"
    c.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    p = org.pegawai["staf1a"]
    for tahun in range(2015, 2022):  # seven more years of history, ranks and credit
        PredikatTahunan.objects.create(pegawai=p, tahun=tahun, predikat="Baik", sumber=SumberPredikat.IMPOR)
        RiwayatGolongan.objects.create(pegawai=p, golongan_id=21, tmt=dt.date(tahun, 10, 1), nomor_sk=f"SK-{tahun}")
        EntriAngkaKredit.objects.create(
            pegawai=p,
            jenis=JenisEntriAk.IMPOR,
            tahun=tahun,
            jenjang="Ahli Pertama",
            golongan_id=31,
            pembilang=25,
            penyebut=2,
        )
    assert count() == before <= 40
