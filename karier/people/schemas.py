"""API shapes for people, units and positions: query filters in, JSON out.

Filters are validated here (ranges, lengths, enums) so that no client input reaches the
database in a form it cannot take: a bad parameter is a 422, never a 500.
"""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from karier.api.schemas import MAX_ID, In
from karier.people.choices import JenisJabatan
from karier.people.models import Pegawai
from karier.rules.nip import nip_as_printed

MAX_SEARCH = 100


# PostgreSQL refuses NUL in a string literal and no name contains control characters; a pattern
# (rather than a validator) puts the rule into the OpenAPI schema, where clients and fuzzers see it.
NO_CONTROL_CHARS = r"^[^\x00-\x1f\x7f]*$"


nip_formatted = nip_as_printed  # the name the API schemas use


# ---------------------------------------------------------------------------- filters
class PegawaiFilter(In):
    q: str = Field("", max_length=MAX_SEARCH, pattern=NO_CONTROL_CHARS, description="Nama (sebagian) atau awal NIP.")
    opd: int | None = Field(None, ge=1, le=MAX_ID, description="Id perangkat daerah (OPD).")
    unit: int | None = Field(None, ge=1, le=MAX_ID, description="Id unit kerja, termasuk sub-unitnya.")
    golongan: int | None = Field(None, ge=11, le=45, description="Id golongan SIASN (11 = I/a … 45 = IV/e).")
    jenis_jabatan: JenisJabatan | None = Field(None, description="Jenis jabatan.")


class UnitFilter(In):
    parent: str | None = Field(
        None,
        pattern=r"^(root|[1-9][0-9]{0,17})$",
        description='Id unit induk, atau "root" untuk unit teratas (OPD).',
    )
    opd: int | None = Field(None, ge=1, le=MAX_ID, description="Id perangkat daerah (OPD).")
    q: str = Field("", max_length=MAX_SEARCH, pattern=NO_CONTROL_CHARS, description="Nama unit (sebagian).")


class JabatanFilter(In):
    unit: int | None = Field(None, ge=1, le=MAX_ID, description="Id unit kerja (tanpa sub-unit).")
    jenis: JenisJabatan | None = Field(None, description="Jenis jabatan.")
    atasan: int | None = Field(None, ge=1, le=MAX_ID, description="Id jabatan atasan langsung.")


# ---------------------------------------------------------------------------- references
class Ref(Schema):
    id: int
    nama: str


class GolonganOut(Schema):
    id: int
    kode: str
    pangkat: str


class JabatanRef(Schema):
    id: int
    nama: str
    jenis: str
    jenjang: str
    kelas: int | None


# ---------------------------------------------------------------------------- employees
class PegawaiListItem(Schema):
    id: int
    nip: str
    nip_formatted: str
    nama: str
    nama_lengkap: str
    jenis_asn: str
    golongan: GolonganOut | None
    jabatan: JabatanRef | None
    unit: Ref | None
    opd: Ref | None

    @staticmethod
    def resolve_nip_formatted(obj: Pegawai) -> str:
        return nip_formatted(obj.nip)


class GelarOut(Schema):
    depan: str
    belakang: str


class RiwayatGolonganOut(Schema):
    golongan: GolonganOut
    tmt: dt.date
    nomor_sk: str


class RiwayatJabatanOut(Schema):
    jabatan: Ref
    unit: Ref
    jenis: str = Field(..., description="DEFINITIF, PLT atau PLH.")
    mulai: dt.date
    selesai: dt.date | None
    nomor_sk: str


class PenilaiOut(Schema):
    pegawai_id: int
    nama: str
    jabatan: Ref
    jenis: str = Field(..., description="Penugasan penilai pada jabatannya: DEFINITIF, PLT atau PLH.")


class PegawaiDetail(Schema):
    id: int
    nip: str
    nip_formatted: str
    nama: str
    nama_lengkap: str
    gelar: GelarOut
    jenis_asn: str
    jenis_kelamin: str
    tanggal_lahir: dt.date
    pendidikan: str
    aktif: bool
    golongan: GolonganOut | None
    tmt_golongan: dt.date | None
    jabatan: JabatanRef | None
    tmt_jabatan: dt.date | None
    unit: Ref | None
    opd: Ref | None
    riwayat_golongan: list[RiwayatGolonganOut]
    riwayat_jabatan: list[RiwayatJabatanOut]
    penilai: PenilaiOut | None = Field(..., description="Pejabat penilai kinerja hari ini.")


# ---------------------------------------------------------------------------- units
class UnitListItem(Schema):
    id: int
    nama: str
    singkatan: str
    jenis: str
    parent_id: int | None
    opd_id: int | None
    depth: int
    aktif: bool


class PemangkuOut(Schema):
    pegawai_id: int | None = Field(..., description="Hanya bila pegawai itu boleh dilihat.")
    nama: str
    jenis: str = Field(..., description="DEFINITIF, PLT atau PLH.")


class KepalaOut(Schema):
    jabatan: Ref
    pemangku: PemangkuOut | None


class UnitDetail(UnitListItem):
    parent: Ref | None
    opd: Ref | None
    instansi: Ref
    children: list[Ref]
    kepala: KepalaOut | None


# ---------------------------------------------------------------------------- positions
class JabatanListItem(Schema):
    id: int
    nama: str
    jenis: str
    jenjang: str
    kelas: int | None
    formasi: int
    adalah_kepala_unit: bool
    aktif: bool
    unit: Ref
    atasan_id: int | None


class JabatanDetail(JabatanListItem):
    atasan: Ref | None
    eselon_id: str | None
    pemangku: PemangkuOut | None = Field(..., description="Pemangku jabatan hari ini.")


# ---------------------------------------------------------------------------- me
class MeOut(Schema):
    username: str
    pegawai: PegawaiListItem | None
    roles: list[str]
