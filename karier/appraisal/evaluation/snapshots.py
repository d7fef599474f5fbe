"""Signed evaluations never change (issue #8, §3): what was signed is frozen with its hash.

At every signature (the appraiser's, the superior's) and at an accepted objection, `take` stores
the evaluation as its document shows it — the plan rows and indicators with their targets, the
realisations, continuous feedback, behaviour expectations, both ratings with their reasons, the
predikat, the unit's result and the signers with their dates — as canonical JSON (keys sorted, no
whitespace, UTF-8) in `SnapshotEvaluasi`, with the sha256 of that text. The evaluation PDF of a
signed version renders from its snapshot and prints the hash, so a later edit of the live plan
rows cannot change a signed document.

`verify_snapshots` (registered in `KARIER_INTEGRITY_CHECKS`; `karier periksa-audit` runs it)
reports every snapshot whose content no longer hashes to its stored hash, every snapshot whose hash
is not the one `take` wrote into the audit chain when it was signed (an `appraisal.snapshot` event:
raw SQL that rewrites a snapshot *and* its sha256 to match a changed evaluation is caught there, and
changing that event breaks the chain), and every FINAL
evaluation whose live ratings, reasons, predikat, version or signers differ from its latest
snapshot (or that has none). Cost: one pass over the snapshots and one over FINAL evaluations, in
chunks; no query per row.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from django.db.models import Max

from karier.appraisal.choices import StatusEvaluasi
from karier.appraisal.models import Evaluasi, SnapshotEvaluasi
from karier.core import audit
from karier.core.integrity import Break
from karier.core.models import AuditEvent
from karier.people.access import Actor

TAHAP_PENILAI = "PENILAI"
TAHAP_ATASAN = "ATASAN"
TAHAP_KEBERATAN = "KEBERATAN"
CHUNK = 2000
CHECK = "appraisal.snapshot"
ANCHOR_ACTION = "appraisal.snapshot"
# Live fields of an evaluation compared with its latest snapshot ("nilai" in the snapshot).
LIVE_FIELDS = (
    "versi",
    "rating_hasil_kerja",
    "alasan_hasil_kerja",
    "rating_perilaku",
    "alasan_perilaku",
    "predikat",
    "predikat_akhir",
    "ditandatangani_penilai_oleh_id",
    "ditandatangani_atasan_oleh_id",
)


def canonical(isi: Any) -> bytes:
    return json.dumps(isi, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def content_hash(isi: Any) -> str:
    return hashlib.sha256(canonical(isi)).hexdigest()


def live_values(ev: Evaluasi) -> dict[str, Any]:
    return {f: getattr(ev, f) for f in LIVE_FIELDS}


def take(*, evaluasi_id: int, tahap: str, actor: Actor) -> SnapshotEvaluasi:
    """Freeze the evaluation as it stands now (call inside the signing transaction, after the write)."""
    from karier.appraisal.evaluation.document_content import evaluasi_content

    isi = json.loads(canonical(evaluasi_content(evaluasi_id)))  # exactly what JSON storage gives back
    row, created = SnapshotEvaluasi.objects.get_or_create(
        evaluasi_id=evaluasi_id,
        versi=isi["nilai"]["versi"],
        tahap=tahap,
        defaults={
            "isi": isi,
            "hash": content_hash(isi),
            "dibuat_oleh_id": actor.user_id,
        },
    )
    if created:  # the hash goes into the chain: the anchor `verify_snapshots` compares with
        audit.record(
            actor=actor,
            action=ANCHOR_ACTION,
            obj=row,
            summary=f"Snapshot evaluasi {evaluasi_id} v{row.versi} {tahap}",
            changes={"hash": [None, row.hash]},
        )
    return row


def current(ev: Evaluasi) -> SnapshotEvaluasi | None:
    """The latest snapshot of the evaluation's current version (None while nobody has signed it)."""
    return SnapshotEvaluasi.objects.filter(evaluasi=ev, versi=ev.versi).order_by("-pk").first()


def verify_snapshots() -> Iterator[Break]:
    """Every snapshot that no longer matches its hash, every FINAL evaluation that no longer matches
    its latest snapshot."""
    label = SnapshotEvaluasi._meta.label_lower
    anchors = _anchors(label)
    rows = SnapshotEvaluasi.objects.order_by("pk").values_list("pk", "evaluasi_id", "isi", "hash")
    for pk, ev_id, isi, stored in rows.iterator(chunk_size=CHUNK):
        actual = content_hash(isi)
        if actual != stored:
            yield Break(CHECK, label, str(pk), stored, actual, detail=f"isi snapshot evaluasi {ev_id} berubah")
        anchored = anchors.get(str(pk))
        if anchored != stored:
            yield Break(
                CHECK,
                label,
                str(pk),
                anchored or "hash tercatat di jejak audit",
                stored,
                detail=f"hash snapshot evaluasi {ev_id} bukan yang tercatat di jejak audit saat ditandatangani",
            )
    ev_label = Evaluasi._meta.label_lower
    finals = (
        Evaluasi.objects.filter(status=StatusEvaluasi.FINAL)
        .annotate(snap=Max("snapshot__pk"))
        .order_by("pk")
        .values_list("pk", "snap", *LIVE_FIELDS)
    )
    batch: list[tuple[Any, ...]] = []
    for row in finals.iterator(chunk_size=CHUNK):
        batch.append(row)
        if len(batch) >= CHUNK:
            yield from _compare(batch, ev_label)
            batch = []
    yield from _compare(batch, ev_label)


def _anchors(label: str) -> dict[str, str]:
    """Snapshot id -> the hash recorded in the audit chain when it was taken (one query)."""
    out: dict[str, str] = {}
    events = AuditEvent.objects.filter(action=ANCHOR_ACTION, object_type=label).values_list("object_id", "changes")
    for object_id, changes in events.iterator(chunk_size=CHUNK):
        recorded = (changes or {}).get("hash")
        if isinstance(recorded, list) and len(recorded) == 2 and isinstance(recorded[1], str):
            out[object_id] = recorded[1]
    return out


def _compare(batch: list[tuple[Any, ...]], label: str) -> Iterator[Break]:
    snaps = dict(SnapshotEvaluasi.objects.filter(pk__in=[r[1] for r in batch if r[1]]).values_list("pk", "isi"))
    for pk, snap, *values in batch:
        live = dict(zip(LIVE_FIELDS, values, strict=True))
        if snap is None:
            yield Break(
                CHECK,
                label,
                str(pk),
                "snapshot bertanda tangan",
                "tidak ada",
                detail="evaluasi final tanpa snapshot tanda tangan",
            )
            continue
        frozen = (snaps.get(snap) or {}).get("nilai", {})
        for f in LIVE_FIELDS:
            if frozen.get(f) != live[f]:
                yield Break(
                    CHECK,
                    label,
                    str(pk),
                    f"{f}={frozen.get(f)!r}",
                    f"{f}={live[f]!r}",
                    detail=f"evaluasi final berbeda dari snapshot #{snap}",
                )
