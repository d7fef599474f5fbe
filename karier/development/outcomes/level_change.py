"""A completed activity raises a competency level only when the activity says so and the superior
confirms it (issue #11 §7: "record which activity caused each level change").

`propose_for` runs inside `enrolment.pendaftaran_complete`'s transaction: for each competency the
activity states it develops up to level L (`KegiatanKompetensi.sampai_level`) where the person's
assessed level in force (`competency.selectors.current_levels`) is below L, it opens one proposal —
unless one already waits for at least that level. `usulan_level_decide` is the superior's decision:
confirming records a `PenilaianKompetensi` (source KEGIATAN, pointing at the enrolment, so the
profile's history names the activity) in the same transaction; declining needs a note.

Never beyond the activity's stated level (a superior may confirm less, never more), never lower than
the level in force at the moment of the decision (re-read under a lock on the person's proposals for
that competency, so two confirmations at once cannot record a lower level last).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.core import audit
from karier.development.competency.selectors import current_levels
from karier.development.models import (
    KegiatanKompetensi,
    Pendaftaran,
    PenilaianKompetensi,
    StatusUsulanLevel,
    SumberPenilaian,
    UsulanKenaikanLevel,
)
from karier.development.outcomes.level_access import require_decide
from karier.people.access import Actor
from karier.people.models import Pegawai

MAX_CATATAN = 2000


def propose_for(pendaftaran: Pendaftaran, *, actor: Actor) -> list[UsulanKenaikanLevel]:
    """Open the level-change proposals a completed enrolment calls for (called by
    `pendaftaran_complete` under its transaction; the actor is whoever completed it). Three queries
    and one audit insert, whatever the number of competencies."""
    kegiatan_id = Pendaftaran.objects.filter(pk=pendaftaran.pk).values_list("sesi__kegiatan_id", flat=True).get()
    stated = dict(
        KegiatanKompetensi.objects.filter(kegiatan_id=kegiatan_id, kompetensi__aktif=True).values_list(
            "kompetensi_id", "sampai_level"
        )
    )
    if not stated:
        return []
    pid = pendaftaran.pegawai_id
    now = current_levels([pid]).get(pid, {})
    waiting: dict[int, int] = {}
    for kid, level, status, from_here in UsulanKenaikanLevel.objects.filter(
        pegawai_id=pid, kompetensi_id__in=list(stated)
    ).values_list("kompetensi_id", "level_usulan", "status", "pendaftaran_id"):
        if from_here == pendaftaran.pk:  # this enrolment already proposed it (decided or not)
            waiting[kid] = 6
        elif status == StatusUsulanLevel.MENUNGGU:
            waiting[kid] = max(level, waiting.get(kid, 0))
    created = []
    with transaction.atomic():
        for kid, level in sorted(stated.items()):
            if now.get(kid, 0) >= level or waiting.get(kid, 0) >= level:
                continue
            created.append(
                UsulanKenaikanLevel.objects.create(
                    pegawai_id=pid,
                    kompetensi_id=kid,
                    pendaftaran_id=pendaftaran.pk,
                    level_awal=now.get(kid),
                    level_usulan=level,
                )
            )
        audit.record_many(
            actor=actor,
            entries=[
                audit.Entry(
                    action="kompetensi.kenaikan_level_usul",
                    obj=u,
                    summary=f"{pid} {u.kompetensi_id}: {u.level_awal or '-'} → {u.level_usulan}",
                    changes={"level_usulan": [None, u.level_usulan], "pendaftaran": [None, pendaftaran.pk]},
                )
                for u in created
            ],
        )
    return created


def _clean_level(level: object, usulan: UsulanKenaikanLevel) -> int:
    if level in (None, ""):
        return usulan.level_usulan
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
        raise ValidationError({"level": _("Level harus bilangan bulat 1–5.")})
    if level > usulan.level_usulan:
        msg = _("Kegiatan ini hanya mengembangkan sampai level %(n)s; level tidak dapat dinaikkan melebihinya.")
        raise ValidationError({"level": msg % {"n": usulan.level_usulan}})
    return level


def usulan_level_decide(
    *, actor: Actor, usulan: UsulanKenaikanLevel, setuju: bool, catatan: str = "", level: object = None
) -> UsulanKenaikanLevel:
    """The superior confirms (recording the level, at most the activity's) or declines (with a note)."""
    pegawai = Pegawai.objects.get(pk=usulan.pegawai_id)
    require_decide(actor, pegawai)
    text = (catatan or "").strip()
    if len(text) > MAX_CATATAN:
        raise ValidationError({"catatan": _("Catatan paling banyak 2000 karakter.")})
    if not setuju and not text:
        raise ValidationError({"catatan": _("Tulis alasan penolakan agar pegawai tahu apa yang perlu ditunjukkan.")})
    chosen = _clean_level(level, usulan) if setuju else None
    with transaction.atomic():
        # Every proposal of this person in this competency, locked in one order: two decisions at once
        # wait for each other, so the level in force read below is the one the write follows.
        rows = {
            u.pk: u
            for u in UsulanKenaikanLevel.objects.select_for_update()
            .filter(pegawai_id=usulan.pegawai_id, kompetensi_id=usulan.kompetensi_id)
            .order_by("pk")
        }
        locked = rows[usulan.pk]
        if locked.status != StatusUsulanLevel.MENUNGGU:
            raise ValidationError({"status": _("Usulan ini sudah diputuskan.")})
        if chosen is not None:
            now = current_levels([pegawai.pk]).get(pegawai.pk, {}).get(locked.kompetensi_id)
            if now is not None and chosen <= now:
                msg = _(
                    "Level yang berlaku sekarang sudah %(now)s; level %(n)s tidak menaikkannya. "
                    "Tolak usulan ini dengan catatan."
                )
                raise ValidationError({"level": msg % {"now": now, "n": chosen}})
            locked.penilaian = PenilaianKompetensi.objects.create(
                pegawai=pegawai,
                kompetensi_id=locked.kompetensi_id,
                level=chosen,
                tanggal=timezone.localdate(),
                sumber=SumberPenilaian.KEGIATAN,
                catatan=text,
                dicatat_oleh_id=actor.user_id,
                pendaftaran_id=locked.pendaftaran_id,
            )
        locked.status = StatusUsulanLevel.DIKONFIRMASI if setuju else StatusUsulanLevel.DITOLAK
        locked.level_dikonfirmasi = chosen
        locked.catatan_atasan = text
        locked.diputus_oleh_id = actor.user_id
        locked.diputus_pada = timezone.now()
        fields = ["status", "level_dikonfirmasi", "catatan_atasan", "diputus_oleh", "diputus_pada", "penilaian"]
        locked.save(update_fields=fields)
        audit.record(
            actor=actor,
            action="kompetensi.kenaikan_level_putus",
            obj=locked,
            summary=f"{pegawai.nip} {locked.kompetensi_id}: {locked.status} ({chosen or '-'})",
            changes={
                "status": [StatusUsulanLevel.MENUNGGU, locked.status],
                "level": [locked.level_awal, chosen],
                "pendaftaran": [None, locked.pendaftaran_id],
            },
        )
    return locked
