"""Every read of the standards a screen or the API needs, each in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from karier.people.models import Jabatan, UnitKerja
from karier.standards.choices import Dimensi
from karier.standards.models import (
    Indikator,
    Misi,
    NilaiBerakhlak,
    NilaiIndikator,
    PanduanPerilaku,
    PerjanjianKinerja,
    PerjanjianKinerjaRow,
    Renstra,
    Rpjmd,
    SasaranRenstra,
    SasaranStrategis,
    StandarHasil,
    StandarJabatan,
    StandarPerilaku,
    Tujuan,
)


# ---------------------------------------------------------------------------- RPJMD
def rpjmd_list() -> QuerySet[Rpjmd]:
    return Rpjmd.objects.select_related("instansi").order_by("-aktif", "-tahun_mulai", "id")


def rpjmd_current() -> Rpjmd | None:
    """The active plan that started last (the one screens open on)."""
    return rpjmd_list().first()


def _nilai_prefetch() -> Any:  # django-stubs types Prefetch by its lookup, not its model
    return Prefetch("nilai", queryset=NilaiIndikator.objects.order_by("tahun"))


def rpjmd_tree(rpjmd: Rpjmd) -> list[Misi]:
    """visi → misi → tujuan → sasaran → indikator → yearly values, in five queries whatever the size."""
    indikator = Indikator.objects.order_by("kode", "id").prefetch_related(_nilai_prefetch())
    sasaran = SasaranStrategis.objects.order_by("nomor", "id").prefetch_related(
        Prefetch("indikator", queryset=indikator)
    )
    tujuan = Tujuan.objects.order_by("nomor", "id").prefetch_related(Prefetch("sasaran", queryset=sasaran))
    return list(
        Misi.objects.filter(rpjmd=rpjmd).order_by("nomor", "id").prefetch_related(Prefetch("tujuan", queryset=tujuan))
    )


def tree_indikator(tree: list[Misi]) -> list[Indikator]:
    """The IKU already loaded by `rpjmd_tree`, ordered like `rpjmd_indikator` (no query: the overview
    shows the tree and the IKU table from the same rows)."""
    found = [i for m in tree for t in m.tujuan.all() for s in t.sasaran.all() for i in s.indikator.all()]
    return sorted(found, key=lambda i: (i.kode, i.pk))


def rpjmd_indikator(rpjmd: Rpjmd) -> QuerySet[Indikator]:
    """The province's IKU of a plan (for tables and exports)."""
    return (
        Indikator.objects.filter(sasaran__tujuan__misi__rpjmd=rpjmd)
        .select_related("sasaran")
        .prefetch_related(_nilai_prefetch())
        .order_by("kode", "id")
    )


def sasaran_rpjmd_choices(rpjmd_id: int) -> QuerySet[SasaranStrategis]:
    return SasaranStrategis.objects.filter(tujuan__misi__rpjmd_id=rpjmd_id).order_by(
        "tujuan__misi__nomor", "tujuan__nomor", "nomor", "id"
    )


# ---------------------------------------------------------------------------- indicators
@dataclass
class Point:
    tahun: int
    target: Decimal | None
    realisasi: Decimal | None
    sumber: str


@dataclass
class Series:
    """Consecutive years measured with one method. Two series are never joined into one line."""

    metode: str
    label: str
    points: list[Point] = field(default_factory=list)

    @property
    def first_year(self) -> int:
        return self.points[0].tahun

    @property
    def last_year(self) -> int:
        return self.points[-1].tahun


def split_series(values: Iterable[NilaiIndikator]) -> list[Series]:
    """Values (ordered by year) split wherever `metode` changes, each part labelled for a legend:
    with exactly two methods, "metode lama (s.d. Y)" and "metode baru (sejak Y)"."""
    out: list[Series] = []
    for v in sorted(values, key=lambda n: n.tahun):
        if not out or out[-1].metode != v.metode:
            out.append(Series(metode=v.metode, label=v.metode))
        out[-1].points.append(Point(v.tahun, v.target, v.realisasi, v.sumber))
    if len(out) == 2:
        out[0].label = f"metode lama (s.d. {out[0].last_year})"
        out[1].label = f"metode baru (sejak {out[1].first_year})"
    else:
        for s in out:
            name = s.metode or "seri"
            s.label = f"{name} ({s.first_year}–{s.last_year})" if len(out) > 1 else (s.metode or "realisasi")
    return out


def indikator_series(indikator: Indikator) -> list[Series]:
    return split_series(indikator.nilai.order_by("tahun"))


def _turunan_prefetch() -> Any:
    return Prefetch(
        "turunan", queryset=Indikator.objects.select_related("sasaran_renstra__renstra__opd").order_by("kode", "id")
    )


def indikator_detail(indikator_id: int) -> Indikator:
    return (
        Indikator.objects.select_related(
            "sasaran__tujuan__misi__rpjmd",
            "sasaran_renstra__renstra__opd",
            "sasaran_renstra__renstra__rpjmd",
            "sasaran_renstra__sasaran_rpjmd",
            "induk",
        )
        .prefetch_related(_nilai_prefetch(), _turunan_prefetch())
        .get(pk=indikator_id)
    )


