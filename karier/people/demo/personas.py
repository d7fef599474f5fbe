"""The fixed demo people of the journeys (docs: /work/shared/design/journeys.md) and their accounts.

Their NIPs do not depend on the seed, so the README can list the logins. Every demo account uses
the password ``karier-demo``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DEMO_PASSWORD = "karier-demo"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    nama: str


@dataclass(frozen=True)
class Persona:
    key: str
    nip: str
    nama: str
    gelar_depan: str
    gelar_belakang: str
    jenis_kelamin: str
    tanggal_lahir: dt.date
    tempat_lahir: str
    pendidikan: str
    pendidikan_awal: str  # education when appointed CPNS (sets the entry golongan)
    jurusan: str
    golongan: str
    tmt_golongan: dt.date
    tmt_jabatan: dt.date
    role: str
    is_admin_bkd: bool = False

    @property
    def tmt_cpns(self) -> dt.date:
        return dt.date(int(self.nip[8:12]), int(self.nip[12:14]), 1)

    @property
    def nama_lengkap(self) -> str:
        name = f"{self.gelar_depan} {self.nama}".strip()
        return f"{name}, {self.gelar_belakang}" if self.gelar_belakang else name


SARI = Persona(
    key="sari",
    nip="199608172020032001",
    nama="Sari Wulandari",
    gelar_depan="",
    gelar_belakang="S.Psi.",
    jenis_kelamin="P",
    tanggal_lahir=dt.date(1996, 8, 17),
    tempat_lahir="Bengkulu",
    pendidikan="S1",
    pendidikan_awal="S1",
    jurusan="Psikologi",
    golongan="III/b",
    tmt_golongan=dt.date(2024, 4, 1),
    tmt_jabatan=dt.date(2022, 1, 3),
    role="Analis SDM Ahli Pertama di BKD; admin BKD",
    is_admin_bkd=True,
)
RAHMAT = Persona(
    key="rahmat",
    nip="196805121994031003",
    nama="Rahmat Hidayat",
    gelar_depan="Dr. H.",
    gelar_belakang="S.Pd., M.Pd.",
    jenis_kelamin="L",
    tanggal_lahir=dt.date(1968, 5, 12),
    tempat_lahir="Curup",
    pendidikan="S3",
    pendidikan_awal="S1",
    jurusan="Ilmu Pendidikan",
    golongan="IV/c",
    tmt_golongan=dt.date(2021, 4, 1),
    tmt_jabatan=dt.date(2023, 2, 6),
    role="Kepala Dinas Pendidikan dan Kebudayaan (JPT Pratama)",
)
WATI = Persona(
    key="wati",
    nip="197503212000122002",
    nama="Wati Handayani",
    gelar_depan="",
    gelar_belakang="S.Pd., M.Pd.",
    jenis_kelamin="P",
    tanggal_lahir=dt.date(1975, 3, 21),
    tempat_lahir="Manna",
    pendidikan="S2",
    pendidikan_awal="S1",
    jurusan="Manajemen Pendidikan",
    golongan="IV/a",
    tmt_golongan=dt.date(2019, 4, 1),
    tmt_jabatan=dt.date(2022, 7, 1),
    role="Kepala Bidang Pembinaan SMA, Dikbud (Administrator); penilai 25 pegawai",
)
DODI = Persona(
    key="dodi",
    nip="199307042015031004",
    nama="Dodi Saputra",
    gelar_depan="",
    gelar_belakang="",
    jenis_kelamin="L",
    tanggal_lahir=dt.date(1993, 7, 4),
    tempat_lahir="Bengkulu",
    pendidikan="SLTA",
    pendidikan_awal="SLTA",
    jurusan="Administrasi Perkantoran",
    golongan="II/c",
    tmt_golongan=dt.date(2023, 4, 1),
    tmt_jabatan=dt.date(2021, 1, 4),
    role="Pelaksana (Pengadministrasi Perkantoran) di Diskominfo, II/c",
)
PERSONAS: dict[str, Persona] = {p.key: p for p in (SARI, RAHMAT, WATI, DODI)}

ADMIN_USERNAME = "admin"
AUDITOR_USERNAME = "auditor"
WATI_DIRECT_STAFF = 23  # plus her two Kepala Seksi: Bu Wati appraises 25 people


def demo_accounts() -> list[DemoAccount]:
    """The accounts `seed_demo` always creates, in the order it prints them."""
    return [
        DemoAccount(ADMIN_USERNAME, DEMO_PASSWORD, "Admin BKD (superuser, tanpa data pegawai)", "Administrator Karier"),
        DemoAccount(AUDITOR_USERNAME, DEMO_PASSWORD, "Auditor Inspektorat (hanya baca)", "Auditor Inspektorat"),
        *(DemoAccount(p.nip, DEMO_PASSWORD, p.role, p.nama_lengkap) for p in PERSONAS.values()),
    ]
