"""Writes to employees (pegawai) and their golongan history, and the NIP check they share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from karier.core import audit
from karier.people.access import Actor
from karier.people.choices import JenisAsn
from karier.people.models import Golongan, Instansi, Pegawai, RiwayatGolongan
from karier.people.services.common import check_master_data, check_master_data_about
from karier.rules import InvalidNip, check_nip_matches, parse_ni_pppk, parse_nip


def nip_clean(nip: str, *, jenis_asn: str, tanggal_lahir: dt.date | None, jenis_kelamin: str) -> str:
    """Validate an NIP against the person's record (karier.rules); returns the compact 18 digits.

    Errors are keyed by the field at fault: a wrong birth date is shown next to the birth date.
    """
    try:
        if jenis_asn == JenisAsn.PPPK:
            return parse_ni_pppk(nip or "").number
        compact = parse_nip(nip or "").nip
    except InvalidNip as exc:
        raise ValidationError({"nip": str(exc)}) from exc
    errors = {
        field: problems[0]
        for field, problems in (
            ("tanggal_lahir", check_nip_matches(compact, tanggal_lahir, None)),
            ("jenis_kelamin", check_nip_matches(compact, None, jenis_kelamin or None)),
        )
        if problems
    }
    if errors:
        raise ValidationError(errors)
    return compact


@dataclass(frozen=True)
class PegawaiData:
    nip: str
    nama: str
    jenis_kelamin: str
    tanggal_lahir: dt.date
    pendidikan: str
    instansi: Instansi
    jenis_asn: str = JenisAsn.PNS
    gelar_depan: str = ""
    gelar_belakang: str = ""
    tempat_lahir: str = ""
    email: str = ""


@transaction.atomic
def pegawai_create(*, actor: Actor, data: PegawaiData) -> Pegawai:
    check_master_data(actor)
    errors: dict[str, Any] = {}
    nip = ""
    try:
        nip = nip_clean(
            data.nip, jenis_asn=data.jenis_asn, tanggal_lahir=data.tanggal_lahir, jenis_kelamin=data.jenis_kelamin
        )
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not data.nama.strip():
        errors["nama"] = ["Nama wajib diisi."]
    if nip and Pegawai.objects.filter(nip=nip).exists():
        errors["nip"] = [f"NIP {nip} sudah terdaftar atas pegawai lain."]
    if errors:
        raise ValidationError(errors)
    tmt_cpns = parse_nip(nip).tmt_cpns if data.jenis_asn == JenisAsn.PNS else None
    pegawai = Pegawai.objects.create(
        nip=nip,
        nama=data.nama.strip(),
        jenis_kelamin=data.jenis_kelamin,
        tanggal_lahir=data.tanggal_lahir,
        pendidikan=data.pendidikan,
        instansi=data.instansi,
        jenis_asn=data.jenis_asn,
        gelar_depan=data.gelar_depan,
        gelar_belakang=data.gelar_belakang,
        tempat_lahir=data.tempat_lahir,
        email=data.email,
        tmt_cpns=tmt_cpns,
    )
    audit.record(actor=actor, action="pegawai.create", obj=pegawai, summary=f"{nip} {pegawai.nama}")
    return pegawai


@transaction.atomic
def golongan_record(
    *, actor: Actor, pegawai: Pegawai, golongan: Golongan, tmt: dt.date, nomor_sk: str = ""
) -> RiwayatGolongan:
    """Add a golongan history row and refresh the current golongan from the latest TMT."""
    check_master_data_about(actor, pegawai.pk)
    if RiwayatGolongan.objects.filter(pegawai=pegawai, tmt=tmt).exists():
        raise ValidationError(
            {"tmt": (_("Sudah ada riwayat golongan dengan TMT %(tanggal)s.") % {"tanggal": f"{tmt:%d-%m-%Y}"})}
        )
    if pegawai.jenis_asn == JenisAsn.PPPK:
        raise ValidationError({"golongan": _("Golongan PNS tidak berlaku bagi PPPK.")})
    row = RiwayatGolongan.objects.create(pegawai=pegawai, golongan=golongan, tmt=tmt, nomor_sk=nomor_sk)
    latest = RiwayatGolongan.objects.filter(pegawai=pegawai).order_by("-tmt").first()
    assert latest is not None
    old = pegawai.golongan_id
    Pegawai.objects.filter(pk=pegawai.pk).update(golongan_id=latest.golongan_id, tmt_golongan=latest.tmt)
    pegawai.golongan_id, pegawai.tmt_golongan = latest.golongan_id, latest.tmt
    audit.record(
        actor=actor,
        action="pegawai.golongan",
        obj=pegawai,
        changes={"golongan": [old, latest.golongan_id], "tmt": [None, tmt]},
    )
    return row


def pegawai_update_profile(*, actor: Actor, pegawai: Pegawai, **fields: Any) -> Pegawai:
    """Change identity fields; NIP, birth date and gender are re-checked against each other."""
    check_master_data(actor)
    allowed = {
        "nama",
        "gelar_depan",
        "gelar_belakang",
        "tempat_lahir",
        "pendidikan",
        "jurusan",
        "email",
        "telepon",
        "tanggal_lahir",
        "jenis_kelamin",
        "nip",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(_("Kolom tidak dapat diubah: %(kolom)s.") % {"kolom": ", ".join(sorted(unknown))})
    before = {k: getattr(pegawai, k) for k in fields}
    merged = {**{k: getattr(pegawai, k) for k in ("nip", "tanggal_lahir", "jenis_kelamin")}, **fields}
    nip = nip_clean(
        merged["nip"],
        jenis_asn=pegawai.jenis_asn,
        tanggal_lahir=merged["tanggal_lahir"],
        jenis_kelamin=merged["jenis_kelamin"],
    )
    if nip != pegawai.nip and Pegawai.objects.filter(nip=nip).exclude(pk=pegawai.pk).exists():
        raise ValidationError({"nip": _("NIP %(nip)s sudah terdaftar atas pegawai lain.") % {"nip": nip}})
    if "nip" in fields:
        fields["nip"] = nip
    with transaction.atomic():
        Pegawai.objects.filter(pk=pegawai.pk).update(**fields)
        pegawai.refresh_from_db()
        audit.record(
            actor=actor,
            action="pegawai.update",
            obj=pegawai,
            changes=audit.diff(before, {k: getattr(pegawai, k) for k in fields}),
        )
    return pegawai
