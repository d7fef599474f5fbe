"""Demo data for level changes (`karier seed-level-change-demo`, run by `bin/demo` after the
catalogue demo): a couple of level changes waiting for Bu Wati's confirmation, made the way real ones
are — a member of her team completes a catalogue activity that states a higher level than theirs
(`enrolment` services: enrol, attendance, completion with a certificate → `propose_for`).

Idempotent: when Bu Wati already has `WANTED` proposals waiting, nothing is written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from karier.development.catalogue import enrolment
from karier.development.competency.selectors import current_levels
from karier.development.models import (
    KegiatanKompetensi,
    Pendaftaran,
    SesiKegiatan,
    StatusPendaftaran,
)
from karier.development.outcomes import level_change
from karier.development.outcomes.level_access import usulan_level_to_decide
from karier.people.access import SYSTEM, Actor, as_actor

WANTED = 2
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _wati_and_team(today: dt.date) -> tuple[Any, list[Any]]:
    from karier.accounts.models import User
    from karier.people.demo.personas import PERSONAS
    from karier.people.selectors import direct_subordinates_on, positions_held_on

    nip = next((p.nip for p in PERSONAS.values() if p.key == "wati"), None)
    wati = User.objects.filter(username=nip).select_related("pegawai").first() if nip else None
    if wati is None or wati.pegawai is None:
        return None, []
    jabatan = list(positions_held_on(wati.pegawai.pk, today).values_list("jabatan_id", flat=True))
    return wati, [a.pegawai for a in direct_subordinates_on(jabatan, today)]


def _waiting(wati: Any) -> int:
    return len(usulan_level_to_decide(as_actor(wati)))


def seed(*, actor: Actor = SYSTEM, today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    wati, team = _wati_and_team(today)
    if wati is None or not team:
        return {"menunggu": 0, "dibuat": 0}
    made = 0
    # 1. Completions the catalogue demo made before this feature existed get their proposals.
    for row in Pendaftaran.objects.filter(pegawai__in=team, status=StatusPendaftaran.SELESAI).order_by("pk"):
        if _waiting(wati) >= WANTED:
            break
        made += len(level_change.propose_for(row, actor=actor))
    # 2. Still short: a team member completes an activity (a session ending today) stating a higher
    #    level than theirs.
    if _waiting(wati) < WANTED:
        stated = list(
            KegiatanKompetensi.objects.filter(kegiatan__aktif=True).values_list(
                "kegiatan_id", "kompetensi_id", "sampai_level"
            )
        )
        levels = current_levels([p.pk for p in team])
        sessions = {
            s.kegiatan_id: s
            for s in SesiKegiatan.objects.filter(selesai=today, mulai__lte=today).order_by("-selesai", "pk")
        }
        for pegawai in team:
            if _waiting(wati) >= WANTED:
                break
            for kegiatan_id, kompetensi_id, level in stated:
                s = sessions.get(kegiatan_id)
                if s is None or levels.get(pegawai.pk, {}).get(kompetensi_id, 0) >= level:
                    continue
                if Pendaftaran.objects.filter(sesi=s, pegawai=pegawai).exists():
                    continue
                made += _complete(actor, s, pegawai)
                break
    return {"menunggu": _waiting(wati), "dibuat": made}


def _complete(actor: Actor, sesi: SesiKegiatan, pegawai: Any) -> int:
    """Enrol, record attendance and complete through the services (which propose the level)."""
    try:
        row = enrolment.pendaftaran_create(actor=actor, sesi=sesi, pegawai=pegawai)
        if row.status != StatusPendaftaran.TERDAFTAR:
            enrolment.pendaftaran_cancel(actor=actor, pendaftaran=row)
            return 0
        enrolment.kehadiran_record(actor=actor, sesi=sesi, hadir={row.pk: True})
        row.refresh_from_db()
        enrolment.pendaftaran_complete(
            actor=actor, pendaftaran=row, sertifikat=SimpleUploadedFile(f"sertifikat-{pegawai.pk}.pdf", PDF)
        )
    except ValidationError:  # a session that ended before today: refused for real users too
        return 0
    return row.usulan_level.count()
