"""Who sees whom follows the calendar (issue #8, 3b): a transfer dated next month, and a Plt that
ends, change visibility on their date once the daily refresh (`segarkan_penugasan_task`,
`karier segarkan-penugasan`) has brought Pegawai.jabatan/unit/opd in line with the history."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from karier.core.models import AuditEvent
from karier.people import services
from karier.people.access import SYSTEM, actor_for_user, visible_pegawai
from karier.people.choices import JenisPenugasan
from karier.people.models import Pegawai, Penugasan
from karier.people.services.jabatan import JabatanData
from karier.people.services.penugasan import penugasan_refresh
from karier.people.tasks import segarkan_penugasan_task

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 5, 15)
NEXT_MONTH = dt.date(2026, 6, 1)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Freeze `timezone.localdate()` on a day that can be moved."""
    state = {"today": TODAY}
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: state["today"])

    def move(d: dt.date) -> None:
        state["today"] = d

    return move


def sees(org: Any, who: str, whom: str) -> bool:
    """As a request would see it: the actor is built from today's history, the filter reads the columns."""
    actor = actor_for_user(org.users[who])
    return visible_pegawai(actor).filter(pk=org.pegawai[whom].pk).exists()


def transfer(org: Any, who: str, to: str, on: dt.date) -> None:
    services.penugasan_assign(
        actor=org.actor("admin"),
        pegawai=Pegawai.objects.get(pk=org.pegawai[who].pk),
        jabatan=org.jabatan[to],
        mulai=on,
        close_previous=True,
    )


def test_a_transfer_dated_next_month_moves_visibility_on_its_date(org: Any, clock: Any) -> None:
    transfer(org, "staf2", "pranata", NEXT_MONTH)  # Dinas Pendidikan → Diskominfo, from next month
    # Before the date: the old superior and the old agency head see the person, the new ones do not.
    for old in ("kabid2", "kadis"):
        assert sees(org, old, "staf2")
    assert not sees(org, "kadiskominfo", "staf2")
    assert penugasan_refresh(actor=SYSTEM).diperbarui == 0  # nothing is due yet

    clock(NEXT_MONTH)
    assert sees(org, "kabid2", "staf2")  # stale until the daily refresh runs (the bug of issue #8)
    result = segarkan_penugasan_task.call()
    assert result == {"tanggal": "2026-06-01", "diperiksa": Pegawai.objects.count(), "diperbarui": 1}

    staf2 = Pegawai.objects.get(pk=org.pegawai["staf2"].pk)
    assert (staf2.jabatan_id, staf2.tmt_jabatan, staf2.unit_id, staf2.opd_id) == (
        org.jabatan["pranata"].pk,
        NEXT_MONTH,
        org.units["kominfo"].pk,
        org.units["kominfo"].pk,
    )
    assert sees(org, "kadiskominfo", "staf2")
    for old in ("kabid2", "kadis"):
        assert not sees(org, old, "staf2")
    event = AuditEvent.objects.get(action="pegawai.segarkan_penugasan")
    assert event.changes["pegawai"] == {
        str(staf2.pk): {
            "jabatan": [org.jabatan["staf2"].pk, org.jabatan["pranata"].pk],
            "unit": [org.units["dik_b2"].pk, org.units["kominfo"].pk],
            "opd": [org.units["dik"].pk, org.units["kominfo"].pk],
        }
    }
    # Idempotent: a second run finds nothing to do and writes nothing.
    assert penugasan_refresh(actor=SYSTEM).diperbarui == 0
    assert AuditEvent.objects.filter(action="pegawai.segarkan_penugasan").count() == 1


