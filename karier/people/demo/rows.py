"""Stage 4 of the demo: turn drawn people into rows — pegawai, golongan history, assignments (an
earlier one, the current one, Plt on vacant seats), accounts — and flush the buffers in chunks."""

from __future__ import annotations

import datetime as dt

from karier.core.numbers import angka
from karier.people.choices import JenisPenugasan
from karier.people.demo import population
from karier.people.demo.history import DAY, golongan_id, iso
from karier.people.demo.people import Person
from karier.people.demo.personas import ADMIN_USERNAME, AUDITOR_USERNAME, PERSONAS
from karier.people.demo.state import SeedError, State
from karier.people.models import Penugasan, RiwayatGolongan


class Rows(State):
    def _flush(self) -> None:
        for t in self.tables:
            t.flush()
        if self.pending_people:
            self.progress(f"{angka(self.result.pegawai)} pegawai ditulis")
        self.pending_people = 0

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
            mulai = max(population.REF_DATE - dt.timedelta(days=self.rng.randint(30, 300)), person.tmt_jabatan + DAY)
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
