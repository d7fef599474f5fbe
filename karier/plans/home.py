"""The plans app's cards and next steps on the home page (`karier.core.home`), for the current year:

- employee: where my SKP stands, its deadline, the returned note, and the plan steps
  (prioritas 10 perbaiki, 20 susun, 30 ajukan, 80 tunggu: see the table in `karier.core.home`);
- appraiser: plans waiting for my approval, and subordinates late with their plan after the deadline;
- agency head: the agency's plans by status (counts and %), cached;
- BKD admin / auditor: plans by status per agency, one table, cached.

Personal reads run a fixed number of queries (memoised on the actor for the request, so the card and
the step provider share them); agency and province figures are GROUP BY counts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from karier.core.home import Langkah, cached, persen, register_panel, register_step
from karier.people.access import Actor
from karier.people.models import Pegawai, UnitKerja
from karier.people.selectors import direct_team
from karier.plans import selectors
from karier.plans.choices import JenisDialog, StatusSkp
from karier.plans.models import DialogKinerja, Skp, TahunKinerja

MAX_LIST = 5
MAX_LATE = 10
#: Plan statuses that count as "not yet submitted" once the year's deadline has passed.
BELUM_DIAJUKAN = (selectors.BELUM, StatusSkp.DRAFT, StatusSkp.DIKEMBALIKAN)
STATUS_ORDER = (selectors.BELUM, StatusSkp.DRAFT, StatusSkp.DIKEMBALIKAN, StatusSkp.DIAJUKAN, StatusSkp.DISETUJUI)


def status_label(value: str) -> str:
    return _("Belum membuat SKP") if value == selectors.BELUM else str(StatusSkp(value).label)


@dataclass
class MyYear:
    tahun: TahunKinerja | None
    skp: Skp | None  # my latest plan of the year
    catatan_kembali: DialogKinerja | None  # the appraiser's note when it was returned


def my_year(actor: Actor, today: dt.date) -> MyYear:
    """My plan of the current year (two queries, three when it was returned); memoised on the actor."""
    memo: dict[dt.date, MyYear] = actor.__dict__.setdefault("_home_plans", {})
    if today in memo:
        return memo[today]
    tahun = TahunKinerja.objects.filter(pk=today.year).first()
    skp = selectors.my_plans(actor).filter(tahun_id=today.year).first() if tahun else None
    note = None
    if skp is not None and skp.status == StatusSkp.DIKEMBALIKAN:
        note = (
            DialogKinerja.objects.filter(skp=skp, jenis=JenisDialog.PENGEMBALIAN)
            .select_related("penulis", "penulis__pegawai")
            .order_by("-dibuat_pada", "-pk")
            .first()
        )
    memo[today] = MyYear(tahun, skp, note)
    return memo[today]


def skp_saya(actor: Actor, today: dt.date) -> dict[str, Any] | None:
    if actor.pegawai_id is None or actor.is_auditor:
        return None
    year = my_year(actor, today)
    batas = year.tahun.batas_penetapan_skp if year.tahun else None
    return {
        "tahun": today.year,
        "tahun_kinerja": year.tahun,
        "skp": year.skp,
        "catatan_kembali": year.catatan_kembali,
        "batas": batas,
        "sisa_hari": (batas - today).days if batas else None,
    }


def langkah_skp(actor: Actor, today: dt.date) -> list[Langkah]:
    """The plan's next step, if any (see the priority table in `karier.core.home`)."""
    if actor.pegawai_id is None or actor.is_auditor:
        return []
    year = my_year(actor, today)
    if year.tahun is None or year.tahun.ditutup:
        return []
    batas = year.tahun.batas_penetapan_skp
    skp = year.skp
    if skp is None:
        return [
            Langkah(
                20,
                _("Susun SKP %(tahun)s") % {"tahun": today.year},
                reverse("plans:index") + "#buat-skp",
                _("Belum ada SKP untuk tahun ini: mulai dari standar jabatan, SKP tahun lalu, atau kosong."),
                batas,
            )
        ]
    url = reverse("plans:detail", args=[skp.pk])
    if skp.status == StatusSkp.DIKEMBALIKAN:
        return [
            Langkah(
                10,
                _("Perbaiki SKP yang dikembalikan"),
                url,
                _("Baca catatan atasan, perbaiki, lalu ajukan lagi."),
                batas,
            )
        ]
    if skp.status == StatusSkp.DRAFT:
        return [
            Langkah(
                30, _("Ajukan SKP ke atasan"), url, _("Lengkapi hasil kerja lalu ajukan ke pejabat penilai."), batas
            )
        ]
    if skp.status == StatusSkp.DIAJUKAN:
        return [
            Langkah(80, _("Tunggu persetujuan SKP"), url, _("SKP sudah diajukan; pejabat penilai memeriksanya."), None)
        ]
    return []


