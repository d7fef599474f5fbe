"""What the bulk-rating screen tells the appraiser beside each row (issue #10 §4): suggested reasons drawn
from the person's realisations and feedback, and whether peer/subordinate nominations are still open.

Everything is read for the whole team at once — a fixed number of queries whatever its size
(tests/appraisal/test_appraisal_bulk_screen.py measures it at two sizes). The suggestions only use what
the appraiser may already see: realisations, their own continuous feedback, and the *released*
multi-rater summary (never live answers: docs/feedback.md, anonymity over time).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from karier.appraisal.choices import StatusNominasi
from karier.appraisal.feedback.selectors import AMBANG, OPEN_STATUSES  # a summary below AMBANG is never shown
from karier.appraisal.models import Evaluasi, NominasiPenilai, Realisasi, RilisRingkasanPerilaku, UmpanBalik
from karier.core.numbers import angka
from karier.standards.choices import Aspek

# Aspects where a higher realisation is better; for waktu and biaya less may be better, so they are
# not compared with their target here.
HIGHER_IS_BETTER = frozenset({Aspek.KUANTITAS, Aspek.KUALITAS})
WAITING = (StatusNominasi.DIUSULKAN, StatusNominasi.DISETUJUI)
MAX_NAMES = 2
MAX_QUOTE = 160


@dataclass
class Capaian:
    """How far one evaluation's realisations reach their numeric targets."""

    n_realisasi: int = 0
    n_angka: int = 0  # comparable: numeric target and numeric realisation, higher is better
    capai: list[str] = field(default_factory=list)  # indicators at or above target
    lampaui: list[str] = field(default_factory=list)  # indicators above target
    kurang: list[str] = field(default_factory=list)  # indicators below target


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def capaian_by_evaluasi(ids: Iterable[int]) -> dict[int, Capaian]:
    """{evaluasi_id: Capaian} from every recorded realisation (one query)."""
    out: dict[int, Capaian] = {}
    rows = (
        Realisasi.objects.filter(evaluasi_id__in=list(ids))
        .order_by("evaluasi_id", "iki__rhk__urutan", "iki__urutan", "pk")
        .values_list(
            "evaluasi_id", "realisasi_angka", "realisasi_uraian", "iki__target_angka", "iki__aspek", "iki__indikator"
        )
    )
    for ev_id, real, uraian, target, aspek, indikator in rows:
        if real is None and not uraian:
            continue
        c = out.setdefault(ev_id, Capaian())
        c.n_realisasi += 1
        if real is None or target is None or aspek not in HIGHER_IS_BETTER:
            continue
        c.n_angka += 1
        name = _short(indikator)
        if Decimal(real) >= Decimal(target):
            c.capai.append(name)
            if Decimal(real) > Decimal(target):
                c.lampaui.append(name)
        else:
            c.kurang.append(name)
    return out


def released_summaries(ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """{evaluasi_id: released multi-rater figures} for summaries shown to anyone (one query)."""
    return dict(
        RilisRingkasanPerilaku.objects.filter(evaluasi_id__in=list(ids), n_dijawab__gte=AMBANG).values_list(
            "evaluasi_id", "data"
        )
    )


def latest_feedback(ids: Iterable[int]) -> dict[int, str]:
    """{evaluasi_id: the latest continuous feedback text} (one query; the first row per evaluation wins)."""
    out: dict[int, str] = {}
    for ev_id, teks in (
        UmpanBalik.objects.filter(evaluasi_id__in=list(ids))
        .order_by("evaluasi_id", "-dibuat_pada", "-pk")
        .values_list("evaluasi_id", "teks")
    ):
        out.setdefault(ev_id, teks)
    return out


def open_nominations(evaluations: Iterable[Evaluasi]) -> dict[int, int]:
    """{evaluasi_id: nominations still waiting (proposed, or approved and unanswered)} for the evaluations
    whose nominations a rating would close (one query)."""
    # A rating closes them while the evaluation is open (feedback.selectors.is_open).
    ids = [ev.pk for ev in evaluations if ev.status in OPEN_STATUSES]
    if not ids:
        return {}
    return dict(
        NominasiPenilai.objects.filter(evaluasi_id__in=ids, status__in=WAITING)
        .order_by()
        .values("evaluasi_id")
        .annotate(n=Count("pk"))
        .values_list("evaluasi_id", "n")
    )


def _satu_desimal(value: object) -> str:
    """A mean with one decimal, rounded half up (3,75 → 3,8), the Indonesian way."""
    return angka(Decimal(str(value or 0)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), 1)


def _names(items: list[str]) -> str:
    shown = ", ".join(items[:MAX_NAMES])
    return shown + (_(" dan %(n)s lainnya") % {"n": len(items) - MAX_NAMES} if len(items) > MAX_NAMES else "")


def hasil_kerja_templates(n_iki: int, capaian: Capaian | None, umpan_balik: str = "") -> list[str]:
    """Suggested reasons for the rating hasil kerja, from the realisations against the targets."""
    c = capaian or Capaian()
    out: list[str] = []
    if c.lampaui:
        out.append(
            _("Realisasi melampaui target pada %(n)s dari %(m)s indikator berangka (%(names)s).")
            % {"n": angka(len(c.lampaui)), "m": angka(c.n_angka), "names": _names(c.lampaui)}
        )
    if c.n_angka and len(c.capai) == c.n_angka:
        out.append(
            _("Seluruh %(m)s indikator berangka mencapai target; realisasi tercatat untuk %(r)s dari %(i)s IKI.")
            % {"m": angka(c.n_angka), "r": angka(c.n_realisasi), "i": angka(n_iki)}
        )
    if c.kurang:
        out.append(
            _("Realisasi di bawah target pada %(n)s dari %(m)s indikator berangka (%(names)s).")
            % {"n": angka(len(c.kurang)), "m": angka(c.n_angka), "names": _names(c.kurang)}
        )
    missing = max(0, n_iki - c.n_realisasi)
    if c.n_realisasi == 0:
        out.append(_("Belum ada realisasi yang dicatat untuk periode ini."))
    elif missing:
        out.append(_("Realisasi belum dicatat untuk %(n)s dari %(m)s IKI.") % {"n": angka(missing), "m": angka(n_iki)})
    if umpan_balik:
        out.append(_("Sesuai umpan balik berkelanjutan: %(t)s") % {"t": _short(umpan_balik, MAX_QUOTE)})
    return out


def perilaku_templates(summary: dict[str, Any] | None) -> list[str]:
    """Suggested reasons for the rating perilaku kerja, from the released multi-rater summary."""
    if not summary:
        return []
    scored = [v for v in summary.get("nilai", []) if v.get("rata") is not None]
    if not scored:
        return []
    best = max(scored, key=lambda v: v["rata"])
    worst = min(scored, key=lambda v: v["rata"])
    n = summary.get("n", 0)
    out = [
        _("Umpan balik %(n)s rekan/bawahan: rata-rata %(r)s dari 5; tertinggi pada %(b)s (%(bv)s).")
        % {
            "n": angka(n),
            "r": _satu_desimal(summary.get("rata_keseluruhan")),
            "b": best["nama"],
            "bv": _satu_desimal(best["rata"]),
        }
    ]
    if worst is not best:
        out.append(
            _("Menurut umpan balik %(n)s rekan/bawahan, nilai %(w)s perlu ditingkatkan (rata-rata %(wv)s dari 5).")
            % {"n": angka(n), "w": worst["nama"], "wv": _satu_desimal(worst["rata"])}
        )
    return out
