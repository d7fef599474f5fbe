"""The demo development plans (issue #11 §10): a team's IDPs in mixed states — draft, submitted,
agreed with enrolments, returned — linked to their real needs, seeded through the services once."""

from __future__ import annotations

from typing import Any

import pytest

from karier.development.catalogue import demo as catalogue_demo
from karier.development.idp import demo
from karier.development.models import ItemRencana, RencanaPengembangan, StatusRencana

pytestmark = pytest.mark.django_db


def test_demo_plans_cover_every_state_and_are_seeded_once(org: Any, monkeypatch: Any) -> None:
    for key in ("staf1c", "staf1d", "staf1e", "staf1f"):
        org.add_pegawai(key, "staf1", golongan=31)
    team = [org.pegawai[k] for k in ("staf1a", "staf1b", "staf1c", "staf1d", "staf1e", "staf1f")]
    monkeypatch.setattr(demo, "_team", lambda today: (org.users["kasi1"], team))
    monkeypatch.setattr(catalogue_demo, "_team", lambda today: (org.users["kasi1"], team))
    catalogue_demo.seed()
    first = demo.seed()
    assert first["rencana"] == 6 and first["item"] >= 6 and first["daftar"] >= 1
    states = set(RencanaPengembangan.objects.values_list("status", flat=True))
    assert states == {StatusRencana.DRAFT, StatusRencana.DIAJUKAN, StatusRencana.DISETUJUI, StatusRencana.DIKEMBALIKAN}
    linked = ItemRencana.objects.filter(tanpa_kesenjangan=False, kegiatan__isnull=False)
    assert linked.exists() and all(i.kebutuhan_kode.startswith("kompetensi:") for i in linked)
    assert ItemRencana.objects.filter(kegiatan__isnull=True).exists()  # self-development
    assert ItemRencana.objects.filter(rencana__status=StatusRencana.DISETUJUI, pendaftaran__isnull=False).exists()
    assert RencanaPengembangan.objects.get(status=StatusRencana.DIKEMBALIKAN).catatan_atasan
    again = demo.seed()
    assert again["rencana"] == 0 and RencanaPengembangan.objects.count() == 6
