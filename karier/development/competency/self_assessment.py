"""Self-assessment agreed by the superior (issue #11 item 2): the employee proposes a level with the
behaviour that shows it; the superior agrees (the level is then recorded as an assessment, source
"penilaian mandiri disetujui atasan", in the same transaction) or refuses with a note. Nobody agrees
their own proposal: the superior is the official who rates the person's position (`is_rater`)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.core import audit
from karier.development.competency import access
from karier.development.competency.services import MAX_TEKS, clean_level
from karier.development.models import (
    Kompetensi,
    PenilaianKompetensi,
    StatusUsulan,
    SumberPenilaian,
    UsulanPenilaianMandiri,
)
from karier.people.access import Actor
from karier.people.models import Pegawai


def penilaian_mandiri_submit(
    *, actor: Actor, pegawai: Pegawai, kompetensi: Kompetensi, level: int, alasan: str = ""
) -> UsulanPenilaianMandiri:
    """The employee proposes their own level (only for themselves; one open proposal per competency)."""
    if actor.pegawai_id is None or actor.pegawai_id != pegawai.pk or actor.is_auditor:
        raise PermissionDenied(_("Penilaian mandiri hanya diajukan oleh pegawai itu sendiri."))
    clean_level(level)
    alasan = alasan.strip()
    if len(alasan) > MAX_TEKS:
        raise ValidationError({"alasan": _("Alasan paling banyak 2000 karakter.")})
    if not kompetensi.aktif:
        raise ValidationError({"kompetensi": _("Kompetensi ini tidak aktif.")})
    with transaction.atomic():
        open_ = UsulanPenilaianMandiri.objects.select_for_update().filter(
            pegawai=pegawai, kompetensi=kompetensi, status=StatusUsulan.DIUSULKAN
        )
        if open_.exists():
            raise ValidationError(
                {"kompetensi": _("Masih ada usulan untuk kompetensi ini yang menunggu keputusan atasan.")}
            )
        row = UsulanPenilaianMandiri.objects.create(pegawai=pegawai, kompetensi=kompetensi, level=level, alasan=alasan)
        audit.record(
            actor=actor,
            action="kompetensi.mandiri_usul",
            obj=row,
            summary=f"{kompetensi.nama}: level {level}",
            changes={"level": [None, level]},
        )
    return row


def penilaian_mandiri_decide(
    *, actor: Actor, usulan: UsulanPenilaianMandiri, setuju: bool, catatan: str = ""
) -> UsulanPenilaianMandiri:
    """The superior agrees (recording the assessment) or refuses (a note is required)."""
    pegawai = usulan.pegawai
    if actor.pegawai_id is not None and actor.pegawai_id == pegawai.pk:
        raise PermissionDenied(_("Anda tidak dapat menyetujui penilaian mandiri Anda sendiri (benturan kepentingan)."))
    if not access.is_superior(actor, pegawai):
        raise PermissionDenied(
            _("Hanya atasan langsung yang dapat mencatat observasi atau menyetujui penilaian mandiri.")
        )
    catatan = catatan.strip()
    if not setuju and not catatan:
        raise ValidationError({"catatan": _("Tulis alasan penolakan agar pegawai tahu apa yang perlu ditunjukkan.")})
    if len(catatan) > MAX_TEKS:
        raise ValidationError({"catatan": _("Catatan paling banyak 2000 karakter.")})
    with transaction.atomic():
        locked = UsulanPenilaianMandiri.objects.select_for_update().get(pk=usulan.pk)
        if locked.status != StatusUsulan.DIUSULKAN:
            raise ValidationError({"status": _("Usulan ini sudah diputuskan.")})
        if setuju:
            locked.penilaian = PenilaianKompetensi.objects.create(
                pegawai=pegawai,
                kompetensi_id=locked.kompetensi_id,
                level=locked.level,
                tanggal=timezone.localdate(),
                sumber=SumberPenilaian.MANDIRI_DISETUJUI,
                catatan=catatan,
                dicatat_oleh_id=actor.user_id,
            )
        locked.status = StatusUsulan.DISETUJUI if setuju else StatusUsulan.DITOLAK
        locked.catatan_atasan = catatan
        locked.diputus_oleh_id = actor.user_id
        locked.save(update_fields=["status", "catatan_atasan", "diputus_oleh", "penilaian"])
        audit.record(
            actor=actor,
            action="kompetensi.mandiri_putus",
            obj=locked,
            summary=f"{pegawai.nip} {locked.kompetensi_id}: {locked.get_status_display()}",
            changes={"status": [StatusUsulan.DIUSULKAN, locked.status]},
        )
    return locked
