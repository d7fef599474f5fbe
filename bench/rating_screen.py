"""Time the bulk-rating screen as a person uses it (issue #10 §4): rate 25 people with 3 exceptions on a
1280 px desktop and on a 360 px phone, in Debian's chromium, and print the actions and the time.

    .venv/bin/python bench/rating_screen.py            # both widths
    .venv/bin/python bench/rating_screen.py --runs 3   # repeat, print the median wall time

It runs `tests/browser/test_browser_rating_speed.py::test_rate_25_with_3_exceptions` through pytest
(the live server, the demo-like team of 25 with approved plans and a few realisations, and the
Playwright fixtures are the test's), which records clicks/taps, keystrokes and machine wall time per
width in a JSON-lines file; this script then adds the estimate for a real user from those counts
(docs/rating.md, "How fast"): a desktop click 1.2 s (point + click), a phone tap 1.5 s, a keystroke
0.28 s on a keyboard and 0.5 s on a phone, 1.35 s to decide each of the 6 choices of the 3
exceptions, 2 s to glance at each of the 25 rows, 3 s to find each exception's card on a phone.
Screenshots: var/test-artefacts/personas/rating-speed-<width>/.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST = "tests/browser/test_browser_rating_speed.py::test_rate_25_with_3_exceptions"
TEAM, EXCEPTIONS = 25, 3
RATES = {  # seconds per action for a real user
    "desktop": {"click": 1.2, "key": 0.28, "find": 0.0},
    "phone": {"click": 1.5, "key": 0.5, "find": 3.0},
}
DECIDE, GLANCE = 1.35, 2.0
TARGET = {"desktop": 120, "phone": 240}


def estimate(kind: str, clicks: int, keys: int) -> float:
    r = RATES[kind]
    return clicks * r["click"] + keys * r["key"] + EXCEPTIONS * (2 * DECIDE + r["find"]) + TEAM * GLANCE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="repeat the walk (default 1)")
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="karier-bench-rating-")) / "figures.jsonl"
    env = {**os.environ, "KARIER_RATING_BENCH_OUT": str(out)}
    for _ in range(args.runs):
        cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", TEST]
        done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(done.stdout[-3000:], done.stderr[-2000:], sep="\n")
            sys.exit(done.returncode)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(f"rating {TEAM} people with {EXCEPTIONS} exceptions (bulk screen, chromium, {args.runs} run(s))")
    head = ("width", "clicks/taps", "keys", "actions", "machine s", "person ~s", "target s")
    print("{:>6} {:>12} {:>5} {:>8} {:>10} {:>10} {:>9}".format(*head))
    for width in sorted({r["width"] for r in rows}):
        mine = [r for r in rows if r["width"] == width]
        kind = "phone" if width < 600 else "desktop"
        clicks, keys = mine[0]["clicks"], mine[0]["keys"]
        machine = statistics.median(r["seconds"] for r in mine)
        person = estimate(kind, clicks, keys)
        print(
            f"{width:>6} {clicks:>12} {keys:>5} {clicks + keys:>8} {machine:>10.2f} {person:>10.0f} {TARGET[kind]:>9}"
        )


if __name__ == "__main__":
    main()