def test_a_plt_that_ends_hands_the_team_to_the_new_definitive_holder(org: Any, clock: Any) -> None:
    admin = org.actor("admin")
    kasi2 = services.jabatan_create(
        actor=admin,
        data=JabatanData(
            unit=org.units["dik_b2"], nama="Kepala Seksi Kurikulum SMK", jenis="PENGAWAS", atasan=org.jabatan["kabid2"]
        ),
    )
    staf3 = services.jabatan_create(
        actor=admin,
        data=JabatanData(
            unit=org.units["dik_b2"], nama="Penata Kurikulum SMK", jenis="PELAKSANA", atasan=kasi2, formasi=5
        ),
    )
    org.jabatan["kasi2"], org.jabatan["staf3"] = kasi2, staf3
    org.add_pegawai("staf3", "staf3")
    # The vacant seat is covered by a Plt until the end of the month; then the pranata of Diskominfo
    # is transferred in as its definitive holder.
    services.penugasan_assign(
        actor=admin,
        pegawai=org.pegawai["kasi1"],
        jabatan=kasi2,
        mulai=TODAY,
        selesai=NEXT_MONTH - dt.timedelta(days=1),
        jenis=JenisPenugasan.PLT,
    )
    transfer(org, "pranata", "kasi2", NEXT_MONTH)

    assert sees(org, "kasi1", "staf3")  # the Plt
    assert not sees(org, "pranata", "staf3")
    assert sees(org, "kadiskominfo", "pranata") and not sees(org, "kabid2", "pranata")

    clock(NEXT_MONTH)
    call_command("segarkan_penugasan", verbosity=0)
    assert not sees(org, "kasi1", "staf3")  # the Plt ended
    assert sees(org, "pranata", "staf3")  # the new definitive head of the section
    assert sees(org, "kabid2", "pranata") and sees(org, "kadis", "pranata")
    assert not sees(org, "kadiskominfo", "pranata")
    actor = actor_for_user(org.users["pranata"])
    assert actor.jabatan_ids == (kasi2.pk,) and actor.has_subordinates


def test_an_assignment_that_ends_clears_the_position_but_keeps_the_agency(org: Any, clock: Any) -> None:
    services.penugasan_assign(
        actor=org.actor("admin"),
        pegawai=org.pegawai["staf1b"],
        jabatan=org.jabatan["staf2"],
        mulai=TODAY,
        selesai=NEXT_MONTH - dt.timedelta(days=1),
        jenis=JenisPenugasan.PLT,
    )
    Penugasan.objects.filter(pegawai=org.pegawai["staf2"]).update(selesai=NEXT_MONTH - dt.timedelta(days=1))
    out = io.StringIO()
    call_command("segarkan_penugasan", "--tanggal", NEXT_MONTH.isoformat(), stdout=out)
    assert f"Per 01-06-2026: {Pegawai.objects.count()} pegawai diperiksa, 1 diperbarui." in out.getvalue()
    staf2 = Pegawai.objects.get(pk=org.pegawai["staf2"].pk)
    assert (staf2.jabatan_id, staf2.tmt_jabatan, staf2.opd_id) == (None, None, org.units["dik"].pk)
    # A Plt never becomes the current (definitive) position.
    assert Pegawai.objects.get(pk=org.pegawai["staf1b"].pk).jabatan_id == org.jabatan["staf1"].pk


def test_a_bad_date_is_refused_by_the_command(org: Any) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("segarkan_penugasan", "--tanggal", "1 Juni", verbosity=0)


def _refresh_queries(org: Any, movers: int) -> int:
    target = services.jabatan_create(
        actor=SYSTEM,
        data=JabatanData(
            unit=org.units["kominfo"],
            nama=f"Pengelola Layanan {movers}",
            jenis="PELAKSANA",
            atasan=org.jabatan["kadiskominfo"],
            formasi=50,
        ),
    )
    for i in range(movers):
        p = org.add_pegawai(f"mover{movers}_{i}", "staf1", user=False)
        services.penugasan_assign(actor=SYSTEM, pegawai=p, jabatan=target, mulai=NEXT_MONTH, close_previous=True)
    with CaptureQueriesContext(connection) as ctx:
        result = penugasan_refresh(actor=SYSTEM, on=NEXT_MONTH)
    assert result.diperbarui == movers
    return len(ctx.captured_queries)


def test_refresh_query_count_does_not_grow_with_people(org: Any, clock: Any) -> None:
    small = _refresh_queries(org, 2)
    for i in range(20):
        org.add_pegawai(f"bystander{i}", "staf1", user=False)
    large = _refresh_queries(org, 9)
    assert large == small, (small, large)


def test_the_daily_schedule_runs_the_refresh(org: Any, clock: Any) -> None:
    transfer(org, "staf2", "pranata", NEXT_MONTH)
    clock(NEXT_MONTH)
    out = io.StringIO()
    call_command("tugas_harian", stdout=out)  # enqueues KARIER_DAILY_TASKS; inline on the embedded default
    assert "karier.people.tasks.segarkan_penugasan_task" in out.getvalue()
    assert sees(org, "kadiskominfo", "staf2") and not sees(org, "kadis", "staf2")
