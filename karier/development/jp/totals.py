"""Per-person yearly JP totals (`RekapJpPegawai`), kept in step with the ledger (`CatatanJp`).

Every service that writes a ledger row calls `jp_total_refresh(pegawai_id, tahun)` after the insert,
inside its own transaction: `ledger.mandiri_verify`, `enrolment.pendaftaran_complete`, the SIASN
import (`exchange/imports.py`) and the demo's back-dating (`outcomes/demo.py`). A writer of
thousands of rows may call `jp_totals_refresh_many` once instead. The province's
recap then reads one row per person instead of summing the whole year's ledger on every request.

Why recompute rather than add: the refresh locks the person's total row and sums that person's
ledger of the year afresh. Two writers for the same person serialise on the row lock, and whichever
sums last sees both rows (under READ COMMITTED each statement reads what is committed, plus its own
insert), so the total is exact whatever the interleaving — and a total that once went wrong heals on
the next write. It costs three small indexed queries per write; writes are rare, reads are many.

`jp_totals_rebuild` recomputes every total (or a year's) from the ledger in one transaction: the
`karier jp-totals-rebuild` command, run by `bin/demo` after the demo seeds and after any bulk load
that wrote `CatatanJp` directly. `jp_totals_mismatch` lists the people whose stored total differs
from the ledger (`--check`).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.db.models.functions import Round

from karier.development.models import CatatanJp, RekapJpPegawai

CHUNK = 5000


def _locked_row(pegawai_id: int, tahun: int) -> RekapJpPegawai:
    row = RekapJpPegawai.objects.select_for_update().filter(pegawai_id=pegawai_id, tahun=tahun).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():  # a savepoint: a concurrent first write for the same person and year
            return RekapJpPegawai.objects.create(pegawai_id=pegawai_id, tahun=tahun)
    except IntegrityError:
        return RekapJpPegawai.objects.select_for_update().get(pegawai_id=pegawai_id, tahun=tahun)


def _sum(pegawai_id: int, tahun: int) -> tuple[Decimal, int]:
    agg = CatatanJp.objects.filter(pegawai_id=pegawai_id, tahun=tahun).aggregate(
        s=Round(Sum("jp"), 2),  # SQLite sums in binary floating point: 19.999… for 20
        n=Count("pk"),
    )
    return Decimal(str(agg["s"] or 0)).quantize(Decimal("0.01")), int(agg["n"] or 0)


def jp_total_refresh(pegawai_id: int, tahun: int) -> RekapJpPegawai:
    """Bring one person's total of one year in line with the ledger (call it in the writer's
    transaction, after the ledger row is written)."""
    with transaction.atomic():
        row = _locked_row(pegawai_id, tahun)
        row.jp_total, row.jumlah = _sum(pegawai_id, tahun)
        row.save(update_fields=["jp_total", "jumlah", "diubah_pada"])
    return row


def jp_totals_refresh_many(keys: Iterable[tuple[int, int]]) -> int:
    """`jp_total_refresh` for many (pegawai, tahun) at once, set-based — for an import that wrote
    thousands of ledger rows in its transaction: the affected totals are locked, the ledger is summed
    in one grouped query, and the totals are written in bulk. Returns the totals written."""
    wanted = set(keys)
    if not wanted:
        return 0
    people = {p for p, _t in wanted}
    years = {t for _p, t in wanted}
    with transaction.atomic():
        have = {
            (r.pegawai_id, r.tahun): r
            for r in RekapJpPegawai.objects.select_for_update().filter(pegawai_id__in=people, tahun__in=years)
            if (r.pegawai_id, r.tahun) in wanted
        }
        sums: dict[tuple[int, int], tuple[Decimal, int]] = {}
        for pid, th, s, n in (
            CatatanJp.objects.filter(pegawai_id__in=people, tahun__in=years)
            .order_by()
            .values("pegawai_id", "tahun")
            .annotate(s=Round(Sum("jp"), 2), n=Count("pk"))
            .values_list("pegawai_id", "tahun", "s", "n")
        ):
            if (pid, th) in wanted:
                sums[(pid, th)] = (Decimal(str(s or 0)).quantize(Decimal("0.01")), n)
        for key, row in have.items():
            row.jp_total, row.jumlah = sums.get(key, (Decimal(0), 0))
        RekapJpPegawai.objects.bulk_update(list(have.values()), ["jp_total", "jumlah"], batch_size=CHUNK)
        RekapJpPegawai.objects.bulk_create(
            [
                RekapJpPegawai(
                    pegawai_id=p,
                    tahun=t,
                    jp_total=sums.get((p, t), (Decimal(0), 0))[0],
                    jumlah=sums.get((p, t), (Decimal(0), 0))[1],
                )
                for p, t in sorted(wanted - set(have))
            ],
            batch_size=CHUNK,
        )
    return len(wanted)


def _ledger_totals(tahun: int | None) -> dict[tuple[int, int], tuple[Decimal, int]]:
    qs = CatatanJp.objects.all() if tahun is None else CatatanJp.objects.filter(tahun=tahun)
    out: dict[tuple[int, int], tuple[Decimal, int]] = {}
    for pid, th, s, n in (
        qs.order_by()
        .values("pegawai_id", "tahun")
        .annotate(s=Round(Sum("jp"), 2), n=Count("pk"))
        .values_list("pegawai_id", "tahun", "s", "n")
    ).iterator(chunk_size=CHUNK):
        out[(pid, th)] = (Decimal(str(s or 0)).quantize(Decimal("0.01")), n)
    return out


def jp_totals_rebuild(tahun: int | None = None) -> int:
    """Recompute the totals (all years, or one) from the ledger, all or nothing. Returns the rows written."""
    with transaction.atomic():
        wanted = _ledger_totals(tahun)
        stale = RekapJpPegawai.objects.all() if tahun is None else RekapJpPegawai.objects.filter(tahun=tahun)
        stale.delete()
        RekapJpPegawai.objects.bulk_create(
            (RekapJpPegawai(pegawai_id=p, tahun=t, jp_total=s, jumlah=n) for (p, t), (s, n) in wanted.items()),
            batch_size=CHUNK,
        )
    return len(wanted)


def jp_totals_mismatch(tahun: int | None = None) -> list[tuple[int, int, Decimal, Decimal]]:
    """(pegawai, tahun, stored, ledger) for every total that differs from the ledger."""
    wanted = _ledger_totals(tahun)
    qs = RekapJpPegawai.objects.all() if tahun is None else RekapJpPegawai.objects.filter(tahun=tahun)
    stored = {(p, t): Decimal(str(s)) for p, t, s in qs.values_list("pegawai_id", "tahun", "jp_total")}
    out = []
    for key in sorted(set(wanted) | set(stored)):
        have = stored.get(key, Decimal(0))
        want = wanted.get(key, (Decimal(0), 0))[0]
        if have != want:
            out.append((key[0], key[1], have, want))
    return out
