"""Helpers shared by the benchmark scripts (imported as `_common`: each script's folder is on sys.path)."""

from __future__ import annotations

import os
import resource
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
