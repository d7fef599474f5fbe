"""Print the load test's figures (started by `bench/load/run`; standard library only).

    python bench/load/report.py OUT_DIR

Reads locust's CSV files (`locust_stats.csv`, `locust_failures.csv`) and the worker memory samples
(`rss.txt`: "<time> <pid> <rss KiB>" per gunicorn worker per sample) from OUT_DIR and prints p50, p95 and
p99 per page, the errors, and the workers' peak resident memory; then, from `steady.csv` (written by the
locustfile), the same figures without the warm-up, when every user logs in at once.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path


def stats_table(rows: Iterable[dict[str, str]]) -> list[str]:
    head = ("page", "requests", "fails", "p50 ms", "p95 ms", "p99 ms", "max ms", "req/s")
    body = [
        (
            f"{r['Type']} {r['Name']}".strip() if r["Name"] != "Aggregated" else "all pages",
            r["Request Count"],
            r["Failure Count"],
            r["50%"],
            r["95%"],
            r["99%"],
            f"{float(r['Max Response Time'] or 0):.0f}",
            f"{float(r['Requests/s'] or 0):.2f}",
        )
        for r in rows
    ]
    widths = [max(len(h), *(len(b[i]) for b in body)) if body else len(h) for i, h in enumerate(head)]

    def line(cells: tuple[str, ...]) -> str:
        return " | ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    return [line(head), "-+-".join("-" * w for w in widths), *(line(b) for b in body)]


def _as_locust(r: dict[str, str]) -> dict[str, str]:
    """A steady.csv row in the shape of locust's own rows, for `stats_table`."""
    method, _, name = r["page"].partition(" ")
    aggregated = r["page"] == "all pages"
    return {
        "Type": "" if aggregated else method,
        "Name": "Aggregated" if aggregated else name,
        "Request Count": r["requests"],
        "Failure Count": r["fails"],
        "50%": r["p50"],
        "95%": r["p95"],
        "99%": r["p99"],
        "Max Response Time": r["max"],
        "Requests/s": r["rps"],
    }


def memory(samples: Iterable[str]) -> list[str]:
    per_worker: dict[str, int] = defaultdict(int)
    per_time: dict[str, int] = defaultdict(int)
    for raw in samples:
        parts = raw.split()
        if len(parts) != 3:
            continue
        when, pid, rss = parts
        per_worker[pid] = max(per_worker[pid], int(rss))
        per_time[when] += int(rss)
    if not per_worker:
        return ["worker memory: no samples"]
    peaks = sorted(per_worker.values(), reverse=True)
    return [
        f"worker memory: {len(per_worker)} workers seen, peak RSS per worker {peaks[0] / 1024:,.0f} MB "
        f"(all: {', '.join(f'{p / 1024:,.0f}' for p in peaks)} MB); peak of the workers together "
        f"{max(per_time.values()) / 1024:,.0f} MB over {len(per_time)} samples"
    ]


def main(out: Path) -> int:
    stats = out / "locust_stats.csv"
    if not stats.exists():
        print(f"no {stats}: locust did not run")
        return 1
    with stats.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    pages = sorted((r for r in rows if r["Name"] != "Aggregated"), key=lambda r: r["Name"])
    total = [r for r in rows if r["Name"] == "Aggregated"]
    print("\n".join(stats_table([*pages, *total])))
    failures = out / "locust_failures.csv"
    errs = list(csv.DictReader(failures.open(encoding="utf-8"))) if failures.exists() else []
    if errs:
        print("errors:")
        for e in errs:
            print(f"  {e['Occurrences']:>6} × {e['Method']} {e['Name']}: {e['Error'][:160]}")
    else:
        print("errors: none")
    steady = out / "steady.csv"
    if steady.exists():
        lines = steady.read_text(encoding="utf-8").splitlines()
        warmup = lines[0].lstrip("# ") if lines and lines[0].startswith("#") else ""
        rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
        print(f"\nsteady state (without the {warmup.removeprefix('warmup ')} of warm-up: the logins' queue):")
        print("\n".join(stats_table([_as_locust(r) for r in rows])))
    rss = out / "rss.txt"
    print("\n".join(memory(rss.read_text(encoding="utf-8").splitlines() if rss.exists() else [])))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
