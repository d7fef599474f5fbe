"""Every write of a development plan: create, add/change/remove an item, submit, agree or return,
enrol from an item and report self-development from one.

Each item is linked to the need it closes, read from `competency.gaps.needs_for` at the moment it is
chosen (one person: seven queries). An explicit need key must be one of the person's current needs;
without one, a catalogue activity is matched to the highest-ranked competency gap it develops. No
match is allowed and flagged "tanpa kesenjangan" (issue #11, Bad input). Enrolment is the catalogue's
own service (`enrolment.pendaftaran_create`: capacity, waiting list) and a self-development report
the JP ledger's (`ledger.mandiri_report`); these services only call them and keep the link.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.core import audit
from karier.development.catalogue import enrolment
from karier.development.catalogue.access import visible_kegiatan
from karier.development.catalogue.services import parse_jp
from karier.development.competency.gaps import Kebutuhan, needs_for
from karier.development.idp import access
from karier.development.idp.workflow import TRANSITIONS, Aksi, ensure
from karier.development.jp import ledger
from karier.development.models import (
    ItemRencana,
    KegiatanKompetensi,
    KegiatanPengembangan,
    Kompetensi,
    MetodePengembangan,
    Pendaftaran,
    PengembanganMandiri,
    RencanaPengembangan,
    SesiKegiatan,
    StatusMandiri,
    StatusPendaftaran,
    StatusRencana,
)
from karier.people.access import Actor
from karier.people.models import Pegawai

MAX_ITEM = 50
MAX_CATATAN = 2000
TANPA = "-"  # a need key meaning "none chosen": the item is flagged, never matched automatically


@dataclass
class ItemData:
    """One item as typed: a catalogue activity (`kegiatan_id`, optional `sesi_id`) or self-development
    (`judul`, `metode`, `penyelenggara`, `jp`). `kebutuhan_kode` empty: match automatically."""

    kegiatan_id: int | None = None
    sesi_id: int | None = None
    judul: str = ""
    metode: str = ""
    penyelenggara: str = ""
    jp: object = None
    kebutuhan_kode: str = ""
    target_bulan: int | None = None
    catatan: str = ""


def match_need(needs: list[Kebutuhan], *, kode: str, kompetensi_kode: set[str]) -> Kebutuhan | None:
    """The need an item closes: the one named (if it is a current need), else the highest-ranked
    competency gap among the competencies the activity develops; None when nothing matches."""
    if kode == TANPA:
        return None
    if kode:
        return next((n for n in needs if n.kode == kode), None)
    return next((n for n in needs if n.kode.startswith("kompetensi:") and n.kode[11:] in kompetensi_kode), None)


def _need_fields(pegawai: Pegawai, kode: str, kegiatan: KegiatanPengembangan | None) -> dict[str, Any]:
    codes: set[str] = set()
    if kegiatan is not None:
        codes = set(KegiatanKompetensi.objects.filter(kegiatan=kegiatan).values_list("kompetensi__kode", flat=True))
    need = match_need(needs_for([pegawai.pk]).get(pegawai.pk, []), kode=kode.strip(), kompetensi_kode=codes)
    if need is None:
        return {
            "kebutuhan_kode": "",
            "kebutuhan_jenis": "",
            "kebutuhan_judul": "",
            "kompetensi": None,
            "level_dari": None,
            "level_ke": None,
            "tanpa_kesenjangan": True,
        }
    kompetensi = Kompetensi.objects.filter(kode=need.kode[11:]).first() if need.kode.startswith("kompetensi:") else None
    return {
        "kebutuhan_kode": need.kode[:80],
        "kebutuhan_jenis": need.jenis,
        "kebutuhan_judul": need.judul[:200],
        "kompetensi": kompetensi,
        "level_dari": need.dinilai,
        "level_ke": need.disyaratkan,
        "tanpa_kesenjangan": False,
    }


def _clean_item(actor: Actor, rencana: RencanaPengembangan, data: ItemData) -> dict[str, Any]:
    """Everything checked before anything is written; errors keyed by field, in Bahasa Indonesia."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {"kegiatan": None, "sesi": None, "judul": "", "metode": "", "penyelenggara": ""}
    kegiatan = None
    if data.kegiatan_id is not None:
        kegiatan = visible_kegiatan(actor).filter(pk=data.kegiatan_id, aktif=True).first()
        if kegiatan is None:
            errors["kegiatan_id"] = _("Kegiatan tidak ditemukan di katalog atau tidak lagi dibuka.")
        values["kegiatan"] = kegiatan
        values["jp_rencana"] = kegiatan.jp if kegiatan else None
        if data.sesi_id is not None and kegiatan is not None:
            sesi = SesiKegiatan.objects.filter(pk=data.sesi_id, kegiatan=kegiatan).first()
            if sesi is None:
                errors["sesi_id"] = _("Sesi ini bukan sesi dari kegiatan yang dipilih.")
            elif sesi.selesai < timezone.localdate():
                errors["sesi_id"] = _("Sesi ini sudah berakhir; pilih sesi lain yang belum selesai.")
            values["sesi"] = sesi
    else:
        judul, penyelenggara = (data.judul or "").strip(), (data.penyelenggara or "").strip()
        if not judul or len(judul) > 200:
            errors["judul"] = _(
                "Pilih kegiatan dari katalog, atau isi judul pengembangan mandiri (paling banyak 200 karakter)."
            )
        if len(penyelenggara) > 200:
            errors["penyelenggara"] = _("Penyelenggara paling banyak 200 karakter.")
        if data.metode not in MetodePengembangan.values:
            errors["metode"] = _("Pilih metode pengembangan dari daftar.")
        jp: Decimal | None = None
        if data.jp not in (None, ""):
            try:
                jp = parse_jp(data.jp)
            except ValidationError as exc:
                errors["jp"] = exc.message_dict["jp"][0]
        values.update(judul=judul, metode=data.metode, penyelenggara=penyelenggara, jp_rencana=jp)
    bulan = data.target_bulan
    if bulan is not None and (isinstance(bulan, bool) or not isinstance(bulan, int) or not 1 <= bulan <= 12):
        errors["target_bulan"] = _("Target bulan harus antara 1 (Januari) dan 12 (Desember).")
    catatan = (data.catatan or "").strip()
    if len(catatan) > MAX_CATATAN:
        errors["catatan"] = _("Catatan paling banyak 2000 karakter.")
    kode = (data.kebutuhan_kode or "").strip()
    if len(kode) > 80:
        errors["kebutuhan_kode"] = _("Kebutuhan tidak dikenal.")
    if errors:
        raise ValidationError(errors)
    values.update(target_bulan=bulan, catatan=catatan)
    values.update(_need_fields(rencana.pegawai, kode, kegiatan))
    return values


