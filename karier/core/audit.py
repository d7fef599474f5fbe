"""The one way services record an audit event, and the hash chain that makes tampering visible.

Each `AuditEvent` carries `seq` (1, 2, 3… without gaps), `prev_hash` (the previous row's hash) and
`hash` = sha256 over the canonical JSON of its content *including* `prev_hash`. Appending locks the
single `AuditChainHead` row (`select_for_update`), so concurrent writers queue for the few
microseconds of hashing instead of forking the chain; the lock is held until the caller's
transaction commits. Bulk jobs append many rows under one lock with `record_many` (one insert).

`verify_chain()` recomputes every hash and reports a `Break` for a row whose content changed, a
missing row (a gap in `seq` or a `prev_hash` that no longer matches), or a head that does not
match the last row (the newest rows deleted).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction
from django.utils import timezone

from karier.core.integrity import Break
from karier.core.models import AuditChainHead, AuditEvent

GENESIS = "0" * 64
CHECK = "audit.chain"
MASKED = "***"  # stored instead of secrets (password hashes, token hashes)


class HasUserId(Protocol):
    """`karier.people.access.Actor` (what services receive): the signed-in user's id, or None."""

    @property
    def user_id(self) -> int | None: ...


# Services pass their Actor; the admin and the token screen pass the signed-in User; jobs may pass None.
AuditActor = HasUserId | AbstractBaseUser | AnonymousUser | None


def actor_user_id(actor: AuditActor) -> int | None:
    """The user behind an audited write: an Actor's `user_id`, or an authenticated User's pk."""
    if actor is None:
        return None
    if isinstance(actor, AbstractBaseUser | AnonymousUser):
        return actor.pk if actor.is_authenticated else None
    return actor.user_id


@dataclass(frozen=True)
class Entry:
    """One event for `record_many`."""

    action: str
    obj: models.Model
    summary: str = ""
    changes: dict[str, Any] | None = None


def record(
    *,
    actor: AuditActor,
    action: str,
    obj: models.Model,
    summary: str = "",
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    return record_many(actor=actor, entries=[Entry(action=action, obj=obj, summary=summary, changes=changes)])[0]


def record_many(*, actor: AuditActor, entries: Sequence[Entry]) -> list[AuditEvent]:
    """Append the events to the chain in one insert (for bulk jobs), under the chain-head lock."""
    if not entries:
        return []
    user_id = actor_user_id(actor)
    with transaction.atomic():
        head = _locked_head()
        now = timezone.now()
        rows = []
        seq, prev = head.seq, head.hash
        for entry in entries:
            seq += 1
            row = AuditEvent(
                seq=seq,
                created_at=now,
                actor_id=user_id,
                action=entry.action,
                object_type=entry.obj._meta.label_lower,
                object_id=str(entry.obj.pk),
                summary=entry.summary[:255],
                changes=_jsonable(entry.changes or {}),
                prev_hash=prev,
            )
            row.hash = prev = content_hash(row)
            rows.append(row)
        AuditEvent.objects.bulk_create(rows)
        AuditChainHead.objects.filter(pk=head.pk).update(seq=seq, hash=prev)
    return rows


def _locked_head() -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        # Only after a test flush or a fresh table: start from whatever the table holds.
        last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
        AuditChainHead.objects.get_or_create(
            pk=1, defaults={"seq": last[0] if last else 0, "hash": last[1] if last else GENESIS}
        )
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    return head


def content_hash(row: AuditEvent) -> str:
    return _hash(
        seq=row.seq,
        created_at=row.created_at,
        actor_id=row.actor_id,
        action=row.action,
        object_type=row.object_type,
        object_id=row.object_id,
        summary=row.summary,
        changes=row.changes,
        prev_hash=row.prev_hash,
    )


def _hash(
    *,
    seq: int,
    created_at: dt.datetime,
    actor_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    summary: str,
    changes: Any,
    prev_hash: str,
) -> str:
    payload = {
        "seq": seq,
        "created_at": created_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "summary": summary,
        "changes": changes,
        "prev_hash": prev_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


CHAIN_FIELDS = (
    "id",
    "seq",
    "created_at",
    "actor_id",
    "action",
    "object_type",
    "object_id",
    "summary",
    "changes",
    "prev_hash",
    "hash",
)


def verify_chain() -> Iterator[Break]:
    """Every break in the audit chain, streaming the table in `seq` order (cost: one sha256 per row)."""
    label = AuditEvent._meta.label_lower
    prev_seq, prev_hash = 0, GENESIS
    rows = AuditEvent.objects.order_by("seq").values_list(*CHAIN_FIELDS).iterator(chunk_size=5000)
    for pk, seq, created_at, actor_id, action, object_type, object_id, summary, changes, stored_prev, stored in rows:
        actual = _hash(
            seq=seq,
            created_at=created_at,
            actor_id=actor_id,
            action=action,
            object_type=object_type,
            object_id=object_id,
            summary=summary,
            changes=changes,
            prev_hash=stored_prev,
        )
        if actual != stored:
            yield Break(
                CHECK,
                label,
                str(pk),
                expected=stored,
                actual=actual,
                detail=f"isi baris #{seq} ({action} {object_type}#{object_id}) telah diubah",
            )
        if seq != prev_seq + 1 or stored_prev != prev_hash:
            missing = (
                f"baris #{prev_seq + 1}–#{seq - 1} hilang"
                if seq > prev_seq + 1
                else f"baris sebelum #{seq} diubah atau diganti"
            )
            yield Break(
                CHECK,
                label,
                str(pk),
                expected=prev_hash,
                actual=stored_prev,
                detail=f"rantai putus sebelum #{seq}: {missing}",
            )
        prev_seq, prev_hash = seq, stored
    head = AuditChainHead.objects.filter(pk=1).values_list("seq", "hash").first()
    if head is not None and (head[0], head[1]) != (prev_seq, prev_hash) and not (head[0] == 0 and prev_seq == 0):
        yield Break(
            CHECK,
            AuditChainHead._meta.label_lower,
            "1",
            expected=f"#{head[0]} {head[1]}",
            actual=f"#{prev_seq} {prev_hash}",
            detail="baris terbaru jejak audit hilang atau diubah",
        )


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Only the fields that changed, as {field: [old, new]}."""
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
