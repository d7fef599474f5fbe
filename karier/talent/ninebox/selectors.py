"""Reads of the 9-box screens and API (issue #12 item 4). Every read starts from the actor's visible
placements (`access.visible_penempatan`) and filters by the indexed columns (tahun, opd/unit, kotak),
so a grid or a cell costs the same few queries at any size."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from karier.people.access import Actor, can_see_pegawai
from karier.people.models import Pegawai, UnitKerja
from karier.rules import NINE_BOX, SUCCESSION_BOXES, Level, nine_box_category, nine_box_recommendation
from karier.talent.models import AturanTalenta, HukumanDisiplin, PenempatanTalenta
from karier.talent.ninebox import access, jenis
from karier.talent.ninebox.compute import why_not_placed

KINERJA_ROWS = (
    (Level.TINGGI, _l("Di Atas Ekspektasi")),
    (Level.MENENGAH, _l("Sesuai Ekspektasi")),
    (Level.RENDAH, _l("Di Bawah Ekspektasi")),
)
POTENSIAL_COLS = (Level.RENDAH, Level.MENENGAH, Level.TINGGI)
BOXES = tuple(range(1, 10))


@dataclass(frozen=True)
class Scope:
    """Province (both None), one agency, or one unit with its sub-units."""

    opd: UnitKerja | None = None
    unit: UnitKerja | None = None

    @property
    def level(self) -> str:
        return "unit" if self.unit else "opd" if self.opd else "provinsi"

    def query(self) -> dict[str, int]:
        if self.unit:
            return {"unit": self.unit.pk}
        if self.opd:
            return {"opd": self.opd.pk}
        return {}


def scope_for(opd_id: int | None, unit_id: int | None) -> Scope:
    """The scope named by the filters (404 for an unknown unit: the org chart itself is public)."""
    if unit_id:
        unit = UnitKerja.objects.select_related("opd").filter(pk=unit_id).first()
        if unit is None:
            raise Http404(_("Unit kerja tidak ditemukan."))
        return Scope(opd=unit.opd or (unit if unit.jenis == "OPD" else None), unit=unit)
    if opd_id:
        opd = UnitKerja.objects.filter(pk=opd_id).first()
        if opd is None:
            raise Http404(_("Perangkat daerah tidak ditemukan."))
        return Scope(opd=opd)
    return Scope()


def scoped(actor: Actor, tahun: int, scope: Scope) -> QuerySet[PenempatanTalenta]:
    qs = access.visible_penempatan(actor).filter(tahun=tahun)
    if scope.unit:
        return qs.filter(unit_id__in=UnitKerja.objects.filter(path__subtree=scope.unit.path).values("pk"))
    if scope.opd:
        return qs.filter(opd_id=scope.opd.pk)
    return qs


def years() -> list[int]:
    """The years from the first placed to the last, newest first (years are not personal data). Two
    index look-ups on every grid request, where a DISTINCT reads the whole table (a million rows a
    year); a year inside the span without placements shows the grid's empty state."""
    span = PenempatanTalenta.objects.aggregate(first=Min("tahun"), last=Max("tahun"))
    if span["last"] is None:
        return []
    return list(range(span["last"], span["first"] - 1, -1))


def counts(qs: QuerySet[PenempatanTalenta]) -> dict[int, dict[str, int]]:
    """box → {"n": people, "dikecualikan": of whom excluded from talent pools} (one query)."""
    out = {box: {"n": 0, "dikecualikan": 0} for box in BOXES}
    for row in qs.order_by().values("kotak").annotate(n=Count("pk"), x=Count("pk", filter=Q(dikecualikan=True))):
        out[row["kotak"]] = {"n": row["n"], "dikecualikan": row["x"]}
    return out


