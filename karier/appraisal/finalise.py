"""Finalise, sign, lock and reopen (issue #5, part 6).

Order of signatures (docs/calibration.md):

1. `unit_finalise` — the unit head (or the agency head) finalises the unit's calibration: every
   evaluation in it must be rated, the unit's result must be set and the curve must hold — or the
   year's policy allows a recorded justification. This is the appraiser's signature
   (`ditandatangani_penilai_pada`) on every evaluation of the unit not yet signed.
2. `evaluasi_sign_atasan` — the appraiser's superior (atasan pejabat penilai) signs one evaluation
   or all the unit's evaluations he signs for. With both signatures the evaluation is FINAL
   (`final_pada`), locked, and the objection window opens. An evaluation whose appraiser has no
   superior in the system is FINAL at step 1.
3. `evaluasi_reopen` — a BKD admin or a signer reopens a final evaluation with a reason: the final
   version is frozen in `RiwayatEvaluasi`, `versi` goes up, signatures are cleared, status
   DIBUKA_ULANG and the unit's finalisation goes back to TERBUKA until it is finalised again (which
   signs only what is unsigned).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from karier.appraisal import calibration_access as ca
from karier.appraisal.calibration_selectors import (
    counts_from,
    curve_policy,
    kalender_for,
    rated_counts,
    unit_evaluations,
)
from karier.appraisal.calibration_services import as_actor, clean_text, user_of
from karier.appraisal.choices import StatusEvaluasi, StatusFinalisasi
from karier.appraisal.models import Evaluasi, FinalisasiUnit, PeriodePenilaian, PredikatOrganisasiUnit, RiwayatEvaluasi
from karier.core import audit
from karier.people.models import Jabatan, UnitKerja
from karier.rules import check_distribution

MAX_LISTED = 20


def evaluasi_snapshot(ev: Evaluasi) -> dict[str, Any]:
    """The evaluation as it stands, for `RiwayatEvaluasi` (ratings, predikat, signatures, realisations)."""
    realisasi = list(ev.realisasi.order_by("iki_id").values("iki_id", "realisasi_angka", "realisasi_uraian"))
    return {
        "versi": ev.versi, "status": ev.status, "pegawai_id": ev.pegawai_id, "penilai_id": ev.penilai_id,
        "rating_hasil_kerja": ev.rating_hasil_kerja, "alasan_hasil_kerja": ev.alasan_hasil_kerja,
        "rating_perilaku": ev.rating_perilaku, "alasan_perilaku": ev.alasan_perilaku,
        "predikat": ev.predikat, "predikat_akhir": ev.predikat_akhir,
        "dinilai_pada": ev.dinilai_pada, "ditandatangani_penilai_pada": ev.ditandatangani_penilai_pada,
        "ditandatangani_atasan_pada": ev.ditandatangani_atasan_pada,
        "ditandatangani_atasan_oleh": ev.ditandatangani_atasan_oleh_id, "final_pada": ev.final_pada,
        "realisasi": [{k: (str(v) if v is not None and k == "realisasi_angka" else v) for k, v in r.items()}
                      for r in realisasi],
    }


def _jsonable(snapshot: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in snapshot.items()}


def freeze(ev: Evaluasi, *, alasan: str, user: Any) -> RiwayatEvaluasi:
    """Keep the current version (idempotent per version)."""
    row, _ = RiwayatEvaluasi.objects.update_or_create(
        evaluasi=ev, versi=ev.versi, defaults={"snapshot": _jsonable(evaluasi_snapshot(ev)), "alasan": alasan,
                                              "oleh": user})
    return row


def _names(evs: list[Evaluasi]) -> str:
    names = ", ".join(e.pegawai.nama_lengkap for e in evs[:MAX_LISTED])
    return names + (f", dan {len(evs) - MAX_LISTED} lainnya" if len(evs) > MAX_LISTED else "")


def _superiors(evs: list[Evaluasi]) -> dict[int, int | None]:
    """{appraiser position: covered superior position or None}, a few queries for the whole unit."""
    out: dict[int, int | None] = {}
    for jabatan in Jabatan.objects.filter(pk__in={e.penilai_jabatan_id for e in evs if e.penilai_jabatan_id}):
        out[jabatan.pk] = ca.covering_superior(jabatan)
    return out


def unit_finalise(*, actor: Any, unit: UnitKerja, periode: PeriodePenilaian, justifikasi: str = "") -> FinalisasiUnit:
    """Finalise a unit: the appraiser's signature on all its evaluations (see the module docstring).

    Refused, with nothing written: someone unrated (named), no unit result, a broken curve without
    an allowed and given justification, or the unit already final.
    """
    who = as_actor(actor)
    if not ca.can_calibrate(who, unit):
        raise PermissionDenied("Finalisasi dilakukan oleh kepala unit atau kepala perangkat daerah.")
    justifikasi = clean_text(justifikasi, "justifikasi", "Justifikasi", required=False)
    existing = FinalisasiUnit.objects.filter(unit=unit, periode=periode).first()
    if existing is not None and existing.status == StatusFinalisasi.FINAL:
        raise ValidationError(f"Unit {unit.nama} sudah difinalisasi untuk {periode.nama}.")
    evs = list(unit_evaluations(unit, periode).select_related("pegawai").order_by("pegawai__nama", "pk"))
    if not evs:
        raise ValidationError(f"Belum ada evaluasi di unit {unit.nama} untuk {periode.nama}.")
    unrated = [e for e in evs if not (e.predikat_akhir or e.predikat)]
    if unrated:
        raise ValidationError({"__all__": f"{len(unrated)} pegawai belum dinilai: {_names(unrated)}."})
    organisasi = PredikatOrganisasiUnit.objects.filter(unit=unit, periode=periode).first()
    if organisasi is None:
        raise ValidationError({"__all__": "Predikat kinerja organisasi unit ini belum ditetapkan oleh pimpinan "
                                          "di atasnya."})
    kalender = kalender_for(periode)
    violations = check_distribution(organisasi.predikat, rated_counts(counts_from(evs)), curve_policy(kalender))
    messages = [v.message for v in violations]
    if violations:
        if not kalender.izinkan_justifikasi_kurva:
            raise ValidationError({"__all__": ["Distribusi predikat melanggar kurva; lakukan kalibrasi dahulu.",
                                               *messages]})
        if not justifikasi:
            raise ValidationError({"justifikasi": ["Distribusi predikat melanggar kurva; tuliskan justifikasinya "
                                                   "atau lakukan kalibrasi.", *messages]})
    superiors = _superiors(evs)
    now = timezone.now()
    user = user_of(actor)
    with transaction.atomic():
        fin = FinalisasiUnit.objects.select_for_update().filter(unit=unit, periode=periode).first()
        if fin is not None and fin.status == StatusFinalisasi.FINAL:
            raise ValidationError(f"Unit {unit.nama} sudah difinalisasi untuk {periode.nama}.")
        fin = fin or FinalisasiUnit(unit=unit, periode=periode)
        fin.status = StatusFinalisasi.FINAL
        fin.pelanggaran_kurva = messages
        fin.justifikasi = justifikasi if violations else ""
        fin.oleh, fin.pada = user, now
        fin.save()
        ids = [e.pk for e in evs]
        unsigned = Evaluasi.objects.filter(pk__in=ids, ditandatangani_penilai_pada__isnull=True)
        no_superior = [e.pk for e in evs if superiors.get(e.penilai_jabatan_id or 0) is None]
        signed = unsigned.update(ditandatangani_penilai_pada=now)
        # No superior to sign second (the appraiser at the top, or no appraiser): final now.
        direct = (Evaluasi.objects.filter(pk__in=no_superior).exclude(status=StatusEvaluasi.FINAL)
                  .update(status=StatusEvaluasi.FINAL, final_pada=now))
        audit.record(actor=actor, action="appraisal.unit_finalise", obj=fin,
                     summary=f"Finalisasi {unit.nama} ({periode.nama}): {signed} evaluasi ditandatangani penilai",
                     changes={"status": [StatusFinalisasi.TERBUKA, StatusFinalisasi.FINAL], "evaluasi": len(ids),
                              "ditandatangani": signed, "langsung_final": direct, "pelanggaran_kurva": messages,
                              "justifikasi": fin.justifikasi})
    return fin


def evaluasi_sign_atasan(*, actor: Any, periode: PeriodePenilaian, evaluasi: Evaluasi | None = None,
                         unit: UnitKerja | None = None) -> int:
    """The appraiser's superior signs one evaluation, or every evaluation of `unit` he signs for.

    Needs the appraiser's signature first; with both, the evaluation becomes FINAL (locked).
    Returns how many were signed.
    """
    if (evaluasi is None) == (unit is None):
        raise ValidationError("Pilih satu evaluasi atau satu unit untuk ditandatangani.")
    who = as_actor(actor)
    if who.is_auditor or who.user_id is None:
        raise PermissionDenied("Auditor tidak menandatangani evaluasi.")
    evs = ([evaluasi] if evaluasi is not None
           else list(unit_evaluations(unit, periode).select_related("pegawai")))  # type: ignore[arg-type]
    superiors = _superiors(evs)
    mine = [e for e in evs if ca.is_atasan_penilai(who, e, superiors.get(e.penilai_jabatan_id or 0))
            and superiors.get(e.penilai_jabatan_id or 0) is not None]
    if evaluasi is not None:
        if not mine:
            raise PermissionDenied("Hanya atasan pejabat penilai yang menandatangani evaluasi ini.")
        if evaluasi.periode_id != periode.pk:
            raise ValidationError("Evaluasi ini bukan dari periode yang dipilih.")
        if evaluasi.ditandatangani_penilai_pada is None:
            raise ValidationError("Pejabat penilai belum menandatangani (unit belum difinalisasi).")
        if evaluasi.ditandatangani_atasan_pada is not None:
            raise ValidationError("Evaluasi ini sudah Anda tandatangani.")
    todo = [e.pk for e in mine if e.ditandatangani_penilai_pada is not None and e.ditandatangani_atasan_pada is None]
    if unit is not None and not todo:
        raise ValidationError("Tidak ada evaluasi di unit ini yang menunggu tanda tangan Anda.")
    now = timezone.now()
    with transaction.atomic():
        qs = Evaluasi.objects.filter(pk__in=todo, ditandatangani_penilai_pada__isnull=False,
                                     ditandatangani_atasan_pada__isnull=True)
        n = qs.update(ditandatangani_atasan_pada=now, ditandatangani_atasan_oleh_id=who.pegawai_id,
                      status=StatusEvaluasi.FINAL, final_pada=now)
        target = evaluasi if evaluasi is not None else unit
        assert target is not None
        audit.record(actor=actor, action="appraisal.sign_atasan", obj=target,
                     summary=f"Tanda tangan atasan pejabat penilai: {n} evaluasi final ({periode.nama})",
                     changes={"evaluasi": todo[:1000], "status": [StatusEvaluasi.DINILAI, StatusEvaluasi.FINAL]})
    if evaluasi is not None:
        evaluasi.refresh_from_db()
    return n


def can_reopen(actor: Any, ev: Evaluasi) -> bool:
    who = as_actor(actor)
    if who.is_auditor or who.user_id is None:
        return False
    if who.is_admin:
        return True
    from karier.appraisal.access import is_appraiser

    return is_appraiser(who, ev) or (ev.ditandatangani_atasan_oleh_id is not None
                                     and ev.ditandatangani_atasan_oleh_id == who.pegawai_id)


def evaluasi_reopen(*, actor: Any, evaluasi: Evaluasi, alasan: str) -> Evaluasi:
    """Reopen a final evaluation with a reason; the final version is kept (see the module docstring)."""
    if not can_reopen(actor, evaluasi):
        raise PermissionDenied("Hanya admin BKD atau penanda tangan yang dapat membuka ulang evaluasi.")
    alasan = clean_text(alasan, "alasan", "Alasan pembukaan ulang")
    if evaluasi.status != StatusEvaluasi.FINAL:
        raise ValidationError("Hanya evaluasi yang sudah final yang dapat dibuka ulang.")
    user = user_of(actor)
    with transaction.atomic():
        ev = Evaluasi.objects.select_for_update().get(pk=evaluasi.pk)
        if ev.status != StatusEvaluasi.FINAL:
            raise ValidationError("Hanya evaluasi yang sudah final yang dapat dibuka ulang.")
        freeze(ev, alasan=alasan, user=user)
        old = ev.versi
        ev.versi = old + 1
        ev.status = StatusEvaluasi.DIBUKA_ULANG
        ev.ditandatangani_penilai_pada = ev.ditandatangani_atasan_pada = ev.final_pada = None
        ev.ditandatangani_atasan_oleh = None
        ev.save(update_fields=["versi", "status", "ditandatangani_penilai_pada", "ditandatangani_atasan_pada",
                               "ditandatangani_atasan_oleh", "final_pada"])
        # The unit it is calibrated in must be finalised again (which signs only what is unsigned).
        cal_unit = _calibration_unit_id(ev)
        if cal_unit is not None:
            FinalisasiUnit.objects.filter(unit_id=cal_unit, periode_id=ev.periode_id,
                                          status=StatusFinalisasi.FINAL).update(status=StatusFinalisasi.TERBUKA)
        audit.record(actor=actor, action="appraisal.reopen", obj=ev, summary=alasan[:200],
                     changes={"status": [StatusEvaluasi.FINAL, StatusEvaluasi.DIBUKA_ULANG], "versi": [old, ev.versi]})
    evaluasi.refresh_from_db()
    return evaluasi


def _calibration_unit_id(ev: Evaluasi) -> int | None:
    jabatan = ev.jabatan
    if jabatan.adalah_kepala_unit and jabatan.unit_id == ev.unit_id:
        return jabatan.atasan.unit_id if jabatan.atasan is not None else None
    return ev.unit_id
