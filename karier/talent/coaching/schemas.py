"""API shapes of coaching plans (issue #12 §6). Dates are ISO; texts refuse control characters."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from karier.api.schemas import MAX_ID, In
from karier.talent.models import HasilBimbingan, JenisBimbingan, StatusBimbingan

TEXT = r"^[^\x00]*$"


class BimbinganQuery(In):
    status: StatusBimbingan | None = None
    tahun: int | None = Field(None, ge=2000, le=2100)
    opd_id: int | None = Field(None, ge=1, le=MAX_ID)
    jenis: JenisBimbingan | None = None
    q: str = Field("", max_length=80, pattern=TEXT)
    tim: bool = Field(False, description="Hanya anggota tim dan orang yang saya bimbing.")
    jatuh_tempo: bool = Field(False, description="Hanya rencana berjalan yang tanggal tindak lanjutnya sudah tiba.")


class BimbinganIn(In):
    pegawai_id: int = Field(..., ge=1, le=MAX_ID)
    mentor_id: int | None = Field(None, ge=1, le=MAX_ID, description="Wajib: tanpa mentor ditolak (409).")
    jenis: JenisBimbingan = JenisBimbingan.BIMBINGAN
    tujuan: str = Field("", max_length=4000, pattern=TEXT)
    tanggal_tindak_lanjut: dt.date | None = Field(None, description="Kosong: tiga bulan lagi.")
    tahun: int | None = Field(None, ge=2000, le=2100)


class BimbinganUpdateIn(In):
    mentor_id: int | None = Field(None, ge=1, le=MAX_ID, description="Kosong: mentor tidak diubah.")
    jenis: JenisBimbingan | None = None
    tujuan: str | None = Field(None, max_length=4000, pattern=TEXT)
    tanggal_tindak_lanjut: dt.date | None = None


class BimbinganTutupIn(In):
    hasil: HasilBimbingan
    catatan_hasil: str = Field(..., max_length=4000, pattern=TEXT)


class PertemuanBimbinganIn(In):
    tanggal: dt.date
    catatan: str = Field(..., max_length=4000, pattern=TEXT)


class TindakanBimbinganIn(In):
    uraian: str = Field(..., max_length=300, pattern=TEXT)
    batas: dt.date


class TindakanSelesaiIn(In):
    selesai: bool = True


class OrangBimbinganOut(Schema):
    id: int
    nama: str
    nip: str
    jabatan: str = ""


class PertemuanBimbinganOut(Schema):
    id: int
    tanggal: dt.date
    catatan: str


class TindakanBimbinganOut(Schema):
    id: int
    uraian: str
    batas: dt.date
    selesai: bool
    selesai_pada: dt.datetime | None = None


class BimbinganOut(Schema):
    id: int
    pegawai: OrangBimbinganOut
    mentor: OrangBimbinganOut
    tahun: int
    jenis: str
    status: str
    pemicu: list[str]
    tujuan: str
    tanggal_tindak_lanjut: dt.date
    hasil: str
    catatan_hasil: str
    dibuat_pada: dt.datetime
    ditutup_pada: dt.datetime | None = None
    tindakan_terbuka: int | None = None


class BimbinganDetailOut(BimbinganOut):
    pertemuan: list[PertemuanBimbinganOut]
    tindakan: list[TindakanBimbinganOut]


class PeringatanDiniOut(Schema):
    pegawai: OrangBimbinganOut
    indikator_tertinggal: list[str]
    jumlah_indikator: int
    rencana_id: int | None = None
