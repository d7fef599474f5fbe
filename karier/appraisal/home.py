"""The appraisal app's cards and next steps on the home page (`karier.core.home`):

- employee: my evaluations of the year, the open periods' deadlines, my latest feedback, my final
  evaluation's PDF and objection form, and the steps 40 mulai, 50 realisasi, 60 permintaan rekan,
  70 periksa hasil final (the priority table is in `karier.core.home`);
- appraiser: realisations late after the deadline, ratings due (the bulk screen of each period),
  nominations to decide;
- agency head: evaluations by status in the current period, units at risk against the curve (the
  calibration selectors' check), and the decisions waiting for him;
- BKD admin / auditor: evaluations by status per agency in the current period, one table, cached.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from karier.appraisal.calibration import selectors as calibration
from karier.appraisal.calibration.selectors import kalender_for, objections_of, objections_to_decide
from karier.appraisal.choices import StatusEvaluasi, StatusNominasi, StatusPeriode
from karier.appraisal.evaluation import selectors as evaluation
from karier.appraisal.evaluation.access import appraiser_q
from karier.appraisal.feedback import selectors as feedback
from karier.appraisal.models import Evaluasi, PeriodePenilaian, Realisasi, RilisRingkasanPerilaku, UmpanBalik
from karier.core.home import Langkah, cached, persen, register_panel, register_step
from karier.people.access import Actor
from karier.people.models import UnitKerja

MAX_LIST = 10
OPEN = (StatusEvaluasi.DRAFT, StatusEvaluasi.DIBUKA_ULANG)
#: Columns of the progress tables: not rated yet, rated, final.
KOLOM = (
    ("belum", gettext_lazy("Belum dinilai")),
    ("dinilai", gettext_lazy("Sudah dinilai")),
    ("final", gettext_lazy("Final")),
)


def _bucket(status: str) -> str:
    if status == StatusEvaluasi.FINAL:
        return "final"
    return "dinilai" if status == StatusEvaluasi.DINILAI else "belum"


def year_periods(today: dt.date) -> list[PeriodePenilaian]:
    """The current year's periods, by end date (one query; a year has at most 13)."""
    return list(PeriodePenilaian.objects.filter(tahun_id=today.year).order_by("selesai", "jenis", "nomor"))


def current_period(periods: list[PeriodePenilaian], today: dt.date) -> PeriodePenilaian | None:
    """The period the agency works on: the open one due first, else the latest one already started."""
    open_ = [p for p in periods if p.status == StatusPeriode.DIBUKA]
    if open_:
        return min(open_, key=lambda p: (p.batas_pengisian, p.pk))
    started = [p for p in periods if p.mulai <= today]
    return started[-1] if started else None


@dataclass
class Mine:
    periods: list[PeriodePenilaian]
    evaluasi: list[Evaluasi]
    missing: list[tuple[PeriodePenilaian, Any]]
    permintaan: list[Any]


def mine(actor: Actor, today: dt.date) -> Mine:
    """What the employee's card and steps read (six queries), memoised on the actor for the request."""
    memo: dict[dt.date, Mine] = actor.__dict__.setdefault("_home_appraisal", {})
    if today not in memo:
        open_requests = feedback.inbox(actor).filter(
            status=StatusNominasi.DISETUJUI, evaluasi__status__in=OPEN, evaluasi__periode__status=StatusPeriode.DIBUKA
        )
        memo[today] = Mine(
            periods=year_periods(today),
            evaluasi=list(evaluation.my_evaluations(actor).filter(periode__tahun_id=today.year)),
            missing=evaluation.my_missing(actor),
            permintaan=list(open_requests[:MAX_LIST]),
        )
    return memo[today]


def _needs_realisation(ev: Evaluasi) -> bool:
    return (
        ev.periode.status == StatusPeriode.DIBUKA and ev.status in OPEN and ev.n_realisasi < ev.n_iki  # type: ignore[attr-defined]
    )


def _objection_deadline(ev: Evaluasi, jendela: int) -> dt.date | None:
    return timezone.localtime(ev.final_pada).date() + dt.timedelta(days=jendela) if ev.final_pada else None


