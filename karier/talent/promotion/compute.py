"""Promotion eligibility, set-based (issue #12 §2; the recompute job's step 3).

`recompute_kelayakan(pegawai_ids, as_of)` writes one `KelayakanPangkat` row per active PNS from
`karier.rules.promotion_eligibility`, reading every input of a chunk in a fixed number of queries
(the people, their predikat of the two years before `as_of`'s year, their credit status, their
passed competency tests, the formations and their holders) and writing with one delete and one
insert (COPY on PostgreSQL), so the BKD list for a promotion date reads stored rows and never
evaluates the rule per request.

The same loaders serve the services for one person (`evaluate_person`): a proposal and a decision
re-check the rule live at their TMT, on exactly the inputs the job would use.

A jenjang step's "at least Baik in the last year" needs no code of its own: the rule already
requires at least Baik in each of the last two years, which includes the last one.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from karier.core.bulk import bulk_insert
from karier.people.choices import JenisAsn, JenisJabatan
from karier.people.models import Pegawai
from karier.rules import (
    MAX_GOLONGAN_BY_PENDIDIKAN,
    fraction_to_decimal,
    get_golongan,
    next_credit_step,
    promotion_eligibility,
)
from karier.rules.angka_kredit import formasi_vacancies
from karier.rules.promotion import PREDIKAT_YEARS  # the rule's "last 2 years": the years loaded
from karier.talent.models import (
    FormasiJenjang,
    JenisKenaikan,
    KelayakanPangkat,
    PredikatTahunan,
    StatusAngkaKredit,
    UjiKompetensi,
)

CHUNK = 2000


@dataclass
class Input:
    """What the rule needs about one person (loaded for a whole chunk at once)."""

    pegawai_id: int
    opd_id: int | None
    golongan_id: int | None
    tmt_golongan: dt.date | None
    pendidikan: str
    jenjang: str = ""  # functional positions only
    jabatan_fungsional_id: str | None = None
    predikat: list[str | None] = field(default_factory=list)  # oldest first
    credit: Decimal | None = None  # held toward the next step
    ukom_lulus: set[str] = field(default_factory=set)  # jenjang tujuan passed
    formasi: dict[str, bool] = field(default_factory=dict)  # next jenjang → free formation


@dataclass(frozen=True)
class Hasil:
    """The rule's answer for one person, in the shape of a `KelayakanPangkat` row."""

    jenis: str
    layak: bool
    tmt_terdekat: dt.date | None
    alasan: tuple[str, ...]  # tuples: a cached answer is shared by many people
    catatan: tuple[str, ...]
    golongan_id: int | None
    golongan_berikut_id: int | None

    def as_dict(self) -> dict[str, object]:
        """What a proposal keeps of the eligibility it was made on."""
        return {
            "jenis": self.jenis,
            "layak": self.layak,
            "tmt_terdekat": self.tmt_terdekat.isoformat() if self.tmt_terdekat else None,
            "alasan": list(self.alasan),
            "catatan": list(self.catatan),
            "golongan_id": self.golongan_id,
            "golongan_berikut_id": self.golongan_berikut_id,
        }


def _years(as_of: dt.date) -> list[int]:
    return [as_of.year - PREDIKAT_YEARS + i for i in range(PREDIKAT_YEARS)]


def _next_jenjang(inp: Input) -> str | None:
    """The jenjang a functional employee's next step enters, when that step is a jenjang move."""
    if not inp.jenjang or inp.golongan_id is None:
        return None
    return _jenjang_step(inp.jenjang, inp.golongan_id)


@lru_cache(maxsize=1024)
def _jenjang_step(jenjang: str, golongan_id: int) -> str | None:
    """`_next_jenjang` on plain values, cached (asked twice per person; a few dozen answers in all)."""
    try:
        step = next_credit_step(jenjang, get_golongan(golongan_id).code)
    except ValueError:
        return None
    return step.jenjang.value if step is not None and step.kind == "jenjang" else None


def _ids_q(field: str, ids: Sequence[int], *, exact: bool = False) -> Q:
    """`field IN ids`, or a range when the ids are dense (the job's chunks of consecutive ids): a
    range is one index scan with two parameters instead of two thousand to bind and parse. Reads
    drop the neighbours a range brings; with `exact` (a delete) only a gapless range is used."""
    if not ids:
        return Q(**{f"{field}__in": []})
    low, high = min(ids), max(ids)
    span = high - low + 1
    if span == len(set(ids)) or (not exact and span <= 2 * len(ids)):
        return Q(**{f"{field}__gte": low, f"{field}__lte": high})
    return Q(**{f"{field}__any": ids})