def _summary(values: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in values.items() if k not in ("kegiatan", "sesi", "kompetensi")}
    out["kegiatan_id"] = values["kegiatan"].pk if values.get("kegiatan") else None
    out["sesi_id"] = values["sesi"].pk if values.get("sesi") else None
    return out


def _locked(rencana: RencanaPengembangan) -> RencanaPengembangan:
    row = RencanaPengembangan.objects.select_for_update().get(pk=rencana.pk)
    row.pegawai = rencana.pegawai
    return row


def _refresh(target: RencanaPengembangan, source: RencanaPengembangan) -> None:
    for f in ("status", "catatan", "catatan_atasan", "diajukan_pada", "diputuskan_pada", "diajukan_oleh_id"):
        setattr(target, f, getattr(source, f))
    target.diputuskan_oleh_id = source.diputuskan_oleh_id


def _check_tahun(tahun: object) -> int:
    this = timezone.localdate().year
    if isinstance(tahun, bool) or not isinstance(tahun, int) or not this - 1 <= tahun <= this + 1:
        msg = _("Rencana pengembangan disusun untuk tahun %(a)s sampai %(b)s.") % {"a": this - 1, "b": this + 1}
        raise ValidationError({"tahun": msg})
    return tahun


# ---------------------------------------------------------------------------- plan and items
def rencana_create(*, actor: Actor, pegawai: Pegawai, tahun: int) -> RencanaPengembangan:
    """The person's plan for the year, started as a draft; the existing one when there is one."""
    access.require_create_for(actor, pegawai)
    tahun = _check_tahun(tahun)
    found = RencanaPengembangan.objects.filter(pegawai=pegawai, tahun=tahun).first()
    if found is not None:
        found.pegawai = pegawai
        return found
    try:
        with transaction.atomic():
            row = RencanaPengembangan.objects.create(pegawai=pegawai, tahun=tahun)
            audit.record(
                actor=actor,
                action="pengembangan.rencana_buat",
                obj=row,
                summary=f"IDP {tahun}: {pegawai.nama}",
                changes={"status": [None, row.status]},
            )
    except IntegrityError:  # created at the same instant by another request
        row = RencanaPengembangan.objects.get(pegawai=pegawai, tahun=tahun)
    row.pegawai = pegawai
    return row


