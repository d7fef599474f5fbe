"""The OpenAPI schema and docs load; every operation documents its errors; bad input is 422."""

from __future__ import annotations

import re
import typing
from typing import Any

import pytest
from django.test import Client
from karier_api_org import Org, build_org

pytestmark = pytest.mark.django_db

ROUTES = {
    "/api/v1/pegawai",
    "/api/v1/pegawai/{pegawai_id}",
    "/api/v1/unit",
    "/api/v1/unit/{unit_id}",
    "/api/v1/jabatan",
    "/api/v1/jabatan/{jabatan_id}",
    "/api/v1/me",
}

# Operations that need no account, by design: the SKM questionnaire sent by its public token (issue #13).
PUBLIC_OPERATIONS = {("post", "/api/v1/skm/publik/{token}/respons")}


@pytest.fixture
def org() -> Org:
    return build_org()


@pytest.fixture
def admin(client: Client, org: Org) -> Client:
    client.force_login(org.users["admin"])
    return client


def test_openapi_schema_lists_routes_and_errors(client: Client) -> None:
    r = client.get("/api/v1/openapi.json")
    assert r.status_code == 200
    schema = r.json()
    assert schema["info"]["title"] == "Karier API"
    assert set(schema["paths"]) >= ROUTES
    assert {"TokenAuth", "SessionAuth"} <= set(schema["components"]["securitySchemes"])
    for path, item in schema["paths"].items():
        for method, op in item.items():
            codes = set(op["responses"])
            assert codes & {"200", "201", "202", "204"}, (method, path)
            if (method, path) in PUBLIC_OPERATIONS:
                assert not op.get("security") and "422" in codes, (method, path)
            else:
                assert {"401", "422"} <= codes, (method, path)
                assert op["security"], (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
                for param in (p for p in op["parameters"] if p["in"] == "path"):
                    if param["schema"].get("type") == "string":  # a code, e.g. a certificate's: bounded
                        assert 0 < param["schema"]["maxLength"] <= 100, (method, path, param["name"])
                    else:
                        assert param["schema"]["minimum"] == 1, (method, path, param["name"])
    limit = next(p for p in schema["paths"]["/api/v1/pegawai"]["get"]["parameters"] if p["name"] == "limit")
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"]) == (1, 200)


def test_docs_page_needs_a_login(client: Client) -> None:
    r = client.get("/api/v1/docs")
    assert r.status_code == 302 and r["Location"].startswith("/akun/masuk/?next=/api/v1/docs")


def test_docs_page_serves_swagger_from_the_installed_package(admin: Client) -> None:
    r = admin.get("/api/v1/docs")
    assert r.status_code == 200
    html = r.content.decode()
    assert "openapi.json" in html
    assert "/static/ninja/swagger-ui-bundle.js" in html and "/static/ninja/swagger-ui.css" in html
    # Every src/href is on this site: no CDN, nothing with a host.
    for ref in re.findall(r"""(?:src|href)=["']([^"']+)["']""", html):
        assert not re.match(r"^(?:[a-z]+:)?//", ref), ref
        assert "cdn" not in ref.lower(), ref
    assert "<script>" not in html.replace(" ", "")  # the settings are a JSON block, not inline code
    assert admin.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


def test_component_schema_names_are_unique_and_plan_actions_take_the_plan_comment(client: Client) -> None:
    """Two models with one name silently overwrite each other in components/schemas (the peer-rating
    comment used to appear as the body of /skp/{id}/ajukan)."""
    from karier.api.api import api

    schema = api.get_openapi_schema()
    seen: dict[str, str] = {}
    for model in _schema_models(api):
        qualified = f"{model.__module__}.{model.__qualname__}"
        assert seen.setdefault(model.__name__, qualified) == qualified, (
            f"two schemas named {model.__name__}: {seen[model.__name__]} and {qualified}"
        )
    assert {"KomentarIn", "JawabanIn"} <= set(seen)  # the walk reaches nested models
    components = schema["components"]["schemas"]
    for action in ("ajukan", "kembalikan", "setujui"):
        body = schema["paths"][f"/api/v1/skp/{{skp_id}}/{action}"]["post"]["requestBody"]
        ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
        assert set(components[ref]["properties"]) == {"komentar"}, (action, components[ref])


BAD = [
    ("/api/v1/pegawai", {"limit": 0}),
    ("/api/v1/pegawai", {"limit": 201}),
    ("/api/v1/pegawai", {"limit": "banyak"}),
    ("/api/v1/pegawai", {"offset": -1}),
    ("/api/v1/pegawai", {"offset": 10**12}),
    ("/api/v1/pegawai", {"offset": 10**30}),
    ("/api/v1/pegawai", {"opd": 0}),
    ("/api/v1/pegawai", {"opd": 2**63}),
    ("/api/v1/pegawai", {"unit": "x"}),
    ("/api/v1/pegawai", {"unit": -5}),
    ("/api/v1/pegawai", {"golongan": 99}),
    ("/api/v1/pegawai", {"golongan": "III/a"}),
    ("/api/v1/pegawai", {"jenis_jabatan": "RAJA"}),
    ("/api/v1/pegawai", {"q": "a\x00b"}),
    ("/api/v1/pegawai", {"q": "x" * 101}),
    ("/api/v1/unit", {"parent": "akar"}),
    ("/api/v1/unit", {"parent": "0"}),
    ("/api/v1/unit", {"parent": "9" * 19}),
    ("/api/v1/unit", {"opd": 1.5}),
    ("/api/v1/unit", {"q": "\x07"}),
    ("/api/v1/jabatan", {"jenis": "pelaksana"}),
    ("/api/v1/jabatan", {"atasan": 0}),
    ("/api/v1/jabatan", {"unit": "1e3"}),
    ("/api/v1/pegawai/0", {}),
    ("/api/v1/pegawai/-1", {}),
    ("/api/v1/pegawai/abc", {}),
    ("/api/v1/pegawai/99999999999999999999999", {}),
    ("/api/v1/unit/0", {}),
    ("/api/v1/jabatan/1.5", {}),
]


@pytest.mark.parametrize(("url", "params"), BAD)
def test_bad_parameters_are_422(admin: Client, url: str, params: dict) -> None:
    r = admin.get(url, params)
    assert r.status_code == 422, (r.status_code, r.content[:300])
    assert isinstance(r.json()["detail"], list)


def test_largest_valid_values_do_not_crash(admin: Client) -> None:
    big = 2**63 - 1
    assert admin.get("/api/v1/pegawai", {"opd": big, "unit": big, "offset": 10**9}).json()["items"] == []
    assert admin.get("/api/v1/unit", {"parent": "9" * 18}).json()["count"] == 0
    assert admin.get(f"/api/v1/pegawai/{big}").status_code == 404
    assert admin.get(f"/api/v1/unit/{big}").status_code == 404
    assert admin.get(f"/api/v1/jabatan/{big}").status_code == 404


def _schema_models(api: Any) -> set[type]:
    """Every pydantic model an operation uses (parameters, bodies, responses, and what they nest)."""
    from pydantic import BaseModel

    found: set[type] = set()

    def walk(tp: Any) -> None:
        for arg in typing.get_args(tp):
            walk(arg)
        if isinstance(tp, type) and issubclass(tp, BaseModel) and tp not in found:
            if tp.__module__ != "abc":  # ninja's per-operation wrappers (QueryParams, …) are not components
                found.add(tp)
            for field in tp.model_fields.values():
                walk(field.annotation)

    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in [*operation.models, *operation.response_models.values()]:
                    walk(model)
    return found
