"""Bulk creation of draft SKPs from position standards (issue #4, part 3).

A unit head, an agency head or a BKD admin creates, in one background run, a DRAFT plan (sumber
MASSAL) for every active employee with a definitive position in the scope who has no plan for the
year yet, pre-filled from the position's standard (StandarHasil → RHK + IKI, StandarPerilaku → the 7
BerAKHLAK expectations).

Cost: a fixed number of reads for the whole run (candidates, the position tree, holders of the
superior positions, standards, BerAKHLAK values) and a fixed number of statements per chunk of
`CHUNK` people (existing-plan re-check, then one bulk insert each for SKP, RHK, IKI and perilaku —
`karier.core.bulk.bulk_insert`: on PostgreSQL ids drawn from the sequences and rows streamed with COPY).
Nothing is saved row by row and no query runs per person; appraisers are resolved in memory by the
one resolver (`people.selectors.AppraiserTree`) from one read of `Jabatan.atasan_id` and one read of
the assignments in force on the reference date.

Each chunk is its own transaction: a run that stops half-way leaves whole plans only and is finished
by running it again (people who already have a plan are skipped — the run is idempotent).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.core import audit, numbers
from karier.core.bulk import analyze, bulk_insert
from karier.core.choices import JenisTugasLatar
from karier.core.jobs import job_start
from karier.core.models import TugasLatar
from karier.people.access import Actor
from karier.people.choices import JenisPenugasan
from karier.people.models import Penugasan, UnitKerja
from karier.people.selectors import AppraiserTree, active_on
from karier.plans.choices import JenisHasil, StatusSkp, SumberSkp
from karier.plans.models import (
    EkspektasiPerilaku,
    IndikatorKinerjaIndividu,
    RencanaHasilKerja,
    Skp,
    TahunKinerja,
)
from karier.standards.models import NilaiBerakhlak, StandarHasil, StandarPerilaku

CHUNK = 5_000
MAX_PEGAWAI_IDS = 10_000
TAHUN_MIN, TAHUN_MAX = 2000, 2100

Progress = Callable[[int, int], None]


@dataclass
class BulkResult:
    created: int = 0
    skipped: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    detik: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "skipped": self.skipped,
            "reasons": dict(self.reasons),
            "rows": dict(self.rows),
            "detik": round(self.detik, 3),
        }


@dataclass(frozen=True)
class BulkPreview:
    dalam_lingkup: int
    akan_dibuat: int
    sudah_punya_skp: int
    tanpa_standar: int


REASON_SUDAH_ADA = "sudah_punya_skp"
REASON_TANPA_STANDAR = "dibuat_tanpa_standar"  # created, but empty: the position has no standard yet
REASON_LABELS = {
    REASON_SUDAH_ADA: "sudah mempunyai SKP tahun ini (dilewati)",
    REASON_TANPA_STANDAR: "dibuat kosong karena jabatannya belum mempunyai standar",
}


# ---------------------------------------------------------------------------- who may run it
def bulk_roots(actor: Actor) -> list[UnitKerja] | None:
    """The units an actor may create plans for in bulk (with everything under them).

    None means the whole province (BKD admin). Agency heads get their agencies; the holder (also
    Plt/Plh) of a unit-head position gets that unit. Auditors and everyone else get nothing.
    """
    if actor.is_admin:
        return None
    if actor.user_id is None or not (actor.opd_ids or actor.jabatan_ids):
        return []
    return list(
        UnitKerja.objects.filter(
            Q(pk__in=actor.opd_ids) | Q(jabatan__pk__in=actor.jabatan_ids, jabatan__adalah_kepala_unit=True)
        )
        .distinct()
        .order_by("path")
    )


def _unit_allowed(roots: list[UnitKerja] | None, unit: UnitKerja) -> bool:
    return roots is None or any(unit.path.startswith(r.path) for r in roots)


# ---------------------------------------------------------------------------- scope
def reference_date(tahun: int, today: dt.date | None = None) -> dt.date:
    """The date positions and appraisers are read on: today, held inside the year."""
    d = today or timezone.localdate()
    return min(max(d, dt.date(tahun, 1, 1)), dt.date(tahun, 12, 31))


def _scope_assignments(d: dt.date, *, unit: UnitKerja | None, pegawai_ids: Sequence[int] | None) -> QuerySet[Penugasan]:
    qs = Penugasan.objects.filter(active_on(d), jenis=JenisPenugasan.DEFINITIF, pegawai__aktif=True)
    if unit is not None:
        qs = qs.filter(jabatan__unit__path__subtree=unit.path)
    if pegawai_ids is not None:
        qs = qs.filter(pegawai_id__in=list(pegawai_ids))
    return qs


def _validate(
    *, actor: Actor, tahun: int, unit_id: int | None, opd_id: int | None, pegawai_ids: Sequence[int] | None
) -> tuple[TahunKinerja | None, UnitKerja | None]:
    """Everything is checked before anything is written. Returns the year row (None when it does
    not exist yet) and the scope's root unit (None = the whole province)."""
    if not (TAHUN_MIN <= tahun <= TAHUN_MAX):
        raise ValidationError(
            {"tahun": _("Tahun harus antara %(min)s dan %(max)s.") % {"min": TAHUN_MIN, "max": TAHUN_MAX}}
        )
    if unit_id and opd_id:
        raise ValidationError({"unit": _("Pilih unit kerja atau perangkat daerah, tidak keduanya.")})
    if pegawai_ids is not None and len(pegawai_ids) > MAX_PEGAWAI_IDS:
        raise ValidationError(
            {"pegawai_ids": _("Paling banyak %(n)s pegawai sekaligus.") % {"n": numbers.angka(MAX_PEGAWAI_IDS)}}
        )
    tahun_row = TahunKinerja.objects.filter(pk=tahun).first()
    if tahun_row is not None and tahun_row.ditutup:
        raise ValidationError(
            {"tahun": _("Tahun kinerja %(tahun)s sudah ditutup; SKP baru tidak dapat dibuat.") % {"tahun": tahun}}
        )
    unit: UnitKerja | None = None
    root_id = unit_id or opd_id
    if root_id:
        unit = UnitKerja.objects.filter(pk=root_id).first()
        if unit is None:
            raise ValidationError({"unit": _("Unit kerja tidak ditemukan.")})
        if opd_id and unit.parent_id is not None:
            raise ValidationError({"opd": _("Yang dipilih bukan perangkat daerah.")})
    if actor.is_auditor and not actor.is_admin:
        raise ValidationError({"__all__": _("Auditor hanya dapat melihat data, tidak membuat SKP.")})
    roots = bulk_roots(actor)
    if roots is not None and (unit is None or not _unit_allowed(roots, unit)):
        raise ValidationError({"unit": _("Anda hanya dapat membuat SKP massal untuk unit yang Anda pimpin.")})
    return tahun_row, unit


