"""Succession candidates, computed set-based (issue #12 item 5).

Called once by the recompute job after every chunk is placed (contract in the talent brief), and by
`jabatan_kritikal_set` for the one position it changed. Karier acts here, not a person: no actor, no
audit per row. A fixed number of queries whatever the number of positions or people: the positions
with their competency requirements (3), their holders (1), the talent pool with each person's latest
placement, position, golongan and rule set (1), the pool's competency levels in force (1), then one
delete and one insert per call (`core.bulk.bulk_insert`: COPY on PostgreSQL).

The rules (ours; the regulation sets none) live in `karier.rules.succession`: who is kept
(`is_candidate`: eligible, or "nearly meets" — shown as not eligible with the reason), their
readiness (`candidate_readiness`: never "Siap sekarang" with a hard requirement failed) and how many
are stored per position (`MAKS_KANDIDAT`, the best ones).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from karier.core.bulk import bulk_insert
from karier.development.competency.selectors import current_assessments
from karier.people.choices import JenisJabatan
from karier.people.models import Pegawai
from karier.people.selectors import holders_on
from karier.rules.career import (
    MAKS_KANDIDAT,
    Fit,
    Readiness,
    ReadinessCutoffs,
    Requirement,
    candidate_readiness,
    competency_requirement,
    education_requirement,
    golongan_requirement,
    is_candidate,
    jenis_jabatan_requirement,
    jenjang_requirement,
    succession_fit,
    years_requirement,
)
from karier.rules.talent import SUCCESSION_BOXES
from karier.talent.models import (
    AturanTalenta,
    JabatanKritikal,
    KandidatSuksesi,
    PenempatanTalenta,
    SyaratKompetensiKritikal,
)

COLUMNS = (
    "jabatan_kritikal_id",
    "pegawai_id",
    "kotak",
    "persen_kesesuaian",
    "kesiapan",
    "memenuhi_syarat",
    "alasan",
    "kesenjangan",
    "peringkat",
    "dihitung_pada",
)


def latest_placements() -> QuerySet[PenempatanTalenta]:
    """Each person's latest placement (by year), whatever its box — one correlated subquery."""
    newest = PenempatanTalenta.objects.filter(pegawai_id=OuterRef("pegawai_id")).order_by("-tahun").values("tahun")[:1]
    return PenempatanTalenta.objects.filter(tahun=Subquery(newest))


def talent_pool() -> QuerySet[PenempatanTalenta]:
    """Active people whose latest placement is in boxes 7–9 and who are not excluded by a sanction."""
    return latest_placements().filter(kotak__in=SUCCESSION_BOXES, dikecualikan=False, pegawai__aktif=True)


def years_of_service(tmt_cpns: dt.date | None, as_of: dt.date) -> Decimal | None:
    """Completed months since TMT CPNS, in years (masa kerja); None when not recorded."""
    if tmt_cpns is None:
        return None
    months = (as_of.year - tmt_cpns.year) * 12 + as_of.month - tmt_cpns.month - (as_of.day < tmt_cpns.day)
    return Decimal(max(months, 0)) / 12


def requirements_for(
    kritikal: JabatanKritikal,
    syarat: Sequence[SyaratKompetensiKritikal],
    pegawai: Pegawai,
    levels: Mapping[int, int],
    as_of: dt.date,
) -> list[Requirement]:
    """The key position's requirements checked against one person, through `karier.rules`."""
    jabatan = pegawai.jabatan
    out: list[Requirement] = []
    if kritikal.jenis_jabatan:
        out.append(jenis_jabatan_requirement(jabatan.jenis if jabatan else None, kritikal.jenis_jabatan))
    if kritikal.jenjang_minimal:
        functional = jabatan is not None and jabatan.jenis == JenisJabatan.FUNGSIONAL and jabatan.jenjang
        out.append(jenjang_requirement(jabatan.jenjang if functional and jabatan else None, kritikal.jenjang_minimal))
    if kritikal.golongan_minimal_id is not None and kritikal.golongan_minimal is not None:
        kode = pegawai.golongan.kode if pegawai.golongan else None
        out.append(golongan_requirement(kode, kritikal.golongan_minimal.kode))
    if kritikal.pendidikan_minimal:
        out.append(education_requirement(pegawai.pendidikan or None, kritikal.pendidikan_minimal))
    if kritikal.masa_kerja_minimal:
        out.append(years_requirement(years_of_service(pegawai.tmt_cpns, as_of), kritikal.masa_kerja_minimal))
    for s in syarat:
        out.append(competency_requirement(s.kompetensi.kode, s.kompetensi.nama, levels.get(s.kompetensi_id), s.level))
    return out


