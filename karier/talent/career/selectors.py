"""Reads for a person's career page (issue #12 item 7) and the team list: a fixed number of queries.

The page gathers what the other areas computed — rank and position history, predikat by year, the
angka kredit ledger, JP, the 9-box, the promotion eligibility, recommended development, coaching and
recognitions — and turns the next step into progress bars. It reads the tables directly (they are
this app's own, or the stored results of the apps below) and computes nothing the recompute job
stores, so what it shows is what the lists and the API show.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from karier.appraisal.choices import PredikatChoice
from karier.core.numbers import angka
from karier.development.catalogue.selectors import targets as jp_targets
from karier.development.models import RekapJpPegawai
from karier.people.models import Pegawai, Penugasan, RiwayatGolongan
from karier.rules import Predikat, add_years, format_credit, fraction_to_decimal, predikat_at_least
from karier.rules.promotion import MIN_PREDIKAT, MIN_YEARS_IN_PANGKAT, PREDIKAT_YEARS
from karier.talent.credit.ledger import as_fraction
from karier.talent.models import (
    EntriAngkaKredit,
    JenisEntriAk,
    KelayakanPangkat,
    PenempatanTalenta,
    PredikatTahunan,
    RencanaBimbingan,
    StatusAngkaKredit,
    StatusBimbingan,
)

TAHUN_SHOWN = 6


@dataclass(frozen=True)
class Peristiwa:
    """One event of the timeline: a rank (golongan) or a position (penugasan)."""

    tanggal: dt.date
    jenis: str  # "golongan" / "jabatan"
    judul: str
    rincian: str


@dataclass
class BarisTahun:
    tahun: int
    predikat: str = ""
    sumber: str = ""
    angka_kredit: str = ""
    jp: Decimal | None = None
    kotak: int | None = None


@dataclass(frozen=True)
class Langkah:
    """A progress bar toward the next step."""

    label: str
    persen: int
    teks: str
    terpenuhi: bool


@dataclass
class Karier:
    pegawai: Pegawai
    timeline: list[Peristiwa]
    tahun: list[BarisTahun]
    angka_kredit: StatusAngkaKredit | None
    penempatan: PenempatanTalenta | None
    langkah: list[Langkah]


def _persen(nilai: Decimal | Fraction | float, target: Decimal | Fraction | float) -> int:
    if target <= 0:
        return 100
    return max(0, min(100, int(Decimal(str(float(nilai))) * 100 / Decimal(str(float(target))))))


def timeline(pegawai: Pegawai) -> list[Peristiwa]:
    """Rank and position history, newest first (two queries)."""
    events = [
        Peristiwa(r.tmt, "golongan", f"{r.golongan.pangkat} ({r.golongan.kode})", r.nomor_sk)
        for r in RiwayatGolongan.objects.filter(pegawai=pegawai).select_related("golongan")
    ]
    for p in Penugasan.objects.filter(pegawai=pegawai).select_related("jabatan__unit"):
        jenis = "" if p.jenis == "DEFINITIF" else f"{p.get_jenis_display()} · "
        sampai = _("sampai %(t)s") % {"t": date_format(p.selesai, "j F Y")} if p.selesai else _("sekarang")
        events.append(Peristiwa(p.mulai, "jabatan", f"{jenis}{p.jabatan.nama}", f"{p.jabatan.unit.nama} · {sampai}"))
    return sorted(events, key=lambda e: (e.tanggal, e.jenis), reverse=True)


def years(pegawai: Pegawai) -> list[BarisTahun]:
    """Predikat, credit earned, JP and box per year, newest first (four queries)."""
    rows: dict[int, BarisTahun] = {}

    def row(t: int) -> BarisTahun:
        return rows.setdefault(t, BarisTahun(t))

    for p in PredikatTahunan.objects.filter(pegawai=pegawai):
        r = row(p.tahun)
        r.predikat, r.sumber = p.predikat, p.get_sumber_display()
    earned: dict[int, Fraction] = {}
    for tahun, a, b in EntriAngkaKredit.objects.filter(
        pegawai=pegawai, jenis__in=(JenisEntriAk.PREDIKAT, JenisEntriAk.IMPOR)
    ).values_list("tahun", "pembilang", "penyebut"):
        earned[tahun] = earned.get(tahun, Fraction(0)) + as_fraction(a, b)
    for tahun, total in earned.items():
        row(tahun).angka_kredit = format_credit(fraction_to_decimal(total))
    for tahun, jp in RekapJpPegawai.objects.filter(pegawai=pegawai).values_list("tahun", "jp_total"):
        row(tahun).jp = jp
    for tahun, kotak in PenempatanTalenta.objects.filter(pegawai=pegawai).values_list("tahun", "kotak"):
        row(tahun).kotak = kotak
    return sorted(rows.values(), key=lambda r: r.tahun, reverse=True)[:TAHUN_SHOWN]


def steps(
    pegawai: Pegawai,
    tahun_rows: list[BarisTahun],
    credit: StatusAngkaKredit | None,
    today: dt.date,
) -> list[Langkah]:
    """How far the person is toward the next promotion and this year's JP, as progress bars."""
    bars: list[Langkah] = []
    if credit is not None and credit.kebutuhan:
        held = credit.kebutuhan - (credit.kekurangan or 0)
        bars.append(
            Langkah(
                _("Angka kredit untuk kenaikan berikutnya"),
                _persen(held, credit.kebutuhan),
                _("%(ada)s dari %(perlu)s") % {"ada": format_credit(held), "perlu": format_credit(credit.kebutuhan)},
                (credit.kekurangan or 0) <= 0,
            )
        )
    elif pegawai.tmt_golongan is not None:
        target = add_years(pegawai.tmt_golongan, MIN_YEARS_IN_PANGKAT)
        span = (target - pegawai.tmt_golongan).days
        done = (min(today, target) - pegawai.tmt_golongan).days
        bars.append(
            Langkah(
                _("Masa kerja dalam golongan (%(n)s tahun)") % {"n": MIN_YEARS_IN_PANGKAT},
                _persen(done, span),
                _("terpenuhi pada %(t)s") % {"t": date_format(target, "j F Y")},
                today >= target,
            )
        )
    recent = [r for r in tahun_rows if r.predikat and r.tahun < today.year][:PREDIKAT_YEARS]
    good = sum(1 for r in recent if predikat_at_least(Predikat(r.predikat), MIN_PREDIKAT))
    bars.append(
        Langkah(
            _("Predikat paling rendah %(p)s, %(n)s tahun terakhir") % {"p": MIN_PREDIKAT.value, "n": PREDIKAT_YEARS},
            _persen(good, PREDIKAT_YEARS),
            _("%(n)s dari %(m)s tahun") % {"n": good, "m": PREDIKAT_YEARS},
            good == PREDIKAT_YEARS,
        )
    )
    jp_now = next((r.jp for r in tahun_rows if r.tahun == today.year and r.jp is not None), Decimal(0))
    jp_target = jp_targets().get(pegawai.jenis_asn, (Decimal(0), None))[0]
    bars.append(
        Langkah(
            _("Pengembangan kompetensi tahun ini"),
            _persen(jp_now, jp_target),
            _("%(ada)s dari %(target)s JP") % {"ada": angka(jp_now), "target": angka(jp_target)},
            jp_now >= jp_target,
        )
    )
    return bars