def skp_bulk_preview(
    *,
    actor: Actor,
    tahun: int,
    unit_id: int | None = None,
    opd_id: int | None = None,
    pegawai_ids: Sequence[int] | None = None,
    today: dt.date | None = None,
) -> BulkPreview:
    """How many plans a run would create, in one aggregate query (after the checks)."""
    _, unit = _validate(actor=actor, tahun=tahun, unit_id=unit_id, opd_id=opd_id, pegawai_ids=pegawai_ids)
    d = reference_date(tahun, today)
    has_plan = Skp.objects.filter(pegawai_id=OuterRef("pegawai_id"), tahun_id=tahun)
    has_std = StandarHasil.objects.filter(standar__jabatan_id=OuterRef("jabatan_id"))
    agg = (
        _scope_assignments(d, unit=unit, pegawai_ids=pegawai_ids)
        .annotate(punya=Exists(has_plan), std=Exists(has_std))
        .aggregate(
            n=Count("pegawai_id", distinct=True),
            punya_n=Count("pegawai_id", distinct=True, filter=Q(punya=True)),
            tanpa_std=Count("pegawai_id", distinct=True, filter=Q(punya=False, std=False)),
        )
    )
    return BulkPreview(
        dalam_lingkup=agg["n"],
        akan_dibuat=agg["n"] - agg["punya_n"],
        sudah_punya_skp=agg["punya_n"],
        tanpa_standar=agg["tanpa_std"],
    )


# ---------------------------------------------------------------------------- in-memory helpers
@dataclass(frozen=True)
class _Candidate:
    pegawai_id: int
    jabatan_id: int
    unit_id: int
    mulai: dt.date
    selesai: dt.date | None


