"""Builds the demo Pemerintah Provinsi Bengkulu: agencies, units, positions, employees, history.

How it works:

1. **Plan** the managerial skeleton (agencies → bidang → seksi, then UPTDs for large sizes) so
   that its filled positions are about 9% of the requested employees; mark ~3% vacant
   (`org_tree.py`, names from `agencies.py`).
2. **Generate block by block** (an agency or a UPTD): units and managerial positions, a holder for
   each filled one, the staff reporting to each (drawn so that golongan, kind of position and
   education follow the national shares: `sampling.py`, `population.py`, `people.py`), grouped
   into functional and pelaksana positions (`positions.py`); history rows (`history.py`); Plt on
   about half of the vacant positions.
3. **Write in chunks** of plain tuples (`rows.py`, through `karier.core.bulk.Table`) whenever
   enough employees are buffered, so memory stays bounded at any size.

The shared state (random source, id counters, row buffers) is `state.State`; `reset.py` deletes
a previous demo.

Everything is drawn from one `random.Random(seed)` in a fixed order: a seed gives the same
people, NIPs and positions on every run and database. Dates are relative to `REF_DATE`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.db import transaction

from karier.core.bulk import reset_sequences
from karier.people.demo.org_tree import Block, plan
from karier.people.demo.positions import Positions
from karier.people.demo.reset import refuse_if_data, reset_demo
from karier.people.demo.state import MIN_PEGAWAI, SeedError, SeedResult
from karier.people.models import Jabatan, Pegawai, Penugasan, RiwayatGolongan, UnitKerja


class Generator(Positions):
    """The stages in order: `run` walks the planned blocks and writes everything."""

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
        self.sekda = None
        self.agencies = {}
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
            refuse_if_data()
        gen = Generator(pegawai, seed, akun=akun, chunk_size=chunk_size, progress=progress)
        blocks = plan(pegawai, gen.rng)
        result = gen.run(blocks)
        _analyze()
        return result


def _analyze() -> None:
    """Fresh planner statistics after the bulk load (`karier.core.bulk.analyze`)."""
    from django.contrib.auth import get_user_model

    from karier.core.bulk import analyze
    from karier.people.models import Jabatan, Pegawai, Penugasan, RiwayatGolongan, UnitKerja

    analyze(UnitKerja, Jabatan, Pegawai, Penugasan, RiwayatGolongan, get_user_model())
