"""A plan's workflow: submit, return, approve, revise (each a move of `karier.plans.workflow`) and the
dialog kinerja notes; an approved version is frozen as a snapshot (`SkpRevisi`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.core import audit
from karier.people.access import Actor
from karier.people.selectors import appraiser_on
from karier.plans import access
from karier.plans.choices import JenisDialog, JenisHasil, StatusSkp
from karier.plans.models import (
    DialogKinerja,
    RencanaHasilKerja,
    Skp,
    SkpRevisi,
)
from karier.plans.services.common import MAX_TEKS, _dialog, _locked, _refresh, _refuse_if_signed_evaluation, _year_open
from karier.plans.workflow import Aksi, ensure


# ---------------------------------------------------------------------------- snapshots
def skp_snapshot(skp: Skp) -> dict[str, Any]:
    """The plan as JSON (header, rows, behaviour, appendix): what `SkpRevisi` freezes."""
    rhk = list(skp.rhk.select_related("rhk_atasan").prefetch_related("iki").order_by("jenis", "urutan", "id"))
    perilaku = list(skp.perilaku.select_related("nilai").order_by("nilai__urutan"))
    return {
        "versi": skp.versi,
        "status": skp.status,
        "pegawai_id": skp.pegawai_id,
        "tahun": skp.tahun_id,
        "periode_mulai": skp.periode_mulai.isoformat(),
        "periode_selesai": skp.periode_selesai.isoformat(),
        "jabatan_id": skp.jabatan_id,
        "unit_id": skp.unit_id,
        "penilai_id": skp.penilai_id,
        "penilai_jabatan_id": skp.penilai_jabatan_id,
        "disetujui_pada": skp.disetujui_pada.isoformat() if skp.disetujui_pada else None,
        "rhk": [
            {
                "id": r.pk,
                "jenis": r.jenis,
                "urutan": r.urutan,
                "teks": r.teks,
                "dimensi": r.dimensi,
                "perspektif": r.perspektif,
                "rhk_atasan_id": r.rhk_atasan_id,
                "rhk_atasan": r.rhk_atasan.teks if r.rhk_atasan else None,
                "iki": [
                    {
                        "aspek": i.aspek,
                        "indikator": i.indikator,
                        "target_angka": str(i.target_angka) if i.target_angka is not None else None,
                        "satuan": i.satuan,
                        "target_kualitatif": i.target_kualitatif,
                    }
                    for i in sorted(r.iki.all(), key=lambda x: (x.urutan, x.pk))
                ],
            }
            for r in rhk
        ],
        "perilaku": [{"nilai": p.nilai_id, "ekspektasi_khusus": p.ekspektasi_khusus} for p in perilaku],
        "lampiran": {
            "dukungan_sumber_daya": skp.dukungan_sumber_daya,
            "skema_pertanggungjawaban": skp.skema_pertanggungjawaban,
            "konsekuensi": skp.konsekuensi,
        },
    }


def skp_submit_problems(rhk: list[RencanaHasilKerja]) -> list[str]:
    """What stops a plan from being submitted (empty when it can go), given its rows with their
    indicators prefetched."""
    problems = []
    if not any(r.jenis == JenisHasil.UTAMA for r in rhk):
        problems.append("Isi paling sedikit satu rencana hasil kerja utama (bagian A).")
    no_iki = [r.teks[:60] for r in rhk if not r.iki.all()]
    if no_iki:
        problems.append("Setiap RHK memerlukan paling sedikit satu indikator (IKI): " + "; ".join(no_iki) + ".")
    return problems


def skp_submit(*, actor: Actor, skp: Skp, catatan: str = "") -> Skp:
    """Owner submits (or resubmits) to the appraiser. Unlinked RHK are allowed (warned on screen)."""
    roles = access.peran(actor, skp)
    ensure(Aksi.AJUKAN, status=skp.status, peran=roles, tahun_ditutup=skp.tahun.ditutup)
    problems = skp_submit_problems(list(skp.rhk.prefetch_related("iki")))
    if problems:
        raise ValidationError(problems)
    d = min(max(timezone.localdate(), skp.periode_mulai), skp.periode_selesai)
    penilai = appraiser_on(skp.pegawai_id, d)
    if penilai is None and skp.penilai_id is None:
        raise ValidationError(
            _(
                "Pejabat penilai kinerja Anda belum dapat ditentukan (jabatan atasan kosong atau "
                "belum diatur). Hubungi pengelola kinerja (BKD)."
            )
        )
    with transaction.atomic():
        locked = _locked(skp)
        ensure(Aksi.AJUKAN, status=locked.status, peran=roles, tahun_ditutup=locked.tahun.ditutup)
        changes: dict[str, Any] = {"status": [locked.status, StatusSkp.DIAJUKAN]}
        if penilai is not None and (penilai.pegawai.pk, penilai.jabatan.pk) != (
            locked.penilai_id,
            locked.penilai_jabatan_id,
        ):
            changes["penilai"] = [locked.penilai_id, penilai.pegawai.pk]
            locked.penilai, locked.penilai_jabatan = penilai.pegawai, penilai.jabatan
        locked.status = StatusSkp.DIAJUKAN
        locked.diajukan_pada = timezone.now()
        locked.save()
        _dialog(actor=actor, skp=locked, jenis=JenisDialog.PENGAJUAN, teks=catatan.strip() or "SKP diajukan.")
        audit.record(
            actor=actor, action="skp.submit", obj=locked, summary=f"SKP {locked.tahun_id} diajukan", changes=changes
        )
    _refresh(skp, locked)
    return skp


def skp_withdraw(*, actor: Actor, skp: Skp) -> Skp:
    """The owner takes a submitted plan back to draft before the appraiser acts; the appraiser
    snapshot is refreshed again on the next submission."""
    roles = access.peran(actor, skp)
    ensure(Aksi.TARIK, status=skp.status, peran=roles, tahun_ditutup=skp.tahun.ditutup)
    with transaction.atomic():
        locked = _locked(skp)  # the appraiser may be deciding right now: the row lock decides who wins
        ensure(Aksi.TARIK, status=locked.status, peran=roles, tahun_ditutup=locked.tahun.ditutup)
        locked.status = StatusSkp.DRAFT
        locked.save()
        _dialog(
            actor=actor,
            skp=locked,
            jenis=JenisDialog.CATATAN,
            teks="SKP ditarik kembali oleh pegawai sebelum diputuskan pejabat penilai.",
        )
        audit.record(
            actor=actor,
            action="skp.withdraw",
            obj=locked,
            summary=f"SKP {locked.tahun_id} ditarik kembali",
            changes={"status": [StatusSkp.DIAJUKAN, StatusSkp.DRAFT]},
        )
    _refresh(skp, locked)
    return skp


def skp_return(*, actor: Actor, skp: Skp, komentar: str) -> Skp:
    """Appraiser returns the plan with a required comment (kept as a dialog kinerja note)."""
    roles = access.peran(actor, skp)
    ensure(Aksi.KEMBALIKAN, status=skp.status, peran=roles, tahun_ditutup=skp.tahun.ditutup, teks=komentar)
    if len(komentar.strip()) > MAX_TEKS:
        raise ValidationError({"komentar": _("Komentar paling banyak %(n)s karakter.") % {"n": MAX_TEKS}})
    with transaction.atomic():
        locked = _locked(skp)
        ensure(Aksi.KEMBALIKAN, status=locked.status, peran=roles, tahun_ditutup=locked.tahun.ditutup, teks=komentar)
        locked.status = StatusSkp.DIKEMBALIKAN
        locked.save()
        _dialog(actor=actor, skp=locked, jenis=JenisDialog.PENGEMBALIAN, teks=komentar.strip())
        audit.record(
            actor=actor,
            action="skp.return",
            obj=locked,
            summary=komentar.strip()[:200],
            changes={"status": [StatusSkp.DIAJUKAN, StatusSkp.DIKEMBALIKAN]},
        )
    _refresh(skp, locked)
    return skp


def skp_approve(*, actor: Actor, skp: Skp, komentar: str = "") -> Skp:
    """Appraiser (or the Plt/Plh of the appraiser's position) approves; the version is frozen."""
    roles = access.peran(actor, skp)
    ensure(Aksi.SETUJUI, status=skp.status, peran=roles, tahun_ditutup=skp.tahun.ditutup)
    if len(komentar.strip()) > MAX_TEKS:
        raise ValidationError({"komentar": _("Komentar paling banyak %(n)s karakter.") % {"n": MAX_TEKS}})
    with transaction.atomic():
        locked = _locked(skp)
        ensure(Aksi.SETUJUI, status=locked.status, peran=roles, tahun_ditutup=locked.tahun.ditutup)
        locked.status = StatusSkp.DISETUJUI
        locked.disetujui_pada = timezone.now()
        locked.disetujui_oleh_id = actor.user_id
        locked.save()
        SkpRevisi.objects.update_or_create(
            skp=locked,
            versi=locked.versi,
            defaults={"snapshot": skp_snapshot(locked), "dibuat_oleh_id": actor.user_id},
        )
        _dialog(actor=actor, skp=locked, jenis=JenisDialog.PERSETUJUAN, teks=komentar.strip() or "SKP disetujui.")
        audit.record(
            actor=actor,
            action="skp.approve",
            obj=locked,
            summary=f"SKP {locked.tahun_id} versi {locked.versi} disetujui",
            changes={"status": [StatusSkp.DIAJUKAN, StatusSkp.DISETUJUI]},
        )
    _refresh(skp, locked)
    return skp


def skp_revise(*, actor: Actor, skp: Skp, alasan: str) -> Skp:
    """Reopen an approved plan for change: the approved version stays frozen in `SkpRevisi` with the
    reason, the plan becomes a draft of the next version and needs approval again."""
    roles = access.peran(actor, skp)
    ensure(Aksi.REVISI, status=skp.status, peran=roles, tahun_ditutup=skp.tahun.ditutup, teks=alasan)
    if len(alasan.strip()) > MAX_TEKS:
        raise ValidationError({"alasan": _("Alasan paling banyak %(n)s karakter.") % {"n": MAX_TEKS}})
    _refuse_if_signed_evaluation(skp)
    with transaction.atomic():
        locked = _locked(skp)
        ensure(Aksi.REVISI, status=locked.status, peran=roles, tahun_ditutup=locked.tahun.ditutup, teks=alasan)
        _refuse_if_signed_evaluation(locked)
        old_versi = locked.versi
        SkpRevisi.objects.update_or_create(
            skp=locked,
            versi=old_versi,
            defaults={"snapshot": skp_snapshot(locked), "alasan": alasan.strip(), "dibuat_oleh_id": actor.user_id},
        )
        locked.status = StatusSkp.DRAFT
        locked.versi = old_versi + 1
        locked.disetujui_pada = None
        locked.disetujui_oleh = None
        locked.diajukan_pada = None
        locked.save()
        _dialog(actor=actor, skp=locked, jenis=JenisDialog.REVISI, teks=alasan.strip())
        audit.record(
            actor=actor,
            action="skp.revise",
            obj=locked,
            summary=alasan.strip()[:200],
            changes={"status": [StatusSkp.DISETUJUI, StatusSkp.DRAFT], "versi": [old_versi, locked.versi]},
        )
    _refresh(skp, locked)
    return skp


def dialog_add(*, actor: Actor, skp: Skp, teks: str) -> DialogKinerja:
    """A dialog kinerja note by the owner or the appraiser, in any status while the year is open."""
    if not access.peran(actor, skp):
        raise PermissionDenied(
            _("Hanya pegawai pemilik SKP dan pejabat penilainya yang menulis catatan dialog kinerja.")
        )
    _year_open(skp.tahun, None)
    teks = (teks or "").strip()
    if not teks:
        raise ValidationError({"teks": _("Catatan wajib diisi.")})
    if len(teks) > MAX_TEKS:
        raise ValidationError({"teks": _("Catatan paling banyak %(n)s karakter.") % {"n": MAX_TEKS}})
    with transaction.atomic():
        note = _dialog(actor=actor, skp=skp, jenis=JenisDialog.CATATAN, teks=teks)
        audit.record(actor=actor, action="skp.dialog", obj=skp, summary=teks[:200])
    return note
