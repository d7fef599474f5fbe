"""REST API of the catalogue, sessions, enrolment, attendance and the JP ledger (issue #11 §9).

Same access and services as the screens: hidden is 404, not yours to do is 403, a rule's refusal
409 (`{"detail", "errors"}`) — the handlers in `karier/api/api.py` make them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Query, Router
from ninja.files import UploadedFile

from karier.api.helpers import path_id
from karier.api.pagination import paginate
from karier.api.schemas import ERRORS, ERRORS_404, Page, PageParams
from karier.development.catalogue import access, enrolment, selectors, services
from karier.development.catalogue.schemas import (
    DaftarIn,
    JpBawaanIn,
    JpBawaanOut,
    JpOut,
    KatalogFilter,
    KegiatanDetailOut,
    KegiatanIn,
    KegiatanOut,
    KehadiranIn,
    KehadiranOut,
    KurangQuery,
    MandiriIn,
    MandiriOut,
    PegawaiJpOut,
    PendaftaranOut,
    RekapOut,
    RekapQuery,
    SesiIn,
    SesiOut,
    TahunQuery,
    TargetIn,
    TargetOut,
    VerifikasiIn,
)
from karier.development.jp import ledger
from karier.development.models import (
    JpBawaanMetode,
    KegiatanKompetensi,
    KegiatanPengembangan,
    MetodePengembangan,
    Pendaftaran,
)
from karier.people.access import actor_from_request, pegawai_for_actor
from karier.plans.schemas import WRITE_ERRORS

_id = path_id
router = Router(tags=["Katalog pengembangan dan JP"])


def _detail(k: KegiatanPengembangan) -> dict[str, Any]:
    kompetensi = KegiatanKompetensi.objects.filter(kegiatan=k).select_related("kompetensi")
    return {
        **KegiatanOut.from_orm(k).dict(),
        "kompetensi": [
            {
                "kompetensi_id": r.kompetensi_id,
                "kode": r.kompetensi.kode,
                "nama": r.kompetensi.nama,
                "sampai_level": r.sampai_level,
            }
            for r in kompetensi
        ],
        "sesi": list(k.sesi.order_by("mulai", "pk")),
    }


def _kegiatan_data(body: KegiatanIn) -> services.KegiatanData:
    return services.KegiatanData(
        kode=body.kode,
        nama=body.nama,
        jenis=body.jenis,
        metode=body.metode,
        penyelenggara=body.penyelenggara,
        jp=body.jp,
        uraian=body.uraian,
        jenis_kursus_siasn=body.jenis_kursus_siasn,
        aktif=body.aktif,
        kompetensi={r.kompetensi_id: r.sampai_level for r in body.kompetensi},
    )


def _sesi_data(body: SesiIn) -> services.SesiData:
    return services.SesiData(
        nama=body.nama,
        mulai=body.mulai,
        selesai=body.selesai,
        tempat=body.tempat,
        tautan=body.tautan,
        kapasitas=body.kapasitas,
        biaya=body.biaya,
    )


def _pendaftaran(p: Pendaftaran) -> dict[str, Any]:
    return {
        "id": p.pk,
        "sesi_id": p.sesi_id,
        "pegawai_id": p.pegawai_id,
        "pegawai_nama": p.pegawai.nama,
        "status": p.status,
        "hadir": p.hadir,
        "selesai_pada": p.selesai_pada,
    }


# ---------------------------------------------------------------------------- catalogue
@router.get("/pengembangan/katalog", response={200: Page[KegiatanOut], **ERRORS}, summary="Katalog kegiatan")
def katalog_list(request: HttpRequest, filters: Query[KatalogFilter], page: Query[PageParams]) -> Any:
    actor = actor_from_request(request)
    qs = selectors.kegiatan_list(
        actor,
        q=filters.q,
        jenis=filters.jenis or "",
        metode=filters.metode or "",
        penyelenggara=filters.penyelenggara or "",
    )
    return paginate(qs, page)


@router.post("/pengembangan/katalog", response={201: KegiatanDetailOut, **WRITE_ERRORS}, summary="Tambah kegiatan")
def katalog_create(request: HttpRequest, body: KegiatanIn) -> Any:
    actor = actor_from_request(request)
    return 201, _detail(services.kegiatan_create(actor=actor, data=_kegiatan_data(body)))


@router.get(
    "/pengembangan/katalog/{int:kegiatan_id}",
    response={200: KegiatanDetailOut, **ERRORS_404},
    summary="Kegiatan dengan kompetensi dan sesinya",
)
def katalog_get(request: HttpRequest, kegiatan_id: int = _id("Id kegiatan.")) -> Any:
    return _detail(access.kegiatan_for_actor(actor_from_request(request), kegiatan_id))


@router.put(
    "/pengembangan/katalog/{int:kegiatan_id}",
    response={200: KegiatanDetailOut, **WRITE_ERRORS},
    summary="Ubah kegiatan",
)
def katalog_update(request: HttpRequest, body: KegiatanIn, kegiatan_id: int = _id("Id kegiatan.")) -> Any:
    actor = actor_from_request(request)
    kegiatan = access.kegiatan_for_actor(actor, kegiatan_id)
    return _detail(services.kegiatan_update(actor=actor, kegiatan=kegiatan, data=_kegiatan_data(body)))


@router.post(
    "/pengembangan/katalog/{int:kegiatan_id}/sesi", response={201: SesiOut, **WRITE_ERRORS}, summary="Tambah sesi"
)
def katalog_sesi_create(request: HttpRequest, body: SesiIn, kegiatan_id: int = _id("Id kegiatan.")) -> Any:
    actor = actor_from_request(request)
    kegiatan = access.kegiatan_for_actor(actor, kegiatan_id)
    return 201, services.sesi_create(actor=actor, kegiatan=kegiatan, data=_sesi_data(body))


@router.get("/pengembangan/sesi/{int:sesi_id}", response={200: SesiOut, **ERRORS_404}, summary="Sesi kegiatan")
def sesi_get(request: HttpRequest, sesi_id: int = _id("Id sesi.")) -> Any:
    return access.sesi_for_actor(actor_from_request(request), sesi_id)


@router.put("/pengembangan/sesi/{int:sesi_id}", response={200: SesiOut, **WRITE_ERRORS}, summary="Ubah sesi")
def sesi_update(request: HttpRequest, body: SesiIn, sesi_id: int = _id("Id sesi.")) -> Any:
    actor = actor_from_request(request)
    sesi = access.sesi_for_actor(actor, sesi_id)
    return services.sesi_update(actor=actor, sesi=sesi, data=_sesi_data(body))


@router.get(
    "/pengembangan/sesi/{int:sesi_id}/peserta",
    response={200: Page[PendaftaranOut], **ERRORS_404},
    summary="Peserta sesi yang dapat Anda lihat (berhalaman)",
)
def sesi_peserta(request: HttpRequest, page: Query[PageParams], sesi_id: int = _id("Id sesi.")) -> Any:
    actor = actor_from_request(request)
    sesi = access.sesi_for_actor(actor, sesi_id)
    data = paginate(selectors.peserta(actor, sesi), page)
    data["items"] = [_pendaftaran(p) for p in data["items"]]
    return data


@router.post(
    "/pengembangan/sesi/{int:sesi_id}/pendaftaran",
    response={201: PendaftaranOut, **WRITE_ERRORS},
    summary="Daftar ke sesi (kursi atau daftar tunggu)",
)
def sesi_daftar(request: HttpRequest, body: DaftarIn, sesi_id: int = _id("Id sesi.")) -> Any:
    actor = actor_from_request(request)
    sesi = access.sesi_for_actor(actor, sesi_id)
    pid = body.pegawai_id or actor.pegawai_id
    if pid is None:
        raise ValidationError({"pegawai_id": _("Akun ini tidak terhubung dengan data pegawai; isi pegawai_id.")})
    pegawai = pegawai_for_actor(actor, pid)
    return 201, _pendaftaran(enrolment.pendaftaran_create(actor=actor, sesi=sesi, pegawai=pegawai))


@router.post(
    "/pengembangan/sesi/{int:sesi_id}/kehadiran",
    response={200: KehadiranOut, **WRITE_ERRORS},
    summary="Catat kehadiran peserta (penyelenggara)",
)
def sesi_kehadiran(request: HttpRequest, body: KehadiranIn, sesi_id: int = _id("Id sesi.")) -> Any:
    actor = actor_from_request(request)
    sesi = access.sesi_for_actor(actor, sesi_id)
    n = enrolment.kehadiran_record(actor=actor, sesi=sesi, hadir={r.pendaftaran_id: r.hadir for r in body.peserta})
    return {"dicatat": n}


@router.post(
    "/pengembangan/pendaftaran/{int:pendaftaran_id}/batal",
    response={200: PendaftaranOut, **WRITE_ERRORS},
    summary="Batalkan pendaftaran",
)
def pendaftaran_batal(request: HttpRequest, pendaftaran_id: int = _id("Id pendaftaran.")) -> Any:
    actor = actor_from_request(request)
    row = access.pendaftaran_for_actor(actor, pendaftaran_id)
    return _pendaftaran(enrolment.pendaftaran_cancel(actor=actor, pendaftaran=row))


@router.post(
    "/pengembangan/pendaftaran/{int:pendaftaran_id}/selesai",
    response={200: PendaftaranOut, **WRITE_ERRORS},
    summary="Selesaikan kegiatan dengan sertifikat (multipart, field `sertifikat`)",
)
def pendaftaran_selesai(
    request: HttpRequest,
    pendaftaran_id: int = _id("Id pendaftaran."),
    sertifikat: UploadedFile | None = File(None, description="PDF atau gambar sertifikat (wajib)."),  # noqa: B008
) -> Any:
    actor = actor_from_request(request)
    row = access.pendaftaran_for_actor(actor, pendaftaran_id)
    return _pendaftaran(enrolment.pendaftaran_complete(actor=actor, pendaftaran=row, sertifikat=sertifikat))


# ---------------------------------------------------------------------------- JP ledger
def _jp(pegawai_id: int, tahun: int | None) -> dict[str, Any]:
    from karier.people.models import Pegawai

    jp = selectors.jp_of(Pegawai.objects.get(pk=pegawai_id), tahun or timezone.localdate().year)
    return {
        "pegawai_id": pegawai_id,
        "tahun": jp.tahun,
        "total": jp.total,
        "dihitung": jp.dihitung,
        "target": jp.target,
        "batas": jp.batas,
        "tercapai": jp.tercapai,
        "kurang": jp.kurang,
        "catatan": jp.catatan,
    }


@router.get("/pengembangan/jp/saya", response={200: JpOut, **ERRORS_404}, summary="JP saya tahun ini")
def jp_saya(request: HttpRequest, q: Query[TahunQuery]) -> Any:
    actor = actor_from_request(request)
    if actor.pegawai_id is None:
        raise Http404(_("Akun ini tidak terhubung dengan data pegawai."))
    return _jp(actor.pegawai_id, q.tahun)


@router.get(
    "/pengembangan/jp/pegawai/{int:pegawai_id}", response={200: JpOut, **ERRORS_404}, summary="JP seorang pegawai"
)
def jp_pegawai(request: HttpRequest, q: Query[TahunQuery], pegawai_id: int = _id("Id pegawai.")) -> Any:
    pegawai = pegawai_for_actor(actor_from_request(request), pegawai_id)
    return _jp(pegawai.pk, q.tahun)


@router.get("/pengembangan/jp/rekap", response={200: list[RekapOut], **ERRORS}, summary="Capaian JP per OPD atau unit")
def jp_rekap(request: HttpRequest, q: Query[RekapQuery]) -> Any:
    actor = actor_from_request(request)
    rows = selectors.rekap(actor, q.tahun or timezone.localdate().year, per=q.per)
    return [{**r.__dict__, "persen_pns": r.persen_pns} for r in rows]


@router.get(
    "/pengembangan/jp/kurang",
    response={200: Page[PegawaiJpOut], **ERRORS},
    summary="Pegawai yang belum mencapai target JP",
)
def jp_kurang(request: HttpRequest, q: Query[KurangQuery], page: Query[PageParams]) -> Any:
    actor = actor_from_request(request)
    qs = selectors.ledger_people(actor, q.tahun or timezone.localdate().year, unit_id=q.unit_id, kurang=True)
    data = paginate(qs, page)
    data["items"] = [
        {
            "id": p.pk,
            "nip": p.nip,
            "nama": p.nama,
            "jenis_asn": p.jenis_asn,
            "unit": p.unit.nama if p.unit else "",
            "jp": p.jp_dihitung,
            "target": p.jp_target,
        }
        for p in data["items"]
    ]
    return data


@router.post(
    "/pengembangan/jp/mandiri", response={201: MandiriOut, **WRITE_ERRORS}, summary="Laporkan pengembangan mandiri"
)
def jp_mandiri_lapor(request: HttpRequest, body: MandiriIn) -> Any:
    actor = actor_from_request(request)
    data = ledger.MandiriData(
        judul=body.judul,
        metode=body.metode,
        penyelenggara=body.penyelenggara,
        mulai=body.mulai,
        selesai=body.selesai,
        jp=body.jp,
        menit=body.menit,
    )
    return 201, ledger.mandiri_report(actor=actor, data=data)


@router.post(
    "/pengembangan/jp/mandiri/{int:mandiri_id}/verifikasi",
    response={200: MandiriOut, **WRITE_ERRORS},
    summary="Verifikasi atau tolak laporan pengembangan mandiri (atasan)",
)
def jp_mandiri_verifikasi(request: HttpRequest, body: VerifikasiIn, mandiri_id: int = _id("Id laporan.")) -> Any:
    actor = actor_from_request(request)
    row = access.mandiri_for_actor(actor, mandiri_id)
    return ledger.mandiri_verify(actor=actor, mandiri=row, setuju=body.setuju, catatan=body.catatan)


@router.get("/pengembangan/jp/bawaan", response={200: list[JpBawaanOut], **ERRORS}, summary="JP bawaan per metode")
def jp_bawaan_list(request: HttpRequest) -> Any:
    actor_from_request(request)
    have = dict(JpBawaanMetode.objects.values_list("metode", "jp"))
    return [{"metode": m.value, "jp": have.get(m.value)} for m in MetodePengembangan]


@router.put(
    "/pengembangan/jp/bawaan", response={200: JpBawaanOut, **WRITE_ERRORS}, summary="Atur JP bawaan sebuah metode"
)
def jp_bawaan_set(request: HttpRequest, body: JpBawaanIn) -> Any:
    return services.jp_bawaan_set(actor=actor_from_request(request), metode=body.metode, jp=body.jp)


@router.get("/pengembangan/jp/target", response={200: list[TargetOut], **ERRORS}, summary="Target JP per jenis ASN")
def jp_target_list(request: HttpRequest) -> Any:
    actor_from_request(request)
    return [{"jenis_asn": k, "target": t, "batas": b} for k, (t, b) in selectors.targets().items()]


@router.put("/pengembangan/jp/target", response={200: TargetOut, **WRITE_ERRORS}, summary="Atur target JP")
def jp_target_set(request: HttpRequest, body: TargetIn) -> Any:
    return services.target_jp_set(
        actor=actor_from_request(request), jenis_asn=body.jenis_asn, target=body.target, batas=body.batas
    )
