"""Every read the appraisal screens and API need (parts 1, 2, 4). Each runs a fixed number of
queries whatever its size; the bulk-rating rows are one query plus one each for the unit results,
realisations, released summaries, continuous feedback and open nominations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from karier.appraisal.choices import RatingChoice, StatusEvaluasi, StatusPeriode
from karier.appraisal.evaluation import access, rating_hints
from karier.appraisal.evaluation.periods import eligible_skp
from karier.appraisal.evaluation.services import (
    alasan_wajib,
    predikat_for,
    rating_refusals,
    required_rating_hasil_kerja,
    unit_results,
)
from karier.appraisal.models import (
    BuktiDukung,
    CatatanDialog,
    Evaluasi,
    Pengingat,
    PeriodePenilaian,
    Realisasi,
    UmpanBalik,
)
from karier.people.access import Actor
from karier.plans.choices import JenisHasil
from karier.plans.models import IndikatorKinerjaIndividu, RencanaHasilKerja, Skp


def _with_progress(qs: QuerySet[Evaluasi]) -> QuerySet[Evaluasi]:
    """n_iki (indicators in the plan) and n_realisasi (indicators with a realisation), no row explosion:
    both are correlated subqueries."""
    iki = (
        IndikatorKinerjaIndividu.objects.filter(rhk__skp_id=OuterRef("skp_id"))
        .order_by()
        .values("rhk__skp_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    real = (
        Realisasi.objects.filter(Q(realisasi_angka__isnull=False) | ~Q(realisasi_uraian=""), evaluasi_id=OuterRef("pk"))
        .order_by()
        .values("evaluasi_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    bukti = (
        BuktiDukung.objects.filter(realisasi__evaluasi_id=OuterRef("pk"))
        .order_by()
        .values("realisasi__evaluasi_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return qs.annotate(
        n_iki=Coalesce(Subquery(iki, output_field=IntegerField()), 0),
        n_realisasi=Coalesce(Subquery(real, output_field=IntegerField()), 0),
        n_bukti=Coalesce(Subquery(bukti, output_field=IntegerField()), 0),
    )


def my_evaluations(actor: Actor) -> QuerySet[Evaluasi]:
    """The actor's own evaluations, latest period first (one query)."""
    if actor.pegawai_id is None:
        return Evaluasi.objects.none()
    return _with_progress(
        Evaluasi.objects.filter(pegawai_id=actor.pegawai_id).select_related("periode", "jabatan", "penilai")
    ).order_by("-periode__tahun", "-periode__selesai", "periode__jenis", "pk")


def my_missing(actor: Actor) -> list[tuple[PeriodePenilaian, Skp]]:
    """Open periods with an approved plan of mine but no evaluation yet (offered "Mulai isi")."""
    if actor.pegawai_id is None:
        return []
    periods = list(PeriodePenilaian.objects.filter(status=StatusPeriode.DIBUKA).order_by("batas_pengisian"))
    if not periods:
        return []
    out = []
    plans = list(
        Skp.objects.filter(pegawai_id=actor.pegawai_id, tahun_id__in={p.tahun_id for p in periods}).exclude(
            status="DRAFT", versi=1
        )
    )
    have = set(  # a set: no order (Evaluasi's default order joins the period, the year and the person)
        Evaluasi.objects.filter(pegawai_id=actor.pegawai_id, periode__in=periods)
        .order_by()
        .values_list("skp_id", "periode_id")
    )
    for p in periods:
        for skp in plans:
            if (
                skp.tahun_id == p.tahun_id
                and skp.status == "DISETUJUI"
                and skp.periode_mulai <= p.selesai
                and skp.periode_selesai >= p.mulai
                and (skp.pk, p.pk) not in have
            ):
                out.append((p, skp))
    return out


def appraisal_periods(actor: Actor) -> list[PeriodePenilaian]:
    """Periods in which the actor rates someone, with counts (one query)."""
    return list(
        PeriodePenilaian.objects.filter(evaluasi__in=Evaluasi.objects.filter(access.appraiser_q(actor, instead=True)))
        .annotate(
            n_evaluasi=Count("evaluasi", distinct=True),
            n_dinilai=Count(
                "evaluasi", filter=Q(evaluasi__status__in=[StatusEvaluasi.DINILAI, StatusEvaluasi.FINAL]), distinct=True
            ),
        )
        .select_related("tahun")
        .order_by("-tahun", "-selesai", "jenis")
    )


def subordinate_evaluations(actor: Actor, periode: PeriodePenilaian, *, status: str = "") -> QuerySet[Evaluasi]:
    """Evaluations the actor rates in a period, with progress counts (one query)."""
    qs = Evaluasi.objects.filter(access.appraiser_q(actor, instead=True), periode=periode)
    if status:
        qs = qs.filter(status=status)
    return _with_progress(
        qs.select_related("pegawai", "pegawai__golongan", "jabatan__atasan", "unit", "periode")
    ).order_by("pegawai__nama", "pk")