def career(pegawai: Pegawai, *, today: dt.date | None = None) -> Karier:
    """Everything the career page shows for one person."""
    today = today or timezone.localdate()
    tahun_rows = years(pegawai)
    credit = StatusAngkaKredit.objects.filter(pegawai=pegawai).first()
    return Karier(
        pegawai=pegawai,
        timeline=timeline(pegawai),
        tahun=tahun_rows,
        angka_kredit=credit,
        penempatan=PenempatanTalenta.objects.filter(pegawai=pegawai)
        .select_related("aturan")
        .order_by("-tahun")
        .first(),
        langkah=steps(pegawai, tahun_rows, credit, today),
    )


@dataclass
class BarisTim:
    pegawai: Pegawai
    predikat: str
    kotak: int | None
    layak: bool | None
    tmt_terdekat: dt.date | None


def team_rows(people: QuerySet[Pegawai]) -> list[BarisTim]:
    """One page of people with their latest predikat, box and promotion eligibility (three queries)."""
    page = list(people)
    ids = [p.pk for p in page]
    predikat: dict[int, str] = {}
    for pid, nilai in (
        PredikatTahunan.objects.filter(pegawai_id__in=ids)
        .order_by("pegawai_id", "tahun")
        .values_list("pegawai_id", "predikat")
    ):
        predikat[pid] = nilai  # the latest year wins
    kotak: dict[int, int] = {}
    for pid, box in (
        PenempatanTalenta.objects.filter(pegawai_id__in=ids)
        .order_by("pegawai_id", "tahun")
        .values_list("pegawai_id", "kotak")
    ):
        kotak[pid] = box
    kelayakan = {k.pegawai_id: k for k in KelayakanPangkat.objects.filter(pegawai_id__in=ids)}
    rows = []
    for p in page:
        k = kelayakan.get(p.pk)
        rows.append(
            BarisTim(p, predikat.get(p.pk, ""), kotak.get(p.pk), k.layak if k else None, k.tmt_terdekat if k else None)
        )
    return rows


def predikat_label(value: str) -> str:
    return str(PredikatChoice(value).label) if value in PredikatChoice.values else value


def as_dict(k: Karier) -> dict[str, Any]:
    """The page's data for the API (the page shows the eligibility and the coaching plan through the
    promotion and coaching areas' own blocks; the API reads the two rows here)."""
    p = k.pegawai
    kelayakan = KelayakanPangkat.objects.filter(pegawai=p).select_related("golongan_berikut").first()
    bimbingan_aktif = RencanaBimbingan.objects.filter(pegawai=p, status=StatusBimbingan.AKTIF).exists()
    return {
        "pegawai_id": p.pk,
        "nama": p.nama_lengkap,
        "golongan": p.golongan.kode if p.golongan_id and p.golongan else None,
        "tmt_golongan": p.tmt_golongan,
        "jabatan": p.jabatan.nama if p.jabatan_id and p.jabatan else None,
        "riwayat": [
            {"tanggal": e.tanggal, "jenis": e.jenis, "judul": e.judul, "rincian": e.rincian} for e in k.timeline
        ],
        "tahun": [
            {
                "tahun": r.tahun,
                "predikat": r.predikat or None,
                "angka_kredit": r.angka_kredit or None,
                "jp": r.jp,
                "kotak": r.kotak,
            }
            for r in k.tahun
        ],
        "kenaikan_pangkat": None
        if kelayakan is None
        else {
            "layak": kelayakan.layak,
            "tmt_terdekat": kelayakan.tmt_terdekat,
            "golongan_berikut": kelayakan.golongan_berikut.kode if kelayakan.golongan_berikut else None,
            "alasan": list(kelayakan.alasan),
        },
        "kotak_talenta": None
        if k.penempatan is None
        else {"tahun": k.penempatan.tahun, "kotak": k.penempatan.kotak, "dikecualikan": k.penempatan.dikecualikan},
        "langkah": [
            {"label": s.label, "persen": s.persen, "teks": s.teks, "terpenuhi": s.terpenuhi} for s in k.langkah
        ],
        "bimbingan_aktif": bimbingan_aktif,
    }
