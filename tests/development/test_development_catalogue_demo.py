"""The demo catalogue seeds through the services, idempotently."""

from __future__ import annotations

from typing import Any

import pytest

from karier.development.catalogue.demo import KATALOG, seed
from karier.development.models import JpBawaanMetode, KegiatanPengembangan, SesiKegiatan

pytestmark = pytest.mark.django_db


def test_demo_catalogue_is_seeded_once(org: Any) -> None:
    first = seed()
    assert first["kegiatan"] == len(KATALOG)
    assert KegiatanPengembangan.objects.filter(penyelenggara="DISKOMINFO").count() >= 4
    assert SesiKegiatan.objects.count() == 2 * len(KATALOG)
    coaching = KegiatanPengembangan.objects.get(kode="BPS-04")
    assert coaching.jp == JpBawaanMetode.objects.get(metode="COACHING").jp  # the method's default, as data
    seed()
    assert KegiatanPengembangan.objects.count() == len(KATALOG)
    assert SesiKegiatan.objects.count() == 2 * len(KATALOG)
