"""The replay of a builder's writes (tests/replay.py) leaves the database exactly as the real build
did, and hands each test its own copy of the result."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.db import transaction

from tests import replay
from tests.orgdata import build_org


def _everything() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order."""
    out = {}
    for model in apps.get_models(include_auto_created=True):
        names = [f.attname for f in model._meta.concrete_fields]
        out[model._meta.db_table] = list(model._base_manager.order_by("pk").values_list(*names))
    return out


class _Undo(Exception):
    pass


def _built(extra_staff: int) -> tuple[Any, dict[str, list[tuple[Any, ...]]]]:
    try:
        with transaction.atomic():
            org = build_org(extra_staff=extra_staff)
            rows = _everything()
            raise _Undo
    except _Undo:
        return org, rows


@pytest.mark.django_db
@pytest.mark.parametrize("extra_staff", [0, 3])
def test_a_replay_writes_what_the_services_wrote(monkeypatch: pytest.MonkeyPatch, extra_staff: int) -> None:
    monkeypatch.setattr(replay, "_RECORDINGS", {})
    calls: list[int] = []
    real = replay._record
    monkeypatch.setattr(replay, "_record", lambda *a: calls.append(1) or real(*a))

    built, rows_built = _built(extra_staff)  # recorded: the services ran
    replayed, rows_replayed = _built(extra_staff)  # the same database state: replayed

    assert calls == [1]
    assert rows_built["people_pegawai"], "the build wrote employees"
    assert rows_replayed == rows_built
    assert {k: p.pk for k, p in replayed.pegawai.items()} == {k: p.pk for k, p in built.pegawai.items()}
    assert replayed.users["admin"] is not built.users["admin"], "each test gets its own instances"


@pytest.mark.django_db
def test_another_state_is_built_for_real(monkeypatch: pytest.MonkeyPatch) -> None:
    from karier.accounts.models import User

    monkeypatch.setattr(replay, "_RECORDINGS", {})
    first, _ = _built(0)
    User.objects.create_user(username="lain", password="x")  # another fixture wrote first
    calls: list[int] = []
    real = replay._record
    monkeypatch.setattr(replay, "_record", lambda *a: calls.append(1) or real(*a))
    second = build_org()
    assert calls == [1]
    assert second.users["admin"].username == first.users["admin"].username


@pytest.mark.django_db
def test_a_builder_that_changes_its_argument_leaves_it_changed_on_replay(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.appraisal.test_appraisal_calibration_support import seksi

    monkeypatch.setattr(replay, "_RECORDINGS", {})
    runs = []
    for _ in range(2):  # recorded, then replayed
        try:
            with transaction.atomic():
                org = build_org()
                s = seksi(org, extra=2)
                runs.append((org, s, _everything()))
                raise _Undo
        except _Undo:
            pass
    (org1, s1, rows1), (org2, s2, rows2) = runs
    assert rows2 == rows1
    assert s2.org is org2, "the result refers to the caller's organisation"
    assert org2.seq == org1.seq and sorted(org2.pegawai) == sorted(org1.pegawai)
    assert "x1" in org2.pegawai and org2.pegawai["x1"].pk == org1.pegawai["x1"].pk
    assert s2.periode.pk == s1.periode.pk and s2.staff == s1.staff


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_transactional_test_builds_for_real(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(replay, "_RECORDINGS", {})
    org = build_org()
    assert replay._RECORDINGS == {}, "nothing recorded outside a transaction"
    assert org.pegawai["kadis"].nama == "Rahmat Hidayat"


@pytest.mark.django_db
def test_what_the_test_made_before_a_replay_stays_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """A user the test added before the replayed builder keeps its instance and password hash (its
    salt is random: the recording's would not match the row), and the result refers to it."""
    from karier.accounts.models import User
    from tests.appraisal.test_appraisal_support import configured

    monkeypatch.setattr(replay, "_RECORDINGS", {})
    for _ in range(2):  # recorded, then replayed
        try:
            with transaction.atomic():
                org = build_org()
                org.add_pegawai("rekan0", "staf1")
                mine = org.users["rekan0"]
                setup = configured(org, plans={"staf1a": "kasi1"})
                assert org.users["rekan0"] is mine
                assert mine.password == User.objects.get(pk=mine.pk).password
                assert setup.org is org and setup.skp["staf1a"].pegawai_id == org.pegawai["staf1a"].pk
                raise _Undo
        except _Undo:
            pass
    assert len(replay._RECORDINGS) == 2, "build_org and configured recorded once, replayed once"


@pytest.mark.django_db
def test_a_builder_that_refreshes_what_the_argument_held_is_built_for_real(monkeypatch: pytest.MonkeyPatch) -> None:
    from karier.people.models import Pegawai

    def rename(o: Any) -> None:
        Pegawai.objects.filter(pk=o.pegawai["kadis"].pk).update(nama="Nama Baru")
        o.pegawai["kadis"].refresh_from_db()

    monkeypatch.setattr(replay, "_RECORDINGS", {})
    for _ in range(2):
        try:
            with transaction.atomic():
                org = build_org()
                replay.replayed_on("rename", org, rename)
                assert org.pegawai["kadis"].nama == "Nama Baru"
                raise _Undo
        except _Undo:
            pass
    assert [r.changes for k, r in replay._RECORDINGS.items() if k[0][0] == "rename"] == [None]


@pytest.mark.django_db
def test_a_replay_inside_a_recording_is_recorded_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """dashboard_org calls signed_seksi: recorded after signed_seksi was, its recording holds what
    that inner replay wrote, the audit chain's head included (written by executemany)."""
    from tests.appraisal.test_appraisal_calibration_support import signed_seksi
    from tests.insight.test_insight_dashboards_support import dashboard_org

    monkeypatch.setattr(replay, "_RECORDINGS", {})
    rows = []
    for builder in (signed_seksi, dashboard_org, dashboard_org):
        try:
            with transaction.atomic():
                builder(build_org())
                rows.append(_everything())
                raise _Undo
        except _Undo:
            pass
    assert rows[2] == rows[1]
    assert [r[1] for r in rows[2]["core_auditchainhead"]] == [len(rows[2]["core_auditevent"])], "head at the last event"
