"""Reads about people and positions: who held what, under whom, on a date; directory queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from karier.people.choices import JenisPenugasan
from karier.people.models import Jabatan, Pegawai, Penugasan, RiwayatGolongan, UnitKerja

# Definitif beats Plt beats Plh when several people cover one position on a date. The same order
# as a dict, for set-based resolvers that rank rows in Python (plans.bulk, appraisal.periods).
PENUGASAN_RANK: dict[str, int] = {JenisPenugasan.DEFINITIF.value: 0, JenisPenugasan.PLT.value: 1,
                                  JenisPenugasan.PLH.value: 2}
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
    row = (
        Penugasan.objects.filter(active_on(d), jabatan_id=jabatan_id)
        .select_related("pegawai", "jabatan")
        .annotate(rank=_PENUGASAN_RANK)
        .order_by("rank", "mulai", "id")
        .first()
    )
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
    Runs at most one query per level walked (usually two in all).
    """
    assignment = definitive_assignment_on(pegawai, d)
    if assignment is None:
        return None
    own_id = assignment.pegawai_id
    superior = assignment.jabatan.atasan
    skipped = 0
    while superior is not None:
        holder = holder_on(superior, d)
        if holder is not None and holder.pegawai.pk != own_id:
            return Appraiser(holder.pegawai, holder.jabatan, holder.jenis, skipped)
        skipped += 1
        superior = Jabatan.objects.filter(pk=superior.atasan_id).first() if superior.atasan_id else None
    return None


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
        Penugasan.objects.filter(active_on(d), jabatan__atasan_id__in=list(jabatan_ids),
                                 jenis=JenisPenugasan.DEFINITIF)
        .select_related("pegawai", "pegawai__golongan", "jabatan", "jabatan__unit")
        .order_by("pegawai__nama", "pegawai_id")
    )


def positions_held_on(pegawai_id: int, d: dt.date) -> QuerySet[Penugasan]:
    """Every position a person covers on d: definitive plus Plt/Plh."""
    return Penugasan.objects.filter(active_on(d), pegawai_id=pegawai_id).select_related("jabatan")


def unit_subtree(unit: UnitKerja) -> QuerySet[UnitKerja]:
    return UnitKerja.objects.filter(path__startswith=unit.path)


def pegawai_profile(pegawai_id: int) -> Pegawai:
    return Pegawai.objects.select_related(
        "golongan", "jabatan", "jabatan__unit", "jabatan__atasan", "unit", "opd", "instansi"
    ).get(pk=pegawai_id)


def pegawai_history(pegawai: Pegawai) -> tuple[list[RiwayatGolongan], list[Penugasan]]:
    golongan = list(pegawai.riwayat_golongan.select_related("golongan").order_by("-tmt"))
    penugasan = list(
        pegawai.penugasan.select_related("jabatan", "jabatan__unit").order_by("-mulai", "-id")
    )
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
        qs = qs.filter(unit__path__startswith=unit.path) if unit else qs.none()
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
        .values_list("unit_id").annotate(n=Count("id")).values_list("unit_id", "n")
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
        rows.append(PositionRow(j, cover.pegawai if cover else None, cover.jenis if cover else None,
                                count.get(j.pk, 0)))
    return rows


def unit_search(base: QuerySet[UnitKerja], *, parent: int | str | None = None, opd: int | None = None,
                q: str = "") -> QuerySet[UnitKerja]:
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


def jabatan_search(base: QuerySet[Jabatan], *, unit: int | None = None, jenis: str = "",
                   atasan: int | None = None) -> QuerySet[Jabatan]:
    qs = base.select_related("unit")
    if unit:
        qs = qs.filter(unit_id=unit)
    if jenis:
        qs = qs.filter(jenis=jenis)
    if atasan:
        qs = qs.filter(atasan_id=atasan)
    return qs.order_by("unit__path", "-adalah_kepala_unit", "nama", "id")
