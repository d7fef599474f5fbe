"""The signed-in public-feedback screens through HTTP (issue #5 part 3): a unit head makes his unit's
link, switches it off and on, replaces it and downloads the QR code; the superior moderates several
answers at once; the summaries are for the people above. Each test checks the message (Bahasa
Indonesia), what the public link then answers, and the audit event."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from karier.appraisal.choices import StatusModerasi
from karier.appraisal.models import TautanPublik, UmpanBalikPublik
from karier.core.models import AuditEvent
from tests.orgdata import Org

pytestmark = pytest.mark.django_db


def _client(org: Org, key: str) -> Client:
    c = Client()
    c.force_login(org.users[key])
    return c


def _last(r: Any) -> tuple[str, str]:
    return [(m.tags, str(m)) for m in get_messages(r.wsgi_request)][-1]


def _unit_link(org: Org) -> tuple[Client, str, TautanPublik]:
    kasi = _client(org, "kasi1")
    page = reverse("appraisal_feedback:publik_unit", args=[org.units["dik_s1"].pk])
    r = kasi.post(page)
    assert r.status_code == 302 and r["Location"] == page
    assert _last(r) == ("success", "Tautan umpan balik siap. Cetak kode QR dan tempel di meja layanan.")
    return kasi, page, TautanPublik.objects.get(unit=org.units["dik_s1"])


def _public(t: TautanPublik) -> int:
    return Client().get(reverse("public_feedback:form", args=[t.token])).status_code


def test_the_unit_head_switches_his_units_link_off_and_on(org: Org) -> None:
    kasi, page, t = _unit_link(org)
    html = kasi.get(page).content.decode()
    assert "<svg" in html and f"/umpan-balik/{t.token}/" in html and "Seksi Kurikulum" in html
    aktif = reverse("appraisal_feedback:publik_aktif", args=[t.pk])
    r = kasi.post(aktif, {"aktif": "0"})
    assert r["Location"] == page
    assert _last(r) == ("success", "Tautan dinonaktifkan: kode QR-nya tidak dapat dipakai lagi.")
    assert _public(t) == 404
    r = kasi.post(aktif, {"aktif": "1"})
    assert _last(r) == ("success", "Tautan diaktifkan.") and _public(t) == 200
    actions = AuditEvent.objects.filter(object_id=str(t.pk), action__startswith="tautan_publik.")
    assert list(actions.order_by("pk").values_list("action", flat=True)) == [
        "tautan_publik.buat",
        "tautan_publik.nonaktif",
        "tautan_publik.aktif",
    ]


def test_replacing_the_link_retires_the_printed_code(org: Org) -> None:
    kasi, page, old = _unit_link(org)
    r = kasi.post(reverse("appraisal_feedback:publik_ganti", args=[old.pk]))
    assert r["Location"] == page
    assert _last(r) == ("success", "Tautan baru dibuat; tautan lama tidak berlaku lagi. Cetak ulang kode QR.")
    new = TautanPublik.objects.get(unit=org.units["dik_s1"], aktif=True)
    assert new.pk != old.pk and _public(old) == 404 and _public(new) == 200
    png = kasi.get(reverse("appraisal_feedback:publik_qr_png", args=[new.pk]))
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG") and f'filename="umpan-balik-{new.pk}.png"' in png["Content-Disposition"]


def test_links_are_managed_only_by_those_above(org: Org) -> None:
    _kasi, page, t = _unit_link(org)
    staff = _client(org, "staf1a")
    assert staff.get(page).status_code == 404
    assert staff.post(reverse("appraisal_feedback:publik_aktif", args=[t.pk]), {"aktif": "0"}).status_code == 404
    assert staff.post(reverse("appraisal_feedback:publik_ganti", args=[t.pk])).status_code == 404
    assert staff.get(reverse("appraisal_feedback:publik_qr_png", args=[t.pk])).status_code == 404
    assert _public(t) == 200 and TautanPublik.objects.count() == 1
    auditor = _client(org, "auditor")
    assert auditor.get(page).status_code == 200  # reads, never writes
    assert auditor.post(page).status_code == 404


def _answers(t: TautanPublik, n: int) -> list[UmpanBalikPublik]:
    from karier.appraisal.public import services

    return [
        services.umpan_balik_send(
            tautan=t,
            skor_layanan=4,
            skor_perilaku=4,
            komentar=f"Komentar {i}",
            perangkat_id=f"d{i}",
            alamat=f"10.{i}.1.1",
        )
        for i in range(n)
    ]


def test_the_superior_moderates_several_answers_at_once(org: Org) -> None:
    _kasi, _page, t = _unit_link(org)
    rows = _answers(t, 3)
    kadis = _client(org, "kadis")
    url = reverse("appraisal_feedback:publik_moderasi")
    queue = kadis.get(url).content.decode()
    assert all(f"Komentar {i}" in queue for i in range(3))
    r = kadis.post(url, {"status": "DITERIMA", "filter_status": "MENUNGGU"})
    assert r["Location"] == f"{url}?status=MENUNGGU" and _last(r) == ("error", "Pilih minimal satu umpan balik.")
    r = kadis.post(url, {"ids": [rows[0].pk, rows[1].pk], "status": "DITERIMA"})
    assert _last(r) == ("success", "2 umpan balik diperbarui.")
    r = kadis.post(url, {"ids": [rows[2].pk], "status": "HAPUS"})
    assert _last(r) == ("error", "Pilih Terima atau Tolak.")
    statuses = dict(UmpanBalikPublik.objects.values_list("pk", "status"))
    assert statuses == {
        rows[0].pk: StatusModerasi.DITERIMA,
        rows[1].pk: StatusModerasi.DITERIMA,
        rows[2].pk: StatusModerasi.MENUNGGU,
    }
    assert AuditEvent.objects.filter(action="umpan_balik_publik.moderasi").count() == 2
    waiting = kadis.get(url).content.decode()
    assert "Komentar 2" in waiting and "Komentar 0" not in waiting


def test_the_unit_summary_with_a_period_filter(org: Org) -> None:
    _unit_link(org)
    url = reverse("appraisal_feedback:publik_ringkasan_unit", args=[org.units["dik_s1"].pk])
    kasi = _client(org, "kasi1")
    assert kasi.get(url).status_code == 200
    missing = kasi.get(url, {"periode": "999999"})
    assert missing.status_code == 200 and "Periode tidak ditemukan." in missing.content.decode()
    assert _client(org, "staf1a").get(url).status_code == 404
