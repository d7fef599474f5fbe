"""Every read the SKP screens and API need. Each runs a fixed number of queries, whatever its size."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from karier.people.access import Actor
from karier.people.choices import JenisJabatan
from karier.people.models import Pegawai, Penugasan
from karier.people.selectors import direct_subordinates_on
from karier.plans.choices import JenisHasil, StatusSkp
from karier.plans.models import (
    DialogKinerja,
    EkspektasiPerilaku,
    IndikatorKinerjaIndividu,
    RencanaHasilKerja,
    Skp,
    SkpRevisi,
)
from karier.standards.models import PanduanPerilaku

BELUM = "BELUM"  # status filter: subordinates without a plan for the year
#: A person's latest plan of a year (a year can hold several, one per position held).
LATEST_PLAN_FIRST = ("-periode_mulai", "-pk")
JPT = (JenisJabatan.JPT_UTAMA, JenisJabatan.JPT_MADYA, JenisJabatan.JPT_PRATAMA)


def _with_counts(qs: QuerySet[Skp]) -> QuerySet[Skp]:
    return qs.annotate(
        n_rhk=Count("rhk", distinct=True),
        n_tanpa_atasan=Count("rhk", filter=Q(rhk__rhk_atasan__isnull=True), distinct=True),
    )


def my_plans(actor: Actor) -> QuerySet[Skp]:
    """The actor's own plans, newest year first, with row counts (one query)."""
    if actor.pegawai_id is None:
        return Skp.objects.none()
    return _with_counts(
        Skp.objects.filter(pegawai_id=actor.pegawai_id).select_related(
            "tahun", "jabatan", "unit", "penilai", "penilai_jabatan"
        )
    ).order_by("-tahun", "-periode_mulai")


def skp_list(qs: QuerySet[Skp], *, tahun: int | None = None, status: str = "") -> QuerySet[Skp]:
    """Any visible set of plans, narrowed and counted; the API's list."""
    if tahun:
        qs = qs.filter(tahun_id=tahun)
    if status:
        qs = qs.filter(status=status)
    return _with_counts(
        qs.select_related("tahun", "pegawai", "pegawai__golongan", "jabatan", "unit", "penilai", "penilai_jabatan")
    ).order_by("-tahun", "pegawai__nama", "periode_mulai", "pk")


def skp_detail(skp_id: int) -> Skp:
    """A plan with everything the page shows, in a fixed number of queries:
    header, RHK (+ the superior's RHK they support) → IKI, behaviour → value → guidelines, dialog,
    revisions."""
    return (
        Skp.objects.select_related(
            "tahun",
            "pegawai",
            "pegawai__golongan",
            "jabatan",
            "unit",
            "unit__opd",
            "penilai",
            "penilai__golongan",
            "penilai_jabatan",
            "penilai_jabatan__unit",
            "disetujui_oleh",
        )
        .prefetch_related(
            Prefetch(
                "rhk",
                queryset=RencanaHasilKerja.objects.select_related("rhk_atasan", "rhk_atasan__skp__pegawai").order_by(
                    "jenis", "urutan", "id"
                ),
            ),
            Prefetch("rhk__iki", queryset=IndikatorKinerjaIndividu.objects.order_by("urutan", "id")),
            Prefetch("perilaku", queryset=EkspektasiPerilaku.objects.select_related("nilai").order_by("nilai__urutan")),
            Prefetch("perilaku__nilai__panduan", queryset=PanduanPerilaku.objects.order_by("urutan")),
            Prefetch(
                "dialog",
                queryset=DialogKinerja.objects.select_related("penulis", "penulis__pegawai").order_by(
                    "dibuat_pada", "id"
                ),
            ),
            # one plan's revisions: by version, not SkpRevisi's default order, which joins the plan's
            # year and person
            Prefetch("revisi", queryset=SkpRevisi.objects.order_by("versi")),
        )
        .get(pk=skp_id)
    )


def rhk_sections(skp: Skp) -> dict[str, list[RencanaHasilKerja]]:
    """Rows of a plan loaded by `skp_detail`, split into A (utama) and B (tambahan); no query."""
    rows = list(skp.rhk.all())
    return {
        JenisHasil.UTAMA: [r for r in rows if r.jenis == JenisHasil.UTAMA],
        JenisHasil.TAMBAHAN: [r for r in rows if r.jenis == JenisHasil.TAMBAHAN],
    }


def is_jpt_plan(skp: Skp) -> bool:
    return skp.jabatan.jenis in JPT


def warnings(skp: Skp) -> list[str]:
    """Things to fix that do not block submitting (on a plan loaded by `skp_detail`; no query)."""
    out = []
    rows = list(skp.rhk.all())
    if not is_jpt_plan(skp):
        unlinked = sum(1 for r in rows if r.rhk_atasan_id is None)
        if unlinked:
            out.append(
                _("%(n)s RHK belum ditautkan ke RHK atasan yang diintervensi. Tautkan setelah SKP atasan berisi RHK.")
                % {"n": unlinked}
            )
    if skp.penilai_id is None:
        out.append(_("Pejabat penilai belum dapat ditentukan; hubungi pengelola kinerja (BKD)."))
    today = timezone.localdate()
    if skp.status != StatusSkp.DISETUJUI and today > skp.tahun.batas_penetapan_skp:
        out.append(
            _("Batas penetapan SKP (%(tanggal)s) sudah lewat.")
            % {"tanggal": date_format(skp.tahun.batas_penetapan_skp, "j M Y")}
        )
    return out


