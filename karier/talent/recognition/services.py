"""Every write of recognition and motivation (issue #12 item 8): give and hide an apresiasi, record and
verify an innovation, decide an award proposal. Each checks who may (`recognition.access`),
validates before writing, owns its transaction and records one audit event."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.core import audit
from karier.people.access import Actor
from karier.people.models import Pegawai
from karier.plans.models import RencanaHasilKerja
from karier.rules import recognition as rules
from karier.standards.models import NilaiBerakhlak
from karier.talent.access import require_bkd_decision
from karier.talent.models import Apresiasi, Inovasi, StatusInovasi, StatusUsulanPenghargaan, UsulanPenghargaan
from karier.talent.recognition import access

MAX_APRESIASI = 500
MAX_JUDUL = 200
MAX_TEKS = 5000
MAX_CATATAN = 2000
TANGGAL_MIN = dt.date(1990, 1, 1)


def _rhk_of(pegawai: Pegawai, rhk: RencanaHasilKerja | int | None, field: str) -> RencanaHasilKerja | None:
    """An RHK of the person's own SKP (any year), or a clear refusal."""
    if rhk is None:
        return None
    rhk_id = rhk if isinstance(rhk, int) else rhk.pk
    found = RencanaHasilKerja.objects.filter(pk=rhk_id, skp__pegawai_id=pegawai.pk).first()
    if found is None:
        raise ValidationError({field: _("RHK itu bukan bagian dari SKP pegawai ini.")})
    return found


def _nilai(nilai: NilaiBerakhlak | str | None) -> NilaiBerakhlak | None:
    if nilai is None or nilai == "":
        return None
    kode = nilai if isinstance(nilai, str) else nilai.pk
    found = NilaiBerakhlak.objects.filter(pk=kode).first()
    if found is None:
        raise ValidationError({"nilai": _("Nilai BerAKHLAK tidak dikenal.")})
    return found


def apresiasi_give(
    *,
    actor: Actor,
    penerima: Pegawai,
    teks: str,
    nilai: NilaiBerakhlak | str | None = None,
    rhk: RencanaHasilKerja | int | None = None,
) -> Apresiasi:
    """A short public thanks from a superior or a colleague, tied to a BerAKHLAK value and/or an RHK
    of the receiver; at most `rules.APRESIASI_PER_HARI` a day per giver (the rule is karier.rules')."""
    access.require_giver(actor, penerima)
    teks = " ".join((teks or "").split())
    if not teks:
        raise ValidationError({"teks": _("Tuliskan apresiasi Anda.")})
    if len(teks) > MAX_APRESIASI:
        raise ValidationError({"teks": _("Apresiasi paling banyak %(n)s karakter.") % {"n": MAX_APRESIASI}})
    nilai_obj = _nilai(nilai)
    rhk_obj = _rhk_of(penerima, rhk, "rhk")
    if nilai_obj is None and rhk_obj is None:
        raise ValidationError({"nilai": _("Kaitkan apresiasi dengan nilai BerAKHLAK atau RHK penerima.")})
    pemberi_id = actor.pegawai_id
    assert pemberi_id is not None  # require_giver refused accounts without a person
    with transaction.atomic():
        Pegawai.objects.select_for_update().filter(pk=pemberi_id).first()  # serialises one giver's gifts
        start = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.min))
        given_today = Apresiasi.objects.filter(pemberi_id=pemberi_id, dibuat_pada__gte=start).count()
        if rules.apresiasi_limit_reached(given_today):
            raise ValidationError(
                {"teks": _("Anda sudah memberi %(n)s apresiasi hari ini; lanjutkan besok.") % {"n": given_today}}
            )
        found = Apresiasi.objects.create(
            penerima=penerima, pemberi_id=pemberi_id, nilai=nilai_obj, rhk=rhk_obj, teks=teks
        )
        audit.record(actor=actor, action="apresiasi.give", obj=found, summary=f"Apresiasi untuk {penerima.nip}")
    return found


def apresiasi_hide(*, actor: Actor, apresiasi: Apresiasi, alasan: str = "") -> Apresiasi:
    """BKD moderation, or the receiver taking it off their page. Kept, never deleted (audited)."""
    access.require_hide(actor, apresiasi)
    if len(alasan) > MAX_CATATAN:
        raise ValidationError({"alasan": _("Alasan paling banyak %(n)s karakter.") % {"n": MAX_CATATAN}})
    if apresiasi.disembunyikan:
        raise ValidationError({"apresiasi": _("Apresiasi ini sudah disembunyikan.")})
    with transaction.atomic():
        Apresiasi.objects.filter(pk=apresiasi.pk).update(disembunyikan=True)
        apresiasi.disembunyikan = True
        audit.record(
            actor=actor,
            action="apresiasi.hide",
            obj=apresiasi,
            summary=alasan.strip()[:200] or "Apresiasi disembunyikan",
            changes={"disembunyikan": [False, True]},
        )
    return apresiasi


