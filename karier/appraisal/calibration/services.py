"""Writes of part 5: the unit's result (predikat kinerja organisasi) and calibration moves.

Both are refused once the unit is finalised, and both go through `karier.rules`: the unit head's
rating hasil kerja follows from the unit's result (`rating_from_organisasi`) and his predikat is
recomputed with `predikat_kinerja`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from karier.appraisal.calibration import access as ca
from karier.appraisal.calibration.selectors import unit_scope_q
from karier.appraisal.choices import PredikatChoice, PredikatOrganisasiChoice, StatusFinalisasi
from karier.appraisal.models import Evaluasi, FinalisasiUnit, Kalibrasi, PeriodePenilaian, PredikatOrganisasiUnit
from karier.appraisal.workflow import ensure_editable
from karier.core import audit
from karier.people.access import Actor
from karier.people.models import UnitKerja
from karier.rules import predikat_kinerja, rating_from_organisasi

MAX_TEKS = 4000
MSG_FINAL = _l("Unit %(unit)s sudah difinalisasi untuk %(periode)s; %(apa)s tidak dapat diubah lagi.")


def clean_text(value: str, field: str, label: str, *, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: _("%(label)s wajib diisi.") % {"label": label}})
    if len(text) > MAX_TEKS:
        raise ValidationError({field: _("%(label)s paling banyak %(n)s karakter.") % {"label": label, "n": MAX_TEKS}})
    return text


def unit_is_final(unit: UnitKerja | int, periode: PeriodePenilaian | int) -> bool:
    return FinalisasiUnit.objects.filter(unit=unit, periode=periode, status=StatusFinalisasi.FINAL).exists()


def head_evaluation(unit: UnitKerja, periode: PeriodePenilaian) -> Evaluasi | None:
    """The evaluation of whoever holds the unit's head position in this period."""
    return (
        Evaluasi.objects.filter(periode=periode, unit=unit, jabatan__adalah_kepala_unit=True, jabatan__unit=unit)
        .order_by("-pk")
        .first()
    )


def predikat_organisasi_set(
    *, actor: Actor, unit: UnitKerja, periode: PeriodePenilaian, predikat: str, alasan: str
) -> PredikatOrganisasiUnit:
    """The head above the unit sets its result, with a reason; the unit head's rating follows.

    Refused after the unit is finalised, and when the unit head's own evaluation is locked.
    """
    if not ca.can_set_unit_result(actor, unit, periode):
        raise PermissionDenied(
            ca.unit_result_conflict(actor, unit, periode)
            or "Predikat kinerja organisasi ditetapkan oleh pimpinan di atas unit ini."
        )
    if predikat not in PredikatOrganisasiChoice.values:
        raise ValidationError({"predikat": "Pilih salah satu: " + ", ".join(PredikatOrganisasiChoice.values) + "."})
    alasan = clean_text(alasan, "alasan", _("Alasan"))
    if unit_is_final(unit, periode):
        raise ValidationError(
            MSG_FINAL % {"unit": unit.nama, "periode": periode.nama, "apa": _("predikat organisasinya")}
        )
    head = head_evaluation(unit, periode)
    if head is not None:
        try:
            ensure_editable(head)
        except ValidationError:
            raise ValidationError(
                _(
                    "Evaluasi kepala unit (%(nama)s) sudah final; buka ulang dahulu sebelum "
                    "mengubah predikat organisasi."
                )
                % {"nama": head.pegawai.nama_lengkap}
            ) from None
    with transaction.atomic():
        row = PredikatOrganisasiUnit.objects.select_for_update().filter(unit=unit, periode=periode).first()
        old = row.predikat if row else ""
        if row is None:
            row = PredikatOrganisasiUnit(unit=unit, periode=periode)
        row.predikat, row.alasan, row.ditetapkan_oleh_id = predikat, alasan, actor.user_id
        row.save()
        audit.record(
            actor=actor,
            action="appraisal.unit_result",
            obj=row,
            summary=f"Predikat organisasi {unit.nama} ({periode.nama}): {predikat}",
            changes={"predikat": [old, predikat], "alasan": alasan},
        )
        if head is not None:
            _leader_follows(actor=actor, evaluasi=head, organisasi=predikat)
    return row


