"""Coaching plans opened by Karier itself (issue #12 §6), step 5 of the recompute job.

`open_plans` reads, for a chunk of people, the three signals of `karier.rules.coaching_reasons` — the
latest periodic predikat of the year (a TRIWULAN/BULAN evaluation that has one; the calibrated
`predikat_akhir` wins), the annual predikat (`PredikatTahunan` of the year, else the latest before it)
and the latest 9-box placement — and opens a plan for whoever the rules name. The mentor is the
person's superior today (`people.selectors.appraisers_on`: the holder, Plt or Plh of the position
above; a vacant one is passed over to the next official up). A person with no official above at all
(the top of the tree, or no definitive position) is skipped and counted: the BKD list shows them as
"tanpa mentor" (`tanpa_mentor`), because a plan without a mentor is refused (§ Bad input).

Idempotent: a person who already has a plan of that year — running, or closed by a human decision —
gets no second one from the job (the superior may still open a new one by hand). A fixed number of
queries per chunk: four reads, the resolver (two per tree level), one insert.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from karier.appraisal.choices import JenisPeriode
from karier.appraisal.models import Evaluasi
from karier.people.models import Pegawai
from karier.people.selectors import appraisers_on
from karier.rules import career as rules
from karier.talent.models import PenempatanTalenta, PredikatTahunan, RencanaBimbingan

PERIODIK = (JenisPeriode.TRIWULAN, JenisPeriode.BULAN)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's end (30 Nov + 3 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass
class Signals:
    """The inputs of `coaching_reasons` for one person, kept for display ("why a plan")."""

    periodik: str | None = None
    tahunan: str | None = None
    tahun_tahunan: int | None = None
    kotak: int | None = None
    tahun_kotak: int | None = None


def signals(pegawai_ids: Iterable[int], tahun: int) -> dict[int, Signals]:
    """{pegawai: Signals} for a set of people (three queries, whatever the size)."""
    ids = list(pegawai_ids)
    out: dict[int, Signals] = {}
    periodic = (
        Evaluasi.objects.filter(pegawai_id__any=ids, periode__tahun_id=tahun, periode__jenis__in=PERIODIK)
        .exclude(predikat="")
        .order_by("pegawai_id", "-periode__selesai", "-pk")
        .values_list("pegawai_id", "predikat", "predikat_akhir")
    )
    for pid, predikat, akhir in periodic:
        s = out.setdefault(pid, Signals())
        if s.periodik is None:
            s.periodik = akhir or predikat
    annual = (
        PredikatTahunan.objects.filter(pegawai_id__any=ids, tahun__lte=tahun)
        .order_by("pegawai_id", "-tahun")
        .values_list("pegawai_id", "tahun", "predikat")
    )
    for pid, year, predikat in annual:
        s = out.setdefault(pid, Signals())
        if s.tahunan is None:
            s.tahunan, s.tahun_tahunan = predikat, year
    boxes = (
        PenempatanTalenta.objects.filter(pegawai_id__any=ids, tahun__lte=tahun)
        .order_by("pegawai_id", "-tahun")
        .values_list("pegawai_id", "tahun", "kotak")
    )
    for pid, year, kotak in boxes:
        s = out.setdefault(pid, Signals())
        if s.kotak is None:
            s.kotak, s.tahun_kotak = kotak, year
    return out


def reasons_for(s: Signals) -> tuple[str, ...]:
    return rules.coaching_reasons(s.periodik or None, s.tahunan or None, s.kotak)


def needing_plan(pegawai_ids: Iterable[int], tahun: int) -> dict[int, tuple[str, ...]]:
    """{pegawai: reasons} for active people the rules name who have no plan of `tahun` yet (five queries)."""
    ids = set(Pegawai.objects.filter(pk__any=list(pegawai_ids), aktif=True).values_list("pk", flat=True))
    if not ids:
        return {}
    found = {pid: reasons_for(s) for pid, s in signals(ids, tahun).items()}
    found = {pid: r for pid, r in found.items() if r}
    if found:
        planned = set(
            RencanaBimbingan.objects.filter(pegawai_id__any=list(found), tahun=tahun).values_list(
                "pegawai_id", flat=True
            )
        )
        found = {pid: r for pid, r in found.items() if pid not in planned}
    return found


@dataclass
class Opened:
    dibuat: int = 0
    tanpa_mentor: list[int] = field(default_factory=list)


def open_plans_detail(pegawai_ids: Sequence[int], tahun: int, today: dt.date | None = None) -> Opened:
    """`open_plans` with the people skipped for want of a mentor."""
    today = today or timezone.localdate()
    need = needing_plan(pegawai_ids, tahun)
    result = Opened()
    if not need:
        return result
    mentors = appraisers_on(need, today)
    follow_up = add_months(today, rules.BULAN_TINDAK_LANJUT_BIMBINGAN)
    rows = []
    for pid in sorted(need):
        appraiser = mentors.get(pid)
        if appraiser is None or appraiser.pegawai.pk == pid:
            result.tanpa_mentor.append(pid)
            continue
        rows.append(
            RencanaBimbingan(
                pegawai_id=pid,
                mentor_id=appraiser.pegawai.pk,
                tahun=tahun,
                pemicu=list(need[pid]),
                tanggal_tindak_lanjut=follow_up,
            )
        )
    # A plan a superior opened by hand a moment ago wins quietly (one running plan per person and year).
    RencanaBimbingan.objects.bulk_create(rows, ignore_conflicts=True)
    result.dibuat = len(rows)
    return result


def open_plans(pegawai_ids: Sequence[int], tahun: int) -> int:
    """Open a coaching plan for everyone in the chunk who needs one (the recompute job's step 5).
    Returns how many plans were opened; people without any official above are skipped."""
    return open_plans_detail(pegawai_ids, tahun).dibuat


def tanpa_mentor(tahun: int, opd_id: int | None = None, limit: int = 200) -> list[tuple[Pegawai, tuple[str, ...]]]:
    """People who need a plan of `tahun` but have no official above to mentor them (for the BKD).

    Only people at the top of the tree or without a position can lack one, so the candidates are those
    (a few per agency), checked with the same rules and resolver as the job."""
    qs = Pegawai.objects.filter(Q(jabatan__isnull=True) | Q(jabatan__atasan__isnull=True), aktif=True)
    if opd_id is not None:
        qs = qs.filter(opd_id=opd_id)
    candidates = list(qs.values_list("pk", flat=True)[: limit * 5])
    need = needing_plan(candidates, tahun)
    if not need:
        return []
    mentors = appraisers_on(need, timezone.localdate())
    ids = [pid for pid in need if pid not in mentors][:limit]
    people = Pegawai.objects.filter(pk__any=ids).select_related("jabatan", "opd").order_by("nama", "pk")
    return [(p, need[p.pk]) for p in people]
