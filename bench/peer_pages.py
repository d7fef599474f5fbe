"""The serial cost of the pages skp-tulungagung also has (issue #14: "serial page cost ≤ 1/3 of
skp-tulungagung's on every like page … ≤ 25 ms median for most of these pages at 2,000 employees").

    .venv/bin/karier seed-demo --pegawai 2000                        # on DATABASE_URL
    .venv/bin/python bench/load/prepare.py --database-url …          # plans, the open period, accounts
    .venv/bin/python bench/peer_pages.py --database-url … [--repeat 15]

Reads the users file `bench/load/prepare.py` wrote (`var/load-users.json`): its first employee and
first superior, whose plans are approved and whose evaluations are open. Each page is requested
through the Django test client as the person who uses it — one cold request, then the median of
`--repeat` warm ones — and set against the goal of 25 ms:

| page | as | URL |
|---|---|---|
| own SKP list | employee | `/skp/` |
| SKP detail | employee | `/skp/<own plan>/` |
| subordinates' SKPs | superior | `/skp/bawahan/` |
| subordinates' evaluations | superior | `/penilaian/` |
| rating page | superior | `/penilaian/<a subordinate's evaluation>/` |
| bulk rating | superior | `/penilaian/periode/<p>/nilai/` |
| kurva | superior | `/penilaian/kalibrasi/<p>/unit/<own unit>/` |

The peer itself is not run here (it is not a Karier dependency); the issue's measurements of it at
2,000 employees give the ratios to compare with.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, time_pages

GOAL_MS = 25.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    ap.add_argument("--users", default=str(ROOT / "var" / "load-users.json"))
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    data = json.loads(Path(args.users).read_text(encoding="utf-8"))
    employee, superior, periode = data["employee"][0], data["superior"][0], data["periode_id"]
    pages = {
        employee["username"]: ["/skp/", f"/skp/{employee['skp_id']}/"],
        superior["username"]: [
            "/skp/bawahan/",
            "/penilaian/",
            f"/penilaian/{superior['evaluasi_ids'][0]}/",
            f"/penilaian/periode/{periode}/nilai/",
            f"/penilaian/kalibrasi/{periode}/unit/{superior['unit_id']}/",
        ],
    }
    from karier.people.models import Pegawai

    print(f"{Pegawai.objects.count():,} employees".replace(",", "."))
    medians: dict[str, float] = {}
    for username, urls in pages.items():
        print(f"\nas {username}")
        medians.update(time_pages(urls, args.repeat, username=username))
    print(f"\n{'page':<48} {'median ms':>10} {'goal ms':>8}  ")
    for url, ms in medians.items():
        print(f"{url:<48} {ms:>10.1f} {GOAL_MS:>8.0f}  {'ok' if ms <= GOAL_MS else 'ABOVE'}")


if __name__ == "__main__":
    main()
