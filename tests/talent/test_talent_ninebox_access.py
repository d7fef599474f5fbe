"""Who sees and does what in the 9-box (issue #12 item 4), screens and API: BKD admins everything,
auditors read, an agency head their agency, a superior their subtree, a person their own
placement and sanctions; hidden is 404, visible-but-not-yours 403."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from karier.people.models import Pegawai
from karier.talent.models import AturanTalenta, HukumanDisiplin
from karier.talent.ninebox.compute import place
from tests.talent.talent_ninebox_helpers import SESUAI, jpm, rating, sanction, use_ruleset

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def placed(org: Any) -> dict[str, Any]:
    use_ruleset()
    for p in Pegawai.objects.all():
        rating(p, YEAR, SESUAI)
        jpm(p, 80)
    place(list(Pegawai.objects.values_list("pk", flat=True)), YEAR)
    h = sanction(org.pegawai["staf1b"], 4, dt.date(2025, 2, 1))
    return {"hukuman": h, "aturan": AturanTalenta.objects.get(kode="PERMENPANRB-3-2020", versi=1)}


def _c(org: Any, who: str | None) -> Client:
    c = Client()
    if who:
        c.force_login(org.users[who])
    return c


def _routes(org: Any, placed: dict[str, Any]) -> dict[str, str]:
    a, b, pranata = org.pegawai["staf1a"], org.pegawai["staf1b"], org.pegawai["pranata"]
    return {
        "grid": f"/karier/talenta/?tahun={YEAR}",
        "kotak": f"/karier/talenta/kotak/5/?tahun={YEAR}",
        "perpindahan": f"/karier/talenta/perpindahan/?tahun={YEAR}",
        "pegawai_a": f"/karier/talenta/pegawai/{a.pk}/",
        "pegawai_pranata": f"/karier/talenta/pegawai/{pranata.pk}/",
        "hukuman_list": "/karier/hukuman-disiplin/",
        "hukuman_baru": "/karier/hukuman-disiplin/baru/",
        "hukuman_ubah": f"/karier/hukuman-disiplin/{placed['hukuman'].pk}/ubah/",
        "hukuman_b": f"/karier/hukuman-disiplin/pegawai/{b.pk}/",
        "hukuman_a": f"/karier/hukuman-disiplin/pegawai/{a.pk}/",
        "aturan_list": "/karier/talenta/aturan/",
        "aturan_versi": f"/karier/talenta/aturan/{placed['aturan'].pk}/versi-baru/",
    }


EXPECTED = {
    #               grid kotak perp  peg_a peg_pr hk_l hk_baru hk_ubah hk_b hk_a at_l at_v
    "admin": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "auditor": (200, 200, 200, 200, 200, 200, 403, 403, 200, 200, 200, 403),
    "kadis": (200, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404, 404),
    "kabid1": (200, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404, 404),
    "staf1a": (404, 404, 404, 200, 404, 404, 404, 404, 404, 200, 404, 404),
    "staf1b": (404, 404, 404, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    "unlinked": (404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
}


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_screens_per_role(org: Any, placed: dict[str, Any], who: str) -> None:
    c = _c(org, who)
    got = tuple(c.get(url).status_code for url in _routes(org, placed).values())
    assert got == EXPECTED[who]


def test_anonymous_is_sent_to_login(org: Any, placed: dict[str, Any]) -> None:
    for url in _routes(org, placed).values():
        r = _c(org, None).get(url)
        assert r.status_code == 302 and "next=" in r["Location"]


def test_activate_is_bkd_only(org: Any, placed: dict[str, Any]) -> None:
    other = AturanTalenta.objects.get(kode="PERMENPANRB-20-2025")
    url = f"/karier/talenta/aturan/{other.pk}/aktifkan/"
    assert _c(org, "kadis").post(url).status_code == 404
    assert _c(org, "auditor").post(url).status_code == 403
    assert not AturanTalenta.objects.get(pk=other.pk).aktif
    assert _c(org, "admin").post(url).status_code == 302
    assert AturanTalenta.objects.get(pk=other.pk).aktif
    assert not AturanTalenta.objects.get(pk=placed["aturan"].pk).aktif  # same scope: only one active


def _api(c: Client, method: str, url: str, body: Any = None) -> Any:
    kw: dict[str, Any] = {}
    if body is not None:
        kw = {"data": json.dumps(body), "content_type": "application/json"}
    return getattr(c, method)(f"/api/v1/karier{url}", **kw)


def test_api_grid_is_filtered_by_visibility(org: Any, placed: dict[str, Any]) -> None:
    total = Pegawai.objects.count()
    dik = Pegawai.objects.filter(opd=org.units["dik"]).count()
    assert _api(_c(org, "admin"), "get", f"/talenta?tahun={YEAR}").json()["total"] == total
    assert _api(_c(org, "auditor"), "get", f"/talenta?tahun={YEAR}").json()["total"] == total
    head = _api(_c(org, "kadis"), "get", f"/talenta?tahun={YEAR}").json()
    assert head["total"] == dik < total
    kominfo = _api(_c(org, "kadis"), "get", f"/talenta?tahun={YEAR}&opd={org.units['kominfo'].pk}").json()
    assert kominfo["total"] == 0  # another agency's scope shows none of its people
    boss = _api(_c(org, "kasi1"), "get", f"/talenta?tahun={YEAR}").json()
    assert 0 < boss["total"] < dik
    assert _api(_c(org, "staf1a"), "get", f"/talenta?tahun={YEAR}").status_code == 404
    cell = _api(_c(org, "kadis"), "get", f"/talenta/kotak/5?tahun={YEAR}&limit=2").json()
    assert cell["count"] == dik and len(cell["items"]) == 2
    assert _api(_c(org, "admin"), "get", f"/talenta/kotak/10?tahun={YEAR}").status_code == 422
    assert _api(_c(org, "admin"), "get", f"/talenta?opd={10**12}").status_code == 404


def test_api_person_placement_and_history(org: Any, placed: dict[str, Any]) -> None:
    a, pranata = org.pegawai["staf1a"], org.pegawai["pranata"]
    r = _api(_c(org, "staf1a"), "get", f"/talenta/pegawai/{a.pk}").json()
    assert r["penempatan"]["kotak"] == 5 and r["riwayat"] == [
        {"tahun": YEAR, "kotak": 5, "nama_kotak": r["penempatan"]["nama_kotak"]}
    ]
    assert r["penempatan"]["masukan"]["predikat"][0]["tahun"] == YEAR
    assert _api(_c(org, "staf1a"), "get", f"/talenta/pegawai/{pranata.pk}").status_code == 404
    assert _api(_c(org, "kabid1"), "get", f"/talenta/pegawai/{a.pk}").status_code == 200
    assert _api(_c(org, "kadiskominfo"), "get", f"/talenta/pegawai/{a.pk}").status_code == 404
    moves = _api(_c(org, "admin"), "get", f"/talenta/perpindahan?tahun={YEAR}").json()
    assert moves["baru"] == Pegawai.objects.count() and len(moves["tabel"]) == 9


def test_api_sanctions(org: Any, placed: dict[str, Any]) -> None:
    b = org.pegawai["staf1b"]
    assert len(_api(_c(org, "staf1a"), "get", "/hukuman-disiplin/jenis").json()) == 21
    assert _api(_c(org, "admin"), "get", "/hukuman-disiplin?tingkat=S").json()["count"] == 1
    assert _api(_c(org, "staf1b"), "get", "/hukuman-disiplin").json()["count"] == 1  # their own
    assert _api(_c(org, "staf1a"), "get", "/hukuman-disiplin").json()["count"] == 0
    body = {
        "pegawai_id": b.pk,
        "jenis": 9,
        "nomor_sk": "800/9/2025",
        "tanggal_sk": "2025-05-01",
        "tmt_mulai": "2025-05-01",
    }
    assert _api(_c(org, "kabid1"), "post", "/hukuman-disiplin", body).status_code == 403
    assert _api(_c(org, "auditor"), "post", "/hukuman-disiplin", body).status_code == 403
    assert _api(_c(org, "kadiskominfo"), "post", "/hukuman-disiplin", body).status_code == 404
    r = _api(_c(org, "admin"), "post", "/hukuman-disiplin", body)
    assert r.status_code == 201 and r.json()["tingkat"] == "B"
    bad = dict(body, nomor_sk=" ", tmt_selesai="2025-01-01")
    r = _api(_c(org, "admin"), "post", "/hukuman-disiplin", bad)
    assert r.status_code == 409 and set(r.json()["errors"]) >= {"nomor_sk", "tmt_selesai"}
    assert HukumanDisiplin.objects.filter(pegawai=b).count() == 2
    h = placed["hukuman"]
    upd = {"jenis": 1, "nomor_sk": "800/1/2025", "tanggal_sk": "2025-02-01", "tmt_mulai": "2025-02-01"}
    assert _api(_c(org, "staf1b"), "put", f"/hukuman-disiplin/{h.pk}", upd).status_code == 404
    assert _api(_c(org, "auditor"), "put", f"/hukuman-disiplin/{h.pk}", upd).status_code == 403
    r = _api(_c(org, "admin"), "put", f"/hukuman-disiplin/{h.pk}", upd)
    assert r.status_code == 200 and r.json()["tingkat"] == "R"


def test_api_rule_sets(org: Any, placed: dict[str, Any]) -> None:
    base = placed["aturan"]
    assert _api(_c(org, "kadis"), "get", "/talenta/aturan").status_code == 404
    assert len(_api(_c(org, "auditor"), "get", "/talenta/aturan").json()) == AturanTalenta.objects.count()
    body = {
        "nama": "Aturan Dinas Pendidikan",
        "regulasi": "PermenPANRB 3/2020",
        "metode_kinerja": "terakhir",
        "batas_tinggi": "88",
        "batas_menengah": "75",
        "bobot": {},
        "berlaku_mulai": "2026-01-01",
        "opd_id": org.units["dik"].pk,
    }
    assert _api(_c(org, "auditor"), "post", f"/talenta/aturan/{base.pk}/versi", body).status_code == 403
    r = _api(_c(org, "admin"), "post", f"/talenta/aturan/{base.pk}/versi", body)
    assert r.status_code == 201 and r.json()["versi"] == 2 and r.json()["aktif"] is False
    new = r.json()["id"]
    r = _api(_c(org, "admin"), "post", f"/talenta/aturan/{new}/aktifkan")
    assert r.status_code == 200 and r.json()["aktif"]
    assert AturanTalenta.objects.get(pk=base.pk).aktif  # the general one stays active
    bad = dict(body, batas_menengah="90")
    r = _api(_c(org, "admin"), "post", f"/talenta/aturan/{base.pk}/versi", bad)
    assert r.status_code == 409 and "batas_menengah" in r.json()["errors"]


def test_the_sanctions_checked_are_shown_only_to_who_sees_sanctions(org: Any, placed: dict[str, Any]) -> None:
    """A superior sees the placement and whether a sanction excluded, never the sanctions themselves
    (not their kind, not their decree, not a light one); the person, the BKD and auditors do."""
    b = org.pegawai["staf1b"]
    light = sanction(b, 2, dt.date(2025, 3, 1))  # teguran tertulis: checked, does not exclude
    place([b.pk], YEAR)
    page, api = f"/karier/talenta/pegawai/{b.pk}/?tahun={YEAR}", f"/talenta/pegawai/{b.pk}?tahun={YEAR}"
    for who in ("admin", "auditor", "staf1b"):
        html = _c(org, who).get(page).content.decode()
        assert 'data-testid="masukan-hukuman"' in html and "TEGURAN TERTULIS" in html
        checked = _api(_c(org, who), "get", api).json()["penempatan"]["masukan"]["hukuman"]
        assert {h["nomor_sk"] for h in checked} == {placed["hukuman"].nomor_sk, light.nomor_sk}
    for who in ("kabid1", "kasi1"):
        r = _c(org, who).get(page)
        html = r.content.decode()
        assert r.status_code == 200 and 'data-testid="penjelasan"' in html
        assert 'data-testid="masukan-hukuman"' not in html and "TEGURAN TERTULIS" not in html
        assert "Tidak masuk kelompok talenta" in html  # the check itself is explained
        masukan = _api(_c(org, who), "get", api).json()["penempatan"]["masukan"]
        assert "hukuman" not in masukan and masukan["predikat"]
