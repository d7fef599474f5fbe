"""Releasing the peer/subordinate aggregates in batches (issue #8 §7: rater anonymity over time).

Shown live, the summary before and after a 4th answer gives that rater's scores away
(4 × new mean − 3 × old mean), and the appraisee watches the count rise. So the figures shown are a
snapshot (`RilisRingkasanPerilaku`) replaced only when at least `AMBANG` (3) answers are new or changed
since the previous snapshot: the difference between any two snapshots mixes at least three raters,
the same protection as the threshold itself. Answers of a smaller last batch stay out of the figures
(docs/feedback.md says why that is the price of anonymity).

Which answers changed is known from a keyed fingerprint (HMAC) of each nomination's answers kept in
the snapshot; the fingerprints reveal nothing, and nobody sees them.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from karier.appraisal.choices import StatusNominasi
from karier.appraisal.feedback.selectors import AMBANG, live_figures
from karier.appraisal.models import Evaluasi, JawabanPerilaku, RilisRingkasanPerilaku

BATCH = AMBANG


def answer_marks(evaluasi_id: int) -> dict[str, str]:
    """{nomination id: fingerprint of its current answers} for every answered nomination (one query)."""
    parts: dict[int, list[str]] = defaultdict(list)
    rows = (
        JawabanPerilaku.objects.filter(nominasi__evaluasi_id=evaluasi_id, nominasi__status=StatusNominasi.DIJAWAB)
        .order_by("nominasi_id", "nilai_id")
        .values_list("nominasi_id", "nilai_id", "skor", "komentar")
    )
    for nominasi_id, nilai_id, skor, komentar in rows:
        parts[nominasi_id].append(f"{nilai_id}={skor}:{komentar}")
    return {
        str(pk): salted_hmac("karier.appraisal.rilis", "\x1f".join(items), algorithm="sha256").hexdigest()
        for pk, items in parts.items()
    }


def _changed(marks: dict[str, str], released: dict[str, str]) -> int:
    """Answers new, changed or gone since the released snapshot."""
    return sum(1 for k, v in marks.items() if released.get(k) != v) + sum(1 for k in released if k not in marks)


def changed_since(evaluasi_id: int, rilis: RilisRingkasanPerilaku | None) -> int:
    return _changed(answer_marks(evaluasi_id), rilis.tanda if rilis is not None else {})


def ringkasan_release(*, evaluasi_id: int) -> RilisRingkasanPerilaku | None:
    """Take a new snapshot when at least `BATCH` answers are new or changed since the last one (and at
    least `AMBANG` answers exist); otherwise leave the shown figures as they are. Called by the answer
    service in its transaction; idempotent. Returns the snapshot in force."""
    with transaction.atomic():
        evaluasi = Evaluasi.objects.select_for_update().get(pk=evaluasi_id)
        rilis = RilisRingkasanPerilaku.objects.filter(evaluasi=evaluasi).first()
        marks = answer_marks(evaluasi_id)
        if len(marks) < AMBANG or _changed(marks, rilis.tanda if rilis is not None else {}) < BATCH:
            return rilis
        data = live_figures(evaluasi)
        rilis, _created = RilisRingkasanPerilaku.objects.update_or_create(
            evaluasi=evaluasi,
            defaults={"n_dijawab": len(marks), "data": data, "tanda": marks, "dirilis_pada": timezone.now()},
        )
    return rilis
