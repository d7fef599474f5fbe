"""Stage 3 of the demo, block by block (an agency or a UPTD): units and managerial positions with a
holder for each filled one, the staff reporting to each grouped into functional and pelaksana
positions, and a Plt on about half of the vacant positions."""

from __future__ import annotations

from karier.people.choices import JenisJabatan
from karier.people.demo import population
from karier.people.demo.history import RANK
from karier.people.demo.org_tree import Block, PosPlan, UnitPlan
from karier.people.demo.people import Draft, People, Person
from karier.people.demo.personas import PERSONAS
from karier.people.demo.rows import Rows
from karier.people.demo.sampling import MANAGERIAL_FEMALE, MANAGERIAL_MIN_AGE, MANAGERIAL_PENDIDIKAN, MANAGERIAL_RANKS
from karier.people.models import Jabatan, UnitKerja

J = JenisJabatan


class Positions(People, Rows):
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
                        population.JENJANG_KELAS[jenjang],
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
                        population.PELAKSANA_KELAS[ref],
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
