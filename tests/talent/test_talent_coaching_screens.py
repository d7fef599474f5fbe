"""Coaching screens and API (issue #12 §6): every route (the route table names this module for
talent:coaching_* and api:coaching_*), every role, the employee's encouraging page, query counts."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from karier.talent.coaching import services
from karier.talent.models import PertemuanBimbingan, RencanaBimbingan, StatusBimbingan, TindakanBimbingan
from tests.talent import talent_coaching_helpers as h

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
API = "/api/v1/karier/bimbingan"


def _c(org: Any, key: str) -> Client:
    c = Client()
    c.force_login(org.users[key])
    return c


def _post(c: Client, url: str, body: Any) -> Any:
    return c.post(url, data=json.dumps(body), content_type="application/json")


def _plan(org: Any, who: str = "staf1a", mentor: str = "kasi1") -> RencanaBimbingan:
    return services.bimbingan_create(
        actor=org.actor("admin"), pegawai=org.pegawai[who], mentor=org.pegawai[mentor], tujuan="Target tercapai"
    )


def _text(html: bytes) -> str:
    return re.sub(r"<[^>]+>", " ", html.decode())


# ---------------------------------------------------------------------------- screens
def test_create_form_defaults_to_the_superior_and_refuses_no_mentor(org: Any) -> None:
    c = _c(org, "kasi1")
    url = reverse("talent:coaching_create", args=[org.pegawai["staf1a"].pk])
    r = c.get(url)
    assert r.status_code == 200
    assert f'<option value="{org.pegawai["kasi1"].pk}" selected' in r.content.decode()
    r = c.post(url, {"mentor": "", "jenis": "BIMBINGAN", "tujuan": "x"})
    assert r.status_code == 200 and "harus punya mentor" in r.content.decode()
    assert not RencanaBimbingan.objects.exists()
    r = c.post(url, {"mentor": org.pegawai["kasi1"].pk, "jenis": "BIMBINGAN", "tujuan": "Naik"})
    plan = RencanaBimbingan.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("talent:coaching_detail", args=[plan.pk])


def test_create_refused_for_self_and_hidden_for_strangers(org: Any) -> None:
    url = reverse("talent:coaching_create", args=[org.pegawai["staf1a"].pk])
    r = _c(org, "staf1a").post(url, {"mentor": org.pegawai["kasi1"].pk, "jenis": "BIMBINGAN"})
    assert r.status_code == 200 and "diri Anda sendiri" in r.content.decode()
    assert _c(org, "kadiskominfo").get(url).status_code == 404
    assert not RencanaBimbingan.objects.exists()


def test_plan_page_meetings_actions_htmx_and_close(org: Any) -> None:
    plan = _plan(org)
    c = _c(org, "kasi1")
    detail = reverse("talent:coaching_detail", args=[plan.pk])
    r = c.get(detail)
    assert r.status_code == 200 and "Target tercapai" in r.content.decode()
    r = c.post(
        reverse("talent:coaching_meeting", args=[plan.pk]),
        {"tanggal": TODAY.isoformat(), "catatan": "Membahas target"},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 200 and 'id="pertemuan"' in r.content.decode() and "Membahas target" in r.content.decode()
    r = c.post(
        reverse("talent:coaching_action", args=[plan.pk]),
        {"uraian": "Jadwal mingguan", "batas": (TODAY + dt.timedelta(days=7)).isoformat()},
    )
    assert r.status_code == 302
    t = TindakanBimbingan.objects.get()
    r = c.post(reverse("talent:coaching_meeting", args=[plan.pk]), {"tanggal": "", "catatan": ""})
    assert r.status_code == 200 and PertemuanBimbingan.objects.count() == 1  # the page with the errors
    r = _c(org, "staf1a").post(
        reverse("talent:coaching_action_done", args=[plan.pk, t.pk]), {"selesai": "1"}, HTTP_HX_REQUEST="true"
    )
    assert r.status_code == 200
    t.refresh_from_db()
    assert t.selesai
    r = c.get(reverse("talent:coaching_edit", args=[plan.pk]))
    assert r.status_code == 200
    r = c.post(
        reverse("talent:coaching_edit", args=[plan.pk]),
        {"mentor": org.pegawai["kasi1"].pk, "jenis": "KONSELING", "tujuan": "Baru", "tanggal_tindak_lanjut": ""},
    )
    assert r.status_code == 302
    plan.refresh_from_db()
    assert plan.jenis == "KONSELING" and plan.tujuan == "Baru"
    r = c.post(reverse("talent:coaching_close", args=[plan.pk]), {"hasil": "", "catatan_hasil": ""})
    assert r.status_code == 200
    r = c.post(reverse("talent:coaching_close", args=[plan.pk]), {"hasil": "MEMBAIK", "catatan_hasil": "Bagus"})
    assert r.status_code == 302
    plan.refresh_from_db()
    assert plan.status == StatusBimbingan.SELESAI


def test_person_cannot_edit_and_strangers_get_404(org: Any) -> None:
    plan = _plan(org)
    me = _c(org, "staf1a")
    assert me.get(reverse("talent:coaching_edit", args=[plan.pk])).status_code == 403
    me.post(reverse("talent:coaching_meeting", args=[plan.pk]), {"tanggal": TODAY.isoformat(), "catatan": "x"})
    assert not PertemuanBimbingan.objects.exists()
    stranger = _c(org, "staf1b")
    for name in ("coaching_detail", "coaching_edit"):
        assert stranger.get(reverse(f"talent:{name}", args=[plan.pk])).status_code == 404
    for name in ("coaching_meeting", "coaching_action", "coaching_close"):
        assert stranger.post(reverse(f"talent:{name}", args=[plan.pk]), {}).status_code == 404
    assert stranger.post(reverse("talent:coaching_action_done", args=[plan.pk, 1]), {}).status_code == 404


def test_employee_page_is_encouraging(org: Any) -> None:
    me = _c(org, "staf1a")
    r = me.get(reverse("talent:coaching_mine"))
    assert r.status_code == 200 and "Rencana dukungan kinerja Anda" in r.content.decode()
    h.annual(org.pegawai["staf1a"], TODAY.year, "Butuh Perbaikan")
    plan = _plan(org)
    services.tindakan_add(actor=org.actor("kasi1"), rencana=plan, uraian="Ikut e-learning data", batas=TODAY)
    for url in (reverse("talent:coaching_mine"), reverse("talent:coaching_detail", args=[plan.pk])):
        text = _text(me.get(url).content)
        assert "Rencana dukungan kinerja Anda" in text
        assert "membantu" in text and org.pegawai["kasi1"].nama in text and "Ikut e-learning data" in text
        lowered = text.lower()
        for scary in ("sanksi", "hukuman", "pelanggaran", "peringatan keras"):
            assert scary not in lowered


def test_team_list_with_early_warning_and_all_list_with_excel(org: Any) -> None:
    plan = _plan(org)
    r = _c(org, "kasi1").get(reverse("talent:coaching_list"))
    assert r.status_code == 200 and 'data-testid="perlu-perhatian"' in r.content.decode()
    assert reverse("talent:coaching_detail", args=[plan.pk]) in r.content.decode()
    assert plan.pegawai.nama not in _c(org, "kabid2").get(reverse("talent:coaching_list")).content.decode()
    h.annual(org.pegawai["sekda"], TODAY.year, "Butuh Perbaikan")
    admin = _c(org, "admin")
    r = admin.get(reverse("talent:coaching_all"), {"status": "AKTIF", "q": "Dodi", "opd": org.units["dik"].pk})
    body = r.content.decode()
    assert r.status_code == 200 and plan.pegawai.nama in body and 'data-testid="tanpa-mentor"' not in body
    body = admin.get(reverse("talent:coaching_all")).content.decode()
    assert 'data-testid="tanpa-mentor"' in body and org.pegawai["sekda"].nama in body
    assert "Dodi" not in admin.get(reverse("talent:coaching_all"), {"status": "SELESAI"}).content.decode()
    r = admin.get(reverse("talent:coaching_xlsx"))
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert plan.pegawai.nama not in _c(org, "staf1b").get(reverse("talent:coaching_all")).content.decode()


def _count(c: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert c.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_queries_do_not_grow(org: Any) -> None:
    _plan(org, "staf1a")
    _plan(org, "staf1b")
    kasi, admin = _c(org, "kasi1"), _c(org, "admin")
    urls = [(kasi, reverse("talent:coaching_list")), (admin, reverse("talent:coaching_all"))]
    small = [_count(c, u) for c, u in urls]
    for i in range(20):
        p = org.add_pegawai(f"cq{i}", "staf1", user=False)
        services.bimbingan_create(actor=org.actor("admin"), pegawai=p, mentor=org.pegawai["kasi1"])
    assert [_count(c, u) for c, u in urls] == small


# ---------------------------------------------------------------------------- API
def test_api_flow(org: Any) -> None:
    boss = _c(org, "kasi1")
    r = _post(boss, API, {"pegawai_id": org.pegawai["staf1a"].pk})
    assert r.status_code == 409 and "harus punya mentor" in r.json()["errors"]["mentor"][0]
    r = _post(boss, API, {"pegawai_id": org.pegawai["staf1a"].pk, "mentor_id": org.pegawai["kasi1"].pk})
    assert r.status_code == 201, r.content
    rid = r.json()["id"]
    assert r.json()["mentor"]["id"] == org.pegawai["kasi1"].pk
    r = boss.patch(f"{API}/{rid}", data=json.dumps({"tujuan": "Target"}), content_type="application/json")
    assert r.status_code == 200 and r.json()["tujuan"] == "Target"
    r = _post(boss, f"{API}/{rid}/pertemuan", {"tanggal": TODAY.isoformat(), "catatan": "Pertama"})
    assert r.status_code == 201
    r = _post(boss, f"{API}/{rid}/tindakan", {"uraian": "Langkah", "batas": TODAY.isoformat()})
    assert r.status_code == 201
    tid = r.json()["id"]
    me = _c(org, "staf1a")
    assert _post(me, f"{API}/{rid}/pertemuan", {"tanggal": TODAY.isoformat(), "catatan": "x"}).status_code == 403
    r = _post(me, f"{API}/{rid}/tindakan/{tid}/selesai", {"selesai": True})
    assert r.status_code == 200 and r.json()["selesai"] is True
    r = me.get(f"{API}/{rid}")
    assert r.status_code == 200 and len(r.json()["pertemuan"]) == 1 and len(r.json()["tindakan"]) == 1
    assert _c(org, "staf1b").get(f"{API}/{rid}").status_code == 404
    r = boss.get(API, {"tim": "true", "status": "AKTIF"})
    assert r.status_code == 200 and r.json()["count"] == 1
    assert _c(org, "staf1b").get(API).json()["count"] == 0
    assert _post(me, f"{API}/{rid}/tutup", {"hasil": "MEMBAIK", "catatan_hasil": "x"}).status_code == 403
    r = _post(boss, f"{API}/{rid}/tutup", {"hasil": "MEMBAIK", "catatan_hasil": "Tercapai"})
    assert r.status_code == 200 and r.json()["status"] == "SELESAI"
    r = _post(boss, f"{API}/{rid}/tindakan", {"uraian": "Lagi", "batas": TODAY.isoformat()})
    assert r.status_code == 409


def test_api_self_refused_and_early_warning(org: Any) -> None:
    me = _c(org, "staf1a")
    r = _post(me, API, {"pegawai_id": org.pegawai["staf1a"].pk, "mentor_id": org.pegawai["kasi1"].pk})
    assert r.status_code == 403
    assert _post(me, API, {"pegawai_id": org.pegawai["staf1a"].pk, "mentor_id": 999999}).status_code in (403, 404)
    r = _c(org, "kasi1").get(f"{API}/peringatan-dini")
    assert r.status_code == 200 and isinstance(r.json(), list)
    assert _c(org, "kasi1").get(f"{API}/0").status_code == 422


def test_home_shows_the_employee_their_support_plan(org: Any) -> None:
    me = _c(org, "staf1a")
    assert 'data-testid="home-dukungan-saya"' not in me.get("/").content.decode()
    plan = _plan(org)
    services.tindakan_add(actor=org.actor("kasi1"), rencana=plan, uraian="Langkah pertama", batas=TODAY)
    body = me.get("/").content.decode()
    assert 'data-testid="home-dukungan-saya"' in body and "Langkah pertama" in body and "sanksi" not in body.lower()
    assert 'data-testid="home-dukungan-saya"' not in _c(org, "staf1b").get("/").content.decode()


def test_home_reminds_the_mentor_of_due_follow_ups(org: Any) -> None:
    boss = _c(org, "kasi1")
    assert 'data-testid="home-tindak-lanjut-bimbingan"' not in boss.get("/").content.decode()
    services.bimbingan_create(
        actor=org.actor("admin"),
        pegawai=org.pegawai["staf1a"],
        mentor=org.pegawai["kasi1"],
        tanggal_tindak_lanjut=TODAY + dt.timedelta(days=3),
    )
    body = boss.get("/").content.decode()
    assert 'data-testid="home-tindak-lanjut-bimbingan"' in body and org.pegawai["staf1a"].nama in body
    assert 'data-testid="home-tindak-lanjut-bimbingan"' not in _c(org, "kabid2").get("/").content.decode()


def test_plan_page_queries_do_not_grow_with_meetings_and_actions(org: Any) -> None:
    plan = _plan(org)
    coach = org.actor("kasi1")
    services.pertemuan_add(actor=coach, rencana=plan, tanggal=TODAY, catatan="Satu")
    services.tindakan_add(actor=coach, rencana=plan, uraian="Satu", batas=TODAY)
    urls = [
        (_c(org, "kasi1"), reverse("talent:coaching_detail", args=[plan.pk])),
        (_c(org, "staf1a"), reverse("talent:coaching_mine")),
    ]
    small = [_count(c, u) for c, u in urls]
    for i in range(15):
        services.pertemuan_add(actor=coach, rencana=plan, tanggal=TODAY, catatan=f"Catatan {i}")
        services.tindakan_add(actor=coach, rencana=plan, uraian=f"Tindakan {i}", batas=TODAY)
    assert [_count(c, u) for c, u in urls] == small


def test_api_refuses_a_mentor_from_another_agency_next_to_the_field(org: Any) -> None:
    r = _post(
        _c(org, "kasi1"),
        API,
        {"pegawai_id": org.pegawai["staf1a"].pk, "mentor_id": org.pegawai["kadiskominfo"].pk},
    )
    assert r.status_code == 409 and "perangkat daerah yang sama" in r.json()["errors"]["mentor"][0]
    assert not RencanaBimbingan.objects.exists()
