"""A person's angka kredit ledger, kept exact (issue #12 §3).

Helpers without an actor: the fraction ↔ column conversion every writer uses (always reduced, so the
same credit is stored the same way), the pure fold of a person's entries into a status (run by the
person's page and, set-based, by the recompute job on prefetched rows), and the one write the
promotion engineer's `decide` service makes inside its own transaction — the credit a promotion used
(`record_promotion_usage`), so the remainder carries over.

What "since the last promotion" means here: entries are ordered by (tahun, pk); everything up to and
including the last PENGGUNAAN entry, plus any KONVERSI/IMPOR entry after it, is the opening balance
(`credit_ledger`'s `opening_balance`); the PREDIKAT entries after it are the ledger's entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import Any, Generic, Protocol, TypeVar

from django.utils import translation
from django.utils.translation import gettext as _

from karier.core.numbers import angka
from karier.people.choices import JenisJabatan
from karier.people.models import Golongan, Pegawai
from karier.rules import CreditEntry, CreditStatus, credit_display, credit_ledger, credit_needed
from karier.rules.angka_kredit import NextStep, next_credit_step
from karier.rules.career import fraction_to_decimal
from karier.rules.jabatan import JENJANG_GOLONGAN
from karier.rules.labels import Predikat, coerce
from karier.standards.documents import tanggal as tanggal_id
from karier.talent.models import EntriAngkaKredit, JenisEntriAk, UsulanKenaikanPangkat

__all__ = [
    "PersonLedger",
    "as_fraction",
    "credit_text",
    "fold_ledger",
    "functional_jenjang",
    "golongan_in_jenjang",
    "person_ledger",
    "record_promotion_usage",
    "to_columns",
]


def to_columns(value: Fraction) -> tuple[int, int]:
    """(pembilang, penyebut) of an exact credit, reduced (Fraction always is), penyebut > 0."""
    value = Fraction(value)
    return value.numerator, value.denominator


def credit_text(value: Fraction | Decimal | int | None) -> str:
    """An AK for people: two places ROUND_HALF_UP (`karier.rules.credit_display`, as on the PAK) in
    the Indonesian format with thousands grouped (1.250,00); "-" for nothing."""
    if value is None:
        return "-"
    exact = fraction_to_decimal(value) if isinstance(value, Fraction) else Decimal(value)
    return angka(credit_display(exact), 2)


def as_fraction(pembilang: int, penyebut: int) -> Fraction:
    """The exact credit stored in a row's two columns."""
    return Fraction(int(pembilang), int(penyebut) or 1)


def functional_jenjang(pegawai: Pegawai) -> str | None:
    """The jenjang of a person in a functional position (None for anyone else: no angka kredit).

    Reads `pegawai.jabatan` (and its `jabatan_fungsional`): callers select_related them.
    """
    jabatan = pegawai.jabatan if pegawai.jabatan_id else None
    if jabatan is None or jabatan.jenis != JenisJabatan.FUNGSIONAL:
        return None
    jf = jabatan.jabatan_fungsional if jabatan.jabatan_fungsional_id else None
    jenjang = jabatan.jenjang or (jf.jenjang if jf is not None else "")
    return jenjang or None


def golongan_kode(pegawai: Pegawai) -> str:
    """The person's golongan code ("III/a"), "" when none is recorded."""
    return pegawai.golongan.kode if pegawai.golongan_id and pegawai.golongan is not None else ""


class LedgerEntry(Protocol):
    """What the fold reads of an entry: an EntriAngkaKredit, or the job's plain row of its columns."""

    @property
    def pk(self) -> Any: ...
    @property
    def jenis(self) -> str: ...
    @property
    def tahun(self) -> int: ...
    @property
    def bulan(self) -> int: ...
    @property
    def jenjang(self) -> str: ...
    @property
    def predikat(self) -> str: ...
    @property
    def pembilang(self) -> int: ...
    @property
    def penyebut(self) -> int: ...


E = TypeVar("E", bound=LedgerEntry)


@dataclass(frozen=True)
class PersonLedger(Generic[E]):
    """A person's ledger folded: every line with its exact value, and where it leaves them."""

    jenjang: str
    golongan: str
    entries: tuple[E, ...]  # all entries, oldest first
    values: tuple[Fraction, ...]  # exact value of each entry (negative for PENGGUNAAN)
    since: int  # index of the first entry after the last promotion
    opening: Fraction  # opening balance of the current step (conversion + carried-over remainder)
    held: Fraction  # credit held toward the next step (opening + predikat since the last promotion)
    total: Fraction  # cumulative credit ever earned or converted (never minus what was used)
    used: Fraction  # credit used by all promotions (positive)
    next_step: NextStep | None  # the next step from the person's actual golongan
    shortfall: Fraction | None  # still missing for next_step (0 when met)
    jenjang_need: Fraction | None  # credit the next jenjang needs from the actual golongan
    jenjang_shortfall: Fraction | None

    @property
    def eligible_by_credit(self) -> bool:
        return self.shortfall is not None and self.shortfall == 0

    @cached_property
    def status(self) -> CreditStatus:
        """What `karier.rules.credit_ledger` says about the entries since the last promotion (each step
        reached and when): worked out when a page reads it — the recompute job needs only the balances."""
        entries = [
            CreditEntry(coerce(Predikat, e.predikat), e.bulan, str(e.tahun))
            for e in self.entries[self.since :]
            if _earned_in(e, self.jenjang)
        ]
        return credit_ledger(
            self.jenjang, entries, golongan=self.golongan, opening_balance=fraction_to_decimal(self.opening)
        )


