"""Set-based angka kredit for the recompute job (issue #12 §3; contract in the talent brief).

Karier acting, no actor: a fixed number of queries per chunk of ids whatever its size, idempotent
(running twice gives the same rows), never a per-row service. `post_credit` turns each functional
employee's annual (or part-year) predikat into a PREDIKAT entry with the exact fraction of
`karier.rules.credit_fraction`; `rebuild_status` folds each person's ledger (`ledger.fold_ledger`,
on plain rows, no model instances) into their StatusAngkaKredit row with the projection of
`karier.rules.credit_projection`. The services call `rebuild_status` for the one person they changed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any, NamedTuple

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from karier.core.bulk import bulk_insert
from karier.people.choices import JenisJabatan
from karier.people.models import Golongan, Pegawai
from karier.rules.career import Projection, credit_fraction, credit_projection, fraction_to_decimal
from karier.talent.credit.ledger import PersonLedger, fold_ledger, to_columns
from karier.talent.models import EntriAngkaKredit, JenisEntriAk, PredikatTahunan, StatusAngkaKredit

__all__ = ["functional_people", "functional_rows", "post_credit", "rebuild_status", "status_values"]

_PLACES = Decimal("0.0001")
_BATCH = 1000


def dec4(value: Fraction) -> Decimal:
    """A display copy for the Decimal(12, 4) columns (the exact value stays in the fraction)."""
    return fraction_to_decimal(value).quantize(_PLACES, rounding=ROUND_HALF_UP)


def _functional(pegawai_ids: Sequence[int]) -> QuerySet[Pegawai]:
    """The employees among the ids in a functional position with a golongan (who have angka kredit)."""
    return Pegawai.objects.filter(
        pk__any=list(pegawai_ids), jabatan__jenis=JenisJabatan.FUNGSIONAL, golongan__isnull=False
    ).order_by("pk")


def functional_people(pegawai_ids: Sequence[int]) -> list[Pegawai]:
    """The functional employees among the ids (one query), with what the ledger reads."""
    return list(_functional(pegawai_ids).select_related("jabatan__jabatan_fungsional", "golongan"))


class Functional(NamedTuple):
    """What the two steps read of a functional employee, as plain values (no model instance)."""

    pk: int
    golongan_id: int
    golongan: str  # the code, "III/a"
    jenjang: str | None  # as `ledger.functional_jenjang` gives it: the position's, else its JF's


def functional_rows(pegawai_ids: Sequence[int]) -> list[Functional]:
    """`functional_people` as plain rows (one query): the recompute job folds a province, and building
    two model instances per person was a tenth of the credit steps' time."""
    rows = _functional(pegawai_ids).values_list(
        "pk", "golongan_id", "golongan__kode", "jabatan__jenjang", "jabatan__jabatan_fungsional__jenjang"
    )
    return [Functional(pk, gol, kode, (jenjang or jf_jenjang or None)) for pk, gol, kode, jenjang, jf_jenjang in rows]


class EntryRow(NamedTuple):
    """An EntriAngkaKredit's columns that `ledger.fold_ledger` reads, as plain values."""

    pk: int
    pegawai_id: int
    jenis: str
    tahun: int
    bulan: int
    jenjang: str
    predikat: str
    pembilang: int
    penyebut: int


def entry_rows(pegawai_ids: Sequence[int]) -> dict[int, list[EntryRow]]:
    """{person: their ledger entries as plain rows} (one query)."""
    entries: dict[int, list[EntryRow]] = defaultdict(list)
    for row in (
        EntriAngkaKredit.objects.filter(pegawai_id__any=list(pegawai_ids))
        .order_by("tahun", "pk")
        .values_list(*EntryRow._fields)
    ):
        entries[row[1]].append(EntryRow(*row))
    return entries


_ENTRI_COLUMNS = (
    "pegawai_id",
    "jenis",
    "tahun",
    "bulan",
    "jenjang",
    "golongan_id",
    "predikat",
    "pembilang",
    "penyebut",
    "predikat_tahunan_id",
    "keterangan",
    "dicatat_pada",
)


