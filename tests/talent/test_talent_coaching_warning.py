"""The mid-year early warning (issue #12 §6): before/after July, the trailing edges, the home card."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone, translation

from karier.rules.career import needs_attention
from karier.talent.coaching.home import perlu_perhatian_card
from karier.talent.coaching.warning import early_warning, elapsed_share
from tests.talent import talent_coaching_helpers as h

pytestmark = pytest.mark.django_db
Y = timezone.localdate().year
JULY = dt.date(Y, 7, 15)


def _with(org: Any, key: str, targets: dict[str, tuple[str, str]], reals: dict[str, str | None]) -> None:
    skp, iki = h.skp(org.pegawai[key], Y, targets)
    ev1 = h.periodic(org.pegawai[key], Y, 1, skp_row=skp)
    ev2 = h.periodic(org.pegawai[key], Y, 2, skp_row=skp)
    for name, value in reals.items():
        h.realisasi(ev1, iki[name], "0")  # the earlier period: the later one wins
        h.realisasi(ev2, iki[name], value)


def _names(org: Any, today: dt.date = JULY) -> list[str]:
    return [w.pegawai.nama for w in early_warning(org.actor("kasi1"), today)]


def test_elapsed_share_is_the_end_of_the_last_period_over(org: Any) -> None:
    assert elapsed_share(Y, JULY) == 0
    h.triwulan(Y, 1), h.triwulan(Y, 2)
    days = (dt.date(Y, 12, 31) - dt.date(Y, 1, 1)).days + 1
    assert float(elapsed_share(Y, JULY)) == pytest.approx(
        ((dt.date(Y, 6, 30) - dt.date(Y, 1, 1)).days + 1) / days, abs=1e-4
    )
    assert float(elapsed_share(Y, dt.date(Y, 6, 30))) < 0.3  # Q2 not over yet on its last day


@pytest.mark.parametrize(
    "aspek,target,value,trailing",
    [
        ("KUANTITAS", "12", "4.7", True),  # expected ≈ 5,95; 80 % of it ≈ 4,76
        ("KUANTITAS", "12", "4.8", False),
        ("KUANTITAS", "12", None, True),  # nothing reported
        ("KUALITAS", "90", "71", True),  # a level: the whole target; 80 % = 72
        ("KUALITAS", "90", "72", False),
        ("WAKTU", "10", "13", True),  # a ceiling: 13 × 0,8 = 10,4 > 10
        ("WAKTU", "10", "12", False),
    ],
)
def test_trailing_edges(org: Any, aspek: str, target: str, value: str | None, trailing: bool) -> None:
    _with(org, "staf1a", {"a": (aspek, target)}, {"a": value})
    assert (org.pegawai["staf1a"].nama in _names(org)) is trailing


def test_half_of_the_indicators_is_a_pattern_one_of_three_is_not(org: Any) -> None:
    _with(org, "staf1a", {"a": ("KUANTITAS", "12"), "b": ("KUANTITAS", "12")}, {"a": "1", "b": "12"})
    three = {"a": ("KUANTITAS", "12"), "b": ("KUANTITAS", "12"), "c": ("KUANTITAS", "12")}
    _with(org, "staf1b", three, {"a": "1", "b": "12", "c": "12"})
    names = _names(org)
    assert org.pegawai["staf1a"].nama in names and org.pegawai["staf1b"].nama not in names


def test_nothing_before_july_and_not_for_other_teams(org: Any) -> None:
    _with(org, "staf1a", {"a": ("KUANTITAS", "12")}, {"a": "0"})
    assert _names(org, dt.date(Y, 6, 30)) == []
    assert _names(org, dt.date(Y, 7, 1)) == [org.pegawai["staf1a"].nama]
    assert early_warning(org.actor("kabid2"), JULY) == []
    assert early_warning(org.actor("staf1b"), JULY) == []
    assert early_warning(org.actor("auditor"), JULY) == []


def test_home_card(org: Any) -> None:
    _with(org, "staf1a", {"a": ("KUANTITAS", "12")}, {"a": "0"})
    assert perlu_perhatian_card(org.actor("kasi1"), dt.date(Y, 6, 1)) is None
    card = perlu_perhatian_card(org.actor("kasi1"), JULY)
    assert card is not None and card["jumlah"] == 1 and card["baris"][0].rencana_id is None
    assert perlu_perhatian_card(org.actor("staf1a"), JULY) is None


def test_queries_do_not_grow_with_the_team(org: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _with(org, "staf1a", {"a": ("KUANTITAS", "12")}, {"a": "0"})
    actor = org.actor("kasi1")
    with CaptureQueriesContext(connection) as small:
        assert len(early_warning(actor, JULY)) == 1
    for i in range(12):
        org.add_pegawai(f"tw{i}", "staf1", user=False)
        _with(org, f"tw{i}", {"a": ("KUANTITAS", "12")}, {"a": "0"})
    actor = org.actor("kasi1")  # a new request's actor: an actor reads its team once (direct_team)
    with CaptureQueriesContext(connection) as large:
        assert len(early_warning(actor, JULY)) == 13
    assert len(small.captured_queries) == len(large.captured_queries) <= 8


def test_reminders_follow_up_and_early_warning(org: Any) -> None:
    from karier.appraisal.models import Pengingat
    from karier.talent.coaching import services
    from karier.talent.coaching.reminders import early_warning_reminders_send, follow_up_reminders_send

    _with(org, "staf1a", {"a": ("KUANTITAS", "12")}, {"a": "0"})
    assert early_warning_reminders_send(dt.date(Y, 6, 20)) == 0  # before July
    assert early_warning_reminders_send(dt.date(Y, 7, 10)) == 1
    assert early_warning_reminders_send(dt.date(Y, 7, 11)) == 0  # once per ended period
    assert early_warning_reminders_send(dt.date(Y, 8, 20)) == 0  # outside the window after a period
    r = Pengingat.objects.get(jenis__startswith="perlu_perhatian")
    assert r.pengguna_id == org.users["kasi1"].pk and "1 anggota tim" in r.pesan
    today = timezone.localdate()
    plan = services.bimbingan_create(
        actor=org.actor("admin"),
        pegawai=org.pegawai["staf1b"],
        mentor=org.pegawai["kasi1"],
        tanggal_tindak_lanjut=today,
    )
    assert follow_up_reminders_send(today - dt.timedelta(days=1)) == 0
    assert follow_up_reminders_send(today) == 1
    assert follow_up_reminders_send(today) == 0
    assert Pengingat.objects.filter(jenis=f"bimbingan:{plan.pk}:{today:%Y%m%d}", pengguna=org.users["kasi1"]).exists()


@pytest.mark.parametrize(
    "trailing,compared,flagged",
    [(0, 0, False), (0, 4, False), (1, 3, False), (1, 2, True), (2, 4, True), (3, 3, True)],
)
def test_needs_attention_is_half_of_the_indicators(trailing: int, compared: int, flagged: bool) -> None:
    assert needs_attention(trailing, compared) is flagged


def test_needs_attention_refuses_impossible_counts() -> None:
    with pytest.raises(ValueError):
        needs_attention(3, 2)


def test_reminder_texts_are_indonesian_with_the_date_written_out(org: Any) -> None:
    from karier.appraisal.models import Pengingat
    from karier.rules import BULAN
    from karier.talent.coaching import services
    from karier.talent.coaching.reminders import follow_up_reminders_send

    today = timezone.localdate()
    services.bimbingan_create(
        actor=org.actor("admin"),
        pegawai=org.pegawai["staf1b"],
        mentor=org.pegawai["kasi1"],
        tanggal_tindak_lanjut=today,
    )
    with translation.override("en"):  # the daily job may run under any language: stored text is Indonesian
        assert follow_up_reminders_send(today) == 1
    pesan = Pengingat.objects.get(jenis__startswith="bimbingan:").pesan
    assert f"dijadwalkan {today.day} {BULAN[today.month - 1]} {today.year}." in pesan
    assert org.pegawai["staf1b"].nama in pesan and "Catat pertemuan" in pesan
