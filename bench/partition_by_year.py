"""Show partitioning by year on this machine (issue #14): a year-partitioned copy of the evaluations
and of the plans, partition pruning in EXPLAIN, and timings against the unpartitioned table.

    .venv/bin/python bench/partition_by_year.py --database-url postgres://karier:karier@127.0.0.1:54330/karier_f

PostgreSQL only; the database must hold data (bin/demo's commands or bench/period_close.py seed it).
Nothing of Karier's own tables is changed: the copies are made in a schema `bench_partition`, dropped
at the end (unless --keep). For each table:

1. a plain copy (`<name>_flat`, with the year as a column: the evaluations take it from their
   period) and a copy declared `PARTITION BY LIST (tahun)` with one partition per year found and a
   DEFAULT partition, each with the same indexes, both ANALYZEd;
2. a unique constraint without the year is tried on the partitioned copy: PostgreSQL refuses it
   (a unique index is enforced per partition, so it must contain the partition key) — printed;
3. `EXPLAIN ANALYZE` of one year's breakdown (GROUP BY unit and predikat/status) on both, and the
   median time of `--repeat` runs of each: the partitioned plan reads only that year's partition.

`--scale N` repeats the rows N times in both copies (new ids, same years) to see the effect on a
larger table without seeding more people.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass

SCHEMA = "bench_partition"


@dataclass(frozen=True)
class Table:
    name: str
    source: str  # SELECT giving the rows, with a `tahun` column
    indexes: tuple[str, ...]  # column lists, created on both copies
    unique_without_year: str  # what a unique constraint would be without the year
    query: str  # one year's breakdown; {t} is the table, %(tahun)s the year


EVALUASI = Table(
    name="evaluasi",
    source=("SELECT e.*, p.tahun FROM appraisal_evaluasi e JOIN appraisal_periodepenilaian p ON p.id = e.periode_id"),
    indexes=("tahun, unit_id", "periode_id, unit_id", "pegawai_id"),
    unique_without_year="pegawai_id, periode_id",
    query=(
        "SELECT unit_id, COALESCE(NULLIF(predikat_akhir, ''), predikat) AS p, count(*) FROM {t} "
        "WHERE tahun = %(tahun)s AND status = 'FINAL' GROUP BY 1, 2"
    ),
)
SKP = Table(
    name="skp",
    source="SELECT s.* FROM plans_skp s",
    indexes=("tahun, unit_id, status", "pegawai_id"),
    unique_without_year="pegawai_id, periode_mulai",
    query="SELECT unit_id, status, count(*) FROM {t} WHERE tahun = %(tahun)s GROUP BY 1, 2",
)


def _ms(cur: object, sql: str, params: dict[str, int], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        cur.execute(sql, params)  # type: ignore[attr-defined]
        cur.fetchall()  # type: ignore[attr-defined]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def build(cur: object, table: Table, scale: int) -> list[int]:
    """Both copies of `table`; returns the years found."""
    ex = cur.execute  # type: ignore[attr-defined]
    flat, part = f"{SCHEMA}.{table.name}_flat", f"{SCHEMA}.{table.name}_part"
    ex(f"CREATE TABLE {flat} AS {table.source} WITH NO DATA")
    ex(f"INSERT INTO {flat} SELECT * FROM ({table.source}) src")
    if scale > 1:
        ex(f"SELECT max(id) FROM {flat}")
        step = int(cur.fetchone()[0] or 0)  # type: ignore[attr-defined]
        cols = _columns(cur, flat)
        shifted = ", ".join(f"id + {step} * k" if c == "id" else c for c in cols)
        ex(f"INSERT INTO {flat} SELECT {shifted} FROM {flat}, generate_series(1, {scale - 1}) k")
    ex(f"SELECT DISTINCT tahun FROM {flat} ORDER BY 1")
    years = [int(r[0]) for r in cur.fetchall()]  # type: ignore[attr-defined]
    ex(f"CREATE TABLE {part} (LIKE {flat}) PARTITION BY LIST (tahun)")
    for year in years:
        ex(f"CREATE TABLE {part}_{year} PARTITION OF {part} FOR VALUES IN ({year})")
    ex(f"CREATE TABLE {part}_lain PARTITION OF {part} DEFAULT")
    ex(f"INSERT INTO {part} SELECT * FROM {flat}")
    ex(f"ALTER TABLE {flat} ADD PRIMARY KEY (id)")
    ex(f"ALTER TABLE {part} ADD PRIMARY KEY (id, tahun)")  # the key must include the partition column
    for i, index_cols in enumerate(table.indexes):
        ex(f"CREATE INDEX {table.name}_flat_{i} ON {flat} ({index_cols})")
        ex(f"CREATE INDEX {table.name}_part_{i} ON {part} ({index_cols})")  # one per partition, automatically
    ex(f"ANALYZE {flat}")
    ex(f"ANALYZE {part}")
    return years


def _columns(cur: object, qualified: str) -> list[str]:
    schema, name = qualified.split(".")
    cur.execute(  # type: ignore[attr-defined]
        "SELECT column_name FROM information_schema.columns WHERE table_schema = %s AND table_name = %s "
        "ORDER BY ordinal_position",
        (schema, name),
    )
    return [r[0] for r in cur.fetchall()]  # type: ignore[attr-defined]


def unique_refused(conn: object, table: Table) -> str:
    """The error PostgreSQL gives for a unique constraint that leaves out the partition key."""
    part = f"{SCHEMA}.{table.name}_part"
    try:
        with conn.transaction():  # type: ignore[attr-defined]
            conn.execute(f"ALTER TABLE {part} ADD UNIQUE ({table.unique_without_year})")  # type: ignore[attr-defined]
    except Exception as exc:  # the refusal is what this prints
        return str(exc).splitlines()[0] + " / " + " ".join(str(exc).splitlines()[1:2]).strip()
    return "(accepted — unexpected)"


def report(conn: object, table: Table, years: list[int], repeat: int) -> None:
    cur = conn.cursor()  # type: ignore[attr-defined]
    flat, part = f"{SCHEMA}.{table.name}_flat", f"{SCHEMA}.{table.name}_part"
    cur.execute(f"SELECT tahun, count(*) FROM {flat} GROUP BY 1 ORDER BY 1")
    per_year = cur.fetchall()
    total = sum(n for _, n in per_year)
    print(f"\n## {table.name}: {total:,} rows".replace(",", "."))
    print("  per year: " + ", ".join(f"{y}: {n:,}".replace(",", ".") for y, n in per_year))
    print(f"  partitions: {', '.join(f'{table.name}_part_{y}' for y in years)}, {table.name}_part_lain (DEFAULT)")
    print(f"  UNIQUE ({table.unique_without_year}) on the partitioned copy: {unique_refused(conn, table)}")
    year = max(years, key=lambda y: dict(per_year)[y])
    params = {"tahun": year}
    for label, name in (("unpartitioned", flat), ("partitioned", part)):
        sql = table.query.format(t=name)
        cur.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + sql, params)
        print(f"\n  EXPLAIN ({label}, tahun = {year}):")
        for (line,) in cur.fetchall():
            print("    " + line)
    for label, name in (("unpartitioned", flat), ("partitioned", part)):
        sql = table.query.format(t=name)
        _ms(cur, sql, params, 2)  # warm the cache
        print(f"  {label:>13}: {_ms(cur, sql, params, repeat):7.2f} ms (median of {repeat}, tahun = {year})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--scale", type=int, default=1, help="repeat every row this many times in the copies")
    parser.add_argument("--keep", action="store_true", help=f"keep the schema {SCHEMA} afterwards")
    args = parser.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        print("PostgreSQL only: give --database-url postgres://… (or DATABASE_URL).", file=sys.stderr)
        return 2
    import psycopg

    with psycopg.connect(args.database_url.replace("postgres://", "postgresql://", 1), autocommit=True) as conn:
        print(conn.execute("SELECT version()").fetchone()[0])  # type: ignore[index]
        conn.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        conn.execute(f"CREATE SCHEMA {SCHEMA}")
        try:
            for table in (EVALUASI, SKP):
                start = time.perf_counter()
                with conn.transaction():
                    years = build(conn.cursor(), table, args.scale)
                print(f"\nbuilt {table.name} copies in {time.perf_counter() - start:.1f} s")
                if years:
                    report(conn, table, years, args.repeat)
                else:
                    print(f"  {table.name}: no rows — seed the database first")
        finally:
            if not args.keep:
                conn.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
