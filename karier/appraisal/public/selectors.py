"""Reads for public feedback: the links an actor manages, the moderation queue and the summary
for the superior (per period: the date range of a PeriodePenilaian)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from karier.appraisal.choices import StatusModerasi
from karier.appraisal.feedback.access import headed_unit_paths, moderated
from karier.appraisal.models import PeriodePenilaian, TautanPublik, UmpanBalikPublik
from karier.people.access import Actor, visibility_q
from karier.people.models import Pegawai, UnitKerja

KOMENTAR_TERBARU = 10
COUNTED = (StatusModerasi.MENUNGGU, StatusModerasi.DITERIMA)


def is_counted(status: str, ditahan: bool) -> bool:
    """`counted_q` for one answer already read."""
    return status == StatusModerasi.DITERIMA or (status == StatusModerasi.MENUNGGU and not ditahan)


def counted_q(prefix: str = "") -> Q:
    """Answers whose scores count: accepted, or waiting and not held as part of a burst (`is_counted`)."""
    return Q(**{f"{prefix}status": StatusModerasi.DITERIMA}) | Q(
        **{f"{prefix}status": StatusModerasi.MENUNGGU, f"{prefix}ditahan": False}
    )


def links_for_pegawai(pegawai: Pegawai) -> QuerySet[TautanPublik]:
    return TautanPublik.objects.filter(pegawai=pegawai).order_by("-aktif", "-dibuat_pada", "-pk")


def links_for_unit(unit: UnitKerja) -> QuerySet[TautanPublik]:
    return TautanPublik.objects.filter(unit=unit).order_by("-aktif", "-dibuat_pada", "-pk")


def managed_links(actor: Actor) -> QuerySet[TautanPublik]:
    """Links the actor manages (their own, people below them, units they head; admins: all)."""
    if actor.user_id is None:
        return TautanPublik.objects.none()
    qs = TautanPublik.objects.select_related("pegawai", "unit").annotate(
        n_jawaban=Count("jawaban", filter=counted_q("jawaban__")),
        n_menunggu=Count("jawaban", filter=Q(jawaban__status=StatusModerasi.MENUNGGU)),
    )
    if actor.is_admin or actor.is_auditor:
        return qs.order_by("-aktif", "-dibuat_pada", "-pk")
    q = Q(pegawai__isnull=False) & visibility_q(actor, prefix="pegawai")
    unit_q = Q(pk__in=[])
    for path in headed_unit_paths(actor):
        unit_q |= Q(unit__path__subtree=path)
    if actor.opd_ids:
        unit_q |= Q(unit__opd_id__in=actor.opd_ids) | Q(unit_id__in=actor.opd_ids)
    return qs.filter(q | (Q(unit__isnull=False) & unit_q)).order_by("-aktif", "-dibuat_pada", "-pk")


def headed_units(actor: Actor) -> QuerySet[UnitKerja]:
    """Units whose head position the actor covers today (their counters get a unit link)."""
    if not actor.jabatan_ids:
        return UnitKerja.objects.none()
    return UnitKerja.objects.filter(jabatan__pk__in=actor.jabatan_ids, jabatan__adalah_kepala_unit=True).order_by(
        "path"
    )


def moderation_queue(actor: Actor, status: str = StatusModerasi.MENUNGGU) -> QuerySet[UmpanBalikPublik]:
    """Answers the actor moderates, newest first; hashes are never selected for display."""
    qs = moderated(actor)
    if status:
        qs = qs.filter(status=status)
    return (
        qs.select_related("tautan", "tautan__pegawai", "tautan__unit", "pegawai", "unit")
        .defer("perangkat_hash", "alamat_hash")
        .order_by("-dibuat_pada", "-pk")
    )


# ---------------------------------------------------------------------------- summary
@dataclass(frozen=True)
class Rentang:
    mulai: dt.date
    selesai: dt.date
    label: str
    periode_id: int | None = None


def rentang_for(periode: PeriodePenilaian | None, on: dt.date | None = None) -> Rentang:
    """A period's date range; without one, the last 90 days."""
    if periode is not None:
        return Rentang(periode.mulai, periode.selesai, f"{periode.nama} {periode.tahun_id}", periode.pk)
    today = on or timezone.localdate()
    return Rentang(today - dt.timedelta(days=89), today, "90 hari terakhir")