@dataclass
class _RhkTemplate:
    teks: str
    dimensi: str
    standar_hasil_id: int
    indikator_opd_id: int | None
    iki: list[tuple[str, str, Decimal | None, str, str]] = field(default_factory=list)


def _load_templates(scope: QuerySet[Penugasan]) -> tuple[dict[int, list[_RhkTemplate]], dict[int, dict[str, str]]]:
    """Standards of the positions in scope: results grouped into RHK (rows with the same RHK text
    become one RHK with several IKI, e.g. kuantitas + kualitas + waktu) and perilaku by value."""
    jabatan_ids = scope.values("jabatan_id")
    hasil: dict[int, list[_RhkTemplate]] = defaultdict(list)
    by_text: dict[tuple[int, str], _RhkTemplate] = {}
    rows = (
        StandarHasil.objects.filter(standar__jabatan_id__in=jabatan_ids)
        .order_by("standar__jabatan_id", "urutan", "id")
        .values_list(
            "standar__jabatan_id",
            "id",
            "rhk",
            "dimensi",
            "indikator_opd_id",
            "aspek",
            "indikator",
            "target_angka",
            "satuan",
            "target_kualitatif",
        )
    )
    for jabatan_id, sh_id, rhk, dimensi, ind_opd, aspek, indikator, angka, satuan, kualitatif in rows:
        key = (jabatan_id, rhk.strip())
        tpl = by_text.get(key)
        if tpl is None:
            tpl = by_text[key] = _RhkTemplate(rhk.strip(), dimensi, sh_id, ind_opd)
            hasil[jabatan_id].append(tpl)
        elif tpl.indikator_opd_id is None:
            tpl.indikator_opd_id = ind_opd
        tpl.iki.append((aspek, indikator, angka, satuan, kualitatif))
    perilaku: dict[int, dict[str, str]] = defaultdict(dict)
    for jabatan_id, nilai_id, ekspektasi in StandarPerilaku.objects.filter(
        standar__jabatan_id__in=jabatan_ids
    ).values_list("standar__jabatan_id", "nilai_id", "ekspektasi"):
        perilaku[jabatan_id][nilai_id] = ekspektasi
    return hasil, perilaku


