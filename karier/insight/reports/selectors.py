"""Reads of the reports' screens and API (issue #13 item 4): a person's official documents of a
year, grouped by kind (one query per kind, whatever the person has), and the choices of the index
page. The agency's yearly figures are in `agency.py`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from karier.insight.reports.access import bulk_units
from karier.insight.reports.registry import KINDS, Dokumen, documents_of
from karier.people.access import Actor
from karier.people.models import Pegawai, UnitKerja
from karier.plans.models import TahunKinerja


@dataclass
class Kelompok:
    """One kind of document on the page, with the person's documents of that kind (maybe none)."""

    kode: str
    label: str
    dokumen: list[Dokumen] = field(default_factory=list)


@dataclass
class DokumenPegawai:
    pegawai: Pegawai
    tahun: int
    kelompok: list[Kelompok]

    @property
    def jumlah(self) -> int:
        return sum(len(k.dokumen) for k in self.kelompok)


def default_year() -> int:
    return timezone.localdate().year


def years() -> list[int]:
    """The performance years Karier knows (newest first), with this year always among them."""
    found = set(TahunKinerja.objects.values_list("tahun", flat=True))
    found.add(default_year())
    return sorted(found, reverse=True)


def person_documents(actor: Actor, pegawai: Pegawai, tahun: int) -> DokumenPegawai:
    """The documents of a person the actor sees (the caller resolved `pegawai` through
    `access.pegawai_for_laporan`), kind by kind, only those that exist and the actor may open."""
    found = documents_of(actor, [pegawai.pk], tahun)
    return DokumenPegawai(
        pegawai=pegawai,
        tahun=tahun,
        kelompok=[Kelompok(k.kode, str(k.label), found[k.kode]) for k in KINDS],
    )


def as_dict(d: DokumenPegawai) -> dict[str, Any]:
    """The API's shape (`schemas.DokumenPegawaiOut`)."""
    return {
        "pegawai_id": d.pegawai.pk,
        "tahun": d.tahun,
        "dokumen": [
            {"jenis": k.kode, "label": k.label, "judul": x.judul, "url": x.url, "draf": x.draf}
            for k in d.kelompok
            for x in k.dokumen
        ],
    }


def unit_choices(actor: Actor, opd_id: int | None = None) -> list[tuple[int, str]]:
    """Units offered for the bulk zip on the index page, in tree order, indented by depth. A BKD admin
    may collect any of the province's thousands of units: the agencies first, then (`opd_id` chosen)
    the units of that agency — one page never lists them all."""
    qs = bulk_units(actor)
    if actor.is_admin:
        qs = qs.filter(opd_id=opd_id) if opd_id else qs.filter(parent__isnull=True)
    rows = qs.order_by("path").values_list("pk", "nama", "depth")
    return [(pk, "— " * depth + nama) for pk, nama, depth in rows]


def agency_choices(actor: Actor) -> QuerySet[UnitKerja]:
    """Agencies whose yearly report the actor may read (`access.opd_for_laporan`)."""
    qs = UnitKerja.objects.filter(parent__isnull=True, aktif=True).order_by("nama").only("pk", "nama")
    if actor.sees_everyone:
        return qs
    return qs.filter(pk__in=actor.opd_ids)
