"""`place`: the 9-box placements of a year, set-based (step 4 of the recompute job, issue #12 item 4).

For each person: the active rule set of their agency (else the general active one); kinerja from
their last two ratings hasil kerja up to `tahun` (`PredikatTahunan`, oldest first); potensial from
their latest `SkorPotensi` (JPM and its components); the disciplinary sanctions within the rule
set's years before the reference date. `karier.rules.placement` decides levels, box, exclusion and
explanation — this module only gathers the inputs and stores them *as they were* (`masukan`), so
`reproduce` gives the same box from the stored row alone.

Choices:
- The reference date is 31 December of `tahun`, or today while the year is still running.
- Potensial uses the latest assessment there is (an assessment is rare; the newest is the best
  knowledge of a person's potential). The components offered to a weighted rule set are
  `kompetensi` = the JPM (the competency match of the assessment) plus any numeric component the
  assessment stored under its own name (e.g. `potensi`, `rekam_jejak`; a stored `kompetensi` wins
  over the JPM); the per-competency levels ([assessed, required]) are kept in the inputs for the record.
- Nobody is placed without a rating hasil kerja, without an assessment, or when the rule set
  needs a component the assessment lacks: a missing input is not a low score. Their row of that
  year, if an earlier run made one, is removed, so running twice always gives the same rows.

Queries per call: people, active rule sets, predikat, assessments, sanctions, one delete and one
insert (COPY on PostgreSQL) — the same seven statements for ten ids or two thousand.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.core.bulk import bulk_insert
from karier.development.models import SkorPotensi
from karier.people.models import Pegawai
from karier.rules import Placement, Sanction, TalentRuleSet, placement
from karier.rules.promotion import add_years
from karier.talent.models import AturanTalenta, HukumanDisiplin, PenempatanTalenta, PredikatTahunan
from karier.talent.ninebox.ruleset import ActiveRules, rules_from_snapshot, snapshot, to_rules

COLUMNS = [
    "pegawai_id",
    "tahun",
    "aturan_id",
    "kinerja",
    "potensial",
    "kotak",
    "skor_potensial",
    "dikecualikan",
    "alasan_pengecualian",
    "masukan",
    "penjelasan",
    "opd_id",
    "unit_id",
    "tugas_id",
    "dihitung_pada",
]
BATCH = 2000


def reference_date(tahun: int, today: dt.date | None = None) -> dt.date:
    return min(dt.date(tahun, 12, 31), today or timezone.localdate())


def components(jpm: Decimal | str, komponen: Mapping[str, Any] | None) -> dict[str, str]:
    """The potensial components a weighted rule set may use (see the module's choices)."""
    out = {"kompetensi": str(jpm)}
    for name, value in (komponen or {}).items():
        if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
            continue  # a competency's [assessed, required] pair: an input of the JPM, not a component
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            continue
        if number.is_finite():
            out[str(name)] = str(number)
    return out


def _predikat(ids: list[int], tahun: int) -> dict[int, list[dict[str, Any]]]:
    rows = (
        PredikatTahunan.objects.filter(pegawai_id__any=ids, tahun__lte=tahun)
        .exclude(rating_hasil_kerja="")
        .order_by("pegawai_id", "tahun")
        .values_list("pk", "pegawai_id", "tahun", "predikat", "rating_hasil_kerja", "evaluasi_id", "sumber")
    )
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for pk, pid, year, predikat, rating, evaluasi_id, sumber in rows.iterator(chunk_size=BATCH):
        out[pid].append(
            {
                "id": pk,
                "tahun": year,
                "predikat": predikat,
                "rating_hasil_kerja": rating,
                "evaluasi_id": evaluasi_id,
                "sumber": sumber,
            }
        )
    return {pid: rows[-2:] for pid, rows in out.items()}


def _assessments(ids: list[int]) -> dict[int, dict[str, Any]]:
    latest: dict[int, dict[str, Any]] = {}
    rows = (
        SkorPotensi.objects.filter(pegawai_id__any=ids)
        .order_by("pegawai_id", "-tanggal", "-pk")
        .values_list("pk", "pegawai_id", "tanggal", "jpm", "komponen", "sumber")
    )
    for pk, pid, tanggal, jpm, komponen, sumber in rows.iterator(chunk_size=BATCH):
        if pid not in latest:
            latest[pid] = {
                "id": pk,
                "tanggal": tanggal.isoformat(),
                "jpm": str(jpm),
                "komponen": komponen or {},
                "sumber": sumber,
            }
    return latest


def _sanctions(ids: list[int], since: dt.date, as_of: dt.date) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    rows = (
        HukumanDisiplin.objects.filter(pegawai_id__any=ids, tmt_mulai__gte=since, tmt_mulai__lte=as_of)
        .order_by("pegawai_id", "tmt_mulai", "pk")
        .values_list("pk", "pegawai_id", "jenis", "tingkat", "tmt_mulai", "nomor_sk")
    )
    for pk, pid, jenis, tingkat, tmt, nomor in rows:
        out[pid].append({"id": pk, "jenis": jenis, "tingkat": tingkat, "tmt_mulai": tmt.isoformat(), "nomor_sk": nomor})
    return out


def decide(masukan: Mapping[str, Any], rules: TalentRuleSet | None = None) -> Placement:
    """The placement the rule gives for stored inputs (what `place` stores, and what `reproduce` checks).
    `rules` is the rule set the snapshot `masukan["aturan"]` describes, when the caller built it already
    (`place` builds each rule set once per chunk, not once per person)."""
    rules = rules if rules is not None else rules_from_snapshot(masukan["aturan"])
    return placement(
        [p["rating_hasil_kerja"] for p in masukan["predikat"]],
        masukan["jpm"]["jpm"],
        masukan["komponen_potensial"],
        [Sanction(h["tingkat"], dt.date.fromisoformat(h["tmt_mulai"])) for h in masukan["hukuman"]],
        dt.date.fromisoformat(masukan["tanggal_acuan"]),
        rules,
    )


def reproduce(row: PenempatanTalenta) -> Placement:
    """Recompute a stored placement from its stored inputs and its stored rule set."""
    masukan = dict(row.masukan)
    masukan["aturan"] = snapshot(row.aturan)  # the rule set row itself, not only the copy in the inputs
    return decide(masukan)


def place(pegawai_ids: Sequence[int], tahun: int, tugas_id: int | None = None) -> int:
    """Place everyone in `pegawai_ids` for `tahun`; returns how many placements were written."""
    ids = sorted({int(i) for i in pegawai_ids})
    if not ids:
        return 0
    as_of = reference_date(tahun)
    active = ActiveRules.load()
    in_force = [a for a in (active.general, *active.by_opd.values()) if a is not None]
    snapshots: dict[int, dict[str, Any]] = {}
    built: dict[int, TalentRuleSet] = {}  # each rule set built once per chunk, not once per person
    for candidate in in_force:
        snap = snapshot(candidate)
        try:
            built[candidate.pk] = rules_from_snapshot(snap)
        except ValueError:  # a stored rule set the rule refuses places nobody
            continue
        snapshots[candidate.pk] = snap
    years = max([a.tahun_hukuman for a in in_force] or [2])
    people = list(Pegawai.objects.filter(pk__any=ids).values_list("pk", "opd_id", "unit_id"))
    predikat = _predikat(ids, tahun)
    assessed = _assessments(ids)
    sanctions = _sanctions(ids, add_years(as_of, -years), as_of)
    when = PenempatanTalenta._meta.get_field("dihitung_pada").get_db_prep_save(timezone.now(), connection)
    values: list[tuple[Any, ...]] = []  # rows for COLUMNS, straight to `bulk_insert` (no model instance)
    for pid, opd_id, unit_id in people:
        aturan: AturanTalenta | None = active.for_opd(opd_id)
        if aturan is None or aturan.pk not in built or pid not in predikat or pid not in assessed:
            continue
        jpm = assessed[pid]
        masukan = {
            "tanggal_acuan": as_of.isoformat(),
            "aturan": snapshots[aturan.pk],
            "predikat": predikat[pid],
            "jpm": jpm,
            "komponen_potensial": components(jpm["jpm"], jpm["komponen"]),
            "hukuman": sanctions.get(pid, []),
        }
        try:
            result = decide(masukan, built[aturan.pk])
        except ValueError:  # e.g. a component the rule set weighs is missing: not placed
            continue
        values.append(
            (
                pid,
                tahun,
                aturan.pk,
                result.kinerja.value,
                result.potensial.value,
                result.box,
                result.score,
                result.excluded,
                json.dumps(list(result.exclusions)),
                json.dumps(masukan),
                json.dumps(list(result.explanation)),
                opd_id,
                unit_id,
                tugas_id,
                when,
            )
        )
    with transaction.atomic():  # the chunk's rows of the year replaced at once (COPY on PostgreSQL)
        PenempatanTalenta.objects.filter(pegawai_id__any=ids, tahun=tahun).delete()
        bulk_insert(PenempatanTalenta, COLUMNS, values)
    return len(values)


def why_not_placed(pegawai_id: int, opd_id: int | None, tahun: int) -> list[str]:
    """The reasons a person has no placement for `tahun`, in the words the person page shows."""
    reasons: list[str] = []
    aturan = ActiveRules.load().for_opd(opd_id)
    if aturan is None:
        reasons.append(_("Belum ada aturan talenta yang aktif."))
    predikat = _predikat([pegawai_id], tahun).get(pegawai_id)
    if not predikat:
        reasons.append(_("Belum ada rating hasil kerja tahunan sampai tahun %(t)s.") % {"t": tahun})
    jpm = _assessments([pegawai_id]).get(pegawai_id)
    if jpm is None:
        reasons.append(_("Belum ada penilaian potensial (JPM hasil asesmen)."))
    if aturan is not None and predikat and jpm is not None:
        try:
            rules = to_rules(aturan)
            placement(
                [p["rating_hasil_kerja"] for p in predikat],
                jpm["jpm"],
                components(jpm["jpm"], jpm["komponen"]),
                [],
                reference_date(tahun),
                rules,
            )
        except ValueError as exc:
            reasons.append(str(exc))
        else:
            reasons.append(_("Penempatan tahun ini belum dihitung; akan dihitung pada perhitungan karier berikutnya."))
    return reasons
