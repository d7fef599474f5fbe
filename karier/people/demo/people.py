"""Stage 2 of the demo: draw people — a staff member's draft (PNS or PPPK, functional or pelaksana,
golongan, education), then the person: name, titles, NIP, birth and career dates, an earlier
position now and then. The personas of the browser journeys keep their fixed records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from karier.people.choices import JenisAsn
from karier.people.demo import population
from karier.people.demo.history import DAY, RANK, add_months, add_years, golongan_history, month_start, snap_promotion
from karier.people.demo.personas import PERSONAS, Persona
from karier.people.demo.sampling import (
    AGE,
    AGE_W,
    AHLI_PENDIDIKAN,
    FUNGSIONAL_RANK,
    MADYA_PENDIDIKAN,
    PELAKSANA_PENDIDIKAN,
    PELAKSANA_RANK,
    PPPK_YEAR,
    UTAMA_PENDIDIKAN,
)
from karier.people.demo.state import SeedError, State
from karier.people.models import Pegawai


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


class People(State):
    """Drawing one person at a time; every draw comes from `self.rng`, in a fixed order."""

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
            belakang, jurusan = rng.choice(population.GELAR_D3)
        elif pendidikan == "D-IV":
            belakang, jurusan = rng.choice(population.GELAR_D4)
        elif pendidikan in ("S1", "S2", "S3"):
            if family in population.FAMILY_GELAR_DEPAN:
                depan, jurusan = population.FAMILY_GELAR_DEPAN[family]
            else:
                belakang, jurusan = population.FAMILY_GELAR.get(family) or rng.choice(population.GELAR_S1)
            if pendidikan in ("S2", "S3"):
                s2, jurusan = rng.choice(population.GELAR_S2)
                belakang = f"{belakang}, {s2}" if belakang else s2
            if pendidikan == "S3":
                depan = f"Dr. {depan}".strip()
                jurusan = rng.choice(population.GELAR_S3)
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
        ref = population.REF_DATE
        entry_edu = "S1" if pendidikan in ("S2", "S3") and rng.random() < 0.7 else pendidikan
        entry = min(population.ENTRY_RANK_BY_PENDIDIKAN[entry_edu], rank)
        steps = rank - entry
        lo, hi = population.AGE_AT_CPNS[entry_edu]
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
        entry = min(population.ENTRY_RANK_BY_PENDIDIKAN[p.pendidikan_awal], rank)
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
        age = population.REF_DATE.year - lahir.year
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
            rng.choice(population.TEMPAT_LAHIR),
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
        age = self._age(20 + (population.REF_DATE.year - year) + 2)
        lahir = dt.date(population.REF_DATE.year - age, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
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
            rng.choice(population.TEMPAT_LAHIR),
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
        fungsional = rng.random() < population.SHARE_FUNGSIONAL / (1 - population.SHARE_STRUCTURAL)
        if rng.random() < population.SHARE_PPPK / (1 - population.SHARE_STRUCTURAL):
            if fungsional:
                if rng.random() < 0.7:
                    return Draft(False, True, 0, "S1" if rng.random() < 0.9 else "S2", "Ahli Pertama")
                return Draft(False, True, 0, "D-III", "Terampil")
            edu = rng.choices(("SLTA", "D-III", "S1"), (45, 20, 35))[0]
            return Draft(False, False, 0, edu, pelaksana=self._pelaksana_name(edu))
        if fungsional:
            rank = FUNGSIONAL_RANK.draw(rng)
            code = population.GOLONGAN_CODES[rank - 1]
            ahli, terampil = population.JENJANG_BY_GOLONGAN[code]
            if rank >= 13:
                edu = (MADYA_PENDIDIKAN if rank <= 15 else UTAMA_PENDIDIKAN).draw(rng)
                return Draft(True, True, rank, edu, ahli)
            if rank <= 8 or rng.random() < 0.15:
                edu = "SLTA" if rank <= 8 and rng.random() < 0.4 else "D-III"
                return Draft(True, True, rank, edu, terampil)
            return Draft(True, True, rank, AHLI_PENDIDIKAN.draw(rng), ahli)
        rank = PELAKSANA_RANK.draw(rng)
        allowed = {e: w for e, w in PELAKSANA_PENDIDIKAN.items() if population.MAX_RANK_BY_PENDIDIKAN[e] >= rank}
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
