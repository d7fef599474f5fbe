"""The kinds of official document Karier issues, in one registry (issue #13 item 4).

Each kind is one small entry (`JenisDokumen`):
- `find(pegawai_ids, tahun)`: the documents of these people in that year, in ONE query (the person
  page asks for one id, the bulk job for a chunk of ids);
- `render(dokumen)`: the file name (without ".pdf") and the PDF bytes, through the render function
  the owning app already uses for its own PDF route (nothing is re-implemented here);
- `unit_rule(actor, unit)`: a further check on the document's unit (`kunci[1]`) for kinds whose own
  route asks more than "may see the person" (the predikat decision: `can_read_unit_documents`; the SKM
  report: `can_read_skm`), decided once per unit and kept across the bulk job's chunks;
- `per_unit`: a unit's document (the decision lists the whole unit): the zip holds it once.

The person's documents link to the existing PDF routes, which check access themselves. Adding a
kind is one more entry in `KINDS` (the SKM report, issue #13 item 3, is the last one added).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _l

from karier.appraisal.choices import StatusEvaluasi, StatusFinalisasi
from karier.appraisal.models import Evaluasi, FinalisasiUnit, PeriodePenilaian
from karier.development.models import RencanaPengembangan, StatusRencana
from karier.people.access import Actor
from karier.people.models import Pegawai, UnitKerja
from karier.plans.choices import StatusSkp
from karier.plans.models import Skp
from karier.standards.choices import StatusPerjanjian
from karier.standards.models import PerjanjianKinerja
from karier.talent.models import PenetapanAngkaKredit


@dataclass(frozen=True)
class Dokumen:
    """One official document: which kind, whose (None for a unit's document), which record (`kunci`:
    the ids its route takes), how it is titled and where its PDF is served."""

    jenis: str
    pegawai_id: int | None
    kunci: tuple[int, ...]
    judul: str
    url: str
    draf: bool = False


@dataclass(frozen=True)
class JenisDokumen:
    kode: str
    label: Any  # a lazy translation
    find: Callable[[Sequence[int], int], list[Dokumen]]
    render: Callable[[Dokumen], tuple[str, bytes]]
    # a further rule on the document's unit (`kunci[1]`), for kinds whose own route asks more than
    # "may see the person"
    unit_rule: Callable[[Actor, UnitKerja], bool] | None = None
    per_unit: bool = False


# ---------------------------------------------------------------------------- SKP
def _skp_find(ids: Sequence[int], tahun: int) -> list[Dokumen]:
    rows = (
        Skp.objects.filter(pegawai_id__in=ids, tahun_id=tahun)
        .order_by("pegawai_id", "periode_mulai", "pk")
        .values_list("pk", "pegawai_id", "jabatan__nama", "status")
    )
    return [
        Dokumen(
            "skp",
            pid,
            (pk,),
            f"SKP {tahun} — {jab}",
            reverse("plans_insight:skp_pdf", args=[pk]),
            st != StatusSkp.DISETUJUI,
        )
        for pk, pid, jab, st in rows
    ]


def _skp_render(d: Dokumen) -> tuple[str, bytes]:
    from karier.plans import documents

    doc = documents.skp_document(d.kunci[0])
    return doc.filename_stem, documents.pdf_bytes(doc)


# ---------------------------------------------------------------------------- evaluation
def _evaluasi_find(ids: Sequence[int], tahun: int) -> list[Dokumen]:
    rows = (
        Evaluasi.objects.filter(pegawai_id__in=ids, periode__tahun_id=tahun)
        .order_by("pegawai_id", "periode__mulai", "pk")
        .values_list("pk", "pegawai_id", "periode__nama", "status")
    )
    return [
        Dokumen(
            "evaluasi",
            pid,
            (pk,),
            f"Evaluasi Kinerja — {nama}",
            reverse("appraisal_calibration:evaluasi_pdf", args=[pk]),
            st != StatusEvaluasi.FINAL,
        )
        for pk, pid, nama, st in rows
    ]


def _evaluasi_render(d: Dokumen) -> tuple[str, bytes]:
    from karier.appraisal.evaluation import documents

    doc = documents.evaluasi_document(d.kunci[0])
    return doc.filename_stem, documents.evaluasi_pdf(doc)


# ---------------------------------------------------------------------------- predikat decision
def _penetapan_find(ids: Sequence[int], tahun: int) -> list[Dokumen]:
    """The decision of each unit where the person was rated, once that unit is finalised (a decision
    taken; before that the unit's screen shows a draft)."""
    final = FinalisasiUnit.objects.filter(
        unit_id=OuterRef("unit_id"), periode_id=OuterRef("periode_id"), status=StatusFinalisasi.FINAL
    )
    rows = (
        Evaluasi.objects.filter(Exists(final), pegawai_id__in=ids, periode__tahun_id=tahun)
        .order_by("pegawai_id", "periode__mulai", "unit_id")
        .values_list("pegawai_id", "unit_id", "periode_id", "unit__nama", "periode__nama")
        .distinct()
    )
    return [
        Dokumen(
            "penetapan",
            pid,
            (periode_id, unit_id),
            f"Penetapan Predikat Kinerja — {unit} — {periode}",
            reverse("appraisal_calibration:penetapan_pdf", args=[periode_id, unit_id]),
        )
        for pid, unit_id, periode_id, unit, periode in rows
    ]


def _penetapan_rule(actor: Actor, unit: UnitKerja) -> bool:
    """The decision's own rule (unit head, agency head, BKD, auditor)."""
    from karier.appraisal.calibration.access import can_read_unit_documents

    return can_read_unit_documents(actor, unit)


def _penetapan_render(d: Dokumen) -> tuple[str, bytes]:
    from karier.appraisal.evaluation import documents

    periode = PeriodePenilaian.objects.select_related("tahun").get(pk=d.kunci[0])
    unit = UnitKerja.objects.get(pk=d.kunci[1])
    doc = documents.penetapan_document(unit, periode)
    return doc.filename_stem, documents.penetapan_pdf(doc)


# ---------------------------------------------------------------------------- Perjanjian Kinerja
def _perjanjian_find(ids: Sequence[int], tahun: int) -> list[Dokumen]:
    """The agency's agreement, on the page of the agency head who holds its head position (pihak
    pertama); the other people of the agency have none of their own."""
    agreement = PerjanjianKinerja.objects.filter(opd_id=OuterRef("jabatan__unit_id"), tahun=tahun)
    rows = (
        Pegawai.objects.filter(pk__in=ids, jabatan__adalah_kepala_unit=True, jabatan__unit__parent__isnull=True)
        .annotate(pk_id=Subquery(agreement.values("pk")[:1]), pk_status=Subquery(agreement.values("status")[:1]))
        .filter(pk_id__isnull=False)
        .order_by("pk")
        .values_list("pk", "pk_id", "pk_status", "jabatan__unit__nama")
    )
    return [
        Dokumen(
            "perjanjian",
            pid,
            (pk_id,),
            f"Perjanjian Kinerja {tahun} — {opd}",
            reverse("standards:perjanjian_pdf", args=[pk_id]),
            st != StatusPerjanjian.DITANDATANGANI,
        )
        for pid, pk_id, st, opd in rows
    ]


def _perjanjian_render(d: Dokumen) -> tuple[str, bytes]:
    from karier.standards import documents

    doc = documents.perjanjian_document(PerjanjianKinerja.objects.select_related("opd").get(pk=d.kunci[0]))
    return doc.filename_stem, documents.perjanjian_pdf(doc)


# ---------------------------------------------------------------------------- PAK
def _pak_find(ids: Sequence[int], tahun: int) -> list[Dokumen]:
    rows = (
        PenetapanAngkaKredit.objects.filter(pegawai_id__in=ids, tahun=tahun)
        .order_by("pegawai_id", "pk")
        .values_list("pk", "pegawai_id", "nomor")
    )
    return [
        Dokumen("pak", pid, (pk,), f"PAK {tahun} — {nomor}", reverse("talent:credit_pak_pdf", args=[pk]))
        for pk, pid, nomor in rows
    ]


def _pak_render(d: Dokumen) -> tuple[str, bytes]:
    from karier.talent.credit import documents

    pak = PenetapanAngkaKredit.objects.get(pk=d.kunci[0])
    return documents.pak_filename(pak), documents.pak_pdf(pak)


# ---------------------------------------------------------------------------- IDP
def _idp_find(ids: Sequence[int], tahun: int) -> list[Dokumen]:
    rows = (
        RencanaPengembangan.objects.filter(pegawai_id__in=ids, tahun=tahun)
        .order_by("pegawai_id", "pk")
        .values_list("pk", "pegawai_id", "status")
    )
    return [
        Dokumen(
            "idp",
            pid,
            (pk,),
            f"Rencana Pengembangan Kompetensi {tahun}",
            reverse("development:rencana_pdf", args=[pk]),
            st != StatusRencana.DISETUJUI,
        )
        for pk, pid, st in rows
    ]


def _idp_render(d: Dokumen) -> tuple[str, bytes]:
    from karier.development.idp import documents

    doc = documents.rencana_document(RencanaPengembangan.objects.get(pk=d.kunci[0]))
    return doc.filename_stem, documents.rencana_pdf(doc)


# ---------------------------------------------------------------------------- SKM report
def _skm_find(ids: Sequence[int], tahun: int) -> list[Dokumen]:
    """The published (closed) SKM reports of the units these people work in, for periods ending in
    `tahun`: a unit's document, like the predikat decision (the zip holds it once). Two queries: the
    people's units, then the units' periods."""
    from karier.appraisal.public.skm.choices import StatusSkm
    from karier.appraisal.public.skm.models import PeriodeSkm

    unit_of = dict(Pegawai.objects.filter(pk__in=ids, jabatan__isnull=False).values_list("pk", "jabatan__unit_id"))
    rows = (
        PeriodeSkm.objects.filter(unit_id__in=set(unit_of.values()), selesai__year=tahun, status=StatusSkm.TUTUP)
        .order_by("unit_id", "mulai", "pk")
        .values_list("pk", "unit_id", "unit__nama", "nama")
    )
    by_unit: dict[int, list[tuple[int, str, str]]] = {}
    for pk, unit_id, unit, nama in rows:
        by_unit.setdefault(unit_id, []).append((pk, unit, nama))
    return [
        Dokumen(
            "skm",
            pid,
            (pk, unit_id),  # (period, unit), like the predikat decision: the access check reads no period
            f"Laporan SKM — {unit} — {nama}",
            reverse("public_feedback:skm_kelola_pdf", args=[pk]),
        )
        for pid, unit_id in unit_of.items()
        for pk, unit, nama in by_unit.get(unit_id, [])
    ]


def _skm_rule(actor: Actor, unit: UnitKerja) -> bool:
    """The report's own rule (`can_read_skm`: the unit's managers, BKD, auditors)."""
    from karier.appraisal.public.skm.access import can_read_skm

    return can_read_skm(actor, unit)


def _skm_render(d: Dokumen) -> tuple[str, bytes]:
    from karier.appraisal.public.skm import documents
    from karier.appraisal.public.skm.models import PeriodeSkm

    periode = PeriodeSkm.objects.select_related("unit", "unit__opd").get(pk=d.kunci[0])
    return documents.filename_stem(periode), documents.skm_report_pdf(periode)


KINDS: tuple[JenisDokumen, ...] = (
    JenisDokumen("skp", _l("SKP"), _skp_find, _skp_render),
    JenisDokumen("evaluasi", _l("Dokumen evaluasi kinerja"), _evaluasi_find, _evaluasi_render),
    JenisDokumen(
        "penetapan",
        _l("Penetapan predikat kinerja"),
        _penetapan_find,
        _penetapan_render,
        unit_rule=_penetapan_rule,
        per_unit=True,
    ),
    JenisDokumen("perjanjian", _l("Perjanjian Kinerja"), _perjanjian_find, _perjanjian_render),
    JenisDokumen("pak", _l("Penetapan Angka Kredit (PAK)"), _pak_find, _pak_render),
    JenisDokumen("idp", _l("Rencana pengembangan (IDP)"), _idp_find, _idp_render),
    JenisDokumen(
        "skm",
        _l("Laporan Survei Kepuasan Masyarakat (SKM)"),
        _skm_find,
        _skm_render,
        unit_rule=_skm_rule,
        per_unit=True,
    ),
)
BY_KODE = {k.kode: k for k in KINDS}


def documents_of(
    actor: Actor, pegawai_ids: Sequence[int], tahun: int, *, checked: dict[tuple[str, int], bool] | None = None
) -> dict[str, list[Dokumen]]:
    """Every kind's documents of these (visible) people in `tahun`: one query per kind, plus one for
    the units whose rule is not yet decided. `checked` ({(kind, unit id): allowed}) carries those
    decisions from one call to the next (the bulk job's chunks share one)."""
    known = {} if checked is None else checked
    found = {kind.kode: kind.find(pegawai_ids, tahun) for kind in KINDS}
    todo = {
        d.kunci[1]
        for kind in KINDS
        if kind.unit_rule is not None
        for d in found[kind.kode]
        if (kind.kode, d.kunci[1]) not in known
    }
    units = UnitKerja.objects.in_bulk(todo) if todo else {}
    out: dict[str, list[Dokumen]] = {}
    for kind in KINDS:
        rule = kind.unit_rule
        if rule is None:
            out[kind.kode] = found[kind.kode]
            continue
        keep = []
        for d in found[kind.kode]:
            key = (kind.kode, d.kunci[1])
            if key not in known:
                unit = units.get(d.kunci[1])
                known[key] = unit is not None and rule(actor, unit)
            if known[key]:
                keep.append(d)
        out[kind.kode] = keep
    return out
