"""Builders for the development-plan tests: an activity that develops a competency, a plan with
items, and a plan moved through the workflow — all through the services."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from karier.development.idp import services
from karier.development.models import Kompetensi
from tests.development.catalogue_helpers import kegiatan, sesi


def kegiatan_kompetensi(org: Any, kode: str = "K-IDP", kompetensi: str = "M.3", level: int = 3, **kw: Any) -> Any:
    k_id = Kompetensi.objects.get(kode=kompetensi).pk
    return kegiatan(org.actor("admin"), kode=kode, kompetensi={k_id: level}, **kw)


def rencana(org: Any, key: str = "staf1a", *, items: int = 1, kode: str = "K-IDP") -> Any:
    """A draft of this year for `key` with `items` catalogue activities that close an M.3 gap."""
    actor = org.actor(key)
    r = services.rencana_create(actor=actor, pegawai=org.pegawai[key], tahun=timezone.localdate().year)
    for n in range(items):
        k = kegiatan_kompetensi(org, kode=f"{kode}-{key}-{n}")
        services.item_add(actor=actor, rencana=r, data=services.ItemData(kegiatan_id=k.pk, target_bulan=3))
    return r


def diajukan(org: Any, key: str = "staf1a", **kw: Any) -> Any:
    r = rencana(org, key, **kw)
    return services.rencana_submit(actor=org.actor(key), rencana=r)


def disetujui(org: Any, key: str = "staf1a", atasan: str = "kasi1", **kw: Any) -> Any:
    r = diajukan(org, key, **kw)
    return services.rencana_decide(actor=org.actor(atasan), rencana=r, setuju=True)


__all__ = ["diajukan", "disetujui", "kegiatan", "kegiatan_kompetensi", "rencana", "sesi"]
