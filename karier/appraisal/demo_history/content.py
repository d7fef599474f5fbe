"""The signed snapshot content of many evaluations at once (for the demo's past years).

`karier.appraisal.evaluation.document_content.evaluasi_content` builds what one evaluation document
states in about ten queries; signing a whole province's past years that way would be a few hundred
thousand queries. `contents` loads what a chunk of evaluations' documents read in a fixed number of
queries (evaluations with their people, unit results, realisations, feedback, plan rows with their
indicators, behaviour expectations, BerAKHLAK values) and builds each one with the same
`document_content.content_of` that `evaluasi_content` uses; the test suite also compares the two for
the evaluations it makes.

An evaluation without a superior's signature whose appraiser has a superior post (none in what
`seed` writes, where the superior is resolved once for everybody) falls back to `evaluasi_content`,
which looks the holder up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from karier.appraisal.evaluation.document_content import (
    EVALUASI_RELATED,
    RHK_ORDER,
    content_of,
    evaluasi_content,
)
from karier.appraisal.models import Evaluasi, PredikatOrganisasiUnit, Realisasi, UmpanBalik
from karier.core.official import in_indonesian
from karier.plans.models import EkspektasiPerilaku, RencanaHasilKerja
from karier.standards.models import NilaiBerakhlak


@in_indonesian
def contents(ev_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """{evaluation id: what its document states}, as `evaluasi_content` gives it, for all at once."""
    evs = list(Evaluasi.objects.filter(pk__in=list(ev_ids)).select_related(*EVALUASI_RELATED).order_by("pk"))
    if not evs:
        return {}
    ids = [e.pk for e in evs]
    skp_ids = sorted({e.skp_id for e in evs})
    org = {
        (u, p): v
        for u, p, v in PredikatOrganisasiUnit.objects.filter(
            periode_id__in={e.periode_id for e in evs}, unit_id__in={e.unit_id for e in evs}
        ).values_list("unit_id", "periode_id", "predikat")
    }
    realisasi: dict[int, dict[int, Realisasi]] = defaultdict(dict)
    # .order_by(): without it the default ordering (evaluation → period → year, person; indicator → row →
    # plan → year, person) joins eight tables that a dict does not need — and a planner with stale
    # statistics (rows just inserted) nests them into minutes.
    for real in Realisasi.objects.filter(evaluasi_id__in=ids).order_by():
        realisasi[real.evaluasi_id][real.iki_id] = real
    feedback: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for ev_id, rhk_id, teks in (
        UmpanBalik.objects.filter(evaluasi_id__in=ids)
        .order_by("dibuat_pada")
        .values_list("evaluasi_id", "rhk_id", "teks")
    ):
        feedback[ev_id][rhk_id].append(teks)
    rhk_by_skp: dict[int, list[RencanaHasilKerja]] = defaultdict(list)
    for r in (
        RencanaHasilKerja.objects.filter(skp_id__in=skp_ids).prefetch_related("iki").order_by("skp_id", *RHK_ORDER)
    ):
        rhk_by_skp[r.skp_id].append(r)
    expectations: dict[int, dict[str, str]] = defaultdict(dict)
    for skp_id, nilai_id, teks in EkspektasiPerilaku.objects.filter(skp_id__in=skp_ids).values_list(
        "skp_id", "nilai_id", "ekspektasi_khusus"
    ):
        expectations[skp_id][nilai_id] = teks
    nilai = list(NilaiBerakhlak.objects.prefetch_related("panduan").order_by("urutan"))

    out: dict[int, dict[str, Any]] = {}
    for ev in evs:
        if ev.ditandatangani_atasan_oleh_id is None and ev.penilai_jabatan_id:
            out[ev.pk] = evaluasi_content(ev.pk)  # the holder of the superior post is looked up there
            continue
        out[ev.pk] = content_of(
            ev,
            atasan=ev.ditandatangani_atasan_oleh,
            predikat_organisasi=org.get((ev.unit_id, ev.periode_id)) or "",
            realisasi=realisasi[ev.pk],
            umpan_balik=feedback[ev.pk],
            rhk=rhk_by_skp[ev.skp_id],
            ekspektasi=expectations[ev.skp_id],
            nilai=nilai,
        )
    return out