def warns_without_realisation(rating_hasil_kerja: str) -> bool:
    """Di Atas Ekspektasi for results with no realisation recorded is worth a second look (a warning on
    the bulk screen, never a refusal: the rating is the appraiser's judgement)."""
    return rating_hasil_kerja == RatingChoice.DI_ATAS


@dataclass
class BulkRow:
    evaluasi: Evaluasi
    wajib_hasil_kerja: str | None  # the rating hasil kerja a unit leader must have, if set
    predikat: str
    data: dict[str, str] = field(default_factory=dict)  # what the form shows (the user's input on error)
    errors: dict[str, str] = field(default_factory=dict)
    predikat_akhir: str = ""  # after calibration (Evaluasi.predikat_akhir), when it moved
    template_hasil_kerja: list[str] = field(default_factory=list)  # suggested reasons (rating_hints)
    template_perilaku: list[str] = field(default_factory=list)
    nominasi_terbuka: int = 0  # nominations a rating would close
    ditolak: str = ""  # why the actor may not rate this row now (services.rating_refusals): shown read-only

    # Progress counts annotated by `_with_progress` (not model fields, hence getattr for the type checker).
    @property
    def n_iki(self) -> int:
        return int(getattr(self.evaluasi, "n_iki", 0))

    @property
    def n_realisasi(self) -> int:
        return int(getattr(self.evaluasi, "n_realisasi", 0))

    @property
    def n_bukti(self) -> int:
        return int(getattr(self.evaluasi, "n_bukti", 0))

    @property
    def tanpa_realisasi(self) -> bool:
        return not self.n_realisasi

    @property
    def peringatan_di_atas(self) -> bool:
        """Di Atas Ekspektasi for results with no realisation recorded: shown as a warning, not refused."""
        return self.tanpa_realisasi and warns_without_realisation(self.data.get("rating_hasil_kerja", ""))

    @property
    def alasan_wajib_hasil_kerja(self) -> bool:
        return alasan_wajib(self.data.get("rating_hasil_kerja", ""))

    @property
    def alasan_wajib_perilaku(self) -> bool:
        return alasan_wajib(self.data.get("rating_perilaku", ""))

    @property
    def belum_dinilai(self) -> bool:
        return not (self.data.get("rating_hasil_kerja") and self.data.get("rating_perilaku"))

    @property
    def predikat_tampil(self) -> str:
        """The predikat that counts: after calibration when it moved, else the computed one."""
        return self.predikat_akhir or self.predikat


def bulk_rows(
    actor: Actor,
    periode: PeriodePenilaian,
    posted: dict[int, dict[str, str]] | None = None,
    errors: dict[int, dict[str, str]] | None = None,
) -> list[BulkRow]:
    """One row per subordinate for the bulk-rating screen, with the suggested reasons and open
    nominations: a fixed number of queries whatever the count (rating_hints)."""
    evaluations = list(subordinate_evaluations(actor, periode))
    organisasi = unit_results(periode, {ev.unit_id for ev in evaluations if ev.jabatan.adalah_kepala_unit})
    ids = [ev.pk for ev in evaluations]
    capaian = rating_hints.capaian_by_evaluasi(ids) if ids else {}
    summaries = rating_hints.released_summaries(ids) if ids else {}
    feedback = rating_hints.latest_feedback(ids) if ids else {}
    nominations = rating_hints.open_nominations(evaluations)
    refusals = rating_refusals(actor, periode, evaluations) if evaluations else {}
    rows = []
    for ev in evaluations:
        wajib = required_rating_hasil_kerja(ev, organisasi)
        data = {
            "rating_hasil_kerja": ev.rating_hasil_kerja or (wajib or ""),
            "alasan_hasil_kerja": ev.alasan_hasil_kerja,
            "rating_perilaku": ev.rating_perilaku,
            "alasan_perilaku": ev.alasan_perilaku,
        }
        if posted and ev.pk in posted:
            data.update(posted[ev.pk])
        row_errors = dict((errors or {}).get(ev.pk, {}))
        if "__all__" in row_errors:  # templates cannot read a key starting with "_"
            row_errors["umum"] = row_errors.pop("__all__")
        rows.append(
            BulkRow(
                ev,
                wajib,
                predikat_for(data["rating_hasil_kerja"], data["rating_perilaku"]),
                data,
                row_errors,
                predikat_akhir=ev.predikat_akhir,
                template_hasil_kerja=rating_hints.hasil_kerja_templates(
                    int(getattr(ev, "n_iki", 0)), capaian.get(ev.pk), feedback.get(ev.pk, "")
                ),
                template_perilaku=rating_hints.perilaku_templates(summaries.get(ev.pk)),
                nominasi_terbuka=nominations.get(ev.pk, 0),
                ditolak=refusals.get(ev.pk, ""),
            )
        )
    return rows


