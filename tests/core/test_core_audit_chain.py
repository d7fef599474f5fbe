"""Tamper evidence (issue #8 §8): the audit trail is hash-chained and `karier periksa-audit` reports
a changed row, a deleted row (a gap) and deleted newest rows, and exits non-zero; 0 when intact."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from karier.core import audit
from karier.core.audit import GENESIS, content_hash, verify_chain
from karier.core.integrity import last_result
from karier.core.models import AuditChainHead, AuditEvent
from karier.people.models import Instansi
from tests.appraisal.test_appraisal_calibration_support import periksa_audit
from tests.orgdata import Org


def _events(org: Org, n: int = 4) -> list[AuditEvent]:
    obj = Instansi.objects.first()
    assert obj is not None
    return [
        audit.record(
            actor=org.users["admin"],
            action=f"uji.{i}",
            obj=obj,
            summary=f"ubah {i}",
            changes={"nama": [f"lama {i}", f"baru {i}"], "angka": [i, 1.5], "ya": [None, True]},
        )
        for i in range(n)
    ]


def _raw(sql: str, params: list[Any]) -> None:
    with connection.cursor() as cur:
        cur.execute(sql, params)


def test_events_are_chained(org: Org) -> None:
    rows = AuditEvent.objects.order_by("seq")
    assert rows.count() > 4  # building the org already audited its writes
    prev = GENESIS
    for i, row in enumerate(rows, start=1):
        assert (row.seq, row.prev_hash) == (i, prev)
        assert row.hash == content_hash(row) and len(row.hash) == 64
        prev = row.hash
    head = AuditChainHead.objects.get(pk=1)
    assert (head.seq, head.hash) == (rows.count(), prev)


def test_record_many_appends_in_one_insert(org: Org, django_assert_max_num_queries: Any) -> None:
    obj = Instansi.objects.first()
    assert obj is not None
    with django_assert_max_num_queries(6):  # savepoint, lock head, insert, update head, release
        rows = audit.record_many(actor=None, entries=[audit.Entry(action="uji.massal", obj=obj) for _ in range(50)])
    assert [r.seq for r in rows] == list(range(rows[0].seq, rows[0].seq + 50))
    assert list(verify_chain()) == []


def test_clean_chain_exits_zero_and_says_utuh(org: Org) -> None:
    _events(org)
    code, out = periksa_audit()
    assert code == 0
    assert "utuh" in out
    result = last_result()
    assert result is not None and result.utuh


def test_raw_update_of_an_audit_row_is_detected(org: Org) -> None:
    target = _events(org)[1]
    _raw("UPDATE core_auditevent SET summary = %s WHERE id = %s", ["dipalsukan", target.pk])
    breaks = list(verify_chain())
    assert [(b.object_type, b.object_id, b.expected) for b in breaks] == [
        ("core.auditevent", str(target.pk), target.hash)
    ]
    code, out = periksa_audit()
    assert code == 1
    assert f"core.auditevent#{target.pk}" in out and target.hash in out and "diubah" in out


def test_raw_update_with_recomputed_hash_breaks_the_next_link(org: Org) -> None:
    first, second = _events(org)[1:3]
    first.changes = {"nama": ["lama 1", "palsu"]}
    forged = content_hash(first)
    _raw(
        "UPDATE core_auditevent SET changes = %s, hash = %s WHERE id = %s",
        ['{"nama": ["lama 1", "palsu"]}', forged, first.pk],
    )
    breaks = list(verify_chain())
    assert [(b.object_id, b.expected, b.actual) for b in breaks] == [(str(second.pk), forged, first.hash)]
    assert periksa_audit()[0] == 1


def test_raw_delete_of_an_audit_row_leaves_a_gap(org: Org) -> None:
    rows = _events(org)
    _raw("DELETE FROM core_auditevent WHERE id = %s", [rows[1].pk])
    breaks = list(verify_chain())
    assert len(breaks) == 1
    assert breaks[0].object_id == str(rows[2].pk) and "hilang" in breaks[0].detail
    code, out = periksa_audit()
    assert code == 1 and f"#{rows[1].seq}" in out


def test_raw_delete_of_the_newest_row_is_detected_by_the_head(org: Org) -> None:
    rows = _events(org)
    _raw("DELETE FROM core_auditevent WHERE id = %s", [rows[-1].pk])
    breaks = list(verify_chain())
    assert [(b.object_type, b.expected.split()[0]) for b in breaks] == [("core.auditchainhead", f"#{rows[-1].seq}")]
    assert periksa_audit()[0] == 1


def test_chain_survives_a_lost_head_row(org: Org) -> None:
    """After a flush (transactional tests) the head is re-seeded from the last row."""
    _events(org, 2)
    AuditChainHead.objects.all().delete()
    _events(org, 2)
    assert list(verify_chain()) == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_writers_do_not_fork_the_chain() -> None:
    """Threads appending at once (PostgreSQL locks the head; SQLite serialises writers)."""
    import threading

    from django.db import connections

    if connection.vendor != "postgresql":
        pytest.skip("row locks are a PostgreSQL matter")
    obj = Instansi.objects.create(kode="UJI-1", nama="Uji", jenis="D")

    def work() -> None:
        try:
            for _ in range(10):
                audit.record(actor=None, action="uji.paralel", obj=obj)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert AuditEvent.objects.filter(action="uji.paralel").count() == 40
    assert list(verify_chain()) == []


def test_migration_chains_existing_rows(org: Org) -> None:
    """The data step of core 0002 seals rows written before the chain existed, as `record` would."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("karier.core.migrations.0002_audit_hash_chain")
    rows = _events(org)
    AuditEvent.objects.update(prev_hash="", hash="")
    AuditChainHead.objects.all().delete()
    assert list(verify_chain())  # unsealed rows are breaks
    migration.chain_existing(apps, None)
    assert list(verify_chain()) == []
    assert AuditEvent.objects.get(pk=rows[-1].pk).hash == rows[-1].hash  # same canonical form as record()
