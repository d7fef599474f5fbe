"""Stage 1 of the demo: plan the managerial skeleton (agencies → bidang → seksi, then UPTDs for large
sizes) so that its filled positions are about 9% of the requested employees; mark ~3% vacant; put
the personas of the browser journeys in their places."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from karier.people.choices import JenisJabatan, JenisUnit
from karier.people.demo import agencies, population
from karier.people.demo.personas import WATI_DIRECT_STAFF

J = JenisJabatan


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
    if name == agencies.SETDA:
        head = PosPlan(agencies.head_title(name), J.JPT_MADYA, 16, "12", 0.0, protect=True)
        biro_names = _pick(rng, list(agencies.BIDANG[name]), rng.randint(2, 4))
        children = []
        for b in biro_names:
            bagian = agencies.BIDANG[name][b][: sub_count()]
            children.append(
                UnitPlan(
                    b,
                    JenisUnit.BIDANG,
                    "",
                    PosPlan(f"Kepala {b}", J.JPT_PRATAMA, 14, "22", 0.2),
                    [UnitPlan(s, JenisUnit.SUBBIDANG, "", _admin(f"Kepala {s}", 1.0)) for s in bagian],
                )
            )
        return UnitPlan(name, JenisUnit.OPD, agencies.SINGKATAN.get(name, ""), head, children)

    head = PosPlan(agencies.head_title(name), J.JPT_PRATAMA, 15, "21", 0.15)
    sekretariat = UnitPlan(
        "Sekretariat",
        JenisUnit.BIDANG,
        "",
        _admin(f"Sekretaris {name}"),
        [
            UnitPlan(s, JenisUnit.SUBBIDANG, "", _pengawas(f"Kepala {s}"))
            for s in agencies.SEKRETARIAT_SUB[: sub_count()]
        ],
    )
    bidang: list[UnitPlan] = []
    if name == "Inspektorat":
        for roman in ("I", "II", "III", "IV")[: rng.randint(2, 4)]:
            irban = f"Inspektur Pembantu Wilayah {roman}"
            bidang.append(UnitPlan(irban, JenisUnit.BIDANG, "", _admin(irban, 2.5)))
    else:
        catalog = agencies.bidang_for(name)
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
    unit = UnitPlan(name, JenisUnit.OPD, agencies.SINGKATAN.get(name, ""), head, [sekretariat, *bidang])
    if limit is not None:  # the last agency of a small demo: trim it to the remaining budget
        while unit.size() > limit and len(unit.children) > 2:
            unit.children.pop()
        for child in unit.children:
            while unit.size() > limit and len(child.children) > 2:
                child.children.pop()
    return unit


UPTD_EXCLUDED = (
    agencies.SETDA,
    "Sekretariat DPRD",
    "Inspektorat",
    "Badan Penghubung",
    "RSUD dr. M. Yunus",
    "RSKJ Soeprapto",
)


def plan_uptd(opd: str, ordinal: int, rng: random.Random) -> UnitPlan:
    kab = agencies.KABUPATEN_KOTA[ordinal % len(agencies.KABUPATEN_KOTA)]
    suffix = f" {ordinal // len(agencies.KABUPATEN_KOTA) + 1}" if ordinal >= len(agencies.KABUPATEN_KOTA) else ""
    nama = f"UPTD {agencies.topic(opd)} Wilayah {kab}{suffix}"
    subs = agencies.UPTD_SUB[: rng.randint(2, 3)]
    return UnitPlan(
        nama,
        JenisUnit.UPT,
        "",
        _admin(f"Kepala {nama}", 0.5, kelas=11, eselon="32"),
        [UnitPlan(s, JenisUnit.SUBBIDANG, "", _pengawas(f"Kepala {s}")) for s in subs],
    )


def plan(n: int, rng: random.Random) -> list[Block]:
    budget = population.SHARE_STRUCTURAL * n / (1 - population.VACANT_SHARE)
    blocks: list[Block] = []
    count = 0
    names = agencies.opd_names()
    for name in names:
        key = name in agencies.KEY_OPD
        if not key and count >= budget:
            break
        unit = plan_agency(name, rng, None if key else budget - count)
        blocks.append(Block(name, unit, agencies.families_for(name)))
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
            if not p.protect and rng.random() < population.VACANT_SHARE:
                p.vacant = True
    return blocks


def _place_personas(blocks: list[Block]) -> None:
    by_name = {b.opd: b.unit for b in blocks if b.parent_block < 0}
    setda, dikbud, bkd, kominfo = (
        by_name[agencies.SETDA],
        by_name[agencies.DIKBUD],
        by_name[agencies.BKD],
        by_name[agencies.DISKOMINFO],
    )
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
