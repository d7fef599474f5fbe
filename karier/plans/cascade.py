"""The cascade, visible (issue #4, part 5): selectors for the tree and the coverage figures.

Tree: RPJMD vision → misi → tujuan → sasaran strategis → province IKU (rendered whole, with counts)
→ agency indicators (`induk`) → Perjanjian Kinerja rows → JPT RHK → subordinates' RHK through
`rhk_atasan`, down to each person (expanded one node at a time). A RHK hangs under its
`rhk_atasan` when it has one, else under its `perjanjian_row`, else under its `indikator_opd`; so
every RHK appears at most once, and a RHK attached to nothing is an orphan (a gap).

Every function runs a fixed number of queries whatever the size of the province: the top levels in
eight, a node's children in at most five (one page of `LIMIT` children, counts by GROUP BY).

Who sees what: the plan documents above people (RPJMD, indicators, PK) are public to signed-in
users; the owner and text of a RHK are shown when the owner is visible to the actor
(`visibility_q`) or holds a managerial position (whose holder is public, as in the directory);
aggregate figures are given per agency to its members and province-wide to admins and auditors
(`coverage_scope`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from karier.core.numbers import angka
from karier.people.access import Actor, visibility_q
from karier.people.choices import JenisJabatan
from karier.people.models import Pegawai, UnitKerja
from karier.plans.models import RencanaHasilKerja
from karier.standards.models import (
    Indikator,
    Misi,
    PerjanjianKinerjaRow,
    Rpjmd,
    SasaranStrategis,
    Tujuan,
)

LIMIT = 100
JPT = (JenisJabatan.JPT_UTAMA, JenisJabatan.JPT_MADYA, JenisJabatan.JPT_PRATAMA)
NODE_RE = re.compile(r"^(iku|ind|pk|rhk):([1-9][0-9]{0,17})$")


# ---------------------------------------------------------------------------- scope
@dataclass(frozen=True)
class CascadeFilter:
    tahun: int
    opd_id: int | None = None
    unit: UnitKerja | None = None

    @property
    def opd(self) -> int | None:
        return self.unit.opd_id if self.unit is not None else self.opd_id


def coverage_scope(actor: Actor, *, tahun: int, opd_id: int | None = None, unit_id: int | None = None) -> CascadeFilter:
    """The filter an actor may use: admins and auditors anything (None = province); everyone else
    their own agency and the agencies they head. A scope outside that answers 404."""
    if actor.user_id is None:
        raise Http404(_("Data tidak ditemukan."))
    unit = None
    if unit_id:
        unit = UnitKerja.objects.filter(pk=unit_id).first()
        if unit is None:
            raise Http404(_("Unit kerja tidak ditemukan."))
        opd_id = unit.opd_id
    if actor.sees_everyone:
        return CascadeFilter(tahun=tahun, opd_id=opd_id, unit=unit)
    allowed = allowed_opd_ids(actor)
    if not allowed:
        raise Http404(_("Data tidak ditemukan."))
    if opd_id is None:
        opd_id = allowed[0]
    if opd_id not in allowed:
        raise Http404(_("Perangkat daerah tidak ditemukan."))
    return CascadeFilter(tahun=tahun, opd_id=opd_id, unit=unit)


def allowed_opd_ids(actor: Actor) -> list[int]:
    """Agencies whose aggregate figures a non-admin may read: his own and those he heads."""
    own = (
        Pegawai.objects.filter(pk=actor.pegawai_id).values_list("opd_id", flat=True).first()
        if actor.pegawai_id
        else None
    )
    ids = [own] if own else []
    return ids + [o for o in actor.opd_ids if o not in ids]


def _rhk_q(f: CascadeFilter) -> Q:
    q = Q(skp__tahun_id=f.tahun)
    if f.unit is not None:
        # Keep the chain above the unit (its head's superiors) so the branch stays connected.
        ancestors = [int(x) for x in f.unit.path.strip("/").split("/") if x]
        q &= Q(skp__unit__path__subtree=f.unit.path) | Q(skp__unit_id__in=ancestors)
    elif f.opd_id:
        q &= Q(skp__unit__opd_id=f.opd_id)
    return q


def _pk_q(f: CascadeFilter, prefix: str = "") -> Q:
    q = Q(**{f"{prefix}perjanjian__tahun": f.tahun})
    if f.opd:
        q &= Q(**{f"{prefix}perjanjian__opd_id": f.opd})
    return q


def _agency_ind_q(f: CascadeFilter) -> Q:
    q = Q(sasaran_renstra__renstra__tahun_mulai__lte=f.tahun, sasaran_renstra__renstra__tahun_selesai__gte=f.tahun)
    if f.opd:
        q &= Q(sasaran_renstra__renstra__opd_id=f.opd)
    return q


def _province_ind_q(f: CascadeFilter) -> Q:
    return Q(
        sasaran__tujuan__misi__rpjmd__aktif=True,
        sasaran__tujuan__misi__rpjmd__tahun_mulai__lte=f.tahun,
        sasaran__tujuan__misi__rpjmd__tahun_selesai__gte=f.tahun,
    )


# ---------------------------------------------------------------------------- tree
@dataclass
class Node:
    key: str
    kind: str  # visi, misi, tujuan, sasaran, iku, ind, pk, rhk
    label: str
    kode: str = ""
    detail: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    n_children: int = 0
    children: list[Node] = field(default_factory=list)
    hidden: bool = False  # a RHK whose owner the actor may not see

    @property
    def expandable(self) -> bool:
        return self.kind in ("iku", "ind", "pk", "rhk") and self.n_children > 0


@dataclass
class Children:
    parent: str
    nodes: list[Node]
    total: int
    offset: int
    limit: int

    @property
    def next_offset(self) -> int | None:
        return self.offset + self.limit if self.offset + self.limit < self.total else None


def cascade_root(f: CascadeFilter) -> list[Node]:
    """Vision → misi → tujuan → sasaran → IKU, whole, in eight queries. Each IKU carries how many
    agency indicators, PK rows and RHK (attached at indicator level) hang under it in scope."""
    rpjmds = list(
        Rpjmd.objects.filter(aktif=True, tahun_mulai__lte=f.tahun, tahun_selesai__gte=f.tahun).order_by(
            "-tahun_mulai", "id"
        )
    )
    misi = list(Misi.objects.filter(rpjmd__in=rpjmds).order_by("nomor", "id"))
    tujuan = list(Tujuan.objects.filter(misi__in=misi).order_by("nomor", "id"))
    sasaran = list(SasaranStrategis.objects.filter(tujuan__in=tujuan).order_by("nomor", "id"))
    iku = list(Indikator.objects.filter(sasaran__in=sasaran).order_by("kode", "id"))
    ids = [i.pk for i in iku]
    n_ind = dict(
        Indikator.objects.filter(_agency_ind_q(f), induk_id__in=ids)
        .values_list("induk_id")
        .annotate(n=Count("id"))
        .values_list("induk_id", "n")
    )
    n_pk = dict(
        PerjanjianKinerjaRow.objects.filter(_pk_q(f))
        .annotate(k=Coalesce("indikator__induk_id", "indikator_id"))
        .filter(k__in=ids)
        .values_list("k")
        .annotate(n=Count("id"))
        .values_list("k", "n")
    )
    n_rhk = dict(
        RencanaHasilKerja.objects.filter(_rhk_q(f), rhk_atasan__isnull=True)
        .annotate(
            k=Coalesce(
                "perjanjian_row__indikator__induk_id",
                "perjanjian_row__indikator_id",
                "indikator_opd__induk_id",
                "indikator_opd_id",
            )
        )
        .filter(k__in=ids)
        .values_list("k")
        .annotate(n=Count("id"))
        .values_list("k", "n")
    )
    iku_by_sasaran: dict[int, list[Node]] = defaultdict(list)
    for i in iku:
        counts = {"indikator_opd": n_ind.get(i.pk, 0), "baris_pk": n_pk.get(i.pk, 0), "rhk": n_rhk.get(i.pk, 0)}
        iku_by_sasaran[i.sasaran_id or 0].append(
            Node(
                key=f"iku:{i.pk}",
                kind="iku",
                label=i.nama,
                kode=i.kode,
                detail=i.satuan,
                counts=counts,
                n_children=sum(counts.values()),
            )
        )

    def roll(nodes: Iterable[Node]) -> dict[str, int]:
        total: dict[str, int] = defaultdict(int)
        for n in nodes:
            for k, v in n.counts.items():
                total[k] += v
        return dict(total)

    sasaran_by_tujuan: dict[int, list[Node]] = defaultdict(list)
    for s in sasaran:
        kids = iku_by_sasaran.get(s.pk, [])
        sasaran_by_tujuan[s.tujuan_id].append(
            Node(
                key=f"sasaran:{s.pk}",
                kind="sasaran",
                label=s.teks,
                kode=str(s.nomor),
                children=kids,
                n_children=len(kids),
                counts={"iku": len(kids), **roll(kids)},
            )
        )
    tujuan_by_misi: dict[int, list[Node]] = defaultdict(list)
    for t in tujuan:
        kids = sasaran_by_tujuan.get(t.pk, [])
        tujuan_by_misi[t.misi_id].append(
            Node(
                key=f"tujuan:{t.pk}",
                kind="tujuan",
                label=t.teks,
                kode=str(t.nomor),
                children=kids,
                n_children=len(kids),
                counts=roll(kids),
            )
        )
    misi_by_rpjmd: dict[int, list[Node]] = defaultdict(list)
    for m in misi:
        kids = tujuan_by_misi.get(m.pk, [])
        misi_by_rpjmd[m.rpjmd_id].append(
            Node(
                key=f"misi:{m.pk}",
                kind="misi",
                label=m.teks,
                kode=str(m.nomor),
                children=kids,
                n_children=len(kids),
                counts=roll(kids),
            )
        )
    roots = []
    for r in rpjmds:
        kids = misi_by_rpjmd.get(r.pk, [])
        roots.append(
            Node(
                key=f"visi:{r.pk}",
                kind="visi",
                label=r.visi,
                detail=str(r),
                children=kids,
                n_children=len(kids),
                counts=roll(kids),
            )
        )
    return roots


def _owner_visible(actor: Actor) -> Case | Value:
    if actor.sees_everyone:
        return Value(True, output_field=BooleanField())
    return Case(
        When(
            visibility_q(actor, "skp__pegawai") | Q(skp__jabatan__jenis__in=JenisJabatan.managerial()), then=Value(True)
        ),
        default=Value(False),
        output_field=BooleanField(),
    )


def _rhk_nodes(
    actor: Actor, f: CascadeFilter, qs: QuerySet[RencanaHasilKerja], offset: int, limit: int, parent: str
) -> Children:
    """One page of RHK nodes with their direct-children counts: three queries."""
    total = qs.count()
    page = list(
        qs.select_related("skp__pegawai", "skp__jabatan", "skp__unit")
        .annotate(terlihat=_owner_visible(actor))
        .order_by("skp__jabatan__path", "skp__pegawai__nama", "skp_id", "jenis", "urutan", "id")[
            offset : offset + limit
        ]
    )
    n_sub = dict(
        RencanaHasilKerja.objects.filter(_rhk_q(f), rhk_atasan_id__in=[r.pk for r in page])
        .values_list("rhk_atasan_id")
        .annotate(n=Count("id"))
        .values_list("rhk_atasan_id", "n")
    )
    nodes = []
    for r in page:
        n = n_sub.get(r.pk, 0)
        visible = bool(r.terlihat)  # type: ignore[attr-defined]
        p = r.skp.pegawai
        nodes.append(
            Node(
                key=f"rhk:{r.pk}",
                kind="rhk",
                hidden=not visible,
                label=r.teks if visible else "",
                detail=(f"{p.nama_lengkap} — {r.skp.jabatan.nama}" if visible else r.skp.jabatan.nama),
                kode=r.get_perspektif_display() if r.perspektif else "",
                counts={"rhk_bawahan": n},
                n_children=n,
            )
        )
    return Children(parent=parent, nodes=nodes, total=total, offset=offset, limit=limit)


def cascade_children(actor: Actor, f: CascadeFilter, key: str, offset: int = 0, limit: int = LIMIT) -> Children:
    """The children of one node (`iku:1`, `ind:7`, `pk:3`, `rhk:42`), one page at a time."""
    m = NODE_RE.match(key)
    if m is None:
        raise Http404(_("Simpul tidak ditemukan."))
    kind, pk = m.group(1), int(m.group(2))
    base = RencanaHasilKerja.objects.filter(_rhk_q(f))
    if kind == "rhk":
        if not RencanaHasilKerja.objects.filter(pk=pk).exists():
            raise Http404(_("Simpul tidak ditemukan."))
        return _rhk_nodes(actor, f, base.filter(rhk_atasan_id=pk), offset, limit, key)
    if kind == "pk":
        if not PerjanjianKinerjaRow.objects.filter(pk=pk).exists():
            raise Http404(_("Simpul tidak ditemukan."))
        return _rhk_nodes(actor, f, base.filter(perjanjian_row_id=pk, rhk_atasan__isnull=True), offset, limit, key)
    # An indicator (province IKU or agency indicator): agency indicators under it, PK rows on it,
    # then RHK attached to it directly. Indicators and PK rows are few; RHK are paged.
    if not Indikator.objects.filter(pk=pk).exists():
        raise Http404(_("Simpul tidak ditemukan."))
    agency = list(
        Indikator.objects.filter(_agency_ind_q(f), induk_id=pk)
        .select_related("sasaran_renstra__renstra__opd")
        .order_by("sasaran_renstra__renstra__opd__nama", "kode", "id")
    )
    rows = list(
        PerjanjianKinerjaRow.objects.filter(_pk_q(f), indikator_id=pk)
        .select_related("perjanjian__opd")
        .order_by("perjanjian__opd__nama", "urutan", "id")
    )
    ind_ids = [i.pk for i in agency]
    row_ids = [r.pk for r in rows]
    n_pk = dict(
        PerjanjianKinerjaRow.objects.filter(_pk_q(f), indikator_id__in=ind_ids)
        .values_list("indikator_id")
        .annotate(n=Count("id"))
        .values_list("indikator_id", "n")
    )
    n_agency = dict(
        Indikator.objects.filter(_agency_ind_q(f), induk_id__in=ind_ids)
        .values_list("induk_id")
        .annotate(n=Count("id"))
        .values_list("induk_id", "n")
    )
    attached = base.filter(rhk_atasan__isnull=True).filter(
        Q(perjanjian_row_id__in=row_ids) | Q(perjanjian_row__isnull=True, indikator_opd_id__in=ind_ids)
    )
    n_rhk: dict[int, int] = defaultdict(int)
    n_row_rhk: dict[int, int] = {}
    for row_id, ind_id, n in (
        attached.values_list("perjanjian_row_id", "indikator_opd_id")
        .annotate(n=Count("id"))
        .values_list("perjanjian_row_id", "indikator_opd_id", "n")
    ):
        if row_id:
            n_row_rhk[row_id] = n_row_rhk.get(row_id, 0) + n
        else:
            n_rhk[ind_id] += n
    nodes: list[Node] = []
    for i in agency:
        counts = {"indikator_opd": n_agency.get(i.pk, 0), "baris_pk": n_pk.get(i.pk, 0), "rhk": n_rhk.get(i.pk, 0)}
        sr = i.sasaran_renstra
        opd = sr.renstra.opd.nama if sr else ""
        nodes.append(
            Node(
                key=f"ind:{i.pk}",
                kind="ind",
                label=i.nama,
                kode=i.kode,
                detail=f"{opd} — {sr.teks}" if sr else opd,
                counts=counts,
                n_children=sum(counts.values()),
            )
        )
    for r in rows:
        n = n_row_rhk.get(r.pk, 0)
        target = _target(r.target, r.target_kualitatif)
        nodes.append(
            Node(
                key=f"pk:{r.pk}",
                kind="pk",
                label=f"PK {r.perjanjian.opd.nama} {r.perjanjian.tahun}",
                kode=r.get_perspektif_display(),
                detail=f"target {target}" if target else "",
                counts={"rhk": n},
                n_children=n,
            )
        )
    direct = _rhk_nodes(
        actor,
        f,
        base.filter(rhk_atasan__isnull=True, perjanjian_row__isnull=True, indikator_opd_id=pk),
        offset,
        limit,
        key,
    )
    if offset:  # later pages carry RHK only
        return direct
    return Children(
        parent=key, nodes=nodes + direct.nodes, total=len(nodes) + direct.total, offset=0, limit=len(nodes) + limit
    )


def _target(nilai: Decimal | None, uraian: str) -> str:
    """A PK row's target as people read it (1.250,5; 73,8), whatever the interface language."""
    if nilai is not None:
        return angka(nilai.normalize())
    return uraian
