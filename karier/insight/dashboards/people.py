"""Reads of the superior's and the employee's dashboards. These are small (a team, one person), so they
read the live tables — each in a fixed number of queries, whatever the team's size: one annotated
query for the whole team, a handful for one person."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, F, FilteredRelation, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from karier.appraisal.choices import JenisPeriode, StatusEvaluasi, StatusPeriode
from karier.appraisal.models import Evaluasi, UmpanBalik
from karier.development.catalogue.selectors import JpSaya, jp_of
from karier.people.access import Actor
from karier.people.models import Pegawai
from karier.plans.models import Skp
from karier.plans.selectors import LATEST_PLAN_FIRST
from karier.rules.jp import JP_TARGET_PER_YEAR
from karier.talent.models import KelayakanPangkat, PenempatanTalenta, RencanaBimbingan, StatusBimbingan

TERBUKA = (StatusEvaluasi.DRAFT, StatusEvaluasi.DINILAI, StatusEvaluasi.DIBUKA_ULANG)


def _count(qs: Any) -> Coalesce:
    """A correlated COUNT as an annotation (0 when none)."""
    return Coalesce(
        Subquery(
            qs.order_by().values("pegawai_id").annotate(c=Count("pk")).values("c")[:1], output_field=IntegerField()
        ),
        Value(0),
    )


def team(actor: Actor, tahun: int) -> list[Pegawai]:
    """The actor's direct reports (positions whose superior is one the actor holds), each annotated
    with the year's plan, evaluations awaiting work in open periods, the actor's feedback to them,
    open coaching plans and JP. One query."""
    if not actor.jabatan_ids:
        return []
    evaluasi = Evaluasi.objects.filter(pegawai_id=OuterRef("pk"), periode__tahun_id=tahun)
    skp = Skp.objects.filter(pegawai_id=OuterRef("pk"), tahun_id=tahun).order_by(*LATEST_PLAN_FIRST)
    umpan = UmpanBalik.objects.filter(evaluasi__pegawai_id=OuterRef("pk"), evaluasi__periode__tahun_id=tahun)
    if actor.user_id is not None:
        umpan = umpan.filter(penulis_id=actor.user_id)
    qs = (
        Pegawai.objects.filter(aktif=True, jabatan__atasan_id__in=actor.jabatan_ids)
        .exclude(pk=actor.pegawai_id or 0)
        .select_related("jabatan", "unit")
        .annotate(
            skp_id=Subquery(skp.values("pk")[:1]),
            skp_status=Subquery(skp.values("status")[:1]),
            evaluasi_terbuka=_count(evaluasi.filter(status__in=TERBUKA, periode__status=StatusPeriode.DIBUKA)),
            umpan_balik=Subquery(
                umpan.annotate(p=F("evaluasi__pegawai_id"))
                .order_by()
                .values("p")
                .annotate(c=Count("pk"))
                .values("c")[:1],
                output_field=IntegerField(),
            ),
            bimbingan_aktif=Exists(
                RencanaBimbingan.objects.filter(pegawai_id=OuterRef("pk"), status=StatusBimbingan.AKTIF)
            ),
            jp_tahun=FilteredRelation("rekap_jp", condition=Q(rekap_jp__tahun=tahun)),
        )
        .annotate(jp_total=Coalesce(F("jp_tahun__jp_total"), Value(Decimal(0))))
        .order_by("nama", "pk")
    )
    return list(qs)


@dataclass(frozen=True)
class Ringkasan:
    """The team's totals, from the rows above (no query)."""

    anggota: int
    skp_disetujui: int
    skp_belum: int
    evaluasi_terbuka: int
    umpan_balik: int
    bimbingan_aktif: int
    jp_memenuhi: int


def team_summary(rows: list[Pegawai], goal: dict[str, tuple[Decimal, Decimal | None]]) -> Ringkasan:
    from karier.plans.choices import StatusSkp

    def target(p: Pegawai) -> Decimal:
        return goal.get(p.jenis_asn, (JP_TARGET_PER_YEAR, None))[0]

    def a(p: Pegawai, name: str) -> Any:
        return getattr(p, name)  # the annotations of `team`

    return Ringkasan(
        anggota=len(rows),
        skp_disetujui=len([p for p in rows if a(p, "skp_status") == StatusSkp.DISETUJUI]),
        skp_belum=len([p for p in rows if a(p, "skp_status") is None]),
        evaluasi_terbuka=int(sum(a(p, "evaluasi_terbuka") for p in rows)),
        umpan_balik=int(sum(a(p, "umpan_balik") or 0 for p in rows)),
        bimbingan_aktif=len([p for p in rows if a(p, "bimbingan_aktif")]),
        jp_memenuhi=len([p for p in rows if a(p, "jp_total") >= target(p)]),
    )


@dataclass
class Saya:
    """The employee's own dashboard."""

    pegawai: Pegawai
    skp: Skp | None
    rhk: int
    evaluasi: list[Evaluasi]
    umpan_balik: int
    jp: JpSaya  # the development app's own reading (`jp_of`): target of the kind, the PPPK cap
    kelayakan: KelayakanPangkat | None
    kotak: int | None

    @property
    def jp_total(self) -> Decimal:
        return self.jp.total

    @property
    def jp_target(self) -> Decimal:
        return self.jp.target

    @property
    def jp_persen(self) -> Decimal:
        """The counted JP (capped for PPPK) as a share of the target, at most 100."""
        return Decimal(self.jp.persen)


def saya(actor: Actor, tahun: int) -> Saya:
    """Seven queries: the person, the plan (with its RHK count), the evaluations, the feedback, JP
    with its targets, promotion eligibility and the 9-box placement."""
    if actor.pegawai_id is None:
        raise ValueError("the employee's dashboard needs an actor linked to an employee")
    pegawai = Pegawai.objects.select_related("jabatan", "unit", "golongan").get(pk=actor.pegawai_id)
    skp = (
        Skp.objects.filter(pegawai=pegawai, tahun_id=tahun)
        .annotate(n_rhk=Count("rhk"))
        .order_by(*LATEST_PLAN_FIRST)
        .first()
    )
    evaluasi = list(
        Evaluasi.objects.filter(pegawai=pegawai, periode__tahun_id=tahun)
        .select_related("periode")
        .order_by("periode__jenis", "periode__mulai")
    )
    umpan = UmpanBalik.objects.filter(evaluasi__pegawai=pegawai, evaluasi__periode__tahun_id=tahun).count()
    jp = jp_of(pegawai, tahun, rows=False)
    kelayakan = KelayakanPangkat.objects.filter(pegawai=pegawai).select_related("golongan_berikut").first()
    kotak = PenempatanTalenta.objects.filter(pegawai=pegawai, tahun=tahun).values_list("kotak", flat=True).first()
    return Saya(
        pegawai=pegawai,
        skp=skp,
        rhk=getattr(skp, "n_rhk", 0) if skp else 0,
        evaluasi=[e for e in evaluasi if e.periode.jenis != JenisPeriode.TAHUNAN]
        + [e for e in evaluasi if e.periode.jenis == JenisPeriode.TAHUNAN],
        umpan_balik=umpan,
        jp=jp,
        kelayakan=kelayakan,
        kotak=kotak,
    )
