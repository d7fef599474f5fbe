"""Reads for competency standards and profiles: set-based, a fixed number of queries per call.

`required_for_jabatan` gives the level every position requires (the rules' default table by kind of
position or functional jenjang, overridden per position by `StandarKompetensiJabatan`);
`current_levels` the latest assessment in force per person and competency (one windowed query).
Both take many ids at once, so a team, a unit or the province costs the same number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F, Prefetch, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from karier.development.models import (
    JenisKompetensi,
    Kompetensi,
    LevelKompetensi,
    PenilaianKompetensi,
    SkorPotensi,
    StandarKompetensiJabatan,
    StatusUsulan,
    UsulanPenilaianMandiri,
)
from karier.people.access import Actor, unit_for_actor, visible_pegawai
from karier.people.choices import JenisJabatan
from karier.people.models import Jabatan, Pegawai
from karier.rules import competency as rule
from karier.rules.jabatan import JenisJabatan as RuleJenis

_RULE_KEY = {
    JenisJabatan.JPT_UTAMA: RuleJenis.JPT_UTAMA.value,
    JenisJabatan.JPT_MADYA: RuleJenis.JPT_MADYA.value,
    JenisJabatan.JPT_PRATAMA: RuleJenis.JPT_PRATAMA.value,
    JenisJabatan.ADMINISTRATOR: RuleJenis.ADMINISTRATOR.value,
    JenisJabatan.PENGAWAS: RuleJenis.PENGAWAS.value,
    JenisJabatan.PELAKSANA: RuleJenis.PELAKSANA.value,
}


def default_key(jenis: str, jenjang: str) -> str | None:
    """The row of the rules' default table for a position: its kind, or its jenjang if functional."""
    if jenis == JenisJabatan.FUNGSIONAL:
        return jenjang or None
    return _RULE_KEY.get(JenisJabatan(jenis)) if jenis in JenisJabatan.values else None


def default_levels(jenis: str, jenjang: str) -> dict[str, int]:
    """Competency code → default required level (empty when the position's kind has no row)."""
    key = default_key(jenis, jenjang)
    if key is None or key not in rule.DEFAULT_REQUIRED_LEVELS:
        return {}
    return rule.required_levels(key)


def kamus() -> list[Kompetensi]:
    """The active dictionary with its levels (two queries)."""
    return list(
        Kompetensi.objects.filter(aktif=True).prefetch_related(
            Prefetch("levels", queryset=LevelKompetensi.objects.order_by("level"))
        )
    )


def required_for_jabatan(jabatan: Iterable[tuple[int, str, str]]) -> dict[int, dict[int, int]]:
    """Position id → competency id → required level, for (id, jenis, jenjang) triples. Two queries."""
    rows = list(jabatan)
    ids_by_code = dict(Kompetensi.objects.filter(aktif=True).values_list("kode", "pk"))
    result: dict[int, dict[int, int]] = {}
    for jabatan_id, jenis, jenjang in rows:
        result[jabatan_id] = {
            ids_by_code[code]: level for code, level in default_levels(jenis, jenjang).items() if code in ids_by_code
        }
    overrides = StandarKompetensiJabatan.objects.filter(
        jabatan_id__in=[r[0] for r in rows], kompetensi__aktif=True
    ).values_list("jabatan_id", "kompetensi_id", "level")
    for jabatan_id, kompetensi_id, level in overrides:
        result.setdefault(jabatan_id, {})[kompetensi_id] = level
    return result


def current_assessments(pegawai_ids: QuerySet[Any] | list[int]) -> QuerySet[PenilaianKompetensi]:
    """The assessment in force per person and competency: the latest by date, then by entry."""
    return (
        PenilaianKompetensi.objects.filter(pegawai_id__in=pegawai_ids)
        .annotate(
            urutan=Window(
                RowNumber(),
                partition_by=[F("pegawai_id"), F("kompetensi_id")],
                order_by=[F("tanggal").desc(), F("pk").desc()],
            )
        )
        .filter(urutan=1)
    )


def current_levels(pegawai_ids: QuerySet[Any] | list[int]) -> dict[int, dict[int, int]]:
    """Person id → competency id → assessed level in force. One query."""
    result: dict[int, dict[int, int]] = defaultdict(dict)
    for pegawai_id, kompetensi_id, level in current_assessments(pegawai_ids).values_list(
        "pegawai_id", "kompetensi_id", "level"
    ):
        result[pegawai_id][kompetensi_id] = level
    return result


