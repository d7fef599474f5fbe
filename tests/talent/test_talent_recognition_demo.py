"""The demo seeds of history and recognition (issue #12 items 1, 8): 2023 predikat imported through the
import itself; apresiasi from Bu Wati tied to BerAKHLAK values; Dodi's innovation tied to his RHK; a
second run adds nothing."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from karier.talent.history import demo as history_demo
from karier.talent.models import Apresiasi, ImporRiwayatKinerja, Inovasi, PredikatTahunan
from karier.talent.recognition import demo as recognition_demo
from tests.talent.talent_recognition_helpers import rhk_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def personas(org, monkeypatch):
    from karier.people.demo import personas as mod

    wati = SimpleNamespace(key="wati", nip=org.pegawai["kabid1"].nip)
    monkeypatch.setattr(mod, "PERSONAS", {"wati": wati})
    monkeypatch.setattr(mod, "SARI", SimpleNamespace(nip="admin"))
    monkeypatch.setattr(mod, "DODI", SimpleNamespace(nip=org.pegawai["staf1a"].nip))
    return org


def test_history_demo_imports_2023_once(personas):
    org = personas
    summary = history_demo.seed_demo()
    assert "diimpor" in summary, summary
    rows = PredikatTahunan.objects.filter(tahun=2023, sumber="IMPOR")
    assert {r.pegawai_id for r in rows} >= {org.pegawai["kabid1"].pk, org.pegawai["kasi1"].pk}
    assert ImporRiwayatKinerja.objects.get().status == "DITERAPKAN"
    assert "sudah ada" in history_demo.seed_demo()
    assert ImporRiwayatKinerja.objects.count() == 1


def test_recognition_demo_once(personas):
    org = personas
    rhk = rhk_for(org.pegawai["staf1a"])
    summary = recognition_demo.seed_demo()
    assert "apresiasi" in summary
    given = Apresiasi.objects.filter(pemberi=org.pegawai["kabid1"])
    assert given.exists() and all(a.nilai_id for a in given)
    ino = Inovasi.objects.get(pegawai=org.pegawai["staf1a"])
    assert ino.rhk_id == rhk.pk and ino.hasil
    before = (Apresiasi.objects.count(), Inovasi.objects.count())
    assert "sudah ada" in recognition_demo.seed_demo()
    assert (Apresiasi.objects.count(), Inovasi.objects.count()) == before