def indikator_list(
    *, rpjmd: int | None = None, renstra: int | None = None, opd: int | None = None, provinsi: bool | None = None
) -> QuerySet[Indikator]:
    qs = Indikator.objects.select_related("sasaran_renstra__renstra__opd", "induk")
    if rpjmd:
        qs = qs.filter(Q(sasaran__tujuan__misi__rpjmd_id=rpjmd) | Q(sasaran_renstra__renstra__rpjmd_id=rpjmd))
    if renstra:
        qs = qs.filter(sasaran_renstra__renstra_id=renstra)
    if opd:
        qs = qs.filter(sasaran_renstra__renstra__opd_id=opd)
    if provinsi is not None:
        qs = qs.filter(sasaran__isnull=not provinsi)
    return qs.order_by("kode", "id")


def province_indikator_choices(rpjmd_id: int) -> QuerySet[Indikator]:
    return Indikator.objects.filter(sasaran__tujuan__misi__rpjmd_id=rpjmd_id).order_by("kode", "id")


# ---------------------------------------------------------------------------- Renstra
def renstra_list(*, opd: int | None = None, rpjmd: int | None = None) -> QuerySet[Renstra]:
    qs = Renstra.objects.select_related("opd", "rpjmd").annotate(
        n_sasaran=Count("sasaran", distinct=True), n_indikator=Count("sasaran__indikator", distinct=True)
    )
    if opd:
        qs = qs.filter(opd_id=opd)
    if rpjmd:
        qs = qs.filter(rpjmd_id=rpjmd)
    return qs.order_by("opd__nama", "-tahun_mulai", "id")


def renstra_sasaran(renstra: Renstra) -> list[SasaranRenstra]:
    """Sasaran with the province sasaran they serve, their indicators, parents and values: 3 queries."""
    indikator = Indikator.objects.select_related("induk").order_by("kode", "id").prefetch_related(_nilai_prefetch())
    return list(
        SasaranRenstra.objects.filter(renstra=renstra)
        .select_related("sasaran_rpjmd")
        .prefetch_related(Prefetch("indikator", queryset=indikator))
        .order_by("nomor", "id")
    )


def opd_choices() -> QuerySet[UnitKerja]:
    return UnitKerja.objects.filter(parent__isnull=True, aktif=True).order_by("nama")


# ---------------------------------------------------------------------------- Perjanjian Kinerja
def perjanjian_list(
    *, opd: int | None = None, tahun: int | None = None, status: str | None = None
) -> QuerySet[PerjanjianKinerja]:
    qs = PerjanjianKinerja.objects.select_related("opd").annotate(n_rows=Count("rows"))
    if opd:
        qs = qs.filter(opd_id=opd)
    if tahun:
        qs = qs.filter(tahun=tahun)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-tahun", "opd__nama", "id")


def perjanjian_rows(perjanjian: PerjanjianKinerja) -> QuerySet[PerjanjianKinerjaRow]:
    return (
        PerjanjianKinerjaRow.objects.filter(perjanjian=perjanjian)
        .select_related("sasaran", "indikator", "indikator__induk")
        .order_by("urutan", "id")
    )


def perjanjian_indikator_choices(perjanjian: PerjanjianKinerja) -> QuerySet[Indikator]:
    """Agency indicators of the Renstra covering the agreement's year."""
    return (
        Indikator.objects.filter(
            sasaran_renstra__renstra__opd_id=perjanjian.opd_id,
            sasaran_renstra__renstra__tahun_mulai__lte=perjanjian.tahun,
            sasaran_renstra__renstra__tahun_selesai__gte=perjanjian.tahun,
        )
        .select_related("sasaran_renstra")
        .order_by("sasaran_renstra__nomor", "kode", "id")
    )


# ---------------------------------------------------------------------------- position standards
@dataclass
class DimensiGroup:
    dimensi: str
    label: str
    hasil: list[StandarHasil]


@dataclass
class PerilakuRow:
    nilai: NilaiBerakhlak
    panduan: list[PanduanPerilaku]
    ekspektasi: StandarPerilaku | None


@dataclass
class StandarView:
    jabatan: Jabatan
    standar: StandarJabatan | None
    groups: list[DimensiGroup]
    perilaku: list[PerilakuRow]

    @property
    def n_hasil(self) -> int:
        return sum(len(g.hasil) for g in self.groups)


def berakhlak() -> list[NilaiBerakhlak]:
    return list(
        NilaiBerakhlak.objects.prefetch_related(
            Prefetch("panduan", queryset=PanduanPerilaku.objects.order_by("urutan"))
        ).order_by("urutan")
    )


