"""What the persona walks share (issue #10, "Done means"): one `Walk` per person and screen width that
counts what the person does (taps/clicks and keystrokes), saves a screenshot of every step and checks
that no step scrolls sideways; the helpers for typed numbers, documents and logging in.

The walks themselves are `tests/browser/test_browser_persona_*.py`, one per person of
`/work/shared/design/journeys.md`, each run at 360 px (Dodi's cheap Android phone) and 1280 px (a
desktop). Screenshots are test artefacts, never committed: they go to `var/test-artefacts/personas/`
(`var/` is git-ignored) or under `$KARIER_TEST_ARTEFACTS`, one folder per walk and width, numbered
in the order of the steps, so that a reviewer can page through a journey as the person saw it.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from playwright.sync_api import Locator, Page, expect

from tests.orgdata import PASSWORD

WIDTHS = (360, 1280)
ARTEFACTS = (
    Path(os.environ.get("KARIER_TEST_ARTEFACTS") or Path(__file__).resolve().parents[2] / "var" / "test-artefacts")
    / "personas"
)
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What waits on a round trip to the server (an HTMX preview or swap): generous, because the walks run
# on a shared two-core machine next to other suites; a real failure still fails, only later.
SLOW = 20_000
# HTMX wires the elements it swaps in only when they settle (~20 ms later): a field typed into before
# that loses its events (no "akan disimpan sebagai" preview). A person is never that fast; the walk waits.
HTMX_IDLE = "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"


@dataclass
class Walk:
    """One person's walk at one width. Every action goes through `click`, `type`, `choose` or `tick`,
    so that `clicks` and `keys` are what the person did (a `goto` is typing an address or scanning a
    QR code: one action)."""

    page: Page
    base: str
    persona: str
    width: int
    clicks: int = 0
    keys: int = 0
    steps: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.set_viewport_size({"width": self.width, "height": 800 if self.width < 600 else 900})
        self.folder = ARTEFACTS / f"{self.persona}-{self.width}"
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.started = time.monotonic()

    # ------------------------------------------------------------------ what the person does
    def goto(self, path: str) -> None:
        self.clicks += 1
        self.page.goto(urljoin(self.base, path))

    def click(self, target: Locator) -> None:
        self.clicks += 1
        target.click()

    def settled(self) -> None:
        self.page.wait_for_function(HTMX_IDLE, timeout=SLOW)

    def type(self, target: Locator, text: str) -> None:
        """Tap the field, then type `text` (one keystroke per character)."""
        self.settled()
        self.clicks += 1
        self.keys += len(text)
        target.fill(text)

    def choose(self, target: Locator, label: str) -> None:
        """A native select: one tap to open it, one to choose."""
        self.settled()
        self.clicks += 2
        target.select_option(label=label)

    def tick(self, target: Locator) -> None:
        self.clicks += 1
        target.check()

    def menu(self, name: str) -> None:
        """Follow an item of the main menu."""
        self.click(self.page.get_by_role("navigation", name="Menu utama").get_by_role("link", name=name, exact=True))
        self.page.wait_for_load_state()

    # ------------------------------------------------------------------ what the test records
    def shot(self, name: str) -> None:
        """Save the whole page as the next numbered step, and check that it does not scroll sideways."""
        self.steps.append(name)
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        self.page.screenshot(path=str(self.folder / f"{len(self.steps):02d}-{slug}.png"), full_page=True)
        widths = self.page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], f"{name} at {self.width} px scrolls sideways: {widths}"

    def actions(self) -> tuple[int, int]:
        return self.clicks, self.keys

    def seconds(self) -> float:
        return time.monotonic() - self.started


def login(walk: Walk, username: str) -> None:
    walk.goto("/akun/masuk/")
    walk.type(walk.page.get_by_label("NIP atau nama pengguna"), username)
    walk.type(walk.page.get_by_label("Kata sandi"), PASSWORD)
    walk.click(walk.page.get_by_role("button", name="Masuk"))
    walk.page.wait_for_url(f"{walk.base}/")


def logout(walk: Walk) -> None:
    walk.click(walk.page.get_by_role("button", name="Keluar"))
    walk.page.wait_for_load_state()
    walk.page.context.clear_cookies()


def type_number(walk: Walk, target: Locator, text: str, shown: str) -> None:
    """Type a number the Indonesian way and check that the field says, before saving, what will be
    stored (the preview below it, `core:angka_pratinjau`)."""
    walk.type(target, text)
    preview = walk.page.locator(f"#{target.get_attribute('id')}-pratinjau")
    expect(preview).to_have_text(f"Akan disimpan sebagai {shown}", timeout=SLOW)


def fetch(page: Page, link: Locator) -> Any:
    """GET what a link points to with the person's session (a download the browser would save)."""
    href = link.get_attribute("href")
    assert href, "the link has no address"
    return page.request.get(urljoin(page.url, href))


def assert_pdf(page: Page, link: Locator) -> None:
    response = fetch(page, link)
    assert response.status == 200, response.status
    assert response.headers["content-type"].startswith("application/pdf")
    assert response.body()[:4] == b"%PDF"


def top_of(page: Page, selector: str) -> float:
    """How far down the page (px) an element starts."""
    return float(
        page.evaluate(
            "(s) => document.querySelector(s).getBoundingClientRect().top + window.scrollY",
            selector,
        )
    )
