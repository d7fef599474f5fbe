"""Reads of the catalogue and the JP ledger for screens, the API and jobs.

The JP figures are set-based: a person's total of a year is one correlated SUM over `CatatanJp`
annotated on the people queryset, the targets (PNS, PPPK) are read once, and the unit and agency
shares are one GROUP BY over that — the query count does not grow with headcount.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Round

from karier.development.catalogue.access import visible_kegiatan, visible_pendaftaran
from karier.development.models import (
    CatatanJp,
    KegiatanPengembangan,
    Pendaftaran,
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
    """People annotated with `jp_total` (the year's ledger), `jp_dihitung` (capped for their kind),
    `jp_target` and `jp_tercapai`."""
    total = Coalesce(
        Subquery(
            CatatanJp.objects.filter(pegawai_id=OuterRef("pk"), tahun=tahun)
            .order_by()
            .values("pegawai_id")
            .annotate(s=Round(Sum("jp"), 2))  # SQLite sums in binary floating point: 19.999999…
            .values("s")[:1],
            output_field=DEC,
        ),
        Value(Decimal(0), output_field=DEC),
    )
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
        qs.annotate(jp_total=total)
        .annotate(
            jp_dihitung=Case(*capped, default=F("jp_total"), output_field=DEC) if capped else F("jp_total"),
            jp_target=target,
        )
        # The cap is never below the target (`target_jp_set`), so "reached" reads the plain total: one
        # reference to the subquery fewer per row.
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
    """Per agency (`per="opd"`) or per unit: PNS and PPPK at their target — two queries in all.

    One SQL statement joins the visible people to the year's totals aggregated once
    (`SUM … GROUP BY pegawai`, rounded to the ledger's two decimals: SQLite sums in binary floating
    point, where 4,99 + 7,28 + 2,91 + 2,26 + 2,56 is 19,999…) instead of a correlated subquery per
    person, which PostgreSQL repeats for every reference (a province of 100,000 took seconds that
    way). A cap is never below its target (`target_jp_set` refuses it), so whether someone reached
    the target does not depend on it.
    """
    key = "opd_id" if per == "opd" else "unit_id"
    goal = targets()
    try:
        people_sql, people_params = visible_pegawai(actor).filter(aktif=True).values("pk").query.sql_with_params()
    except EmptyResultSet:  # the actor sees nobody (an account not linked to an employee)
        return []
    ledger = CatatanJp._meta.db_table
    sql = f"""
        SELECT p.{key} AS k,
               COUNT(*) FILTER (WHERE p.jenis_asn = %s) AS pns,
               COUNT(*) FILTER (WHERE p.jenis_asn = %s AND COALESCE(t.s, 0) >= %s) AS pns_ok,
               COUNT(*) FILTER (WHERE p.jenis_asn = %s) AS pppk,
               COUNT(*) FILTER (WHERE p.jenis_asn = %s AND COALESCE(t.s, 0) >= %s) AS pppk_ok
        FROM {Pegawai._meta.db_table} p
        LEFT JOIN (SELECT pegawai_id, ROUND(SUM(jp), 2) AS s FROM {ledger} WHERE tahun = %s GROUP BY pegawai_id) t
               ON t.pegawai_id = p.id
        WHERE p.id IN ({people_sql})
        GROUP BY p.{key}
    """  # noqa: S608 - table and column names are ours; values are parameters
    params = [
        JenisAsn.PNS,
        JenisAsn.PNS,
        float(goal[JenisAsn.PNS][0]),  # SQLite compares a Decimal parameter as text
        JenisAsn.PPPK,
        JenisAsn.PPPK,
        float(goal[JenisAsn.PPPK][0]),
        tahun,
        *people_params,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        data = cursor.fetchall()
    names = dict(UnitKerja.objects.filter(pk__in=[r[0] for r in data if r[0]]).values_list("pk", "nama"))
    out = [RekapRow(r[0], names.get(r[0], "—"), r[1], r[2], r[3], r[4]) for r in data]
    return sorted(out, key=lambda r: (r.persen_pns, r.nama))


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


def jp_of(pegawai: Pegawai, tahun: int) -> JpSaya:
    """One person's JP of a year with its ledger rows (two queries)."""
    from karier.rules.jp import jp_compliance

    target, batas = targets().get(pegawai.jenis_asn, DEFAULT_TARGETS[JenisAsn.PNS])
    rows = list(CatatanJp.objects.filter(pegawai=pegawai, tahun=tahun).order_by("-tanggal", "-pk"))
    total = sum((r.jp for r in rows), Decimal(0))
    dihitung = min(total, batas) if batas is not None else total
    status = jp_compliance(dihitung, target)
    persen = min(100, round(100 * dihitung / target)) if target else 100
    return JpSaya(tahun, total, dihitung, target, batas, status.met, status.shortfall, int(persen), rows)


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
