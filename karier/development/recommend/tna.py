"""The training-needs analysis read from the stored needs snapshot (the last run of the job), so a
province-wide analysis is a handful of aggregate queries, not a computation inside the request.

`gaps.tna` (live) stays for small scopes no run has covered; both answer the same `gaps.Tna`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.utils.translation import gettext as _

from karier.development.competency import gaps
from karier.development.competency.gaps import TOP, BarisTna, Tna
from karier.development.models import KebutuhanTersimpan, PerhitunganRekomendasi
from karier.development.recommend.reasons import sinyal_judul
from karier.people.models import Pegawai, UnitKerja

LIVE_MAX = 500  # a scope no run covers is computed in the request only up to this many people


def latest_run(scope: QuerySet[Pegawai]) -> PerhitunganRekomendasi | None:
    """The latest active run covering the scope: the province's, or one of its agencies'. One query."""
    return (
        PerhitunganRekomendasi.objects.filter(aktif=True)
        .filter(Q(opd__isnull=True) | Q(opd_id__in=scope.values("opd_id")))
        .select_related("opd")
        .order_by("-selesai_pada", "-pk")
        .first()
    )


def tna_snapshot(scope: QuerySet[Pegawai], *, by: str = "opd", belum_dinilai: bool = False) -> Tna:
    """The analysis of `scope` from the stored needs: four queries for any headcount."""
    group = "opd_id" if by == "opd" else "unit_id"
    people = scope.filter(aktif=True)
    heads: dict[Any, int] = {}
    for g, n in people.values_list(group).annotate(n=Count("pk")).order_by():
        heads[g] = n
    names = dict(UnitKerja.objects.filter(pk__in=[g for g in heads if g is not None]).values_list("pk", "nama"))
    rows = KebutuhanTersimpan.objects.filter(perhitungan__aktif=True, pegawai__in=people).exclude(kode="")
    if not belum_dinilai:
        rows = rows.exclude(jenis="kompetensi", dinilai__isnull=True)
    total_rows = list(rows.values("kode").annotate(n=Count("pk"), nama=Max("nama"), jenis=Max("jenis")).order_by())
    titles = {r["kode"]: (r["jenis"], sinyal_judul(r["kode"], r["nama"])) for r in total_rows}
    per: dict[Any, list[tuple[str, int]]] = defaultdict(list)
    for g, kode, n in rows.values_list(f"pegawai__{group}", "kode").annotate(n=Count("pk")).order_by():
        per[g].append((kode, n))
    headcount = sum(heads.values())

    def top(items: list[tuple[str, int]], head: int, limit: int | None) -> list[BarisTna]:
        ranked = sorted(items, key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [BarisTna(k, titles[k][0], titles[k][1], c, head) for k, c in ranked]

    label = {g: names.get(g) or _("(tanpa unit)") for g in heads}
    per_unit = [(label[g], heads[g], top(per.get(g, []), heads[g], TOP)) for g in sorted(heads, key=lambda g: label[g])]
    return Tna(headcount, top([(r["kode"], r["n"]) for r in total_rows], headcount, None), per_unit)


@dataclass
class Analisis:
    """The analysis of a scope and where it came from: the stored snapshot of `run`, computed now
    (a small scope no run covers), or nothing yet (a large scope no run covers: start the job)."""

    tna: Tna
    sumber: str  # "tersimpan" | "langsung" | "belum"
    run: PerhitunganRekomendasi | None = None


def analisis(scope: QuerySet[Pegawai], *, by: str = "opd", belum_dinilai: bool = False) -> Analisis:
    run = latest_run(scope)
    if run is not None:
        return Analisis(tna_snapshot(scope, by=by, belum_dinilai=belum_dinilai), "tersimpan", run)
    if scope.filter(aktif=True).count() <= LIVE_MAX:
        return Analisis(gaps.tna(scope, by=by, belum_dinilai=belum_dinilai), "langsung")
    return Analisis(Tna(0, [], []), "belum")
