"""After the activity: the participant's evaluation (one per enrolment, anonymous figures below three
answers) and the superior's follow-up three months later (who, when, the list due, the home card,
the reminder, Excel and API)."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from karier.development.catalogue import enrolment
from karier.development.models import EvaluasiKegiatan, Pendaftaran, StatusPendaftaran, TindakLanjutAtasan
from karier.development.outcomes import feedback
from tests.development.catalogue_helpers import kegiatan, past, pdf, sesi

pytestmark = pytest.mark.django_db

GOOD = {"relevansi": 4, "materi": 4, "fasilitator": 5, "manfaat": 3}


def _attended(org: Any, s: Any, keys: list[str]) -> list[Pendaftaran]:
    rows = [enrolment.pendaftaran_create(actor=org.actor("admin"), sesi=s, pegawai=org.pegawai[k]) for k in keys]
    past(s)
    enrolment.kehadiran_record(actor=org.actor("admin"), sesi=s, hadir={r.pk: True for r in rows})
    for r in rows:
        r.refresh_from_db()
    return rows


def _completed(org: Any, s: Any, keys: list[str]) -> list[Pendaftaran]:
    rows = _attended(org, s, keys)
    return [enrolment.pendaftaran_complete(actor=org.actor("admin"), pendaftaran=r, sertifikat=pdf()) for r in rows]


@pytest.fixture
def activity(org: Any) -> Any:
    admin = org.actor("admin")
    return kegiatan(admin, nama="Bimtek Satu Data")


@pytest.fixture
def session(org: Any, activity: Any) -> Any:
    return sesi(org.actor("admin"), activity, kapasitas=10)


def _fetch(row: Pendaftaran) -> Pendaftaran:
    return Pendaftaran.objects.select_related("sesi", "sesi__kegiatan", "pegawai").get(pk=row.pk)


def _aged(row: Pendaftaran, days: int = 91) -> Pendaftaran:
    Pendaftaran.objects.filter(pk=row.pk).update(selesai_pada=timezone.now() - dt.timedelta(days=days))
    return _fetch(row)


# ---------------------------------------------------------------------------- evaluation
def test_the_participant_evaluates_once_after_completion(org: Any, session: Any) -> None:
    (row,) = _completed(org, session, ["staf1a"])
    row = _fetch(row)
    with pytest.raises(PermissionDenied, match="Hanya peserta"):
        feedback.evaluasi_submit(actor=org.actor("kasi1"), pendaftaran=row, nilai=GOOD)
    ev = feedback.evaluasi_submit(actor=org.actor("staf1a"), pendaftaran=row, nilai=GOOD, komentar=" Bagus ")
    assert (ev.relevansi, ev.fasilitator, ev.komentar) == (4, 5, "Bagus")
    with pytest.raises(ValidationError, match="sudah mengisi"):
        feedback.evaluasi_submit(actor=org.actor("staf1a"), pendaftaran=row, nilai=GOOD)
    assert EvaluasiKegiatan.objects.count() == 1


def test_attended_and_ended_may_evaluate_but_not_before_attendance(org: Any, session: Any) -> None:
    row = enrolment.pendaftaran_create(actor=org.actor("staf1a"), sesi=session, pegawai=org.pegawai["staf1a"])
    with pytest.raises(ValidationError, match="setelah Anda hadir"):
        feedback.evaluasi_submit(actor=org.actor("staf1a"), pendaftaran=_fetch(row), nilai=GOOD)
    past(session)
    enrolment.kehadiran_record(actor=org.actor("admin"), sesi=session, hadir={row.pk: True})
    assert feedback.evaluasi_submit(actor=org.actor("staf1a"), pendaftaran=_fetch(row), nilai=GOOD).pk


@pytest.mark.parametrize("bad", [0, 6, "x", True, None, 2.5, "  "])
def test_a_score_outside_1_to_5_is_refused_and_nothing_written(org: Any, session: Any, bad: Any) -> None:
    (row,) = _completed(org, session, ["staf1a"])
    with pytest.raises(ValidationError) as exc:
        feedback.evaluasi_submit(actor=org.actor("staf1a"), pendaftaran=_fetch(row), nilai={**GOOD, "materi": bad})
    assert "1 sampai 5" in exc.value.message_dict["materi"][0]
    assert not EvaluasiKegiatan.objects.exists()


def test_figures_stay_anonymous_below_three_answers(client: Client, org: Any, session: Any, activity: Any) -> None:
    rows = [_fetch(r) for r in _completed(org, session, ["staf1a", "staf1b", "staf2"])]
    scores = [(4, 3, 5, 4), (4, 4, 4, 4), (5, 4, 3, 2)]
    for key, row, s in zip(["staf1a", "staf1b"], rows, scores, strict=False):
        feedback.evaluasi_submit(
            actor=org.actor(key), pendaftaran=row, nilai=dict(zip(GOOD, s, strict=True)), komentar=f"komentar {key}"
        )
    two = feedback.evaluasi_rekap(org.actor("admin"), activity)
    assert (two.jumlah, two.cukup, two.rata, two.komentar) == (2, False, {}, [])
    client.force_login(org.users["admin"])
    page = client.get(f"/pengembangan/katalog/{activity.pk}/").content.decode()
    assert 'data-testid="evaluasi-anonim"' in page and "komentar staf1a" not in page
    feedback.evaluasi_submit(
        actor=org.actor("staf2"), pendaftaran=rows[2], nilai=dict(zip(GOOD, scores[2], strict=True))
    )
    three = feedback.evaluasi_rekap(org.actor("admin"), activity)
    assert three.cukup and str(three.rata["relevansi"]) == "4.33" and str(three.rata["manfaat"]) == "3.33"
    assert sorted(three.komentar) == ["komentar staf1a", "komentar staf1b"]
    page = client.get(f"/pengembangan/katalog/{activity.pk}/").content.decode()
    assert "4,33" in page and "komentar staf1b" in page
    with pytest.raises(PermissionDenied):
        feedback.evaluasi_rekap(org.actor("kabid1"), activity)
    client.force_login(org.users["kabid1"])
    assert 'data-testid="evaluasi-rekap"' not in client.get(f"/pengembangan/katalog/{activity.pk}/").content.decode()
    assert client.get("/pengembangan/evaluasi-kegiatan/").status_code == 403


def test_the_evaluation_overview_and_its_excel(client: Client, org: Any, session: Any) -> None:
    from openpyxl import load_workbook

    rows = [_fetch(r) for r in _completed(org, session, ["staf1a", "staf1b", "staf2"])]
    for key, row in zip(["staf1a", "staf1b", "staf2"], rows, strict=True):
        feedback.evaluasi_submit(actor=org.actor(key), pendaftaran=row, nilai=GOOD)
    client.force_login(org.users["auditor"])
    assert "Bimtek Satu Data" in client.get("/pengembangan/evaluasi-kegiatan/").content.decode()
    r = client.get("/pengembangan/evaluasi-kegiatan/?export=xlsx")
    ws = load_workbook(io.BytesIO(r.content)).active
    data = [list(row) for row in ws.iter_rows(values_only=True)]
    assert data[2][0] == "Bimtek Satu Data" and data[2][1] == 3 and float(data[2][2]) == 4.0


def test_the_evaluation_screen_and_api(client: Client, org: Any, session: Any) -> None:
    a, b = (_fetch(r) for r in _completed(org, session, ["staf1a", "staf1b"]))
    client.force_login(org.users["staf1a"])
    assert client.get(f"/pengembangan/pendaftaran/{b.pk}/evaluasi/").status_code == 404  # not hers to see
    assert "Isi evaluasi kegiatan" in client.get(f"/pengembangan/sesi/{session.pk}/").content.decode()
    r = client.post(f"/pengembangan/pendaftaran/{a.pk}/evaluasi/", {**GOOD, "komentar": "Praktis"})
    assert r.status_code == 302
    assert "Isi evaluasi kegiatan" not in client.get(f"/pengembangan/sesi/{session.pk}/").content.decode()
    client.force_login(org.users["staf1b"])
    url = f"/api/v1/pengembangan/pendaftaran/{b.pk}/evaluasi"

    def post(body: Any) -> Any:
        return client.post(url, json.dumps(body), content_type="application/json")

    assert post({**GOOD, "materi": 9}).status_code == 422
    assert post({"sampah": True}).status_code == 422
    r = post({**GOOD, "komentar": "Baik"})
    assert r.status_code == 201 and r.json()["komentar"] == "Baik"
    assert post(GOOD).status_code == 409
    assert client.get(f"/api/v1/pengembangan/katalog/{session.kegiatan_id}/evaluasi").status_code == 403
    client.force_login(org.users["admin"])
    r = client.get(f"/api/v1/pengembangan/katalog/{session.kegiatan_id}/evaluasi")
    assert r.json()["jumlah"] == 2 and r.json()["cukup"] is False and r.json()["rata"] is None
    assert client.get("/api/v1/pengembangan/evaluasi-kegiatan").json()["count"] == 1


# ---------------------------------------------------------------------------- follow-up
def test_the_superior_follows_up_after_90_days_once(org: Any, session: Any) -> None:
    (row,) = _completed(org, session, ["staf1a"])
    row = _fetch(row)
    with pytest.raises(ValidationError, match="paling cepat 90 hari"):
        feedback.tindak_lanjut_submit(actor=org.actor("kasi1"), pendaftaran=row, hasil="YA")
    row = _aged(row)
    with pytest.raises(PermissionDenied, match="sendiri"):
        feedback.tindak_lanjut_submit(actor=org.actor("staf1a"), pendaftaran=row, hasil="YA")
    for who in ("kabid1", "staf1b", "admin", "auditor"):
        with pytest.raises(PermissionDenied, match="atasan langsung"):
            feedback.tindak_lanjut_submit(actor=org.actor(who), pendaftaran=row, hasil="YA")
    with pytest.raises(ValidationError, match="ya, sebagian"):
        feedback.tindak_lanjut_submit(actor=org.actor("kasi1"), pendaftaran=row, hasil="MUNGKIN")
    t = feedback.tindak_lanjut_submit(actor=org.actor("kasi1"), pendaftaran=row, hasil="SEBAGIAN", catatan="Lebih rapi")
    assert (t.hasil, t.atasan_id) == ("SEBAGIAN", org.pegawai["kasi1"].pk)
    with pytest.raises(ValidationError, match="sudah diisi"):
        feedback.tindak_lanjut_submit(actor=org.actor("kasi1"), pendaftaran=row, hasil="YA")
    assert TindakLanjutAtasan.objects.count() == 1


def test_a_follow_up_needs_a_completed_activity(org: Any, session: Any) -> None:
    (row,) = _attended(org, session, ["staf1a"])
    with pytest.raises(ValidationError, match="sudah selesai"):
        feedback.tindak_lanjut_submit(actor=org.actor("kasi1"), pendaftaran=_fetch(row), hasil="YA")


def test_the_list_due_the_home_card_and_the_reminder(client: Client, org: Any, session: Any) -> None:
    from karier.appraisal.models import Pengingat
    from karier.core.home import sections_for
    from karier.development.outcomes.reminders import tindak_lanjut_reminders_send

    (row,) = _completed(org, session, ["staf1a"])
    assert feedback.tindak_lanjut_due(org.actor("kasi1")) == []
    assert tindak_lanjut_reminders_send() == 0
    _aged(row)
    assert [p.pk for p in feedback.tindak_lanjut_due(org.actor("kasi1"))] == [row.pk]
    assert feedback.tindak_lanjut_due(org.actor("kabid1")) == []
    assert feedback.tindak_lanjut_due(org.actor("admin")) == []
    keys = [p.key for s in sections_for(org.actor("kasi1"), timezone.localdate()) for p in s.panels]
    assert "development.tindak_lanjut" in keys
    client.force_login(org.users["kasi1"])
    assert 'data-testid="home-tindak-lanjut"' in client.get("/").content.decode()
    assert "Dodi Saputra" in client.get("/pengembangan/tindak-lanjut/").content.decode()
    assert tindak_lanjut_reminders_send() == 1
    assert tindak_lanjut_reminders_send() == 0  # once per enrolment
    assert Pengingat.objects.get(jenis=f"tindak_lanjut:{row.pk}").pengguna_id == org.users["kasi1"].pk
    r = client.post(f"/pengembangan/pendaftaran/{row.pk}/tindak-lanjut/", {"hasil": "YA", "catatan": "Berubah"})
    assert r.status_code == 302
    assert feedback.tindak_lanjut_due(org.actor("kasi1")) == []
    keys = [p.key for s in sections_for(org.actor("kasi1"), timezone.localdate()) for p in s.panels]
    assert "development.tindak_lanjut" not in keys


def test_the_follow_up_excel_and_api(client: Client, org: Any, session: Any) -> None:
    from openpyxl import load_workbook

    a, b = (_aged(r) for r in _completed(org, session, ["staf1a", "staf1b"]))
    client.force_login(org.users["kasi1"])
    ws = load_workbook(io.BytesIO(client.get("/pengembangan/tindak-lanjut/?export=xlsx").content)).active
    assert sorted(r[1] for r in list(ws.iter_rows(values_only=True))[2:]) == sorted(
        [org.pegawai["staf1a"].nama, org.pegawai["staf1b"].nama]
    )
    r = client.get("/api/v1/pengembangan/tindak-lanjut?limit=1")
    assert r.json()["count"] == 2 and len(r.json()["items"]) == 1
    url = f"/api/v1/pengembangan/pendaftaran/{a.pk}/tindak-lanjut"
    assert client.post(url, json.dumps({"hasil": "x"}), content_type="application/json").status_code == 422
    r = client.post(url, json.dumps({"hasil": "BELUM", "catatan": "Perlu coaching"}), content_type="application/json")
    assert r.status_code == 201 and r.json()["hasil"] == "BELUM"
    assert client.get("/api/v1/pengembangan/tindak-lanjut").json()["count"] == 1
    client.force_login(org.users["staf1b"])
    r = client.post(
        f"/api/v1/pengembangan/pendaftaran/{b.pk}/tindak-lanjut",
        json.dumps({"hasil": "YA"}),
        content_type="application/json",
    )
    assert r.status_code == 403


def test_the_follow_up_list_queries_do_not_grow_with_the_team() -> None:
    from tests.orgdata import build_org

    org = build_org(extra_staff=24)
    admin = org.actor("admin")
    s = sesi(admin, kegiatan(admin), kapasitas=100)
    done = timezone.now() - dt.timedelta(days=120)

    def complete(keys: list[str]) -> None:
        Pendaftaran.objects.bulk_create(
            Pendaftaran(sesi=s, pegawai=org.pegawai[k], status=StatusPendaftaran.SELESAI, hadir=True, selesai_pada=done)
            for k in keys
        )

    def measure() -> tuple[int, int]:
        client = Client()
        client.force_login(org.users["kasi1"])
        with CaptureQueriesContext(connection) as ctx:
            n = len(feedback.tindak_lanjut_due(org.actor("kasi1")))
            assert client.get("/pengembangan/tindak-lanjut/").status_code == 200
        return n, len(ctx)

    complete(["staf1a"])
    n_small, small = measure()
    complete([f"extra{i}" for i in range(24)] + ["staf1b"])
    n_large, large = measure()
    assert (n_small, n_large) == (1, 26)
    assert small == large


def test_the_demo_has_evaluations_and_follow_ups_for_bu_wati() -> None:
    from karier.development.catalogue.demo import _team
    from karier.development.catalogue.demo import seed as seed_catalogue
    from karier.development.jp.totals import jp_totals_mismatch
    from karier.people.access import SYSTEM, as_actor
    from karier.people.demo import seed_demo

    seed_demo(pegawai=2000, seed=1)
    first = seed_catalogue()
    assert first["evaluasi"] >= 3 and first["tindak_lanjut"] >= 1 and first["angkatan_lalu"] >= 2
    wati, team = _team(timezone.localdate())
    due = feedback.tindak_lanjut_due(as_actor(wati))
    assert due and {p.pegawai_id for p in due} <= {p.pk for p in team}  # the rest is still to follow up
    assert any(r.cukup for r in feedback.evaluasi_rekap_semua(SYSTEM))
    again = seed_catalogue()
    assert (again["evaluasi"], again["tindak_lanjut"]) == (0, 0)  # idempotent
    assert TindakLanjutAtasan.objects.count() == first["tindak_lanjut"]
    assert jp_totals_mismatch() == []


def test_the_evaluation_overview_queries_do_not_grow_with_activities(client: Client, org: Any) -> None:
    admin = org.actor("admin")
    client.force_login(org.users["admin"])

    def evaluated(kode: str) -> None:
        s = sesi(admin, kegiatan(admin, kode=kode), kapasitas=10)
        rows = [_fetch(r) for r in _completed(org, s, ["staf1a", "staf1b", "staf2"])]
        for key, row in zip(["staf1a", "staf1b", "staf2"], rows, strict=True):
            feedback.evaluasi_submit(actor=org.actor(key), pendaftaran=row, nilai=GOOD)

    def measure() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/pengembangan/evaluasi-kegiatan/").status_code == 200
        return len(ctx)

    evaluated("E-1")
    small = measure()
    for n in range(2, 6):
        evaluated(f"E-{n}")
    assert len(feedback.evaluasi_rekap_semua(admin)) == 5
    assert measure() == small
