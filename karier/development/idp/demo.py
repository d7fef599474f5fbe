"""The demo development plans (issue #11 §10): IDPs for Bu Wati's team in every state — drafts,
submitted plans waiting for her, agreed plans with enrolments in the coming sessions, and a returned
one with her note — each item linked to the member's real needs (`competency.gaps`), plus one
self-development item and one activity "tanpa kesenjangan" so that the flag shows.

Made through the same services as the screens (the member drafts and submits, Bu Wati decides),
idempotent (a member who already has a plan this year is left alone) and fast (a few hundred writes).
Run after `seed-catalogue-demo`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from karier.development.catalogue.demo import _team
from karier.development.competency.gaps import needs_for
from karier.development.idp import services
from karier.development.models import (
    KegiatanKompetensi,
    KegiatanPengembangan,
    MetodePengembangan,
    RencanaPengembangan,
    SesiKegiatan,
)
from karier.people.access import as_actor

#: The state each member's plan ends in, in turn (draft, submitted, agreed with enrolment, returned).
ALUR = ("draft", "diajukan", "disetujui", "disetujui", "diajukan", "dikembalikan")
MANDIRI = ("MOOC Dasar Analisis Data untuk ASN", MetodePengembangan.E_LEARNING, "Platform e-learning", "6")


def _by_competency() -> dict[str, list[KegiatanPengembangan]]:
    out: dict[str, list[KegiatanPengembangan]] = {}
    for kk in KegiatanKompetensi.objects.filter(kegiatan__aktif=True).select_related("kegiatan", "kompetensi"):
        out.setdefault(kk.kompetensi.kode, []).append(kk.kegiatan)
    return out


def _choices(needs: list[Any], by_code: dict[str, list[KegiatanPengembangan]]) -> list[tuple[int, str]]:
    """Up to two (activity, need key) pairs closing the member's highest-ranked competency gaps."""
    picked: list[tuple[int, str]] = []
    for n in needs:
        if not n.kode.startswith("kompetensi:"):
            continue
        for k in by_code.get(n.kode[11:], []):
            if k.pk not in {p[0] for p in picked}:
                picked.append((k.pk, n.kode))
                break
        if len(picked) == 2:
            break
    return picked


def seed(*, today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    wati, team = _team(today)
    if wati is None or not team:
        return {"rencana": 0, "item": 0, "daftar": 0, "tim": 0}
    boss = as_actor(wati)
    have = set(
        RencanaPengembangan.objects.filter(pegawai__in=team, tahun=today.year).values_list("pegawai_id", flat=True)
    )
    needs = needs_for([p.pk for p in team])
    by_code = _by_competency()
    fallback = KegiatanPengembangan.objects.filter(aktif=True).order_by("kode").first()
    upcoming = {
        s.kegiatan_id: s for s in SesiKegiatan.objects.filter(mulai__gt=today).order_by("-mulai", "-pk")
    }  # the earliest coming session of each activity wins (last written)
    made = items = enrolled = 0
    for n, pegawai in enumerate(team):
        user = getattr(pegawai, "user", None)
        if pegawai.pk in have or user is None:
            continue
        me = as_actor(user)
        flow = ALUR[n % len(ALUR)]
        rencana = services.rencana_create(actor=me, pegawai=pegawai, tahun=today.year)
        made += 1
        picks = _choices(needs.get(pegawai.pk, []), by_code)
        if not picks and fallback is not None:
            picks = [(fallback.pk, services.TANPA)]  # nothing in the catalogue closes a need: flagged
        for m, (kegiatan_id, kode) in enumerate(picks):
            services.item_add(
                actor=me,
                rencana=rencana,
                data=services.ItemData(
                    kegiatan_id=kegiatan_id,
                    sesi_id=upcoming[kegiatan_id].pk if kegiatan_id in upcoming else None,
                    kebutuhan_kode=kode,
                    target_bulan=min(12, today.month + 1 + m),
                ),
            )
            items += 1
        if n % 3 == 0:
            judul, metode, penyelenggara, jp = MANDIRI
            used = {kode for _k, kode in picks}
            kode = next((x.kode for x in needs.get(pegawai.pk, []) if x.kode not in used), services.TANPA)
            services.item_add(
                actor=me,
                rencana=rencana,
                data=services.ItemData(
                    judul=judul,
                    metode=metode,
                    penyelenggara=penyelenggara,
                    jp=jp,
                    kebutuhan_kode=kode,
                    target_bulan=min(12, today.month + 2),
                ),
            )
            items += 1
        if flow == "draft":
            continue
        services.rencana_submit(actor=me, rencana=rencana, catatan="Mohon persetujuan rencana pengembangan saya.")
        if flow == "dikembalikan":
            services.rencana_decide(
                actor=boss,
                rencana=rencana,
                setuju=False,
                catatan="Tambahkan satu kegiatan untuk kompetensi komunikasi, lalu ajukan kembali.",
            )
        elif flow == "disetujui":
            services.rencana_decide(
                actor=boss, rencana=rencana, setuju=True, catatan="Setuju, laksanakan sesuai jadwal."
            )
            for item in rencana.item.filter(kegiatan__isnull=False, sesi__isnull=False):
                item.rencana = rencana
                try:
                    services.item_enrol(actor=me, item=item)
                    enrolled += 1
                except (ValidationError, PermissionDenied):
                    continue
    return {"rencana": made, "item": items, "daftar": enrolled, "tim": len(team)}
