"""Writes for multi-rater feedback: nominations (by the appraisee), decisions (by the appraiser)
and answers (by the nominated rater).

Rules (issue #5 part 3; see docs/feedback.md):
- peers are people whose position has the same superior position as the appraisee's; subordinates
  are people whose position's superior is a position the appraisee covers (both on the pool date);
- the appraiser approves a peer nomination only while at least `min(3, pool)` peer nominations
  are proposed or approved, so the approved set always reaches "at least 3 peers where the unit
  has them" (all of them where it has fewer); rejecting is always possible;
- nominations and answers are taken while the evaluation is not yet rated (DRAFT, or reopened)
  and its period is not closed; a rater may change their answer until then;
- every value gets a score 1–5; comments are optional. The audit trail records that someone
  answered, never the scores (the table of answers is the only place linking rater and scores).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from karier.appraisal.choices import JenisRater, StatusNominasi
from karier.appraisal.feedback import selectors as sel
from karier.appraisal.feedback.access import is_appraisee, is_appraiser
from karier.appraisal.models import Evaluasi, JawabanPerilaku, NominasiPenilai
from karier.core import audit
from karier.people.access import Actor
from karier.people.models import Pegawai
from karier.standards.models import NilaiBerakhlak

MAX_KOMENTAR = 1000
MSG_TUTUP = gettext_noop(
    "Penilaian rekan dan bawahan untuk evaluasi ini sudah ditutup: pejabat penilai sudah memberi "
    "rating, evaluasi sudah final, atau periodenya sudah ditutup."
)


def _ensure_open(evaluasi: Evaluasi) -> None:
    if not sel.is_open(evaluasi):
        raise ValidationError(_(MSG_TUTUP))


def nominasi_add(*, actor: Actor, evaluasi: Evaluasi, penilai_rekan: Pegawai, jenis: str) -> NominasiPenilai:
    """The appraisee proposes a peer or subordinate to describe their behaviour."""
    if not is_appraisee(actor, evaluasi):
        raise PermissionDenied(_("Hanya pegawai yang dinilai yang dapat mengusulkan penilai rekan atau bawahan."))
    _ensure_open(evaluasi)
    if jenis not in JenisRater.values:
        raise ValidationError({"jenis": _("Pilih jenis penilai: rekan kerja setingkat atau bawahan langsung.")})
    if penilai_rekan.pk == evaluasi.pegawai_id:
        raise ValidationError({"penilai_rekan": _("Anda tidak dapat menilai diri sendiri.")})
    if evaluasi.nominasi.filter(penilai_rekan=penilai_rekan).exists():
        raise ValidationError({"penilai_rekan": _("%(nama)s sudah diusulkan.") % {"nama": penilai_rekan.nama_lengkap}})
    if not sel.pool(evaluasi, jenis).filter(pk=penilai_rekan.pk).exists():
        msg = (
            _("%(nama)s bukan rekan kerja setingkat Anda (jabatannya tidak berada di bawah atasan yang sama).")
            if jenis == JenisRater.REKAN
            else _("%(nama)s bukan bawahan langsung Anda.")
        )
        raise ValidationError({"penilai_rekan": msg % {"nama": penilai_rekan.nama_lengkap}})
    if evaluasi.nominasi.filter(jenis=jenis, status__in=sel.ACTIVE).count() >= sel.MAX_PER_JENIS:
        raise ValidationError(
            {
                "penilai_rekan": (
                    _("Paling banyak %(n)s %(jenis)s untuk satu evaluasi.")
                    % {"n": sel.MAX_PER_JENIS, "jenis": str(JenisRater(jenis).label).lower()}
                )
            }
        )
    with transaction.atomic():
        nominasi = NominasiPenilai.objects.create(evaluasi=evaluasi, penilai_rekan=penilai_rekan, jenis=jenis)
        audit.record(
            actor=actor,
            action="nominasi.add",
            obj=nominasi,
            summary=f"Usulan penilai {JenisRater(jenis).label.lower()} untuk evaluasi {evaluasi.pk}",
            changes={
                "status": [None, nominasi.status],
                "jenis": [None, jenis],
                "penilai_rekan": [None, penilai_rekan.pk],
            },
        )
    return nominasi


def nominasi_remove(*, actor: Actor, nominasi: NominasiPenilai) -> None:
    """The appraisee withdraws a proposal (or clears a rejected one so the person may be proposed again)."""
    evaluasi = nominasi.evaluasi
    if not is_appraisee(actor, evaluasi):
        raise PermissionDenied(_("Hanya pegawai yang dinilai yang dapat menarik usulan."))
    _ensure_open(evaluasi)
    if nominasi.status not in (StatusNominasi.DIUSULKAN, StatusNominasi.DITOLAK):
        raise ValidationError(_("Usulan yang sudah disetujui atasan tidak dapat ditarik."))
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="nominasi.remove",
            obj=nominasi,
            summary=f"Usulan penilai ditarik (evaluasi {evaluasi.pk})",
            changes={"status": [nominasi.status, None]},
        )
        nominasi.delete()


def _check_peer_minimum(evaluasi: Evaluasi, adding: int = 0) -> None:
    state = sel.nominasi_state(evaluasi)
    if state.rekan_aktif + adding < state.wajib_rekan:
        if state.pool_rekan >= sel.MIN_REKAN:
            msg = _(
                "Minimal %(min)s rekan kerja setingkat harus diusulkan sebelum usulan disetujui "
                "(baru %(n)s). Minta pegawai menambah usulan rekan."
            ) % {"min": sel.MIN_REKAN, "n": state.rekan_aktif}
        else:
            msg = _(
                "Unit ini hanya mempunyai %(pool)s rekan kerja setingkat; semuanya harus diusulkan "
                "sebelum usulan disetujui (baru %(n)s)."
            ) % {"pool": state.pool_rekan, "n": state.rekan_aktif}
        raise ValidationError({"nominasi": msg})


def nominasi_decide(*, actor: Actor, nominasi: NominasiPenilai, setuju: bool) -> NominasiPenilai:
    """The appraiser approves or rejects one proposal."""
    evaluasi = nominasi.evaluasi
    if not is_appraiser(actor, evaluasi):
        raise PermissionDenied(_("Hanya pejabat penilai yang dapat menyetujui atau menolak usulan penilai."))
    _ensure_open(evaluasi)
    if nominasi.status != StatusNominasi.DIUSULKAN:
        raise ValidationError(
            {
                "nominasi": (
                    _("Usulan ini berstatus %(status)s; hanya usulan yang menunggu yang dapat diputuskan.")
                    % {"status": StatusNominasi(nominasi.status).label.lower()}
                )
            }
        )
    if setuju and nominasi.jenis == JenisRater.REKAN:
        _check_peer_minimum(evaluasi)
    return _decide(actor=actor, nominasi=nominasi, setuju=setuju)


def _decide(*, actor: Actor, nominasi: NominasiPenilai, setuju: bool) -> NominasiPenilai:
    old = nominasi.status
    new = StatusNominasi.DISETUJUI if setuju else StatusNominasi.DITOLAK
    with transaction.atomic():
        updated = NominasiPenilai.objects.filter(pk=nominasi.pk, status=old).update(
            status=new, diputus_oleh_id=actor.user_id
        )
        if not updated:  # decided concurrently
            raise ValidationError({"nominasi": _("Usulan ini baru saja diputuskan; muat ulang halaman.")})
        audit.record(
            actor=actor,
            action="nominasi.setujui" if setuju else "nominasi.tolak",
            obj=nominasi,
            summary=f"Usulan penilai {'disetujui' if setuju else 'ditolak'} (evaluasi {nominasi.evaluasi_id})",
            changes={"status": [old, new]},
        )
    nominasi.status, nominasi.diputus_oleh_id = new, actor.user_id
    return nominasi


def nominasi_approve_all(*, actor: Actor, evaluasi: Evaluasi) -> int:
    """The appraiser approves every waiting proposal of an evaluation at once (the set)."""
    if not is_appraiser(actor, evaluasi):
        raise PermissionDenied(_("Hanya pejabat penilai yang dapat menyetujui usulan penilai."))
    _ensure_open(evaluasi)
    waiting = list(evaluasi.nominasi.filter(status=StatusNominasi.DIUSULKAN).order_by("pk"))
    if not waiting:
        raise ValidationError({"nominasi": _("Tidak ada usulan yang menunggu persetujuan.")})
    if any(n.jenis == JenisRater.REKAN for n in waiting):
        _check_peer_minimum(evaluasi)
    with transaction.atomic():
        for n in waiting:
            _decide(actor=actor, nominasi=n, setuju=True)
    return len(waiting)


def _clean_answers(
    skor: Mapping[str, Any], komentar: Mapping[str, str] | None, kode: list[str]
) -> tuple[dict[str, int], dict[str, str]]:
    errors: dict[str, str] = {}
    clean: dict[str, int] = {}
    unknown = [k for k in skor if k not in kode]
    if unknown:
        errors["skor"] = "Nilai BerAKHLAK tidak dikenal: " + ", ".join(sorted(str(k) for k in unknown)) + "."
    for k in kode:
        raw = skor.get(k)
        try:
            value = int(raw) if raw is not None and str(raw).strip() != "" else None
        except (TypeError, ValueError):
            value = None
        if value is None or isinstance(raw, bool) or str(raw).strip() != str(value) or not 1 <= value <= 5:
            errors[f"skor_{k}"] = "Pilih skor 1 sampai 5."
        else:
            clean[k] = value
    notes: dict[str, str] = {}
    for k, teks in (komentar or {}).items():
        if k not in kode:
            errors["komentar"] = "Komentar untuk nilai BerAKHLAK yang tidak dikenal."
            continue
        t = (teks or "").strip()
        if "\x00" in t:
            errors[f"komentar_{k}"] = "Komentar berisi karakter yang tidak diizinkan."
        elif len(t) > MAX_KOMENTAR:
            errors[f"komentar_{k}"] = f"Komentar paling banyak {MAX_KOMENTAR} karakter."
        else:
            notes[k] = t
    if errors:
        raise ValidationError(errors)
    return clean, notes


def jawaban_submit(
    *, actor: Actor, nominasi: NominasiPenilai, skor: Mapping[str, Any], komentar: Mapping[str, str] | None = None
) -> NominasiPenilai:
    """The nominated rater's scores (1–5 for each of the 7 values) and optional comments.

    Replaces the rater's previous answer while the evaluation is open."""
    if actor.is_auditor or actor.pegawai_id is None or actor.pegawai_id != nominasi.penilai_rekan_id:
        raise PermissionDenied(_("Hanya penilai yang diusulkan yang dapat mengisi penilaian ini."))
    if nominasi.status not in sel.ANSWERABLE:
        raise ValidationError(_("Permintaan ini belum disetujui pejabat penilai atau sudah ditolak."))
    _ensure_open(nominasi.evaluasi)
    kode = list(NilaiBerakhlak.objects.order_by("urutan").values_list("kode", flat=True))
    clean, notes = _clean_answers(skor, komentar, kode)
    rows = [JawabanPerilaku(nominasi=nominasi, nilai_id=k, skor=v, komentar=notes.get(k, "")) for k, v in clean.items()]
    old = nominasi.status
    with transaction.atomic():
        JawabanPerilaku.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["nominasi", "nilai"], update_fields=["skor", "komentar"]
        )
        if old != StatusNominasi.DIJAWAB:
            NominasiPenilai.objects.filter(pk=nominasi.pk).update(status=StatusNominasi.DIJAWAB)
        # Who answered is recorded; what they answered is not (anonymity of the aggregates).
        audit.record(
            actor=actor,
            action="nominasi.jawab",
            obj=nominasi,
            summary=f"Penilaian perilaku {'diubah' if old == StatusNominasi.DIJAWAB else 'dikirim'} "
            f"(evaluasi {nominasi.evaluasi_id})",
            changes={"status": [old, StatusNominasi.DIJAWAB]},
        )
        # The shown aggregates change only in batches of 3+ new/changed answers (issue #8, rater anonymity).
        from karier.appraisal.feedback.release import ringkasan_release

        ringkasan_release(evaluasi_id=nominasi.evaluasi_id)
    nominasi.status = StatusNominasi.DIJAWAB
    return nominasi