def _add(actor: Actor, rencana: RencanaPengembangan, values: dict[str, Any]) -> ItemRencana:
    """Under the plan's row lock: re-check the state and the size, then write the item and audit."""
    locked = _locked(rencana)
    access.require_edit(actor, locked)
    if ItemRencana.objects.filter(rencana=locked).count() >= MAX_ITEM:
        raise ValidationError(_("Satu rencana paling banyak %(n)s kegiatan.") % {"n": MAX_ITEM})
    item = ItemRencana.objects.create(rencana=locked, **values)
    audit.record(
        actor=actor,
        action="pengembangan.rencana_item_tambah",
        obj=locked,
        summary=(item.kegiatan.nama if item.kegiatan else item.judul)[:200],
        changes={"item": [None, item.pk], **audit.diff({}, _summary(values))},
    )
    return item


def item_add(*, actor: Actor, rencana: RencanaPengembangan, data: ItemData) -> ItemRencana:
    access.require_edit(actor, rencana)
    values = _clean_item(actor, rencana, data)
    with transaction.atomic():
        return _add(actor, rencana, values)


def rencana_tambah(
    *, actor: Actor, kegiatan_id: int, kompetensi_kode: str = "", sesi_id: int | None = None
) -> ItemRencana:
    """Add a catalogue activity to the actor's own plan of this year, starting the draft if there is
    none (the recommendations' "masukkan ke rencana"). Refused while the plan is submitted or agreed."""
    if actor.pegawai_id is None or actor.is_auditor:
        raise PermissionDenied(_("Hanya pegawai yang dapat menyusun rencana pengembangannya sendiri."))
    pegawai = Pegawai.objects.select_related("jabatan").get(pk=actor.pegawai_id)
    tahun = timezone.localdate().year
    existing = RencanaPengembangan.objects.filter(pegawai=pegawai, tahun=tahun).first()
    if existing is not None:
        existing.pegawai = pegawai
        access.require_edit(actor, existing)
    kode = (kompetensi_kode or "").strip()
    data = ItemData(kegiatan_id=kegiatan_id, sesi_id=sesi_id, kebutuhan_kode=f"kompetensi:{kode}" if kode else "")
    probe = existing or RencanaPengembangan(pegawai=pegawai, tahun=tahun)
    values = _clean_item(actor, probe, data)
    with transaction.atomic():
        rencana = existing or rencana_create(actor=actor, pegawai=pegawai, tahun=tahun)
        return _add(actor, rencana, values)


