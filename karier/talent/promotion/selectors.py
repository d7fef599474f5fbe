"""Reads of promotions: the BKD list for one promotion date, the proposals, one person's summary.

The list for a date reads the stored `KelayakanPangkat` rows by their (tmt_terdekat, opd) index and
a limited page, never evaluating the rule per row in a request: at 100,000 employees it answers in
a few milliseconds (bench/talent_promotion_list.py). Each page is a fixed number of queries
(the page, its count, the open proposals of the page's people).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.people.access import Actor
from karier.people.models import Golongan, Pegawai, UnitKerja
from karier.rules import MONTHLY_PERIODS_FROM, next_promotion_date, promotion_dates
from karier.talent.access import person_for_actor
from karier.talent.models import KelayakanPangkat, UsulanKenaikanPangkat
from karier.talent.promotion.access import can_propose, visible_kelayakan, visible_usulan
from karier.talent.promotion.compute import evaluate_person
from karier.talent.promotion.workflow import TERBUKA

DATES_AHEAD = 12
LIST_RELATED = ("pegawai__jabatan", "opd", "golongan", "golongan_berikut")
USULAN_RELATED = ("pegawai__jabatan", "pegawai__opd", "golongan_dari", "golongan_ke")

# The eligibility filter of the list: on the chosen date, not (yet) on it, or everyone.
LAYAK = "layak"
BELUM = "belum"
SEMUA = "semua"


def layak_pada(k: KelayakanPangkat, tmt: dt.date) -> bool:
    """Whether the row's person can be promoted on `tmt` (their earliest TMT is on or before it): the
    one test the screen, the API and the Excel show, and the `LAYAK` filter of `kelayakan_list`."""
    return k.tmt_terdekat is not None and k.tmt_terdekat <= tmt


def date_choices(today: dt.date | None = None) -> list[dt.date]:
    """The next promotion dates (monthly since 1 October 2025), the first on or after today."""
    start = next_promotion_date(max(today or timezone.localdate(), MONTHLY_PERIODS_FROM))
    end = dt.date(start.year + 2, start.month, 1)
    return promotion_dates(start, end)[:DATES_AHEAD]


def agencies() -> QuerySet[UnitKerja]:
    """The agencies to filter by (the organisation chart is public to signed-in users)."""
    return UnitKerja.objects.filter(parent__isnull=True, aktif=True).order_by("nama", "pk")


def kelayakan_list(
    actor: Actor, *, tmt: dt.date, opd_id: int | None = None, layak: str = LAYAK
) -> QuerySet[KelayakanPangkat]:
    """The rows the actor sees for the promotion date `tmt`.

    `layak`: eligible on that date (the earliest TMT is on or before it), not eligible on it (a
    later TMT, or a reason other than time), or everyone. Ordered by person id: a limited page reads
    the index range, not a sort of the whole province."""
    qs = visible_kelayakan(actor)
    if opd_id is not None:
        qs = qs.filter(opd_id=opd_id)
    if layak == LAYAK:
        qs = qs.filter(tmt_terdekat__lte=tmt)
    elif layak == BELUM:
        qs = qs.filter(Q(tmt_terdekat__isnull=True) | Q(tmt_terdekat__gt=tmt))
    return qs.select_related(*LIST_RELATED).order_by("pegawai_id")


def open_usulan_by_person(pegawai_ids: list[int]) -> dict[int, UsulanKenaikanPangkat]:
    """The open proposal of each of these people (one query)."""
    return {
        u.pegawai_id: u for u in UsulanKenaikanPangkat.objects.filter(pegawai_id__in=pegawai_ids, status__in=TERBUKA)
    }


def usulan_list(
    actor: Actor, *, status: str | None = None, tmt: dt.date | None = None, opd_id: int | None = None
) -> QuerySet[UsulanKenaikanPangkat]:
    qs = visible_usulan(actor)
    if status:
        qs = qs.filter(status=status)
    if tmt is not None:
        qs = qs.filter(tmt=tmt)
    if opd_id is not None:
        qs = qs.filter(pegawai__opd_id=opd_id)
    return qs.select_related(*USULAN_RELATED).order_by("-tmt", "pk")


def excel_rows(actor: Actor, *, tmt: dt.date, opd_id: int | None, layak: str) -> tuple[list[str], list[list[Any]]]:
    """The list for a date as Excel rows (up to the export limit; numbers and dates stay cells)."""
    header = [
        _("NIP"),
        _("Nama"),
        _("Perangkat daerah"),
        _("Jabatan"),
        _("Jenis kenaikan"),
        _("Golongan"),
        _("Golongan berikut"),
        _("Memenuhi syarat pada TMT ini"),
        _("TMT terdekat"),
        _("Alasan belum memenuhi syarat"),
    ]
    rows = []
    qs = kelayakan_list(actor, tmt=tmt, opd_id=opd_id, layak=layak)
    for k in qs.iterator(chunk_size=2000):
        p = k.pegawai
        rows.append(
            [
                p.nip,
                p.nama_lengkap,
                k.opd.nama if k.opd else "",
                p.jabatan.nama if p.jabatan else "",
                k.get_jenis_display(),
                k.golongan.kode if k.golongan else "",
                k.golongan_berikut.kode if k.golongan_berikut else "",
                _("Ya") if layak_pada(k, tmt) else _("Belum"),
                k.tmt_terdekat,
                "; ".join(k.alasan),
            ]
        )
    return header, rows


def promotion_for_person(actor: Actor, pegawai: Pegawai) -> dict[str, Any]:
    """What the career page shows about a person's next rank (404 when the person is hidden):
    eligible now, the earliest TMT, each reason, the next golongan, the open proposal.

    Reads the stored row; a person the job has not reached yet is evaluated live (one person)."""
    pegawai = person_for_actor(actor, pegawai.pk)
    row = KelayakanPangkat.objects.filter(pegawai_id=pegawai.pk).select_related("golongan", "golongan_berikut").first()
    usulan = (
        UsulanKenaikanPangkat.objects.filter(pegawai_id=pegawai.pk)
        .select_related("golongan_dari", "golongan_ke")
        .order_by("-diusulkan_pada", "-pk")
        .first()
    )
    out: dict[str, Any] = {
        "pegawai": pegawai,
        "pns": True,
        "layak": False,
        "tmt_terdekat": None,
        "alasan": [],
        "catatan": [],
        "jenis": "",
        "jenis_label": "",
        "golongan": None,
        "golongan_berikut": None,
        "dihitung_pada": None,
        "usulan_terbuka": usulan if usulan is not None and usulan.status in TERBUKA else None,
        "usulan_terakhir": usulan,
        "boleh_usul": False,
    }
    if row is not None:
        out.update(
            layak=row.layak,
            tmt_terdekat=row.tmt_terdekat,
            alasan=list(row.alasan),
            catatan=list(row.catatan),
            jenis=row.jenis,
            jenis_label=row.get_jenis_display(),
            golongan=row.golongan,
            golongan_berikut=row.golongan_berikut,
            dihitung_pada=row.dihitung_pada,
        )
    else:
        hasil = evaluate_person(pegawai.pk, timezone.localdate())
        if hasil is None:
            out["pns"] = False
            return out
        wanted = [hasil.golongan_id or 0, hasil.golongan_berikut_id or 0]
        gol = {g.pk: g for g in Golongan.objects.filter(pk__in=wanted)}
        out.update(
            layak=hasil.layak,
            tmt_terdekat=hasil.tmt_terdekat,
            alasan=list(hasil.alasan),
            catatan=list(hasil.catatan),
            jenis=hasil.jenis,
            jenis_label=str(dict(KelayakanPangkat._meta.get_field("jenis").choices or []).get(hasil.jenis, "")),
            golongan=gol.get(hasil.golongan_id or 0),
            golongan_berikut=gol.get(hasil.golongan_berikut_id or 0),
        )
    out["boleh_usul"] = (
        out["tmt_terdekat"] is not None and out["usulan_terbuka"] is None and can_propose(actor, pegawai.pk)
    )
    return out