def superior_rhk_options(skp: Skp) -> QuerySet[RencanaHasilKerja]:
    """The appraiser's RHK a row of this plan may support: rows of the plan(s) of the `penilai`, or
    of whoever holds the appraiser's position, in the same year — whatever their status (a
    subordinate may link while the superior's plan is still a draft).

    Deliberately outside the visibility rule: a subordinate does not see the superior's profile,
    but must read the superior's results to cascade them. Only the RHK rows are exposed.
    """
    if skp.penilai_id is None and skp.penilai_jabatan_id is None:
        return RencanaHasilKerja.objects.none()
    owner = Q()
    if skp.penilai_id is not None:
        owner |= Q(skp__pegawai_id=skp.penilai_id)
    if skp.penilai_jabatan_id is not None:
        owner |= Q(skp__jabatan_id=skp.penilai_jabatan_id)
    return (
        RencanaHasilKerja.objects.filter(owner, skp__tahun_id=skp.tahun_id)
        .exclude(skp_id=skp.pk)
        .select_related("skp", "skp__pegawai")
        .order_by("skp__periode_mulai", "jenis", "urutan", "id")
    )


@dataclass
class SubordinateRow:
    penugasan: Penugasan
    skp: Skp | None


def subordinates_with_plans(
    actor: Actor, tahun: int, *, status: str = "", on: dt.date | None = None
) -> QuerySet[Penugasan]:
    """Direct subordinates today (definitive holders of positions under those the actor covers,
    Plt/Plh included), each annotated with their latest plan of the year: `skp_id`, `skp_status`.
    Filter by plan status, or `BELUM` for those without a plan. Paginate this queryset, then call
    `attach_plans` on the page: two queries in all, whatever the number of subordinates."""
    d = on or timezone.localdate()
    latest = Skp.objects.filter(pegawai_id=OuterRef("pegawai_id"), tahun_id=tahun).order_by(*LATEST_PLAN_FIRST)
    qs = (
        direct_subordinates_on(actor.jabatan_ids, d)
        .exclude(pegawai_id=actor.pegawai_id or 0)
        .annotate(
            skp_id=Subquery(latest.values("pk")[:1]),
            skp_status=Subquery(latest.values("status")[:1]),
        )
    )
    if status == BELUM:
        qs = qs.filter(skp_id__isnull=True)
    elif status:
        qs = qs.filter(skp_status=status)
    return qs


def attach_plans(rows: list[Penugasan]) -> list[SubordinateRow]:
    ids = [r.skp_id for r in rows if getattr(r, "skp_id", None)]  # type: ignore[attr-defined]
    plans = {s.pk: s for s in _with_counts(Skp.objects.filter(pk__in=ids))} if ids else {}
    return [SubordinateRow(r, plans.get(r.skp_id)) for r in rows]  # type: ignore[attr-defined]


def subordinate_status_counts(actor: Actor, tahun: int, on: dt.date | None = None) -> dict[str, int]:
    """How many direct subordinates are at each status (and without a plan): one query."""
    qs = (
        subordinates_with_plans(actor, tahun, on=on)
        .annotate(s=Coalesce("skp_status", Value(BELUM)))
        .values("s")
        .annotate(n=Count("id", output_field=IntegerField()))
        .order_by()
    )
    return {str(r["s"]): int(r["n"]) for r in qs}


@dataclass(frozen=True)
class TeamPlan:
    """One of the team's rows with the status of the person's latest plan of the year (None: no plan)."""

    pegawai_id: int
    pegawai: Pegawai
    skp_id: int | None
    skp_status: str | None


def team_plans(actor: Actor, team: list[Penugasan], tahun: int) -> list[TeamPlan]:
    """`team` (`people.selectors.direct_team`, the actor's own row left out) with each person's latest
    plan of `tahun`, in the team's order: one query — what `subordinates_with_plans` annotates, for a
    team already read."""
    rows = [r for r in team if r.pegawai_id != actor.pegawai_id]
    latest: dict[int, tuple[int | None, str | None]] = {}
    if rows:
        plans = (
            Skp.objects.filter(pegawai_id__any=sorted({r.pegawai_id for r in rows}), tahun_id=tahun)
            .order_by("pegawai_id", *LATEST_PLAN_FIRST)
            .values_list("pegawai_id", "pk", "status")
        )
        for pegawai_id, pk, status in plans:
            latest.setdefault(pegawai_id, (pk, status))
    none: tuple[int | None, str | None] = (None, None)
    return [TeamPlan(r.pegawai_id, r.pegawai, *latest.get(r.pegawai_id, none)) for r in rows]


def subordinate_plans(actor: Actor, tahun: int | None = None, *, status: str = "") -> QuerySet[Skp]:
    """Plans whose owner is a direct subordinate today (the API's "SKP bawahan")."""
    ids = direct_subordinates_on(actor.jabatan_ids, timezone.localdate()).values("pegawai_id")
    return skp_list(
        Skp.objects.filter(pegawai_id__in=Subquery(ids)).exclude(pegawai_id=actor.pegawai_id or 0),
        tahun=tahun,
        status=status,
    )
