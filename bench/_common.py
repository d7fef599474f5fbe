"""Helpers shared by the benchmark scripts (imported as `_common`: each script's folder is on sys.path)."""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


@contextmanager
def django_in_temp_dir(database_url: str, *, keep: bool = False) -> Iterator[str]:
    """Start Django with KARIER_VAR_DIR in a new temporary directory, on `database_url` (a disposable
    database) or, when empty, on a SQLite database in that directory. Yields the directory; removes it
    afterwards unless `keep` (then says where it is)."""
    tmp = tempfile.mkdtemp(prefix="karier-bench-")
    os.environ["KARIER_VAR_DIR"] = tmp
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    try:
        import django

        django.setup()
        yield tmp
    finally:
        if keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def time_pages(urls: list[str], repeat: int, *, username: str = "admin") -> dict[str, float]:
    """Request each URL through the Django test client as `username`: the cold first request, then the
    median of `repeat` warm ones with their number of queries; a table, then the peak memory. Returns
    each URL's warm median (ms), for a script that sets it against a limit."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from karier.accounts.models import User

    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    client.force_login(User.objects.get(username=username))
    width = max(len(u) for u in urls) + 2
    print(f"{'page':<{width}} {'cold ms':>8} {'warm ms':>8} {'queries':>8}")
    medians: dict[str, float] = {}
    for url in urls:
        t = time.perf_counter()
        r: Any = client.get(url)
        cold = (time.perf_counter() - t) * 1000
        assert r.status_code == 200, (url, r.status_code)
        warm = []
        queries = 0
        for _i in range(max(repeat, 1)):
            with CaptureQueriesContext(connection) as ctx:
                t = time.perf_counter()
                client.get(url)
                warm.append((time.perf_counter() - t) * 1000)
            queries = len(ctx.captured_queries)
        medians[url] = statistics.median(warm)
        print(f"{url:<{width}} {cold:>8.0f} {medians[url]:>8.0f} {queries:>8}")
    print(f"peak memory: {peak_mb():.0f} MB")
    return medians
