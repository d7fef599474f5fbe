"""The demo generator's shared state: the seed's random source, reference data, id counters and row
buffers; and what a run reports (`SeedResult`) or refuses (`SeedError`)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection

from karier.core.bulk import Table, next_id
from karier.people.demo import agencies, population
from karier.people.demo.personas import DEMO_PASSWORD, PERSONAS
from karier.people.models import Instansi, Jabatan, JabatanFungsional, Pegawai, Penugasan, RiwayatGolongan, UnitKerja
from karier.people.refdata import PEMPROV_BENGKULU_KODE

MIN_PEGAWAI = 200


class SeedError(Exception):
    """The demo cannot be built (message in Bahasa Indonesia)."""


@dataclass
class SeedResult:
    pegawai: int = 0
    pns: int = 0
    pppk: int = 0
    unit: int = 0
    jabatan: int = 0
    jabatan_manajerial: int = 0
    lowong: int = 0
    plt: int = 0
    riwayat_golongan: int = 0
    penugasan: int = 0
    akun: int = 0
    detik: float = 0.0
    accounts: list[tuple[str, str, str, str]] = field(default_factory=list)


class State:
    """What every stage of the generator shares: the one `random.Random(seed)`, the reference data,
    the ids handed out so far and the row buffers (`karier.core.bulk.Table`)."""

    # Set by `Generator.run` for the positions stage.
    total_weight: float
    rate: float
    acc_weight: float
    assigned: int
    pool: int
    last_weighted: int
    pos_index: int
    sekda: tuple[int, str] | None
    agencies: dict[int, tuple[int, str, int, str]]  # block → unit id, path, head id, path

    def __init__(
        self, n: int, seed: int, *, akun: bool, chunk_size: int, progress: Callable[[str], None] | None = None
    ) -> None:
        from faker import Faker

        self.n, self.akun, self.chunk_size = n, akun, chunk_size
        self.rng = random.Random(seed)
        self.progress = progress or (lambda _msg: None)
        fake = Faker("id_ID")
        fake.seed_instance(seed)
        self.male = sorted({fake.first_name_male() for _ in range(1500)})
        self.female = sorted({fake.first_name_female() for _ in range(1500)})
        self.last_male = sorted({fake.last_name_male() for _ in range(600)})
        self.last_female = sorted({fake.last_name_female() for _ in range(600)})
        instansi = Instansi.objects.filter(kode=PEMPROV_BENGKULU_KODE).first()
        if instansi is None:
            raise SeedError(
                "Instansi Pemerintah Provinsi Bengkulu belum ada; jalankan `karier migrate` "
                "(data referensi SIASN) terlebih dahulu."
            )
        self.instansi: Instansi = instansi
        jf: dict[str, str] = {}
        for jf_id, nama in JabatanFungsional.objects.filter(aktif=True).order_by("id").values_list("id", "nama"):
            jf.setdefault(nama, jf_id)
        self.jf = jf
        self.jf_nama = {v: k for k, v in jf.items()}
        self.general = [f for f in agencies.GENERAL_FAMILIES if self._has_family(f)]
        self.skilled = [f for f in agencies.SKILLED_FAMILIES if self._has_family(f)]
        self.nips: set[int] = {int(x) for x in Pegawai.objects.values_list("nip", flat=True) if x.isdigit()}
        for p in PERSONAS.values():
            self.nips.add(int(p.nip))
        self.reservoir: list[int] = []  # recent non-managerial positions, for earlier assignments
        self.result = SeedResult()
        User = get_user_model()
        self.user_model = User
        self.ids = {m: next_id(m) for m in (UnitKerja, Jabatan, Pegawai, RiwayatGolongan, Penugasan, User)}
        self.t_unit = Table(
            UnitKerja,
            ["id", "instansi_id", "parent_id", "opd_id", "nama", "singkatan", "jenis", "path", "depth", "aktif"],
        )
        self.t_jabatan = Table(
            Jabatan,
            [
                "id",
                "unit_id",
                "nama",
                "jenis",
                "jabatan_fungsional_id",
                "jenjang",
                "kelas",
                "eselon_id",
                "atasan_id",
                "adalah_kepala_unit",
                "formasi",
                "path",
                "aktif",
            ],
        )
        self.t_pegawai = Table(
            Pegawai,
            [
                "id",
                "nip",
                "nama",
                "gelar_depan",
                "gelar_belakang",
                "jenis_asn",
                "jenis_kelamin",
                "tanggal_lahir",
                "tempat_lahir",
                "pendidikan",
                "jurusan",
                "tmt_cpns",
                "instansi_id",
                "golongan_id",
                "tmt_golongan",
                "jabatan_id",
                "tmt_jabatan",
                "unit_id",
                "opd_id",
                "aktif",
            ],
        )
        self.t_riwayat = Table(RiwayatGolongan, ["id", "pegawai_id", "golongan_id", "tmt", "nomor_sk"])
        self.t_penugasan = Table(Penugasan, ["id", "pegawai_id", "jabatan_id", "jenis", "mulai", "selesai", "nomor_sk"])
        self.t_user = Table(
            User,
            [
                "id",
                "password",
                "username",
                "first_name",
                "pegawai_id",
                "is_admin_bkd",
                "is_auditor",
                "is_staff",
                "is_superuser",
                "is_active",
                "date_joined",
            ],
        )
        self.tables = [self.t_unit, self.t_jabatan, self.t_pegawai, self.t_riwayat, self.t_penugasan, self.t_user]
        self.password_hash = make_password(DEMO_PASSWORD)
        self.joined = connection.ops.adapt_datetimefield_value(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        self.usernames: set[str] = set(User.objects.values_list("username", flat=True))
        self.pending_people = 0

    # ------------------------------------------------------------------------------- helpers
    def _has_family(self, family: str) -> bool:
        return any(f"{family} {j}" in self.jf for j in population.JENJANG_KELAS)

    def _next(self, model: type) -> int:
        i = self.ids[model]
        self.ids[model] = i + 1
        return i
