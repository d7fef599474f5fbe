"""Reads of coaching plans for the screens and the API (each a fixed number of queries)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone

from karier.people.access import Actor
from karier.people.models import Pegawai
from karier.talent.coaching.access import visible_rencana
from karier.talent.models import PertemuanBimbingan, RencanaBimbingan, StatusBimbingan, TindakanBimbingan


@dataclass(frozen=True)
class Saring:
    """Filters of the plan lists (empty: no filter)."""

    status: str = ""
    tahun: int | None = None
    opd_id: int | None = None
    jenis: str = ""
    q: str = ""
    tim: bool = False  # only the actor's team and mentees
    jatuh_tempo: bool = False  # only running plans whose follow-up date has come


def _aktif_dulu() -> Case:
    """Running plans first (0), closed ones after (1): the order of every plan list."""
    return Case(When(status=StatusBimbingan.AKTIF, then=Value(0)), default=Value(1), output_field=IntegerField())


def rencana_list(actor: Actor, f: Saring) -> QuerySet[RencanaBimbingan]:
    """Visible plans, running first, then the follow-up dates due first (two queries with the count)."""
    qs = visible_rencana(actor)
    if f.tim:
        mine = Q(pegawai__jabatan__atasan_id__in=list(actor.jabatan_ids))
        if actor.pegawai_id is not None:
            mine |= Q(mentor_id=actor.pegawai_id)
        qs = qs.filter(mine).exclude(pegawai_id=actor.pegawai_id or 0)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.tahun:
        qs = qs.filter(tahun=f.tahun)
    if f.opd_id:
        qs = qs.filter(pegawai__opd_id=f.opd_id)
    if f.jenis:
        qs = qs.filter(jenis=f.jenis)
    if f.q:
        qs = qs.filter(Q(pegawai__nama__icontains=f.q) | Q(pegawai__nip__startswith=f.q))
    if f.jatuh_tempo:
        qs = qs.filter(status=StatusBimbingan.AKTIF, tanggal_tindak_lanjut__lte=timezone.localdate())
    return (
        qs.select_related("pegawai__jabatan", "pegawai__opd", "mentor")
        .annotate(
            tindakan_terbuka=Count("tindakan", filter=Q(tindakan__selesai=False), distinct=True),
            aktif_dulu=_aktif_dulu(),
        )
        .order_by("aktif_dulu", "tanggal_tindak_lanjut", "pegawai__nama", "pk")
    )


def pertemuan_of(rencana: RencanaBimbingan) -> list[PertemuanBimbingan]:
    return list(
        PertemuanBimbingan.objects.filter(rencana=rencana).select_related("dicatat_oleh").order_by("tanggal", "pk")
    )


def tindakan_of(rencana: RencanaBimbingan) -> list[TindakanBimbingan]:
    return list(TindakanBimbingan.objects.filter(rencana=rencana).order_by("selesai", "batas", "pk"))


def next_action(tindakan: list[TindakanBimbingan]) -> TindakanBimbingan | None:
    return next((t for t in sorted(tindakan, key=lambda t: (t.batas, t.pk)) if not t.selesai), None)


def own_plan(pegawai_id: int, tahun: int | None = None) -> RencanaBimbingan | None:
    """A person's running plan (else their latest one) — for "Rencana dukungan kinerja Anda"."""
    qs = RencanaBimbingan.objects.filter(pegawai_id=pegawai_id).select_related("mentor__jabatan", "pegawai")
    if tahun:
        qs = qs.filter(tahun=tahun)
    return qs.order_by(
        _aktif_dulu(),
        "-tahun",
        "-pk",
    ).first()


def coaching_for_person(actor: Actor, pegawai: Pegawai) -> dict[str, Any] | None:
    """For the career page: the person's running (else latest) plan, if the actor may see it (four
    queries). None when there is none or it is hidden from the actor."""
    rencana = (
        visible_rencana(actor)
        .filter(pegawai_id=pegawai.pk)
        .select_related("mentor__jabatan")
        .order_by(
            _aktif_dulu(),
            "-tahun",
            "-pk",
        )
        .first()
    )
    if rencana is None:
        return None
    tindakan = tindakan_of(rencana)
    last_meeting = PertemuanBimbingan.objects.filter(rencana=rencana).order_by("-tanggal", "-pk").first()
    nxt = next_action(tindakan)
    today = timezone.localdate()
    return {
        "rencana": rencana,
        "id": rencana.pk,
        "tahun": rencana.tahun,
        "status": rencana.status,
        "status_label": rencana.get_status_display(),
        "jenis_label": rencana.get_jenis_display(),
        "aktif": rencana.status == StatusBimbingan.AKTIF,
        "mentor": rencana.mentor,
        "pemicu": list(rencana.pemicu or []),
        "tanggal_tindak_lanjut": rencana.tanggal_tindak_lanjut,
        "tindak_lanjut_lewat": rencana.status == StatusBimbingan.AKTIF and rencana.tanggal_tindak_lanjut < today,
        "tindakan_total": len(tindakan),
        "tindakan_selesai": sum(1 for t in tindakan if t.selesai),
        "tindakan_berikut": nxt,
        "pertemuan_terakhir": last_meeting,
        "hasil_label": rencana.get_hasil_display() if rencana.hasil else "",
        "url": reverse("talent:coaching_detail", args=[rencana.pk]),
    }


def follow_ups_due(actor: Actor, today: dt.date, limit: int = 5) -> list[RencanaBimbingan]:
    """Running plans the actor mentors whose follow-up date is within a week (for the home card)."""
    if actor.pegawai_id is None:
        return []
    return list(
        RencanaBimbingan.objects.filter(
            mentor_id=actor.pegawai_id,
            status=StatusBimbingan.AKTIF,
            tanggal_tindak_lanjut__lte=today + dt.timedelta(days=7),
        )
        .select_related("pegawai")
        .order_by("tanggal_tindak_lanjut", "pk")[:limit]
    )
