"""REST endpoints for the cascade, coverage, bulk creation and SKP documents (issue #4, parts 3, 5, 6).

Same rules as the screens: aggregate figures per agency for its members and province-wide for
admins and auditors; person-level lists only for people visible to the caller; a plan is readable
iff its owner is (404 otherwise). Bulk creation answers 202 with a job to poll.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status

from karier.api.helpers import binary_response
from karier.api.pagination import paginate
from karier.api.schemas import ERRORS, ERRORS_404, MAX_ID, ErrorOut, In, JobOut, Page, PageParams
from karier.core.choices import JenisTugasLatar
from karier.core.jobs import job_dict, job_for_actor
from karier.people.access import Actor, actor_from_request
from karier.people.schemas import nip_formatted
from karier.plans import cascade, cascade_coverage, documents
from karier.plans.access import skp_for_actor
from karier.plans.bulk import bulk_roots, skp_bulk_start

router = Router(tags=["SKP: kaskade dan dokumen"])


class ServiceErrorOut(Schema):
    """A service refused the request (e.g. a closed year): messages in Bahasa Indonesia by field."""

    detail: str = Field(..., examples=["Data tidak valid."])
    errors: dict[str, list[str]]


ERRORS_403: dict[int, Any] = {**ERRORS, 403: ErrorOut, 409: ServiceErrorOut}


def _this_year() -> int:
    return timezone.localdate().year


# ---------------------------------------------------------------------------- shapes
class ScopeParams(In):
    tahun: int = Field(default_factory=_this_year, ge=2000, le=2100, description="Tahun kinerja (bawaan: tahun ini).")
    opd: int | None = Field(
        None,
        ge=1,
        le=MAX_ID,
        description="Id perangkat daerah. Tanpa ini: seluruh provinsi "
        "(admin/auditor) atau perangkat daerah Anda sendiri.",
    )
    unit: int | None = Field(None, ge=1, le=MAX_ID, description="Id unit kerja, termasuk sub-unitnya.")


class NodeParams(In):
    node: str = Field(
        ...,
        pattern=cascade.NODE_RE.pattern,
        description="Simpul yang dibuka: `iku:<id>`, `ind:<id>`, `pk:<id>` atau `rhk:<id>`.",
    )
    offset: int = Field(0, ge=0, le=1_000_000_000, description="Lewati sejumlah RHK pertama.")
    limit: int = Field(cascade.LIMIT, ge=1, le=200, description="Jumlah RHK per halaman (1–200).")


class RatioOut(Schema):
    bagian: int
    total: int
    persen: float


class CoverageOut(Schema):
    tahun: int
    opd_id: int | None
    unit_id: int | None
    indikator: RatioOut = Field(
        ...,
        description="Indikator (IKU provinsi dan indikator OPD) yang dirujuk RHK "
        "atau baris perjanjian kinerja tahun itu.",
    )
    pegawai_disetujui: RatioOut = Field(..., description="Pegawai aktif dengan SKP disetujui.")
    pegawai_ber_skp: RatioOut = Field(..., description="Pegawai aktif yang sudah mempunyai SKP (semua status).")
    rhk_terhubung: RatioOut = Field(..., description="RHK (di luar SKP JPT) yang menyebut RHK atasan.")


class NodeOut(Schema):
    key: str
    kind: str
    label: str
    kode: str
    detail: str
    counts: dict[str, int]
    n_children: int
    hidden: bool
    children: list[NodeOut] = []


class ChildrenOut(Schema):
    parent: str
    total: int
    offset: int
    limit: int
    items: list[NodeOut]


class PegawaiGapOut(Schema):
    id: int
    nip: str
    nip_formatted: str
    nama_lengkap: str
    jabatan: str | None
    unit: str | None
    opd: str | None


class RhkGapOut(Schema):
    id: int
    teks: str
    skp_id: int
    pegawai_id: int
    nama_lengkap: str
    jabatan: str
    unit: str


class IndikatorGapOut(Schema):
    id: int
    kode: str
    nama: str
    satuan: str
    opd: str | None = Field(None, description="Perangkat daerah pemilik indikator; kosong untuk IKU provinsi.")


class BulkIn(In):
    tahun: int = Field(..., ge=2000, le=2100)
    unit_id: int | None = Field(None, ge=1, le=MAX_ID, description="Unit kerja (beserta sub-unitnya).")
    opd_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Perangkat daerah. Tanpa unit/OPD: seluruh provinsi (hanya admin BKD)."
    )


def _node(n: cascade.Node) -> dict[str, Any]:
    return {
        "key": n.key,
        "kind": n.kind,
        "label": n.label,
        "kode": n.kode,
        "detail": n.detail,
        "counts": n.counts,
        "n_children": n.n_children,
        "hidden": n.hidden,
        "children": [_node(c) for c in n.children],
    }


def _scope(actor: Actor, p: ScopeParams) -> cascade.CascadeFilter:
    return cascade.coverage_scope(actor, tahun=p.tahun, opd_id=p.opd, unit_id=p.unit)


# ---------------------------------------------------------------------------- coverage
@router.get(
    "/skp/cakupan",
    response={200: CoverageOut, **ERRORS_404},
    url_name="skp_cakupan",
    summary="Angka cakupan kaskade kinerja",
)
def coverage(request: HttpRequest, scope: Query[ScopeParams]) -> dict[str, Any]:
    f = _scope(actor_from_request(request), scope)
    cov = cascade_coverage.coverage(f)

    def ratio(r: cascade_coverage.Ratio) -> dict[str, Any]:
        return {"bagian": r.bagian, "total": r.total, "persen": r.persen}

    return {
        "tahun": f.tahun,
        "opd_id": f.opd,
        "unit_id": f.unit.pk if f.unit else None,
        "indikator": ratio(cov.indikator),
        "pegawai_disetujui": ratio(cov.pegawai_disetujui),
        "pegawai_ber_skp": ratio(cov.pegawai_ber_skp),
        "rhk_terhubung": ratio(cov.rhk_terhubung),
    }


@router.get(
    "/skp/cakupan/pegawai-tanpa-skp",
    response={200: Page[PegawaiGapOut], **ERRORS_404},
    url_name="skp_celah_pegawai",
    summary="Pegawai aktif tanpa SKP (hanya yang boleh Anda lihat)",
)
def gap_pegawai(request: HttpRequest, scope: Query[ScopeParams], page: Query[PageParams]) -> dict[str, Any]:
    actor = actor_from_request(request)
    out = paginate(cascade_coverage.gap_tanpa_skp(actor, _scope(actor, scope)), page)
    out["items"] = [
        {
            "id": p.pk,
            "nip": p.nip,
            "nip_formatted": nip_formatted(p.nip),
            "nama_lengkap": p.nama_lengkap,
            "jabatan": p.jabatan.nama if p.jabatan else None,
            "unit": p.unit.nama if p.unit else None,
            "opd": p.opd.nama if p.opd else None,
        }
        for p in out["items"]
    ]
    return out


@router.get(
    "/skp/cakupan/rhk-yatim",
    response={200: Page[RhkGapOut], **ERRORS_404},
    url_name="skp_celah_rhk",
    summary="RHK tanpa RHK atasan yang diintervensi (di luar SKP JPT)",
)
def gap_rhk(request: HttpRequest, scope: Query[ScopeParams], page: Query[PageParams]) -> dict[str, Any]:
    actor = actor_from_request(request)
    out = paginate(cascade_coverage.gap_rhk_yatim(actor, _scope(actor, scope)), page)
    out["items"] = [
        {
            "id": r.pk,
            "teks": r.teks,
            "skp_id": r.skp_id,
            "pegawai_id": r.skp.pegawai_id,
            "nama_lengkap": r.skp.pegawai.nama_lengkap,
            "jabatan": r.skp.jabatan.nama,
            "unit": r.skp.unit.nama,
        }
        for r in out["items"]
    ]
    return out


@router.get(
    "/skp/cakupan/indikator-tanpa-pemilik",
    response={200: Page[IndikatorGapOut], **ERRORS_404},
    url_name="skp_celah_indikator",
    summary="Indikator kinerja yang belum dirujuk RHK atau perjanjian kinerja",
)
def gap_indikator(request: HttpRequest, scope: Query[ScopeParams], page: Query[PageParams]) -> dict[str, Any]:
    out = paginate(cascade_coverage.gap_indikator(_scope(actor_from_request(request), scope)), page)
    out["items"] = [
        {"id": i.pk, "kode": i.kode, "nama": i.nama, "satuan": i.satuan, "opd": i.opd_nama} for i in out["items"]
    ]  # type: ignore[attr-defined]
    return out


# ---------------------------------------------------------------------------- cascade
@router.get(
    "/skp/kaskade",
    response={200: list[NodeOut], **ERRORS_404},
    url_name="skp_kaskade",
    summary="Pohon kaskade: visi → misi → tujuan → sasaran → IKU, dengan jumlah turunan",
)
def cascade_root(request: HttpRequest, scope: Query[ScopeParams]) -> list[dict[str, Any]]:
    f = _scope(actor_from_request(request), scope)
    return [_node(n) for n in cascade.cascade_root(f)]


@router.get(
    "/skp/kaskade/simpul",
    response={200: ChildrenOut, **ERRORS_404},
    url_name="skp_kaskade_simpul",
    summary="Turunan satu simpul kaskade (indikator, baris PK atau RHK), per halaman",
)
def cascade_node(request: HttpRequest, scope: Query[ScopeParams], params: Query[NodeParams]) -> dict[str, Any]:
    actor = actor_from_request(request)
    ch = cascade.cascade_children(actor, _scope(actor, scope), params.node, offset=params.offset, limit=params.limit)
    return {
        "parent": ch.parent,
        "total": ch.total,
        "offset": ch.offset,
        "limit": ch.limit,
        "items": [_node(n) for n in ch.nodes],
    }


# ---------------------------------------------------------------------------- documents


@router.get(
    "/skp/{skp_id}/pdf",
    response=ERRORS_404,
    url_name="skp_pdf",
    summary="SKP sebagai PDF (format resmi)",
    openapi_extra=binary_response(documents.PDF, "Berkas PDF A4: SKP-<NIP>-<tahun>.pdf"),
)
def skp_pdf(request: HttpRequest, skp_id: int = Path(..., ge=1, le=MAX_ID)) -> HttpResponse:
    doc = documents.skp_document(skp_for_actor(actor_from_request(request), skp_id).pk)
    response = HttpResponse(documents.pdf_bytes(doc), content_type=documents.PDF)
    response["Content-Disposition"] = f'attachment; filename="{doc.filename_stem}.pdf"'
    return response


@router.get(
    "/skp/{skp_id}/xlsx",
    response=ERRORS_404,
    url_name="skp_xlsx",
    summary="SKP sebagai Excel",
    openapi_extra=binary_response(documents.XLSX, "Berkas Excel: SKP-<NIP>-<tahun>.xlsx"),
)
def skp_xlsx(request: HttpRequest, skp_id: int = Path(..., ge=1, le=MAX_ID)) -> HttpResponse:
    doc = documents.skp_document(skp_for_actor(actor_from_request(request), skp_id).pk)
    response = HttpResponse(documents.xlsx_bytes(doc), content_type=documents.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{doc.filename_stem}.xlsx"'
    return response


# ---------------------------------------------------------------------------- bulk creation
@router.post(
    "/skp/massal",
    response={202: JobOut, **ERRORS_403},
    url_name="skp_massal_mulai",
    summary="Mulai pembuatan SKP massal",
    description="Membuat draf SKP dari standar jabatan untuk setiap pegawai dalam lingkup yang belum "
    "mempunyai SKP. Berjalan di latar; pantau dengan `GET /skp/massal/{job_id}`. Kepala unit: unitnya; "
    "kepala perangkat daerah: perangkat daerahnya; admin BKD: di mana saja.",
)
def bulk_start(request: HttpRequest, body: BulkIn) -> Status[dict[str, Any]] | Status[dict[str, str]]:
    actor = actor_from_request(request)
    if bulk_roots(actor) == [] or (actor.is_auditor and not actor.is_admin):
        return Status(403, {"detail": "Anda tidak berwenang membuat SKP massal."})
    job = skp_bulk_start(actor=actor, tahun=body.tahun, unit_id=body.unit_id, opd_id=body.opd_id)
    job.refresh_from_db()
    return Status(202, job_dict(job))


@router.get(
    "/skp/massal/{job_id}",
    response={200: JobOut, **ERRORS_404},
    url_name="skp_massal_status",
    summary="Status pembuatan SKP massal",
)
def bulk_status(request: HttpRequest, job_id: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
    return job_dict(job_for_actor(actor_from_request(request), job_id, jenis=JenisTugasLatar.SKP_MASSAL))
