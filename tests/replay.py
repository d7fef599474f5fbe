"""Replay of a deterministic builder's database writes, so that a fixture built through the
services costs its services once per test process instead of once per test.

Why: most tests start from the same small organisation (`tests.orgdata.build_org`). Built through
the services it runs about 540 queries and ORM work, 0.12 s a test (0.25 s under coverage), which
was more than half of the suite's time. The first call of a key in a process runs the builder for
real and records what it changed, table by table (rows inserted, updated, deleted); every later call
on the same database state writes exactly those rows back, in a few statements, and returns a deep
copy of the builder's result. The rows are the builder's own, ids and timestamps included, so the
audit chain and every foreign key stay as the services made them.

A replay happens only when it is sure to be the same build:
- the database is in the state it was recorded in, as far as the number of rows in every table
  tells (after the rollback of the previous test it is; a test whose other fixtures wrote first is
  recorded for that state);
- the day is the same (builders read "today");
- every table the builder wrote belongs to a model (else the key is always built for real);
- the test runs in a transaction (a transactional test's services commit one by one, and what their
  on-commit callbacks do would be missed: such a test builds for real).
`tests/test_replay.py` proves that a replay leaves every table exactly as the real build did.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.apps import apps
from django.db import connection, transaction
from django.db.models import Model
from django.test.utils import CaptureQueriesContext

from karier.core.bulk import reset_sequences

T = TypeVar("T")
A = TypeVar("A")

# A captured executemany reads "3 times: INSERT INTO …" (django.db.backends.utils.debug_sql).
_WRITE = re.compile(r'^\s*(?:\d+ times: )?(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


@dataclass
class _TableChange:
    model: type[Model]
    deleted: list[Any] = field(default_factory=list)  # primary keys
    updated: list[tuple[Any, ...]] = field(default_factory=list)  # prepared values, pk last
    inserted: list[tuple[Any, ...]] = field(default_factory=list)  # prepared values, in field order


@dataclass
class _Recording:
    changes: list[_TableChange] | None  # None: not replayable, always build for real
    result: Any = None
    argument: Any = None  # the builder's argument as the build left it
    existed: dict[str, set[Any]] = field(default_factory=dict)  # its dicts' keys before the build
    changed: list[str] = field(default_factory=list)  # its other attributes the build replaced


Fingerprint = tuple[tuple[str, int], ...]
_RECORDINGS: dict[tuple[Hashable, Fingerprint, dt.date], _Recording] = {}


def replayed(key: Hashable, build: Callable[[], T]) -> T:
    """`build()`'s result, its writes replayed when this process has recorded them for `key` on the
    same database state (see the module's docstring)."""
    return replayed_on(key, None, lambda _: build())


def replayed_on(key: Hashable, argument: A, build: Callable[[A], T]) -> T:
    """`build(argument)`'s result, for a builder that reads or changes its argument, an object of
    dicts and plain values (`seksi(org)` adds its staff to the `org`). A replay makes the same
    changes to the caller's `argument`: it adds the entries the build added to its dicts and sets
    the attributes it replaced. Everything that was there before stays the caller's own (a user
    added by the test keeps its own password hash), and the result refers to the caller's objects
    wherever the build's did. A build that changes an object the argument already held (refreshes
    an employee) is never replayed. The argument's entries and plain values are part of the key
    (`_state_of`); what the build reads from them beyond that belongs in `key`."""
    if not connection.in_atomic_block:
        # A transactional test: its services' on-commit callbacks run as each service commits,
        # which a recording made in one transaction would not see. Built for real.
        return build(argument)
    fingerprint = _fingerprint()
    state = ((key, _state_of(argument)), fingerprint, dt.date.today())
    recording = _RECORDINGS.get(state)
    if recording is None:
        return _record(state, fingerprint, argument, build)
    if recording.changes is None:
        return build(argument)
    with transaction.atomic():  # one transaction: foreign keys are checked at its end
        _apply(recording.changes)
    return _rebound(recording, argument)


def _state_of(argument: Any) -> Hashable:
    """What the argument holds: its dicts' keys and its plain values (`org.seq`)."""
    if argument is None:
        return None
    return tuple(
        (n, tuple(v) if isinstance(v, dict) else v if isinstance(v, int | str) else type(v).__name__)
        for n, v in sorted(vars(argument).items())
    )


def _dicts(argument: Any) -> dict[str, dict[Any, Any]]:
    return {n: v for n, v in vars(argument).items() if isinstance(v, dict)} if argument is not None else {}


def _rebound(recording: _Recording, argument: Any) -> Any:
    """The recorded result, its references to the recorded argument (and to what the argument held
    before the build) bound to the caller's; the argument given the build's additions."""
    kept = recording.argument
    memo: dict[int, Any] = {id(kept): argument}
    for name, entries in _dicts(kept).items():
        live = getattr(argument, name)
        memo[id(entries)] = live
        for k in recording.existed[name]:
            memo[id(entries[k])] = live[k]
    for name, entries in _dicts(kept).items():
        live = getattr(argument, name)
        for k, v in entries.items():
            if k not in recording.existed[name]:
                live[k] = copy.deepcopy(v, memo)
    for name in recording.changed:
        setattr(argument, name, copy.deepcopy(getattr(kept, name), memo))
    return copy.deepcopy(recording.result, memo)


def _tables() -> dict[str, type[Model]]:
    return {m._meta.db_table: m for m in apps.get_models(include_auto_created=True) if m._meta.managed}


def _fingerprint() -> Fingerprint:
    """Every table's row count, in one statement (4 ms on PostgreSQL, 1 ms on SQLite; each table's
    MAX(id) as well cost 25 ms of planning there). Counts do not see a changed row: a builder that
    reads what a test changed in place must carry that state in its key."""
    quote = connection.ops.quote_name
    names = sorted(_tables())
    sql = " UNION ALL ".join(f"SELECT %s, COUNT(*) FROM {quote(n)}" for n in names)
    with connection.cursor() as cursor:
        cursor.execute(sql, names)
        return tuple(sorted((str(n), int(c)) for n, c in cursor.fetchall()))


def _rows(model: type[Model]) -> dict[Any, tuple[Any, ...]]:
    """The table's rows by primary key, each as its concrete fields' values (attnames, in order)."""
    names = [f.attname for f in model._meta.concrete_fields]
    pk_index = names.index(model._meta.pk.attname)  # type: ignore[union-attr]
    return {row[pk_index]: row for row in model._base_manager.values_list(*names)}


class _DryRun(Exception):
    pass


def _record(
    state: tuple[Hashable, Fingerprint, dt.date], fingerprint: Fingerprint, argument: A, build: Callable[[A], T]
) -> T:
    tables = _tables()
    with transaction.atomic():
        # A dry run on a copy of the argument, rolled back, names the tables the builder writes: by
        # its statements, and by the counts (a COPY is not a captured statement).
        try:
            with transaction.atomic(), CaptureQueriesContext(connection) as captured:
                build(copy.deepcopy(argument))
                written = {m[1] for q in captured.captured_queries if (m := _WRITE.match(q["sql"]))}
                written |= {now[0] for now, then in zip(_fingerprint(), fingerprint, strict=True) if now != then}
                raise _DryRun
        except _DryRun:
            pass
        replayable = written <= tables.keys()
        models = [tables[n] for n in sorted(written & tables.keys())]
        before = {m: _rows(m) for m in models}
        existed = {n: set(v) for n, v in _dicts(argument).items()}
        held = {
            (n, k): (v, dict(vars(v)) if hasattr(v, "__dict__") else None)
            for n, d in _dicts(argument).items()
            for k, v in d.items()
        }
        dict_ids = {n: id(v) for n, v in _dicts(argument).items()}
        plain = {n: v for n, v in vars(argument).items() if n not in existed} if argument is not None else {}
        result = build(argument)
        changes = [_change(m, before[m], _rows(m)) for m in models] if replayable else None
    changed = [
        n
        for n, v in (vars(argument) if argument is not None else {}).items()
        if n not in existed and plain.get(n, _DryRun) is not v
    ]
    if {n: id(v) for n, v in _dicts(argument).items()} != dict_ids or _changed_in_place(argument, held):
        changes = None  # not an argument a replay can rebuild: always built for real
    kept_result, kept_argument = copy.deepcopy((result, argument))
    _RECORDINGS[state] = _Recording(changes, kept_result, kept_argument, existed, changed)
    return result


def _changed_in_place(argument: Any, held: dict[tuple[str, Any], tuple[Any, dict[str, Any] | None]]) -> bool:
    """Whether the build replaced or removed an entry the argument held before it, or changed one of
    its attributes (a `refresh_from_db` of an employee): a replay only adds entries."""
    for (name, key), (obj, before) in held.items():
        entries = getattr(argument, name)
        if key not in entries or entries[key] is not obj:
            return True
        now = vars(obj) if before is not None else {}
        if before and any(a not in now or (now[a] is not v and now[a] != v) for a, v in before.items()):
            return True
    return False


def _change(model: type[Model], before: dict[Any, tuple[Any, ...]], after: dict[Any, tuple[Any, ...]]) -> _TableChange:
    fields = model._meta.concrete_fields
    pk_name = model._meta.pk.attname  # type: ignore[union-attr]
    pk_index = [f.attname for f in fields].index(pk_name)

    def prepared(row: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(f.get_db_prep_save(v, connection) for f, v in zip(fields, row, strict=True))

    change = _TableChange(model)
    change.deleted = [pk for pk in before if pk not in after]
    for pk, row in after.items():
        if pk not in before:
            change.inserted.append(prepared(row))
        elif before[pk] != row:
            values = prepared(row)
            change.updated.append(values[:pk_index] + values[pk_index + 1 :] + (values[pk_index],))
    return change


def _apply(changes: list[_TableChange]) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for change in changes:
            meta = change.model._meta
            table = quote(meta.db_table)
            pk_column = quote(meta.pk.column)  # type: ignore[union-attr]
            columns = [quote(f.column) for f in meta.concrete_fields]
            if change.deleted:
                marks = ", ".join(["%s"] * len(change.deleted))
                cursor.execute(f"DELETE FROM {table} WHERE {pk_column} IN ({marks})", change.deleted)
            if change.updated:
                others = [c for c in columns if c != pk_column]
                assignments = ", ".join(f"{c} = %s" for c in others)
                cursor.executemany(f"UPDATE {table} SET {assignments} WHERE {pk_column} = %s", change.updated)
            if change.inserted:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", change.inserted)
    # PostgreSQL's sequences never run backwards by themselves, but a test may reset one below these ids.
    reset_sequences(c.model for c in changes if c.inserted)