def gap_rows(fit: Fit, requirements: Iterable[Requirement]) -> list[dict[str, Any]]:
    """Every unmet requirement as stored (`kesenjangan`): competency gaps carry their code so the
    screen links them to the person's development recommendations."""
    rows = []
    for r in requirements:
        if r.met:
            continue
        kode = r.key.split(":", 1)[1] if r.key.startswith("kompetensi:") else ""
        rows.append(
            {
                "kunci": r.key,
                "label": r.label,
                "disyaratkan": r.required,
                "tercatat": r.actual,
                "wajib": r.hard,
                "kurang_level": r.gap_levels,
                "kompetensi_kode": kode,
            }
        )
    return rows


@dataclass(frozen=True)
class Hasil:
    """One person measured against one key position."""

    placement: PenempatanTalenta
    fit: Fit
    kesiapan: Readiness
    kesenjangan: list[dict[str, Any]]


def _cutoffs(aturan: AturanTalenta, memo: dict[int, ReadinessCutoffs]) -> ReadinessCutoffs:
    if aturan.pk not in memo:
        memo[aturan.pk] = ReadinessCutoffs(aturan.kesiapan_sekarang, aturan.kesiapan_1_2_tahun)
    return memo[aturan.pk]


def measure(
    kritikal: JabatanKritikal,
    syarat: Sequence[SyaratKompetensiKritikal],
    placement: PenempatanTalenta,
    levels: Mapping[int, int],
    as_of: dt.date,
    memo: dict[int, ReadinessCutoffs],
) -> Hasil:
    reqs = requirements_for(kritikal, syarat, placement.pegawai, levels, as_of)
    fit = succession_fit(reqs)
    return Hasil(placement, fit, candidate_readiness(fit, _cutoffs(placement.aturan, memo)), gap_rows(fit, reqs))


def rank(hasil: Iterable[Hasil]) -> list[Hasil]:
    """Eligible first, then fit (high first), then box (high first); ties by name then id."""
    return sorted(
        hasil,
        key=lambda h: (
            not h.fit.eligible,
            -h.fit.percent,
            -h.placement.kotak,
            h.placement.pegawai.nama,
            h.placement.pegawai_id,
        ),
    )


def recompute_candidates(jabatan_kritikal_ids: Sequence[int] | None = None) -> int:
    """Replace the candidates of the given active key positions (all when None); returns how many
    candidates were stored. Idempotent: running twice gives the same rows."""
    now = timezone.now()
    today = timezone.localdate()
    positions_qs = JabatanKritikal.objects.filter(aktif=True).select_related("jabatan", "golongan_minimal")
    if jabatan_kritikal_ids is not None:
        positions_qs = positions_qs.filter(pk__in=list(jabatan_kritikal_ids))
    positions = list(
        positions_qs.prefetch_related(
            Prefetch("syarat_kompetensi", queryset=SyaratKompetensiKritikal.objects.select_related("kompetensi"))
        )
    )
    holders = holders_on({k.jabatan_id for k in positions}, today)
    pool_qs = talent_pool().select_related("pegawai__jabatan", "pegawai__golongan", "aturan")
    pool = list(pool_qs) if positions else []
    needed = {s.kompetensi_id for k in positions for s in k.syarat_kompetensi.all()}
    levels: dict[int, dict[int, int]] = defaultdict(dict)
    if pool and needed:
        rows = current_assessments(talent_pool().values("pegawai_id")).filter(kompetensi_id__in=needed)
        for pegawai_id, kompetensi_id, level in rows.values_list("pegawai_id", "kompetensi_id", "level"):
            levels[pegawai_id][kompetensi_id] = level
    memo: dict[int, ReadinessCutoffs] = {}
    stamp = KandidatSuksesi._meta.get_field("dihitung_pada").get_db_prep_save(now, connection)
    new_rows: list[tuple[Any, ...]] = []
    for k in positions:
        syarat = list(k.syarat_kompetensi.all())
        cover = holders.get(k.jabatan_id)
        holder_id = cover.pegawai_id if cover else None
        kept = []
        for p in pool:
            if p.pegawai_id == holder_id or p.pegawai.jabatan_id == k.jabatan_id:
                continue
            h = measure(k, syarat, p, levels.get(p.pegawai_id, {}), today, memo)
            if is_candidate(h.fit):
                kept.append(h)
        for n, h in enumerate(rank(kept)[:MAKS_KANDIDAT], start=1):
            new_rows.append(
                (
                    k.pk,
                    h.placement.pegawai_id,
                    h.placement.kotak,
                    h.fit.percent,
                    h.kesiapan.value,
                    h.fit.eligible,
                    json.dumps(list(h.fit.hard_failures)),
                    json.dumps(h.kesenjangan),
                    n,
                    stamp,
                )
            )
    with transaction.atomic():
        stale = KandidatSuksesi.objects.all()
        if jabatan_kritikal_ids is not None:
            stale = stale.filter(jabatan_kritikal_id__in=list(jabatan_kritikal_ids))
        stale.delete()
        bulk_insert(KandidatSuksesi, COLUMNS, new_rows)  # one statement (COPY on PostgreSQL)
    return len(new_rows)
