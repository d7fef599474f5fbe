"""Recognition (apresiasi) — our own rules, not a regulation's.

An apresiasi is a short public thanks on a colleague's wall; a giver may post at most
`APRESIASI_PER_HARI` a day (local calendar day) so that the wall stays meaningful rather than a
stream of likes.
"""

from __future__ import annotations

__all__ = ["APRESIASI_PER_HARI", "apresiasi_limit_reached"]

#: At most this many apresiasi per giver per day — our rule (issue #12 item 8), not a regulation's.
APRESIASI_PER_HARI = 20


def apresiasi_limit_reached(given_today: int) -> bool:
    """Whether a giver who already gave `given_today` apresiasi today may give no more today."""
    return given_today >= APRESIASI_PER_HARI