def item_update(*, actor: Actor, item: ItemRencana, data: ItemData) -> ItemRencana:
    rencana = item.rencana
    access.require_edit(actor, rencana)
    values = _clean_item(actor, rencana, data)
    if item.pendaftaran_id is not None and values["kegiatan"] != item.kegiatan:
        raise ValidationError({"kegiatan_id": _("Kegiatan ini sudah didaftarkan; kegiatannya tidak dapat diganti.")})
    with transaction.atomic():
        locked = _locked(rencana)
        access.require_edit(actor, locked)
        row = ItemRencana.objects.select_for_update().get(pk=item.pk)
        before = {k: getattr(row, k if k not in ("kegiatan", "sesi", "kompetensi") else f"{k}_id") for k in values}
        for k, v in values.items():
            setattr(row, k, v)
        row.save()
        after = {k: getattr(row, k if k not in ("kegiatan", "sesi", "kompetensi") else f"{k}_id") for k in values}
        audit.record(
            actor=actor,
            action="pengembangan.rencana_item_ubah",
            obj=locked,
            summary=(row.kegiatan.nama if row.kegiatan else row.judul)[:200],
            changes=audit.diff(before, after),
        )
    return row


def item_remove(*, actor: Actor, item: ItemRencana) -> None:
    rencana = item.rencana
    access.require_edit(actor, rencana)
    if (
        item.pendaftaran_id is not None
        and Pendaftaran.objects.filter(
            pk=item.pendaftaran_id, status__in=(*enrolment.AKTIF, StatusPendaftaran.SELESAI)
        ).exists()
    ):
        raise ValidationError(_("Kegiatan ini sudah didaftarkan di sesi; batalkan pendaftarannya lebih dulu."))
    if item.mandiri_id is not None:
        raise ValidationError(_("Pengembangan mandiri ini sudah dilaporkan; laporannya tetap tercatat."))
    with transaction.atomic():
        locked = _locked(rencana)
        access.require_edit(actor, locked)
        title = (item.kegiatan.nama if item.kegiatan else item.judul)[:200]
        ItemRencana.objects.filter(pk=item.pk).delete()
        audit.record(
            actor=actor,
            action="pengembangan.rencana_item_hapus",
            obj=locked,
            summary=title,
            changes={"item": [item.pk, None]},
        )


# ---------------------------------------------------------------------------- workflow
def rencana_submit(*, actor: Actor, rencana: RencanaPengembangan, catatan: str = "") -> RencanaPengembangan:
    """The owner submits (or resubmits) the plan to the superior."""
    roles = access.peran(actor, rencana)
    ensure(Aksi.AJUKAN, status=rencana.status, peran=roles)
    text = (catatan or "").strip()
    if len(text) > MAX_CATATAN:
        raise ValidationError({"catatan": _("Catatan paling banyak 2000 karakter.")})
    if not ItemRencana.objects.filter(rencana=rencana).exists():
        raise ValidationError(_("Isi paling sedikit satu kegiatan sebelum mengajukan rencana."))
    with transaction.atomic():
        locked = _locked(rencana)
        ensure(Aksi.AJUKAN, status=locked.status, peran=roles)
        was = locked.status
        locked.status = TRANSITIONS[Aksi.AJUKAN].ke  # the target comes from the workflow table
        locked.diajukan_pada = timezone.now()
        locked.diajukan_oleh_id = actor.user_id
        if text:
            locked.catatan = text
        locked.save()
        audit.record(
            actor=actor,
            action="pengembangan.rencana_ajukan",
            obj=locked,
            summary=f"IDP {locked.tahun} diajukan",
            changes={"status": [was, locked.status]},
        )
    _refresh(rencana, locked)
    return rencana


def rencana_decide(
    *, actor: Actor, rencana: RencanaPengembangan, setuju: bool, catatan: str = ""
) -> RencanaPengembangan:
    """The superior agrees (the plan is locked) or returns it with a note (editable again). Also
    returns an agreed plan that must change."""
    access.refuse_own_decision(actor, rencana)
    aksi = Aksi.SETUJUI if setuju else Aksi.KEMBALIKAN
    roles = access.peran(actor, rencana)
    text = (catatan or "").strip()
    ensure(aksi, status=rencana.status, peran=roles, catatan=text)
    if len(text) > MAX_CATATAN:
        raise ValidationError({"catatan": _("Catatan paling banyak 2000 karakter.")})
    with transaction.atomic():
        locked = _locked(rencana)
        ensure(aksi, status=locked.status, peran=roles, catatan=text)
        was = locked.status
        locked.status = TRANSITIONS[aksi].ke
        locked.catatan_atasan = text
        locked.diputuskan_pada = timezone.now()
        locked.diputuskan_oleh_id = actor.user_id
        locked.save()
        audit.record(
            actor=actor,
            action="pengembangan.rencana_setujui" if setuju else "pengembangan.rencana_kembalikan",
            obj=locked,
            summary=(text or f"IDP {locked.tahun} disetujui")[:200],
            changes={"status": [was, locked.status], "catatan": [None, text]},
        )
    _refresh(rencana, locked)
    return rencana


