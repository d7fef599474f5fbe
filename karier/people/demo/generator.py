"""Builds the demo Pemerintah Provinsi Bengkulu: agencies, units, positions, employees, history.

How it works:

1. **Plan** the managerial skeleton (agencies → bidang → seksi, then UPTDs for large sizes) so
   that its filled positions are about 9% of the requested employees; mark ~3% vacant.
2. **Generate block by block** (an agency or a UPTD): units and managerial positions, a holder for
   each filled one, the staff reporting to each (drawn so that golongan, kind of position and
   education follow the national shares), grouped into functional and pelaksana positions;
   history rows; Plt on about half of the vacant positions.
3. **Write in chunks** of plain tuples (see `writer.py`) whenever enough employees are buffered,
   so memory stays bounded at any size.

Everything is drawn from one `random.Random(seed)` in a fixed order: a seed gives the same
people, NIPs and positions on every run and database. Dates are relative to `REF_DATE`.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Generic, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Model, Q

from karier.people.choices import JenisAsn, JenisJabatan, JenisPenugasan, JenisUnit
from karier.people.demo import catalog as C
from karier.people.demo.personas import (
    ADMIN_USERNAME,
    AUDITOR_USERNAME,
    DEMO_PASSWORD,
    PERSONAS,
    WATI_DIRECT_STAFF,
    Persona,
)
from karier.people.demo.writer import Table, next_id, reset_sequences
from karier.people.models import (
    Instansi,
    Jabatan,
    JabatanFungsional,
    Pegawai,
    Penugasan,
    RiwayatGolongan,
    UnitKerja,
)
from karier.people.refdata import PEMPROV_BENGKULU_KODE

J = JenisJabatan
MIN_PEGAWAI = 200
DAY = dt.timedelta(days=1)


class SeedError(Exception):
    """The demo cannot be built (message in Bahasa Indonesia)."""


# ----------------------------------------------------------------------------------------- dates
def add_months(d: dt.date, months: int) -> dt.date:
    m = d.month - 1 + months
    y = d.year + m // 12
    m = m % 12 + 1
    day = min(d.day, 28 if m == 2 else 30 if m in (4, 6, 9, 11) else 31)
    return dt.date(y, m, day)


def add_years(d: dt.date, years: int) -> dt.date:
    return add_months(d, 12 * years)


def month_start(d: dt.date) -> dt.date:
    return d.replace(day=1)


def snap_promotion(d: dt.date) -> dt.date:
    """The latest date ≤ d on which a kenaikan pangkat can take effect (see rules.promotion)."""
    if d >= dt.date(2025, 10, 1):
        return d.replace(day=1)
    if d >= dt.date(2024, 2, 1):
        return dt.date(d.year, d.month - (d.month % 2), 1) if d.month > 1 else dt.date(d.year - 1, 12, 1)
    if d >= dt.date(2024, 1, 1):
        return dt.date(2023, 10, 1)
    if d.month >= 10:
        return dt.date(d.year, 10, 1)
    if d.month >= 4:
        return dt.date(d.year, 4, 1)
    return dt.date(d.year - 1, 10, 1)


def golongan_id(rank: int) -> int:
    """Rank 1 (I/a) … 17 (IV/e) → SIASN id 11 … 45."""
    group = min((rank - 1) // 4, 3)
    return (group + 1) * 10 + rank - 4 * group


RANK = {code: i for i, code in enumerate(C.GOLONGAN_CODES, start=1)}


def golongan_history(rank: int, entry: int, tmt: dt.date, tmt_cpns: dt.date, spacing: int) -> list[tuple[int, dt.date]]:
    """Up to four (rank, TMT) rows, newest first: one step down every `spacing` months back from
    the current TMT; the step that reaches the entry golongan (or TMT CPNS) is dated TMT CPNS."""
    history = [(rank, tmt)]
    r, t = rank, tmt
    while len(history) < 4 and r > entry and t > tmt_cpns:
        prev = snap_promotion(add_months(t, -spacing))
        if r - 1 == entry or prev <= tmt_cpns:
            history.append((entry, tmt_cpns))
            break
        r, t = r - 1, prev
        history.append((r, t))
    return history


def iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d is not None else None


# ------------------------------------------------------------------------------------------ plan
@dataclass(slots=True)
class PosPlan:
    nama: str
    jenis: str
    kelas: int
    eselon: str
    weight: float  # share of the staff pool reporting directly to this position
    persona: str = ""
    fixed_staff: int = -1  # ≥ 0: exactly this many direct staff
    forced: tuple[str, ...] = ()  # personas among the direct staff
    protect: bool = False  # never left vacant
    vacant: bool = False


@dataclass(slots=True)
class UnitPlan:
    nama: str
    jenis: str
    singkatan: str
    head: PosPlan
    children: list[UnitPlan] = field(default_factory=list)

    def positions(self) -> list[PosPlan]:
        out = [self.head]
        for c in self.children:
            out.extend(c.positions())
        return out

    def size(self) -> int:
        return 1 + sum(c.size() for c in self.children)


@dataclass(slots=True)
class Block:
    opd: str
    unit: UnitPlan
    families: tuple[str, ...]
    parent_block: int = -1  # for a UPTD: index of its agency's block


def _admin(nama: str, weight: float = 0.5, kelas: int = 12, eselon: str = "31") -> PosPlan:
    return PosPlan(nama, J.ADMINISTRATOR, kelas, eselon, weight)


def _pengawas(nama: str) -> PosPlan:
    return PosPlan(nama, J.PENGAWAS, 9, "41", 1.0)


def _pick(rng: random.Random, items: Sequence[str], k: int) -> list[str]:
    """The first item and k-1 others, kept in catalogue order."""
    k = min(k, len(items))
    rest = sorted(rng.sample(range(1, len(items)), k - 1))
    return [items[0], *(items[i] for i in rest)]


def plan_agency(name: str, rng: random.Random, limit: float | None) -> UnitPlan:
    sub_count = lambda: rng.randint(2, 3)  # noqa: E731
    if name == C.SETDA:
        head = PosPlan(C.head_title(name), J.JPT_MADYA, 16, "12", 0.0, protect=True)
        biro_names = _pick(rng, list(C.BIDANG[name]), rng.randint(2, 4))
        children = []
        for b in biro_names:
            bagian = C.BIDANG[name][b][: sub_count()]
            children.append(
                UnitPlan(
                    b,
                    JenisUnit.BIDANG,
                    "",
                    PosPlan(f"Kepala {b}", J.JPT_PRATAMA, 14, "22", 0.2),
                    [UnitPlan(s, JenisUnit.SUBBIDANG, "", _admin(f"Kepala {s}", 1.0)) for s in bagian],
                )
            )
        return UnitPlan(name, JenisUnit.OPD, C.SINGKATAN.get(name, ""), head, children)

    head = PosPlan(C.head_title(name), J.JPT_PRATAMA, 15, "21", 0.15)
    sekretariat = UnitPlan(
        "Sekretariat",
        JenisUnit.BIDANG,
        "",
        _admin(f"Sekretaris {name}"),
        [UnitPlan(s, JenisUnit.SUBBIDANG, "", _pengawas(f"Kepala {s}")) for s in C.SEKRETARIAT_SUB[: sub_count()]],
    )
    bidang: list[UnitPlan] = []
    if name == "Inspektorat":
        for roman in ("I", "II", "III", "IV")[: rng.randint(2, 4)]:
            irban = f"Inspektur Pembantu Wilayah {roman}"
            bidang.append(UnitPlan(irban, JenisUnit.BIDANG, "", _admin(irban, 2.5)))
    else:
        catalog = C.bidang_for(name)
        for b in _pick(rng, list(catalog), rng.randint(2, 4)):
            subs = catalog[b][: sub_count()]
            bidang.append(
                UnitPlan(
                    b,
                    JenisUnit.BIDANG,
                    "",
                    _admin(f"Kepala {b}"),
                    [UnitPlan(s, JenisUnit.SUBBIDANG, "", _pengawas(f"Kepala {s}")) for s in subs],
                )
            )
    unit = UnitPlan(name, JenisUnit.OPD, C.SINGKATAN.get(name, ""), head, [sekretariat, *bidang])
    if limit is not None:  # the last agency of a small demo: trim it to the remaining budget
        while unit.size() > limit and len(unit.children) > 2:
            unit.children.pop()
        for child in unit.children:
            while unit.size() > limit and len(child.children) > 2:
                child.children.pop()
    return unit


UPTD_EXCLUDED = (C.SETDA, "Sekretariat DPRD", "Inspektorat", "Badan Penghubung", "RSUD dr. M. Yunus", "RSKJ Soeprapto")


def plan_uptd(opd: str, ordinal: int, rng: random.Random) -> UnitPlan:
    kab = C.KABUPATEN_KOTA[ordinal % len(C.KABUPATEN_KOTA)]
    suffix = f" {ordinal // len(C.KABUPATEN_KOTA) + 1}" if ordinal >= len(C.KABUPATEN_KOTA) else ""
    nama = f"UPTD {C.topic(opd)} Wilayah {kab}{suffix}"
    subs = C.UPTD_SUB[: rng.randint(2, 3)]
    return UnitPlan(
        nama,
        JenisUnit.UPT,
        "",
        _admin(f"Kepala {nama}", 0.5, kelas=11, eselon="32"),
        [UnitPlan(s, JenisUnit.SUBBIDANG, "", _pengawas(f"Kepala {s}")) for s in subs],
    )


def plan(n: int, rng: random.Random) -> list[Block]:
    budget = C.SHARE_STRUCTURAL * n / (1 - C.VACANT_SHARE)
    blocks: list[Block] = []
    count = 0
    names = C.opd_names()
    for name in names:
        key = name in C.KEY_OPD
        if not key and count >= budget:
            break
        unit = plan_agency(name, rng, None if key else budget - count)
        blocks.append(Block(name, unit, C.families_for(name)))
        count += unit.size()
    eligible = [i for i, b in enumerate(blocks) if b.opd not in UPTD_EXCLUDED]
    ordinal = 0
    while count < budget and len(blocks) >= len(names):
        parent = eligible[ordinal % len(eligible)]
        unit = plan_uptd(blocks[parent].opd, ordinal // len(eligible), rng)
        blocks.append(Block(blocks[parent].opd, unit, blocks[parent].families, parent))
        count += unit.size()
        ordinal += 1
    _place_personas(blocks)
    for b in blocks:
        for p in b.unit.positions():
            if not p.protect and rng.random() < C.VACANT_SHARE:
                p.vacant = True
    return blocks


def _place_personas(blocks: list[Block]) -> None:
    by_name = {b.opd: b.unit for b in blocks if b.parent_block < 0}
    setda, dikbud, bkd, kominfo = (by_name[C.SETDA], by_name[C.DIKBUD], by_name[C.BKD], by_name[C.DISKOMINFO])
    setda.head.protect = True
    dikbud.head.persona, dikbud.head.protect = "rahmat", True
    bidang_sma = dikbud.children[1]  # children[0] is the Sekretariat
    bidang_sma.children = bidang_sma.children[:2]
    bidang_sma.head.persona, bidang_sma.head.protect = "wati", True
    bidang_sma.head.fixed_staff = WATI_DIRECT_STAFF
    for seksi in bidang_sma.children:
        seksi.head.protect = True
    bkd_bidang = bkd.children[1]
    bkd_bidang.head.forced, bkd_bidang.head.protect = ("sari",), True
    bkd.head.protect = True
    kominfo_bidang = kominfo.children[1]
    kominfo_bidang.head.protect = True
    kominfo_bidang.children[0].head.forced = ("dodi",)
    kominfo_bidang.children[0].head.protect = True


# -------------------------------------------------------------------------------------- sampling
T = TypeVar("T")


class Weighted(Generic[T]):
    """rng.choices with precomputed cumulative weights (much faster in a loop)."""

    def __init__(self, items: dict[T, float]) -> None:
        self.items = list(items)
        self.cum = list(accumulate(items.values()))
        self.total = self.cum[-1]

    def draw(self, rng: random.Random) -> T:
        return self.items[bisect_right(self.cum, rng.random() * self.total)]


def _ranks(weights: dict[str, float]) -> Weighted[int]:
    return Weighted({RANK[k]: v for k, v in weights.items()})


# Golongan of staff. Managerial holders (9% of everyone) are III/c–IV/e, PPPK (8%) have none;
# with these weights for the rest, all PNS come out near I 0.6%, II 16.5%, III 60.1%, IV 22.8%
# (checked at 30,000 employees: 0.7 / 16.5 / 60.3 / 22.5).
FUNGSIONAL_RANK = _ranks(
    {
        "II/a": 0.2,
        "II/b": 0.6,
        "II/c": 0.6,
        "II/d": 0.6,
        "III/a": 17.2,
        "III/b": 18.5,
        "III/c": 14.1,
        "III/d": 11.7,
        "IV/a": 18.2,
        "IV/b": 11.0,
        "IV/c": 5.5,
        "IV/d": 1.45,
        "IV/e": 0.35,
    }
)
PELAKSANA_RANK = _ranks(
    {
        "I/a": 0.3,
        "I/b": 0.4,
        "I/c": 0.5,
        "I/d": 0.5,
        "II/a": 8.4,
        "II/b": 10.5,
        "II/c": 12.6,
        "II/d": 10.5,
        "III/a": 25.4,
        "III/b": 19.7,
        "III/c": 6.8,
        "III/d": 4.5,
    }
)
PELAKSANA_PENDIDIKAN = {"SD": 1.0, "SLTP": 2.0, "SLTA": 38.0, "D-III": 20.0, "S1": 38.0, "S2": 1.0}
MANAGERIAL_RANKS: dict[str, tuple[str, ...]] = {
    J.JPT_MADYA: ("IV/d", "IV/e"),
    J.JPT_PRATAMA: ("IV/c", "IV/d"),
    J.ADMINISTRATOR: ("IV/a", "IV/b"),
    J.PENGAWAS: ("III/c", "III/d"),
}
MANAGERIAL_PENDIDIKAN: dict[str, Weighted[str]] = {
    J.JPT_MADYA: Weighted({"S2": 70.0, "S3": 30.0}),
    J.JPT_PRATAMA: Weighted({"S2": 75.0, "S3": 25.0}),
    J.ADMINISTRATOR: Weighted({"S2": 60.0, "S1": 38.0, "D-IV": 2.0}),
    J.PENGAWAS: Weighted({"S1": 68.0, "S2": 25.0, "D-IV": 5.0, "D-III": 2.0}),
}
MANAGERIAL_MIN_AGE: dict[str, int] = {J.JPT_MADYA: 48, J.JPT_PRATAMA: 45, J.ADMINISTRATOR: 38, J.PENGAWAS: 32}
MANAGERIAL_FEMALE: dict[str, float] = {J.JPT_MADYA: 0.15, J.JPT_PRATAMA: 0.2, J.ADMINISTRATOR: 0.35, J.PENGAWAS: 0.45}
AHLI_PENDIDIKAN = Weighted({"S1": 80.0, "D-IV": 9.0, "S2": 10.0, "S3": 1.0})
MADYA_PENDIDIKAN = Weighted({"S1": 60.0, "D-IV": 4.0, "S2": 33.0, "S3": 3.0})
UTAMA_PENDIDIKAN = Weighted({"S2": 60.0, "S3": 40.0})
PPPK_YEAR = Weighted({2021: 15.0, 2022: 20.0, 2023: 20.0, 2024: 25.0, 2025: 20.0})
AGE = [(lo, hi) for lo, hi, _ in C.AGE_BANDS]
# Sampling weights: the national bands, boosted for the young because most people's golongan
# puts a floor under their age (the overall mix then lands near the national one).
AGE_W = [w * boost for (_, _, w), boost in zip(C.AGE_BANDS, (4.0, 4.5, 1.6, 0.8, 1.0), strict=True)]


@dataclass(slots=True)
class Draft:
    """A staff member before their position exists."""

    pns: bool
    fungsional: bool
    rank: int  # 0 for PPPK
    pendidikan: str
    jenjang: str = ""
    family: str = ""
    pelaksana: str = ""
    persona: str = ""


@dataclass(slots=True)
class Person:
    id: int
    nip: str
    nama: str
    gelar_depan: str
    gelar_belakang: str
    jenis_asn: str
    jenis_kelamin: str
    lahir: dt.date
    tempat: str
    pendidikan: str
    jurusan: str
    tmt_cpns: dt.date | None
    rank: int
    tmt_golongan: dt.date | None
    history: list[tuple[int, dt.date]]
    jabatan_id: int
    tmt_jabatan: dt.date
    unit_id: int
    opd_id: int
    persona: str = ""
    prior: tuple[int, dt.date, dt.date] | None = None


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


class Generator:
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
        self.general = [f for f in C.GENERAL_FAMILIES if self._has_family(f)]
        self.skilled = [f for f in C.SKILLED_FAMILIES if self._has_family(f)]
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
        return any(f"{family} {j}" in self.jf for j in C.JENJANG_KELAS)

    def _next(self, model: type) -> int:
        i = self.ids[model]
        self.ids[model] = i + 1
        return i

    def _age(self, lo: int, hi: int = 57) -> int:
        lo = max(20, min(lo, hi))
        bands = [(max(a, lo), min(b, hi)) for a, b in AGE]
        weights = [w * max(0, b - a + 1) / (ob - oa + 1) for (a, b), (oa, ob), w in zip(bands, AGE, AGE_W, strict=True)]
        if sum(weights) <= 0:
            return hi
        a, b = self.rng.choices(bands, weights)[0]
        return self.rng.randint(a, b)

    def _name(self, female: bool) -> str:
        rng = self.rng
        first = rng.choice(self.female if female else self.male)
        r = rng.random()
        if r < 0.12:
            return first
        last = rng.choice(self.last_female if female else self.last_male)
        if r < 0.75 or last == first:
            return f"{first} {last}"
        middle = rng.choice(self.female if female else self.male)
        return f"{first} {middle} {last}" if middle not in (first, last) else f"{first} {last}"

    def _gelar(self, pendidikan: str, family: str, age: int, female: bool) -> tuple[str, str, str]:
        rng = self.rng
        depan, belakang, jurusan = "", "", ""
        if pendidikan == "SLTA":
            jurusan = rng.choice(("IPA", "IPS", "Administrasi Perkantoran", "Akuntansi"))
        elif pendidikan == "D-III":
            belakang, jurusan = rng.choice(C.GELAR_D3)
        elif pendidikan == "D-IV":
            belakang, jurusan = rng.choice(C.GELAR_D4)
        elif pendidikan in ("S1", "S2", "S3"):
            if family in C.FAMILY_GELAR_DEPAN:
                depan, jurusan = C.FAMILY_GELAR_DEPAN[family]
            else:
                belakang, jurusan = C.FAMILY_GELAR.get(family) or rng.choice(C.GELAR_S1)
            if pendidikan in ("S2", "S3"):
                s2, jurusan = rng.choice(C.GELAR_S2)
                belakang = f"{belakang}, {s2}" if belakang else s2
            if pendidikan == "S3":
                depan = f"Dr. {depan}".strip()
                jurusan = rng.choice(C.GELAR_S3)
        if age >= 45 and rng.random() < 0.15:
            depan = f"{depan} {'Hj.' if female else 'H.'}".strip()
        return depan, belakang, jurusan

    def _nip(self, head: str, seq: int) -> str:
        for _ in range(999):
            nip = f"{head}{seq:03d}"
            key = int(nip)
            if key not in self.nips:
                self.nips.add(key)
                return nip
            seq = seq % 999 + 1
        raise SeedError("Nomor urut NIP habis untuk satu kombinasi tanggal lahir dan TMT CPNS.")

    # ---------------------------------------------------------------------------- people
    def _pns_dates(
        self, rank: int, pendidikan: str, *, spacing: int, min_age: int, span_years: int
    ) -> tuple[dt.date, dt.date, dt.date, list[tuple[int, dt.date]], dt.date]:
        """Birth date, TMT CPNS, TMT golongan, golongan history and TMT jabatan for a PNS."""
        rng = self.rng
        ref = C.REF_DATE
        entry_edu = "S1" if pendidikan in ("S2", "S3") and rng.random() < 0.7 else pendidikan
        entry = min(C.ENTRY_RANK_BY_PENDIDIKAN[entry_edu], rank)
        steps = rank - entry
        lo, hi = C.AGE_AT_CPNS[entry_edu]
        age_cpns = min(rng.randint(lo, hi), rng.randint(lo, hi))  # skewed young
        if age_cpns + (steps * spacing + 11) // 12 + 1 > 57:
            age_cpns = lo
        if steps and age_cpns + (steps * spacing + 11) // 12 + 1 > 57:
            spacing = max(12, (57 - 1 - age_cpns) * 12 // steps)
        service = steps * spacing
        age = self._age(max(min_age, age_cpns + (service + 11) // 12 + 1))
        lahir = dt.date(ref.year - age, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        tmt_cpns = month_start(add_years(lahir, age_cpns) + dt.timedelta(days=rng.randint(0, 300)))
        latest = add_months(month_start(ref), -service - 1)
        tmt_cpns = min(tmt_cpns, latest)
        if tmt_cpns < add_years(lahir, 18):
            tmt_cpns = month_start(add_months(add_years(lahir, 18), 1))
        if steps == 0:
            tmt_gol = tmt_cpns
        else:
            earliest = add_months(tmt_cpns, service)
            start = max(earliest, add_years(ref, -4))
            span = max(0, (ref - start).days)
            tmt_gol = max(snap_promotion(start + dt.timedelta(days=rng.randint(0, span))), add_months(tmt_cpns, 12))
        history = golongan_history(rank, entry, tmt_gol, tmt_cpns, spacing)
        # current position
        first = add_years(tmt_cpns, 1)
        last = ref - dt.timedelta(days=30)
        if first >= last:
            tmt_jab = min(tmt_cpns, last)
        else:
            lo_j = max(first, add_years(ref, -span_years))
            tmt_jab = lo_j + dt.timedelta(days=rng.randint(0, max(0, (last - lo_j).days)))
        return lahir, tmt_cpns, tmt_gol, history, tmt_jab

    def _prior(self, own_jabatan: int, tmt_cpns: dt.date, tmt_jab: dt.date) -> tuple[int, dt.date, dt.date] | None:
        rng = self.rng
        if rng.random() >= 0.2 or not self.reservoir or (tmt_jab - tmt_cpns).days < 400:
            return None
        jab = rng.choice(self.reservoir)
        if jab == own_jabatan:
            return None
        mulai = max(tmt_cpns, add_years(tmt_jab, -rng.randint(2, 8)))
        selesai = tmt_jab - DAY
        return (jab, mulai, selesai) if mulai < selesai else None

    def _persona_person(self, p: Persona, jabatan_id: int, unit_id: int, opd_id: int) -> Person:
        rank = RANK[p.golongan]
        entry = min(C.ENTRY_RANK_BY_PENDIDIKAN[p.pendidikan_awal], rank)
        history = golongan_history(rank, entry, p.tmt_golongan, p.tmt_cpns, 48)
        return Person(
            self._next(Pegawai),
            p.nip,
            p.nama,
            p.gelar_depan,
            p.gelar_belakang,
            JenisAsn.PNS,
            p.jenis_kelamin,
            p.tanggal_lahir,
            p.tempat_lahir,
            p.pendidikan,
            p.jurusan,
            p.tmt_cpns,
            rank,
            p.tmt_golongan,
            history,
            jabatan_id,
            p.tmt_jabatan,
            unit_id,
            opd_id,
            persona=p.key,
        )

    def _pns(
        self,
        *,
        rank: int,
        pendidikan: str,
        female: bool,
        family: str,
        jabatan_id: int,
        unit_id: int,
        opd_id: int,
        spacing: int,
        min_age: int,
        span_years: int,
    ) -> Person:
        rng = self.rng
        lahir, tmt_cpns, tmt_gol, history, tmt_jab = self._pns_dates(
            rank, pendidikan, spacing=spacing, min_age=min_age, span_years=span_years
        )
        age = C.REF_DATE.year - lahir.year
        depan, belakang, jurusan = self._gelar(pendidikan, family, age, female)
        head = (
            f"{lahir.year:04d}{lahir.month:02d}{lahir.day:02d}{tmt_cpns.year:04d}{tmt_cpns.month:02d}"
            f"{2 if female else 1}"
        )
        nip = self._nip(head, rng.randint(1, 150))
        return Person(
            self._next(Pegawai),
            nip,
            self._name(female),
            depan,
            belakang,
            JenisAsn.PNS,
            "P" if female else "L",
            lahir,
            rng.choice(C.TEMPAT_LAHIR),
            pendidikan,
            jurusan,
            tmt_cpns,
            rank,
            tmt_gol,
            history,
            jabatan_id,
            tmt_jab,
            unit_id,
            opd_id,
            prior=self._prior(jabatan_id, tmt_cpns, tmt_jab),
        )

    def _pppk(
        self, *, pendidikan: str, female: bool, family: str, jabatan_id: int, unit_id: int, opd_id: int
    ) -> Person:
        rng = self.rng
        year = PPPK_YEAR.draw(rng)
        tmt = dt.date(year, rng.randint(1, 12), 1)
        tmt = min(tmt, dt.date(2025, 12, 1))
        age = self._age(20 + (C.REF_DATE.year - year) + 2)
        lahir = dt.date(C.REF_DATE.year - age, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        depan, belakang, jurusan = self._gelar(pendidikan, family, age, female)
        head = f"{lahir.year:04d}{lahir.month:02d}{lahir.day:02d}{year:04d}21{2 if female else 1}"
        nip = self._nip(head, rng.randint(1, 400))
        return Person(
            self._next(Pegawai),
            nip,
            self._name(female),
            depan,
            belakang,
            JenisAsn.PPPK,
            "P" if female else "L",
            lahir,
            rng.choice(C.TEMPAT_LAHIR),
            pendidikan,
            jurusan,
            None,
            0,
            None,
            [],
            jabatan_id,
            tmt,
            unit_id,
            opd_id,
        )

    def _draft_staff(self) -> Draft:
        rng = self.rng
        fungsional = rng.random() < C.SHARE_FUNGSIONAL / (1 - C.SHARE_STRUCTURAL)
        if rng.random() < C.SHARE_PPPK / (1 - C.SHARE_STRUCTURAL):
            if fungsional:
                if rng.random() < 0.7:
                    return Draft(False, True, 0, "S1" if rng.random() < 0.9 else "S2", "Ahli Pertama")
                return Draft(False, True, 0, "D-III", "Terampil")
            edu = rng.choices(("SLTA", "D-III", "S1"), (45, 20, 35))[0]
            return Draft(False, False, 0, edu, pelaksana=self._pelaksana_name(edu))
        if fungsional:
            rank = FUNGSIONAL_RANK.draw(rng)
            code = C.GOLONGAN_CODES[rank - 1]
            ahli, terampil = C.JENJANG_BY_GOLONGAN[code]
            if rank >= 13:
                edu = (MADYA_PENDIDIKAN if rank <= 15 else UTAMA_PENDIDIKAN).draw(rng)
                return Draft(True, True, rank, edu, ahli)
            if rank <= 8 or rng.random() < 0.15:
                edu = "SLTA" if rank <= 8 and rng.random() < 0.4 else "D-III"
                return Draft(True, True, rank, edu, terampil)
            return Draft(True, True, rank, AHLI_PENDIDIKAN.draw(rng), ahli)
        rank = PELAKSANA_RANK.draw(rng)
        allowed = {e: w for e, w in PELAKSANA_PENDIDIKAN.items() if C.MAX_RANK_BY_PENDIDIKAN[e] >= rank}
        edu = rng.choices(list(allowed), list(allowed.values()))[0]
        return Draft(True, False, rank, edu, pelaksana=self._pelaksana_name(edu))

    def _pelaksana_name(self, edu: str) -> str:
        r = self.rng.random()
        if edu in ("SD", "SLTP"):
            return "Operator Layanan Operasional"
        if edu == "SLTA":
            return "Pengadministrasi Perkantoran" if r < 0.7 else "Operator Layanan Operasional"
        if edu == "D-III":
            return "Pengolah Data dan Informasi" if r < 0.7 else "Pengadministrasi Perkantoran"
        return "Penata Layanan Operasional" if r < 0.75 else "Pengolah Data dan Informasi"

    def _persona_draft(self, key: str) -> Draft:
        p = PERSONAS[key]
        if key == "sari":
            return Draft(
                True,
                True,
                RANK[p.golongan],
                p.pendidikan,
                "Ahli Pertama",
                "Analis Sumber Daya Manusia Aparatur",
                persona=key,
            )
        return Draft(True, False, RANK[p.golongan], p.pendidikan, pelaksana="Pengadministrasi Perkantoran", persona=key)

    # ------------------------------------------------------------------------------ blocks
    def run(self, blocks: list[Block]) -> SeedResult:
        started = time.perf_counter()
        positions = [p for b in blocks for p in b.unit.positions()]
        filled = sum(1 for p in positions if not p.vacant)
        fixed = sum(p.fixed_staff for p in positions if p.fixed_staff >= 0)
        pool = self.n - filled - fixed
        if pool < sum(len(p.forced) for p in positions) + 10:
            raise SeedError(f"Jumlah pegawai terlalu kecil untuk struktur demo; gunakan minimal {MIN_PEGAWAI}.")
        self.total_weight = sum(p.weight for p in positions if p.fixed_staff < 0)
        self.rate = pool / self.total_weight
        self.acc_weight = 0.0
        self.assigned = 0
        self.pool = pool
        self.last_weighted = max(i for i, p in enumerate(positions) if p.fixed_staff < 0 and p.weight > 0)
        self.pos_index = 0
        self.sekda: tuple[int, str] | None = None
        self.agencies: dict[int, tuple[int, str, int, str]] = {}  # block → unit id, path, head id, path
        self.result.jabatan_manajerial = len(positions)
        self.result.lowong = len(positions) - filled
        for i, block in enumerate(blocks):
            self._block(i, block)
            if self.pending_people >= self.chunk_size:
                self._flush()
        self._accounts()
        self._flush()
        reset_sequences([UnitKerja, Jabatan, Pegawai, RiwayatGolongan, Penugasan, self.user_model])
        r = self.result
        r.unit, r.jabatan = self.t_unit.written, self.t_jabatan.written
        r.riwayat_golongan, r.penugasan, r.akun = (
            self.t_riwayat.written,
            self.t_penugasan.written,
            self.t_user.written,
        )
        r.detik = time.perf_counter() - started
        return r

    def _flush(self) -> None:
        for t in self.tables:
            t.flush()
        if self.pending_people:
            self.progress(f"{self.result.pegawai:,} pegawai ditulis".replace(",", "."))
        self.pending_people = 0

    def _staff_count(self, p: PosPlan) -> int:
        idx = self.pos_index
        self.pos_index += 1
        if p.fixed_staff >= 0:
            return max(p.fixed_staff, len(p.forced))
        if p.weight <= 0:
            return len(p.forced)
        self.acc_weight += p.weight
        if idx == self.last_weighted:
            k = self.pool - self.assigned
        else:
            k = round(self.rate * self.acc_weight) - self.assigned
        k = max(k, len(p.forced), 0)
        self.assigned += k
        return k

    def _block(self, index: int, block: Block) -> None:
        rng = self.rng
        people: list[Person] = []
        managerial: list[tuple[int, PosPlan, int, Person | None]] = []  # id, plan, parent id, holder
        staff_by_parent: dict[int, list[Person]] = {}

        if block.parent_block >= 0:
            unit_id, unit_path, head_id, head_path = self.agencies[block.parent_block]
            parent_unit: tuple[int, str, int] | None = (unit_id, unit_path, 0)
            atasan: tuple[int, str] | None = (head_id, head_path)
            opd_id = unit_id
        else:
            parent_unit, atasan, opd_id = None, self.sekda, 0

        def walk(u: UnitPlan, parent: tuple[int, str, int] | None, boss: tuple[int, str] | None, opd: int) -> None:
            uid = self._next(UnitKerja)
            path = f"{parent[1] if parent else '/'}{uid}/"
            depth = parent[2] + 1 if parent else 0
            opd = opd or uid
            self.t_unit.add(
                (
                    uid,
                    self.instansi.pk,
                    parent[0] if parent else None,
                    opd,
                    u.nama[:200],
                    u.singkatan,
                    u.jenis,
                    path,
                    depth,
                    True,
                )
            )
            pid = self._next(Jabatan)
            ppath = f"{boss[1] if boss else '/'}{pid}/"
            h = u.head
            self.t_jabatan.add(
                (
                    pid,
                    uid,
                    h.nama[:200],
                    h.jenis,
                    None,
                    "",
                    h.kelas,
                    h.eselon,
                    boss[0] if boss else None,
                    True,
                    1,
                    ppath,
                    True,
                )
            )
            if h.jenis == J.JPT_MADYA:
                self.sekda = (pid, ppath)
            if block.parent_block < 0 and parent is None:
                self.agencies[index] = (uid, path, pid, ppath)
            holder = None if h.vacant else self._managerial(h, pid, uid, opd)
            if holder is not None:
                people.append(holder)
            managerial.append((pid, h, boss[0] if boss else 0, holder))
            staff_by_parent[pid] = self._staff(block, h, pid, ppath, uid, opd, people)
            for c in u.children:
                walk(c, (uid, path, depth), (pid, ppath), opd)

        walk(block.unit, parent_unit, atasan, opd_id)

        # Plt on about half of the vacant positions: a subordinate head, else the senior staff.
        holders = {pid: h for pid, _, _, h in managerial if h is not None}
        children: dict[int, list[int]] = {}
        for pid, _, boss, _ in managerial:
            children.setdefault(boss, []).append(pid)
        plt: list[tuple[Person, int]] = []
        for pid, _plan, _, holder in managerial:
            if holder is not None or rng.random() >= 0.5:
                continue
            candidates = [holders[c] for c in children.get(pid, []) if c in holders]
            if not candidates:
                candidates = sorted((s for s in staff_by_parent.get(pid, []) if s.rank), key=lambda s: (-s.rank, s.id))[
                    :1
                ]
            if candidates:
                plt.append((rng.choice(candidates), pid))
        self._write_people(people, plt)

    def _managerial(self, h: PosPlan, pid: int, uid: int, opd: int) -> Person:
        if h.persona:
            return self._persona_person(PERSONAS[h.persona], pid, uid, opd)
        rng = self.rng
        rank = RANK[rng.choice(MANAGERIAL_RANKS[h.jenis])]
        edu = MANAGERIAL_PENDIDIKAN[h.jenis].draw(rng)
        female = rng.random() < MANAGERIAL_FEMALE[h.jenis]
        return self._pns(
            rank=rank,
            pendidikan=edu,
            female=female,
            family="",
            jabatan_id=pid,
            unit_id=uid,
            opd_id=opd,
            spacing=48,
            min_age=MANAGERIAL_MIN_AGE[h.jenis],
            span_years=5,
        )

    def _staff(
        self, block: Block, h: PosPlan, pid: int, ppath: str, uid: int, opd: int, people: list[Person]
    ) -> list[Person]:
        rng = self.rng
        k = self._staff_count(h)
        if k == 0:
            return []
        drafts = [self._persona_draft(key) for key in h.forced]
        if h.persona == "wati":  # Bu Wati's bidang is mostly functional, as after delayering
            while len(drafts) < k:
                d = self._draft_staff()
                drafts.append(d if d.fungsional or rng.random() < 0.5 else self._draft_staff())
        else:
            drafts.extend(self._draft_staff() for _ in range(k - len(drafts)))
        own = [f for f in block.families if self._has_family(f)]
        # A unit has one or two functional families: the agency's own in its bidang and seksi,
        # the general ones (planners, archivists, HR analysts…) in the Sekretariat.
        support = h.nama.startswith(("Sekretaris", "Kepala Subbagian"))
        main = rng.choice(own) if own and not support else rng.choice(self.general)
        parent_fams = [main] + ([rng.choice(self.general)] if rng.random() < 0.4 else [])
        groups: dict[tuple[str, str], list[Draft]] = {}
        for d in drafts:
            if d.fungsional:
                if not d.family:
                    cands = [f for f in parent_fams if f"{f} {d.jenjang}" in self.jf]
                    if not cands:
                        cands = [f for f in (*own, *self.general, *self.skilled) if f"{f} {d.jenjang}" in self.jf]
                    d.family = rng.choice(cands)
                key = ("F", self.jf[f"{d.family} {d.jenjang}"])
            else:
                key = ("P", d.pelaksana)
            groups.setdefault(key, []).append(d)
        staff: list[Person] = []
        for (kind, ref), members in groups.items():
            jid = self._next(Jabatan)
            formasi = max(2, len(members) + rng.randint(0, 2))
            path = f"{ppath}{jid}/"
            if kind == "F":
                jenjang = members[0].jenjang
                self.t_jabatan.add(
                    (
                        jid,
                        uid,
                        self.jf_nama[ref][:200],
                        J.FUNGSIONAL,
                        ref,
                        jenjang,
                        C.JENJANG_KELAS[jenjang],
                        None,
                        pid,
                        False,
                        formasi,
                        path,
                        True,
                    )
                )
            else:
                self.t_jabatan.add(
                    (
                        jid,
                        uid,
                        ref,
                        J.PELAKSANA,
                        None,
                        "",
                        C.PELAKSANA_KELAS[ref],
                        None,
                        pid,
                        False,
                        formasi,
                        path,
                        True,
                    )
                )
            if len(self.reservoir) < 5000:
                self.reservoir.append(jid)
            else:
                self.reservoir[rng.randrange(5000)] = jid
            for d in members:
                if d.persona:
                    person = self._persona_person(PERSONAS[d.persona], jid, uid, opd)
                elif d.pns:
                    female = rng.random() < 0.56
                    if d.fungsional:
                        person = self._pns(
                            rank=d.rank,
                            pendidikan=d.pendidikan,
                            female=female,
                            family=d.family,
                            jabatan_id=jid,
                            unit_id=uid,
                            opd_id=opd,
                            spacing=36,
                            min_age=20,
                            span_years=8,
                        )
                    else:
                        person = self._pns(
                            rank=d.rank,
                            pendidikan=d.pendidikan,
                            female=female,
                            family="",
                            jabatan_id=jid,
                            unit_id=uid,
                            opd_id=opd,
                            spacing=48,
                            min_age=20,
                            span_years=12,
                        )
                else:
                    person = self._pppk(
                        pendidikan=d.pendidikan,
                        female=rng.random() < 0.6,
                        family=d.family,
                        jabatan_id=jid,
                        unit_id=uid,
                        opd_id=opd,
                    )
                people.append(person)
                staff.append(person)
        return staff

    # ------------------------------------------------------------------------------ rows
    def _write_people(self, people: list[Person], plt: list[tuple[Person, int]]) -> None:
        inst = self.instansi.pk
        res = self.result
        for p in people:
            gol = golongan_id(p.rank) if p.rank else None
            self.t_pegawai.add(
                (
                    p.id,
                    p.nip,
                    p.nama[:150],
                    p.gelar_depan,
                    p.gelar_belakang,
                    p.jenis_asn,
                    p.jenis_kelamin,
                    iso(p.lahir),
                    p.tempat,
                    p.pendidikan,
                    p.jurusan,
                    iso(p.tmt_cpns),
                    inst,
                    gol,
                    iso(p.tmt_golongan),
                    p.jabatan_id,
                    iso(p.tmt_jabatan),
                    p.unit_id,
                    p.opd_id,
                    True,
                )
            )
            for rank, tmt in p.history:
                rid = self._next(RiwayatGolongan)
                self.t_riwayat.add((rid, p.id, golongan_id(rank), iso(tmt), f"823.3/{rid % 9000 + 100}/BKD/{tmt.year}"))
            if p.prior is not None:
                jab, mulai, selesai = p.prior
                nid = self._next(Penugasan)
                self.t_penugasan.add(
                    (
                        nid,
                        p.id,
                        jab,
                        JenisPenugasan.DEFINITIF,
                        iso(mulai),
                        iso(selesai),
                        f"821.2/{nid % 9000 + 100}/BKD/{mulai.year}",
                    )
                )
            nid = self._next(Penugasan)
            self.t_penugasan.add(
                (
                    nid,
                    p.id,
                    p.jabatan_id,
                    JenisPenugasan.DEFINITIF,
                    iso(p.tmt_jabatan),
                    None,
                    f"821.2/{nid % 9000 + 100}/BKD/{p.tmt_jabatan.year}",
                )
            )
            persona = PERSONAS.get(p.persona) if p.persona else None
            if (self.akun or persona is not None) and p.nip not in self.usernames:
                self.usernames.add(p.nip)
                self.t_user.add(
                    (
                        self._next(self.user_model),
                        self.password_hash,
                        p.nip,
                        p.nama[:150],
                        p.id,
                        bool(persona and persona.is_admin_bkd),
                        False,
                        False,
                        False,
                        True,
                        self.joined,
                    )
                )
            if p.rank:
                res.pns += 1
            else:
                res.pppk += 1
        for person, jab in plt:
            mulai = max(C.REF_DATE - dt.timedelta(days=self.rng.randint(30, 300)), person.tmt_jabatan + DAY)
            nid = self._next(Penugasan)
            self.t_penugasan.add(
                (
                    nid,
                    person.id,
                    jab,
                    JenisPenugasan.PLT,
                    iso(mulai),
                    None,
                    f"800.1.11.1/{nid % 9000 + 100}/Setda/{mulai.year}",
                )
            )
        res.plt += len(plt)
        res.pegawai += len(people)
        self.pending_people += len(people)

    def _accounts(self) -> None:
        for username, first, last, admin in (
            (ADMIN_USERNAME, "Administrator", "Karier", True),
            (AUDITOR_USERNAME, "Auditor", "Inspektorat", False),
        ):
            if username in self.usernames:
                raise SeedError(f"Akun “{username}” sudah ada; jalankan dengan --reset.")
            self.usernames.add(username)
            self.t_user.add(
                (
                    self._next(self.user_model),
                    self.password_hash,
                    username,
                    f"{first} {last}",
                    None,
                    admin,
                    not admin,
                    admin,
                    admin,
                    True,
                    self.joined,
                )
            )


# ---------------------------------------------------------------------------------------- entry
def _demo_users_q() -> Q:
    return Q(pegawai__instansi__kode=PEMPROV_BENGKULU_KODE) | Q(
        username__in=[ADMIN_USERNAME, AUDITOR_USERNAME, *(p.nip for p in PERSONAS.values())]
    )


def _chunks(ids: list[int], size: int = 5000) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


# Tables filled by migrations (reference data): a reset keeps them. Everything else above people is
# demo data: standards, plans, appraisal (and any later domain app), and the audit trail about them.
REFERENCE_MODELS = frozenset({"standards.nilaiberakhlak", "standards.panduanperilaku"})
_NOT_DEMO_APPS = frozenset({"people", "accounts", "api", "rules"})
_PEOPLE_DEMO_MODELS = (Pegawai, Jabatan, UnitKerja, RiwayatGolongan, Penugasan)


def _fks(model: type[Model]) -> list[type[Model]]:
    return [f.related_model for f in model._meta.concrete_fields if f.is_relation and isinstance(f.related_model, type)]


def demo_data_models() -> list[type[Model]]:
    """Every model whose rows belong to the demo, children before parents (the delete order).

    Found from the app registry, not imported, because people sits below the apps that build on it:
    each model of a karier app other than people/accounts (except REFERENCE_MODELS), plus any model
    anywhere that points at one of those or at the demo's employees, positions and units. Users are
    not in it (`reset_demo` deletes the demo accounts by name). A model inside a cycle of foreign
    keys is still deleted inside the same transaction: the constraints are deferred to commit.
    """
    from graphlib import CycleError, TopologicalSorter

    from django.apps import apps

    User = get_user_model()
    everything = [m for m in apps.get_models(include_auto_created=True) if m is not User]
    chosen = {
        m
        for m in everything
        if m.__module__.startswith("karier.")
        and m._meta.app_label not in _NOT_DEMO_APPS
        and m._meta.label_lower not in REFERENCE_MODELS
    }
    targets = chosen | set(_PEOPLE_DEMO_MODELS)
    grew = True
    while grew:  # whatever points at demo data is demo data (auto-created m2m tables included)
        more = {m for m in everything if m not in targets and any(t in targets for t in _fks(m))}
        grew = bool(more)
        chosen |= more
        targets |= more
    graph = {m: {child for child in chosen if child is not m and m in _fks(child)} for m in chosen}
    try:
        return list(TopologicalSorter(graph).static_order())
    except CycleError:
        return sorted(chosen, key=lambda m: m._meta.label_lower)


def reset_demo() -> dict[str, int]:
    """Delete the demo: appraisal → plans → standards (and the audit trail) → accounts → people.

    Set-based, in one transaction: one DELETE per table for the data above people (children first,
    see `demo_data_models`), then the demo accounts, employees, positions and units in chunks.
    Reference tables (golongan, eselon, jabatan fungsional, instansi, BerAKHLAK) are kept.

    The audit trail goes too: it is hash-chained and names the demo accounts (PROTECT), so it can
    only restart as a whole; the new chain opens with one `demo.reset` event giving the counts.
    """
    from django.db.models import ProtectedError, RestrictedError

    User = get_user_model()
    inst = Instansi.objects.filter(kode=PEMPROV_BENGKULU_KODE).first()
    counts: dict[str, int] = {}
    try:
        with transaction.atomic():
            for model in demo_data_models():
                deleted = model._base_manager.all()._raw_delete(model._base_manager.db)
                if deleted:
                    counts[model._meta.label_lower] = deleted
            user_ids = list(User.objects.filter(_demo_users_q()).values_list("pk", flat=True))
            for chunk in _chunks(user_ids):
                User.objects.filter(pk__in=chunk).delete()
            counts["akun"] = len(user_ids)
            if inst is not None:
                _reset_people(inst, counts)
            _record_reset(counts)
    except (ProtectedError, RestrictedError) as exc:
        raise SeedError(
            "Data demo tidak dapat dihapus karena masih dirujuk oleh data lain "
            f"({exc.args[0]}). Hapus data tersebut lebih dahulu."
        ) from exc
    return counts


def _reset_people(inst: Instansi, counts: dict[str, int]) -> None:
    counts["penugasan"] = Penugasan.objects.filter(pegawai__instansi=inst).delete()[0]
    counts["riwayat_golongan"] = RiwayatGolongan.objects.filter(pegawai__instansi=inst).delete()[0]
    pegawai_ids = list(Pegawai.objects.filter(instansi=inst).values_list("pk", flat=True))
    for chunk in _chunks(pegawai_ids):
        Pegawai.objects.filter(pk__in=chunk).delete()
    counts["pegawai"] = len(pegawai_ids)
    jabatan = Jabatan.objects.filter(unit__instansi=inst)
    jabatan.exclude(atasan=None).update(atasan=None)
    jabatan_ids = list(jabatan.values_list("pk", flat=True))
    for chunk in _chunks(jabatan_ids):
        Jabatan.objects.filter(pk__in=chunk).delete()
    counts["jabatan"] = len(jabatan_ids)
    units = UnitKerja.objects.filter(instansi=inst)
    units.update(parent=None, opd=None)
    unit_ids = list(units.values_list("pk", flat=True))
    for chunk in _chunks(unit_ids):
        UnitKerja.objects.filter(pk__in=chunk).delete()
    counts["unit"] = len(unit_ids)


def _record_reset(counts: dict[str, int]) -> None:
    from karier.core import audit

    inst = Instansi.objects.filter(kode=PEMPROV_BENGKULU_KODE).first()
    if inst is not None:
        audit.record(
            actor=None,
            action="demo.reset",
            obj=inst,
            summary="Data demo dihapus (seed-demo --reset)",
            changes={"dihapus": counts},
        )


def seed_demo(
    *,
    pegawai: int = 2000,
    seed: int = 1,
    reset: bool = False,
    akun: bool = True,
    chunk_size: int = 20_000,
    progress: Callable[[str], None] | None = None,
) -> SeedResult:
    """Build the demo province. Refuses when employees exist unless `reset` (which deletes them first)."""
    if pegawai < MIN_PEGAWAI:
        raise SeedError(f"Jumlah pegawai minimal {MIN_PEGAWAI}.")
    with transaction.atomic():
        if reset:
            reset_demo()
        else:
            _refuse_if_data()
        gen = Generator(pegawai, seed, akun=akun, chunk_size=chunk_size, progress=progress)
        blocks = plan(pegawai, gen.rng)
        result = gen.run(blocks)
        _analyze()
        return result


def _analyze() -> None:
    """Fresh planner statistics after a bulk load (PostgreSQL): without them the planner may
    still believe the tables are empty and choose nested loops that take minutes."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in (
            "people_unitkerja",
            "people_jabatan",
            "people_pegawai",
            "people_penugasan",
            "people_riwayatgolongan",
            "accounts_user",
        ):
            cursor.execute(f"ANALYZE {table}")


def _refuse_if_data() -> None:
    existing = Pegawai.objects.count()
    if existing:
        raise SeedError(
            f"Sudah ada {existing:,} data pegawai di basis data. ".replace(",", ".")
            + "Jalankan dengan --reset untuk menghapus data demo lama lebih dahulu."
        )
    User = get_user_model()
    taken = list(User.objects.filter(_demo_users_q()).values_list("username", flat=True)[:3])
    if taken:
        raise SeedError(f"Akun demo sudah ada ({', '.join(taken)}). Jalankan dengan --reset.")


__all__ = ["MIN_PEGAWAI", "SeedError", "SeedResult", "plan", "reset_demo", "seed_demo", "snap_promotion"]
