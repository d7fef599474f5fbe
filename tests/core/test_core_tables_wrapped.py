"""Every data table on a screen sits in `.table-wrap` (overflow-x: auto), so a phone at 360 px scrolls
the table, not the page. The persona walks check the pages they visit; this catches the rest."""

from __future__ import annotations

from pathlib import Path

import karier

ROOT = Path(karier.__file__).parent


def _unwrapped(text: str) -> list[int]:
    """Line numbers of `<table` tags with no `table-wrap` on their line or the two before."""
    lines = text.split("\n")
    return [
        i + 1
        for i, line in enumerate(lines)
        if "<table" in line and "table-wrap" not in "\n".join(lines[max(0, i - 2) : i + 1])
    ]


def test_the_check_finds_a_bare_table() -> None:
    assert _unwrapped('<p>x</p>\n<table class="table"></table>') == [2]
    assert _unwrapped('<div class="table-wrap">\n  <table class="table"></table></div>') == []


def test_every_screen_table_is_in_a_table_wrap() -> None:
    screens = [p for p in ROOT.rglob("templates/**/*.html") if "pdf" not in p.parts]
    assert len(screens) > 100
    bare = [f"{p.relative_to(ROOT)}:{n}" for p in screens for n in _unwrapped(p.read_text())]
    assert bare == []