def penilaian_saya(actor: Actor, today: dt.date) -> dict[str, Any] | None:
    """My evaluations, deadlines, latest feedback and final documents (nine queries at most)."""
    if actor.pegawai_id is None or actor.is_auditor:
        return None
    m = mine(actor, today)
    finals = [e for e in m.evaluasi if e.status == StatusEvaluasi.FINAL and e.final_pada]
    final = max(finals, key=lambda e: e.final_pada or timezone.now()) if finals else None
    batas_keberatan = None
    keberatan = None
    if final is not None:
        batas_keberatan = _objection_deadline(final, kalender_for(final.periode).jendela_keberatan_hari)
        keberatan = objections_of(actor).filter(evaluasi=final).order_by("-diajukan_pada").first()
    latest_feedback = (
        UmpanBalik.objects.filter(evaluasi__pegawai_id=actor.pegawai_id)
        .select_related("rhk", "evaluasi__periode", "penulis__pegawai")
        .order_by("-dibuat_pada", "-pk")
        .first()
    )
    rilis = (
        RilisRingkasanPerilaku.objects.filter(evaluasi__pegawai_id=actor.pegawai_id, n_dijawab__gt=0)
        .select_related("evaluasi__periode")
        .order_by("-dirilis_pada", "-pk")
        .first()
    )
    tenggat = [
        {"periode": p, "sisa_hari": (p.batas_pengisian - today).days}
        for p in m.periods
        if p.status == StatusPeriode.DIBUKA
    ]
    return {
        "evaluasi": m.evaluasi,
        "tenggat": tenggat,
        "umpan_balik": latest_feedback,
        "rilis": rilis,
        "final": final,
        "batas_keberatan": batas_keberatan,
        "keberatan_terbuka": batas_keberatan is not None and today <= batas_keberatan and keberatan is None,
        "keberatan": keberatan,
        "permintaan": m.permintaan,
    }


def langkah_penilaian(actor: Actor, today: dt.date) -> list[Langkah]:
    if actor.pegawai_id is None or actor.is_auditor:
        return []
    m = mine(actor, today)
    steps = [
        Langkah(
            40,
            _("Mulai isi penilaian %(periode)s") % {"periode": p.nama},
            reverse("appraisal:index"),
            _("SKP Anda sudah disetujui; buka evaluasi periode ini untuk mencatat realisasi."),
            p.batas_pengisian,
        )
        for p, _skp in m.missing
    ]
    steps += [
        Langkah(
            50,
            _("Catat realisasi %(periode)s") % {"periode": ev.periode.nama},
            reverse("appraisal:detail", args=[ev.pk]),
            _("%(sudah)s dari %(semua)s indikator sudah berisi realisasi.")
            % {"sudah": ev.n_realisasi, "semua": ev.n_iki},  # type: ignore[attr-defined]
            ev.periode.batas_pengisian,
        )
        for ev in m.evaluasi
        if _needs_realisation(ev)
    ]
    if m.permintaan:
        first = m.permintaan[0]
        steps.append(
            Langkah(
                60,
                _("Jawab permintaan umpan balik rekan"),
                reverse("appraisal_feedback:jawab", args=[first.pk]),
                _("%(n)s rekan menunggu penilaian perilaku dari Anda.") % {"n": len(m.permintaan)},
                None,
            )
        )
    finals = [e for e in m.evaluasi if e.status == StatusEvaluasi.FINAL and e.final_pada]
    if finals:
        last = max(finals, key=lambda e: e.final_pada or timezone.now())
        jendela = kalender_for(last.periode).jendela_keberatan_hari
        batas = _objection_deadline(last, jendela)
        if batas is not None and today <= batas:
            steps.append(
                Langkah(
                    70,
                    _("Periksa hasil evaluasi %(periode)s") % {"periode": last.periode.nama},
                    reverse("appraisal_calibration:finalise_status", args=[last.pk]),
                    _("Unduh dokumen evaluasi; bila tidak setuju, ajukan keberatan sebelum batasnya."),
                    batas,
                )
            )
    return steps


# ---------------------------------------------------------------------------- appraiser
def penilaian_bawahan(actor: Actor, today: dt.date) -> dict[str, Any] | None:
    """Ratings due per open period, realisations late, nominations to decide (a fixed number of queries)."""
    if not actor.jabatan_ids or actor.is_auditor:
        return None
    due = [
        {"periode": p, "sisa": p.n_evaluasi - p.n_dinilai, "url": reverse("appraisal:bulk", args=[p.pk])}  # type: ignore[attr-defined]
        for p in evaluation.appraisal_periods(actor)
        if p.status == StatusPeriode.DIBUKA and p.n_dinilai < p.n_evaluasi  # type: ignore[attr-defined]
    ]
    filled = Realisasi.objects.filter(
        Q(realisasi_angka__isnull=False) | ~Q(realisasi_uraian=""), evaluasi_id=OuterRef("pk")
    )
    late_qs = Evaluasi.objects.filter(
        appraiser_q(actor, instead=True),
        periode__status=StatusPeriode.DIBUKA,
        periode__batas_pengisian__lt=today,
        status__in=OPEN,
    ).exclude(Exists(filled))
    late = list(late_qs.select_related("pegawai", "periode").order_by("pegawai__nama", "pk")[:MAX_LIST])
    n_late = late_qs.count()
    n_nominasi = feedback.pending_approvals(actor).count()
    if not (due or late or n_nominasi or actor.has_subordinates):
        return None
    return {
        "dinilai": due,
        "terlambat": late,
        "n_terlambat": n_late,
        "n_nominasi": n_nominasi,
    }


