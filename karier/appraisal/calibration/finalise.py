"""Finalise, sign, lock and reopen (issue #5, part 6; issue #8 §3 and §3a).

Order (docs/calibration.md). Every status change goes through `karier.appraisal.workflow`.

1. `unit_finalise` — the unit head (or the agency head) finalises the unit's calibration: every
   evaluation in it must be rated, the unit's result must be set and the curve must hold — or the
   year's policy allows a recorded justification. From then on the unit's evaluations can no longer
   be re-rated (`workflow.ensure_editable`). Finalising signs for nobody else: when the finaliser is
   himself the appraiser of some of the unit's evaluations, his own signature on those is recorded
   in the same action (he pressed "Finalisasi dan tandatangani").
2. `tanda_tangan_penilai_add` — the appraiser (the `penilai` snapshot or whoever covers his position
   today) signs one evaluation or all the unit's evaluations he appraises: `ditandatangani_penilai_pada`
   and `ditandatangani_penilai_oleh` (who). An evaluation whose appraiser has no superior in the
   system is FINAL at this step.
3. `tanda_tangan_atasan_add` — the appraiser's superior (atasan pejabat penilai) signs one evaluation
   or all the unit's evaluations he signs for. With both signatures the evaluation is FINAL
   (`final_pada`), locked, and the objection window opens.
   Every signature needs the unit finalised and re-checks the curve (`karier.rules.check_distribution`,
   as finalisation does), and freezes what was signed (`karier.appraisal.evaluation.snapshots.take`).
4. `evaluasi_reopen` — a BKD admin or a signer reopens a final evaluation with a reason: the final
   version is frozen in `RiwayatEvaluasi`, `versi` goes up, signatures are cleared, status
   DIBUKA_ULANG and the unit's finalisation goes back to TERBUKA until it is finalised again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.appraisal import workflow
from karier.appraisal.calibration import access as ca
from karier.appraisal.calibration.selectors import (
    counts_from,
    curve_policy,
    kalender_for,
    rated_counts,
    unit_evaluations,
)
from karier.appraisal.calibration.services import clean_text
from karier.appraisal.choices import StatusEvaluasi, StatusFinalisasi
from karier.appraisal.evaluation import snapshots
from karier.appraisal.evaluation.access import is_appraiser
from karier.appraisal.models import Evaluasi, FinalisasiUnit, PeriodePenilaian, PredikatOrganisasiUnit, RiwayatEvaluasi
from karier.appraisal.workflow import Aksi
from karier.core import audit
from karier.people.access import Actor
from karier.people.models import Jabatan, UnitKerja
from karier.rules import check_distribution

MAX_LISTED = 20


def evaluasi_snapshot(ev: Evaluasi) -> dict[str, Any]:
    """The evaluation as it stands, for `RiwayatEvaluasi` (ratings, predikat, signatures, realisations)."""
    realisasi = list(ev.realisasi.order_by("iki_id").values("iki_id", "realisasi_angka", "realisasi_uraian"))
    return {
        "versi": ev.versi,
        "status": ev.status,
        "pegawai_id": ev.pegawai_id,
        "penilai_id": ev.penilai_id,
        "rating_hasil_kerja": ev.rating_hasil_kerja,
        "alasan_hasil_kerja": ev.alasan_hasil_kerja,
        "rating_perilaku": ev.rating_perilaku,
        "alasan_perilaku": ev.alasan_perilaku,
        "predikat": ev.predikat,
        "predikat_akhir": ev.predikat_akhir,
        "dinilai_pada": ev.dinilai_pada,
        "ditandatangani_penilai_pada": ev.ditandatangani_penilai_pada,
        "ditandatangani_atasan_pada": ev.ditandatangani_atasan_pada,
        "ditandatangani_atasan_oleh": ev.ditandatangani_atasan_oleh_id,
        "final_pada": ev.final_pada,
        "realisasi": [
            {k: (str(v) if v is not None and k == "realisasi_angka" else v) for k, v in r.items()} for r in realisasi
        ],
    }


def _jsonable(snapshot: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in snapshot.items()}


def freeze(ev: Evaluasi, *, alasan: str, actor: Actor) -> RiwayatEvaluasi:
    """Keep the current version (idempotent per version)."""
    row, _ = RiwayatEvaluasi.objects.update_or_create(
        evaluasi=ev,
        versi=ev.versi,
        defaults={"snapshot": _jsonable(evaluasi_snapshot(ev)), "alasan": alasan, "oleh_id": actor.user_id},
    )
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


def unit_finalise(*, actor: Actor, unit: UnitKerja, periode: PeriodePenilaian, justifikasi: str = "") -> FinalisasiUnit:
    """Finalise a unit's calibration; the finaliser signs only what he appraises himself (module docstring).

    Refused, with nothing written: someone unrated (named), no unit result, a broken curve without
    an allowed and given justification, or the unit already final.
    """
    if not ca.can_calibrate(actor, unit):
        raise PermissionDenied(_("Finalisasi dilakukan oleh kepala unit atau kepala perangkat daerah."))
    conflict = ca.finalise_conflict(actor, unit, periode)
    if conflict:
        raise PermissionDenied(conflict)
    justifikasi = clean_text(justifikasi, "justifikasi", _("Justifikasi"), required=False)
    existing = FinalisasiUnit.objects.filter(unit=unit, periode=periode).first()
    if existing is not None and existing.status == StatusFinalisasi.FINAL:
        raise ValidationError(
            _("Unit %(unit)s sudah difinalisasi untuk %(periode)s.") % {"unit": unit.nama, "periode": periode.nama}
        )
    evs = list(unit_evaluations(unit, periode).select_related("pegawai").order_by("pegawai__nama", "pk"))
    if not evs:
        raise ValidationError(
            _("Belum ada evaluasi di unit %(unit)s untuk %(periode)s.") % {"unit": unit.nama, "periode": periode.nama}
        )
    unrated = [e for e in evs if not (e.predikat_akhir or e.predikat)]
    if unrated:
        raise ValidationError(
            {"__all__": _("%(n)s pegawai belum dinilai: %(nama)s.") % {"n": len(unrated), "nama": _names(unrated)}}
        )
    organisasi = PredikatOrganisasiUnit.objects.filter(unit=unit, periode=periode).first()
    if organisasi is None:
        raise ValidationError(
            {"__all__": _("Predikat kinerja organisasi unit ini belum ditetapkan oleh pimpinan di atasnya.")}
        )
    kalender = kalender_for(periode)
    violations = check_distribution(organisasi.predikat, rated_counts(counts_from(evs)), curve_policy(kalender))
    messages = [v.message for v in violations]
    if violations:
        if not kalender.izinkan_justifikasi_kurva:
            raise ValidationError(
                {"__all__": ["Distribusi predikat melanggar kurva; lakukan kalibrasi dahulu.", *messages]}
            )
        if not justifikasi:
            raise ValidationError(
                {
                    "justifikasi": [
                        "Distribusi predikat melanggar kurva; tuliskan justifikasinya atau lakukan kalibrasi.",
                        *messages,
                    ]
                }
            )
    now = timezone.now()
    with transaction.atomic():
        fin = FinalisasiUnit.objects.select_for_update().filter(unit=unit, periode=periode).first()
        if fin is not None and fin.status == StatusFinalisasi.FINAL:
            raise ValidationError(
                _("Unit %(unit)s sudah difinalisasi untuk %(periode)s.") % {"unit": unit.nama, "periode": periode.nama}
            )
        fin = fin or FinalisasiUnit(unit=unit, periode=periode)
        fin.status = StatusFinalisasi.FINAL
        fin.pelanggaran_kurva = messages
        fin.justifikasi = justifikasi if violations else ""
        fin.oleh_id, fin.pada = actor.user_id, now
        fin.save()
        # The finaliser's own signature as appraiser, on the evaluations he appraises (nobody else's).
        own = [
            e for e in evs if e.ditandatangani_penilai_pada is None and e.status in _SIGNABLE and is_appraiser(actor, e)
        ]
        signed = _sign_penilai(actor=actor, evs=own, now=now) if own else 0
        audit.record(
            actor=actor,
            action="appraisal.unit_finalise",
            obj=fin,
            summary=f"Finalisasi {unit.nama} ({periode.nama}): {signed} evaluasi ditandatangani "
            "pejabat penilai (oleh dirinya sendiri)",
            changes={
                "status": [StatusFinalisasi.TERBUKA, StatusFinalisasi.FINAL],
                "evaluasi": len(evs),
                "ditandatangani": signed,
                "pelanggaran_kurva": messages,
                "justifikasi": fin.justifikasi,
            },
        )
    return fin


_SIGNABLE = workflow.TRANSITIONS[Aksi.TTD_PENILAI].dari


def curve_refusal(unit_id: int, periode: PeriodePenilaian) -> list[str]:
    """Why the unit's evaluations may not be signed now ([] when they may): the unit must be finalised
    and its curve must still hold (or the finalisation recorded an allowed justification)."""
    fin = FinalisasiUnit.objects.filter(unit_id=unit_id, periode=periode, status=StatusFinalisasi.FINAL).first()
    if fin is None:
        return ["Kalibrasi unit belum difinalisasi; tanda tangan dilakukan setelah finalisasi unit."]
    organisasi = PredikatOrganisasiUnit.objects.filter(unit_id=unit_id, periode=periode).first()
    if organisasi is None:
        return ["Predikat kinerja organisasi unit ini belum ditetapkan."]
    kalender = kalender_for(periode)
    evs = list(unit_evaluations(unit_id, periode).only("predikat", "predikat_akhir"))
    violations = check_distribution(organisasi.predikat, rated_counts(counts_from(evs)), curve_policy(kalender))
    if violations and not (kalender.izinkan_justifikasi_kurva and fin.justifikasi):
        return [
            "Distribusi predikat unit melanggar kurva; lakukan kalibrasi (buka ulang) dahulu.",
            *[v.message for v in violations],
        ]
    return []


def _curve_check(evs: list[Evaluasi], periode: PeriodePenilaian) -> None:
    """Every signature re-checks the curve of each calibration unit it touches (a few queries per unit)."""
    for unit_id in sorted({workflow.calibration_unit_id(e) or 0 for e in evs}):
        refusal = curve_refusal(unit_id, periode) if unit_id else ["Evaluasi ini tidak berada di unit kalibrasi."]
        if refusal:
            raise ValidationError({"__all__": refusal})


def _sign_penilai(*, actor: Actor, evs: list[Evaluasi], now: dt.datetime) -> int:
    """Record the actor's own signature as appraiser (inside the caller's transaction); FINAL when nobody
    signs above him. Each evaluation is re-read under a lock and frozen in a snapshot."""
    superiors = _superiors(evs)
    n = 0
    for e in evs:
        ev = Evaluasi.objects.select_for_update().get(pk=e.pk)
        if ev.ditandatangani_penilai_pada is not None:
            continue
        final = superiors.get(ev.penilai_jabatan_id or 0) is None
        fields = workflow.move(ev, Aksi.TTD_PENILAI_FINAL if final else Aksi.TTD_PENILAI)
        ev.ditandatangani_penilai_pada, ev.ditandatangani_penilai_oleh_id = now, actor.pegawai_id
        fields += ["ditandatangani_penilai_pada", "ditandatangani_penilai_oleh"]
        if final:
            ev.final_pada = now
            fields.append("final_pada")
        ev.save(update_fields=fields)
        snapshots.take(evaluasi_id=ev.pk, tahap=snapshots.TAHAP_PENILAI, actor=actor)
        n += 1
    return n


def tanda_tangan_penilai_add(
    *, actor: Actor, periode: PeriodePenilaian, evaluasi: Evaluasi | None = None, unit: UnitKerja | None = None
) -> int:
    """The appraiser signs one evaluation, or every evaluation of `unit` he appraises; only his own
    action records his signature. Needs the unit finalised and the curve holding. Returns how many."""
    if (evaluasi is None) == (unit is None):
        raise ValidationError(_("Pilih satu evaluasi atau satu unit untuk ditandatangani."))
    if actor.is_auditor or actor.user_id is None or actor.pegawai_id is None:
        raise PermissionDenied(_("Tanda tangan pejabat penilai hanya oleh pejabat penilai sendiri."))
    evs = (
        [evaluasi] if evaluasi is not None else list(unit_evaluations(unit, periode).select_related("jabatan__atasan"))  # type: ignore[arg-type]
    )
    mine = [e for e in evs if is_appraiser(actor, e)]
    if evaluasi is not None:
        if not mine:
            raise PermissionDenied(
                _(
                    "Hanya pejabat penilai evaluasi ini (atau Plt/Plh jabatannya) yang "
                    "menandatanganinya sebagai pejabat penilai."
                )
            )
        if evaluasi.periode_id != periode.pk:
            raise ValidationError(_("Evaluasi ini bukan dari periode yang dipilih."))
        if evaluasi.ditandatangani_penilai_pada is not None:
            raise ValidationError(_("Evaluasi ini sudah ditandatangani pejabat penilai."))
        workflow.ensure_can_move(evaluasi.status, Aksi.TTD_PENILAI)
    todo = [e for e in mine if e.ditandatangani_penilai_pada is None and e.status in _SIGNABLE]
    if unit is not None and not todo:
        raise ValidationError(
            _("Tidak ada evaluasi di unit ini yang menunggu tanda tangan Anda sebagai pejabat penilai.")
        )
    _curve_check(todo, periode)
    now = timezone.now()
    with transaction.atomic():
        n = _sign_penilai(actor=actor, evs=todo, now=now)
        target = evaluasi if evaluasi is not None else unit
        assert target is not None
        audit.record(
            actor=actor,
            action="appraisal.sign_penilai",
            obj=target,
            summary=f"Tanda tangan pejabat penilai: {n} evaluasi ({periode.nama})",
            changes={"evaluasi": [e.pk for e in todo][:1000], "ditandatangani_penilai_oleh": actor.pegawai_id},
        )
    if evaluasi is not None:
        evaluasi.refresh_from_db()
    return n


def tanda_tangan_atasan_add(
    *, actor: Actor, periode: PeriodePenilaian, evaluasi: Evaluasi | None = None, unit: UnitKerja | None = None
) -> int:
    """The appraiser's superior signs one evaluation, or every evaluation of `unit` he signs for.

    Needs the appraiser's signature first and re-checks the curve; with both, the evaluation becomes
    FINAL (locked) and is frozen in a snapshot. Returns how many were signed.
    """
    if (evaluasi is None) == (unit is None):
        raise ValidationError(_("Pilih satu evaluasi atau satu unit untuk ditandatangani."))
    if actor.is_auditor or actor.user_id is None:
        raise PermissionDenied(_("Auditor tidak menandatangani evaluasi."))
    evs = (
        [evaluasi]
        if evaluasi is not None
        else list(unit_evaluations(unit, periode).select_related("pegawai", "jabatan__atasan"))  # type: ignore[arg-type]
    )
    superiors = _superiors(evs)
    mine = [
        e
        for e in evs
        if ca.is_atasan_penilai(actor, e, superiors.get(e.penilai_jabatan_id or 0))
        and superiors.get(e.penilai_jabatan_id or 0) is not None
    ]
    if evaluasi is not None:
        if not mine:
            raise PermissionDenied(_("Hanya atasan pejabat penilai yang menandatangani evaluasi ini."))
        if evaluasi.periode_id != periode.pk:
            raise ValidationError(_("Evaluasi ini bukan dari periode yang dipilih."))
        if evaluasi.ditandatangani_penilai_pada is None:
            raise ValidationError(_("Pejabat penilai belum menandatangani evaluasi ini."))
        if evaluasi.ditandatangani_atasan_pada is not None:
            raise ValidationError(_("Evaluasi ini sudah Anda tandatangani."))
    todo = [e for e in mine if e.ditandatangani_penilai_pada is not None and e.ditandatangani_atasan_pada is None]
    if unit is not None and not todo:
        raise ValidationError(_("Tidak ada evaluasi di unit ini yang menunggu tanda tangan Anda."))
    for e in todo:
        workflow.ensure_can_move(e.status, Aksi.TTD_ATASAN)
    _curve_check(todo, periode)
    now = timezone.now()
    with transaction.atomic():
        n = 0
        for e in todo:
            ev = Evaluasi.objects.select_for_update().get(pk=e.pk)
            if ev.ditandatangani_penilai_pada is None or ev.ditandatangani_atasan_pada is not None:
                continue
            fields = workflow.move(ev, Aksi.TTD_ATASAN)
            ev.ditandatangani_atasan_pada, ev.ditandatangani_atasan_oleh_id, ev.final_pada = now, actor.pegawai_id, now
            ev.save(update_fields=[*fields, "ditandatangani_atasan_pada", "ditandatangani_atasan_oleh", "final_pada"])
            snapshots.take(evaluasi_id=ev.pk, tahap=snapshots.TAHAP_ATASAN, actor=actor)
            n += 1
        target = evaluasi if evaluasi is not None else unit
        assert target is not None
        audit.record(
            actor=actor,
            action="appraisal.sign_atasan",
            obj=target,
            summary=f"Tanda tangan atasan pejabat penilai: {n} evaluasi final ({periode.nama})",
            changes={"evaluasi": [e.pk for e in todo][:1000], "status": [StatusEvaluasi.DINILAI, StatusEvaluasi.FINAL]},
        )
    if evaluasi is not None:
        evaluasi.refresh_from_db()
    return n


def can_reopen(actor: Actor, ev: Evaluasi) -> bool:
    if actor.is_auditor or actor.user_id is None:
        return False
    if actor.pegawai_id is not None and actor.pegawai_id == ev.pegawai_id:
        return False  # nobody reopens his own evaluation, a BKD admin included (issue #8 §2)
    if actor.is_admin:
        return True
    return is_appraiser(actor, ev) or (
        ev.ditandatangani_atasan_oleh_id is not None and ev.ditandatangani_atasan_oleh_id == actor.pegawai_id
    )


def evaluasi_reopen(*, actor: Actor, evaluasi: Evaluasi, alasan: str) -> Evaluasi:
    """Reopen a final evaluation with a reason; the final version is kept (see the module docstring)."""
    if not can_reopen(actor, evaluasi):
        if actor.pegawai_id == evaluasi.pegawai_id:
            raise PermissionDenied(
                _(
                    "Anda tidak dapat membuka ulang evaluasi Anda sendiri (benturan kepentingan); "
                    "pembukaan ulang dilakukan oleh admin BKD lain atau penanda tangannya."
                )
            )
        raise PermissionDenied(_("Hanya admin BKD atau penanda tangan yang dapat membuka ulang evaluasi."))
    alasan = clean_text(alasan, "alasan", _("Alasan pembukaan ulang"))
    if evaluasi.status != StatusEvaluasi.FINAL:
        raise ValidationError(_("Hanya evaluasi yang sudah final yang dapat dibuka ulang."))
    with transaction.atomic():
        ev = Evaluasi.objects.select_for_update().get(pk=evaluasi.pk)
        if ev.status != StatusEvaluasi.FINAL:
            raise ValidationError(_("Hanya evaluasi yang sudah final yang dapat dibuka ulang."))
        freeze(ev, alasan=alasan, actor=actor)
        old = ev.versi
        ev.versi = old + 1
        fields = workflow.move(ev, Aksi.BUKA_ULANG)
        ev.ditandatangani_penilai_pada = ev.ditandatangani_atasan_pada = ev.final_pada = None
        ev.ditandatangani_atasan_oleh = ev.ditandatangani_penilai_oleh = None
        ev.save(
            update_fields=[
                *fields,
                "versi",
                "ditandatangani_penilai_pada",
                "ditandatangani_atasan_pada",
                "ditandatangani_atasan_oleh",
                "ditandatangani_penilai_oleh",
                "final_pada",
            ]
        )
        # The unit it is calibrated in must be finalised again (which signs only what is unsigned).
        cal_unit = _calibration_unit_id(ev)
        if cal_unit is not None:
            FinalisasiUnit.objects.filter(
                unit_id=cal_unit, periode_id=ev.periode_id, status=StatusFinalisasi.FINAL
            ).update(status=StatusFinalisasi.TERBUKA)
        audit.record(
            actor=actor,
            action="appraisal.reopen",
            obj=ev,
            summary=alasan[:200],
            changes={"status": [StatusEvaluasi.FINAL, StatusEvaluasi.DIBUKA_ULANG], "versi": [old, ev.versi]},
        )
    evaluasi.refresh_from_db()
    return evaluasi


def _calibration_unit_id(ev: Evaluasi) -> int | None:
    return workflow.calibration_unit_id(ev)
