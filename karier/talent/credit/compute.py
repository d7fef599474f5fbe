"""Set-based angka kredit for the recompute job (issue #12 §3; contract in the talent brief).

Karier acting, no actor: a fixed number of queries per chunk of ids whatever its size, idempotent
(running twice gives the same rows), never a per-row service. `post_credit` turns each functional
employee's annual (or part-year) predikat into a PREDIKAT entry with the exact fraction of
`karier.rules.credit_fraction`; `rebuild_status` folds each person's ledger (`ledger.fold_ledger`,
which runs `karier.rules.credit_ledger`) into their StatusAngkaKredit row with the projection of
`karier.rules.credit_projection`. The services call `rebuild_status` for the one person they changed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db import connection, transaction
from django.utils import timezone

from karier.core.bulk import bulk_insert
from karier.people.choices import JenisJabatan
from karier.people.models import Golongan, Pegawai
from karier.rules.career import credit_fraction, credit_projection, fraction_to_decimal
from karier.talent.credit.ledger import PersonLedger, fold_ledger, functional_jenjang, golongan_kode, to_columns
from karier.talent.models import EntriAngkaKredit, JenisEntriAk, PredikatTahunan, StatusAngkaKredit

__all__ = ["functional_people", "post_credit", "rebuild_status", "status_row"]

_PLACES = Decimal("0.0001")
_BATCH = 1000


def dec4(value: Fraction) -> Decimal:
    """A display copy for the Decimal(12, 4) columns (the exact value stays in the fraction)."""
    return fraction_to_decimal(value).quantize(_PLACES, rounding=ROUND_HALF_UP)


def functional_people(pegawai_ids: Sequence[int]) -> list[Pegawai]:
    """The functional employees among the ids (one query), with what the ledger reads."""
    return list(
        Pegawai.objects.filter(pk__in=list(pegawai_ids), jabatan__jenis=JenisJabatan.FUNGSIONAL, golongan__isnull=False)
        .select_related("jabatan__jabatan_fungsional", "golongan")
        .order_by("pk")
    )


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
    people = {p.pk: p for p in functional_people(pegawai_ids)}
    if not people:
        return 0
    posted = set(
        EntriAngkaKredit.objects.filter(
            pegawai_id__in=list(people), tahun=tahun, jenis=JenisEntriAk.PREDIKAT
        ).values_list("pegawai_id", flat=True)
    )
    now = EntriAngkaKredit._meta.get_field("dicatat_pada").get_db_prep_save(timezone.now(), connection)
    rows: list[tuple[object, ...]] = []
    for pt in PredikatTahunan.objects.filter(pegawai_id__in=list(people), tahun=tahun).order_by("pegawai_id"):
        pegawai = people[pt.pegawai_id]
        jenjang = functional_jenjang(pegawai)
        if pt.pegawai_id in posted or jenjang is None or not pt.predikat or pegawai.golongan_id is None:
            continue
        pembilang, penyebut = to_columns(credit_fraction(jenjang, pt.predikat, pt.bulan))
        kind = (pt.pegawai_id, JenisEntriAk.PREDIKAT.value, tahun, pt.bulan, jenjang, pegawai.golongan_id)
        rows.append((*kind, pt.predikat, pembilang, penyebut, pt.pk, "", now))
    bulk_insert(EntriAngkaKredit, _ENTRI_COLUMNS, rows)  # COPY on PostgreSQL
    return len(rows)


def status_row(
    pegawai: Pegawai, ledger: PersonLedger, as_of: date, golongan_ids: dict[str, int], now: datetime
) -> StatusAngkaKredit:
    """The StatusAngkaKredit a folded ledger gives (not saved)."""
    assert pegawai.golongan_id is not None  # functional_people only holds people with a golongan
    step = ledger.next_step
    projection = credit_projection(ledger.jenjang, ledger.golongan, ledger.held, as_of) if step else None
    return StatusAngkaKredit(
        pegawai_id=pegawai.pk,
        jenjang=ledger.jenjang,
        golongan_id=pegawai.golongan_id,
        saldo_pembilang=to_columns(ledger.held)[0],
        saldo_penyebut=to_columns(ledger.held)[1],
        saldo=dec4(ledger.held),
        total=dec4(ledger.total),
        langkah_berikut=step.kind if step else "",
        golongan_berikut_id=golongan_ids.get(step.golongan) if step else None,
        jenjang_berikut=step.jenjang.value if step else "",
        kebutuhan=Decimal(step.need) if step else None,
        kekurangan=dec4(ledger.shortfall) if ledger.shortfall is not None else None,
        proyeksi_bulan=projection.month_reached if projection else None,
        dihitung_pada=now,
    )


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
    people = functional_people(ids)
    entries: dict[int, list[EntriAngkaKredit]] = defaultdict(list)
    for e in EntriAngkaKredit.objects.filter(pegawai_id__in=[p.pk for p in people]).order_by("tahun", "pk"):
        entries[e.pegawai_id].append(e)
    golongan_ids = dict(Golongan.objects.values_list("kode", "pk"))
    now = timezone.now()
    rows = []
    for p in people:
        jenjang = functional_jenjang(p)
        ledger = fold_ledger(jenjang, golongan_kode(p), entries[p.pk]) if jenjang else None
        if ledger is not None:
            rows.append(status_row(p, ledger, as_of, golongan_ids, now))
    now_db = StatusAngkaKredit._meta.get_field("dihitung_pada").get_db_prep_save(now, connection)
    tuples = [(*(getattr(r, c) for c in _COLUMNS[:-1]), now_db) for r in rows]
    with transaction.atomic():  # the chunk's rows replaced at once: readers see the old or the new
        StatusAngkaKredit.objects.filter(pegawai_id__in=ids).delete()
        bulk_insert(StatusAngkaKredit, _COLUMNS, tuples)
    return len(rows)