def load_inputs(pegawai_ids: Iterable[int], as_of: dt.date) -> list[Input]:
    """The inputs of the active PNS among `pegawai_ids`: six queries, whatever their number."""
    ids = list(pegawai_ids)
    wanted = set(ids)
    people = (
        Pegawai.objects.filter(_ids_q("pk", ids), aktif=True, jenis_asn=JenisAsn.PNS)
        .order_by("pk")
        .values_list(
            "pk",
            "opd_id",
            "golongan_id",
            "tmt_golongan",
            "pendidikan",
            "jabatan__jenis",
            "jabatan__jenjang",
            "jabatan__jabatan_fungsional_id",
            "jabatan__jabatan_fungsional__jenjang",
        )
    )
    inputs: dict[int, Input] = {}
    for pk, opd_id, gol, tmt, pend, jenis, jenjang, jf_id, jf_jenjang in people:
        if pk not in wanted:  # a range read a neighbour
            continue
        functional = jenis == JenisJabatan.FUNGSIONAL and bool(jenjang or jf_jenjang)
        inputs[pk] = Input(
            pegawai_id=pk,
            opd_id=opd_id,
            golongan_id=gol,
            tmt_golongan=tmt,
            pendidikan=pend or "",
            jenjang=(jenjang or jf_jenjang or "") if functional else "",
            jabatan_fungsional_id=jf_id if functional else None,
        )
    found = sorted(inputs)
    in_found = _ids_q("pegawai_id", found)
    years = _years(as_of)
    by_year: dict[int, dict[int, str]] = defaultdict(dict)
    for pid, tahun, predikat in PredikatTahunan.objects.filter(in_found, tahun__in=years).values_list(
        "pegawai_id", "tahun", "predikat"
    ):
        by_year[pid][tahun] = predikat
    for pid, person in inputs.items():
        person.predikat = [by_year[pid].get(y) for y in years]
    for pid, jenjang, gol, num, den in StatusAngkaKredit.objects.filter(in_found).values_list(
        "pegawai_id", "jenjang", "golongan_id", "saldo_pembilang", "saldo_penyebut"
    ):
        found_inp = inputs.get(pid)
        if found_inp is None:
            continue
        # A status computed for another jenjang or golongan is stale (the credit job has not run since
        # the last promotion): the rule is told the credit is not known rather than given a wrong one.
        if found_inp.jenjang and jenjang == found_inp.jenjang and gol == found_inp.golongan_id and den:
            found_inp.credit = fraction_to_decimal(Fraction(num, den))
    for pid, tujuan in (
        UjiKompetensi.objects.filter(in_found, lulus=True, tanggal__lte=as_of)
        .values_list("pegawai_id", "jenjang_tujuan")
        .distinct()
    ):
        if pid in inputs:
            inputs[pid].ukom_lulus.add(tujuan)
    _load_formasi(inputs.values())
    return list(inputs.values())


def _load_formasi(inputs: Iterable[Input]) -> None:
    """Whether a formation of the next jenjang is free (`jumlah` > its holders) in each person's
    agency: the formations first, then the holders counted only where a formation has places — most
    (agency, position, jenjang) have none recorded, and counting holders across every agency of a
    chunk was most of this step's time. At most two queries."""
    wanted: dict[tuple[int, str, str], list[Input]] = defaultdict(list)
    for inp in inputs:
        nxt = _next_jenjang(inp)
        if nxt and inp.opd_id is not None and inp.jabatan_fungsional_id:
            wanted[(inp.opd_id, inp.jabatan_fungsional_id, nxt)].append(inp)
    opds = sorted({k[0] for k in wanted})
    jfs = sorted({k[1] for k in wanted})
    jumlah = {
        (o, j, jj): n
        for o, j, jj, n in FormasiJenjang.objects.filter(
            opd_id__any=opds, jabatan_fungsional_id__any=jfs, jumlah__gt=0
        ).values_list("opd_id", "jabatan_fungsional_id", "jenjang", "jumlah")
        if (o, j, jj) in wanted
    }
    holders: dict[tuple[int, str, str], int] = {}
    if jumlah:
        holders = {
            (o, j, jj): n
            for o, j, jj, n in Pegawai.objects.filter(
                aktif=True,
                opd_id__any=sorted({k[0] for k in jumlah}),
                jabatan__jabatan_fungsional_id__any=sorted({k[1] for k in jumlah}),
                jabatan__jenjang__any=sorted({k[2] for k in jumlah}),
            )
            .order_by()
            .values_list("opd_id", "jabatan__jabatan_fungsional_id", "jabatan__jenjang")
            .annotate(n=Count("pk"))
        }
    for key, people in wanted.items():
        free = formasi_vacancies(jumlah.get(key, 0), holders.get(key, 0)) > 0
        for inp in people:
            inp.formasi[key[2]] = free


