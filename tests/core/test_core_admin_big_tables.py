"""Admin forms never list a big table as options (issue #14: the reminder form rendered every user,
2 MB and 5–6 s at 40,000 employees), and the user list reads its employees in one query."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from karier.core import datainduk
from karier.core.admin import big_relations
from tests.orgdata import build_org


def _admins() -> list[tuple[str, Any, Any]]:
    """(name, the admin or inline, the parent model of an inline)."""
    out: list[tuple[str, Any, Any]] = []
    for site in (admin.site, datainduk.site):
        for model, model_admin in site._registry.items():
            out.append((f"{site.name}:{model._meta.label_lower}", model_admin, None))
            for inline in model_admin.inlines:
                out.append((f"{site.name}:{model._meta.label_lower}>{inline.model._meta.label_lower}", inline, model))
    return out


@pytest.mark.parametrize(("name", "model_admin", "parent"), _admins(), ids=[n for n, _, _ in _admins()])
def test_every_relation_to_a_big_table_is_a_raw_id_or_an_autocomplete(name: str, model_admin: Any, parent: Any) -> None:
    """Read-only fields render no widget; an inline's key to its parent is hidden."""
    chosen = set(model_admin.raw_id_fields) | set(model_admin.autocomplete_fields) | set(model_admin.readonly_fields)
    to_parent = {
        f.name for f in model_admin.model._meta.get_fields() if parent is not None and f.related_model is parent
    }
    missing = [f for f in big_relations(model_admin.model) if f not in chosen | to_parent]
    assert not missing, f"{name}: {missing} would render every row as an <option>"


@pytest.mark.django_db
def test_the_reminder_form_lists_no_users_and_the_user_list_does_not_grow() -> None:
    org = build_org()
    admin_user = org.users["admin"]
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save(update_fields=["is_staff", "is_superuser"])
    client = Client()
    client.force_login(admin_user)
    page = client.get("/admin/appraisal/pengingat/add/")
    assert page.status_code == 200
    assert page.content.decode().count("<option") < 50  # choices of small tables only

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/admin/accounts/user/").status_code == 200
        return len(ctx.captured_queries)

    small = queries()
    for i in range(12):
        org.add_pegawai(f"more{i}", "staf1", golongan=31)
    assert queries() == small


@pytest.mark.django_db
def test_bulk_loads_refresh_the_planner_statistics() -> None:
    """After a bulk plan creation the planner must know the tables are full (issue #14: an `exists()`
    took 230 s); on PostgreSQL the job ends with ANALYZE of what it wrote, on SQLite nothing runs."""
    import datetime as dt

    from karier.people.access import SYSTEM
    from karier.plans.bulk import skp_bulk_create

    build_org()
    with CaptureQueriesContext(connection) as ctx:
        result = skp_bulk_create(actor=SYSTEM, tahun=2026, today=dt.date(2026, 1, 10))
    assert result.created > 0
    analysed = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("ANALYZE")]
    if connection.vendor == "postgresql":
        assert analysed == [
            f'ANALYZE "{t}"'
            for t in (
                "plans_skp",
                "plans_rencanahasilkerja",
                "plans_indikatorkinerjaindividu",
                "plans_ekspektasiperilaku",
            )
        ]
    else:
        assert analysed == []
