"""Fixtures of the standards tests: the shared `org` plus the demo standards seeded on top of it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.orgdata import Org


@pytest.fixture
def seeded(org: Org) -> Org:
    from karier.standards.demo import seed_standards
    from tests.replay import replayed_on

    replayed_on("seed_standards", org, lambda _: seed_standards())
    return org


@pytest.fixture
def login(org: Org) -> Any:
    def make(who: str) -> Client:
        client = Client()
        if who != "anonymous":
            client.force_login(org.users[who])
        return client

    return make
