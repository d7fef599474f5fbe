"""Reads of recognition and motivation for the screens and the API: every list a fixed number of
queries (`select_related` of what the rows show), filtered by `recognition.access` first."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from karier.people.access import Actor, can_see_pegawai
from karier.people.models import Pegawai
from karier.plans.models import RencanaHasilKerja
from karier.talent.models import Apresiasi, Inovasi, StatusInovasi, UsulanPenghargaan
from karier.talent.recognition import access

TERBARU = 5


def apresiasi_list(
    actor: Actor, *, penerima_id: int | None = None, opd_id: int | None = None, nilai: str = ""
) -> QuerySet[Apresiasi]:
    qs = access.visible_apresiasi(actor).select_related("penerima", "pemberi", "nilai", "rhk")
    if penerima_id:
        qs = qs.filter(penerima_id=penerima_id)
    if opd_id:
        qs = qs.filter(penerima__opd_id=opd_id)
    if nilai:
        qs = qs.filter(nilai_id=nilai)
    return qs.order_by("-dibuat_pada", "-pk")


def inovasi_list(
    actor: Actor, *, pegawai_id: int | None = None, status: str = "", untuk_verifikasi: bool = False
) -> QuerySet[Inovasi]:
    """Innovations in sight; `untuk_verifikasi`: those the actor, as superior, may verify (the people
    one level below the actor's positions — `is_superior` for a list)."""
    qs = access.visible_inovasi(actor).select_related("pegawai", "rhk")
    if pegawai_id:
        qs = qs.filter(pegawai_id=pegawai_id)
    if status:
        qs = qs.filter(status=status)
    if untuk_verifikasi:
        qs = qs.filter(pegawai__jabatan__atasan_id__in=actor.jabatan_ids).exclude(pegawai_id=actor.pegawai_id or 0)
    return qs.order_by("-tanggal", "-pk")


def usulan_list(actor: Actor, *, tahun: int | None = None, status: str = "", opd_id: int | None = None) -> QuerySet:
    qs = access.visible_usulan(actor).select_related("pegawai", "pegawai__opd", "pegawai__jabatan")
    if tahun:
        qs = qs.filter(tahun=tahun)
    if status:
        qs = qs.filter(status=status)
    if opd_id:
        qs = qs.filter(pegawai__opd_id=opd_id)
    return qs.order_by("-tahun", "pegawai__nama", "pk")


def rhk_choices(pegawai: Pegawai) -> QuerySet[RencanaHasilKerja]:
    """The person's RHK, latest plans first (what an apresiasi or an innovation may point to)."""
    return (
        RencanaHasilKerja.objects.filter(skp__pegawai_id=pegawai.pk)
        .select_related("skp")
        .order_by("-skp__tahun_id", "skp__periode_mulai", "jenis", "urutan", "pk")
    )


def recognition_for_person(actor: Actor, pegawai: Pegawai) -> dict[str, Any]:
    """The recognition wall of a person's career page: the latest apresiasi, innovations and award
    proposals (at most `TERBARU` each) and their counts. 404 when the actor may not see the person."""
    if not can_see_pegawai(actor, pegawai):
        raise Http404(_("Pegawai tidak ditemukan."))
    apresiasi = Apresiasi.objects.filter(penerima=pegawai, disembunyikan=False).select_related(
        "pemberi", "nilai", "rhk"
    )
    inovasi = Inovasi.objects.filter(pegawai=pegawai).select_related("rhk").order_by("-tanggal", "-pk")
    usulan = UsulanPenghargaan.objects.filter(pegawai=pegawai).order_by("-tahun")
    return {
        "pegawai": pegawai,
        "apresiasi": list(apresiasi[:TERBARU]),
        "jumlah_apresiasi": apresiasi.count(),
        "inovasi": list(inovasi[:TERBARU]),
        "jumlah_inovasi": inovasi.count(),
        "inovasi_terverifikasi": inovasi.filter(status=StatusInovasi.DIVERIFIKASI).count(),
        "usulan": list(usulan[:TERBARU]),
        "boleh_beri": access.may_give(actor, pegawai.pk),
        "boleh_catat_inovasi": access.may_record_inovasi(actor, pegawai),
    }
