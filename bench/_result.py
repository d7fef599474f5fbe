"""Machine-readable results and the COPY limits the benchmark scripts share (imported as `_result`).

`bench/run` starts each script with `--json FILE`; every script appends one JSON object per workload
it measured to that file (one line each), so the runner can print one table. The limit of a workload
is measured in the same run: a hand-written SQL statement, or — where the work is writing rows — COPY
of the very same rows into the same tables (`copy_out` untimed, `copy_in` timed), the fastest way
PostgreSQL takes rows in.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

COPY_BLOCK = 1 << 20  # bytes per write while streaming a file into COPY


def add_json_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json",
        metavar="FILE",
        default="",
        help="append one JSON object per workload (workload, size, seconds, peak_mb, limit) to FILE",
    )


def record(
    path: str,
    *,
    workload: str,
    size: int,
    seconds: float,
    peak_mb: float,
    limit_label: str = "",
    limit_seconds: float | None = None,
) -> None:
    """Append one workload's figures to `path` (nothing when `path` is empty: the script was run by hand)."""
    if not path:
        return
    row = {
        "workload": workload,
        "size": size,
        "seconds": round(seconds, 4),
        "peak_mb": round(peak_mb, 1),
        "limit_label": limit_label,
        "limit_seconds": None if limit_seconds is None else round(limit_seconds, 4),
    }
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps(row) + "\n")


def copy_out(select_sql: str) -> Path:
    """Write the rows of `select_sql` (no parameters: callers inline their integers) to a temporary file
    in COPY's binary format: the untimed half of a COPY limit, streamed so memory stays flat at any size.
    The caller removes the file."""
    from django.db import connection

    fd, name = tempfile.mkstemp(prefix="karier-bench-copy-", suffix=".bin")
    with (
        os.fdopen(fd, "wb") as f,
        connection.cursor() as c,
        c.cursor.copy(f"COPY ({select_sql}) TO STDOUT (FORMAT binary)") as copy,
    ):
        for block in copy:
            f.write(block)
    return Path(name)


def copy_in(table: str, path: Path) -> float:
    """COPY the file written by `copy_out` into `table` (same columns in the same order); returns seconds."""
    from django.db import connection

    t = time.perf_counter()
    with (
        connection.cursor() as c,
        open(path, "rb") as f,
        c.cursor.copy(f"COPY {connection.ops.quote_name(table)} FROM STDIN (FORMAT binary)") as copy,
    ):
        while block := f.read(COPY_BLOCK):
            copy.write(block)
    return time.perf_counter() - t


def copy_into_scratch(tables: list[str], where: dict[str, str] | None = None) -> tuple[float, int]:
    """The COPY limit on scratch copies: each table's rows (optionally filtered by `where[table]`) are
    exported, then timed while COPY loads them into `<table>_bench_scratch` (LIKE … INCLUDING ALL: the
    same columns, defaults, checks and indexes; no foreign keys). The scratch tables are dropped
    afterwards. Returns (seconds of the loads, rows loaded)."""
    from django.db import connection

    where = where or {}
    seconds, rows = 0.0, 0
    for table in tables:
        scratch = f"{table}_bench_scratch"
        with connection.cursor() as c:
            c.execute(f"DROP TABLE IF EXISTS {scratch}")
            c.execute(f"CREATE TABLE {scratch} (LIKE {table} INCLUDING ALL)")
        path = copy_out(f"SELECT * FROM {table}" + (f" WHERE {where[table]}" if table in where else ""))
        try:
            seconds += copy_in(scratch, path)
            with connection.cursor() as c:
                c.execute(f"SELECT COUNT(*) FROM {scratch}")
                rows += int(c.fetchone()[0])
        finally:
            path.unlink(missing_ok=True)
            with connection.cursor() as c:
                c.execute(f"DROP TABLE IF EXISTS {scratch}")
    return seconds, rows
