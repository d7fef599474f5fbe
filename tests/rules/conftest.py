"""The rules tests need no Django: neutralise the project's Django-only autouse fixtures here,
so that ``pytest tests/rules -p no:django`` runs (fixtures of the same name in a nearer conftest
override the root ones)."""

import pytest


@pytest.fixture(autouse=True)
def _fast_hashing() -> None:
    """Overrides tests/conftest.py's fixture, which needs pytest-django's ``settings``."""
