"""The two hash-locked dependency files (docs/deployment.md): production without the test tools,
dev with them, the same pins for every package they share, and no host name in either."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEST_TOOLS = {
    "pytest",
    "pytest-django",
    "pytest-cov",
    "pytest-playwright",
    "pytest-xdist",
    "playwright",
    "schemathesis",
    "hypothesis",
    "pypdf",
    "ruff",
    "mypy",
    "django-stubs",
    "coverage",
}


def _pins(name: str) -> dict[str, tuple[str, frozenset[str]]]:
    """{package: (version, hashes)} of a lock written by `uv pip compile --generate-hashes`."""
    pins: dict[str, tuple[str, frozenset[str]]] = {}
    for block in re.split(r"\n(?=[a-z0-9])", (ROOT / "requirements" / name).read_text(encoding="utf-8")):
        match = re.match(r"([a-z0-9][a-z0-9._-]*)==(\S+)", block)
        if match:
            hashes = frozenset(re.findall(r"--hash=sha256:([0-9a-f]{64})", block))
            assert hashes, f"{match[1]} has no hash in {name}"
            pins[match[1]] = (match[2], hashes)
    return pins


def test_production_lock_has_no_test_tools_and_dev_lock_has_them() -> None:
    prod, dev = _pins("lock.txt"), _pins("lock-dev.txt")
    assert {"django", "django-ninja", "django-environ", "weasyprint", "psycopg", "gunicorn"} <= prod.keys()
    assert not TEST_TOOLS & prod.keys()
    assert dev.keys() >= TEST_TOOLS
    assert not {"django-axes", "django-ipware", "python-ipware", "dj-database-url"} & dev.keys()


def test_dev_lock_pins_every_production_package_alike() -> None:
    """So that an installed dev lock also satisfies the production one (bin/setup's shared .venv)."""
    prod, dev = _pins("lock.txt"), _pins("lock-dev.txt")
    assert {name: pin for name, pin in prod.items() if dev.get(name) != pin} == {}


def test_locks_name_no_host() -> None:
    for name in ("lock.txt", "lock-dev.txt"):
        text = (ROOT / "requirements" / name).read_text(encoding="utf-8")
        assert not re.search(r"https?://|index", text, re.IGNORECASE), name