def _leader_follows(*, actor: Actor, evaluasi: Evaluasi, organisasi: str) -> None:
    """SE MenPANRB 3/2023: the unit's result is its head's rating hasil kerja."""
    ev = Evaluasi.objects.select_for_update().get(pk=evaluasi.pk)
    rating = rating_from_organisasi(organisasi).value
    before = {"rating_hasil_kerja": ev.rating_hasil_kerja, "predikat": ev.predikat}
    ev.rating_hasil_kerja = rating
    ev.alasan_hasil_kerja = f"Mengikuti predikat kinerja organisasi unit: {organisasi}."
    if ev.rating_perilaku:
        ev.predikat = predikat_kinerja(rating, ev.rating_perilaku).value
    after = {"rating_hasil_kerja": ev.rating_hasil_kerja, "predikat": ev.predikat}
    if before == after:
        return
    ev.save(update_fields=["rating_hasil_kerja", "alasan_hasil_kerja", "predikat"])
    audit.record(
        actor=actor,
        action="appraisal.leader_rating",
        obj=ev,
        summary=f"Rating hasil kerja kepala unit mengikuti predikat organisasi {organisasi}",
        changes=audit.diff(before, after),
    )


def kalibrasi_move(*, actor: Actor, evaluasi: Evaluasi, unit: UnitKerja, ke: str, alasan: str) -> Kalibrasi:
    """Move one person of the unit's calibration to another predikat category, with a reason.

    Sets `Evaluasi.predikat_akhir` (the computed `predikat` stays, so the move is visible).
    """
    if not ca.can_calibrate(actor, unit):
        raise PermissionDenied(_("Kalibrasi dilakukan oleh kepala unit atau kepala perangkat daerah."))
    if ke not in PredikatChoice.values:
        raise ValidationError({"ke": _("Pilih predikat tujuan yang sah.")})
    alasan = clean_text(alasan, "alasan", _("Alasan pemindahan"))
    if not Evaluasi.objects.filter(unit_scope_q(unit.pk), pk=evaluasi.pk).exists():
        raise ValidationError({"evaluasi": _("Pegawai ini tidak termasuk kalibrasi unit ini.")})
    conflict = ca.move_conflict(actor, evaluasi, unit)  # nobody moves their own evaluation
    if conflict:
        raise PermissionDenied(conflict)
    if unit_is_final(unit, evaluasi.periode_id):
        raise ValidationError(
            MSG_FINAL % {"unit": unit.nama, "periode": evaluasi.periode.nama, "apa": _("kalibrasinya")}
        )
    ensure_editable(evaluasi)
    dari = evaluasi.predikat_akhir or evaluasi.predikat
    if not dari:
        raise ValidationError({"evaluasi": _("Pegawai ini belum dinilai; beri rating terlebih dahulu.")})
    if dari == ke:
        raise ValidationError({"ke": _("Pegawai ini sudah berpredikat %(predikat)s.") % {"predikat": ke}})
    with transaction.atomic():
        ev = Evaluasi.objects.select_for_update().get(pk=evaluasi.pk)
        ensure_editable(ev)
        dari = ev.predikat_akhir or ev.predikat
        ev.predikat_akhir = "" if ke == ev.predikat else ke
        ev.save(update_fields=["predikat_akhir"])
        move = Kalibrasi.objects.create(evaluasi=ev, dari=dari, ke=ke, alasan=alasan, oleh_id=actor.user_id)
        audit.record(
            actor=actor,
            action="appraisal.calibrate",
            obj=ev,
            summary=f"Kalibrasi {ev.pegawai.nama_lengkap}: {dari} → {ke}",
            changes={"predikat_akhir": [dari, ke], "alasan": alasan, "pada": timezone.now()},
        )
    evaluasi.predikat_akhir = ev.predikat_akhir
    return move
