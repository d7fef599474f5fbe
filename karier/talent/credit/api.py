"""REST API of angka kredit (issue #12 §3, §9): a person's ledger and status, the konversi and uji
kompetensi writes, the formasi list and setting, the PAK list and issue. Same access and services as
the screens: hidden is 404, not yours to do 403, a rule's refusal 409 (`karier/api/api.py`)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from karier.api.helpers import path_id
from karier.api.pagination import paginate
from karier.api.schemas import ERRORS, ERRORS_404, Page, PageParams
from karier.people.access import actor_from_request
from karier.people.choices import JenisUnit
from karier.people.models import JabatanFungsional, UnitKerja
from karier.plans.schemas import WRITE_ERRORS
from karier.rules.career import fraction_to_decimal
from karier.talent.access import person_for_actor
from karier.talent.credit import selectors, services
from karier.talent.credit.ledger import as_fraction, credit_text
from karier.talent.credit.schemas import (
    FormasiIn,
    FormasiOut,
    FormasiQuery,
    KonversiIn,
    KreditOut,
    PakIn,
    PakOut,
    StatusCreditOut,
    StatusQuery,
    UjiIn,
    UjiOut,
)
from karier.talent.models import (
    EntriAngkaKredit,
    FormasiJenjang,
    PenetapanAngkaKredit,
    StatusAngkaKredit,
    UjiKompetensi,
)

router = Router(tags=["Angka kredit"])


def _entri(e: EntriAngkaKredit) -> dict[str, Any]:
    v = as_fraction(e.pembilang, e.penyebut)
    return {
        "id": e.pk,
        "jenis": e.jenis,
        "tahun": e.tahun,
        "bulan": e.bulan,
        "jenjang": e.jenjang,
        "golongan": e.golongan.kode,
        "predikat": e.predikat,
        "pecahan": f"{v.numerator}/{v.denominator}",
        "nilai": fraction_to_decimal(v),
        "tampil": credit_text(v),
        "keterangan": e.keterangan,
        "usulan_kenaikan_id": e.kenaikan_id,
    }


def _kredit(k: dict[str, Any]) -> dict[str, Any]:
    p = k["pegawai"]
    ledger = k.get("ledger")
    if ledger is None:
        raise Http404(_("Golongan tidak termasuk jenjang jabatannya."))
    step = k["langkah"]
    proj = k["proyeksi"]
    held: Fraction = ledger.held
    return {
        "pegawai_id": p.pk,
        "jenjang": k["jenjang"],
        "golongan": ledger.golongan,
        "total": k["total"],
        "digunakan": k["digunakan"],
        "sisa": k["sisa"],
        "sisa_pecahan": f"{held.numerator}/{held.denominator}",
        "langkah_berikut": step.kind if step else None,
        "golongan_berikut": step.golongan if step else None,
        "jenjang_berikut": step.jenjang.value if step else None,
        "kebutuhan": k["kebutuhan"],
        "kekurangan": k["kekurangan"],
        "kebutuhan_jenjang": k["kebutuhan_jenjang"],
        "kekurangan_jenjang": k["kekurangan_jenjang"],
        "memenuhi_angka_kredit": k["memenuhi"],
        "proyeksi_bulan": proj.month_reached if proj else None,
        "proyeksi": proj.text if proj else "",
        "syarat_jenjang": [
            {"kode": s.kode, "label": s.label, "terpenuhi": s.met, "keterangan": s.detail} for s in k["syarat_jenjang"]
        ],
        "entri": [_entri(r["entri"]) for r in k["rows"]],
    }


@router.get(
    "/karier/angka-kredit/pegawai/{int:pegawai_id}",
    response={200: KreditOut, **ERRORS_404},
    summary="Angka kredit seorang pegawai (riwayat dan status)",
)
def credit_person(request: HttpRequest, pegawai_id: int = path_id("Id pegawai.")) -> Any:
    actor = actor_from_request(request)
    k = selectors.credit_for_person(actor, person_for_actor(actor, pegawai_id))
    if k is None:
        raise Http404(_("Pegawai ini tidak menduduki jabatan fungsional berjenjang."))
    return _kredit(k)


@router.post(
    "/karier/angka-kredit/pegawai/{int:pegawai_id}/konversi",
    response={201: KreditOut, **WRITE_ERRORS},
    summary="Catat angka kredit konversi (BKD)",
)
def credit_konversi(request: HttpRequest, body: KonversiIn, pegawai_id: int = path_id("Id pegawai.")) -> Any:
    actor = actor_from_request(request)
    pegawai = person_for_actor(actor, pegawai_id)
    services.konversi_record(
        actor=actor,
        pegawai=pegawai,
        nilai=body.nilai,
        tahun=body.tahun,
        nomor_dokumen=body.nomor_dokumen,
        catatan=body.catatan,
    )
    k = selectors.credit_for_person(actor, pegawai)
    assert k is not None
    return 201, _kredit(k)


def _uji(u: UjiKompetensi) -> dict[str, Any]:
    return {
        "id": u.pk,
        "pegawai_id": u.pegawai_id,
        "jenjang_tujuan": u.jenjang_tujuan,
        "tanggal": u.tanggal,
        "lulus": u.lulus,
        "nomor_sertifikat": u.nomor_sertifikat,
        "penyelenggara": u.penyelenggara,
    }


@router.get(
    "/karier/angka-kredit/pegawai/{int:pegawai_id}/uji-kompetensi",
    response={200: Page[UjiOut], **ERRORS_404},
    summary="Uji kompetensi seorang pegawai",
)
def credit_uji_list(request: HttpRequest, page: Query[PageParams], pegawai_id: int = path_id("Id pegawai.")) -> Any:
    pegawai = person_for_actor(actor_from_request(request), pegawai_id)
    result = paginate(UjiKompetensi.objects.filter(pegawai=pegawai).order_by("-tanggal", "-pk"), page)
    result["items"] = [_uji(u) for u in result["items"]]
    return result


@router.post(
    "/karier/angka-kredit/pegawai/{int:pegawai_id}/uji-kompetensi",
    response={201: UjiOut, **WRITE_ERRORS},
    summary="Catat uji kompetensi (BKD)",
)
def credit_uji_create(request: HttpRequest, body: UjiIn, pegawai_id: int = path_id("Id pegawai.")) -> Any:
    actor = actor_from_request(request)
    u = services.uji_kompetensi_record(
        actor=actor,
        pegawai=person_for_actor(actor, pegawai_id),
        jenjang_tujuan=body.jenjang_tujuan.value,
        tanggal=body.tanggal,
        lulus=body.lulus,
        nomor_sertifikat=body.nomor_sertifikat,
        penyelenggara=body.penyelenggara,
    )
    return 201, _uji(u)


def _formasi(f: FormasiJenjang) -> dict[str, Any]:
    return {
        "id": f.pk,
        "opd_id": f.opd_id,
        "opd_nama": f.opd.nama,
        "jabatan_fungsional_id": f.jabatan_fungsional_id,
        "jabatan_fungsional_nama": f.jabatan_fungsional.nama,
        "jenjang": f.jenjang,
        "jumlah": f.jumlah,
        "nomor_dokumen": f.nomor_dokumen,
    }


@router.get("/karier/angka-kredit/formasi", response={200: Page[FormasiOut], **ERRORS}, summary="Formasi per jenjang")
def credit_formasi_list(request: HttpRequest, q: Query[FormasiQuery], page: Query[PageParams]) -> Any:
    actor_from_request(request)
    qs = selectors.formasi_list(opd_id=q.opd_id, jenjang=q.jenjang.value if q.jenjang else "", q=q.q)
    result = paginate(qs, page)
    result["items"] = [_formasi(f) for f in result["items"]]
    return result


@router.post(
    "/karier/angka-kredit/formasi", response={200: FormasiOut, **WRITE_ERRORS}, summary="Tetapkan formasi (BKD)"
)
def credit_formasi_set(request: HttpRequest, body: FormasiIn) -> Any:
    actor = actor_from_request(request)
    opd = UnitKerja.objects.filter(pk=body.opd_id, jenis=JenisUnit.OPD).first()
    jf = JabatanFungsional.objects.filter(pk=body.jabatan_fungsional_id).first()
    if opd is None or jf is None:
        raise Http404(_("Perangkat daerah atau jabatan fungsional tidak ditemukan."))
    f = services.formasi_set(
        actor=actor,
        opd=opd,
        jabatan_fungsional=jf,
        jenjang=body.jenjang.value,
        jumlah=body.jumlah,
        nomor_dokumen=body.nomor_dokumen,
    )
    return _formasi(FormasiJenjang.objects.select_related("opd", "jabatan_fungsional").get(pk=f.pk))


def _pak(p: PenetapanAngkaKredit) -> dict[str, Any]:
    return {
        "id": p.pk,
        "pegawai_id": p.pegawai_id,
        "tahun": p.tahun,
        "nomor": p.nomor,
        "tanggal": p.tanggal,
        "hash": p.hash,
        "konten": p.konten,
    }


@router.get(
    "/karier/angka-kredit/pegawai/{int:pegawai_id}/pak",
    response={200: Page[PakOut], **ERRORS_404},
    summary="PAK seorang pegawai",
)
def credit_pak_list(request: HttpRequest, page: Query[PageParams], pegawai_id: int = path_id("Id pegawai.")) -> Any:
    pegawai = person_for_actor(actor_from_request(request), pegawai_id)
    result = paginate(PenetapanAngkaKredit.objects.filter(pegawai=pegawai).order_by("-tahun", "-pk"), page)
    result["items"] = [_pak(p) for p in result["items"]]
    return result


@router.post(
    "/karier/angka-kredit/pegawai/{int:pegawai_id}/pak",
    response={201: PakOut, **WRITE_ERRORS},
    summary="Tetapkan PAK (BKD)",
)
def credit_pak_issue(request: HttpRequest, body: PakIn, pegawai_id: int = path_id("Id pegawai.")) -> Any:
    actor = actor_from_request(request)
    pegawai = person_for_actor(actor, pegawai_id)
    pak = services.pak_issue(actor=actor, pegawai=pegawai, tahun=body.tahun, nomor=body.nomor, tanggal=body.tanggal)
    return 201, _pak(pak)


def _status(s: StatusAngkaKredit) -> dict[str, Any]:
    return {
        "pegawai_id": s.pegawai_id,
        "nip": s.pegawai.nip,
        "nama": s.pegawai.nama_lengkap,
        "opd_id": s.pegawai.opd_id,
        "jenjang": s.jenjang,
        "golongan": s.golongan.kode,
        "saldo": credit_text(s.saldo),
        "saldo_pecahan": f"{s.saldo_pembilang}/{s.saldo_penyebut}",
        "total": credit_text(s.total),
        "langkah_berikut": s.langkah_berikut,
        "golongan_berikut": s.golongan_berikut.kode if s.golongan_berikut else None,
        "jenjang_berikut": s.jenjang_berikut,
        "kebutuhan": credit_text(s.kebutuhan) if s.kebutuhan is not None else None,
        "kekurangan": credit_text(s.kekurangan) if s.kekurangan is not None else None,
        "proyeksi_bulan": s.proyeksi_bulan,
        "dihitung_pada": s.dihitung_pada,
    }


@router.get(
    "/karier/angka-kredit",
    response={200: Page[StatusCreditOut], **ERRORS},
    summary="Status angka kredit pejabat fungsional",
)
def credit_status_list(request: HttpRequest, q: Query[StatusQuery], page: Query[PageParams]) -> Any:
    actor = actor_from_request(request)
    memenuhi = "" if q.memenuhi is None else ("ya" if q.memenuhi else "tidak")
    qs = selectors.status_list(actor, opd_id=q.opd_id, jenjang=q.jenjang.value if q.jenjang else "", memenuhi=memenuhi)
    result = paginate(qs, page)
    result["items"] = [_status(s) for s in result["items"]]
    return result