def post_credit(pegawai_ids: Sequence[int], tahun: int) -> int:
    """A PREDIKAT entry per PredikatTahunan of `tahun` for the functional employees among the ids,
    skipping those already posted. Three queries (people, predikat, existing) and one insert. The entry
    takes the person's jenjang and golongan at posting time (the job runs right after the period
    closes, so that is the year's); an entry once posted is not rewritten (a PAK may rest on it)."""
    people = {p.pk: p for p in functional_rows(pegawai_ids)}
    if not people:
        return 0
    posted = set(
        EntriAngkaKredit.objects.filter(
            pegawai_id__any=list(people), tahun=tahun, jenis=JenisEntriAk.PREDIKAT
        ).values_list("pegawai_id", flat=True)
    )
    now = EntriAngkaKredit._meta.get_field("dicatat_pada").get_db_prep_save(timezone.now(), connection)
    rows: list[tuple[object, ...]] = []
    unposted = [pk for pk in people if pk not in posted]
    for pt_id, pegawai_id, predikat, bulan in (
        PredikatTahunan.objects.filter(pegawai_id__any=unposted, tahun=tahun)
        .exclude(predikat="")
        .order_by("pegawai_id")
        .values_list("pk", "pegawai_id", "predikat", "bulan")
    ):
        pegawai = people[pegawai_id]
        jenjang = pegawai.jenjang
        if jenjang is None:
            continue
        pembilang, penyebut = to_columns(_credit(jenjang, predikat, bulan))
        kind = (pegawai_id, JenisEntriAk.PREDIKAT.value, tahun, bulan, jenjang, pegawai.golongan_id)
        rows.append((*kind, predikat, pembilang, penyebut, pt_id, "", now))
    bulk_insert(EntriAngkaKredit, _ENTRI_COLUMNS, rows)  # COPY on PostgreSQL
    return len(rows)


def status_values(
    p: Functional, ledger: PersonLedger[Any], as_of: date, golongan_ids: dict[str, int]
) -> tuple[Any, ...]:
    """The StatusAngkaKredit a folded ledger gives, as the values of `_COLUMNS` before `dihitung_pada`."""
    step = ledger.next_step
    projection = _projection(ledger.jenjang, ledger.golongan, ledger.held, as_of) if step else None
    return (
        p.pk,
        ledger.jenjang,
        p.golongan_id,
        *to_columns(ledger.held),
        dec4(ledger.held),
        dec4(ledger.total),
        step.kind if step else "",
        golongan_ids.get(step.golongan) if step else None,
        step.jenjang.value if step else "",
        Decimal(step.need) if step else None,
        dec4(ledger.shortfall) if ledger.shortfall is not None else None,
        projection.month_reached if projection else None,
    )


@lru_cache(maxsize=1024)
def _credit(jenjang: str, predikat: str, bulan: int) -> Fraction:
    """`credit_fraction`, cached: a few dozen (jenjang, predikat, months) in a whole province."""
    return credit_fraction(jenjang, predikat, bulan)


@lru_cache(maxsize=16384)
def _projection(jenjang: str, golongan: str, held: Fraction, as_of: date) -> Projection | None:
    """`credit_projection`, cached: it is pure, and many people share its inputs (the same jenjang,
    golongan and balance: those just appointed or promoted, the same run of predikat)."""
    return credit_projection(jenjang, golongan, held, as_of)


_COLUMNS = [
    "pegawai_id",
    "jenjang",
    "golongan_id",
    "saldo_pembilang",
    "saldo_penyebut",
    "saldo",
    "total",
    "langkah_berikut",
    "golongan_berikut_id",
    "jenjang_berikut",
    "kebutuhan",
    "kekurangan",
    "proyeksi_bulan",
    "dihitung_pada",
]


def rebuild_status(pegawai_ids: Sequence[int], as_of: date) -> int:
    """Rewrite the StatusAngkaKredit rows of the ids: one per functional employee whose golongan fits
    the jenjang; the rows of anyone else among the ids (no longer functional) are removed.
    Queries: people, entries, golongan codes, then one delete and one insert (COPY on PostgreSQL)."""
    ids = list(pegawai_ids)
    people = functional_rows(ids)
    entries = entry_rows([p.pk for p in people])
    golongan_ids = dict(Golongan.objects.values_list("kode", "pk"))
    now = StatusAngkaKredit._meta.get_field("dihitung_pada").get_db_prep_save(timezone.now(), connection)
    rows = []
    for p in people:
        ledger = fold_ledger(p.jenjang, p.golongan, entries[p.pk]) if p.jenjang else None
        if ledger is not None:
            rows.append((*status_values(p, ledger, as_of, golongan_ids), now))
    with transaction.atomic():  # the chunk's rows replaced at once: readers see the old or the new
        StatusAngkaKredit.objects.filter(pegawai_id__any=ids).delete()
        bulk_insert(StatusAngkaKredit, _COLUMNS, rows)
    return len(rows)