def recent_periods(limit: int = 12) -> list[PeriodePenilaian]:
    today = timezone.localdate()
    return list(PeriodePenilaian.objects.filter(mulai__lte=today).order_by("-mulai", "jenis")[:limit])


def current_period() -> PeriodePenilaian | None:
    today = timezone.localdate()
    return (
        PeriodePenilaian.objects.filter(mulai__lte=today, selesai__gte=today)
        .exclude(jenis="TAHUNAN")
        .order_by("-mulai")
        .first()
    )


#: The scores of both ratings, in the order the distributions list them.
SKOR = (5, 4, 3, 2, 1)


@dataclass
class RingkasanPublik:
    rentang: Rentang
    n: int = 0  # answers that count (accepted, or waiting and not held)
    n_diterima: int = 0
    n_menunggu: int = 0  # waiting and counted
    n_ditahan: int = 0  # waiting, held as part of a burst: not counted until accepted
    n_ditolak: int = 0
    rata_layanan: float | None = None
    rata_perilaku: float | None = None
    distribusi_layanan: list[tuple[int, int]] = field(default_factory=list)  # (score, count) 5 → 1
    distribusi_perilaku: list[tuple[int, int]] = field(default_factory=list)
    komentar: list[UmpanBalikPublik] = field(default_factory=list)


def _mean(scores: Counter[int]) -> float | None:
    """The average score to two decimals, as the database's AVG gave it (None without answers)."""
    n = sum(scores.values())
    return round(float(Decimal(sum(s * k for s, k in scores.items())) / n), 2) if n else None


def ringkasan_publik(
    *, pegawai: Pegawai | None = None, unit: UnitKerja | None = None, rentang: Rentang
) -> RingkasanPublik:
    """Counts, averages and the 1–5 distribution of both ratings, and the latest accepted
    comments, in two queries (every evaluation page shows this). Employee: answers through their
    links; unit: through the unit's links. Rejected answers never count; waiting ones count unless
    held as part of a burst (see public_services); waiting comments stay hidden."""
    base = UmpanBalikPublik.objects.filter(dibuat_pada__date__gte=rentang.mulai, dibuat_pada__date__lte=rentang.selesai)
    base = base.filter(tautan__pegawai=pegawai) if pegawai is not None else base.filter(tautan__unit=unit)
    out = RingkasanPublik(rentang=rentang)
    # One GROUP BY over the few combinations (3 statuses × held × 5 × 5 scores), summed here: sixteen
    # conditional aggregates cost more to compile than to run, on every evaluation page.
    groups = base.values_list("status", "ditahan", "skor_layanan", "skor_perilaku").annotate(n=Count("pk")).order_by()
    layanan: Counter[int] = Counter()
    perilaku: Counter[int] = Counter()
    for status, ditahan, skor_layanan, skor_perilaku, n in groups:
        if status == StatusModerasi.DITERIMA:
            out.n_diterima += n
        elif status == StatusModerasi.DITOLAK:
            out.n_ditolak += n
        elif ditahan:
            out.n_ditahan += n
        else:
            out.n_menunggu += n
        if is_counted(status, ditahan):
            layanan[skor_layanan] += n
            perilaku[skor_perilaku] += n
    out.n = out.n_diterima + out.n_menunggu
    out.rata_layanan, out.rata_perilaku = _mean(layanan), _mean(perilaku)
    out.distribusi_layanan.extend((score, layanan[score]) for score in SKOR)
    out.distribusi_perilaku.extend((score, perilaku[score]) for score in SKOR)
    out.komentar = list(
        base.filter(status=StatusModerasi.DITERIMA)
        .exclude(komentar="")
        .only("pk", "tautan_id", "status", "komentar", "skor_layanan", "skor_perilaku", "dibuat_pada")
        .order_by("-dibuat_pada", "-pk")[:KOMENTAR_TERBARU]
    )
    return out