def inovasi_record(
    *,
    actor: Actor,
    pegawai: Pegawai,
    judul: str,
    uraian: str,
    hasil: str = "",
    rhk: RencanaHasilKerja | int | None = None,
    tanggal: dt.date,
) -> Inovasi:
    """An innovation of the person (recorded by them or by their superior), linked to their RHK."""
    access.require_record_inovasi(actor, pegawai)
    judul, uraian, hasil = (judul or "").strip(), (uraian or "").strip(), (hasil or "").strip()
    errors: dict[str, str] = {}
    if not judul or len(judul) > MAX_JUDUL:
        errors["judul"] = _("Judul wajib diisi, paling banyak %(n)s karakter.") % {"n": MAX_JUDUL}
    if not uraian or len(uraian) > MAX_TEKS:
        errors["uraian"] = _("Uraian wajib diisi, paling banyak %(n)s karakter.") % {"n": MAX_TEKS}
    if len(hasil) > MAX_TEKS:
        errors["hasil"] = _("Hasil paling banyak %(n)s karakter.") % {"n": MAX_TEKS}
    if tanggal > timezone.localdate() or tanggal < TANGGAL_MIN:
        errors["tanggal"] = _("Tanggal tidak boleh di masa depan atau sebelum 1990.")
    if errors:
        raise ValidationError(errors)
    rhk_obj = _rhk_of(pegawai, rhk, "rhk")
    with transaction.atomic():
        found = Inovasi.objects.create(
            pegawai=pegawai, judul=judul, uraian=uraian, hasil=hasil, rhk=rhk_obj, tanggal=tanggal
        )
        audit.record(actor=actor, action="inovasi.record", obj=found, summary=judul[:200])
    return found


def inovasi_verify(*, actor: Actor, inovasi: Inovasi) -> Inovasi:
    """The superior confirms the innovation happened and its result; never one's own."""
    access.require_verify_inovasi(actor, inovasi.pegawai)
    with transaction.atomic():
        locked = Inovasi.objects.select_for_update().get(pk=inovasi.pk)
        if locked.status != StatusInovasi.DICATAT:
            raise ValidationError({"status": _("Inovasi ini sudah diverifikasi.")})
        locked.status = StatusInovasi.DIVERIFIKASI
        locked.diverifikasi_oleh_id = actor.user_id
        locked.save(update_fields=["status", "diverifikasi_oleh"])
        audit.record(
            actor=actor,
            action="inovasi.verify",
            obj=locked,
            summary=locked.judul[:200],
            changes={"status": [StatusInovasi.DICATAT, StatusInovasi.DIVERIFIKASI]},
        )
    inovasi.status, inovasi.diverifikasi_oleh_id = locked.status, locked.diverifikasi_oleh_id
    return inovasi


def usulan_penghargaan_decide(
    *, actor: Actor, usulan: UsulanPenghargaan, teruskan: bool, catatan: str = ""
) -> UsulanPenghargaan:
    """BKD forwards a proposal to the agency's award committee, or not (then with the reason)."""
    require_bkd_decision(actor, usulan.pegawai, _("Hanya admin BKD yang memutuskan usulan penghargaan."))
    catatan = (catatan or "").strip()
    if len(catatan) > MAX_CATATAN:
        raise ValidationError({"catatan": _("Catatan paling banyak %(n)s karakter.") % {"n": MAX_CATATAN}})
    if not teruskan and not catatan:
        raise ValidationError({"catatan": _("Tuliskan alasan bila usulan tidak diteruskan.")})
    baru = StatusUsulanPenghargaan.DITERUSKAN if teruskan else StatusUsulanPenghargaan.DITOLAK
    with transaction.atomic():
        locked = UsulanPenghargaan.objects.select_for_update().get(pk=usulan.pk)
        if locked.status != StatusUsulanPenghargaan.DIUSULKAN:
            raise ValidationError({"status": _("Usulan ini sudah diputuskan.")})
        locked.status, locked.catatan = baru, catatan
        locked.diputuskan_oleh_id, locked.diputuskan_pada = actor.user_id, timezone.now()
        locked.save(update_fields=["status", "catatan", "diputuskan_oleh", "diputuskan_pada"])
        audit.record(
            actor=actor,
            action="usulan_penghargaan.decide",
            obj=locked,
            summary=f"Usulan penghargaan {locked.tahun}: {baru.label}",
            changes={"status": [StatusUsulanPenghargaan.DIUSULKAN, baru]},
        )
    for f in ("status", "catatan", "diputuskan_oleh_id", "diputuskan_pada"):
        setattr(usulan, f, getattr(locked, f))
    return usulan