def standar_for_jabatan(jabatan: Jabatan) -> StandarView:
    """The standard of a position: results grouped by dimensi (all three, possibly empty) and the 7
    BerAKHLAK values with their 3 guidelines each and the position's expectation if any. 5 queries."""
    standar = (
        StandarJabatan.objects.filter(jabatan=jabatan)
        .prefetch_related(
            Prefetch("hasil", queryset=StandarHasil.objects.select_related("indikator_opd").order_by("urutan", "id")),
            Prefetch("perilaku", queryset=StandarPerilaku.objects.all()),
        )
        .first()
    )
    hasil = list(standar.hasil.all()) if standar else []
    groups = [DimensiGroup(str(d), str(label), [h for h in hasil if h.dimensi == d]) for d, label in Dimensi.choices]
    by_nilai = {p.nilai_id: p for p in standar.perilaku.all()} if standar else {}
    rows = [PerilakuRow(n, list(n.panduan.all()), by_nilai.get(n.kode)) for n in berakhlak()]
    return StandarView(jabatan=jabatan, standar=standar, groups=groups, perilaku=rows)


def jabatan_standar_list(
    base: QuerySet[Jabatan], *, opd: int | None = None, ada: bool | None = None, q: str = "", jenis: str = ""
) -> QuerySet[Jabatan]:
    """`jabatan_standar_rows` with each position's figures (has a standard, how many results) as
    annotations: for the whole-list Excel, which reads every row anyway; a page uses
    `with_standar_figures` on its own 25 instead."""
    return jabatan_standar_rows(base, opd=opd, ada=ada, q=q, jenis=jenis).annotate(
        ada_standar=Exists(StandarJabatan.objects.filter(jabatan=OuterRef("pk"))),
        n_hasil=Count("standar__hasil"),
    )


def jabatan_standar_rows(
    base: QuerySet[Jabatan], *, opd: int | None = None, ada: bool | None = None, q: str = "", jenis: str = ""
) -> QuerySet[Jabatan]:
    """The positions of the standards list, filtered and ordered on plain columns, without their
    figures: the screen counts and pages this (filters and ordering on plain columns, no GROUP BY over
    every position), then fills in the figures of the page alone with `with_standar_figures`. The
    aggregate over all 26,000 positions before LIMIT 25 took 300 ms; the page needs 25 of them."""
    qs = base.filter(aktif=True).select_related("unit", "unit__opd")
    if opd:
        qs = qs.filter(unit__opd_id=opd)
    if ada is not None:
        has = Exists(StandarJabatan.objects.filter(jabatan=OuterRef("pk")))
        qs = qs.filter(has if ada else ~has)
    if q.strip():
        qs = qs.filter(nama__icontains=q.strip())
    if jenis:
        qs = qs.filter(jenis=jenis)
    return qs.order_by("unit__path", "-adalah_kepala_unit", "nama", "id")


def with_standar_figures(rows: Iterable[Jabatan]) -> list[Jabatan]:
    """Set `ada_standar` and `n_hasil` (as `jabatan_standar_list` annotates them) on a page of positions:
    one GROUP BY over the standards of those ids only, whatever the number of positions."""
    page = list(rows)
    counts = dict(
        StandarJabatan.objects.filter(jabatan_id__in=[j.pk for j in page])
        .annotate(n=Count("hasil"))
        .values_list("jabatan_id", "n")
    )
    for j in page:
        j.ada_standar = j.pk in counts  # type: ignore[attr-defined]
        j.n_hasil = counts.get(j.pk, 0)  # type: ignore[attr-defined]
    return page


def standar_coverage(opd_ids: Iterable[int] | None = None) -> dict[str, int]:
    """How many active positions have a standard (for the overview): one aggregate query over a LEFT JOIN
    to `StandarJabatan` (one-to-one, so no row is counted twice) — a single hash join, where an EXISTS
    per position probed the index 26,000 times (~40 ms at 13,000 positions, the JIT on top at 26,000)."""
    qs = Jabatan.objects.filter(aktif=True)
    if opd_ids is not None:
        qs = qs.filter(unit__opd_id__in=list(opd_ids))
    counts = qs.aggregate(total=Count("pk"), ada=Count("standar"))
    total, done = counts["total"], counts["ada"]
    return {"total": total, "ada": done, "belum": total - done}


def same_kind_q(source: Jabatan) -> Q:
    """Positions of the same kind as `source`: the same jenis, and for functional positions the
    same jenjang (and the same SIASN functional position when both have one)."""
    q = Q(jenis=source.jenis, aktif=True)
    if source.jenjang:
        q &= Q(jenjang=source.jenjang)
    if source.jabatan_fungsional_id:
        q &= Q(jabatan_fungsional_id=source.jabatan_fungsional_id) | Q(jabatan_fungsional__isnull=True)
    return q & ~Q(pk=source.pk)


def copy_candidates(editable: QuerySet[Jabatan], source: Jabatan) -> QuerySet[Jabatan]:
    """Positions of the same kind as `source` among `editable` (those whose standard one may change)."""
    return editable.filter(same_kind_q(source))


def perilaku_by_nilai(jabatan: Jabatan) -> dict[str, StandarPerilaku]:
    """The position's BerAKHLAK expectations by value code (empty when it has no standard)."""
    return {p.nilai_id: p for p in StandarPerilaku.objects.filter(standar__jabatan=jabatan)}
