"""Builders of the reports tests (issue #13 item 4); holds no tests itself.

`documented(org)`: Seksi Kurikulum of `tests.appraisal.test_appraisal_calibration_support.signed_seksi`
(five staff appraised by the Kasi, calibrated, finalised and signed: SKP, evaluation and the unit's
predikat decision exist), plus a development plan (IDP) of Dodi Saputra (staf1a)."""

from __future__ import annotations

import io
import zipfile

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from karier.development.models import RencanaPengembangan
from tests.appraisal.test_appraisal_calibration_support import Seksi, signed_seksi
from tests.appraisal.test_appraisal_support import YEAR
from tests.orgdata import Org

__all__ = ["YEAR", "as_user", "documented", "measure", "zip_names"]


def documented(org: Org) -> Seksi:
    s = signed_seksi(org)
    RencanaPengembangan.objects.create(pegawai=org.pegawai["staf1a"], tahun=YEAR)
    return s


def as_user(org: Org, key: str) -> Client:
    c = Client()
    c.force_login(org.users[key])
    return c


def measure(client: Client, url: str) -> int:
    """Queries of one GET (after a warm-up request), asserting it answers 200."""
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200, (url, r.status_code)
    return len(ctx.captured_queries)


def zip_names(zip_bytes: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as zf:
        return sorted(zf.namelist())
