"""A small in-process fuzzer: whatever a client sends, the API answers 200, 404 or 422 — never 500.

Hypothesis draws query strings (known and unknown names; numbers far outside any range; text with
control characters, NUL and non-Latin scripts) and path ids. Each answer must be JSON in the shape
the OpenAPI schema declares for its status. (schemathesis does the same from the schema when it is
installed; this needs only the dev dependencies.)
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from karier_api_org import Org, build_org

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

LIST_PARAMS = {
    "/api/v1/pegawai": ["q", "opd", "unit", "golongan", "jenis_jabatan", "limit", "offset"],
    "/api/v1/unit": ["parent", "opd", "q", "limit", "offset"],
    "/api/v1/jabatan": ["unit", "jenis", "atasan", "limit", "offset"],
}

values = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.integers(min_value=-3, max_value=250).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", "root", "PELAKSANA", "JPT_PRATAMA", "III/a", "null", "true", "1e3", " 1"]),
    st.text(max_size=120),
)


@pytest.fixture
def org() -> Org:
    return build_org()


@pytest.fixture
def scoped(client: Client, org: Org) -> Client:
    client.force_login(org.users["kabid1"])  # a scoped actor exercises the visibility filters too
    return client


def check(response: Any, allowed: set[int]) -> dict[str, Any]:
    assert response.status_code in allowed, (response.status_code, response.content[:500])
    body = response.json()
    if response.status_code == 422:
        assert isinstance(body["detail"], list)
    elif response.status_code == 404:
        assert isinstance(body["detail"], str)
    return body


@pytest.mark.parametrize("url", list(LIST_PARAMS))
def test_list_endpoints_never_fail(scoped: Client, url: str) -> None:
    names = st.sampled_from(LIST_PARAMS[url]) | st.text(min_size=1, max_size=8)

    @FUZZ
    @given(params=st.dictionaries(names, values, max_size=4))
    def run(params: dict[str, str]) -> None:
        body = check(scoped.get(url, params), {200, 422})
        if "items" in body:
            assert body["count"] >= len(body["items"])
            assert len(body["items"]) <= 200

    run()


@pytest.mark.parametrize("prefix", ["/api/v1/pegawai/", "/api/v1/unit/", "/api/v1/jabatan/"])
def test_detail_endpoints_never_fail(scoped: Client, prefix: str) -> None:
    ids = st.one_of(
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.integers(min_value=1, max_value=60).map(str),
        st.text(
            alphabet=st.characters(exclude_characters="/?#%", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=20
        ),
    )

    @FUZZ
    @given(item=ids)
    def run(item: str) -> None:
        r = scoped.get(prefix + item)
        if r.status_code == 404 and not r.headers.get("Content-Type", "").startswith("application/json"):
            return  # Django's own 404: the path did not match the route at all (e.g. "1/x")
        check(r, {200, 404, 422})

    run()
