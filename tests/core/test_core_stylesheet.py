"""Every utility class the templates use is defined in the stylesheet (issue #10: `.sr-only` was
used by the calibration board but missing, so its hidden labels overflowed their columns)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UTILITIES = ("sr-only",)


def test_utility_classes_used_by_templates_are_defined() -> None:
    css = "\n".join(p.read_text() for p in ROOT.glob("static/karier/*.css"))
    used = {
        cls
        for tpl in [*ROOT.glob("karier/**/templates/**/*.html"), *ROOT.glob("templates/**/*.html")]
        for attr in re.findall(r'class="([^"]*)"', tpl.read_text())
        for cls in attr.split()
        if cls in UTILITIES
    }
    assert used, "no template uses the utilities any more: drop this test"
    for cls in used:
        assert re.search(rf"\.{cls}\s*\{{[^}}]*clip:", css), cls
