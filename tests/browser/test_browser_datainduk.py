"""Sari, admin BKD (neither staff nor superuser), keeps master data on "Data induk" (/data-induk/,
issue #10 §6) at 360 and 1280 px: from Karier's menu to the site, an employee found by NIP, a phone
number corrected and saved — audited old → new — with no page scrolling sideways. Screenshots go to
the test artefacts (`tests/browser/personas.py`)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from karier.accounts.models import User
from karier.core.models import AuditEvent
from tests.browser.personas import WIDTHS, Walk, login
from tests.orgdata import PASSWORD, build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("width", WIDTHS)
def test_sari_corrects_an_employee_on_data_induk(live_server: Any, page: Any, width: int) -> None:
    org = build_org()
    sari = User.objects.create_user(username="sari.induk", password=PASSWORD, is_admin_bkd=True)
    dodi = org.pegawai["staf1a"]
    walk = Walk(page, live_server.url, "datainduk-sari", width)

    login(walk, sari.username)
    walk.menu("Data induk")
    page.wait_for_url(re.compile(r"/data-induk/$"))
    expect(page.locator("#site-name")).to_contain_text("Karier — Data induk")
    expect(page.locator("#content")).to_contain_text("Pegawai dan jabatan")
    walk.shot("data induk")

    walk.click(page.locator("#content").get_by_role("link", name="Pegawai", exact=True))
    page.wait_for_url(re.compile(r"/data-induk/people/pegawai/$"))
    walk.type(page.locator("#searchbar"), dodi.nip)
    walk.click(page.get_by_role("button", name="Cari"))
    page.wait_for_load_state()
    expect(page.locator("#result_list")).to_contain_text(dodi.nama)
    walk.shot("pegawai dicari")

    walk.click(page.locator("#result_list").get_by_role("link", name=dodi.nip))
    page.wait_for_url(re.compile(rf"/data-induk/people/pegawai/{dodi.pk}/change/"))
    walk.shot("ubah pegawai")
    walk.type(page.locator("#id_telepon"), "081234567890")
    walk.click(page.locator("input[name=_save]"))
    page.wait_for_url(re.compile(r"/data-induk/people/pegawai/(\?.*)?$"))  # back to the list, search kept
    expect(page.locator(".messagelist")).to_contain_text("berhasil")
    walk.shot("tersimpan")

    event = AuditEvent.objects.get(action="admin.change", object_id=str(dodi.pk))
    assert event.actor_id == sari.pk
    assert event.changes["telepon"][1] == "081234567890"
