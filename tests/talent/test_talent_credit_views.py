"""The angka kredit screens (issue #12 §3): a person's credit page with exact values shown the
Indonesian way, needs with progress, the projection sentence, the three jenjang conditions; the BKD
forms refusing bad input next to the field with nothing written; the query count of the page and of
the compute functions at two sizes."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from karier.talent.credit import compute, services
from karier.talent.credit.ledger import to_columns
from karier.talent.models import EntriAngkaKredit, JenisEntriAk
from tests.orgdata import Org, build_org
from tests.talent.talent_credit_helpers import jf, make_functional, predikat

TODAY = dt.date.today()


@pytest.fixture
def pranata(org: Org) -> Any:
    jab = org.jabatan["pranata"]
    jab.jabatan_fungsional = jf()
    jab.save(update_fields=["jabatan_fungsional"])
    p = org.pegawai["pranata"]
    p.refresh_from_db()
    return p


def _fill(org: Org, p: Any) -> None:
    services.konversi_record(actor=org.actor("admin"), pegawai=p, nilai="20", tahun=2023, nomor_dokumen="800/9")
    predikat(p, 2024, "Sangat Baik")
    predikat(p, 2025, "Baik", bulan=2)
    compute.post_credit([p.pk], 2024)
    compute.post_credit([p.pk], 2025)
    compute.rebuild_status([p.pk], TODAY)


def test_credit_page_shows_ledger_needs_projection_and_conditions(client: Client, org: Org, pranata: Any) -> None:
    _fill(org, pranata)
    services.formasi_set(
        actor=org.actor("admin"), opd=org.units["kominfo"], jabatan_fungsional=jf(), jenjang="Ahli Muda", jumlah=1
    )
    client.force_login(org.users["pranata"])
    html = client.get(reverse("talent:credit_pegawai", args=[pranata.pk])).content.decode()
    assert "18,75" in html and "2,08" in html and "20,00" in html
    assert "40,83" in html  # 20 + 18,75 + 25/12, shown to two places
    assert 'title="25/12"' in html  # the exact value behind the rounded one
    assert "kurang 9,17" in html  # 50 − 40,83 for III/b
    assert "Dengan predikat Baik setiap tahun" in html
    assert "Formasi jenjang Ahli Muda" in html and "1 dari 1 formasi kosong" in html
    assert "Belum pernah mengikuti uji kompetensi" in html
    assert "2025: Baik" in html
    assert 'role="progressbar"' in html and "table-wrap" in html
    assert "Catat angka kredit konversi" not in html  # not a BKD admin
    client.force_login(org.users["admin"])
    assert (
        "Catat angka kredit konversi"
        in client.get(reverse("talent:credit_pegawai", args=[pranata.pk])).content.decode()
    )


def test_non_functional_person_has_an_empty_state(client: Client, org: Org) -> None:
    client.force_login(org.users["staf1a"])
    html = client.get(reverse("talent:credit_pegawai", args=[org.pegawai["staf1a"].pk])).content.decode()
    assert "Tidak ada angka kredit" in html


def test_konversi_form_refuses_bad_input_by_the_field(client: Client, org: Org, pranata: Any) -> None:
    client.force_login(org.users["admin"])
    url = reverse("talent:credit_konversi", args=[pranata.pk])
    r = client.post(url, {"nilai": "-4", "tahun": "2024", "nomor_dokumen": "800/1"})
    assert r.status_code == 200 and "tidak boleh negatif" in r.content.decode()
    r = client.post(url, {"nilai": "999", "tahun": "2024", "nomor_dokumen": "800/1"})
    assert "tidak wajar" in r.content.decode()
    assert not EntriAngkaKredit.objects.exists()
    r = client.post(url, {"nilai": "12,5", "tahun": "2024", "nomor_dokumen": "800/1"})
    assert r.status_code == 302
    assert EntriAngkaKredit.objects.get().pembilang == 25


def test_uji_and_pak_forms(client: Client, org: Org, pranata: Any) -> None:
    _fill(org, pranata)
    client.force_login(org.users["admin"])
    r = client.post(
        reverse("talent:credit_uji", args=[pranata.pk]),
        {"jenjang_tujuan": "Ahli Muda", "tanggal": "2025-03-01", "lulus": "1", "nomor_sertifikat": "UK/1"},
    )
    assert r.status_code == 302
    r = client.post(
        reverse("talent:credit_pak_terbit", args=[pranata.pk]),
        {"tahun": "2025", "nomor": "800/PAK/1", "tanggal": TODAY.isoformat()},
    )
    assert r.status_code == 302
    html = client.get(reverse("talent:credit_pegawai", args=[pranata.pk])).content.decode()
    assert "800/PAK/1" in html and "Lulus (1 Maret 2025)" in html


def test_formasi_list_filters_and_form(client: Client, org: Org) -> None:
    client.force_login(org.users["admin"])
    html = client.get(reverse("talent:credit_formasi")).content.decode()
    assert "Belum ada formasi" in html
    r = client.post(
        reverse("talent:credit_formasi_ubah"),
        {"opd": org.units["kominfo"].pk, "jabatan_fungsional": jf().pk, "jenjang": "Ahli Muda", "jumlah": "3"},
    )
    assert r.status_code == 302
    html = client.get(reverse("talent:credit_formasi") + "?jenjang=Ahli+Muda").content.decode()
    assert "Pranata Komputer" in html
    html = client.get(reverse("talent:credit_formasi") + "?jenjang=Ahli+Madya").content.decode()
    assert "Belum ada formasi" in html


def _page_queries(client: Client, pegawai_id: int) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("talent:credit_pegawai", args=[pegawai_id])).status_code == 200
    return len(ctx.captured_queries)


def _add_years(p: Any, first: int, n: int) -> None:
    for year in range(first, first + n):
        num, den = to_columns(Fraction(25, 2))
        EntriAngkaKredit.objects.create(
            pegawai=p,
            jenis=JenisEntriAk.PREDIKAT,
            tahun=year,
            jenjang="Ahli Pertama",
            golongan_id=p.golongan_id,
            predikat="Baik",
            pembilang=num,
            penyebut=den,
        )


@pytest.mark.django_db
def test_page_queries_do_not_grow_with_the_ledger(client: Client) -> None:
    org = build_org()
    (p,) = make_functional(org, 1)
    client.force_login(org.users["admin"])
    _add_years(p, 2000, 2)
    small = _page_queries(client, p.pk)
    _add_years(p, 2002, 20)
    assert _page_queries(client, p.pk) == small


@pytest.mark.django_db
def test_status_list_filters_visibility_and_queries(client: Client) -> None:
    org = build_org()
    people = make_functional(org, 2)
    for p in people:
        predikat(p, 2024, "Sangat Baik")
    compute.post_credit([p.pk for p in people], 2024)
    compute.rebuild_status([p.pk for p in people], TODAY)
    client.force_login(org.users["admin"])
    url = reverse("talent:credit_daftar")
    html = client.get(url).content.decode()
    assert "18,75" in html and "31,25" in html  # held and what is still missing for III/b
    assert "Belum ada status" in client.get(url + "?memenuhi=ya").content.decode()
    assert "18,75" in client.get(url + "?memenuhi=tidak&jenjang=Ahli+Pertama").content.decode()
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    more = make_functional(org, 20, start=10)
    for p in more:
        predikat(p, 2024, "Baik")
    compute.post_credit([p.pk for p in more], 2024)
    compute.rebuild_status([p.pk for p in more], TODAY)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(small.captured_queries) == len(large.captured_queries)
    client.force_login(org.users["staf1a"])  # sees none of the Diskominfo functional staff
    assert "Belum ada status" in client.get(url).content.decode()
    api = client.get("/api/v1/karier/angka-kredit").json()
    assert api["count"] == 0
    client.force_login(org.users["admin"])
    api = client.get("/api/v1/karier/angka-kredit?memenuhi=false&limit=5").json()
    assert api["count"] == 22 and api["items"][0]["kekurangan"] is not None