def evaluate(inp: Input, as_of: dt.date) -> Hasil:
    """The rule for one person's loaded inputs (pure: no query)."""
    nxt = _next_jenjang(inp)
    return _rule(
        inp.golongan_id,
        inp.tmt_golongan,
        tuple(inp.predikat),
        inp.pendidikan,
        inp.jenjang,
        inp.credit,
        bool(nxt) and nxt in inp.ukom_lulus,
        bool(nxt) and inp.formasi.get(nxt or "", False),
        as_of,
    )


#: The education table cut to one row per level: `max_golongan_for` normalises the whole table it is
#: given on every call, which was half the cost of the rule; one row gives the same answer.
_ONE_ROW = {p: {p: g} for p, g in MAX_GOLONGAN_BY_PENDIDIKAN.items()}


@lru_cache(maxsize=65536)
def _rule(
    golongan_id: int | None,
    tmt_golongan: dt.date | None,
    predikat: tuple[str | None, ...],
    pendidikan: str,
    jenjang: str,
    credit: Decimal | None,
    ukom: bool,
    formasi: bool,
    as_of: dt.date,
) -> Hasil:
    """`promotion_eligibility` on plain values, cached: the rule is pure and many people share the
    same inputs (a golongan, a TMT on a promotion date, two predikat), so a chunk evaluates far fewer
    distinct cases than people."""
    jenis = JenisKenaikan.PILIHAN if jenjang else JenisKenaikan.REGULER
    if golongan_id is None or tmt_golongan is None:
        return Hasil(jenis, False, None, ("Golongan atau TMT golongan belum tercatat.",), (), golongan_id, None)
    try:
        e = promotion_eligibility(
            get_golongan(golongan_id).code,
            tmt_golongan,
            predikat,
            as_of,
            pendidikan=pendidikan or None,
            jenjang=jenjang or None,
            credit=credit,
            uji_kompetensi_lulus=ukom,
            formasi_tersedia=formasi,
            max_golongan_table=_ONE_ROW.get(pendidikan, MAX_GOLONGAN_BY_PENDIDIKAN),
        )
    except ValueError as exc:  # a golongan outside the jenjang's range, an unknown education
        return Hasil(jenis, False, None, (str(exc),), (), golongan_id, None)
    berikut = get_golongan(e.next_golongan).siasn_id if e.next_golongan else None
    return Hasil(jenis, e.eligible, e.earliest_date, e.reasons, e.notes, golongan_id, berikut)


def evaluate_person(pegawai_id: int, as_of: dt.date) -> Hasil | None:
    """The rule live for one person on `as_of` (None when they are not an active PNS)."""
    inputs = load_inputs([pegawai_id], as_of)
    return evaluate(inputs[0], as_of) if inputs else None


def _chunks(ids: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def recompute_kelayakan(pegawai_ids: Sequence[int], as_of: dt.date) -> int:
    """Rewrite the eligibility rows of `pegawai_ids` (idempotent); returns the rows written.

    Per chunk, in one transaction: the inputs (six queries), one delete of the chunk's rows, one
    insert of the new ones (`karier.core.bulk.bulk_insert`: COPY on PostgreSQL) — so the rows of
    people who are no longer an active PNS go too. Readers see the old rows until the chunk commits.
    """
    written = 0
    columns = ["pegawai_id", "opd_id", "jenis", "golongan_id", "golongan_berikut_id", "layak", "tmt_terdekat"]
    columns += ["alasan", "catatan", "dihitung_pada"]
    now = KelayakanPangkat._meta.get_field("dihitung_pada").get_db_prep_save(timezone.now(), connection)
    for chunk in _chunks(list(pegawai_ids), CHUNK):
        inputs = load_inputs(chunk, as_of)
        rows = []
        for inp in inputs:
            h = evaluate(inp, as_of)
            alasan, catatan = json.dumps(list(h.alasan)), json.dumps(list(h.catatan))
            gol = (h.golongan_id, h.golongan_berikut_id)
            rows.append((inp.pegawai_id, inp.opd_id, h.jenis, *gol, h.layak, h.tmt_terdekat, alasan, catatan, now))
        with transaction.atomic():
            KelayakanPangkat.objects.filter(_ids_q("pegawai_id", chunk, exact=True)).delete()
            bulk_insert(KelayakanPangkat, columns, rows)
        written += len(rows)
    return written
