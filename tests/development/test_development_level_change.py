"""Level changes from completed activities (issue #11 §7): a completion opens a proposal only when
the activity states a higher level than the person's; the superior confirms (the level is recorded
with the KEGIATAN source and the enrolment that caused it) or declines with a note; nobody decides
their own; never beyond the activity's level, never lower. The queue (screen, home card, API) runs a
fixed number of queries for any team."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from karier.core.models import AuditEvent
from karier.development.catalogue import enrolment
from karier.development.competency.selectors import current_levels
from karier.development.competency.services import penilaian_record
from karier.development.models import (
    Kompetensi,
    Pendaftaran,
    PenilaianKompetensi,
    StatusPendaftaran,
    StatusUsulanLevel,
    SumberPenilaian,
    UsulanKenaikanLevel,
)
from karier.development.outcomes import level_access, level_change
from tests.development.catalogue_helpers import kegiatan, past, pdf, sesi
from tests.orgdata import build_org

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _komp(kode: str = "T-DATA") -> Kompetensi:
    return Kompetensi.objects.create(kode=kode, nama=f"Analisis data {kode}", jenis="TEKNIS")


def _complete(org: Any, key: str, levels: dict[int, int], kode: str = "K-LVL") -> Pendaftaran:
    """`key` completes an activity developing `levels` (competency id → up to level)."""
    admin = org.actor("admin")
    s = sesi(admin, kegiatan(admin, kode=kode, kompetensi=levels), kapasitas=40)
    row = enrolment.pendaftaran_create(actor=admin, sesi=s, pegawai=org.pegawai[key])
    past(s)
    enrolment.kehadiran_record(actor=admin, sesi=s, hadir={row.pk: True})
    row.refresh_from_db()
    return enrolment.pendaftaran_complete(actor=org.actor(key), pendaftaran=row, sertifikat=pdf())


def _assess(org: Any, key: str, komp: Kompetensi, level: int) -> None:
    penilaian_record(
        actor=org.actor("admin"),
        pegawai=org.pegawai[key],
        kompetensi=komp,
        level=level,
        tanggal=TODAY - dt.timedelta(days=30),
        sumber=SumberPenilaian.ASSESSMENT_CENTER,
    )


def test_completion_proposes_the_stated_level_only_where_it_is_higher(org: Any) -> None:
    low, high, never = _komp("T-A"), _komp("T-B"), _komp("T-C")
    _assess(org, "staf1a", low, 2)
    _assess(org, "staf1a", high, 4)
    done = _complete(org, "staf1a", {low.pk: 3, high.pk: 3, never.pk: 2})
    got = {(u.kompetensi_id, u.level_awal, u.level_usulan) for u in UsulanKenaikanLevel.objects.all()}
    assert got == {(low.pk, 2, 3), (never.pk, None, 2)}  # 4 ≥ 3: nothing to raise
    assert set(UsulanKenaikanLevel.objects.values_list("pendaftaran_id", flat=True)) == {done.pk}
    assert AuditEvent.objects.filter(action="kompetensi.kenaikan_level_usul").count() == 2
    assert current_levels([org.pegawai["staf1a"].pk])[org.pegawai["staf1a"].pk][low.pk] == 2  # not yet
    # Proposing again for the same enrolment (a re-run) adds nothing.
    assert level_change.propose_for(done, actor=org.actor("admin")) == []


def test_an_activity_without_stated_levels_proposes_nothing(org: Any) -> None:
    _complete(org, "staf1a", {})
    assert not UsulanKenaikanLevel.objects.exists()


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("staf1a", "sendiri"),  # the person themself
        ("staf1b", "atasan langsung"),  # a colleague
        ("kabid1", "atasan langsung"),  # the superior's superior: not the appraiser
        ("admin", "atasan langsung"),  # a BKD admin is not the superior
        ("auditor", "atasan langsung"),  # reads only
    ],
)
def test_only_the_superior_decides(org: Any, key: str, reason: str) -> None:
    komp = _komp()
    _complete(org, "staf1a", {komp.pk: 3})
    usulan = UsulanKenaikanLevel.objects.get()
    with pytest.raises(PermissionDenied, match=reason):
        level_change.usulan_level_decide(actor=org.actor(key), usulan=usulan, setuju=True)
    assert not PenilaianKompetensi.objects.filter(sumber=SumberPenilaian.KEGIATAN).exists()


def test_the_superior_confirms_and_the_level_records_the_activity(org: Any) -> None:
    komp = _komp()
    _assess(org, "staf1a", komp, 1)
    done = _complete(org, "staf1a", {komp.pk: 3})
    usulan = UsulanKenaikanLevel.objects.get()
    level_change.usulan_level_decide(actor=org.actor("kasi1"), usulan=usulan, setuju=True, catatan="Terlihat")
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulanLevel.DIKONFIRMASI
    p = usulan.penilaian
    assert p is not None
    assert (p.level, p.sumber, p.pendaftaran_id, p.tanggal) == (3, SumberPenilaian.KEGIATAN, done.pk, TODAY)
    assert p.dicatat_oleh_id == org.users["kasi1"].pk
    assert current_levels([org.pegawai["staf1a"].pk])[org.pegawai["staf1a"].pk][komp.pk] == 3
    assert AuditEvent.objects.filter(action="kompetensi.kenaikan_level_putus", object_id=str(usulan.pk)).exists()
    with pytest.raises(ValidationError, match="sudah diputuskan"):
        level_change.usulan_level_decide(actor=org.actor("kasi1"), usulan=usulan, setuju=False, catatan="x")


def test_never_beyond_the_activity_level_but_a_lower_confirmation_is_allowed(org: Any) -> None:
    komp = _komp()
    _complete(org, "staf1a", {komp.pk: 3})
    usulan = UsulanKenaikanLevel.objects.get()
    for bad in (4, 0, 6, "3", True):
        with pytest.raises(ValidationError):
            level_change.usulan_level_decide(actor=org.actor("kasi1"), usulan=usulan, setuju=True, level=bad)
    assert not PenilaianKompetensi.objects.exists()
    level_change.usulan_level_decide(actor=org.actor("kasi1"), usulan=usulan, setuju=True, level=2)
    assert PenilaianKompetensi.objects.get().level == 2


def test_never_lower_than_the_level_in_force_at_the_decision(org: Any) -> None:
    komp = _komp()
    _complete(org, "staf1a", {komp.pk: 3})
    usulan = UsulanKenaikanLevel.objects.get()
    _assess(org, "staf1a", komp, 4)  # an assessment centre result arrives meanwhile
    with pytest.raises(ValidationError, match="sudah 4"):
        level_change.usulan_level_decide(actor=org.actor("kasi1"), usulan=usulan, setuju=True)
    assert PenilaianKompetensi.objects.filter(sumber=SumberPenilaian.KEGIATAN).count() == 0
    level_change.usulan_level_decide(actor=org.actor("kasi1"), usulan=usulan, setuju=False, catatan="Sudah level 4")
    assert current_levels([org.pegawai["staf1a"].pk])[org.pegawai["staf1a"].pk][komp.pk] == 4


def test_declining_needs_a_note_and_records_nothing(org: Any) -> None:
    komp = _komp()
    _complete(org, "staf1a", {komp.pk: 3})
    usulan = UsulanKenaikanLevel.objects.get()
    with pytest.raises(ValidationError, match="alasan"):
        level_change.usulan_level_decide(actor=org.actor("kasi1"), usulan=usulan, setuju=False, catatan="  ")
    with pytest.raises(ValidationError, match="2000"):
        level_change.usulan_level_decide(actor=org.actor("kasi1"), usulan=usulan, setuju=False, catatan="x" * 2001)
    level_change.usulan_level_decide(
        actor=org.actor("kasi1"), usulan=usulan, setuju=False, catatan="Belum terlihat di pekerjaan"
    )
    usulan.refresh_from_db()
    assert (usulan.status, usulan.penilaian_id) == (StatusUsulanLevel.DITOLAK, None)
    assert not PenilaianKompetensi.objects.exists()


def test_a_waiting_proposal_for_the_same_level_is_not_duplicated(org: Any) -> None:
    komp = _komp()
    _complete(org, "staf1a", {komp.pk: 3}, kode="K-1")
    _complete(org, "staf1a", {komp.pk: 3}, kode="K-2")
    _complete(org, "staf1a", {komp.pk: 4}, kode="K-3")
    assert sorted(UsulanKenaikanLevel.objects.values_list("level_usulan", flat=True)) == [3, 4]


def test_the_profile_history_names_the_activity(client: Client, org: Any) -> None:
    komp = _komp()
    _assess(org, "staf1a", komp, 1)
    _complete(org, "staf1a", {komp.pk: 3}, kode="K-PROFIL")
    usulan = UsulanKenaikanLevel.objects.get()
    level_change.usulan_level_decide(actor=org.actor("kasi1"), usulan=usulan, setuju=True)
    client.force_login(org.users["staf1a"])
    html = client.get(f"/pengembangan/kompetensi/pegawai/{org.pegawai['staf1a'].pk}/").content.decode()
    assert 'data-testid="level-dari-kegiatan"' in html
    assert "Pelatihan K-PROFIL" in html
    assert "Kegiatan pengembangan dikonfirmasi atasan" in html


def test_the_queue_screen_and_home_card_for_the_superior_only(client: Client, org: Any) -> None:
    komp = _komp()
    _complete(org, "staf1a", {komp.pk: 3}, kode="K-ANTRE")
    usulan = UsulanKenaikanLevel.objects.get()
    client.force_login(org.users["kasi1"])
    html = client.get("/pengembangan/usulan-level/").content.decode()
    assert 'data-testid="usulan-level"' in html and "Pelatihan K-ANTRE" in html
    assert 'data-testid="home-usulan-level"' in client.get("/").content.decode()
    for key in ("kabid1", "staf1b", "auditor", "admin"):
        client.force_login(org.users[key])
        assert 'data-testid="usulan-level"' not in client.get("/pengembangan/usulan-level/").content.decode()
        assert 'data-testid="home-usulan-level"' not in client.get("/").content.decode()
    client.force_login(org.users["staf1a"])  # the person sees their own, undecided
    html = client.get("/pengembangan/usulan-level/").content.decode()
    assert 'data-testid="usulan-level-saya"' in html and "Menunggu konfirmasi atasan" in html
    r = client.post(f"/pengembangan/usulan-level/{usulan.pk}/putusan/", {"setuju": "1"})
    assert r.status_code == 302
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulanLevel.MENUNGGU  # refused: one's own
    client.force_login(org.users["staf2"])  # hidden: 404
    assert client.post(f"/pengembangan/usulan-level/{usulan.pk}/putusan/", {"setuju": "1"}).status_code == 404
    client.force_login(org.users["kasi1"])
    assert client.post(f"/pengembangan/usulan-level/{usulan.pk}/putusan/", {"setuju": "x"}).status_code == 302
    r = client.post(f"/pengembangan/usulan-level/{usulan.pk}/putusan/", {"setuju": "1", "level": "3"})
    assert r.status_code == 302
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulanLevel.DIKONFIRMASI
    assert client.get("/pengembangan/usulan-level/putusan/").status_code == 404


def test_anonymous_is_sent_to_login(client: Client, org: Any) -> None:
    assert client.get("/pengembangan/usulan-level/").status_code == 302
    assert client.get("/api/v1/pengembangan/usulan-level").status_code == 401


def test_the_api_lists_shows_and_decides(client: Client, org: Any) -> None:
    komp = _komp()
    _complete(org, "staf1a", {komp.pk: 3}, kode="K-API")
    usulan = UsulanKenaikanLevel.objects.get()
    url = f"/api/v1/pengembangan/usulan-level/{usulan.pk}"
    client.force_login(org.users["kasi1"])
    queue = client.get("/api/v1/pengembangan/usulan-level/antrean").json()
    assert queue["count"] == 1 and queue["items"][0]["kegiatan"] == "Pelatihan K-API"
    listed = client.get("/api/v1/pengembangan/usulan-level?status=MENUNGGU").json()
    assert [i["id"] for i in listed["items"]] == [usulan.pk]
    assert client.get(url).json()["level_usulan"] == 3
    client.force_login(org.users["staf2"])
    assert client.get(url).status_code == 404
    assert client.get("/api/v1/pengembangan/usulan-level").json()["count"] == 0
    client.force_login(org.users["staf1a"])
    assert client.get("/api/v1/pengembangan/usulan-level/antrean").json()["count"] == 0
    body = json.dumps({"setuju": True})
    assert client.post(f"{url}/putusan", body, content_type="application/json").status_code == 403
    client.force_login(org.users["kasi1"])
    for bad in ({"setuju": True, "level": 9}, {"setuju": "ya"}, {}, {"setuju": True, "catatan": "\x00"}):
        assert client.post(f"{url}/putusan", json.dumps(bad), content_type="application/json").status_code == 422
    r = client.post(f"{url}/putusan", json.dumps({"setuju": False}), content_type="application/json")
    assert r.status_code == 409 and "catatan" in r.json()["errors"]
    r = client.post(f"{url}/putusan", json.dumps({"setuju": True, "level": 4}), content_type="application/json")
    assert r.status_code == 409 and "level" in r.json()["errors"]
    r = client.post(f"{url}/putusan", json.dumps({"setuju": True, "level": 2}), content_type="application/json")
    assert r.status_code == 200
    assert (r.json()["status"], r.json()["level_dikonfirmasi"]) == ("DIKONFIRMASI", 2)
    assert r.json()["penilaian_id"] == PenilaianKompetensi.objects.get(sumber="KEGIATAN").pk
    assert client.get("/api/v1/pengembangan/usulan-level/999999999").status_code == 404


def _queue_queries(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200, url
    return len(ctx.captured_queries)


def _proposals_for(org: Any, keys: list[str], komp: Kompetensi, s: Any) -> None:
    rows = Pendaftaran.objects.bulk_create(
        Pendaftaran(sesi=s, pegawai=org.pegawai[k], status=StatusPendaftaran.SELESAI, hadir=True) for k in keys
    )
    UsulanKenaikanLevel.objects.bulk_create(
        UsulanKenaikanLevel(pegawai_id=p.pegawai_id, kompetensi=komp, pendaftaran=p, level_usulan=3) for p in rows
    )


@pytest.mark.parametrize("url", ["/pengembangan/usulan-level/", "/", "/api/v1/pengembangan/usulan-level/antrean"])
def test_the_queue_queries_do_not_grow_with_the_team(client: Client, url: str) -> None:
    org = build_org(extra_staff=2)
    komp = _komp()
    admin = org.actor("admin")
    s = sesi(admin, kegiatan(admin, kode="K-Q", kompetensi={komp.pk: 3}), kapasitas=100)
    _proposals_for(org, ["staf1a", "staf1b"], komp, s)
    client.force_login(org.users["kasi1"])
    small = _queue_queries(client, url)
    keys = []
    for i in range(2, 30):
        org.add_pegawai(f"extra{i}", "staf1", golongan=31, user=False)
        keys.append(f"extra{i}")
    _proposals_for(org, keys, komp, s)
    large = _queue_queries(client, url)
    assert small == large
    if "api" in url:
        assert client.get(url).json()["count"] == 30
    assert len(level_access.usulan_level_to_decide(org.actor("kasi1"))) == 30


def test_demo_leaves_proposals_for_bu_wati_and_totals_in_step() -> None:
    """`bin/demo`'s order: the province, the competency and catalogue demos, then ours."""
    from django.core.management import call_command

    from karier.development.catalogue.demo import seed as seed_catalogue
    from karier.development.competency.demo import seed as seed_competency
    from karier.development.jp.totals import jp_totals_mismatch
    from karier.development.outcomes.level_demo import WANTED, _wati_and_team
    from karier.development.outcomes.level_demo import seed as seed_levels
    from karier.people.access import as_actor
    from karier.people.demo import seed_demo

    seed_demo(pegawai=2000, seed=1)
    seed_competency()
    seed_catalogue()
    first = seed_levels()
    assert first["menunggu"] >= WANTED
    wati, team = _wati_and_team(TODAY)
    waiting = level_access.usulan_level_to_decide(as_actor(wati))
    assert len(waiting) == first["menunggu"]
    assert {u.pegawai_id for u in waiting} <= {p.pk for p in team}
    assert seed_levels()["dibuat"] == 0  # idempotent
    call_command("jp_totals_rebuild", "--check")  # every demo write kept the totals in step
    assert jp_totals_mismatch() == []