def _earned_in(entry: LedgerEntry, jenjang: str) -> bool:
    """A predikat's credit earned in this jenjang (anything else counts as stored: the opening)."""
    return entry.jenis == JenisEntriAk.PREDIKAT and entry.jenjang == jenjang and bool(entry.predikat)


def golongan_in_jenjang(jenjang: str, golongan: str) -> bool:
    """Whether the golongan is one of the jenjang's (otherwise the data needs correcting first)."""
    return any(jenjang == j.value and golongan in codes for j, codes in JENJANG_GOLONGAN.items())


def fold_ledger(jenjang: str, golongan: str, entries: Sequence[E]) -> PersonLedger[E] | None:
    """Fold a person's entries (any order) into a `PersonLedger`; None when the golongan is not one of
    the jenjang's (the data needs correcting first — the page says so)."""
    if not golongan_in_jenjang(jenjang, golongan):
        return None
    rows = tuple(sorted(entries, key=lambda e: (e.tahun, e.pk or 0)))
    values = tuple(as_fraction(e.pembilang, e.penyebut) for e in rows)
    last_use = max((i for i, e in enumerate(rows) if e.jenis == JenisEntriAk.PENGGUNAAN), default=-1)
    opening = sum(values[: last_use + 1], Fraction(0))
    earned = Fraction(0)
    for index in range(last_use + 1, len(rows)):
        if _earned_in(rows[index], jenjang):
            earned += values[index]
        else:  # conversion, import, or credit earned in an earlier jenjang: counts as it was stored
            opening += values[index]
    opening = max(opening, Fraction(0))
    held = opening + earned
    step = next_credit_step(jenjang, golongan)
    shortfall = None if step is None else max(Fraction(step.need) - held, Fraction(0))
    need = credit_needed(jenjang)
    jenjang_need: Fraction | None = None
    if need.for_jenjang is not None and need.for_pangkat is not None:
        codes = next(codes for j, codes in JENJANG_GOLONGAN.items() if j.value == jenjang)
        jenjang_need = Fraction(need.for_jenjang) - Fraction(need.for_pangkat) * codes.index(golongan)
    used = sum((v for e, v in zip(rows, values, strict=True) if e.jenis == JenisEntriAk.PENGGUNAAN), Fraction(0))
    return PersonLedger(
        jenjang=jenjang,
        golongan=golongan,
        entries=rows,
        values=values,
        since=last_use + 1,
        opening=opening,
        held=held,
        total=sum(values, Fraction(0)) - used,
        used=-used,
        next_step=step,
        shortfall=shortfall,
        jenjang_need=jenjang_need,
        jenjang_shortfall=None if jenjang_need is None else max(jenjang_need - held, Fraction(0)),
    )


def person_ledger(pegawai: Pegawai, entries: Iterable[EntriAngkaKredit] | None = None) -> PersonLedger[Any] | None:
    """The ledger of one person (None for a non-functional person or a golongan outside the jenjang).

    `entries` may be passed when already fetched (set-based callers); otherwise one query.
    """
    jenjang = functional_jenjang(pegawai)
    kode = golongan_kode(pegawai)
    if jenjang is None or not kode:
        return None
    # Any: the model's fields are what LedgerEntry reads, but mypy's Django plugin cannot check a model
    # against a protocol inside the module that defines the protocol.
    rows: list[Any] = list(entries) if entries is not None else list(EntriAngkaKredit.objects.filter(pegawai=pegawai))
    return fold_ledger(jenjang, kode, rows)


def record_promotion_usage(
    *, pegawai: Pegawai, usulan: UsulanKenaikanPangkat, user_id: int | None
) -> EntriAngkaKredit | None:
    """Write the credit a decided promotion used (a negative PENGGUNAAN entry: the need of the step
    from `usulan.golongan_dari`), so whatever was earned above it carries over.

    Called by the promotion `decide` service inside its transaction (it audits the decision); no
    actor, no audit of its own. Idempotent per usulan. None for a person without angka kredit (not
    functional) or when the step is not a credit step of their jenjang (e.g. golongan outside it).
    """
    jenjang = functional_jenjang(pegawai)
    if jenjang is None:
        return None
    existing = EntriAngkaKredit.objects.filter(pegawai=pegawai, kenaikan=usulan, jenis=JenisEntriAk.PENGGUNAAN).first()
    if existing is not None:
        return existing
    dari = Golongan.objects.get(pk=usulan.golongan_dari_id)
    if not golongan_in_jenjang(jenjang, dari.kode):
        return None
    step = next_credit_step(jenjang, dari.kode)
    if step is None:
        return None
    ke = Golongan.objects.filter(pk=usulan.golongan_ke_id).values_list("kode", flat=True).first() or step.golongan
    pembilang, penyebut = to_columns(-Fraction(step.need))
    with translation.override("id"):  # stored and printed on the PAK: Indonesian whoever decides
        keterangan = _("Digunakan untuk kenaikan ke %(golongan)s TMT %(tmt)s") % {
            "golongan": ke,
            "tmt": tanggal_id(usulan.tmt),
        }
    return EntriAngkaKredit.objects.create(
        pegawai=pegawai,
        jenis=JenisEntriAk.PENGGUNAAN,
        tahun=usulan.tmt.year,
        bulan=12,
        jenjang=jenjang,
        golongan=dari,
        pembilang=pembilang,
        penyebut=penyebut,
        kenaikan=usulan,
        keterangan=keterangan,
        dicatat_oleh_id=user_id,
    )