# ---------------------------------------------------------------------------- appraiser
def skp_bawahan(actor: Actor, today: dt.date) -> dict[str, Any] | None:
    """Plans to approve and subordinates late with their plan: the request's one read of the team
    (`direct_team`, shared with the other cards), their plans' statuses, the plans to approve."""
    if not actor.has_subordinates or actor.is_auditor:
        return None
    tahun = my_year(actor, today).tahun  # the year's row, read once for the request (memoised)
    if tahun is None:
        return None
    rows = selectors.team_plans(actor, direct_team(actor, today), today.year)
    counts = Counter(r.skp_status or selectors.BELUM for r in rows)
    lewat = today > tahun.batas_penetapan_skp
    to_approve = list(
        selectors.subordinate_plans(actor, today.year, status=StatusSkp.DIAJUKAN).order_by("diajukan_pada", "pk")[
            :MAX_LIST
        ]
    )
    late: list[selectors.TeamPlan] = []
    n_late = 0
    if lewat:
        n_late = sum(counts.get(s, 0) for s in BELUM_DIAJUKAN)
        late = [r for r in rows if (r.skp_status or selectors.BELUM) in BELUM_DIAJUKAN][:MAX_LATE]
    base = reverse("plans:bawahan")
    return {
        "tahun": tahun,
        "lewat": lewat,
        "n_setujui": counts.get(StatusSkp.DIAJUKAN, 0),
        "setujui": to_approve,
        "setujui_url": f"{base}?{urlencode({'tahun': today.year, 'status': StatusSkp.DIAJUKAN})}",
        "n_terlambat": n_late,
        "terlambat": late,
        "terlambat_url": f"{base}?{urlencode({'tahun': today.year, 'status': selectors.BELUM})}",
        "n_bawahan": len(rows),
    }


# ---------------------------------------------------------------------------- agency and province
def _status_rows(counts: dict[str, int], total: int) -> list[dict[str, Any]]:
    return [
        {"status": s, "label": status_label(s), "n": counts.get(s, 0), "persen": persen(counts.get(s, 0), total)}
        for s in STATUS_ORDER
    ]


def _plan_counts(tahun: int, opd_ids: tuple[int, ...] | None) -> dict[int | None, dict[str, int]]:
    """{agency: {status or BELUM: people}} — each active person counted once, at their latest plan of
    the year (BELUM without one). One GROUP BY query."""
    people = Pegawai.objects.filter(aktif=True)
    if opd_ids is not None:
        people = people.filter(opd_id__in=opd_ids)
    latest = Skp.objects.filter(pegawai_id=OuterRef("pk"), tahun_id=tahun).order_by(*selectors.LATEST_PLAN_FIRST)
    rows = (
        people.annotate(s=Coalesce(Subquery(latest.values("status")[:1]), Value(selectors.BELUM)))
        .values("opd_id", "s")
        .annotate(n=Count("pk"))
        .order_by()
    )
    out: dict[int | None, dict[str, int]] = {}
    for r in rows:
        out.setdefault(r["opd_id"], {})[str(r["s"])] = int(r["n"])
    return out


