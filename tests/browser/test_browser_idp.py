"""The development plan on a 360 px phone (issue #11 §6): the employee's plan with a catalogue
activity, a self-development item flagged "tanpa kesenjangan" and the submit form, removal of an item
by HTMX without a page load, and the superior's queue. None scrolls sideways; screenshots go to
/tmp/idp-*.png for a look by eye."""

from __future__ import annotations

from typing import Any

import pytest

from tests.orgdata import PASSWORD, build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTH = 360


def _sign_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{base}/")


def _no_sideways_scroll(page: Any, name: str) -> None:
    page.screenshot(path=f"/tmp/idp-{name}.png", full_page=True)
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], (name, widths)


def test_plan_and_queue_fit_a_phone_and_htmx_removes_an_item(live_server: Any, page: Any) -> None:
    from karier.development.idp import services
    from karier.development.models import ItemRencana
    from tests.development.idp_helpers import kegiatan_kompetensi, rencana

    org = build_org()
    r = rencana(org, items=1)
    k = kegiatan_kompetensi(org, kode="K-HP", nama="Bimbingan Teknis Keamanan Informasi dan Kesadaran Siber bagi ASN")
    services.item_add(actor=org.actor("staf1a"), rencana=r, data=services.ItemData(kegiatan_id=k.pk, target_bulan=11))
    services.item_add(
        actor=org.actor("staf1a"),
        rencana=r,
        data=services.ItemData(
            judul="Kursus daring analisis data kependudukan untuk perencanaan pendidikan menengah",
            metode="E_LEARNING",
            penyelenggara="Platform pembelajaran daring terbuka",
            jp="6",
            kebutuhan_kode="-",
        ),
    )
    page.set_viewport_size({"width": WIDTH, "height": 740})
    base = live_server.url
    _sign_in(page, base, org.pegawai["staf1a"].nip)
    page.goto(f"{base}/pengembangan/rencana/")
    page.wait_for_selector("[data-testid=tanpa-kesenjangan]")
    _no_sideways_scroll(page, "rencana")
    before = ItemRencana.objects.filter(rencana=r).count()
    page.on("dialog", lambda d: d.accept())
    card = page.locator("[data-testid=item-rencana]").first
    card.get_by_role("button", name="Hapus").click()
    page.wait_for_function("() => document.querySelectorAll('[data-testid=item-rencana]').length === 2")
    assert ItemRencana.objects.filter(rencana=r).count() == before - 1
    page.get_by_role("button", name="Ajukan rencana").click()
    page.wait_for_selector("text=Rencana diajukan ke atasan.")

    page.context.clear_cookies()
    _sign_in(page, base, org.pegawai["kasi1"].nip)
    page.goto(f"{base}/pengembangan/rencana/persetujuan/")
    page.wait_for_selector("[data-testid=rencana-menunggu]")
    _no_sideways_scroll(page, "persetujuan")
