"""REST endpoints for multi-rater and public feedback, under the same rules as the screens.

Hidden objects answer 404; a visible one the actor may not act on answers 403 with the reason;
refused input answers 409 `{"detail", "errors"}` (both by the API's one handler, `karier/api/api.py`).
Aggregates respect the 3-answer threshold and
never carry rater names. The anonymous public answer is a browser form only (it needs the
CSRF cookie, the signed device cookie and the signed form token of /umpan-balik/<token>/), so
there is no unauthenticated endpoint here.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from karier.api.helpers import path_id
from karier.api.pagination import paginate
from karier.api.schemas import ERRORS, ERRORS_404, Page, PageParams
from karier.appraisal.evaluation.access import evaluasi_for_actor
from karier.appraisal.feedback import selectors as sel
from karier.appraisal.feedback import services
from karier.appraisal.feedback.access import (
    can_read_summary,
    is_appraisee,
    kandidat_for_actor,
    moderated,
    nominasi_for_actor,
    nominasi_for_rater,
    sees_rater_status,
    tautan_for_actor,
)
from karier.appraisal.feedback.schemas import (
    JawabanIn,
    KandidatFilter,
    ModerasiFilter,
    ModerasiIn,
    NominasiIn,
    NominasiListOut,
    NominasiPutusanIn,
    PermintaanDetailOut,
    PermintaanOut,
    RingkasanPerilakuOut,
    RingkasanPublikFilter,
    RingkasanPublikOut,
    TautanIn,
    TautanOut,
    TautanPatch,
    UmpanBalikOut,
)
from karier.appraisal.models import NominasiPenilai, PeriodePenilaian, TautanPublik, UmpanBalikPublik
from karier.appraisal.public import selectors as psel
from karier.appraisal.public import services as pservices
from karier.appraisal.public.views import public_url
from karier.people.access import actor_from_request, pegawai_for_actor, unit_for_actor
from karier.plans.schemas import WRITE_ERRORS, OrangOut, orang

_id = path_id

router = Router(tags=["Penilaian: rekan, bawahan & publik"])


# ---------------------------------------------------------------------------- shaping
def _nominasi(n: NominasiPenilai, show_answers: bool) -> dict[str, Any]:
    status = n.status if show_answers or n.status != "DIJAWAB" else "DISETUJUI"
    return {
        "id": n.pk,
        "evaluasi_id": n.evaluasi_id,
        "jenis": n.jenis,
        "status": status,
        "status_label": sel.public_status(n, show_answers),
        "penilai_rekan": orang(n.penilai_rekan),
    }


def _permintaan(n: NominasiPenilai) -> dict[str, Any]:
    ev = n.evaluasi
    return {
        "id": n.pk,
        "evaluasi_id": ev.pk,
        "pegawai": orang(ev.pegawai),
        "jabatan": ev.jabatan.nama,
        "periode": f"{ev.periode.nama} {ev.periode.tahun_id}",
        "jenis": n.jenis,
        "status": n.status,
        "terbuka": sel.is_open(ev),
    }


def _tautan(request: HttpRequest, t: TautanPublik) -> dict[str, Any]:
    return {
        "id": t.pk,
        "token": t.token,
        "url": public_url(request, t),
        "aktif": t.aktif,
        "pegawai_id": t.pegawai_id,
        "unit_id": t.unit_id,
        "nama": t.pegawai.nama_lengkap if t.pegawai else (t.unit.nama if t.unit else ""),
        "dibuat_pada": t.dibuat_pada,
    }


def _umpan_balik(u: UmpanBalikPublik) -> dict[str, Any]:
    t = u.tautan
    return {
        "id": u.pk,
        "tautan_id": u.tautan_id,
        "skor_layanan": u.skor_layanan,
        "skor_perilaku": u.skor_perilaku,
        "komentar": u.komentar,
        "status": u.status,
        "dibuat_pada": u.dibuat_pada,
        "untuk": t.pegawai.nama_lengkap if t.pegawai else (t.unit.nama if t.unit else ""),
    }


def _list(request: HttpRequest, evaluasi_id: int) -> dict[str, Any]:
    actor = actor_from_request(request)
    ev = evaluasi_for_actor(actor, evaluasi_id)
    show = sees_rater_status(actor, ev)
    st = sel.nominasi_state(ev)
    return {
        "state": {
            "pool_rekan": st.pool_rekan,
            "wajib_rekan": st.wajib_rekan,
            "rekan_aktif": st.rekan_aktif,
            "bawahan_aktif": st.bawahan_aktif,
            "disetujui": st.disetujui,
            "menunggu": st.menunggu,
            "rekan_cukup": st.rekan_cukup,
        },
        "items": [_nominasi(n, show) for n in sel.nominasi_list(ev)],
    }


# ---------------------------------------------------------------------------- nominations
@router.get(
    "/penilaian/evaluasi/{int:evaluasi_id}/nominasi",
    response={200: NominasiListOut, **ERRORS_404},
    summary="Penilai rekan & bawahan sebuah evaluasi (usulan dan keputusan)",
)
def nominasi_list(request: HttpRequest, evaluasi_id: int = _id("Id evaluasi.")) -> dict[str, Any]:
    return _list(request, evaluasi_id)


@router.get(
    "/penilaian/evaluasi/{int:evaluasi_id}/nominasi/kandidat",
    response={200: Page[OrangOut], **WRITE_ERRORS},
    summary="Rekan setingkat atau bawahan langsung yang dapat diusulkan (hanya pegawai yang dinilai)",
)
def nominasi_kandidat(
    request: HttpRequest,
    filters: Query[KandidatFilter],
    page: Query[PageParams],
    evaluasi_id: int = _id("Id evaluasi."),
) -> Any:
    actor = actor_from_request(request)
    ev = evaluasi_for_actor(actor, evaluasi_id)
    if not is_appraisee(actor, ev):
        raise PermissionDenied(_("Hanya pegawai yang dinilai yang dapat melihat calon penilai."))
    result = paginate(sel.candidates(ev, filters.jenis.value, filters.q), page)
    result["items"] = [orang(p) for p in result["items"]]
    return result


@router.post(
    "/penilaian/evaluasi/{int:evaluasi_id}/nominasi",
    response={201: NominasiListOut, **WRITE_ERRORS},
    summary="Usulkan penilai rekan atau bawahan (pegawai yang dinilai)",
)
def nominasi_add(request: HttpRequest, body: NominasiIn, evaluasi_id: int = _id("Id evaluasi.")) -> Any:
    actor = actor_from_request(request)
    ev = evaluasi_for_actor(actor, evaluasi_id)
    # The child id through the actor's allowed set: hidden, missing or ineligible → the same 404.
    orang_ = kandidat_for_actor(actor, ev, body.penilai_rekan_id, body.jenis.value)
    services.nominasi_add(actor=actor, evaluasi=ev, penilai_rekan=orang_, jenis=body.jenis.value)
    return 201, _list(request, ev.pk)


@router.delete(
    "/penilaian/nominasi/{int:nominasi_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Tarik usulan yang belum disetujui (pegawai yang dinilai)",
)
def nominasi_remove(request: HttpRequest, nominasi_id: int = _id("Id nominasi.")) -> Any:
    actor = actor_from_request(request)
    nom = nominasi_for_actor(actor, nominasi_id)
    services.nominasi_remove(actor=actor, nominasi=nom)
    return 204, None


@router.post(
    "/penilaian/nominasi/{int:nominasi_id}/putusan",
    response={200: NominasiListOut, **WRITE_ERRORS},
    summary="Setujui atau tolak usulan (hanya pejabat penilai)",
)
def nominasi_decide(request: HttpRequest, body: NominasiPutusanIn, nominasi_id: int = _id("Id nominasi.")) -> Any:
    actor = actor_from_request(request)
    nom = nominasi_for_actor(actor, nominasi_id)
    services.nominasi_decide(actor=actor, nominasi=nom, setuju=body.setuju)
    return 200, _list(request, nom.evaluasi_id)


@router.post(
    "/penilaian/evaluasi/{int:evaluasi_id}/nominasi/setujui-semua",
    response={200: NominasiListOut, **WRITE_ERRORS},
    summary="Setujui semua usulan yang menunggu (hanya pejabat penilai)",
)
def nominasi_approve_all(request: HttpRequest, evaluasi_id: int = _id("Id evaluasi.")) -> Any:
    actor = actor_from_request(request)
    ev = evaluasi_for_actor(actor, evaluasi_id)
    services.nominasi_approve_all(actor=actor, evaluasi=ev)
    return 200, _list(request, ev.pk)


# ---------------------------------------------------------------------------- rater inbox
@router.get(
    "/penilaian/permintaan",
    response={200: Page[PermintaanOut], **ERRORS},
    summary="Permintaan penilaian untuk saya (nominasi yang disetujui)",
)
def permintaan_list(request: HttpRequest, page: Query[PageParams]) -> dict[str, Any]:
    result = paginate(sel.inbox(actor_from_request(request)), page)
    result["items"] = [_permintaan(n) for n in result["items"]]
    return result


def _permintaan_detail(nom: NominasiPenilai) -> dict[str, Any]:
    own = sel.answers_of(nom)
    return {
        **_permintaan(nom),
        "nilai": [
            {
                "kode": n.kode,
                "nama": n.nama,
                "penjelasan": n.penjelasan,
                "panduan": [p.teks for p in n.panduan.all()],
                "skor": own[n.kode].skor if n.kode in own else None,
                "komentar": own[n.kode].komentar if n.kode in own else "",
            }
            for n in sel.nilai_with_panduan()
        ],
    }


@router.get(
    "/penilaian/permintaan/{int:nominasi_id}",
    response={200: PermintaanDetailOut, **ERRORS_404},
    summary="Satu permintaan: nilai BerAKHLAK, panduan perilaku dan jawaban saya",
)
def permintaan_detail(request: HttpRequest, nominasi_id: int = _id("Id nominasi.")) -> dict[str, Any]:
    return _permintaan_detail(nominasi_for_rater(actor_from_request(request), nominasi_id))


@router.put(
    "/penilaian/permintaan/{int:nominasi_id}/jawaban",
    response={200: PermintaanDetailOut, **WRITE_ERRORS},
    summary="Kirim atau ubah jawaban (skor 1–5 untuk ketujuh nilai; komentar opsional)",
)
def permintaan_jawab(request: HttpRequest, body: JawabanIn, nominasi_id: int = _id("Id nominasi.")) -> Any:
    actor = actor_from_request(request)
    nom = nominasi_for_rater(actor, nominasi_id)
    komentar = {kode: teks for kode, teks in body.komentar.model_dump().items() if teks}
    services.jawaban_submit(actor=actor, nominasi=nom, skor=body.skor.model_dump(), komentar=komentar)
    return 200, _permintaan_detail(nom)


# ---------------------------------------------------------------------------- aggregates
@router.get(
    "/penilaian/evaluasi/{int:evaluasi_id}/ringkasan-perilaku",
    response={200: RingkasanPerilakuOut, **ERRORS_404},
    summary="Rata-rata masukan rekan & bawahan per nilai BerAKHLAK (hanya bila ≥ 3 menjawab; tanpa nama)",
)
def ringkasan_perilaku(request: HttpRequest, evaluasi_id: int = _id("Id evaluasi.")) -> dict[str, Any]:
    actor = actor_from_request(request)
    r = sel.ringkasan_perilaku(evaluasi_for_actor(actor, evaluasi_id), actor)
    return {
        "ambang": r.ambang,
        "n_disetujui": r.n_disetujui,
        "n_dijawab": r.n_dijawab,
        "tampil": r.tampil,
        "rata_keseluruhan": r.rata_keseluruhan,
        "nilai": [vars(v) for v in r.nilai],
        "kelompok": [
            {"jenis": g.jenis, "label": g.label, "n": g.n, "nilai": [vars(v) for v in g.nilai]} for g in r.kelompok
        ],
        "komentar": [{"nilai": str(n), "teks": t} for n, t in r.komentar],
        "penilai": [vars(p) for p in r.penilai] if r.penilai is not None else None,
    }


# ---------------------------------------------------------------------------- public links
@router.get(
    "/penilaian/tautan-publik",
    response={200: Page[TautanOut], **ERRORS},
    summary="Tautan umpan balik publik yang saya kelola",
)
def tautan_list(request: HttpRequest, page: Query[PageParams]) -> dict[str, Any]:
    result = paginate(psel.managed_links(actor_from_request(request)), page)
    result["items"] = [_tautan(request, t) for t in result["items"]]
    return result


@router.post(
    "/penilaian/tautan-publik",
    response={200: TautanOut, **WRITE_ERRORS},
    summary="Tautan aktif seorang pegawai atau unit (dibuat bila belum ada)",
)
def tautan_create(request: HttpRequest, body: TautanIn) -> Any:
    actor = actor_from_request(request)
    if (body.pegawai_id is None) == (body.unit_id is None):
        raise ValidationError({"pegawai_id": _("Isi salah satu: pegawai_id atau unit_id.")})
    pegawai = pegawai_for_actor(actor, body.pegawai_id) if body.pegawai_id else None
    unit = unit_for_actor(actor, body.unit_id) if body.unit_id else None
    t = pservices.tautan_get_or_create(actor=actor, pegawai=pegawai, unit=unit)
    return 200, _tautan(request, TautanPublik.objects.select_related("pegawai", "unit").get(pk=t.pk))


@router.patch(
    "/penilaian/tautan-publik/{int:tautan_id}",
    response={200: TautanOut, **WRITE_ERRORS},
    summary="Aktifkan atau nonaktifkan tautan",
)
def tautan_patch(request: HttpRequest, body: TautanPatch, tautan_id: int = _id("Id tautan.")) -> Any:
    actor = actor_from_request(request)
    t = tautan_for_actor(actor, tautan_id)
    pservices.tautan_set_aktif(actor=actor, tautan=t, aktif=body.aktif)
    return 200, _tautan(request, t)


# ---------------------------------------------------------------------------- moderation, summary
@router.get(
    "/penilaian/umpan-balik-publik",
    response={200: Page[UmpanBalikOut], **ERRORS},
    summary="Antrean moderasi umpan balik publik",
)
def moderasi_list(request: HttpRequest, filters: Query[ModerasiFilter], page: Query[PageParams]) -> dict[str, Any]:
    result = paginate(psel.moderation_queue(actor_from_request(request), filters.status), page)
    result["items"] = [_umpan_balik(u) for u in result["items"]]
    return result


@router.post(
    "/penilaian/umpan-balik-publik/{int:umpan_balik_id}/moderasi",
    response={200: UmpanBalikOut, **WRITE_ERRORS},
    summary="Terima atau tolak satu umpan balik publik",
)
def moderasi_decide(request: HttpRequest, body: ModerasiIn, umpan_balik_id: int = _id("Id umpan balik.")) -> Any:
    actor = actor_from_request(request)
    u = moderated(actor).filter(pk=umpan_balik_id).select_related("tautan", "tautan__pegawai", "tautan__unit").first()
    if u is None:
        raise Http404(_("Umpan balik tidak ditemukan."))
    pservices.umpan_balik_moderate(actor=actor, umpan_balik=u, status=body.status)
    return 200, _umpan_balik(u)


@router.get(
    "/penilaian/umpan-balik-publik/ringkasan",
    response={200: RingkasanPublikOut, **ERRORS_404},
    summary="Ringkasan umpan balik publik seorang pegawai atau unit pada satu periode",
)
def ringkasan_publik(request: HttpRequest, filters: Query[RingkasanPublikFilter]) -> dict[str, Any]:
    actor = actor_from_request(request)
    if (filters.pegawai_id is None) == (filters.unit_id is None):
        raise ValidationError({"pegawai_id": _("Isi salah satu: pegawai_id atau unit_id.")})
    pegawai = pegawai_for_actor(actor, filters.pegawai_id) if filters.pegawai_id else None
    unit = unit_for_actor(actor, filters.unit_id) if filters.unit_id else None
    if not can_read_summary(actor, pegawai=pegawai, unit=unit):
        raise Http404(_("Ringkasan tidak ditemukan."))
    periode = None
    if filters.periode_id:
        periode = PeriodePenilaian.objects.filter(pk=filters.periode_id).first()
        if periode is None:
            raise ValidationError({"periode_id": _("Periode tidak ditemukan.")})
    r = psel.ringkasan_publik(pegawai=pegawai, unit=unit, rentang=psel.rentang_for(periode))
    return {
        "mulai": r.rentang.mulai,
        "selesai": r.rentang.selesai,
        "label": r.rentang.label,
        "n": r.n,
        "n_diterima": r.n_diterima,
        "n_menunggu": r.n_menunggu,
        "n_ditolak": r.n_ditolak,
        "rata_layanan": r.rata_layanan,
        "rata_perilaku": r.rata_perilaku,
        "distribusi_layanan": {str(s): n for s, n in r.distribusi_layanan},
        "distribusi_perilaku": {str(s): n for s, n in r.distribusi_perilaku},
        "komentar": [
            {
                "id": u.pk,
                "tautan_id": u.tautan_id,
                "untuk": "",
                "skor_layanan": u.skor_layanan,
                "skor_perilaku": u.skor_perilaku,
                "komentar": u.komentar,
                "status": u.status,
                "dibuat_pada": u.dibuat_pada,
            }
            for u in r.komentar
        ],
    }