def _chunks(items: Sequence[_Candidate], size: int) -> Iterable[Sequence[_Candidate]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


# ---------------------------------------------------------------------------- the run
def skp_bulk_create(
    *,
    actor: Actor,
    tahun: int,
    unit_id: int | None = None,
    opd_id: int | None = None,
    pegawai_ids: Sequence[int] | None = None,
    job_id: int | None = None,
    chunk_size: int = CHUNK,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> BulkResult:
    """Create DRAFT plans (sumber MASSAL) for everyone in scope without a plan for `tahun`.

    The actor's rights are checked (BKD admin and `SYSTEM`, for the management command: anywhere;
    agency head: his agencies; unit head: his units). Refuses a closed year.
    """
    started = time.perf_counter()
    tahun_row, unit = _validate(actor=actor, tahun=tahun, unit_id=unit_id, opd_id=opd_id, pegawai_ids=pegawai_ids)
    if tahun_row is None:
        # Planning may start before anyone opened the year: open it with the regulation's default
        # deadline (end of January), which the BKD admin can change.
        tahun_row, _ = TahunKinerja.objects.get_or_create(
            pk=tahun, defaults={"batas_penetapan_skp": dt.date(tahun, 1, 31)}
        )
    d = reference_date(tahun, today)
    jan1, dec31 = dt.date(tahun, 1, 1), dt.date(tahun, 12, 31)

    scope = _scope_assignments(d, unit=unit, pegawai_ids=pegawai_ids)
    has_plan = Skp.objects.filter(pegawai_id=OuterRef("pegawai_id"), tahun_id=tahun)
    rows = (
        scope.annotate(punya=Exists(has_plan))
        .order_by("pegawai_id", "-mulai", "-id")
        .values_list("pegawai_id", "jabatan_id", "jabatan__unit_id", "mulai", "selesai", "punya")
    )
    candidates: list[_Candidate] = []
    skipped = 0
    last = None
    for pegawai_id, jabatan_id, unit_pk, mulai, selesai, punya in rows:
        if pegawai_id == last:  # two definitive positions on one date: the latest appointment wins
            continue
        last = pegawai_id
        if punya:
            skipped += 1
        else:
            candidates.append(_Candidate(pegawai_id, jabatan_id, unit_pk, mulai, selesai))
    total = len(candidates)
    if progress:
        progress(0, total)

    result = BulkResult(skipped=skipped, rows={"skp": 0, "rhk": 0, "iki": 0, "perilaku": 0})
    if candidates:
        appraisers = AppraiserTree(d)
        templates, perilaku = _load_templates(scope)
        nilai = list(NilaiBerakhlak.objects.order_by("urutan").values_list("kode", flat=True))
        tanpa_standar = 0
        done = 0
        for chunk in _chunks(candidates, chunk_size):
            n_new, n_empty = _write_chunk(
                chunk,
                tahun=tahun,
                jan1=jan1,
                dec31=dec31,
                appraisers=appraisers,
                templates=templates,
                perilaku=perilaku,
                nilai=nilai,
                rows=result.rows,
            )
            result.created += n_new
            result.skipped += len(chunk) - n_new  # created meanwhile by someone else
            tanpa_standar += n_empty
            done += len(chunk)
            if progress:
                progress(done, total)
        if tanpa_standar:
            result.reasons[REASON_TANPA_STANDAR] = tanpa_standar
    if result.skipped:
        result.reasons[REASON_SUDAH_ADA] = result.skipped
    if result.created:
        analyze(Skp, RencanaHasilKerja, IndikatorKinerjaIndividu, EkspektasiPerilaku)
    result.detik = time.perf_counter() - started

    job = TugasLatar.objects.filter(pk=job_id).first() if job_id else None
    scope_label = f"unit {unit.nama}" if unit else "seluruh provinsi"
    audit.record(
        actor=actor,
        action="skp.bulk_create",
        obj=job or tahun_row,
        summary=f"SKP massal {tahun} ({scope_label}): {result.created} dibuat, {result.skipped} dilewati",
        changes={
            "tahun": tahun,
            "unit_id": unit.pk if unit else None,
            "pegawai_ids": len(pegawai_ids) if pegawai_ids is not None else None,
            **result.as_dict(),
        },
    )
    return result


SKP_COLUMNS = (
    "pegawai_id",
    "tahun_id",
    "periode_mulai",
    "periode_selesai",
    "jabatan_id",
    "unit_id",
    "penilai_id",
    "penilai_jabatan_id",
    "status",
    "sumber",
)
RHK_COLUMNS = ("skp_id", "jenis", "urutan", "teks", "dimensi", "standar_hasil_id", "indikator_opd_id")
IKI_COLUMNS = ("rhk_id", "urutan", "aspek", "indikator", "target_angka", "satuan", "target_kualitatif")
PERILAKU_COLUMNS = ("skp_id", "nilai_id", "ekspektasi_khusus")


def _write_chunk(
    chunk: Sequence[_Candidate],
    *,
    tahun: int,
    jan1: dt.date,
    dec31: dt.date,
    appraisers: AppraiserTree,
    templates: dict[int, list[_RhkTemplate]],
    perilaku: dict[int, dict[str, str]],
    nilai: list[str],
    rows: dict[str, int],
) -> tuple[int, int]:
    with transaction.atomic():
        # Re-check inside the transaction (another run may have covered some people); the chunk is
        # sorted by pegawai id, so a range query serves it without a long IN list.
        lo, hi = chunk[0].pegawai_id, chunk[-1].pegawai_id
        exists = set(
            Skp.objects.filter(tahun_id=tahun, pegawai_id__gte=lo, pegawai_id__lte=hi).values_list(
                "pegawai_id", flat=True
            )
        )
        todo = [c for c in chunk if c.pegawai_id not in exists]
        if not todo:
            return 0, 0
        skp_rows = []
        resolved = appraisers.resolve_many({c.pegawai_id: c.jabatan_id for c in todo})
        for c in todo:
            penilai_id, penilai_jabatan_id = resolved.get(c.pegawai_id, (None, None))
            skp_rows.append(
                (
                    c.pegawai_id,
                    tahun,
                    max(jan1, c.mulai),
                    min(dec31, c.selesai or dec31),
                    c.jabatan_id,
                    c.unit_id,
                    penilai_id,
                    penilai_jabatan_id,
                    StatusSkp.DRAFT.value,
                    SumberSkp.MASSAL.value,
                )
            )
        skp_ids = bulk_insert(Skp, SKP_COLUMNS, skp_rows, ids=True)

        written = write_plan_rows(
            [(skp_id, c.jabatan_id) for c, skp_id in zip(todo, skp_ids, strict=True)], templates, perilaku, nilai
        )
    rows["skp"] += len(skp_rows)
    rows["rhk"] += written.rhk
    rows["iki"] += written.iki
    rows["perilaku"] += written.perilaku
    return len(skp_rows), written.empty


@dataclass(frozen=True)
class PlanRows:
    """What `write_plan_rows` inserted."""

    rhk: int
    iki: int
    perilaku: int
    empty: int  # plans whose position has no standard yet
    # Each indicator as (plan id, indicator id, aspect, numeric target), when asked for.
    indicators: list[tuple[int, int, str, Decimal | None]]


def write_plan_rows(
    plans: Sequence[tuple[int, int]],
    templates: dict[int, list[_RhkTemplate]],
    perilaku: dict[int, dict[str, str]],
    nilai: list[str],
    *,
    indicators: bool = False,
) -> PlanRows:
    """The rows of new plans — (plan id, position id) each — from their positions' standards
    (`_load_templates`): RHK utama with their IKI, and an expectation per BerAKHLAK value, one insert
    each. The one way a plan is filled in bulk (`skp-bulk`, and the demo's past years, which ask for
    `indicators` to write their realisations)."""
    rhk_rows: list[tuple[Any, ...]] = []
    rhk_tpls: list[_RhkTemplate] = []
    perilaku_rows: list[tuple[Any, ...]] = []
    empty = 0
    for skp_id, jabatan_id in plans:
        tpls = templates.get(jabatan_id, ())
        if not tpls:
            empty += 1
        for i, t in enumerate(tpls, start=1):
            rhk_rows.append(
                (skp_id, JenisHasil.UTAMA.value, i, t.teks, t.dimensi, t.standar_hasil_id, t.indikator_opd_id)
            )
            rhk_tpls.append(t)
        expected = perilaku.get(jabatan_id, {})
        perilaku_rows.extend((skp_id, k, expected.get(k, "")) for k in nilai)
    rhk_ids = bulk_insert(RencanaHasilKerja, RHK_COLUMNS, rhk_rows, ids=True)
    iki_rows = [
        (rhk_id, j, aspek, indikator, angka, satuan, kualitatif)
        for rhk_id, t in zip(rhk_ids, rhk_tpls, strict=True)
        for j, (aspek, indikator, angka, satuan, kualitatif) in enumerate(t.iki, start=1)
    ]
    iki_ids = bulk_insert(IndikatorKinerjaIndividu, IKI_COLUMNS, iki_rows, ids=indicators)
    bulk_insert(EkspektasiPerilaku, PERILAKU_COLUMNS, perilaku_rows, ids=False)
    written: list[tuple[int, int, str, Decimal | None]] = []
    if indicators:
        skp_of_rhk = {rhk_id: row[0] for rhk_id, row in zip(rhk_ids, rhk_rows, strict=True)}
        written = [(skp_of_rhk[row[0]], iki_id, row[2], row[4]) for iki_id, row in zip(iki_ids, iki_rows, strict=True)]
    return PlanRows(len(rhk_rows), len(iki_rows), len(perilaku_rows), empty, written)


# ---------------------------------------------------------------------------- the job
def skp_bulk_start(*, actor: Actor, tahun: int, unit_id: int | None = None, opd_id: int | None = None) -> TugasLatar:
    """Check the request, record a job and enqueue the task after commit (it takes the job id only)."""
    _validate(actor=actor, tahun=tahun, unit_id=unit_id, opd_id=opd_id, pegawai_ids=None)
    from karier.plans.tasks import skp_bulk_task

    return job_start(
        actor=actor,
        jenis=JenisTugasLatar.SKP_MASSAL,
        parameter={"tahun": tahun, "unit_id": unit_id, "opd_id": opd_id},
        task=skp_bulk_task,
    )
