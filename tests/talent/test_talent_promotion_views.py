"""Promotion screens and API (issue #12 §2, §9): the BKD list per promotion date with filters, each
reason, Excel and "Usulkan"; what each role sees (BKD all, agency head her agency read-only, superior
the team, employee herself, auditor all read-only, hidden → 404); the proposal's actions with their
refusals shown and nothing written; fixed query counts at two sizes."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from karier.people.models import Pegawai, RiwayatGolongan
from karier.talent.models import KelayakanPangkat, StatusUsulanPangkat, UsulanKenaikanPangkat
from karier.talent.promotion import services
from karier.talent.promotion.compute import recompute_kelayakan
from tests.orgdata import Org, build_org
from tests.talent.talent_promotion_helpers import bkd_with_record, everyone_eligible, give_predikat, next_tmt

pytestmark = pytest.mark.django_db
LIST = "/karier/kenaikan-pangkat/"
API = "/api/v1/karier/kenaikan-pangkat"


def _ready(org: Org) -> None:
    everyone_eligible(org)
    recompute_kelayakan(list(Pegawai.objects.values_list("pk", flat=True)), timezone.localdate())


def _client(org: Org, key: str) -> Client:
    c = Client()
    c.force_login(org.users[key])
    return c


def _names(html: str, org: Org) -> set[str]:
    return {k for k in ("staf1a", "staf1b", "kasi1", "staf2", "pranata") if f">{org.pegawai[k].nama_lengkap}<" in html}


def test_anonymous_goes_to_login(org: Org) -> None:
    for url in (LIST, f"{LIST}usulan/", f"{LIST}pegawai/{org.pegawai['staf1a'].pk}/"):
        r = Client().get(url)
        assert r.status_code == 302 and "next=" in r["Location"]
    assert Client().get(API).status_code == 401


def test_bkd_list_for_a_date_with_reasons_and_propose(org: Org) -> None:
    _ready(org)
    c = _client(org, "admin")
    html = c.get(f"{LIST}?layak=layak").content.decode()
    assert {"staf1a", "staf1b"} <= _names(html, org)
    assert "kasi1" not in _names(html, org)  # beyond the education maximum
    assert "Usulkan" in html
    html = c.get(f"{LIST}?layak=belum").content.decode()
    assert "kasi1" in _names(html, org) and "pendidikan S1 adalah III/d" in html
    kominfo = org.units["kominfo"].pk
    html = c.get(f"{LIST}?layak=semua&opd={kominfo}").content.decode()
    assert _names(html, org) == {"pranata"}
    r = c.post(f"{LIST}usul/", {"pegawai_id": org.pegawai["staf1a"].pk, "tmt": next_tmt().isoformat()})
    u = UsulanKenaikanPangkat.objects.get(pegawai=org.pegawai["staf1a"])
    assert r.status_code == 302 and r["Location"].endswith(f"/usulan/{u.pk}/")
    html = c.get(f"{LIST}?layak=layak").content.decode()
    assert "Diusulkan" in html


def test_propose_refusal_is_shown_and_nothing_written(org: Org) -> None:
    _ready(org)
    c = _client(org, "admin")
    r = c.post(f"{LIST}usul/", {"pegawai_id": org.pegawai["kasi1"].pk, "tmt": next_tmt().isoformat()}, follow=True)
    assert "pendidikan S1 adalah III/d" in r.content.decode()
    r = c.post(
        f"{LIST}usul/", {"pegawai_id": org.pegawai["staf1a"].pk, "tmt": (next_tmt() + dt.timedelta(days=2)).isoformat()}
    )
    assert r.status_code == 302
    assert not UsulanKenaikanPangkat.objects.exists()


@pytest.mark.parametrize(
    ("who", "seen", "buttons"),
    [
        ("kadis", {"staf1a", "staf1b", "kasi1", "staf2"}, False),  # agency head: her agency, read-only
        ("kasi1", {"staf1a", "staf1b", "kasi1"}, False),  # superior: the team and herself
        ("staf1a", {"staf1a"}, False),  # employee: herself
        ("auditor", {"staf1a", "staf1b", "kasi1", "staf2", "pranata"}, False),  # reads all
        ("admin", {"staf1a", "staf1b", "kasi1", "staf2", "pranata"}, True),
    ],
)
def test_each_role_sees_its_list(org: Org, who: str, seen: set[str], buttons: bool) -> None:
    _ready(org)
    html = _client(org, who).get(f"{LIST}?layak=semua").content.decode()
    assert _names(html, org) == seen
    assert ("Usulkan</button>" in html) is buttons
    api = json.loads(_client(org, who).get(f"{API}?layak=semua&limit=200").content)
    listed = {i["pegawai_id"] for i in api["items"]}
    for k in ("staf1a", "staf1b", "kasi1", "staf2", "pranata"):
        assert (org.pegawai[k].pk in listed) is (k in seen), k


@pytest.mark.parametrize("who", ["kadis", "kasi1", "staf1b", "auditor"])
def test_only_bkd_may_propose(org: Org, who: str) -> None:
    _ready(org)
    expected = 404 if who == "staf1b" else 403  # a colleague does not even see the person
    r = _client(org, who).post(f"{LIST}usul/", {"pegawai_id": org.pegawai["staf1a"].pk, "tmt": next_tmt().isoformat()})
    assert r.status_code == expected
    r = _client(org, who).post(
        f"{API}/usulan", {"pegawai_id": org.pegawai["staf1a"].pk, "tmt": next_tmt().isoformat()}, "application/json"
    )
    assert r.status_code == expected
    assert not UsulanKenaikanPangkat.objects.exists()


def test_self_is_refused(org: Org) -> None:
    _ready(org)
    bkd_with_record(org, "staf2")
    c = _client(org, "staf2")
    html = c.get(f"{LIST}?layak=semua").content.decode()
    assert "Usulkan</button>" in html  # for others
    r = c.post(f"{LIST}usul/", {"pegawai_id": org.pegawai["staf2"].pk, "tmt": next_tmt().isoformat()})
    assert r.status_code == 403 and "diri Anda sendiri" in r.content.decode()
    assert not UsulanKenaikanPangkat.objects.exists()


def test_hidden_person_and_proposal_are_404(org: Org) -> None:
    _ready(org)
    u = services.usulan_create(actor=org.actor("admin"), pegawai=org.pegawai["staf2"], tmt=next_tmt())
    c = _client(org, "staf1a")
    assert c.get(f"{LIST}pegawai/{org.pegawai['staf2'].pk}/").status_code == 404
    assert c.get(f"{LIST}usulan/{u.pk}/").status_code == 404
    assert c.get(f"{API}/pegawai/{org.pegawai['staf2'].pk}").status_code == 404
    assert c.get(f"{API}/usulan/{u.pk}").status_code == 404
    assert c.post(f"{LIST}usulan/{u.pk}/verifikasi/").status_code == 404
    own = c.get(f"{LIST}pegawai/{org.pegawai['staf1a'].pk}/")
    assert own.status_code == 200 and "Memenuhi syarat sekarang" in own.content.decode()
    assert "Usulkan kenaikan pangkat" not in own.content.decode()


def test_person_summary_shows_reasons_and_open_proposal(org: Org) -> None:
    _ready(org)
    c = _client(org, "admin")
    html = c.get(f"{LIST}pegawai/{org.pegawai['kasi1'].pk}/").content.decode()
    assert "pendidikan S1 adalah III/d" in html and "Belum memenuhi syarat" in html
    services.usulan_create(actor=org.actor("admin"), pegawai=org.pegawai["staf1a"], tmt=next_tmt())
    html = c.get(f"{LIST}pegawai/{org.pegawai['staf1a'].pk}/").content.decode()
    assert "Diusulkan" in html and "Usulkan kenaikan pangkat" not in html
    data = json.loads(c.get(f"{API}/pegawai/{org.pegawai['staf1a'].pk}").content)
    assert data["layak"] is True and data["golongan_berikut"] == "II/d" and data["usulan_terbuka_id"]


def test_workflow_screens_show_refusals_and_write_nothing(org: Org) -> None:
    _ready(org)
    u = services.usulan_create(actor=org.actor("admin"), pegawai=org.pegawai["staf1a"], tmt=next_tmt())
    c = _client(org, "admin")
    detail = f"{LIST}usulan/{u.pk}/"
    assert "Verifikasi usulan" in c.get(detail).content.decode()
    assert "Verifikasi usulan" not in _client(org, "kadis").get(detail).content.decode()  # read-only
    assert c.post(f"{detail}verifikasi/", {"catatan": "Berkas lengkap"}).status_code == 302
    riwayat = RiwayatGolongan.objects.count()
    r = c.post(f"{detail}tetapkan/", {"nomor_sk": "", "tanggal_sk": timezone.localdate().isoformat()})
    assert r.status_code == 409 and "Nomor SK wajib diisi." in r.content.decode()
    Pegawai.objects.filter(pk=u.pegawai_id).update(tmt_golongan=timezone.localdate() - dt.timedelta(days=30))
    r = c.post(f"{detail}tetapkan/", {"nomor_sk": "800/1", "tanggal_sk": timezone.localdate().isoformat()})
    assert r.status_code == 409 and "belum 4 tahun" in r.content.decode()
    assert RiwayatGolongan.objects.count() == riwayat
    assert UsulanKenaikanPangkat.objects.get(pk=u.pk).status == StatusUsulanPangkat.DIVERIFIKASI
    Pegawai.objects.filter(pk=u.pegawai_id).update(tmt_golongan=dt.date(2020, 1, 2))
    r = c.post(f"{detail}tetapkan/", {"nomor_sk": "800/1", "tanggal_sk": timezone.localdate().isoformat()})
    assert r.status_code == 302
    html = c.get(detail).content.decode()
    assert "Ditetapkan" in html and "800/1" in html and "Diverifikasi" in html  # the history
    assert RiwayatGolongan.objects.count() == riwayat + 1
    html = c.get(f"{LIST}usulan/?status=DITETAPKAN").content.decode()
    assert org.pegawai["staf1a"].nama_lengkap in html


def test_reject_screen_needs_reason(org: Org) -> None:
    _ready(org)
    u = services.usulan_create(actor=org.actor("admin"), pegawai=org.pegawai["staf1a"], tmt=next_tmt())
    c = _client(org, "admin")
    r = c.post(f"{LIST}usulan/{u.pk}/tolak/", {"alasan": ""})
    assert r.status_code == 409 and "Alasan penolakan wajib diisi." in r.content.decode()
    assert c.post(f"{LIST}usulan/{u.pk}/tolak/", {"alasan": "Tidak lengkap"}).status_code == 302
    assert UsulanKenaikanPangkat.objects.get(pk=u.pk).status == StatusUsulanPangkat.DITOLAK


def test_api_workflow_and_bad_input(org: Org) -> None:
    _ready(org)
    c = _client(org, "admin")
    pid = org.pegawai["staf1a"].pk

    def post(url: str, body: dict[str, Any]) -> Any:
        return c.post(url, json.dumps(body), "application/json")

    r = post(f"{API}/usulan", {"pegawai_id": pid, "tmt": (next_tmt() + dt.timedelta(days=1)).isoformat()})
    assert r.status_code == 409 and "bukan tanggal kenaikan pangkat" in r.content.decode()
    r = post(f"{API}/usulan", {"pegawai_id": org.pegawai["kasi1"].pk, "tmt": next_tmt().isoformat()})
    assert r.status_code == 409 and "III/d" in r.content.decode()
    r = post(f"{API}/usulan", {"pegawai_id": pid, "tmt": next_tmt().isoformat()})
    assert r.status_code == 201
    uid = r.json()["id"]
    assert post(f"{API}/usulan/{uid}/tetapkan", {"nomor_sk": "1"}).status_code == 409  # not verified yet
    assert post(f"{API}/usulan/{uid}/verifikasi", {}).json()["status"] == "DIVERIFIKASI"
    r = post(f"{API}/usulan/{uid}/tetapkan", {"nomor_sk": "", "tanggal_sk": timezone.localdate().isoformat()})
    assert r.status_code == 409 and "nomor_sk" in r.json()["errors"]
    r = post(f"{API}/usulan/{uid}/tetapkan", {"nomor_sk": "800/2", "tanggal_sk": timezone.localdate().isoformat()})
    assert r.status_code == 200 and r.json()["status"] == "DITETAPKAN"
    listed = c.get(f"{API}/usulan?status=DITETAPKAN").json()
    assert [i["id"] for i in listed["items"]] == [uid]
    assert c.get(f"{API}/usulan/{uid}").json()["nomor_sk"] == "800/2"
    assert post(f"{API}/usulan/{uid}/tolak", {"alasan": "x"}).status_code == 409
    assert c.get(f"{API}?tmt=bukan-tanggal").status_code == 422
    assert c.get(f"{API}?tmt=2026-02-30").status_code == 409
    r = post(f"{API}/usulan", {"pegawai_id": pid, "tmt": "6414-10-01"})
    assert r.status_code == 409 and "2000" in r.content.decode()
    assert c.get(f"{API}/usulan/999999").status_code == 404


def test_excel_download(org: Org) -> None:
    _ready(org)
    r = _client(org, "admin").get(f"{LIST}excel/?layak=semua")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    import io

    from openpyxl import load_workbook

    from karier.core.excel import TANGGAL

    ws = load_workbook(io.BytesIO(r.content)).worksheets[0]
    rows = list(ws.iter_rows(min_row=3))
    assert len(rows) == KelayakanPangkat.objects.count()
    dates = [c for row in rows for c in row if isinstance(c.value, dt.datetime | dt.date)]
    assert dates and all(c.number_format == TANGGAL for c in dates)  # the TMT stays a date cell


def _measure(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["admin", "kadis", "kasi1"])
def test_list_queries_do_not_grow(db: None, who: str) -> None:
    org = build_org(extra_staff=2)
    everyone_eligible(org)
    ids = lambda: list(Pegawai.objects.values_list("pk", flat=True))  # noqa: E731
    recompute_kelayakan(ids(), timezone.localdate())
    services.usulan_create(actor=org.actor("admin"), pegawai=org.pegawai["staf1a"], tmt=next_tmt())
    c = _client(org, who)
    urls = [f"{LIST}?layak=semua", f"{LIST}?layak=layak", f"{LIST}usulan/", f"{API}?layak=semua"]
    small = [_measure(c, u) for u in urls]
    for i in range(2, 40):
        give_predikat(org.add_pegawai(f"extra{i}", "staf1", user=False))
    recompute_kelayakan(ids(), timezone.localdate())
    large = [_measure(c, u) for u in urls]
    assert small == large
    assert c.get(f"{LIST}?layak=semua").content.decode().count('data-testid="kp-row"') == 30  # a full page
