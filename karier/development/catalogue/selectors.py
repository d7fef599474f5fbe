"""Reads of the catalogue and the JP ledger for screens, the API and jobs.

The JP figures are set-based: a person's total of a year is stored (`RekapJpPegawai`, kept in step
with the `CatatanJp` ledger by every write, `jp_totals.py`) and joined to the people queryset, the
targets (PNS, PPPK) are read once, and the unit and agency shares are one GROUP BY over that — the
query count does not grow with headcount.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, overload

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    FilteredRelation,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from karier.development.catalogue.access import visible_kegiatan, visible_pendaftaran
from karier.development.models import (
    CatatanJp,
    KegiatanPengembangan,
    Pendaftaran,
    PengembanganMandiri,
    RekapJpPegawai,
    SesiKegiatan,
    StatusPendaftaran,
    TargetJp,
)
from karier.people.access import Actor, visible_pegawai
from karier.people.choices import JenisAsn
from karier.people.models import Pegawai, UnitKerja
from karier.rules.jp import JP_TARGET_PER_YEAR

DEC: DecimalField[Decimal, Decimal] = DecimalField(max_digits=8, decimal_places=2)
#: Without a `TargetJp` row: PNS 20 JP (PP 11/2017 Pasal 203(4)), no cap; PPPK 20 JP, counted up to
#: 24 JP (a sector rule, unverified as a general one — which is why the BKD can change both).
DEFAULT_TARGETS: dict[str, tuple[Decimal, Decimal | None]] = {
    JenisAsn.PNS: (JP_TARGET_PER_YEAR, None),
    JenisAsn.PPPK: (JP_TARGET_PER_YEAR, Decimal(24)),
}


def targets() -> dict[str, tuple[Decimal, Decimal | None]]:
    """{jenis ASN: (target, cap or None)} — one query."""
    out = dict(DEFAULT_TARGETS)
    for row in TargetJp.objects.all():
        out[row.jenis_asn] = (row.target, row.batas)
    return out


# ---------------------------------------------------------------------------- catalogue
def kegiatan_list(
    actor: Actor, *, q: str = "", jenis: str = "", metode: str = "", penyelenggara: str = ""
) -> QuerySet[KegiatanPengembangan]:
    qs = visible_kegiatan(actor)
    if q:
        qs = qs.filter(Q(nama__icontains=q) | Q(kode__icontains=q) | Q(uraian__icontains=q))
    if jenis:
        qs = qs.filter(jenis=jenis)
    if metode:
        qs = qs.filter(metode=metode)
    if penyelenggara:
        qs = qs.filter(penyelenggara=penyelenggara)
    return qs.annotate(n_sesi=Count("sesi")).order_by("nama", "pk")


def sesi_of(kegiatan: KegiatanPengembangan) -> QuerySet[SesiKegiatan]:
    return kegiatan.sesi.annotate(
        n_tunggu=Count("pendaftaran", filter=Q(pendaftaran__status=StatusPendaftaran.MENUNGGU))
    ).order_by("mulai", "pk")


def peserta(actor: Actor, sesi: SesiKegiatan) -> QuerySet[Pendaftaran]:
    """The enrolments of a session the actor may see (all of them for the organiser)."""
    return (
        visible_pendaftaran(actor)
        .filter(sesi=sesi)
        .exclude(status=StatusPendaftaran.BATAL)
        .select_related("pegawai", "pegawai__unit")
        .order_by("status", "dibuat_pada", "pk")
    )


def my_enrolments(actor: Actor) -> QuerySet[Pendaftaran]:
    if actor.pegawai_id is None:
        return Pendaftaran.objects.none()
    return (
        Pendaftaran.objects.filter(pegawai_id=actor.pegawai_id)
        .exclude(status=StatusPendaftaran.BATAL)
        .select_related("sesi", "sesi__kegiatan")
        .order_by("-sesi__mulai", "-pk")
    )


# ---------------------------------------------------------------------------- JP ledger
def with_jp(qs: QuerySet[Pegawai], tahun: int, goal: dict[str, tuple[Decimal, Decimal | None]]) -> QuerySet[Pegawai]:
    """People annotated with `jp_total` (the year's stored total, `RekapJpPegawai`), `jp_dihitung`
    (capped for their kind), `jp_target` and `jp_tercapai` — one LEFT JOIN on the yearly totals."""
    total = Coalesce(F("jp_tahun__jp_total"), Value(Decimal(0), output_field=DEC), output_field=DEC)
    pns_t, pns_cap = goal.get(JenisAsn.PNS, DEFAULT_TARGETS[JenisAsn.PNS])
    pppk_t, pppk_cap = goal.get(JenisAsn.PPPK, DEFAULT_TARGETS[JenisAsn.PPPK])
    capped: list[When] = []
    for jenis, cap in ((JenisAsn.PNS, pns_cap), (JenisAsn.PPPK, pppk_cap)):
        if cap is not None:
            capped.append(When(jenis_asn=jenis, jp_total__gt=cap, then=Value(cap, output_field=DEC)))
    target = Case(
        When(jenis_asn=JenisAsn.PPPK, then=Value(pppk_t, output_field=DEC)),
        default=Value(pns_t, output_field=DEC),
        output_field=DEC,
    )
    return (
        qs.annotate(jp_tahun=FilteredRelation("rekap_jp", condition=Q(rekap_jp__tahun=tahun)))
        .annotate(jp_total=total)
        .annotate(
            jp_dihitung=Case(*capped, default=F("jp_total"), output_field=DEC) if capped else F("jp_total"),
            jp_target=target,
        )
        # The cap is never below the target (`target_jp_set`), so "reached" reads the plain total.
        .annotate(jp_tercapai=ExpressionWrapper(Q(jp_total__gte=F("jp_target")), output_field=BooleanField()))
    )


def ledger_people(actor: Actor, tahun: int, *, unit_id: int | None = None, kurang: bool = False) -> QuerySet[Pegawai]:
    """The people the actor sees, active, with their JP of the year; `kurang` keeps those behind."""
    qs = visible_pegawai(actor).filter(aktif=True)
    if unit_id:
        qs = qs.filter(Q(unit_id=unit_id) | Q(opd_id=unit_id))
    qs = with_jp(qs, tahun, targets()).select_related("unit", "opd")
    if kurang:
        qs = qs.filter(Q(jp_total__lt=F("jp_target")))  # Q: an annotation, unknown to the type checker
    # By name (an index): a page needs only its first rows, not every person's total sorted.
    return qs.order_by("nama", "pk")


@dataclass
class RekapRow:
    id: int | None
    nama: str
    pns: int
    pns_tercapai: int
    pppk: int
    pppk_tercapai: int

    @property
    def persen_pns(self) -> int:
        return round(100 * self.pns_tercapai / self.pns) if self.pns else 0

    @property
    def kurang(self) -> int:
        return self.pns - self.pns_tercapai + self.pppk - self.pppk_tercapai


def rekap(actor: Actor, tahun: int, *, per: str = "opd") -> list[RekapRow]:
    """Per agency (`per="opd"`) or per unit: PNS and PPPK at their target — two queries in all (the
    targets, then the recap with the units' names).

    One SQL statement joins the visible people to their stored yearly totals (`RekapJpPegawai`, one
    row per person and year, kept in step by every ledger write — `jp_totals.py`) and groups them:
    no SUM over the year's ledger per request (that was 0.69 s for 100,000 people and 140,000 ledger
    rows). A cap is never below its target (`target_jp_set` refuses it), so whether someone reached
    the target does not depend on it.
    """
    key = "opd_id" if per == "opd" else "unit_id"
    goal = targets()
    # The visible people are the FROM clause itself (unordered: an IN over the visible ids sorted by
    # name made PostgreSQL sort the province on disk), so the admin's recap is one scan of the people.
    people = (
        visible_pegawai(actor)
        .filter(aktif=True)
        .order_by()
        .annotate(p_id=F("pk"), p_k=F(key), p_jenis=F("jenis_asn"))
        .values("p_id", "p_k", "p_jenis")
    )
    try:
        people_sql, people_params = people.query.sql_with_params()
    except EmptyResultSet:  # the actor sees nobody (an account not linked to an employee)
        return []
    totals = RekapJpPegawai._meta.db_table
    sql = f"""
        SELECT p.p_k AS k, MAX(u.nama) AS nama,
               COUNT(*) FILTER (WHERE p.p_jenis = %s) AS pns,
               COUNT(*) FILTER (WHERE p.p_jenis = %s AND COALESCE(t.jp_total, 0) >= %s) AS pns_ok,
               COUNT(*) FILTER (WHERE p.p_jenis = %s) AS pppk,
               COUNT(*) FILTER (WHERE p.p_jenis = %s AND COALESCE(t.jp_total, 0) >= %s) AS pppk_ok
        FROM ({people_sql}) p
        LEFT JOIN {totals} t ON t.pegawai_id = p.p_id AND t.tahun = %s
        LEFT JOIN {UnitKerja._meta.db_table} u ON u.id = p.p_k
        GROUP BY p.p_k
    """  # noqa: S608 - table and column names are ours; values are parameters
    params = [
        JenisAsn.PNS,
        JenisAsn.PNS,
        float(goal[JenisAsn.PNS][0]),  # SQLite compares a Decimal parameter as text
        JenisAsn.PPPK,
        JenisAsn.PPPK,
        float(goal[JenisAsn.PPPK][0]),
        *people_params,
        tahun,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        data = cursor.fetchall()
    out = [RekapRow(r[0], r[1] or "—", r[2], r[3], r[4], r[5]) for r in data]
    # Sorted by the share at target (computed once per row: per unit there are thousands), then name.
    keyed = [((round(100 * r.pns_tercapai / r.pns) if r.pns else 0), r.nama, i) for i, r in enumerate(out)]
    return [out[i] for _p, _n, i in sorted(keyed)]


class Counted:
    """A queryset whose length is already known, for `Paginator`: the "who is behind" list of a whole
    recap has exactly the recap's `kurang` rows (same people, same stored totals, same targets), so
    its page does not COUNT 100,000 joined rows a second time."""

    ordered = True

    def __init__(self, qs: QuerySet[Pegawai], n: int) -> None:
        self.qs, self.n = qs, n

    def count(self) -> int:
        return self.n

    def __len__(self) -> int:
        return self.n

    @overload
    def __getitem__(self, key: int) -> Pegawai: ...
    @overload
    def __getitem__(self, key: slice) -> QuerySet[Pegawai]: ...
    def __getitem__(self, key: int | slice) -> Pegawai | QuerySet[Pegawai]:
        return self.qs[key]

    def __iter__(self) -> Iterator[Pegawai]:
        return iter(self.qs)


def behind_page_source(
    actor: Actor, tahun: int, rows: list[RekapRow], *, unit_id: int | None
) -> QuerySet[Pegawai] | Counted:
    """The people behind their target, for a paginator: counted from the recap's rows when the list
    is the recap's whole scope (no unit chosen), else counted by the database."""
    qs = ledger_people(actor, tahun, unit_id=unit_id, kurang=True)
    if unit_id is None:
        return Counted(qs, sum(r.kurang for r in rows))
    return qs


@dataclass
class JpSaya:
    tahun: int
    total: Decimal
    dihitung: Decimal
    target: Decimal
    batas: Decimal | None
    tercapai: bool
    kurang: Decimal
    persen: int
    catatan: list[CatatanJp]


def jp_of(pegawai: Pegawai, tahun: int, *, rows: bool = True) -> JpSaya:
    """One person's JP of a year: the stored total (`RekapJpPegawai`) with the target, and — unless
    `rows=False` (the home card) — the year's ledger rows. Two or three queries."""
    from karier.rules.jp import jp_compliance

    target, batas = targets().get(pegawai.jenis_asn, DEFAULT_TARGETS[JenisAsn.PNS])
    stored = RekapJpPegawai.objects.filter(pegawai=pegawai, tahun=tahun).values_list("jp_total", flat=True).first()
    total = Decimal(str(stored)) if stored is not None else Decimal(0)
    catatan = list(catatan_of(pegawai.pk, tahun)) if rows else []
    dihitung = min(total, batas) if batas is not None else total
    status = jp_compliance(dihitung, target)
    persen = min(100, round(100 * dihitung / target)) if target else 100
    return JpSaya(tahun, total, dihitung, target, batas, status.met, status.shortfall, int(persen), catatan)


def catatan_of(pegawai_id: int, tahun: int | None = None) -> QuerySet[CatatanJp]:
    """A person's ledger rows (of a year), newest first — paginated by the screens and the API."""
    qs = CatatanJp.objects.filter(pegawai_id=pegawai_id)
    if tahun is not None:
        qs = qs.filter(tahun=tahun)
    return qs.order_by("-tanggal", "-pk")


def mandiri_of(pegawai_id: int | None) -> QuerySet[PengembanganMandiri]:
    """A person's self-development reports, newest first (paginated)."""
    if pegawai_id is None:
        return PengembanganMandiri.objects.none()
    return PengembanganMandiri.objects.filter(pegawai_id=pegawai_id).order_by("-mulai", "-pk")


def jp_rows_for_export(qs: QuerySet[Any]) -> Any:
    for p in qs.iterator(chunk_size=2000):
        yield [
            p.nip,
            p.nama,
            p.jenis_asn,
            p.unit.nama if p.unit else "",
            p.jp_total,
            p.jp_dihitung,
            p.jp_target,
            "Ya" if p.jp_tercapai else "Belum",
        ]
