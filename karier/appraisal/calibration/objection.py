"""Objections (keberatan) to a final evaluation (issue #5, part 6).

- The appraisee files one, with a reason, within `KalenderPenilaian.jendela_keberatan_hari` days
  after `final_pada` (counted in local dates, the last day included); one open objection at a time.
- The appraiser's superior (atasan pejabat penilai; the BKD admin when there is none) decides:
  accepted → the final version is frozen in `RiwayatEvaluasi`, `predikat_akhir` takes the new
  predikat and `versi` goes up — the evaluation stays FINAL; refused → only the decision is recorded.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.appraisal.calibration import access as ca
from karier.appraisal.calibration.finalise import freeze
from karier.appraisal.calibration.selectors import kalender_for
from karier.appraisal.calibration.services import clean_text
from karier.appraisal.choices import PredikatChoice, StatusEvaluasi, StatusKeberatan
from karier.appraisal.evaluation import snapshots
from karier.appraisal.models import Evaluasi, Keberatan
from karier.appraisal.workflow import Aksi, move
from karier.core import audit
from karier.people.access import Actor


def batas_keberatan(ev: Evaluasi) -> dt.date | None:
    """The last day an objection may be filed, or None before the evaluation is final."""
    if ev.final_pada is None:
        return None
    hari = kalender_for(ev.periode).jendela_keberatan_hari
    return timezone.localtime(ev.final_pada).date() + dt.timedelta(days=hari)


def keberatan_submit(*, actor: Actor, evaluasi: Evaluasi, alasan: str, today: dt.date | None = None) -> Keberatan:
    """The appraisee objects to his final evaluation, with a reason, within the window."""
    if actor.is_auditor or actor.pegawai_id is None or actor.pegawai_id != evaluasi.pegawai_id:
        raise PermissionDenied(_("Keberatan hanya dapat diajukan oleh pegawai yang dinilai."))
    alasan = clean_text(alasan, "alasan", _("Alasan keberatan"))
    if evaluasi.status != StatusEvaluasi.FINAL:
        raise ValidationError(_("Keberatan hanya dapat diajukan atas evaluasi yang sudah final."))
    batas = batas_keberatan(evaluasi)
    today = today or timezone.localdate()
    if batas is None or today > batas:
        raise ValidationError(
            f"Jangka waktu keberatan sudah lewat (batas {batas:%d-%m-%Y})." if batas else "Evaluasi belum final."
        )
    with transaction.atomic():
        Evaluasi.objects.select_for_update().filter(pk=evaluasi.pk).first()
        if Keberatan.objects.filter(evaluasi=evaluasi, status=StatusKeberatan.DIAJUKAN).exists():
            raise ValidationError(_("Masih ada keberatan yang belum diputus untuk evaluasi ini."))
        row = Keberatan.objects.create(evaluasi=evaluasi, alasan=alasan)
        audit.record(
            actor=actor,
            action="appraisal.objection_file",
            obj=row,
            summary=f"Keberatan atas evaluasi {evaluasi.periode.nama}",
            changes={"alasan": alasan},
        )
    return row


def keberatan_decide(
    *, actor: Actor, keberatan: Keberatan, diterima: bool, keputusan: str, predikat_baru: str | None = None
) -> Keberatan:
    """Decide an objection; an accepted one changes the final predikat (versioned, audited)."""
    if not ca.can_decide_objection(actor, keberatan):
        raise PermissionDenied(_("Keberatan diputus oleh atasan pejabat penilai."))
    keputusan = clean_text(keputusan, "keputusan", _("Keputusan"))
    if keberatan.status != StatusKeberatan.DIAJUKAN:
        raise ValidationError(_("Keberatan ini sudah diputus."))
    ev = keberatan.evaluasi
    if diterima:
        if not predikat_baru or predikat_baru not in PredikatChoice.values:
            raise ValidationError({"predikat_baru": _("Pilih predikat baru bila keberatan diterima.")})
        if predikat_baru == (ev.predikat_akhir or ev.predikat):
            raise ValidationError({"predikat_baru": _("Predikat baru sama dengan predikat sekarang.")})
    with transaction.atomic():
        row = Keberatan.objects.select_for_update().get(pk=keberatan.pk)
        if row.status != StatusKeberatan.DIAJUKAN:
            raise ValidationError(_("Keberatan ini sudah diputus."))
        row.status = StatusKeberatan.DITERIMA if diterima else StatusKeberatan.DITOLAK
        row.keputusan, row.diputus_oleh_id, row.diputus_pada = keputusan, actor.user_id, timezone.now()
        row.predikat_baru = (predikat_baru or "") if diterima else ""
        row.save()
        changes: dict[str, Any] = {"status": [StatusKeberatan.DIAJUKAN, row.status], "keputusan": keputusan}
        if diterima:
            e = Evaluasi.objects.select_for_update().get(pk=ev.pk)
            freeze(e, alasan=f"Keberatan diterima: {keputusan}", actor=actor)
            old = e.predikat_akhir or e.predikat
            e.predikat_akhir = predikat_baru or ""
            e.versi += 1
            e.save(update_fields=[*move(e, Aksi.KEBERATAN_DITERIMA), "predikat_akhir", "versi"])
            # The changed final version is what now stands signed (issue #8 §3): freeze it too.
            snapshots.take(evaluasi_id=e.pk, tahap=snapshots.TAHAP_KEBERATAN, actor=actor)
            changes["predikat_akhir"] = [old, e.predikat_akhir]
            changes["versi"] = [e.versi - 1, e.versi]
        audit.record(
            actor=actor,
            action="appraisal.objection_decide",
            obj=row,
            summary=f"Keberatan {row.get_status_display()}",
            changes=changes,
        )
    keberatan.refresh_from_db()
    ev.refresh_from_db()
    return keberatan
