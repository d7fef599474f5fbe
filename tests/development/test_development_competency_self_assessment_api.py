"""The competency self-assessment over the API (issue #11 item 2): the employee proposes their own
level, sees their proposals; the superior sees what waits for them and agrees (the level is recorded)
or refuses (with a note); nobody else decides, hidden proposals are 404, garbage is 4xx."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from karier.development.models import Kompetensi, PenilaianKompetensi, StatusUsulan, UsulanPenilaianMandiri
from tests.orgdata import build_org

pytestmark = pytest.mark.django_db

BASE = "/api/v1/pengembangan/kompetensi/mandiri"


def _c(org: Any, key: str) -> Client:
    c = Client()
    c.force_login(org.users[key])
    return c


def _m(kode: str = "M.3") -> int:
    return Kompetensi.objects.get(kode=kode).pk


def _propose(org: Any, key: str = "staf1a", kode: str = "M.3", level: int = 3) -> Any:
    return _c(org, key).post(
        BASE,
        {"kompetensi_id": _m(kode), "level": level, "alasan": "Memandu rapat unit."},
        content_type="application/json",
    )


def test_employee_proposes_and_the_superior_agrees(org: Any) -> None:
    r = _propose(org)
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["status"] == "DIUSULKAN" and body["level"] == 3 and body["pegawai_id"] == org.pegawai["staf1a"].pk
    mine = _c(org, "staf1a").get(f"{BASE}/saya").json()
    assert mine["count"] == 1 and mine["items"][0]["id"] == body["id"]
    waiting = _c(org, "kasi1").get(f"{BASE}/menunggu").json()
    assert [u["id"] for u in waiting["items"]] == [body["id"]]
    assert _c(org, "kabid1").get(f"{BASE}/menunggu").json()["count"] == 0  # the superior's superior does not decide
    assert _c(org, "staf1a").get(f"{BASE}/menunggu").json()["count"] == 0
    done = _c(org, "kasi1").post(f"{BASE}/{body['id']}/putusan", {"setuju": True}, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "DISETUJUI" and done.json()["penilaian_id"]
    assert PenilaianKompetensi.objects.get().sumber == "MANDIRI_DISETUJUI"
    assert _c(org, "kasi1").get(f"{BASE}/menunggu").json()["count"] == 0
    again = _c(org, "kasi1").post(f"{BASE}/{body['id']}/putusan", {"setuju": True}, content_type="application/json")
    assert again.status_code == 409 and "sudah diputuskan" in again.content.decode()


def test_refusal_needs_a_note(org: Any) -> None:
    pk = _propose(org).json()["id"]
    url = f"{BASE}/{pk}/putusan"
    r = _c(org, "kasi1").post(url, {"setuju": False}, content_type="application/json")
    assert r.status_code == 409 and "alasan penolakan" in r.content.decode()
    r = _c(org, "kasi1").post(url, {"setuju": False, "catatan": "Tunjukkan di rapat."}, content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "DITOLAK" and r.json()["catatan_atasan"]
    assert not PenilaianKompetensi.objects.exists()


@pytest.mark.parametrize(
    ("key", "status"),
    [("staf1a", 403), ("staf1b", 404), ("kabid1", 403), ("admin", 403), ("auditor", 403), ("staf2", 404)],
)
def test_only_the_superior_decides(org: Any, key: str, status: int) -> None:
    pk = _propose(org).json()["id"]
    r = _c(org, key).post(f"{BASE}/{pk}/putusan", {"setuju": True}, content_type="application/json")
    assert r.status_code == status, (key, r.content)
    assert UsulanPenilaianMandiri.objects.get().status == StatusUsulan.DIUSULKAN


def test_one_open_proposal_per_competency_and_bad_input(org: Any) -> None:
    assert _propose(org).status_code == 201
    assert _propose(org).status_code == 409
    assert _propose(org, kode="M.1", level=6).status_code == 422
    bad = _c(org, "staf1a").post(BASE, {"kompetensi_id": 999999, "level": 2}, content_type="application/json")
    assert bad.status_code == 409 and "tidak dikenal" in bad.content.decode()
    assert _c(org, "staf1a").post(BASE, "[1]", content_type="application/json").status_code == 422
    assert (
        _c(org, "staf1a").post(BASE, {"kompetensi_id": True, "level": 2}, content_type="application/json").status_code
        == 422
    )
    assert _c(org, "admin").post(
        f"{BASE}/{0}/putusan", {"setuju": True}, content_type="application/json"
    ).status_code in (404, 422)
    # No employee behind the account (an auditor, a guest): nothing to propose, nothing of their own.
    assert _propose(org, "auditor").status_code == 403
    assert _c(org, "unlinked").get(f"{BASE}/saya").json()["count"] == 0
    assert Client().get(f"{BASE}/saya").status_code == 401


def test_waiting_list_queries_do_not_grow_with_the_team() -> None:
    org = build_org(extra_staff=12)
    m3 = Kompetensi.objects.get(kode="M.3")
    c = _c(org, "kasi1")

    def measure(keys: list[str]) -> tuple[int, int]:
        for k in keys:  # the proposals as the service leaves them (extra staff have no account to propose)
            UsulanPenilaianMandiri.objects.create(pegawai=org.pegawai[k], kompetensi=m3, level=2)
        c.get(f"{BASE}/menunggu")
        with CaptureQueriesContext(connection) as ctx:
            r = c.get(f"{BASE}/menunggu")
        assert r.status_code == 200
        return r.json()["count"], len(ctx.captured_queries)

    n_small, small = measure(["staf1a"])
    n_large, large = measure(["staf1b"] + [f"extra{i}" for i in range(10)])
    assert (n_small, n_large) == (1, 12)
    assert large == small
