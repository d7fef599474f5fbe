"""Reads of development plans: a plan with its items and what came of each, the year's plans a
person sees (screens, API, Excel), and the needs an item may be linked to.

A plan's page is a fixed number of queries whatever its size: the items with their activity,
session, competency, enrolment and report (and their JP rows) in one joined query.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from karier.development.competency.gaps import Kebutuhan, needs_for
from karier.development.idp.access import visible_rencana
from karier.development.models import (
    ItemRencana,
    RencanaPengembangan,
    StatusMandiri,
    StatusPendaftaran,
)
from karier.people.access import Actor

ITEM_RELATED = (
    "kegiatan",
    "sesi",
    "kompetensi",
    "pendaftaran__sesi",
    "pendaftaran__catatan_jp",
    "mandiri__catatan_jp",
)


@dataclass(frozen=True)
class Pelaksanaan:
    """What came of an item: a short key (for tests and styling), its label and the JP counted."""

    kode: str
    label: str
    jp: Decimal | None = None


def pelaksanaan(item: ItemRencana) -> Pelaksanaan:
    p = item.pendaftaran
    if item.kegiatan_id is not None:
        if p is None:
            return Pelaksanaan("belum", _("Belum didaftarkan"))
        if p.status == StatusPendaftaran.SELESAI:
            jp = getattr(getattr(p, "catatan_jp", None), "jp", None)
            return Pelaksanaan("selesai", _("Selesai"), jp)
        if p.status == StatusPendaftaran.MENUNGGU:
            return Pelaksanaan("menunggu", _("Daftar tunggu"))
        if p.status == StatusPendaftaran.BATAL:
            return Pelaksanaan("batal", _("Pendaftaran dibatalkan"))
        if p.hadir is True:
            return Pelaksanaan("hadir", _("Hadir; unggah sertifikat"))
        return Pelaksanaan("terdaftar", _("Terdaftar"))
    m = item.mandiri
    if m is None:
        return Pelaksanaan("belum", _("Belum dilaporkan"))
    if m.status == StatusMandiri.DIVERIFIKASI:
        return Pelaksanaan("selesai", _("Selesai, diverifikasi atasan"), m.jp)
    if m.status == StatusMandiri.DITOLAK:
        return Pelaksanaan("ditolak", _("Laporan ditolak atasan"))
    return Pelaksanaan("dilaporkan", _("Dilaporkan, menunggu verifikasi"))


def items_of(rencana: RencanaPengembangan) -> list[ItemRencana]:
    """The plan's items with everything a screen shows, each with `pelaksanaan` attached. One query."""
    items = list(ItemRencana.objects.filter(rencana=rencana).select_related(*ITEM_RELATED))
    for i in items:
        i.rencana = rencana
        i.hasil = pelaksanaan(i)  # type: ignore[attr-defined]
    return items


def jp_selesai(items: list[ItemRencana]) -> Decimal:
    return sum((i.hasil.jp or Decimal(0) for i in items), Decimal(0))  # type: ignore[attr-defined]


def rencana_list(
    actor: Actor, *, tahun: int | None = None, status: str | None = None, pegawai_id: int | None = None
) -> QuerySet[RencanaPengembangan]:
    """The plans the actor sees, with their item counts (one query, any number of plans)."""
    qs = visible_rencana(actor)
    if tahun is not None:
        qs = qs.filter(tahun=tahun)
    if status:
        qs = qs.filter(status=status)
    if pegawai_id is not None:
        qs = qs.filter(pegawai_id=pegawai_id)
    return (
        qs.select_related("pegawai__jabatan", "pegawai__unit")
        .annotate(jumlah_item=Count("item"), tanpa_kesenjangan=Count("item", filter=Q(item__tanpa_kesenjangan=True)))
        .order_by("-tahun", "pegawai__nama", "pk")
    )


def needs_of(pegawai_id: int) -> list[Kebutuhan]:
    """The person's current needs, ranked (what an item may be linked to)."""
    return needs_for([pegawai_id]).get(pegawai_id, [])


def excel_rows(actor: Actor, tahun: int) -> tuple[list[str], Any]:
    """One row per item of every plan of the year the actor sees (a team's or an agency's IDPs);
    plans without items get one row. Streams: two queries whatever the size."""
    header = [
        _("NIP"),
        _("Nama"),
        _("Unit kerja"),
        _("Status rencana"),
        _("Kegiatan"),
        _("Metode"),
        _("Kebutuhan yang ditutup"),
        _("Dari level"),
        _("Ke level"),
        _("Tanpa kesenjangan"),
        _("Target bulan"),
        _("JP direncanakan"),
        _("Pelaksanaan"),
        _("JP tercatat"),
    ]
    plans = rencana_list(actor, tahun=tahun)

    def rows() -> Any:
        items: dict[int, list[ItemRencana]] = {}
        for i in ItemRencana.objects.filter(rencana__in=plans.values("pk")).select_related(*ITEM_RELATED):
            items.setdefault(i.rencana_id, []).append(i)
        for r in plans:
            status = r.get_status_display()
            base = [r.pegawai.nip, r.pegawai.nama, r.pegawai.unit.nama if r.pegawai.unit else "", status]
            mine = items.get(r.pk, [])
            if not mine:
                yield [*base, "", "", "", None, None, "", None, None, "", None]
            for i in mine:
                h = pelaksanaan(i)
                yield [
                    *base,
                    i.kegiatan.nama if i.kegiatan else i.judul,
                    (i.kegiatan.get_metode_display() if i.kegiatan else i.get_metode_display()) or "",
                    i.kebutuhan_judul,
                    i.level_dari,
                    i.level_ke,
                    _("Ya") if i.tanpa_kesenjangan else _("Tidak"),
                    i.target_bulan,
                    i.jp_rencana,
                    h.label,
                    h.jp,
                ]

    return header, rows()