@dataclass
class BarisStandar:
    kompetensi: Kompetensi
    level: int
    bawaan: int | None  # the default table's level, None for technical competencies
    level_obj: LevelKompetensi | None

    @property
    def diubah(self) -> bool:
        return self.bawaan is not None and self.level != self.bawaan


def standar_jabatan(jabatan: Jabatan) -> list[BarisStandar]:
    """The position's required levels with the level's description and plain meaning (3 queries)."""
    dictionary = kamus()
    required = required_for_jabatan([(jabatan.pk, jabatan.jenis, jabatan.jenjang)]).get(jabatan.pk, {})
    defaults = default_levels(jabatan.jenis, jabatan.jenjang)
    rows = []
    for k in dictionary:
        if k.pk not in required:
            continue
        level = required[k.pk]
        by_level = {lv.level: lv for lv in k.levels.all()}
        rows.append(BarisStandar(k, level, defaults.get(k.kode), by_level.get(level)))
    return rows


@dataclass
class BarisProfil:
    kompetensi: Kompetensi
    disyaratkan: int | None
    dinilai: PenilaianKompetensi | None
    riwayat: list[PenilaianKompetensi] = field(default_factory=list)
    levels: dict[int, LevelKompetensi] = field(default_factory=dict)

    @property
    def kesenjangan(self) -> int:
        if self.disyaratkan is None:
            return 0
        return max(0, self.disyaratkan - (self.dinilai.level if self.dinilai else 0))

    @property
    def arti_disyaratkan(self) -> str:
        lv = self.levels.get(self.disyaratkan or 0)
        return lv.arti if lv else ""


@dataclass
class Profil:
    pegawai: Pegawai
    baris: list[BarisProfil]
    potensi: SkorPotensi | None


def profil(pegawai: Pegawai) -> Profil:
    """A person's competency profile: required vs assessed per competency, with the history. Six
    queries whatever the history's length."""
    jabatan = pegawai.jabatan
    required: dict[int, int] = {}
    if jabatan is not None:
        required = required_for_jabatan([(jabatan.pk, jabatan.jenis, jabatan.jenjang)]).get(jabatan.pk, {})
    history: dict[int, list[PenilaianKompetensi]] = defaultdict(list)
    for p in (
        PenilaianKompetensi.objects.filter(pegawai=pegawai)
        .select_related("dicatat_oleh", "pendaftaran__sesi__kegiatan")  # the activity behind a KEGIATAN level
        .order_by("-tanggal", "-pk")
    ):
        history[p.kompetensi_id].append(p)
    rows = []
    for k in kamus():
        if k.pk not in required and k.pk not in history:
            continue
        h = history.get(k.pk, [])
        rows.append(BarisProfil(k, required.get(k.pk), h[0] if h else None, h, {lv.level: lv for lv in k.levels.all()}))
    potensi = SkorPotensi.objects.filter(pegawai=pegawai).first()
    return Profil(pegawai, rows, potensi)


def kompetensi_teknis() -> QuerySet[Kompetensi]:
    return Kompetensi.objects.filter(jenis=JenisKompetensi.TEKNIS).prefetch_related("levels")


def kompetensi_for_id(kompetensi_id: int) -> Kompetensi:
    """A competency of the dictionary (not personal data: every signed-in user may read it); 409 when
    unknown, since it is an input, not the resource addressed."""
    found = Kompetensi.objects.filter(pk=kompetensi_id).first()
    if found is None:
        raise ValidationError({"kompetensi": _("Kompetensi tidak dikenal.")})
    return found


def tna_scope(actor: Actor, *, opd_id: int | None = None, unit_id: int | None = None) -> QuerySet[Pegawai]:
    """The people an analysis counts: those the actor sees, narrowed to an agency or a unit's subtree
    (a hidden or unknown unit is 404)."""
    scope = visible_pegawai(actor)
    if opd_id is not None:
        unit_for_actor(actor, opd_id)
        scope = scope.filter(opd_id=opd_id)
    if unit_id is not None:
        unit = unit_for_actor(actor, unit_id)
        scope = scope.filter(unit__path__subtree=unit.path)
    return scope


def usulan_terbuka(pegawai: Pegawai) -> QuerySet[UsulanPenilaianMandiri]:
    """The person's self-assessments awaiting the superior."""
    return UsulanPenilaianMandiri.objects.filter(pegawai=pegawai, status=StatusUsulan.DIUSULKAN).select_related(
        "kompetensi"
    )
