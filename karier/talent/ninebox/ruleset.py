"""A stored rule set (`AturanTalenta`) as the pure rule's `TalentRuleSet`, its snapshot for a
placement's inputs, and which rule set applies to whom.

One agency may have its own active rule set (`opd`); everyone else follows the general active one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from karier.rules import KinerjaMethod, PotensialCutoffs, TalentRuleSet
from karier.talent.models import AturanTalenta


def to_rules(aturan: AturanTalenta) -> TalentRuleSet:
    """The pure rule set the placement rule takes (raises ValueError on values it refuses): the one its
    snapshot describes, so a placement and its reproduction build it the same way."""
    return rules_from_snapshot(snapshot(aturan))


def snapshot(aturan: AturanTalenta) -> dict[str, Any]:
    """What the placement used, kept inside its inputs (a later edit of the row could not hide it)."""
    return {
        "id": aturan.pk,
        "kode": aturan.kode,
        "versi": aturan.versi,
        "regulasi": aturan.regulasi,
        "metode_kinerja": aturan.metode_kinerja,
        "batas_tinggi": str(aturan.batas_tinggi),
        "batas_menengah": str(aturan.batas_menengah),
        "bobot": {str(k): str(v) for k, v in (aturan.bobot or {}).items()},
        "tahun_hukuman": aturan.tahun_hukuman,
    }


def rules_from_snapshot(data: Mapping[str, Any]) -> TalentRuleSet:
    return TalentRuleSet(
        kode=data["kode"],
        regulasi=data["regulasi"],
        versi=data["versi"],
        kinerja_method=KinerjaMethod(data["metode_kinerja"]),
        cutoffs=PotensialCutoffs(tinggi=Decimal(data["batas_tinggi"]), menengah=Decimal(data["batas_menengah"])),
        weights={k: Decimal(v) for k, v in data["bobot"].items()},
        sanction_years=int(data["tahun_hukuman"]),
    )


class ActiveRules:
    """The active rule sets, loaded in one query: `for_opd(opd_id)` is the agency's own active rule set,
    else the general one (None when no rule set is active at all)."""

    def __init__(self, rows: Iterable[AturanTalenta]) -> None:
        self.general: AturanTalenta | None = None
        self.by_opd: dict[int, AturanTalenta] = {}
        for row in rows:  # newest first: the first active one of a scope wins
            if row.opd_id is None:
                self.general = self.general or row
            else:
                self.by_opd.setdefault(row.opd_id, row)

    @classmethod
    def load(cls) -> ActiveRules:
        return cls(AturanTalenta.objects.filter(aktif=True).order_by("-berlaku_mulai", "-versi", "-pk"))

    def for_opd(self, opd_id: int | None) -> AturanTalenta | None:
        if opd_id is not None and opd_id in self.by_opd:
            return self.by_opd[opd_id]
        return self.general
