"""The succession demo seed (issue #12 item 5): Bu Wati's Kepala Bidang post and the Kepala Dinas posts
are marked key with requirements; running it twice changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from karier.people.demo.personas import WATI
from karier.people.models import Pegawai
from karier.talent.models import JabatanKritikal, KandidatSuksesi
from karier.talent.succession.demo import seed_demo
from tests.orgdata import Org
from tests.talent.test_talent_succession_support import place

pytestmark = pytest.mark.django_db


def test_seed_marks_wati_and_agency_heads(org: Org, django_capture_on_commit_callbacks: Any) -> None:
    Pegawai.objects.filter(pk=org.pegawai["kabid1"].pk).update(nip=WATI.nip)
    place(org.pegawai["kasi1"], 9)
    with django_capture_on_commit_callbacks(execute=True):  # the candidates jobs, as a command commits
        seed_demo()
    summary = seed_demo()
    marked = set(JabatanKritikal.objects.values_list("jabatan_id", flat=True))
    assert {org.jabatan["kabid1"].pk, org.jabatan["kadis"].pk, org.jabatan["kadiskominfo"].pk} <= marked
    wati = JabatanKritikal.objects.get(jabatan=org.jabatan["kabid1"])
    assert wati.golongan_minimal_id == 34 and wati.syarat_kompetensi.count() == 3
    assert KandidatSuksesi.objects.filter(jabatan_kritikal=wati, pegawai=org.pegawai["kasi1"]).exists()
    assert summary.startswith("Suksesi: ")
    before = list(JabatanKritikal.objects.values_list("pk", "jabatan_id", "golongan_minimal_id"))
    assert seed_demo() == summary
    assert list(JabatanKritikal.objects.values_list("pk", "jabatan_id", "golongan_minimal_id")) == before
