"""Early warning at mid-year (issue #12 §6): whose realisations trail their targets, so that the superior
acts before the annual appraisal.

From July (`karier.rules.mid_year`) the superior's team — the people in the positions directly below
the ones she covers — is checked indicator by indicator (`karier.rules.realisation_trailing`, our rule):

- the elapsed share of the year is the end of the last periodic period (triwulan/bulan) already over —
  what should have been reported by now (30 June → about half); none over yet: no warning;
- the realisation of an indicator is its latest one in a periodic evaluation of the year; the screens
  of appraisal compare each period's realisation with the annual target (`rating_hints.capaian`), so a
  realisation is what was reached so far;
- kuantitas is a running total (target × elapsed share); kualitas is a level (the whole target);
  waktu and biaya are ceilings (lower is better);
- a person is flagged when at least half of their indicators with a numeric target trail ("perlu
  perhatian", `karier.rules.career.needs_attention`, our rule).

Six queries whatever the team size.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from karier.appraisal.models import PeriodePenilaian, Realisasi
from karier.people.access import Actor
from karier.people.models import Pegawai
from karier.people.selectors import direct_team
from karier.plans.choices import StatusSkp
from karier.plans.models import IndikatorKinerjaIndividu
from karier.rules import career as rules
from karier.standards.choices import Aspek
from karier.talent.coaching.compute import PERIODIK
from karier.talent.models import RencanaBimbingan, StatusBimbingan

LEVEL_ASPEK = frozenset({Aspek.KUALITAS})
CEILING_ASPEK = frozenset({Aspek.WAKTU, Aspek.BIAYA})


@dataclass
class Peringatan:
    """One team member whose realisations trail: the indicators and any running plan."""

    pegawai: Pegawai
    tertinggal: list[str] = field(default_factory=list)
    dibandingkan: int = 0
    rencana_id: int | None = None

    @property
    def jumlah_tertinggal(self) -> int:
        return len(self.tertinggal)


def elapsed_share(tahun: int, today: dt.date) -> Decimal:
    """The share of `tahun` that should have been reported: the end of the last periodic period over."""
    last = (
        PeriodePenilaian.objects.filter(tahun_id=tahun, jenis__in=PERIODIK, selesai__lt=today)
        .order_by("-selesai")
        .values_list("selesai", flat=True)
        .first()
    )
    if last is None:
        return Decimal(0)
    start, end = dt.date(tahun, 1, 1), dt.date(tahun, 12, 31)
    share = Decimal((min(last, end) - start).days + 1) / Decimal((end - start).days + 1)
    return min(share, Decimal(1)).quantize(Decimal("0.0001"))


def trailing_people(pegawai: list[Pegawai], tahun: int, today: dt.date) -> list[Peringatan]:
    """The people among `pegawai` whose realisations trail (four queries)."""
    elapsed = elapsed_share(tahun, today)
    if elapsed == 0 or not pegawai:
        return []
    by_id = {p.pk: p for p in pegawai}
    iki = list(
        IndikatorKinerjaIndividu.objects.filter(
            rhk__skp__pegawai_id__in=list(by_id),
            rhk__skp__tahun_id=tahun,
            rhk__skp__status=StatusSkp.DISETUJUI,
            target_angka__isnull=False,
        )
        # the plan's own order (RHK, then indicator) over the joins the filter makes anyway; the
        # default order would also join each plan's year and person
        .order_by("rhk__skp_id", "rhk__jenis", "rhk__urutan", "rhk_id", "urutan", "pk")
        .values_list("pk", "rhk__skp__pegawai_id", "aspek", "target_angka", "indikator")
    )
    latest: dict[int, Decimal | None] = {}
    for iki_id, real in (
        Realisasi.objects.filter(
            iki_id__in=[row[0] for row in iki],
            evaluasi__periode__tahun_id=tahun,
            evaluasi__periode__jenis__in=PERIODIK,
        )
        .order_by("iki_id", "-evaluasi__periode__selesai", "-pk")
        .values_list("iki_id", "realisasi_angka")
    ):
        latest.setdefault(iki_id, real)
    found: dict[int, Peringatan] = {}
    for iki_id, pid, aspek, target, indikator in iki:
        w = found.setdefault(pid, Peringatan(by_id[pid]))
        w.dibandingkan += 1
        if rules.realisation_trailing(
            Decimal(target or 0),
            latest.get(iki_id),
            Decimal(1) if aspek in LEVEL_ASPEK | CEILING_ASPEK else elapsed,
            lower_is_better=aspek in CEILING_ASPEK,
        ):
            w.tertinggal.append(" ".join(indikator.split())[:120])
    flagged = [w for w in found.values() if rules.needs_attention(len(w.tertinggal), w.dibandingkan)]
    if flagged:
        plans = dict(
            RencanaBimbingan.objects.filter(
                pegawai_id__in=[w.pegawai.pk for w in flagged], tahun=tahun, status=StatusBimbingan.AKTIF
            ).values_list("pegawai_id", "pk")
        )
        for w in flagged:
            w.rencana_id = plans.get(w.pegawai.pk)
    return sorted(flagged, key=lambda w: (-len(w.tertinggal), w.pegawai.nama, w.pegawai.pk))


def team_of(actor: Actor, today: dt.date) -> list[Pegawai]:
    """The people in the positions directly below the actor's (the request's one read of the team)."""
    if actor.pegawai_id is None or actor.is_auditor or not actor.jabatan_ids:
        return []
    seen: dict[int, Pegawai] = {}
    for row in direct_team(actor, today):
        if row.pegawai_id != actor.pegawai_id:
            seen.setdefault(row.pegawai_id, row.pegawai)
    return list(seen.values())


def early_warning(actor: Actor, today: dt.date) -> list[Peringatan]:
    """The actor's team members who need attention — only from mid-year on (empty before July)."""
    if not rules.mid_year(today) or not actor.has_subordinates:
        return []
    return trailing_people(team_of(actor, today), today.year, today)
