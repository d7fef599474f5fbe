"""`propose_awards`: award proposals from the rule (step 6 of the recompute job).

`karier.rules.award_reasons`: box 9 in the person's placement of `tahun` (an excluded placement — a
sanction — does not count), or Sangat Baik in each of the last two years (`tahun - 1` and `tahun`:
"two years running" means consecutive years ending in the year being closed; an older pair does not
propose anyone now). Three reads and at most one insert, one update and one delete, whatever the
number of ids. Idempotent: a proposal already there keeps its decision; an undecided one follows the
data (its reasons are refreshed, and it is withdrawn when the reasons are gone).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from django.db import transaction

from karier.core.bulk import bulk_insert
from karier.rules import award_reasons
from karier.talent.models import PenempatanTalenta, PredikatTahunan, StatusUsulanPenghargaan, UsulanPenghargaan


def reasons_for(pegawai_ids: Sequence[int], tahun: int) -> dict[int, list[str]]:
    """Per person, the reasons they are proposed for `tahun` (only those with any). Two queries."""
    ids = list(pegawai_ids)
    boxes = dict(
        PenempatanTalenta.objects.filter(pegawai_id__any=ids, tahun=tahun, dikecualikan=False).values_list(
            "pegawai_id", "kotak"
        )
    )
    predikat: dict[int, dict[int, str]] = {}
    for pegawai_id, t, p in PredikatTahunan.objects.filter(
        pegawai_id__any=ids, tahun__in=[tahun - 1, tahun]
    ).values_list("pegawai_id", "tahun", "predikat"):
        predikat.setdefault(pegawai_id, {})[t] = p
    found: dict[int, list[str]] = {}
    for pegawai_id in set(boxes) | set(predikat):
        years = predikat.get(pegawai_id, {})
        reasons = award_reasons(boxes.get(pegawai_id), [years.get(tahun - 1), years.get(tahun)])
        if reasons:
            found[pegawai_id] = list(reasons)
    return found


def propose_awards(pegawai_ids: Sequence[int], tahun: int) -> int:
    """Write the proposals of `tahun` for these people; the number of rows created, changed or withdrawn."""
    ids = list(pegawai_ids)
    wanted = reasons_for(ids, tahun)
    with transaction.atomic():
        existing = {
            u.pegawai_id: u
            for u in UsulanPenghargaan.objects.select_for_update().filter(pegawai_id__any=ids, tahun=tahun)
        }
        new = [(p, tahun, json.dumps(r)) for p, r in wanted.items() if p not in existing]
        changed = []
        gone = []
        for pegawai_id, usulan in existing.items():
            if usulan.status != StatusUsulanPenghargaan.DIUSULKAN:
                continue  # decided: history, never rewritten
            reasons = wanted.get(pegawai_id)
            if reasons is None:
                gone.append(usulan.pk)
            elif reasons != usulan.alasan:
                usulan.alasan = reasons
                changed.append(usulan)
        # COPY on PostgreSQL: the rows of these people are locked above and one job runs at a time, so
        # nobody inserts a proposal of the year for them meanwhile (the BKD only decides existing ones).
        bulk_insert(UsulanPenghargaan, ("pegawai_id", "tahun", "alasan"), new)
        if changed:
            UsulanPenghargaan.objects.bulk_update(changed, ["alasan"])
        if gone:
            UsulanPenghargaan.objects.filter(pk__any=gone).delete()
    return len(new) + len(changed) + len(gone)
