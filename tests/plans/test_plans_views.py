"""SKP screens: pages render per role, forms show refusals next to fields, hidden plans are 404,
HTMX answers with partials, and the superior's page runs the same queries for 4 or 40 people."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from karier.people.access import as_actor
from karier.plans import services
from karier.plans.choices import StatusSkp
from karier.plans.models import IndikatorKinerjaIndividu, RencanaHasilKerja, Skp
from karier.plans.services import IkiData, RhkData
from tests.orgdata import Org, build_org

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def login(client: Client, org: Org, key: str) -> Client:
    client.force_login(org.users[key])
    return client


def plan(org: Org, key: str = "staf1a") -> Skp:
    skp = services.skp_create(actor=org.actor(key), pegawai=org.pegawai[key], tahun=YEAR, sumber="KOSONG")
    services.rhk_add(
        actor=org.actor(key),
        skp=skp,
        data=RhkData(teks=f"Hasil {key}"),
        iki=IkiData(indikator="Jumlah laporan", target_angka=12, satuan="laporan"),
    )
    return skp


def test_index_empty_state_and_create(client: Client, org: Org) -> None:
    login(client, org, "staf1a")
    r = client.get("/skp/")
    assert r.status_code == 200
    assert "Anda belum mempunyai SKP." in r.content.decode()
    r = client.post("/skp/buat/", {"tahun": YEAR, "sumber": "STANDAR"})
    assert r.status_code == 422
    assert "belum mempunyai standar" in r.content.decode()
    r = client.post("/skp/buat/", {"tahun": YEAR, "sumber": "KOSONG"})
    skp = Skp.objects.get(pegawai=org.pegawai["staf1a"])
    assert r.status_code == 302 and r["Location"] == f"/skp/{skp.pk}/"
    page = client.get(r["Location"]).content.decode()
    assert "Pegawai yang dinilai" in page and "Pejabat penilai kinerja" in page
    assert org.pegawai["kasi1"].nama_lengkap in page
    assert "Belum ada hasil kerja utama." in page
    assert "Berorientasi Pelayanan" in page and "Ekspektasi khusus pimpinan" in page


def test_add_row_with_a_bad_target_shows_the_message_by_the_field(client: Client, org: Org) -> None:
    skp = plan(org)
    login(client, org, "staf1a")
    before = RencanaHasilKerja.objects.count()
    data = {
        "jenis": "UTAMA",
        "teks": "Baru",
        "dimensi": "PRODUKTIVITAS",
        "aspek": "KUANTITAS",
        "indikator": "Jumlah",
        "target_angka": "banyak",
        "satuan": "",
    }
    r = client.post(f"/skp/{skp.pk}/rhk/", data, HTTP_HX_REQUEST="true")
    body = r.content.decode()
    assert r.status_code == 200 and r["HX-Retarget"] == "#hasil"
    assert 'id="hasil"' in body and "Target harus berupa angka" in body and "has-error" in body
    assert RencanaHasilKerja.objects.count() == before
    r = client.post(f"/skp/{skp.pk}/rhk/", {**data, "target_angka": "6", "satuan": "dokumen"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and "Baru" in r.content.decode()
    assert RencanaHasilKerja.objects.count() == before + 1
    # Without JavaScript: the page again, with the message.
    r = client.post(f"/skp/{skp.pk}/rhk/", data)
    assert r.status_code == 422 and "Target harus berupa angka" in r.content.decode()


def test_inline_iki_edit(client: Client, org: Org) -> None:
    skp = plan(org)
    iki = IndikatorKinerjaIndividu.objects.get(rhk__skp=skp)
    login(client, org, "staf1a")
    r = client.get(f"/skp/{skp.pk}/iki/{iki.pk}/ubah/", HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and r.content.decode().startswith(f'<tbody id="rhk-{iki.rhk_id}">')
    r = client.post(
        f"/skp/{skp.pk}/iki/{iki.pk}/ubah/",
        {"e-aspek": "WAKTU", "e-indikator": "Tepat waktu", "e-target_angka": "", "e-satuan": ""},
        HTTP_HX_REQUEST="true",
    )
    assert "Aspek waktu memerlukan target berupa angka." in r.content.decode()
    r = client.post(
        f"/skp/{skp.pk}/iki/{iki.pk}/ubah/",
        {"e-aspek": "WAKTU", "e-indikator": "Tepat waktu", "e-target_angka": "12", "e-satuan": "bulan"},
    )
    assert r.status_code == 302
    iki.refresh_from_db()
    assert (iki.aspek, iki.target_angka) == ("WAKTU", 12)


def test_workflow_through_the_screens(client: Client, org: Org) -> None:
    skp = plan(org)
    owner, boss = Client(), Client()
    login(owner, org, "staf1a")
    login(boss, org, "kasi1")
    assert "Ajukan ke pejabat penilai" in owner.get(f"/skp/{skp.pk}/").content.decode()
    assert owner.post(f"/skp/{skp.pk}/ajukan/").status_code == 302
    page = boss.get(f"/skp/{skp.pk}/").content.decode()
    assert "Kembalikan untuk diperbaiki" in page and "Setujui SKP" in page
    r = boss.post(f"/skp/{skp.pk}/kembalikan/", {"komentar": ""})
    assert r.status_code == 422 and "wajib diisi" in r.content.decode()
    assert boss.post(f"/skp/{skp.pk}/kembalikan/", {"komentar": "Perbaiki target"}).status_code == 302
    assert "Perbaiki target" in owner.get(f"/skp/{skp.pk}/").content.decode()
    # The owner cannot approve their own plan: 403, nothing changes.
    assert owner.post(f"/skp/{skp.pk}/setujui/").status_code == 403
    owner.post(f"/skp/{skp.pk}/ajukan/")
    assert boss.post(f"/skp/{skp.pk}/setujui/", {"komentar": ""}).status_code == 302
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DISETUJUI
    assert "Revisi SKP" in owner.get(f"/skp/{skp.pk}/").content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("staf1a", 200),
        ("kasi1", 200),
        ("kabid1", 200),
        ("kadis", 200),
        ("admin", 200),
        ("auditor", 200),
        ("kabid2", 404),
        ("staf1b", 404),
        ("unlinked", 404),
    ],
)
def test_who_sees_a_plan(client: Client, org: Org, who: str, status: int) -> None:
    skp = plan(org)
    login(client, org, who)
    r = client.get(f"/skp/{skp.pk}/")
    assert r.status_code == status
    if who == "auditor":
        body = r.content.decode()
        assert "Ajukan" not in body and "Tambah rencana hasil kerja" not in body


def test_link_select_offers_only_the_appraisers_rhk(client: Client, org: Org) -> None:
    skp = plan(org)
    boss = plan(org, "kasi1")
    other = plan(org, "kabid2")
    login(client, org, "staf1a")
    page = client.get(f"/skp/{skp.pk}/").content.decode()
    assert "Hasil kasi1" in page and "Hasil kabid2" not in page
    rhk = skp.rhk.get()
    r = client.post(
        f"/skp/{skp.pk}/rhk/{rhk.pk}/tautkan/", {f"l{rhk.pk}-rhk_atasan": other.rhk.get().pk}, HTTP_HX_REQUEST="true"
    )
    assert "Pilih RHK atasan dari daftar." in r.content.decode()
    r = client.post(f"/skp/{skp.pk}/rhk/{rhk.pk}/tautkan/", {f"l{rhk.pk}-rhk_atasan": boss.rhk.get().pk})
    rhk.refresh_from_db()
    assert rhk.rhk_atasan == boss.rhk.get()


def test_document_links_follow_the_insight_routes(client: Client, org: Org) -> None:
    skp = plan(org)
    login(client, org, "staf1a")
    page = client.get(f"/skp/{skp.pk}/").content.decode()
    assert reverse("plans_insight:skp_pdf", args=[skp.pk]) in page
    assert reverse("plans_insight:skp_xlsx", args=[skp.pk]) in page


def _measure(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200, url
    return len(ctx.captured_queries)


def _plans_for_extras(org: Org, start: int, stop: int) -> None:
    for i in range(start, stop):
        p = org.pegawai[f"extra{i}"]
        skp = services.skp_create(actor=org.actor("admin"), pegawai=p, tahun=YEAR, sumber="KOSONG")
        services.rhk_add(
            actor=as_actor(_owner(org, p)),
            skp=skp,
            data=RhkData(teks="x"),
            iki=IkiData(indikator="y", target_angka=1, satuan="z"),
        )


def _owner(org: Org, p: Any) -> Any:
    from karier.accounts.models import User

    return User.objects.get_or_create(username=p.nip, defaults={"pegawai": p})[0]


@pytest.mark.parametrize("url", ["/skp/bawahan/", "/skp/", "/skp/bawahan/?status=DRAFT", "/skp/bawahan/?status=BELUM"])
def test_superior_page_queries_do_not_grow_with_subordinates(client: Client, url: str) -> None:
    org = build_org(extra_staff=2)  # kasi1 has staf1a, staf1b and the extras: 4 subordinates
    _plans_for_extras(org, 0, 2)
    plan(org)
    login(client, org, "kasi1")
    small = _measure(client, url)
    for i in range(2, 38):  # 40 subordinates
        org.add_pegawai(f"extra{i}", "staf1", golongan=31, user=False)
    _plans_for_extras(org, 2, 38)
    large = _measure(client, url)
    assert small == large, (url, small, large)
    if "BELUM" not in url:
        assert client.get(url).content.decode().count("Pegawai extra") >= 30


def test_plan_page_queries_do_not_grow_with_rows(client: Client, org: Org) -> None:
    skp = plan(org)
    plan(org, "kasi1")
    login(client, org, "staf1a")
    small = _measure(client, f"/skp/{skp.pk}/")
    for n in range(10):
        services.rhk_add(
            actor=org.actor("staf1a"),
            skp=skp,
            data=RhkData(teks=f"Hasil {n}", jenis="TAMBAHAN"),
            iki=IkiData(indikator="Jumlah", target_angka=n, satuan="dokumen"),
        )
    large = _measure(client, f"/skp/{skp.pk}/")
    assert small == large
