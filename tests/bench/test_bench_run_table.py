"""`bench/run`'s table and linearity lines (pure functions of the collected JSON rows)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import runner  # from bench/, put on the path above


def row(workload: str, size: int, seconds: float, limit: float | None = 0.5) -> dict[str, object]:
    return {
        "workload": workload,
        "size": size,
        "seconds": seconds,
        "peak_mb": 123.4,
        "limit_label": "COPY of the same rows" if limit is not None else "",
        "limit_seconds": limit,
    }


def test_table_has_one_line_per_workload_and_size_with_the_ratio() -> None:
    text = runner.table(
        [row("seed", 100_000, 10.0, 2.0), row("seed", 50_000, 5.0, 1.0), row("job", 50_000, 0.25, None)]
    )
    lines = text.splitlines()
    assert lines[0].split(" | ")[0].strip() == "workload"
    assert [ln.split("|")[1].strip() for ln in lines[2:]] == [
        "50,000",
        "100,000",
        "50,000",
    ]  # sizes sorted per workload
    seed_50k = [c.strip() for c in lines[2].split("|")]
    assert seed_50k == ["seed", "50,000", "5.00 s", "123", "COPY of the same rows", "1.00 s", "5.0×"]
    job = [c.strip() for c in lines[4].split("|")]
    assert job[2] == "250.0 ms" and job[4:] == ["—", "—", "—"]


def test_linearity_gives_time_per_thousand_and_the_per_row_factor() -> None:
    lines = runner.linearity([row("close", 50_000, 5.0), row("close", 100_000, 10.0), row("close", 1_000_000, 130.0)])
    assert lines == [
        "close: 50,000: 100.0 ms/1k, 100,000: 100.0 ms/1k, 1,000,000: 130.0 ms/1k; "
        "size ×20.0 → time ×26.0 (per row ×1.30)"
    ]


def test_linearity_of_a_single_request_is_its_time_and_has_no_per_row_factor() -> None:
    lines = runner.linearity([row("dashboard page p50", 50_000, 0.05), row("dashboard page p50", 100_000, 0.06)])
    assert lines == [
        "dashboard page p50: per request (flat is right): 50,000: 50.0 ms, 100,000: 60.0 ms; size ×2.0 → time ×1.2"
    ]
