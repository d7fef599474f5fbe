"""Excel of the moderation queue and of the agency's calibration recap (issue #10 item 3): the screen's
filters and access, a title row naming them, numbers as numbers, and queries that do not grow."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from karier.appraisal.calibration.selectors import PREDIKAT_COLUMNS
from karier.appraisal.evaluation import periods
from karier.appraisal.models import TautanPublik
from karier.appraisal.public import services
from tests.appraisal.test_appraisal_calibration_support import client_for, seksi
from tests.appraisal.test_appraisal_support import approved_skp
from tests.orgdata import Org

pytestmark = pytest.mark.django_db


def _rows(response: Any) -> list[list[Any]]:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [list(r) for r in ws.iter_rows(values_only=True)]


# ---------------------------------------------------------------------------- moderation
def _answers(link: TautanPublik, start: int, stop: int) -> None:
    for i in range(start, stop):
        services.umpan_balik_send(
            tautan=link,
            skor_layanan=1 + i % 5,
            skor_perilaku=1 + (i + 2) % 5,
            komentar=f"Komentar {i}",
            perangkat_id=f"perangkat{i}",
            alamat=f"10.{i % 250}.{i // 250}.1",
        )


@pytest.fixture
def link(org: Org) -> TautanPublik:
    return services.tautan_get_or_create(actor=org.actor("staf1a"), pegawai=org.pegawai["staf1a"])


def test_moderation_export_has_the_queue_of_the_screen(org: Org, link: TautanPublik) -> None:
    _answers(link, 0, 3)
    url = reverse("appraisal_feedback:publik_moderasi")
    c = client_for(org, "kasi1")
    assert "?status=MENUNGGU&amp;export=xlsx" in c.get(url).content.decode()
    rows = _rows(c.get(url, {"status": "MENUNGGU", "export": "xlsx"}))
    assert rows[0][0] == "Moderasi umpan balik publik — status: Menunggu moderasi"
    assert rows[1][:5] == ["Waktu", "Untuk", "Pegawai/unit", "Skor layanan", "Skor sikap"]
    data = rows[2:]
    assert len(data) == 3
    assert {r[5] for r in data} == {"Komentar 0", "Komentar 1", "Komentar 2"}
    assert all(r[1] == org.pegawai["staf1a"].nama_lengkap and isinstance(r[3], int) for r in data)
    assert all(not any("hash" in str(v) for v in r) for r in rows)
    assert _rows(c.get(url, {"status": "DITOLAK", "export": "xlsx"}))[2:] == []
    # Nobody else's queue: the subject of the answers never moderates them, nor does a peer.
    for who in ("staf1a", "staf1b"):
        assert _rows(client_for(org, who).get(url, {"status": "", "export": "xlsx"}))[2:] == [], who
    assert Client().get(url, {"export": "xlsx"}).status_code == 302


def test_moderation_export_queries_do_not_grow(org: Org, link: TautanPublik) -> None:
    c = client_for(org, "kasi1")
    url = reverse("appraisal_feedback:publik_moderasi")

    def measure() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as ctx:
            rows = _rows(c.get(url, {"status": "", "export": "xlsx"}))
        return len(ctx.captured_queries), len(rows) - 2

    _answers(link, 0, 3)
    small = measure()
    _answers(link, 3, 40)
    large = measure()
    assert (small[1], large[1]) == (3, 40)
    assert small[0] == large[0]


# ---------------------------------------------------------------------------- agency recap
def _agency_url(s: Any) -> str:
    return reverse("appraisal_calibration:agency_xlsx", args=[s.periode.pk, s.org.units["dik"].pk])


def test_agency_recap_export_matches_the_screen(org: Org) -> None:
    s = seksi(org, extra=2)
    screen = client_for(org, "kadis").get(
        reverse("appraisal_calibration:agency", args=[s.periode.pk, org.units["dik"].pk])
    )
    assert _agency_url(s) in screen.content.decode()
    rows = _rows(client_for(org, "kadis").get(_agency_url(s)))
    assert rows[0][0] == f"Rekap kalibrasi {org.units['dik'].nama} — {s.periode.nama} {s.periode.tahun_id}"
    header = rows[1]
    assert header[:3] == ["Unit kerja", "Predikat organisasi", "Pegawai"]
    seksi_row = next(r for r in rows[2:] if r[0] == s.unit.nama)
    baik = header.index("Baik")
    assert seksi_row[baik] == 4 and isinstance(seksi_row[2], int)  # staf1a, staf1b and two extras: Baik
    total = rows[-1]
    assert total[0] == "Jumlah perangkat daerah"
    assert total[2] == sum(total[header.index(p)] for p in PREDIKAT_COLUMNS)


def test_agency_recap_export_is_refused_like_the_screen(org: Org) -> None:
    s = seksi(org, extra=0, rate=False)
    assert client_for(org, "kasi1").get(_agency_url(s)).status_code == 404
    kominfo = reverse("appraisal_calibration:agency_xlsx", args=[s.periode.pk, org.units["kominfo"].pk])
    assert client_for(org, "kadis").get(kominfo).status_code == 404
    assert Client().get(_agency_url(s)).status_code == 302


def test_agency_recap_export_queries_do_not_grow(org: Org) -> None:
    s = seksi(org, extra=1, rate=False)
    c = client_for(org, "kadis")

    def measure() -> int:
        with CaptureQueriesContext(connection) as ctx:
            _rows(c.get(_agency_url(s)))
        return len(ctx.captured_queries)

    small = measure()
    for i in range(3):  # more people, in another unit too
        org.add_pegawai(f"smk{i}", "staf2", golongan=31)
        approved_skp(org, f"smk{i}", "kabid2")
    for i in range(1, 6):
        org.add_pegawai(f"x{i}", "staf1", golongan=31)
        approved_skp(org, f"x{i}", "kasi1")
    assert periods.evaluasi_bulk_create(periode=s.periode) == 8
    large = measure()
    assert small == large