# ---------------------------------------------------------------------------- agency
def _progress(counts: dict[str, int]) -> list[dict[str, Any]]:
    total = sum(counts.values())
    return [
        {"label": str(label), "n": counts.get(k, 0), "persen": persen(counts.get(k, 0), total)} for k, label in KOLOM
    ]


def _agency_appraisal(opd_ids: tuple[int, ...], periode_id: int) -> dict[str, Any]:
    """Evaluations by status and units at risk, per agency headed (one GROUP BY + five queries per agency)."""
    periode = PeriodePenilaian.objects.get(pk=periode_id)
    counts: dict[str, int] = {}
    rows = (
        Evaluasi.objects.filter(periode_id=periode_id, unit__opd_id__in=opd_ids)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for r in rows:
        k = _bucket(r["status"])
        counts[k] = counts.get(k, 0) + int(r["n"])
    risiko = []
    belum_final = []
    for opd in UnitKerja.objects.filter(pk__in=opd_ids).order_by("nama"):
        agency = calibration.agency_calibration(opd, periode)
        for row in agency.rows:
            url = reverse("appraisal_calibration:unit", args=[periode.pk, row.unit.pk])
            if row.violations:
                risiko.append({"unit": row.unit.nama, "url": url, "pesan": [v.message for v in row.violations]})
            if not row.final and row.belum == 0 and row.headcount:
                belum_final.append({"unit": row.unit.nama, "url": url})
    return {
        "total": sum(counts.values()),
        "rows": _progress(counts),
        "risiko": risiko,
        "belum_final": belum_final,
        "agency_url": reverse("appraisal_calibration:agency", args=[periode.pk, opd_ids[0]]),
    }


def penilaian_opd(actor: Actor, today: dt.date) -> dict[str, Any] | None:
    if not actor.opd_ids:
        return None
    periode = current_period(year_periods(today), today)
    ctx: dict[str, Any] = {"periode": periode, "n_keberatan": objections_to_decide(actor).count()}
    if periode is not None:
        ctx.update(
            cached(
                f"opd:penilaian:{periode.pk}:{today}:{actor.opd_ids}",
                lambda: _agency_appraisal(actor.opd_ids, periode.pk),
            )
        )
    return ctx


# ---------------------------------------------------------------------------- province
def _province_appraisal(periode_id: int) -> dict[str, Any]:
    """Evaluations by status per agency in one period: one GROUP BY and the agencies' names."""
    per_opd: dict[int | None, dict[str, int]] = {}
    rows = (
        Evaluasi.objects.filter(periode_id=periode_id)
        .values("unit__opd_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for r in rows:
        c = per_opd.setdefault(r["unit__opd_id"], {})
        k = _bucket(r["status"])
        c[k] = c.get(k, 0) + int(r["n"])
    names = dict(UnitKerja.objects.filter(pk__in=[k for k in per_opd if k]).values_list("pk", "nama"))
    table: list[dict[str, Any]] = []
    for opd_id, nama in sorted(names.items(), key=lambda kv: kv[1]):
        c = per_opd[opd_id]
        total = sum(c.values())
        table.append(
            {
                "nama": nama,
                "total": total,
                "cells": [c.get(k, 0) for k, _l in KOLOM],
                "persen_final": persen(c.get("final", 0), total),
            }
        )
    sums = [sum(r["cells"][i] for r in table) for i in range(len(KOLOM))]
    return {
        "kolom": [str(label) for _k, label in KOLOM],
        "table": table,
        "jumlah": sums,
        "total": sum(sums),
        "persen_final": persen(sums[2], sum(sums)),
    }


def penilaian_provinsi(actor: Actor, today: dt.date) -> dict[str, Any] | None:
    if not actor.sees_everyone:
        return None
    periode = current_period(year_periods(today), today)
    ctx: dict[str, Any] = {"periode": periode, "boleh_ubah": actor.is_admin and not actor.is_auditor}
    if periode is not None:
        ctx.update(cached(f"provinsi:penilaian:{periode.pk}:{today}", lambda: _province_appraisal(periode.pk)))
    return ctx


def register() -> None:
    register_panel("appraisal.saya", 20, penilaian_saya, "appraisal/home/penilaian_saya.html", section="pegawai")
    register_panel(
        "appraisal.bawahan", 20, penilaian_bawahan, "appraisal/home/penilaian_bawahan.html", section="atasan"
    )
    register_panel("appraisal.opd", 20, penilaian_opd, "appraisal/home/penilaian_opd.html", section="opd")
    register_panel(
        "appraisal.provinsi", 20, penilaian_provinsi, "appraisal/home/penilaian_provinsi.html", section="provinsi"
    )
    register_step("appraisal.penilaian", langkah_penilaian)
