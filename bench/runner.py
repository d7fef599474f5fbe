"""Run every benchmark on PostgreSQL at the sizes asked and print one table (started by `bench/run`).

    bench/run --database-url postgres://karier:karier@127.0.0.1:54330/ [--sizes 50000,100000,1000000]

For each size a fresh database `<prefix><size>` is created on the server of --database-url (its own
database part is ignored; the role must be allowed to create databases), the workloads run one after
the other in it — each script in its own process, with `--json FILE` — and the database is dropped at
the end unless --keep. The order matters: `seed` builds the province the others reuse.

Each workload is set against its limit measured in the same run (COPY of the same rows, or the
hand-written SQL of the same work; see each script). The table gives workload, size, time, the peak
resident memory of the script's process, the limit, its time and the ratio; then, per workload, the
time per 1,000 employees at each size and the growth between the smallest and the largest size
(a per-row factor near 1.0 means the cost grows linearly).

The machine's other work shows in the figures: on a shared box run twice and compare.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"


@dataclass(frozen=True)
class Workload:
    key: str
    script: str
    args: tuple[str, ...]  # {n} is the size, {repeat} the page repetitions


WORKLOADS = (
    Workload("seed", "seed_demo.py", ("--pegawai", "{n}")),
    Workload("skp", "skp_bulk.py", ("--pegawai", "{n}")),
    Workload("close", "period_close.py", ("--pegawai", "{n}")),
    Workload("development", "development_recommend.py", ("--pegawai", "{n}")),
    Workload("talent", "talent_recompute.py", ("--pegawai", "{n}")),
    Workload("dashboard", "insight_dashboard.py", ("--pegawai", "{n}", "--repeat", "{repeat}")),
    Workload("directory", "directory.py", ("--size", "{n}", "--repeat", "{repeat}")),
)


# ---------------------------------------------------------------------------- the table (pure)
def fmt_seconds(s: float | None) -> str:
    if s is None:
        return "—"
    if s < 1:
        return f"{s * 1000:.1f} ms"
    return f"{s:,.2f} s"


def fmt_ratio(seconds: float, limit: float | None) -> str:
    if not limit:
        return "—"
    return f"{seconds / limit:,.1f}×"


def table(rows: Sequence[dict[str, object]]) -> str:
    """The one table: a row per workload and size, in the order the rows came (workload, then size)."""
    head = ("workload", "size", "time", "peak MB", "limit", "limit time", "ratio")
    order: dict[str, int] = {}
    for r in rows:
        order.setdefault(str(r["workload"]), len(order))
    body = [
        (
            str(r["workload"]),
            f"{int(r['size']):,}",  # type: ignore[call-overload]
            fmt_seconds(float(r["seconds"])),  # type: ignore[arg-type]
            f"{float(r['peak_mb']):,.0f}",  # type: ignore[arg-type]
            str(r.get("limit_label") or "—"),
            fmt_seconds(_opt(r.get("limit_seconds"))),
            fmt_ratio(float(r["seconds"]), _opt(r.get("limit_seconds"))),  # type: ignore[arg-type]
        )
        for r in sorted(rows, key=lambda r: (order[str(r["workload"])], int(r["size"])))  # type: ignore[call-overload]
    ]
    widths = [max(len(h), *(len(b[i]) for b in body)) if body else len(h) for i, h in enumerate(head)]
    right = {1, 2, 3, 5, 6}

    def line(cells: Iterable[str]) -> str:
        return " | ".join(
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    out = [line(head), "-+-".join("-" * w for w in widths)]
    out += [line(b) for b in body]
    return "\n".join(out)


def linearity(rows: Sequence[dict[str, object]]) -> list[str]:
    """Per workload: time per 1,000 employees at each size (a single request: its time), and from the
    smallest to the largest size the size factor, the time factor and the per-row factor (time factor /
    size factor; 1.0 = linear)."""
    by: dict[str, dict[int, float]] = {}
    for r in rows:
        by.setdefault(str(r["workload"]), {})[int(r["size"])] = float(r["seconds"])  # type: ignore[call-overload,arg-type]
    out = []
    for workload, sizes in by.items():
        ns = sorted(sizes)
        if is_request(workload):  # one page or search: its time should stay flat as the province grows
            per_k = "per request (flat is right): " + ", ".join(f"{n:,}: {fmt_seconds(sizes[n])}" for n in ns)
        else:
            per_k = ", ".join(f"{n:,}: {fmt_seconds(sizes[n] / n * 1000)}/1k" for n in ns)
        if len(ns) < 2 or not sizes[ns[0]]:
            out.append(f"{workload}: {per_k}")
            continue
        size_f = ns[-1] / ns[0]
        time_f = sizes[ns[-1]] / sizes[ns[0]]
        per_row = "" if is_request(workload) else f" (per row ×{time_f / size_f:,.2f})"
        out.append(f"{workload}: {per_k}; size ×{size_f:,.1f} → time ×{time_f:,.1f}{per_row}")
    return out


def is_request(workload: str) -> bool:
    """A single request (a page's p50, a search), not a job over everyone."""
    return "page" in workload or "search" in workload


def _opt(v: object) -> float | None:
    return None if v is None else float(v)  # type: ignore[arg-type]


def read_rows(path: Path) -> list[dict[str, object]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# ---------------------------------------------------------------------------- running
def database_url(server: str, name: str) -> str:
    parts = urlsplit(server)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def admin(server: str, sql: str) -> None:
    """One statement on the server's maintenance database (CREATE/DROP DATABASE run outside transactions)."""
    import psycopg

    with psycopg.connect(database_url(server, "postgres"), autocommit=True) as conn:
        conn.execute(sql)


def run_workload(w: Workload, *, url: str, n: int, repeat: int, out: Path, log: Path, timeout: float) -> str:
    """Run one script; its output goes to `log`. Returns '' or what went wrong."""
    args = [a.format(n=n, repeat=repeat) for a in w.args]
    cmd = [str(PYTHON), str(ROOT / "bench" / w.script), *args, "--database-url", url, "--json", str(out)]
    env = {**os.environ, "DATABASE_URL": url}
    with log.open("a", encoding="utf-8") as f:
        f.write(f"\n$ {' '.join(cmd)}\n")
        f.flush()
        try:
            done = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT, env=env, timeout=timeout or None)
        except subprocess.TimeoutExpired:
            return f"stopped after {timeout:,.0f} s (--timeout)"
    return "" if done.returncode == 0 else f"exit {done.returncode} (see {log})"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bench/run", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="a PostgreSQL server where this role may create databases (default: $DATABASE_URL)",
    )
    parser.add_argument("--sizes", default="50000,100000", help="employees, comma-separated (1000000 is opt-in)")
    parser.add_argument(
        "--workloads",
        default=",".join(w.key for w in WORKLOADS),
        help="which to run, comma-separated, in this order (seed first: the others reuse its province)",
    )
    parser.add_argument("--prefix", default="bench_run_", help="database name prefix (the size is appended)")
    parser.add_argument("--repeat", type=int, default=5, help="warm requests per page (median)")
    parser.add_argument("--timeout", type=float, default=0, help="seconds a workload may take (0: no limit)")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument(
        "--out", default="", help="directory for the logs and results.jsonl (default: a new one in var/)"
    )
    args = parser.parse_args(argv)
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        parser.error("--database-url (or DATABASE_URL) must point at a PostgreSQL server")
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    keys = [k.strip() for k in args.workloads.split(",") if k.strip()]
    unknown = set(keys) - {w.key for w in WORKLOADS}
    if unknown:
        parser.error(f"unknown workloads {sorted(unknown)}; choose from {[w.key for w in WORKLOADS]}")
    chosen = [w for w in WORKLOADS if w.key in keys]
    out_dir = Path(args.out or ROOT / "var" / f"bench-run-{time.strftime('%Y%m%d-%H%M%S')}")
    out_dir.mkdir(parents=True, exist_ok=True)
    results = out_dir / "results.jsonl"
    problems: list[str] = []
    for n in sizes:
        name = f"{args.prefix}{n}"
        url = database_url(args.database_url, name)
        admin(args.database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin(args.database_url, f'CREATE DATABASE "{name}"')
        log = out_dir / f"{n}.log"
        try:
            for w in chosen:
                t = time.perf_counter()
                print(f"{n:>9,}  {w.key:<12}", end=" ", flush=True)
                bad = run_workload(w, url=url, n=n, repeat=args.repeat, out=results, log=log, timeout=args.timeout)
                print(f"{time.perf_counter() - t:8.1f} s  {bad or 'ok'}", flush=True)
                if bad:
                    problems.append(f"{w.key} at {n:,}: {bad}")
        finally:
            if not args.keep:
                admin(args.database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    rows = read_rows(results)
    print()
    print(table(rows))
    print()
    print("linearity (time per 1,000 employees; per-row factor 1.0 = linear):")
    for line in linearity(rows):
        print(f"  {line}")
    for p in problems:
        print(f"problem: {p}")
    print(f"logs and results.jsonl in {out_dir}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