def _without_appraiser(tahun: int, opd_ids: tuple[int, ...] | None) -> dict[int | None, int]:
    """Plans of the year whose appraiser could not be resolved, per agency (one GROUP BY)."""
    qs = Skp.objects.filter(tahun_id=tahun, penilai__isnull=True, pegawai__aktif=True)
    if opd_ids is not None:
        qs = qs.filter(pegawai__opd_id__in=opd_ids)
    return {r["pegawai__opd_id"]: int(r["n"]) for r in qs.values("pegawai__opd_id").annotate(n=Count("pk")).order_by()}


def _agency_plans(opd_ids: tuple[int, ...], tahun: int) -> dict[str, Any]:
    per_opd = _plan_counts(tahun, opd_ids)
    counts: dict[str, int] = {}
    for c in per_opd.values():
        for k, v in c.items():
            counts[k] = counts.get(k, 0) + v
    total = sum(counts.values())
    return {
        "total": total,
        "rows": _status_rows(counts, total),
        "tanpa_penilai": sum(_without_appraiser(tahun, opd_ids).values()),
    }


def skp_opd(actor: Actor, today: dt.date) -> dict[str, Any] | None:
    if not actor.opd_ids:
        return None
    data = dict(cached(f"opd:skp:{today}:{actor.opd_ids}", lambda: _agency_plans(actor.opd_ids, today.year)))
    data["tahun"] = today.year
    return data


def _province_plans(tahun: int) -> dict[str, Any]:
    """Plans by status per agency: three GROUP BY queries and the agencies' names."""
    per_opd = _plan_counts(tahun, None)
    no_appraiser = _without_appraiser(tahun, None)
    names = dict(UnitKerja.objects.filter(parent__isnull=True).order_by("nama").values_list("pk", "nama"))
    table: list[dict[str, Any]] = []
    for opd_id, nama in sorted(names.items(), key=lambda kv: kv[1]):
        counts = per_opd.get(opd_id, {})
        total = sum(counts.values())
        if not total:
            continue
        table.append(
            {
                "opd_id": opd_id,
                "nama": nama,
                "total": total,
                "cells": [counts.get(s, 0) for s in STATUS_ORDER],
                "persen_disetujui": persen(counts.get(StatusSkp.DISETUJUI, 0), total),
                "tanpa_penilai": no_appraiser.get(opd_id, 0),
            }
        )
    sums = [sum(r["cells"][i] for r in table) for i in range(len(STATUS_ORDER))]
    total = sum(sums)
    return {
        "kolom": [status_label(s) for s in STATUS_ORDER],
        "table": table,
        "jumlah": sums,
        "total": total,
        "persen_disetujui": persen(sums[STATUS_ORDER.index(StatusSkp.DISETUJUI)], total),
        "tanpa_penilai": sum(no_appraiser.values()),
        "tanpa_opd": sum(per_opd.get(None, {}).values()),
    }


def skp_provinsi(actor: Actor, today: dt.date) -> dict[str, Any] | None:
    if not actor.sees_everyone:
        return None
    data = dict(cached(f"provinsi:skp:{today}", lambda: _province_plans(today.year)))
    data["tahun"] = today.year
    return data


def register() -> None:
    register_panel("plans.skp_saya", 10, skp_saya, "plans/home/skp_saya.html", section="pegawai")
    register_panel("plans.skp_bawahan", 10, skp_bawahan, "plans/home/skp_bawahan.html", section="atasan")
    register_panel("plans.skp_opd", 10, skp_opd, "plans/home/skp_opd.html", section="opd")
    register_panel("plans.skp_provinsi", 10, skp_provinsi, "plans/home/skp_provinsi.html", section="provinsi")
    register_step("plans.skp", langkah_skp)