def grid(box_counts: dict[int, dict[str, int]]) -> list[dict[str, Any]]:
    """The 3×3 grid: Kinerja rows (top: Di atas ekspektasi), Potensial columns (left: Rendah)."""
    total = sum(c["n"] for c in box_counts.values()) or 1
    rows = []
    for kinerja, label in KINERJA_ROWS:
        cells = []
        for potensial in POTENSIAL_COLS:
            box = NINE_BOX[(kinerja, potensial)]
            cells.append(
                {
                    "kotak": box,
                    "nama": nine_box_category(box),
                    "n": box_counts[box]["n"],
                    "dikecualikan": box_counts[box]["dikecualikan"],
                    "persen": round(100 * box_counts[box]["n"] / total),
                    "suksesi": box in SUCCESSION_BOXES,
                }
            )
        rows.append({"kinerja": kinerja.value, "label": label, "cells": cells})
    return rows


def breakdown(qs: QuerySet[PenempatanTalenta], scope: Scope) -> list[dict[str, Any]]:
    """One level down: agencies of the province, units of an agency or of a unit (two queries)."""
    key = "opd_id" if scope.level == "provinsi" else "unit_id"
    grouped = list(
        qs.order_by()
        .values(key)
        .annotate(n=Count("pk"), suksesi=Count("pk", filter=Q(kotak__in=SUCCESSION_BOXES)))
        .filter(**{f"{key}__isnull": False})
    )
    names = dict(UnitKerja.objects.filter(pk__in=[g[key] for g in grouped]).values_list("pk", "nama"))
    rows = [{"id": g[key], "nama": names.get(g[key], "?"), "n": g["n"], "suksesi": g["suksesi"]} for g in grouped]
    return sorted(rows, key=lambda r: r["nama"])


def cell(qs: QuerySet[PenempatanTalenta], kotak: int) -> QuerySet[PenempatanTalenta]:
    return (
        qs.filter(kotak=kotak)
        .select_related("pegawai", "pegawai__jabatan", "unit", "opd")
        .order_by("pegawai__nama", "pk")
    )


def transitions(actor: Actor, tahun: int, scope: Scope) -> dict[str, Any]:
    """Moves between boxes from `tahun - 1` to `tahun` for the scope (of year `tahun`): a 9×9 count
    table (rows: box of the year before), the moves listed with their counts, and how many are new."""
    before = PenempatanTalenta.objects.filter(pegawai_id=OuterRef("pegawai_id"), tahun=tahun - 1).values("kotak")[:1]
    rows = list(
        scoped(actor, tahun, scope)
        .order_by()
        .annotate(asal=Subquery(before))
        .values("asal", "kotak")
        .annotate(n=Count("pk"))
    )
    table = {a: dict.fromkeys(BOXES, 0) for a in BOXES}
    baru = naik = turun = tetap = 0
    moves = []
    for r in rows:
        if r["asal"] is None:
            baru += r["n"]
            continue
        table[r["asal"]][r["kotak"]] = r["n"]
        if r["asal"] == r["kotak"]:
            tetap += r["n"]
        else:
            moves.append({"dari": r["asal"], "ke": r["kotak"], "n": r["n"]})
            if r["kotak"] > r["asal"]:
                naik += r["n"]
            else:
                turun += r["n"]
    moves.sort(key=lambda m: (-m["n"], m["dari"], m["ke"]))
    return {
        "tabel": [{"dari": a, "ke": [table[a][b] for b in BOXES]} for a in BOXES],
        "pindah": moves,
        "baru": baru,
        "naik": naik,
        "turun": turun,
        "tetap": tetap,
    }


def history(pegawai: Pegawai) -> list[PenempatanTalenta]:
    """A person's placements, newest year first, with the rule set of each (one query)."""
    return list(PenempatanTalenta.objects.filter(pegawai=pegawai).select_related("aturan").order_by("-tahun"))


