"""A small organisation for the API tests, built only through the services.

Dinas A (OPD)                      kepala_a  — Kepala Dinas A (JPT Pratama, head of the agency)
  Bidang A1                        kabid1    — Kepala Bidang A1 (Administrator)
    Subbidang A1a                  kasub     — Kepala Subbidang A1a (Pengawas)
                                   staf1, staf2 — Analis A1a (Pelaksana, formasi 2, co-holders)
  Bidang A2                        kabid2    — Kepala Bidang A2 (peer of kabid1)
                                   staf_a2   — Pengadministrasi A2 (Pelaksana)
Dinas B (OPD)                      kepala_b  — Kepala Dinas B
                                   staf_b    — Pengadministrasi B
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from typing import Any

from karier.accounts.models import User
from karier.people.access import SYSTEM
from karier.people.choices import JenisJabatan, JenisUnit, Pendidikan
from karier.people.models import Golongan, Instansi, Jabatan, Pegawai, UnitKerja
from karier.people.services import (
    JabatanData,
    PegawaiData,
    golongan_record,
    jabatan_create,
    pegawai_create,
    penugasan_assign,
    unit_create,
)

INSTANSI_KODE = "A5EB03E23C2BF6A0E040640A040252AD"
MULAI = dt.date(2020, 1, 1)
_seq = itertools.count(1)


def make_pegawai(
    instansi: Instansi, nama: str, *, female: bool = False, golongan: int | None = 31, jabatan: Jabatan | None = None
) -> Pegawai:
    n = next(_seq)
    birth = dt.date(1980, 1, 1) + dt.timedelta(days=n // 999)
    nip = f"{birth:%Y%m%d}200501{2 if female else 1}{n % 999 + 1:03d}"
    p = pegawai_create(
        actor=SYSTEM,
        data=PegawaiData(
            nip=nip,
            nama=nama,
            jenis_kelamin="P" if female else "L",
            tanggal_lahir=birth,
            pendidikan=Pendidikan.S1,
            instansi=instansi,
        ),
    )
    if golongan is not None:
        golongan_record(actor=SYSTEM, pegawai=p, golongan=Golongan.objects.get(pk=golongan), tmt=MULAI)
    if jabatan is not None:
        penugasan_assign(actor=SYSTEM, pegawai=p, jabatan=jabatan, mulai=MULAI)
    p.refresh_from_db()
    return p


def make_jabatan(
    unit: UnitKerja,
    nama: str,
    jenis: str,
    atasan: Jabatan | None = None,
    *,
    kepala: bool = False,
    formasi: int = 1,
    kelas: int | None = None,
) -> Jabatan:
    return jabatan_create(
        actor=SYSTEM,
        data=JabatanData(
            unit=unit,
            nama=nama,
            jenis=jenis,
            atasan=atasan,
            adalah_kepala_unit=kepala,
            formasi=formasi,
            kelas=kelas,
        ),
    )


def make_user(username: str, pegawai: Pegawai | None = None, **flags: Any) -> User:
    return User.objects.create_user(username=username, password=None, pegawai=pegawai, **flags)


@dataclass
class Org:
    instansi: Instansi
    u: dict[str, UnitKerja] = field(default_factory=dict)
    j: dict[str, Jabatan] = field(default_factory=dict)
    p: dict[str, Pegawai] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)


def build_org() -> Org:
    """Built through the services once per test process, then replayed (tests/replay.py)."""
    from tests.replay import replayed

    return replayed(("api_org",), build_org_through_services)


def build_org_through_services() -> Org:
    instansi = Instansi.objects.get(kode=INSTANSI_KODE)
    org = Org(instansi=instansi)
    u = org.u
    u["dinas_a"] = unit_create(actor=SYSTEM, instansi=instansi, nama="Dinas A", jenis=JenisUnit.OPD)
    u["bidang_a1"] = unit_create(
        actor=SYSTEM, instansi=instansi, nama="Bidang A1", jenis=JenisUnit.BIDANG, parent=u["dinas_a"]
    )
    u["sub_a1a"] = unit_create(
        actor=SYSTEM, instansi=instansi, nama="Subbidang A1a", jenis=JenisUnit.SUBBIDANG, parent=u["bidang_a1"]
    )
    u["bidang_a2"] = unit_create(
        actor=SYSTEM, instansi=instansi, nama="Bidang A2", jenis=JenisUnit.BIDANG, parent=u["dinas_a"]
    )
    u["dinas_b"] = unit_create(actor=SYSTEM, instansi=instansi, nama="Dinas B", jenis=JenisUnit.OPD)

    j = org.j
    j["kepala_a"] = make_jabatan(u["dinas_a"], "Kepala Dinas A", JenisJabatan.JPT_PRATAMA, kepala=True)
    j["kabid1"] = make_jabatan(
        u["bidang_a1"], "Kepala Bidang A1", JenisJabatan.ADMINISTRATOR, j["kepala_a"], kepala=True, kelas=11
    )
    j["kasub"] = make_jabatan(
        u["sub_a1a"], "Kepala Subbidang A1a", JenisJabatan.PENGAWAS, j["kabid1"], kepala=True, kelas=9
    )
    j["analis"] = make_jabatan(u["sub_a1a"], "Analis A1a", JenisJabatan.PELAKSANA, j["kasub"], formasi=2, kelas=7)
    j["kabid2"] = make_jabatan(
        u["bidang_a2"], "Kepala Bidang A2", JenisJabatan.ADMINISTRATOR, j["kepala_a"], kepala=True
    )
    j["adm_a2"] = make_jabatan(u["bidang_a2"], "Pengadministrasi A2", JenisJabatan.PELAKSANA, j["kabid2"], formasi=50)
    j["kepala_b"] = make_jabatan(u["dinas_b"], "Kepala Dinas B", JenisJabatan.JPT_PRATAMA, kepala=True)
    j["adm_b"] = make_jabatan(u["dinas_b"], "Pengadministrasi B", JenisJabatan.PELAKSANA, j["kepala_b"], formasi=50)

    p = org.p
    p["kepala_a"] = make_pegawai(instansi, "Budi Santoso", jabatan=j["kepala_a"], golongan=41)
    p["kabid1"] = make_pegawai(instansi, "Citra Lestari", female=True, jabatan=j["kabid1"], golongan=34)
    p["kasub"] = make_pegawai(instansi, "Dedi Kurniawan", jabatan=j["kasub"], golongan=33)
    p["staf1"] = make_pegawai(instansi, "Eka Putri", female=True, jabatan=j["analis"], golongan=31)
    p["staf2"] = make_pegawai(instansi, "Fajar Nugroho", jabatan=j["analis"], golongan=32)
    p["kabid2"] = make_pegawai(instansi, "Gita Maharani", female=True, jabatan=j["kabid2"], golongan=34)
    p["staf_a2"] = make_pegawai(instansi, "Hadi Wibowo", jabatan=j["adm_a2"], golongan=23)
    p["kepala_b"] = make_pegawai(instansi, "Indra Gunawan", jabatan=j["kepala_b"], golongan=41)
    p["staf_b"] = make_pegawai(instansi, "Joko Susilo", jabatan=j["adm_b"], golongan=23)

    users = org.users
    for key in ("kepala_a", "kabid1", "kasub", "staf1", "kabid2", "staf_b"):
        users[key] = make_user(f"user_{key}", p[key])
    users["admin"] = make_user("admin_bkd", is_admin_bkd=True)
    users["auditor"] = make_user("auditor", is_auditor=True)
    return org
