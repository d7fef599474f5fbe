"""The audit trail in words and as Excel (issue #10: raw dicts on screen; no export of the table)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from karier.core import audit
from karier.core.audit_export import changes_text
from karier.core.excel import formula_cells
from tests.orgdata import Org

pytestmark = pytest.mark.django_db


def test_changes_read_as_words_with_indonesian_numbers() -> None:
    assert changes_text({"status": ["DRAFT", "DIAJUKAN"]}) == "status: DRAFT → DIAJUKAN"
    assert changes_text({"target_angka": ["1250.5000", 1250000]}) == "target_angka: 1.250,5 → 1.250.000"
    assert changes_text({"nip": ["199001012015031001", "x"]}) == "nip: 199001012015031001 → x"  # not a number
    assert changes_text({"aktif": [True, False], "catatan": [None, "baru"]}) == "aktif: ya → tidak; catatan: — → baru"
    assert changes_text({}) == "" and changes_text(None) == ""


def _event(org: Org, summary: str = "Uji", changes: dict[str, Any] | None = None) -> None:
    audit.record(
        actor=org.actor("admin"), action="uji.ekspor", obj=org.pegawai["staf1a"], summary=summary, changes=changes
    )


def test_the_trail_shows_words_and_exports_to_excel_for_admins_and_auditors(client: Client, org: Org) -> None:
    _event(org, changes={"status": ["DRAFT", "DIAJUKAN"]})
    _event(org, summary='=HYPERLINK("http://x")')  # a formula-looking text stays text
    client.force_login(org.users["auditor"])
    page = client.get("/jejak-audit/?aksi=uji.").content.decode()
    assert "status: DRAFT → DIAJUKAN" in page and "{&#x27;status&#x27;" not in page
    assert "/jejak-audit/excel/?aksi=uji." in page
    r = client.get("/jejak-audit/excel/?aksi=uji.")
    assert r.status_code == 200 and r["Content-Disposition"].startswith('attachment; filename="jejak-audit-')
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:4] == ("No. urut", "Waktu", "Pelaku", "Aksi")
    assert len(rows) == 3 and {row[3] for row in rows[1:]} == {"uji.ekspor"}
    assert "status: DRAFT → DIAJUKAN" in {row[6] for row in rows[1:]}
    assert formula_cells(r.content) == []
    client.force_login(org.users["kasi1"])
    assert client.get("/jejak-audit/excel/").status_code == 404


def test_an_entry_links_to_the_screen_of_its_object(client: Client, org: Org) -> None:
    """The auditor follows an entry to the plan, evaluation or person it concerns (the persona walk
    found he had to type the address); an object without a screen stays plain text."""
    from django.urls import reverse

    from karier.core.object_links import url_for

    _event(org, summary="Profil diubah")
    audit.record(actor=org.actor("admin"), action="uji.tanpa", obj=org.users["staf1a"], summary="Akun diubah")
    client.force_login(org.users["auditor"])
    page = client.get("/jejak-audit/?aksi=uji.").content.decode()
    profile = reverse("people:profile", args=[org.pegawai["staf1a"].pk])
    assert f'<a href="{profile}">Profil diubah</a>' in page
    assert "Akun diubah</a>" not in page and "Akun diubah" in page
    assert url_for("plans.skp", "7") == reverse("plans:detail", args=[7])
    assert url_for("plans.skp", "x7") == "" and url_for("tidak.ada", "7") == ""