def describe(row: PenempatanTalenta, *, with_sanctions: bool) -> dict[str, Any]:
    """A placement as the screens, the API and the career page show it. Without `with_sanctions` (the
    viewer may not see the person's sanctions) the sanctions checked are left out of the inputs
    (`hukuman` is None): the explanation still says whether one excluded, not which, nor a light one."""
    masukan = dict(row.masukan or {})
    checked = masukan.get("hukuman", []) if with_sanctions else None
    if not with_sanctions:
        masukan.pop("hukuman", None)
    return {
        "id": row.pk,
        "tahun": row.tahun,
        "kotak": row.kotak,
        "nama_kotak": nine_box_category(row.kotak),
        "kinerja": row.kinerja,
        "potensial": row.potensial,
        "kinerja_label": row.get_kinerja_display(),
        "potensial_label": row.get_potensial_display(),
        "skor_potensial": row.skor_potensial,
        "dikecualikan": row.dikecualikan,
        "alasan_pengecualian": list(row.alasan_pengecualian or []),
        "rekomendasi": list(nine_box_recommendation(row.kotak)),
        "penjelasan": list(row.penjelasan or []),
        "aturan": {
            "id": row.aturan_id,
            "kode": row.aturan.kode,
            "versi": row.aturan.versi,
            "nama": row.aturan.nama,
            "regulasi": row.aturan.regulasi,
        },
        "masukan": masukan,
        "hukuman": None
        if checked is None
        else [
            dict(
                h,
                nama=jenis.nama(h["jenis"]),
                tingkat_label=str(jenis.TINGKAT_LABEL.get(h["tingkat"], h["tingkat"])),
                tmt=dt.date.fromisoformat(h["tmt_mulai"]),
            )
            for h in checked
        ],
        "jpm_tanggal": dt.date.fromisoformat(masukan["jpm"]["tanggal"]) if masukan.get("jpm") else None,
        "dihitung_pada": row.dihitung_pada,
        "suksesi": row.kotak in SUCCESSION_BOXES and not row.dikecualikan,
    }


def person(actor: Actor, pegawai: Pegawai, tahun: int | None = None) -> dict[str, Any]:
    """A person's placement of `tahun` (else the latest), their history, and why not when missing
    (the caller has checked that the actor sees the person; the sanctions only for whoever sees them)."""
    rows = history(pegawai)
    chosen = next((r for r in rows if tahun is None or r.tahun == tahun), None)
    year = tahun or (chosen.tahun if chosen else None) or (max(years(), default=None))
    sanctions = access.may_see_sanctions_of(actor, pegawai)
    return {
        "penempatan": describe(chosen, with_sanctions=sanctions) if chosen else None,
        "tahun": year,
        "riwayat": [{"tahun": r.tahun, "kotak": r.kotak, "nama_kotak": nine_box_category(r.kotak)} for r in rows],
        "alasan_belum": [] if chosen or year is None else why_not_placed(pegawai.pk, pegawai.opd_id, year),
    }


def placement_for_person(actor: Actor, pegawai: Pegawai) -> dict[str, Any] | None:
    """For the career page: the person's latest placement explained (`penempatan`, None when not
    placed, with `alasan_belum` saying why), their boxes by year and the link to the full page.
    None when the actor may not see the person."""
    if not can_see_pegawai(actor, pegawai):
        return None
    data = person(actor, pegawai)
    data["url"] = reverse("talent:ninebox_pegawai", args=[pegawai.pk])
    return data


def rulesets() -> QuerySet[AturanTalenta]:
    return AturanTalenta.objects.select_related("opd").order_by("kode", "-versi")


def hukuman_rows(
    actor: Actor,
    *,
    opd_id: int | None = None,
    tingkat: str = "",
    jenis_id: int | None = None,
    tahun: int | None = None,
    q: str = "",
    pegawai_id: int | None = None,
) -> QuerySet[HukumanDisiplin]:
    qs = access.visible_hukuman(actor).select_related("pegawai", "pegawai__opd")
    if opd_id:
        qs = qs.filter(pegawai__opd_id=opd_id)
    if tingkat:
        qs = qs.filter(tingkat=tingkat)
    if jenis_id:
        qs = qs.filter(jenis=jenis_id)
    if tahun:
        qs = qs.filter(tmt_mulai__year=tahun)
    if pegawai_id:
        qs = qs.filter(pegawai_id=pegawai_id)
    if q:
        qs = qs.filter(Q(pegawai__nama__icontains=q) | Q(pegawai__nip__startswith=q) | Q(nomor_sk__icontains=q))
    return qs.order_by("-tmt_mulai", "-pk")
