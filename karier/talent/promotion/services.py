"""Promotion proposals: propose, verify, reject, decide (each a move of `promotion.workflow`).

Every write re-checks `karier.rules.promotion_eligibility` live for the one person at the proposal's
TMT (`compute.evaluate_person`) rather than trusting the stored row, which may predate a new
predikat or a new rank. A decision writes the rank history through the people service
(`karier.people.services.golongan_record`, inside this service's transaction), records the credit a
functional promotion used (`karier.talent.credit.ledger.record_promotion_usage`) and the credit left
(`karier.talent.credit.compute.rebuild_status`), and recomputes the person's eligibility — all or nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.core import audit
from karier.people.access import Actor
from karier.people.choices import JenisAsn
from karier.people.models import Golongan, Pegawai, RiwayatGolongan
from karier.people.services import golongan_record
from karier.rules import is_promotion_date, next_promotion_date
from karier.rules._text import tanggal
from karier.talent.access import require_bkd_decision
from karier.talent.credit.compute import rebuild_status
from karier.talent.credit.ledger import record_promotion_usage
from karier.talent.models import JenisKenaikan, UsulanKenaikanPangkat
from karier.talent.promotion import access
from karier.talent.promotion.compute import Hasil, evaluate_person, recompute_kelayakan
from karier.talent.promotion.workflow import TERBUKA, TRANSITIONS, Aksi, ensure

MAX_TEKS = 2000
MAX_SK = 80
TANGGAL_MIN = dt.date(2000, 1, 1)
TANGGAL_MAX = dt.date(2100, 12, 31)


def _check_date(field: str, value: dt.date | None, label: str) -> dict[str, str]:
    if value is None:
        return {field: _("%(label)s wajib diisi.") % {"label": label}}
    if not TANGGAL_MIN <= value <= TANGGAL_MAX:
        return {field: _("%(label)s harus antara tahun 2000 dan 2100.") % {"label": label}}
    return {}


def _evaluate_for(pegawai_id: int, tmt: dt.date) -> Hasil | None:
    """The rule live for a promotion on `tmt`: as of today for a coming TMT (the predikat known now,
    as the BKD list shows them), as of the TMT itself for one already past (a late decision)."""
    return evaluate_person(pegawai_id, min(tmt, timezone.localdate()))


def _not_eligible(hasil: Hasil | None, tmt: dt.date) -> list[str]:
    """Why the person cannot be promoted on `tmt` (empty when they can): each reason of the rule."""
    if hasil is None:
        return [_("Kenaikan pangkat hanya untuk PNS yang aktif.")]
    if hasil.tmt_terdekat is not None and hasil.tmt_terdekat <= tmt:
        return []
    head = _("Belum memenuhi syarat kenaikan pangkat pada TMT %(tmt)s.") % {"tmt": tanggal(tmt)}
    if hasil.tmt_terdekat is not None:
        head += " " + _("TMT paling awal yang memenuhi syarat: %(tmt)s.") % {"tmt": tanggal(hasil.tmt_terdekat)}
    return [head, *hasil.alasan]


def _locked(usulan: UsulanKenaikanPangkat) -> UsulanKenaikanPangkat:
    return UsulanKenaikanPangkat.objects.select_for_update().get(pk=usulan.pk)


def usulan_create(*, actor: Actor, pegawai: Pegawai, tmt: dt.date, catatan: str = "") -> UsulanKenaikanPangkat:
    """A BKD admin proposes a PNS for promotion on a promotion date on which the rule says they
    are eligible (re-evaluated now, for that date); each unmet condition is named."""
    require_bkd_decision(actor, pegawai, _("Hanya admin BKD yang dapat mengusulkan kenaikan pangkat."))
    errors: dict[str, Any] = _check_date("tmt", tmt, _("TMT kenaikan pangkat"))
    if not errors and not is_promotion_date(tmt):
        # The schedule itself stays in the rule; the message names the date it gives.
        errors["tmt"] = _(
            "%(tmt)s bukan tanggal kenaikan pangkat; tanggal kenaikan pangkat berikutnya %(berikut)s."
        ) % {"tmt": tanggal(tmt), "berikut": tanggal(next_promotion_date(tmt))}
    if len(catatan) > MAX_TEKS:
        errors["catatan"] = _("Catatan paling panjang %(n)s karakter.") % {"n": MAX_TEKS}
    if errors:
        raise ValidationError(errors)
    if pegawai.jenis_asn != JenisAsn.PNS or not pegawai.aktif:
        raise ValidationError(_("Kenaikan pangkat hanya untuk PNS yang aktif."))
    if UsulanKenaikanPangkat.objects.filter(pegawai=pegawai, status__in=TERBUKA).exists():
        raise ValidationError(_("Pegawai ini sudah memiliki usulan kenaikan pangkat yang belum selesai."))
    hasil = _evaluate_for(pegawai.pk, tmt)
    problems = _not_eligible(hasil, tmt)
    if problems:
        raise ValidationError({"tmt": problems})
    assert hasil is not None and hasil.golongan_id is not None and hasil.golongan_berikut_id is not None
    with transaction.atomic():
        usulan = UsulanKenaikanPangkat.objects.create(
            pegawai=pegawai,
            jenis=hasil.jenis,
            tmt=tmt,
            golongan_dari_id=hasil.golongan_id,
            golongan_ke_id=hasil.golongan_berikut_id,
            kelayakan=hasil.as_dict(),
            catatan=catatan.strip(),
            diusulkan_oleh_id=actor.user_id,
        )
        audit.record(
            actor=actor,
            action="kenaikan_pangkat.usul",
            obj=usulan,
            summary=f"Usulan kenaikan pangkat {pegawai.nip} ke {hasil.golongan_berikut_id} TMT {tmt.isoformat()}",
            changes={"status": [None, usulan.status], "tmt": [None, tmt.isoformat()]},
        )
    return usulan


def usulan_verify(*, actor: Actor, usulan: UsulanKenaikanPangkat, catatan: str = "") -> UsulanKenaikanPangkat:
    """The BKD checks the file of a proposal (documents complete): proposed → verified."""
    require_bkd_decision(actor, usulan.pegawai)
    ensure(Aksi.VERIFIKASI, status=usulan.status, peran=access.peran(actor, usulan))
    if len(catatan) > MAX_TEKS:
        raise ValidationError({"catatan": _("Catatan paling panjang %(n)s karakter.") % {"n": MAX_TEKS}})
    with transaction.atomic():
        locked = _locked(usulan)
        ensure(Aksi.VERIFIKASI, status=locked.status, peran=access.peran(actor, locked))
        old = locked.status
        locked.status = TRANSITIONS[Aksi.VERIFIKASI].ke  # the target comes from the workflow table
        locked.diverifikasi_oleh_id = actor.user_id
        locked.diverifikasi_pada = timezone.now()
        if catatan.strip():
            locked.catatan = "\n".join(t for t in (locked.catatan, catatan.strip()) if t)
        locked.save()
        audit.record(
            actor=actor,
            action="kenaikan_pangkat.verifikasi",
            obj=locked,
            summary=f"Usulan kenaikan pangkat {usulan.pegawai.nip} diverifikasi",
            changes={"status": [old, locked.status]},
        )
    return locked


def usulan_reject(*, actor: Actor, usulan: UsulanKenaikanPangkat, alasan: str) -> UsulanKenaikanPangkat:
    """The BKD rejects a proposal that is not yet decided, with the reason (required)."""
    require_bkd_decision(actor, usulan.pegawai)
    ensure(Aksi.TOLAK, status=usulan.status, peran=access.peran(actor, usulan), alasan=alasan)
    if len(alasan) > MAX_TEKS:
        raise ValidationError({"alasan": _("Alasan paling panjang %(n)s karakter.") % {"n": MAX_TEKS}})
    with transaction.atomic():
        locked = _locked(usulan)
        ensure(Aksi.TOLAK, status=locked.status, peran=access.peran(actor, locked), alasan=alasan)
        old = locked.status
        locked.status = TRANSITIONS[Aksi.TOLAK].ke  # the target comes from the workflow table
        locked.diputuskan_oleh_id = actor.user_id
        locked.diputuskan_pada = timezone.now()
        text = _("Ditolak: %(alasan)s") % {"alasan": alasan.strip()}
        locked.catatan = "\n".join(t for t in (locked.catatan, text) if t)
        locked.save()
        audit.record(
            actor=actor,
            action="kenaikan_pangkat.tolak",
            obj=locked,
            summary=f"Usulan kenaikan pangkat {usulan.pegawai.nip} ditolak",
            changes={"status": [old, locked.status], "alasan": [None, alasan.strip()]},
        )
    return locked


def usulan_decide(
    *, actor: Actor, usulan: UsulanKenaikanPangkat, nomor_sk: str, tanggal_sk: dt.date | None
) -> UsulanKenaikanPangkat:
    """Decide a verified proposal with its SK: refused before the eligible date and beyond the
    education maximum (the rule re-evaluated live at the TMT, each reason named); then the rank
    history, the credit used (functional positions) and the person's eligibility, in one transaction."""
    pegawai = usulan.pegawai
    require_bkd_decision(actor, pegawai)
    ensure(Aksi.TETAPKAN, status=usulan.status, peran=access.peran(actor, usulan))
    nomor_sk = (nomor_sk or "").strip()
    errors: dict[str, Any] = {}
    if not nomor_sk:
        errors["nomor_sk"] = _("Nomor SK wajib diisi.")
    elif len(nomor_sk) > MAX_SK:
        errors["nomor_sk"] = _("Nomor SK paling panjang %(n)s karakter.") % {"n": MAX_SK}
    errors.update(_check_date("tanggal_sk", tanggal_sk, _("Tanggal SK")))
    if not errors and tanggal_sk is not None and tanggal_sk > timezone.localdate():
        errors["tanggal_sk"] = _("Tanggal SK tidak boleh sesudah hari ini.")
    if errors:
        raise ValidationError(errors)
    if pegawai.golongan_id != usulan.golongan_dari_id:
        raise ValidationError(
            _("Golongan pegawai sudah berubah sejak diusulkan; tolak usulan ini dan buat usulan baru.")
        )
    if RiwayatGolongan.objects.filter(pegawai=pegawai, tmt=usulan.tmt).exists():
        raise ValidationError(_("Sudah ada riwayat golongan dengan TMT %(tmt)s.") % {"tmt": tanggal(usulan.tmt)})
    hasil = _evaluate_for(pegawai.pk, usulan.tmt)
    problems = _not_eligible(hasil, usulan.tmt)
    if not problems and hasil is not None and hasil.golongan_berikut_id != usulan.golongan_ke_id:
        problems = [_("Golongan tujuan usulan tidak sesuai dengan golongan berikutnya menurut aturan.")]
    if problems:
        raise ValidationError(problems)
    functional = usulan.jenis == JenisKenaikan.PILIHAN
    with transaction.atomic():
        locked = _locked(usulan)
        ensure(Aksi.TETAPKAN, status=locked.status, peran=access.peran(actor, locked))
        riwayat = golongan_record(
            actor=actor,
            pegawai=pegawai,
            golongan=Golongan.objects.get(pk=locked.golongan_ke_id),
            tmt=locked.tmt,
            nomor_sk=nomor_sk,
        )
        old = locked.status
        locked.status = TRANSITIONS[Aksi.TETAPKAN].ke  # the target comes from the workflow table
        locked.nomor_sk = nomor_sk
        locked.tanggal_sk = tanggal_sk
        locked.riwayat = riwayat
        locked.diputuskan_oleh_id = actor.user_id
        locked.diputuskan_pada = timezone.now()
        locked.save()
        today = timezone.localdate()
        if functional:  # the credit the step used, and what is left for the next step
            record_promotion_usage(pegawai=pegawai, usulan=locked, user_id=actor.user_id)
            rebuild_status([pegawai.pk], today)
        recompute_kelayakan([pegawai.pk], today)
        audit.record(
            actor=actor,
            action="kenaikan_pangkat.tetapkan",
            obj=locked,
            summary=f"Kenaikan pangkat {pegawai.nip} ditetapkan, SK {nomor_sk}",
            changes={
                "status": [old, locked.status],
                "golongan": [locked.golongan_dari_id, locked.golongan_ke_id],
                "nomor_sk": [None, nomor_sk],
                "tanggal_sk": [None, tanggal_sk.isoformat() if tanggal_sk else None],
            },
        )
    return locked
