"""Screens and API of recognition and motivation (issue #12 item 8): the feed, a person's wall, the
"Beri apresiasi" form (HTMX), innovations and their verification, BKD's award proposals; roles,
hidden is 404, garbage 4xx, Excel, and query counts that do not grow."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from karier.talent.models import Apresiasi, Inovasi, UsulanPenghargaan
from karier.talent.recognition import services
from karier.talent.recognition.access import penerima_for_giver
from tests.orgdata import build_org
from tests.talent.talent_recognition_helpers import rhk_for

pytestmark = pytest.mark.django_db


def _client(org: Any, key: str) -> Client:
    c = Client()
    c.force_login(org.users[key])
    return c


def _kode() -> str:
    from karier.standards.models import NilaiBerakhlak

    return NilaiBerakhlak.objects.order_by("urutan").values_list("kode", flat=True).first()


def _give(org, giver, receiver, teks="Terima kasih atas bantuannya"):
    actor = org.actor(giver)
    return services.apresiasi_give(
        actor=actor, penerima=penerima_for_giver(actor, org.pegawai[receiver].pk), teks=teks, nilai=_kode()
    )


def test_give_form_with_and_without_htmx(org):
    staf1b = _client(org, "staf1b")
    target = org.pegawai["staf1a"]
    found = staf1b.get("/karier/apresiasi/beri/?q=Dodi").content.decode()
    assert "Dodi Saputra" in found
    assert staf1b.get(f"/karier/apresiasi/beri/?pegawai={target.pk}").status_code == 200
    r = staf1b.post(
        "/karier/apresiasi/beri/", {"pegawai": target.pk, "teks": "Rapi!", "nilai": _kode()}, HTTP_HX_REQUEST="true"
    )
    assert r.status_code == 200 and "terkirim" in r.content.decode()
    r = staf1b.post("/karier/apresiasi/beri/", {"pegawai": target.pk, "teks": "Tanpa kaitan"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 400 and "Kaitkan apresiasi" in r.content.decode()
    r = staf1b.post("/karier/apresiasi/beri/", {"pegawai": target.pk, "teks": "Lagi", "nilai": _kode()})
    assert r.status_code == 302
    assert Apresiasi.objects.filter(penerima=target).count() == 2
    # oneself, another agency (404), garbage
    me = _client(org, "staf1a")
    r = me.post("/karier/apresiasi/beri/", {"pegawai": target.pk, "teks": "Saya", "nilai": _kode()})
    assert r.status_code == 400 and "diri sendiri" in r.content.decode()
    assert _client(org, "pranata").get(f"/karier/apresiasi/beri/?pegawai={target.pk}").status_code == 404
    assert staf1b.get("/karier/apresiasi/beri/?pegawai=abc").status_code == 200  # the search page


def test_feed_wall_and_hide(org):
    a = _give(org, "kabid1", "staf1a")
    staf1b = _client(org, "staf1b")
    assert "Terima kasih atas bantuannya" in staf1b.get("/karier/apresiasi/").content.decode()
    assert "Terima kasih" not in _client(org, "pranata").get("/karier/apresiasi/").content.decode()
    assert _client(org, "admin").get("/karier/apresiasi/?export=xlsx").content[:2] == b"PK"
    wall = f"/karier/apresiasi/pegawai/{org.pegawai['staf1a'].pk}/"
    assert "Terima kasih" in _client(org, "kasi1").get(wall).content.decode()
    assert staf1b.get(wall).status_code == 404  # a peer reads the feed, not the career wall
    assert staf1b.post(f"/karier/apresiasi/{a.pk}/sembunyikan/").status_code == 403
    r = _client(org, "staf1a").post(f"/karier/apresiasi/{a.pk}/sembunyikan/")
    assert r.status_code == 302 and Apresiasi.objects.get(pk=a.pk).disembunyikan
    assert "Terima kasih" not in staf1b.get("/karier/apresiasi/").content.decode()


def test_innovation_screens(org):
    staf = org.pegawai["staf1a"]
    rhk = rhk_for(staf)
    me = _client(org, "staf1a")
    assert me.get("/karier/inovasi/baru/").status_code == 200
    today = dt.date.today().isoformat()
    r = me.post(
        "/karier/inovasi/baru/", {"judul": "Dasbor", "uraian": "Dasbor daring", "rhk": rhk.pk, "tanggal": today}
    )
    assert r.status_code == 302
    r = me.post("/karier/inovasi/baru/", {"judul": "", "uraian": "", "tanggal": "2999-01-01"})
    assert r.status_code == 400
    assert "Dasbor" in me.get("/karier/inovasi/").content.decode()
    assert me.get("/karier/inovasi/?export=xlsx").content[:2] == b"PK"
    kasi = _client(org, "kasi1")
    assert "Dasbor" in kasi.get("/karier/inovasi/verifikasi/").content.decode()
    assert kasi.get("/karier/inovasi/verifikasi/?export=xlsx").content[:2] == b"PK"
    ino = Inovasi.objects.get()
    assert me.post(f"/karier/inovasi/{ino.pk}/verifikasi/").status_code == 403
    assert _client(org, "pranata").post(f"/karier/inovasi/{ino.pk}/verifikasi/").status_code == 404
    assert kasi.post(f"/karier/inovasi/{ino.pk}/verifikasi/").status_code == 302
    assert Inovasi.objects.get().status == "DIVERIFIKASI"
    # a superior records one for their team member; a peer may not
    assert kasi.get(f"/karier/inovasi/baru/?pegawai={staf.pk}").status_code == 200
    assert _client(org, "staf1b").get(f"/karier/inovasi/baru/?pegawai={staf.pk}").status_code == 404
    assert _client(org, "admin").get("/karier/inovasi/baru/").status_code == 403


def test_award_screen(org):
    u = UsulanPenghargaan.objects.create(pegawai=org.pegawai["staf1a"], tahun=2025, alasan=["Kotak talenta 9."])
    admin = _client(org, "admin")
    page = admin.get("/karier/penghargaan/?tahun=2025").content.decode()
    assert "Kotak talenta 9." in page and "Teruskan ke panitia" in page
    assert admin.get("/karier/penghargaan/?tahun=2025&export=xlsx").content[:2] == b"PK"
    assert admin.get("/karier/penghargaan/?tahun=abc&status=X").status_code == 200
    assert _client(org, "kasi1").post(f"/karier/penghargaan/{u.pk}/putuskan/", {"teruskan": "1"}).status_code == 403
    assert _client(org, "staf2").post(f"/karier/penghargaan/{u.pk}/putuskan/", {"teruskan": "1"}).status_code == 404
    r = admin.post(f"/karier/penghargaan/{u.pk}/putuskan/", {"teruskan": "0", "catatan": "Belum memenuhi"})
    assert r.status_code == 302
    assert UsulanPenghargaan.objects.get().status == "DITOLAK"


def test_award_screen_offers_no_decision_about_oneself(org):
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(pk=org.users["staf2"].pk).update(is_admin_bkd=True)
    own = UsulanPenghargaan.objects.create(pegawai=org.pegawai["staf2"], tahun=2025, alasan=["Kotak talenta 9."])
    other = UsulanPenghargaan.objects.create(pegawai=org.pegawai["staf1a"], tahun=2025, alasan=["Kotak talenta 9."])
    page = _client(org, "staf2").get("/karier/penghargaan/?tahun=2025").content.decode()
    assert f"/karier/penghargaan/{other.pk}/putuskan/" in page
    assert f"/karier/penghargaan/{own.pk}/putuskan/" not in page


def test_own_wall_offers_recording_an_innovation_but_not_an_apresiasi(org):
    staf = org.pegawai["staf1a"]
    page = _client(org, "staf1a").get(f"/karier/apresiasi/pegawai/{staf.pk}/").content.decode()
    assert "/karier/inovasi/baru/?pegawai=" in page
    assert "/karier/apresiasi/beri/?pegawai=" not in page
    page = _client(org, "kasi1").get(f"/karier/apresiasi/pegawai/{staf.pk}/").content.decode()
    assert "/karier/inovasi/baru/?pegawai=" in page and "/karier/apresiasi/beri/?pegawai=" in page


def test_api(org):
    staf = org.pegawai["staf1a"]
    rhk = rhk_for(staf)
    kabid = _client(org, "kabid1")
    r = kabid.post(
        "/api/v1/karier/apresiasi",
        {"penerima_id": staf.pk, "teks": "Hebat", "rhk_id": rhk.pk},
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    aid = r.json()["id"]
    assert r.json()["rhk_id"] == rhk.pk
    bad = kabid.post("/api/v1/karier/apresiasi", {"penerima_id": staf.pk, "teks": "x"}, content_type="application/json")
    assert bad.status_code == 409
    assert (
        kabid.post(
            "/api/v1/karier/apresiasi",
            {"penerima_id": 99999, "teks": "x", "nilai": _kode()},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert _client(org, "staf1b").get("/api/v1/karier/apresiasi").json()["count"] == 1
    assert (
        _client(org, "staf1b")
        .post(f"/api/v1/karier/apresiasi/{aid}/sembunyikan", {}, content_type="application/json")
        .status_code
        == 403
    )
    me = _client(org, "staf1a")
    r = me.post(
        "/api/v1/karier/inovasi",
        {"judul": "Arsip", "uraian": "Arsip digital", "tanggal": dt.date.today().isoformat(), "rhk_id": rhk.pk},
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    iid = r.json()["id"]
    assert me.post(f"/api/v1/karier/inovasi/{iid}/verifikasi").status_code == 403
    assert _client(org, "kasi1").post(f"/api/v1/karier/inovasi/{iid}/verifikasi").json()["status"] == "DIVERIFIKASI"
    assert (
        _client(org, "kasi1").get("/api/v1/karier/inovasi?untuk_verifikasi=true&status=DIVERIFIKASI").json()["count"]
        == 1
    )
    wall = _client(org, "kasi1").get(f"/api/v1/karier/apresiasi/pegawai/{staf.pk}").json()
    assert wall["jumlah_apresiasi"] == 1 and wall["jumlah_inovasi"] == 1
    assert _client(org, "staf1b").get(f"/api/v1/karier/apresiasi/pegawai/{staf.pk}").status_code == 404
    u = UsulanPenghargaan.objects.create(pegawai=staf, tahun=2025, alasan=["x"])
    admin = _client(org, "admin")
    assert admin.get("/api/v1/karier/penghargaan?tahun=2025").json()["count"] == 1
    r = admin.post(f"/api/v1/karier/penghargaan/{u.pk}/putuskan", {"teruskan": True}, content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "DITERUSKAN"
    assert admin.get("/api/v1/karier/penghargaan?tahun=1").status_code == 422


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_queries_do_not_grow():
    org = build_org(extra_staff=0)
    staf = org.pegawai["staf1a"]
    rhk = rhk_for(staf)

    def add(n: int) -> None:
        for i in range(n):
            _give(org, "kabid1" if i % 2 else "kasi1", "staf1a", teks=f"Terima kasih {i}")
            Inovasi.objects.create(pegawai=staf, judul=f"Ino {i}", uraian="x", rhk=rhk, tanggal=dt.date(2025, 1, 1))

    add(2)
    UsulanPenghargaan.objects.create(pegawai=staf, tahun=2025, alasan=["x"])
    urls = {
        "kasi1": [
            "/karier/apresiasi/",
            f"/karier/apresiasi/pegawai/{staf.pk}/",
            "/karier/inovasi/verifikasi/?status=",
            "/api/v1/karier/apresiasi",
            "/api/v1/karier/inovasi",
            f"/api/v1/karier/apresiasi/pegawai/{staf.pk}",
        ],
        "staf1a": ["/karier/inovasi/"],
        "admin": ["/karier/penghargaan/", "/api/v1/karier/penghargaan"],
    }
    small = {k: [_count(_client(org, k), u) for u in v] for k, v in urls.items()}
    add(12)
    UsulanPenghargaan.objects.create(pegawai=org.pegawai["staf1b"], tahun=2025, alasan=["x"])
    large = {k: [_count(_client(org, k), u) for u in v] for k, v in urls.items()}
    assert small == large
