"""Text that reaches a reader: strip what can make it lie about itself.

Bidirectional control characters (Unicode "Trojan Source", CVE-2021-42574) let a file called
`laporan‮fdp.exe` display as `laporanexe.pdf`. Names a person typed or uploaded and that others see are
stored without them (issue #8).
"""

from __future__ import annotations

import re

# LRE RLE PDF LRO RLO, LRI RLI FSI PDI, LRM RLM, ALM
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_BIDI_RE = re.compile(f"[{BIDI_CONTROLS}]")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


def strip_bidi(value: str) -> str:
    """`value` without bidi control characters (and without C0 control characters, e.g. a newline in
    a file name); other text, right-to-left scripts included, is kept as it is."""
    return _CONTROL_RE.sub("", _BIDI_RE.sub("", value))