# ---------------------------------------------------------------------------- carrying it out
def _require_agreed(item: ItemRencana) -> None:
    if item.rencana.status != StatusRencana.DISETUJUI:
        raise ValidationError(_("Pendaftaran dan laporan dilakukan setelah rencana disetujui atasan."))


def item_enrol(*, actor: Actor, item: ItemRencana, sesi: SesiKegiatan | None = None) -> ItemRencana:
    """Enrol the plan's owner in a session of the item's activity through the catalogue's service
    (a seat, or the waiting list), and keep the enrolment on the item."""
    _require_agreed(item)
    if item.kegiatan_id is None:
        raise ValidationError(_("Pengembangan mandiri tidak didaftarkan ke sesi; laporkan setelah selesai."))
    sesi = sesi or item.sesi
    if sesi is None:
        raise ValidationError({"sesi_id": _("Pilih sesi kegiatan.")})
    if sesi.kegiatan_id != item.kegiatan_id:
        raise ValidationError({"sesi_id": _("Sesi ini bukan sesi dari kegiatan yang dipilih.")})
    if (
        item.pendaftaran_id is not None
        and Pendaftaran.objects.filter(
            pk=item.pendaftaran_id, status__in=(*enrolment.AKTIF, StatusPendaftaran.SELESAI)
        ).exists()
    ):
        raise ValidationError(_("Kegiatan ini sudah didaftarkan."))
    with transaction.atomic():
        row = enrolment.pendaftaran_create(actor=actor, sesi=sesi, pegawai=item.rencana.pegawai)
        ItemRencana.objects.filter(pk=item.pk).update(pendaftaran=row, sesi=sesi)
        audit.record(
            actor=actor,
            action="pengembangan.rencana_item_daftar",
            obj=item.rencana,
            summary=f"{item.kegiatan.nama if item.kegiatan else ''} ({row.status})"[:200],
            changes={"pendaftaran": [item.pendaftaran_id, row.pk]},
        )
    item.pendaftaran, item.sesi = row, sesi
    return item


def item_report(
    *, actor: Actor, item: ItemRencana, data: ledger.MandiriData, sertifikat: object = None
) -> PengembanganMandiri:
    """Report a planned self-development as done through the JP ledger (the superior verifies it
    there), and keep the report on the item. Only the owner reports."""
    if actor.pegawai_id != item.rencana.pegawai_id:
        raise PermissionDenied(_("Hanya pegawai pemilik rencana yang dapat melaporkan pengembangan dirinya."))
    _require_agreed(item)
    if item.kegiatan_id is not None:
        raise ValidationError(_("Kegiatan katalog diselesaikan melalui pendaftaran sesinya."))
    if (
        item.mandiri_id is not None
        and PengembanganMandiri.objects.filter(
            pk=item.mandiri_id, status__in=(StatusMandiri.DIAJUKAN, StatusMandiri.DIVERIFIKASI)
        ).exists()
    ):
        raise ValidationError(_("Pengembangan mandiri ini sudah dilaporkan."))
    with transaction.atomic():
        report = ledger.mandiri_report(actor=actor, data=data, sertifikat=sertifikat)
        ItemRencana.objects.filter(pk=item.pk).update(mandiri=report)
        audit.record(
            actor=actor,
            action="pengembangan.rencana_item_lapor",
            obj=item.rencana,
            summary=report.judul[:200],
            changes={"mandiri": [item.mandiri_id, report.pk]},
        )
    item.mandiri = report
    return item.mandiri