@dataclass
class IkiItem:
    iki: IndikatorKinerjaIndividu
    r: Realisasi | None
    errors: dict[str, list[str]] = field(default_factory=dict)  # the screen's refusals, next to the inputs
    values: dict[str, str] | None = None  # the user's input kept after a refusal


@dataclass
class RhkBlock:
    rhk: RencanaHasilKerja
    iki: list[IkiItem]
    umpan_balik: list[UmpanBalik]
    feedback_errors: list[str] = field(default_factory=list)
    feedback_value: str = ""


def evaluasi_detail(
    evaluasi: Evaluasi, *, dialog_per_page: int | None = None, dialog_page: int | None = None
) -> dict[str, Any]:
    """Everything one evaluation page shows, in a fixed number of queries:
    RHK → IKI, realisations → evidence, feedback, dialog notes."""
    rhk = list(
        RencanaHasilKerja.objects.filter(skp_id=evaluasi.skp_id)
        .prefetch_related(Prefetch("iki", queryset=IndikatorKinerjaIndividu.objects.order_by("urutan", "pk")))
        .order_by("jenis", "urutan", "pk")
    )
    realisasi = {
        r.iki_id: r
        # keyed by indicator: no order, so none of Realisasi's default ordering, which joins nine tables
        # (the evaluation's period, year and person, the indicator's plan, year and person)
        for r in Realisasi.objects.filter(evaluasi=evaluasi)
        .order_by()
        .prefetch_related(Prefetch("bukti", queryset=BuktiDukung.objects.order_by("diunggah_pada", "pk")))
    }
    feedback: dict[int, list[UmpanBalik]] = {}
    for ub in (
        UmpanBalik.objects.filter(evaluasi=evaluasi)
        .select_related("penulis", "penulis__pegawai")
        .order_by("dibuat_pada", "pk")
    ):
        feedback.setdefault(ub.rhk_id, []).append(ub)
    blocks: dict[str, list[RhkBlock]] = {JenisHasil.UTAMA: [], JenisHasil.TAMBAHAN: []}
    for r in rhk:
        blocks.setdefault(r.jenis, []).append(
            RhkBlock(r, [IkiItem(i, realisasi.get(i.pk)) for i in r.iki.all()], feedback.get(r.pk, []))
        )
    notes = (
        CatatanDialog.objects.filter(evaluasi=evaluasi)
        .select_related("penulis", "penulis__pegawai")
        .order_by("dibuat_pada", "pk")
    )
    dialog_halaman: Page[CatatanDialog] | None = None
    if dialog_per_page:
        # A year of dialog may hold a thousand notes (issue #14: a 215 KB page): the screen shows one
        # page, the newest by default; the API (no page size) still lists them all.
        paginator = Paginator(notes, dialog_per_page)
        dialog_halaman = paginator.get_page(dialog_page or paginator.num_pages)
        dialog = list(dialog_halaman.object_list)
    else:
        dialog = list(notes)
    return {
        "utama": blocks[JenisHasil.UTAMA],
        "tambahan": blocks[JenisHasil.TAMBAHAN],
        "dialog": dialog,
        "dialog_halaman": dialog_halaman,
        "wajib_hasil_kerja": required_rating_hasil_kerja(evaluasi),
    }


def periods_admin(tahun: int) -> QuerySet[PeriodePenilaian]:
    """A year's periods with evaluation counts (one query)."""
    return (
        PeriodePenilaian.objects.filter(tahun_id=tahun)
        .annotate(
            n_evaluasi=Count("evaluasi", distinct=True),
            n_dinilai=Count(
                "evaluasi", filter=Q(evaluasi__status__in=[StatusEvaluasi.DINILAI, StatusEvaluasi.FINAL]), distinct=True
            ),
        )
        .order_by("selesai", "-mulai", "jenis", "nomor")
    )


def pengingat_for(actor: Actor) -> QuerySet[Pengingat]:
    """The actor's own reminders, unread first (none without an account)."""
    if actor.user_id is None:
        return Pengingat.objects.none()
    return (
        Pengingat.objects.filter(pengguna_id=actor.user_id).select_related("periode").order_by("dibaca", "-dibuat_pada")
    )


def pengingat_unread(user_id: int | None) -> int:
    """How many reminders a user has not read (one COUNT query; none without an account)."""
    if user_id is None:
        return 0
    return Pengingat.objects.filter(pengguna_id=user_id, dibaca=False).count()


def deadline_days(periode: PeriodePenilaian, on: dt.date | None = None) -> int:
    return (periode.batas_pengisian - (on or timezone.localdate())).days


__all__ = ["eligible_skp"]
