"""Development needs (issue #11 item 3): competency gaps and performance signals, per person and as
the training-needs analysis (analisis kebutuhan pengembangan kompetensi) of a unit or an agency.

PP 11/2017 Pasal 205–206: needs come from a competency gap against the position's standard and from a
performance gap. Both are read set-based: for any set of people a fixed number of queries (people,
standards, assessments in force, the latest rated evaluation, its trailing realisations, its released
BerAKHLAK summary), then plain Python over the rows — no query per person. Appraisal and plans are
only read here.

Ranking (`bobot`, highest first) is the rule `karier.rules.competency.need_weight`: a predikat of Butuh
Perbaikan or below, then a competency levels below the standard, a BerAKHLAK value below expectations
(released peer/subordinate average under 3 of 5, or the appraiser's behaviour rating Di Bawah
Ekspektasi), a realisation trailing its target, and last a required competency never assessed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import F, QuerySet, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils.translation import gettext as _

from karier.appraisal.choices import PredikatChoice, RatingChoice, StatusEvaluasi
from karier.appraisal.evaluation.rating_hints import HIGHER_IS_BETTER, released_summaries
from karier.appraisal.models import Evaluasi, Realisasi
from karier.core.numbers import angka
from karier.development.competency.selectors import current_levels, required_for_jabatan
from karier.development.models import Kompetensi
from karier.people.models import Pegawai
from karier.rules.competency import PERILAKU_BELOW_EXPECTATIONS, need_weight

PREDIKAT_BURUK = (PredikatChoice.BUTUH_PERBAIKAN, PredikatChoice.KURANG, PredikatChoice.SANGAT_KURANG)


@dataclass(frozen=True)
class Kebutuhan:
    """One development need of one person, with its reason in plain words."""

    kode: str  # "kompetensi:M.3", "predikat", "perilaku:ADAPTIF", "rhk"
    jenis: str  # "kompetensi" | "kinerja"
    judul: str
    alasan: str
    bobot: int
    disyaratkan: int | None = None
    dinilai: int | None = None
    nama: str = ""  # data, not translated: the competency's or the BerAKHLAK value's name

    def as_dict(self) -> dict[str, Any]:
        return {
            "kode": self.kode,
            "jenis": self.jenis,
            "judul": self.judul,
            "alasan": self.alasan,
            "bobot": self.bobot,
            "disyaratkan": self.disyaratkan,
            "dinilai": self.dinilai,
        }


def _latest_evaluations(pegawai_ids: Any) -> dict[int, Evaluasi]:
    rated = (
        Evaluasi.objects.filter(pegawai_id__in=pegawai_ids, status__in=(StatusEvaluasi.DINILAI, StatusEvaluasi.FINAL))
        .annotate(
            urutan=Window(
                RowNumber(), partition_by=[F("pegawai_id")], order_by=[F("periode__selesai").desc(), F("pk").desc()]
            )
        )
        .filter(urutan=1)
        .select_related("periode")
    )
    return {e.pegawai_id: e for e in rated}


def _performance(pegawai_ids: Any) -> dict[int, list[Kebutuhan]]:
    """Performance signals per person from their latest rated evaluation. Three queries."""
    evals = _latest_evaluations(pegawai_ids)
    by_eval = {e.pk: e for e in evals.values()}
    result: dict[int, list[Kebutuhan]] = defaultdict(list)
    for e in evals.values():
        predikat = e.predikat_akhir or e.predikat
        if predikat in PREDIKAT_BURUK:
            result[e.pegawai_id].append(
                Kebutuhan(
                    "predikat",
                    "kinerja",
                    _("Predikat kinerja %(p)s") % {"p": PredikatChoice(predikat).label},
                    _(
                        "Predikat kinerja Anda pada %(periode)s adalah %(p)s: "
                        "perlu rencana perbaikan kinerja bersama atasan."
                    )
                    % {"periode": e.periode.nama, "p": PredikatChoice(predikat).label},
                    need_weight("predikat"),
                )
            )
        if e.rating_perilaku == RatingChoice.DI_BAWAH:
            result[e.pegawai_id].append(
                Kebutuhan(
                    "perilaku",
                    "kinerja",
                    _("Perilaku kerja BerAKHLAK"),
                    _("Atasan menilai perilaku kerja Anda pada %(periode)s di bawah ekspektasi.")
                    % {"periode": e.periode.nama},
                    need_weight("perilaku"),
                )
            )
    trailing = (
        Realisasi.objects.filter(
            evaluasi_id__in=list(by_eval),
            iki__aspek__in=HIGHER_IS_BETTER,  # waktu/biaya: less may be better, not compared
            iki__target_angka__isnull=False,
            realisasi_angka__lt=F("iki__target_angka"),
        )
        .values_list("evaluasi_id", "iki__indikator", "realisasi_angka", "iki__target_angka", "iki__satuan")
        .order_by("evaluasi_id", "iki_id")
    )
    for evaluasi_id, indikator, real, target, satuan in trailing:
        e = by_eval[evaluasi_id]
        result[e.pegawai_id].append(
            Kebutuhan(
                "rhk",
                "kinerja",
                _("Realisasi di bawah target"),
                _("Realisasi “%(i)s” pada %(periode)s %(r)s dari target %(t)s %(s)s.")
                % {
                    "i": indikator[:120],
                    "periode": e.periode.nama,
                    "r": angka((real or Decimal(0)).normalize()),
                    "t": angka((target or Decimal(0)).normalize()),
                    "s": satuan,
                },
                need_weight("realisasi"),
            )
        )
    # Only summaries shown to anyone (released, enough raters): appraisal's one reading of them.
    for evaluasi_id, data in released_summaries(by_eval).items():
        e = by_eval[evaluasi_id]
        for nilai in (data or {}).get("nilai", []):
            rata = nilai.get("rata")
            if isinstance(rata, (int, float)) and rata < PERILAKU_BELOW_EXPECTATIONS:
                result[e.pegawai_id].append(
                    Kebutuhan(
                        f"perilaku:{nilai.get('kode', '')}",
                        "kinerja",
                        _("Nilai BerAKHLAK %(n)s") % {"n": nilai.get("nama", "")},
                        _(
                            "Rekan dan bawahan menilai %(n)s Anda rata-rata %(r)s dari 5 pada %(periode)s "
                            "(di bawah 3 berarti di bawah ekspektasi)."
                        )
                        % {"n": nilai.get("nama", ""), "r": angka(rata, 1), "periode": e.periode.nama},
                        need_weight("perilaku"),
                        nama=str(nilai.get("nama", ""))[:150],
                    )
                )
    return result


def needs_for(pegawai_ids: Any, *, kinerja: bool = True, teks: bool = True) -> dict[int, list[Kebutuhan]]:
    """Person id → their needs, ranked. Seven queries for any number of people (four without `kinerja`).
    Without `teks` the competency needs carry no sentence (`alasan` empty): the province-wide job stores
    the structured fields only, and 300,000 translated sentences would cost it seconds."""
    people = list(
        Pegawai.objects.filter(pk__in=pegawai_ids).values_list("pk", "jabatan_id", "jabatan__jenis", "jabatan__jenjang")
    )
    required = required_for_jabatan({(j, jenis, jenjang or "") for _pk, j, jenis, jenjang in people if j})
    assessed = current_levels([p[0] for p in people])
    names = {
        pk: (kode, nama, urutan)
        for pk, kode, nama, urutan in Kompetensi.objects.values_list("pk", "kode", "nama", "urutan")
    }
    signals = _performance([p[0] for p in people]) if kinerja else {}
    result: dict[int, list[Kebutuhan]] = {}
    for pk, jabatan_id, _jenis, _jenjang in people:
        needs: list[Kebutuhan] = []
        mine = assessed.get(pk, {})
        for kompetensi_id, level in sorted(required.get(jabatan_id, {}).items(), key=lambda kv: names[kv[0]][2]):
            kode, nama, _u = names[kompetensi_id]
            actual = mine.get(kompetensi_id)
            if actual is None:
                needs.append(
                    Kebutuhan(
                        f"kompetensi:{kode}",
                        "kompetensi",
                        nama,
                        _("%(k)s belum pernah dinilai; jabatan Anda mensyaratkan level %(r)s.")
                        % {"k": nama, "r": level}
                        if teks
                        else "",
                        need_weight("kompetensi", required=level, actual=None),
                        level,
                        None,
                        nama,
                    )
                )
            elif actual < level:
                needs.append(
                    Kebutuhan(
                        f"kompetensi:{kode}",
                        "kompetensi",
                        nama,
                        _("Mengembangkan %(k)s dari level %(a)s ke level %(r)s yang disyaratkan jabatan Anda.")
                        % {"k": nama, "a": actual, "r": level}
                        if teks
                        else "",
                        need_weight("kompetensi", required=level, actual=actual),
                        level,
                        actual,
                        nama,
                    )
                )
        needs.extend(signals.get(pk, []))
        needs.sort(key=lambda n: -n.bobot)  # stable: Kamus order within one weight
        result[pk] = needs
    return result


@dataclass
class BarisTna:
    kode: str
    jenis: str
    judul: str
    jumlah: int
    jumlah_pegawai: int

    @property
    def persen(self) -> float:
        return round(100 * self.jumlah / self.jumlah_pegawai, 1) if self.jumlah_pegawai else 0.0


@dataclass
class Tna:
    jumlah_pegawai: int
    total: list[BarisTna]
    per_unit: list[tuple[str, int, list[BarisTna]]]  # (unit name, headcount, top needs)


TOP = 5


def tna(scope: QuerySet[Pegawai], *, by: str = "opd", belum_dinilai: bool = False) -> Tna:
    """The training-needs analysis of a set of people: every need counted once per person, the top
    needs overall and per agency (`by="opd"`) or unit (`by="unit"`). Unassessed competencies are left
    out unless asked for (they call for an assessment, not a training)."""
    group = "opd_id" if by == "opd" else "unit_id"
    rows = list(
        scope.filter(aktif=True)
        .annotate(g=F(group), g_nama=Coalesce(F(f"{group[:-3]}__nama"), F("unit__nama")))
        .values_list("pk", "g", "g_nama")
    )
    ids = [r[0] for r in rows]
    needs = needs_for(ids)
    total: Counter[str] = Counter()
    titles: dict[str, tuple[str, str]] = {}
    per: dict[Any, Counter[str]] = defaultdict(Counter)
    heads: Counter[Any] = Counter()
    names: dict[Any, str] = {}
    for pk, g, g_nama in rows:
        heads[g] += 1
        names[g] = g_nama or _("(tanpa unit)")
        seen: set[str] = set()
        for n in needs.get(pk, []):
            if n.dinilai is None and n.jenis == "kompetensi" and not belum_dinilai:
                continue
            key = n.kode
            if key in seen:
                continue
            seen.add(key)
            titles.setdefault(key, (n.jenis, n.judul))
            total[key] += 1
            per[g][key] += 1

    def top(counter: Counter[str], head: int, limit: int | None) -> list[BarisTna]:
        ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [BarisTna(k, titles[k][0], titles[k][1], c, head) for k, c in ranked]

    per_unit = [(names[g], heads[g], top(per[g], heads[g], TOP)) for g in sorted(heads, key=lambda g: names[g])]
    return Tna(len(rows), top(total, len(rows), None), per_unit)


def tna_rows(result: Tna) -> list[list[Any]]:
    """The analysis as table rows (unit, need, kind, people, headcount, percent) for Excel."""
    rows: list[list[Any]] = [[_("Semua"), b.judul, b.jenis, b.jumlah, b.jumlah_pegawai, b.persen] for b in result.total]
    for unit, head, items in result.per_unit:
        rows.extend([unit, b.judul, b.jenis, b.jumlah, head, b.persen] for b in items)
    return rows
