"""Career dates of the demo employees: when a kenaikan pangkat may take effect, golongan ids, and the
golongan history that leads to someone's current golongan."""

from __future__ import annotations

import datetime as dt

from karier.people.demo import population

DAY = dt.timedelta(days=1)


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


RANK = {code: i for i, code in enumerate(population.GOLONGAN_CODES, start=1)}


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
