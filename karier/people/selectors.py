"""Reads about people and positions: who held what, under whom, on a date; directory queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from karier.people.choices import JenisPenugasan
from karier.people.models import Jabatan, Pegawai, Penugasan, RiwayatGolongan, UnitKerja

if TYPE_CHECKING:
    from karier.people.access import Actor

# Definitif beats Plt beats Plh when several people cover one position on a date. The same order
# as a dict, for set-based resolvers that rank rows in Python (plans.bulk, appraisal.periods).
PENUGASAN_RANK: dict[str, int] = {
    JenisPenugasan.DEFINITIF.value: 0,
    JenisPenugasan.PLT.value: 1,
    JenisPenugasan.PLH.value: 2,
}
_PENUGASAN_RANK = Case(
    When(jenis=JenisPenugasan.DEFINITIF, then=Value(0)),
    When(jenis=JenisPenugasan.PLT, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def active_on(d: dt.date, prefix: str = "") -> Q:
    """Penugasan rows in force on date d (selesai is inclusive); `prefix` reaches them from another model."""
    p = f"{prefix}__" if prefix else ""
    return Q(**{f"{p}mulai__lte": d}) & (Q(**{f"{p}selesai__isnull": True}) | Q(**{f"{p}selesai__gte": d}))


K = TypeVar("K")


@dataclass(frozen=True)
class Holder:
    pegawai: Pegawai
    jabatan: Jabatan
    jenis: str  # JenisPenugasan value


@dataclass(frozen=True)
class Appraiser:
    """The pejabat penilai kinerja of someone on a date and how they were found."""

    pegawai: Pegawai
    jabatan: Jabatan
    jenis: str  # DEFINITIF / PLT / PLH of the appraiser's own assignment
    skipped_vacant: int  # how many vacant superior positions were passed on the way up


def holder_on(jabatan: Jabatan | int, d: dt.date) -> Holder | None:
    """The person covering a position on date d: the definitive holder, else a Plt, else a Plh.

    For a position with several seats (formasi > 1) the earliest-appointed holder is returned.
    """
    jabatan_id = jabatan if isinstance(jabatan, int) else jabatan.pk
    cover = holders_on([jabatan_id], d).get(jabatan_id)
    row = cover.row if cover else None
    return Holder(row.pegawai, row.jabatan, row.jenis) if row else None


def definitive_assignment_on(pegawai: Pegawai | int, d: dt.date) -> Penugasan | None:
    pegawai_id = pegawai if isinstance(pegawai, int) else pegawai.pk
    return (
        Penugasan.objects.filter(active_on(d), pegawai_id=pegawai_id, jenis=JenisPenugasan.DEFINITIF)
        .select_related("jabatan", "jabatan__unit", "jabatan__atasan")
        .first()
    )


def appraiser_on(pegawai: Pegawai | int, d: dt.date) -> Appraiser | None:
    """Holder (or Plt/Plh) of the superior position of the person's definitive position on d.

    If the superior position is vacant on d, the next one up is used (PermenPANRB 6/2022 lets
    the next superior appraise when there is no direct one); None at the top of the tree.
    The one-person form of `appraisers_on` (two queries when the direct superior is covered).
    """
    pegawai_id = pegawai if isinstance(pegawai, int) else pegawai.pk
    return appraisers_on([pegawai_id], d).get(pegawai_id)


# ---------------------------------------------------------------------------- the one resolver
# Who covers a position, and who is the official above it, is decided here only. Everything that
# needs an appraiser, the official above a position or "who decides instead" (conflict of
# interest) calls `officials_above` — per person (`appraiser_on`), for a set (`appraisers_on`), or
# over a whole tree already in memory (`AppraiserTree`, for bulk runs).
@dataclass(frozen=True)
class Cover:
    """Who covers a position on a date: the best-ranked assignment (definitive > Plt > Plh, then the
    earliest appointed)."""

    pegawai_id: int
    jabatan_id: int
    jenis: str
    row: Penugasan | None = None  # with pegawai and jabatan loaded, when read from the database


@dataclass(frozen=True)
class Official:
    """The first covered position found walking up, and how many positions were passed on the way."""

    cover: Cover
    skipped: int

    @property
    def pegawai_id(self) -> int:
        return self.cover.pegawai_id

    @property
    def jabatan_id(self) -> int:
        return self.cover.jabatan_id

    @property
    def jenis(self) -> str:
        return self.cover.jenis


def _rank_key(jenis: str, mulai: dt.date, pk: int) -> tuple[int, dt.date, int]:
    return PENUGASAN_RANK.get(jenis, 2), mulai, pk


def holders_on(jabatan_ids: Iterable[int], d: dt.date) -> dict[int, Cover]:
    """{position: who covers it on d} for many positions in one query (definitive > Plt > Plh)."""
    ids = set(jabatan_ids)
    if not ids:
        return {}
    best: dict[int, tuple[tuple[int, dt.date, int], Penugasan]] = {}
    for row in Penugasan.objects.filter(active_on(d), jabatan_id__any=ids).select_related("pegawai", "jabatan"):
        key = _rank_key(row.jenis, row.mulai, row.pk)
        if row.jabatan_id not in best or key < best[row.jabatan_id][0]:
            best[row.jabatan_id] = (key, row)
    return {j: Cover(r.pegawai_id, j, r.jenis, r) for j, (_k, r) in best.items()}


def _parents_of(jabatan_ids: set[int]) -> dict[int, int | None]:
    return dict(Jabatan.objects.filter(pk__any=jabatan_ids).values_list("pk", "atasan_id"))


HoldersFn = Callable[[set[int]], Mapping[int, Cover]]
ParentsFn = Callable[[set[int]], Mapping[int, "int | None"]]


def officials_above(
    starts: Mapping[K, int | None],
    d: dt.date,
    *,
    excluded: Mapping[K, Collection[int]] | None = None,
    include_start: bool = False,
    holders: HoldersFn | None = None,
    parents: ParentsFn | None = None,
) -> dict[K, Official]:
    """For each key, the first position at or above its start (strictly above unless `include_start`)
    covered on d by someone not in `excluded[key]`, and who covers it. Keys with none are left out.

    The rule of the appraiser (PermenPANRB 6/2022) and of "who decides instead" (conflict of
    interest): definitive > Plt > Plh; a vacant position, or one covered by an excluded person (the
    appraisee themself), passes to the next one up; a loop in the tree ends the walk. Set-based: two
    queries per tree level walked, whatever the number of keys (`holders`/`parents` replace them
    when the tree is already in memory).
    """
    holders_fn: HoldersFn = holders or (lambda ids: holders_on(ids, d))
    parents_fn: ParentsFn = parents or _parents_of
    excluded = excluded or {}
    result: dict[K, Official] = {}
    seen: dict[K, set[int]] = {}
    skipped: dict[K, int] = {}
    pending: dict[K, int] = {}
    if include_start:
        pending = {k: j for k, j in starts.items() if j is not None}
    else:
        tops = parents_fn({j for j in starts.values() if j is not None})
        for k, j in starts.items():
            up = tops.get(j) if j is not None else None
            if up is not None and up != j:
                pending[k] = up
                seen[k] = {j} if j is not None else set()
    while pending:
        covers = holders_fn(set(pending.values()))
        walk_on: dict[K, int] = {}
        for k, j in pending.items():
            seen.setdefault(k, set()).add(j)
            cover = covers.get(j)
            if cover is not None and cover.pegawai_id not in excluded.get(k, ()):
                result[k] = Official(cover, skipped.get(k, 0))
            else:
                skipped[k] = skipped.get(k, 0) + 1
                walk_on[k] = j
        if not walk_on:
            break
        ups = parents_fn(set(walk_on.values()))
        pending = {}
        for k, j in walk_on.items():
            up = ups.get(j)
            if up is not None and up not in seen[k]:
                pending[k] = up
    return result


def definitive_positions_on(pegawai_ids: Iterable[int], d: dt.date) -> dict[int, int]:
    """{pegawai: definitive position on d}; with two at once, the latest appointment wins. One query."""
    rows = (
        Penugasan.objects.filter(active_on(d), pegawai_id__any=list(pegawai_ids), jenis=JenisPenugasan.DEFINITIF)
        .order_by("pegawai_id", "mulai", "id")
        .values_list("pegawai_id", "jabatan_id")
    )
    return dict(rows)  # the last row per person wins


def _as_appraiser(official: Official) -> Appraiser:
    row = official.cover.row
    assert row is not None
    return Appraiser(row.pegawai, row.jabatan, official.jenis, official.skipped)


def appraisers_on(pegawai_ids: Iterable[int], d: dt.date) -> dict[int, Appraiser]:
    """{pegawai_id: their appraiser on d} for a set of people, set-based (the rule of `officials_above`,
    skipping the person themself). People without a definitive position or at the top are left out.
    One query for the positions plus two per tree level walked (usually three in all); none for nobody
    (the home page's queues are usually empty)."""
    ids = list(pegawai_ids)
    if not ids:
        return {}
    own = definitive_positions_on(ids, d)
    found = officials_above(own, d, excluded={p: (p,) for p in own})
    return {p: _as_appraiser(o) for p, o in found.items()}


class AppraiserTree:
    """The whole position tree and who covers each superior position on d, read once (two queries),
    for runs that resolve the appraisers of a whole province in memory (`plans.bulk`)."""

    def __init__(self, d: dt.date) -> None:
        self.atasan: dict[int, int | None] = dict(Jabatan.objects.values_list("id", "atasan_id"))
        rows = Penugasan.objects.filter(
            active_on(d), jabatan_id__in=Jabatan.objects.filter(atasan__isnull=False).values("atasan_id")
        ).values_list("jabatan_id", "pegawai_id", "jenis", "mulai", "id")
        best: dict[int, tuple[tuple[int, dt.date, int], Cover]] = {}
        for jabatan_id, pegawai_id, jenis, mulai, pk in rows:
            key = _rank_key(jenis, mulai, pk)
            if jabatan_id not in best or key < best[jabatan_id][0]:
                best[jabatan_id] = (key, Cover(pegawai_id, jabatan_id, jenis))
        self.cover: dict[int, Cover] = {j: v[1] for j, v in best.items()}
        self.d = d

    def resolve_many(self, positions: Mapping[int, int]) -> dict[int, tuple[int, int]]:
        """{pegawai: definitive position} → {pegawai: (appraiser pegawai id, the position they cover)}."""
        found = officials_above(
            positions,
            self.d,
            excluded={p: (p,) for p in positions},
            holders=lambda ids: {j: self.cover[j] for j in ids if j in self.cover},
            parents=lambda ids: {j: self.atasan.get(j) for j in ids},
        )
        return {p: (o.pegawai_id, o.jabatan_id) for p, o in found.items()}


def golongan_on(pegawai: Pegawai | int, d: dt.date) -> RiwayatGolongan | None:
    pegawai_id = pegawai if isinstance(pegawai, int) else pegawai.pk
    return (
        RiwayatGolongan.objects.filter(pegawai_id=pegawai_id, tmt__lte=d)
        .select_related("golongan")
        .order_by("-tmt")
        .first()
    )


def direct_subordinates_on(jabatan_ids: Iterable[int], d: dt.date) -> QuerySet[Penugasan]:
    """Definitive assignments on d to positions whose superior is one of `jabatan_ids`."""
    return (
        Penugasan.objects.filter(
            active_on(d), jabatan__atasan_id__any=list(jabatan_ids), jenis=JenisPenugasan.DEFINITIF
        )
        .select_related("pegawai", "pegawai__golongan", "jabatan", "jabatan__unit")
        .order_by("pegawai__nama", "pegawai_id")
    )


def direct_team(actor: Actor, d: dt.date) -> list[Penugasan]:
    """`direct_subordinates_on` the actor's positions, with each person's rank and own position: read
    once per request (`people.access.memoised`: the actor lives as long as its request) and shared by
    the home page's cards — the subordinates, their plans' statuses, the early warning. An agency head
    with 865 people right below him read them three times, in three shapes, for 100 ms of SQL at one
    million employees; this one read takes 17 ms."""
    from karier.people.access import memoised  # access reads this module's selectors

    def read() -> list[Penugasan]:
        if not actor.jabatan_ids:
            return []
        # what the cards and the early warning's API show: rank, position (the person's and the one
        # below the actor); not the position's unit, a hash join over every unit
        return list(
            direct_subordinates_on(actor.jabatan_ids, d)
            .select_related(None)
            .select_related("pegawai__golongan", "pegawai__jabatan", "jabatan")
        )

    return memoised(actor, ("direct_team", d), read)


def positions_held_on(pegawai_id: int, d: dt.date) -> QuerySet[Penugasan]:
    """Every position a person covers on d: definitive plus Plt/Plh."""
    return Penugasan.objects.filter(active_on(d), pegawai_id=pegawai_id).select_related("jabatan")


def unit_subtree(unit: UnitKerja) -> QuerySet[UnitKerja]:
    return UnitKerja.objects.filter(path__subtree=unit.path)


def pegawai_profile(pegawai_id: int) -> Pegawai:
    return Pegawai.objects.select_related(
        "golongan", "jabatan", "jabatan__unit", "jabatan__atasan", "unit", "opd", "instansi"
    ).get(pk=pegawai_id)


def own_profile(actor: Actor) -> Pegawai | None:
    """The actor's own record (`pegawai_profile`), once per request: the home page's "my data" and "my
    JP" cards both show it (None without one; an account's employee link is cleared, never left
    dangling, when the record goes)."""
    from karier.people.access import memoised  # access reads this module's selectors

    pegawai_id = actor.pegawai_id
    if pegawai_id is None:
        return None
    return memoised(actor, ("own_profile",), lambda: pegawai_profile(pegawai_id))


def pegawai_history(pegawai: Pegawai) -> tuple[list[RiwayatGolongan], list[Penugasan]]:
    golongan = list(pegawai.riwayat_golongan.select_related("golongan").order_by("-tmt"))
    penugasan = list(pegawai.penugasan.select_related("jabatan", "jabatan__unit").order_by("-mulai", "-id"))
    return golongan, penugasan


@dataclass(frozen=True)
class DirectoryFilter:
    q: str = ""
    opd: int | None = None
    unit: int | None = None
    golongan: int | None = None
    jenis_jabatan: str = ""


def directory(base: QuerySet[Pegawai], f: DirectoryFilter) -> QuerySet[Pegawai]:
    """The employee directory: the actor's visible people narrowed by the filters.

    Name search is a case-insensitive substring (a trigram index serves it on PostgreSQL);
    digits search the NIP by prefix so the unique index serves it.
    """
    qs = base
    text = f.q.strip()
    if text:
        compact = text.replace(" ", "")
        if compact.isdigit():
            qs = qs.filter(nip__startswith=compact)
        else:
            qs = qs.filter(nama__icontains=text)
    if f.opd:
        qs = qs.filter(opd_id=f.opd)
    if f.unit:
        unit = UnitKerja.objects.filter(pk=f.unit).only("path").first()
        qs = qs.filter(unit__path__subtree=unit.path) if unit else qs.none()
    if f.golongan:
        qs = qs.filter(golongan_id=f.golongan)
    if f.jenis_jabatan:
        qs = qs.filter(jabatan__jenis=f.jenis_jabatan)
    return qs.select_related("golongan", "jabatan", "unit", "opd").order_by("nama", "id")


def headcount_by(base: QuerySet[Pegawai], field: str) -> list[dict[str, object]]:
    """One GROUP BY: [{field: value, "n": count}, …] sorted by value."""
    from django.db.models import Count

    return list(base.values(field).annotate(n=Count("id")).order_by(field))


def vacant_managerial_positions(d: dt.date, opd_ids: Iterable[int] | None = None) -> QuerySet[Jabatan]:
    """Managerial positions with nobody (definitive, Plt or Plh) covering them on d."""
    from django.db.models import Exists, OuterRef

    from karier.people.choices import JenisJabatan

    covered = Penugasan.objects.filter(active_on(d), jabatan_id=OuterRef("pk"))
    qs = Jabatan.objects.filter(aktif=True, jenis__in=JenisJabatan.managerial()).exclude(Exists(covered))
    if opd_ids is not None:
        qs = qs.filter(unit__opd_id__in=list(opd_ids))
    return qs.select_related("unit").order_by("unit__path", "nama")


def units_with_counts(units: QuerySet[UnitKerja]) -> list[UnitKerja]:
    """Units with `n_children` and `n_pegawai` (people placed directly in the unit), in 3 queries."""
    from django.db.models import Count

    rows: list[UnitKerja] = list(units.annotate(n_children=Count("children", distinct=True)).order_by("nama"))
    counts = dict(
        Pegawai.objects.filter(unit_id__in=[u.pk for u in rows], aktif=True)
        .values_list("unit_id")
        .annotate(n=Count("id"))
        .values_list("unit_id", "n")
    )
    for u in rows:
        u.n_pegawai = counts.get(u.pk, 0)  # type: ignore[attr-defined]
    return rows


def unit_ancestors(unit: UnitKerja) -> list[UnitKerja]:
    ids = [int(x) for x in unit.path.strip("/").split("/") if x][:-1]
    by_id = UnitKerja.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


@dataclass
class PositionRow:
    jabatan: Jabatan
    holder: Pegawai | None
    jenis: str | None
    n_holders: int


def unit_positions(unit: UnitKerja, d: dt.date) -> list[PositionRow]:
    """Positions of a unit with who covers them on d, in two queries whatever the size."""
    positions = list(unit.jabatan.filter(aktif=True).select_related("atasan").order_by("-adalah_kepala_unit", "nama"))
    assignments = (
        Penugasan.objects.filter(active_on(d), jabatan__in=positions)
        .select_related("pegawai", "pegawai__golongan")
        .annotate(rank=_PENUGASAN_RANK)
        .order_by("jabatan_id", "rank", "mulai", "id")
    )
    first: dict[int, Penugasan] = {}
    count: dict[int, int] = {}
    for a in assignments:
        first.setdefault(a.jabatan_id, a)
        if a.jenis == JenisPenugasan.DEFINITIF:
            count[a.jabatan_id] = count.get(a.jabatan_id, 0) + 1
    rows = []
    for j in positions:
        cover = first.get(j.pk)
        rows.append(
            PositionRow(j, cover.pegawai if cover else None, cover.jenis if cover else None, count.get(j.pk, 0))
        )
    return rows


def unit_search(
    base: QuerySet[UnitKerja], *, parent: int | str | None = None, opd: int | None = None, q: str = ""
) -> QuerySet[UnitKerja]:
    """Units narrowed by parent ("root" for top-level units), agency and a name fragment."""
    qs = base
    if parent == "root":
        qs = qs.filter(parent__isnull=True)
    elif parent:
        qs = qs.filter(parent_id=int(parent))
    if opd:
        qs = qs.filter(opd_id=opd)
    if q.strip():
        qs = qs.filter(nama__icontains=q.strip())
    return qs.order_by("path")


def jabatan_search(
    base: QuerySet[Jabatan], *, unit: int | None = None, jenis: str = "", atasan: int | None = None
) -> QuerySet[Jabatan]:
    qs = base.select_related("unit")
    if unit:
        qs = qs.filter(unit_id=unit)
    if jenis:
        qs = qs.filter(jenis=jenis)
    if atasan:
        qs = qs.filter(atasan_id=atasan)
    return qs.order_by("unit__path", "-adalah_kepala_unit", "nama", "id")
