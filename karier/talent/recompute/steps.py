"""The steps of the career recomputation, in order, as dotted paths to each area's set-based function.

Each step takes a chunk of employee ids (and the year or the as-of date) and writes with bulk
statements, a fixed number of queries per chunk, idempotently — the contract in each area's
`compute.py`. They are named here, not imported, because the order is the one thing this module
decides: the predikat history first (everything reads it), then credit (promotion reads it), then
promotion eligibility, the 9-box (coaching, awards and succession read it), coaching plans and award
proposals. Succession runs once, after every chunk, over all key positions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Step:
    key: str  # the figure's name in the job's outcome
    path: str  # dotted path of the area's function
    takes: tuple[str, ...]  # what it takes after the ids: "tahun", "as_of", "tugas_id"


CHUNK_STEPS: tuple[Step, ...] = (
    Step("predikat", "karier.talent.history.compute.sync_predikat", ("tahun",)),
    Step("angka_kredit", "karier.talent.credit.compute.post_credit", ("tahun",)),
    Step("status_angka_kredit", "karier.talent.credit.compute.rebuild_status", ("as_of",)),
    Step("kelayakan_pangkat", "karier.talent.promotion.compute.recompute_kelayakan", ("as_of",)),
    Step("penempatan_talenta", "karier.talent.ninebox.compute.place", ("tahun", "tugas_id")),
    Step("rencana_bimbingan", "karier.talent.coaching.compute.open_plans", ("tahun",)),
    Step("usulan_penghargaan", "karier.talent.recognition.compute.propose_awards", ("tahun",)),
)
FINAL_STEP = Step("kandidat_suksesi", "karier.talent.succession.compute.recompute_candidates", ())


def run_chunk(ids: Sequence[int], *, tahun: int, as_of: dt.date, tugas_id: int | None) -> dict[str, int]:
    """Every chunk step for `ids`; returns how many rows each wrote."""
    given = {"tahun": tahun, "as_of": as_of, "tugas_id": tugas_id}
    written: dict[str, int] = {}
    for step in CHUNK_STEPS:
        fn: Callable[..., int] = import_string(step.path)
        written[step.key] = fn(ids, *(given[name] for name in step.takes))
    return written


def run_final() -> dict[str, Any]:
    fn: Callable[..., int] = import_string(FINAL_STEP.path)
    return {FINAL_STEP.key: fn()}  # every key position
