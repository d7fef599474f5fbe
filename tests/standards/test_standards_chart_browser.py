"""In a real browser (Debian's chromium): an indicator chart writes its numbers the Indonesian way on the
axis, in its label and in the hover label, and plotly.min.js (4.8 MB) is fetched only after the page
has loaded (issue #10: /standar/ took seconds)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest

from karier.people.access import SYSTEM
from karier.standards.models import SasaranStrategis
from karier.standards.services.indikator import indikator_create, nilai_indikator_set
from tests.orgdata import PASSWORD, build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_chart_numbers_are_indonesian_and_plotly_waits_for_the_page(live_server: Any, page: Any) -> None:
    from karier.standards.demo import seed_standards

    build_org()
    seed_standards()
    ind = indikator_create(
        actor=SYSTEM, sasaran=SasaranStrategis.objects.order_by("id").first(), nama="Pendapatan", satuan="ribu rupiah"
    )
    for tahun, target, realisasi in ((2024, "1200", "1180"), (2025, "1300", "1250.5")):
        nilai_indikator_set(
            actor=SYSTEM, indikator=ind, tahun=tahun, target=Decimal(target), realisasi=Decimal(realisasi)
        )

    base = live_server.url
    page.goto(f"{base}/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill("admin")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{base}/")

    page.goto(f"{base}/standar/indikator/{ind.pk}/")
    page.wait_for_selector("#grafik-indikator .main-svg", timeout=20000)
    timing = page.evaluate(
        """() => {
          const nav = performance.getEntriesByType('navigation')[0];
          const js = performance.getEntriesByType('resource').find(r => r.name.includes('plotly.min.js'));
          return {load: nav.loadEventStart, plotly: js ? js.startTime : null};
        }"""
    )
    assert timing["plotly"] is not None and timing["plotly"] >= timing["load"], timing

    def texts(selector: str) -> list[str]:  # SVG text has no innerText
        return page.eval_on_selector_all(selector, "els => els.map(e => e.textContent)")

    ticks = texts("#grafik-indikator .ytick text")
    assert any(re.fullmatch(r"1\.\d{3}", t) for t in ticks), ticks
    assert not any(re.search(r"\d,\d{3}", t) for t in ticks), ticks
    years = texts("#grafik-indikator .xtick text")
    assert "2025" in years, years
    assert texts("#grafik-indikator .annotation-text") == ["1.250,5"]

    hover = page.evaluate(
        """() => {
          const el = document.getElementById('grafik-indikator');
          Plotly.Fx.hover(el, [{curveNumber: 0, pointNumber: 1}]);
          return Array.from(el.querySelectorAll('.hovertext')).map(n => n.textContent).join(' ');
        }"""
    )
    assert "2025: 1.250,5 ribu rupiah" in hover, hover
