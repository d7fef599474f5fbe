"""Issue #5 part 3: public links and QR codes, the anonymous 30-second form and its limits,
moderation and the summary for the superior."""

from __future__ import annotations

import json
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from karier.appraisal.choices import StatusModerasi
from karier.appraisal.models import TautanPublik, TokenFormulirPublik, UmpanBalikPublik
from karier.appraisal.public import selectors as psel
from karier.appraisal.public import services
from karier.core.models import AuditEvent
from karier.people.access import Actor, actor_for_user
from tests.orgdata import PASSWORD, Org

pytestmark = pytest.mark.django_db


def client_for(org: Org, key: str) -> Client:
    c = Client()
    assert c.login(username=org.users[key].username, password=PASSWORD)
    return c


@pytest.fixture
def link(org: Org) -> TautanPublik:
    return services.tautan_get_or_create(actor=org.actor("staf1a"), pegawai=org.pegawai["staf1a"])


def citizen(link: TautanPublik, ip: str = "10.0.0.1") -> Client:
    c = Client(REMOTE_ADDR=ip)
    r = c.get(f"/umpan-balik/{link.token}/")
    assert r.status_code == 200 and services.DEVICE_COOKIE in r.cookies
    return c


def aged_token(link: TautanPublik, seconds: int = 10) -> str:
    return services.form_token(link, now=time.time() - seconds)


def send(c: Client, link: TautanPublik, **extra: str) -> object:
    data = {
        "skor_layanan": "5",
        "skor_perilaku": "4",
        "komentar": "Pelayanan cepat dan ramah.",
        "ft": aged_token(link),
        "website": "",
    }
    data.update(extra)
    return c.post(f"/umpan-balik/{link.token}/", data)


# ---------------------------------------------------------------------------- links and QR
def test_link_is_made_once_by_the_owner_superiors_and_admins(org: Org) -> None:
    a = services.tautan_get_or_create(actor=org.actor("staf1a"), pegawai=org.pegawai["staf1a"])
    b = services.tautan_get_or_create(actor=org.actor("kasi1"), pegawai=org.pegawai["staf1a"])
    c = services.tautan_get_or_create(actor=org.actor("admin"), pegawai=org.pegawai["staf1a"])
    assert a.pk == b.pk == c.pk and len(a.token) >= 20
    for key in ("staf1b", "pranata", "auditor"):
        with pytest.raises(PermissionDenied):
            services.tautan_get_or_create(actor=org.actor(key), pegawai=org.pegawai["staf1a"])
    unit = services.tautan_get_or_create(actor=org.actor("kasi1"), unit=org.units["dik_s1"])
    assert unit.unit_id == org.units["dik_s1"].pk
    assert services.tautan_get_or_create(actor=org.actor("kadis"), unit=org.units["dik_s1"]).pk == unit.pk
    with pytest.raises(PermissionDenied):
        services.tautan_get_or_create(actor=org.actor("staf1a"), unit=org.units["dik_s1"])


def test_printable_qr_page(org: Org) -> None:
    c = client_for(org, "staf1a")
    url = reverse("appraisal_feedback:publik_pegawai", args=[org.pegawai["staf1a"].pk])
    assert "Buat tautan" in c.get(url).content.decode()
    assert c.post(url).status_code == 302
    html = c.get(url).content.decode()
    t = TautanPublik.objects.get(pegawai=org.pegawai["staf1a"])
    assert "<svg" in html and f"/umpan-balik/{t.token}/" in html and "Cetak" in html and "Dodi Saputra" in html
    assert "http" not in html.split("<svg", 1)[1].split("</svg>", 1)[0].replace("http://testserver", "")
    r = c.get(reverse("appraisal_feedback:publik_qr_svg", args=[t.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "image/svg+xml"
    assert client_for(org, "staf1b").get(url).status_code == 404
    assert client_for(org, "pranata").get(url).status_code == 404


def test_replaced_or_inactive_link_answers_404(org: Org, link: TautanPublik) -> None:
    new = services.tautan_replace(actor=org.actor("staf1a"), tautan=link)
    assert Client().get(f"/umpan-balik/{link.token}/").status_code == 404
    assert Client().get(f"/umpan-balik/{new.token}/").status_code == 200
    services.tautan_set_aktif(actor=org.actor("kasi1"), tautan=new, aktif=False)
    assert Client().get(f"/umpan-balik/{new.token}/").status_code == 404
    assert Client().get("/umpan-balik/tidak-ada-token-ini/").status_code == 404
    assert Client().get("/umpan-balik/%3Cscript%3E/").status_code == 404


# ---------------------------------------------------------------------------- the public form
def test_happy_path_without_an_account(link: TautanPublik) -> None:
    c = citizen(link)
    page = c.get(f"/umpan-balik/{link.token}/").content.decode()
    assert "Kepuasan layanan" in page and "Sikap petugas" in page and "Dodi Saputra" in page
    assert "csrfmiddlewaretoken" in page and 'name="website"' in page
    assert "https://" not in page  # no external resources
    r = send(c, link)
    assert r.status_code == 302 and r["Location"].endswith("/terima-kasih/")  # type: ignore[attr-defined]
    row = UmpanBalikPublik.objects.get()
    assert (row.skor_layanan, row.skor_perilaku, row.status) == (5, 4, StatusModerasi.MENUNGGU)
    assert row.pegawai_id == link.pegawai_id and row.unit_id == link.pegawai.unit_id  # type: ignore[union-attr]
    assert len(row.perangkat_hash) == 64 and len(row.alamat_hash) == 64 and "10.0.0.1" not in row.alamat_hash
    assert "Terima kasih" in c.get(r["Location"]).content.decode()  # type: ignore[index]


def test_csrf_is_required(link: TautanPublik) -> None:
    c = Client(enforce_csrf_checks=True)
    c.get(f"/umpan-balik/{link.token}/")
    r = c.post(f"/umpan-balik/{link.token}/", {"skor_layanan": "5", "skor_perilaku": "5", "ft": aged_token(link)})
    assert r.status_code == 403 and not UmpanBalikPublik.objects.exists()


def test_second_answer_same_device_same_day_is_refused(link: TautanPublik) -> None:
    c = citizen(link)
    assert send(c, link).status_code == 302  # type: ignore[attr-defined]
    r = send(c, link, komentar="Ingin menilai lagi")
    assert r.status_code == 409  # type: ignore[attr-defined]
    html = r.content.decode()  # type: ignore[attr-defined]
    assert "sudah memberi penilaian" in html and "Ingin menilai lagi" in html  # nothing lost
    assert UmpanBalikPublik.objects.count() == 1
    assert send(citizen(link, ip="10.0.0.1"), link).status_code == 302  # another device, same network  # type: ignore[attr-defined]


def test_flood_from_one_address_gets_429_and_writes_nothing(org: Org, link: TautanPublik) -> None:
    # Across several links (each also has its own, lower per-link limit).
    links = [
        link,
        *(
            services.tautan_get_or_create(actor=org.actor("admin"), pegawai=org.pegawai[k])
            for k in ("staf1b", "kasi1", "kabid1")
        ),
    ]
    for i in range(services.MAKS_PER_ALAMAT_JAM):
        services.umpan_balik_send(
            tautan=links[i % len(links)],
            skor_layanan=3,
            skor_perilaku=3,
            komentar="",
            perangkat_id=f"dev{i}",
            alamat="10.9.9.9",
        )
    before = (UmpanBalikPublik.objects.count(), AuditEvent.objects.count())
    c = citizen(link, ip="10.9.9.9")
    r = send(c, link, komentar="Komentar saya jangan hilang")
    assert r.status_code == 429  # type: ignore[attr-defined]
    html = r.content.decode()  # type: ignore[attr-defined]
    assert "Terlalu banyak kiriman dari jaringan Anda" in html and "Komentar saya jangan hilang" in html
    assert (UmpanBalikPublik.objects.count(), AuditEvent.objects.count()) == before
    assert send(citizen(link, ip="10.1.1.1"), link).status_code == 302  # other networks unaffected  # type: ignore[attr-defined]


def test_honeypot_too_fast_stale_and_forged_tokens_write_nothing(link: TautanPublik) -> None:
    c = citizen(link)
    cases = [
        ({"website": "http://spam.example"}, "Formulir tidak valid"),
        ({"ft": services.form_token(link)}, "terlalu cepat"),
        ({"ft": aged_token(link, 3 * 60 * 60)}, "terlalu lama"),
        ({"ft": aged_token(link)[:-3] + "abc"}, "Formulir tidak valid"),
        ({"ft": ""}, "Formulir tidak valid"),
    ]
    for extra, message in cases:
        r = send(c, link, **extra)
        assert r.status_code == 400, extra  # type: ignore[attr-defined]
        html = r.content.decode()  # type: ignore[attr-defined]
        assert message in html and "Pelayanan cepat dan ramah." in html
    other = services.tautan_get_or_create(actor=_admin(), unit=link.pegawai.unit)  # type: ignore[union-attr]
    r = send(c, link, ft=aged_token(other))  # a token of another link
    assert r.status_code == 400  # type: ignore[attr-defined]
    assert not UmpanBalikPublik.objects.exists()


def _admin() -> Actor:
    from karier.accounts.models import User

    return actor_for_user(User.objects.get(username="admin"))


def test_bad_input_and_missing_device_cookie(link: TautanPublik) -> None:
    c = citizen(link)
    r = send(c, link, skor_layanan="9", komentar="x" * 501)
    assert r.status_code == 400  # type: ignore[attr-defined]
    html = r.content.decode()  # type: ignore[attr-defined]
    assert "Pilih salah satu angka 1 sampai 5." in html and "paling banyak 500 karakter" in html
    fresh = Client()
    r = send(fresh, link)  # no device cookie yet: one is set, the form comes back intact
    assert r.status_code == 400 and services.DEVICE_COOKIE in r.cookies  # type: ignore[attr-defined]
    assert not UmpanBalikPublik.objects.exists()
    assert send(fresh, link).status_code == 302  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------- moderation and summary
def _answers(link: TautanPublik) -> list[UmpanBalikPublik]:
    rows = []
    for i, (a, b, k) in enumerate([(5, 4, "Ramah sekali"), (3, 2, "Agak lama"), (1, 1, "SPAM beli pulsa"), (4, 3, "")]):
        rows.append(
            services.umpan_balik_send(
                tautan=link, skor_layanan=a, skor_perilaku=b, komentar=k, perangkat_id=f"d{i}", alamat=f"10.{i}.1.1"
            )
        )
    return rows


def test_moderation_rights_and_effects(org: Org, link: TautanPublik) -> None:
    rows = _answers(link)
    with pytest.raises(PermissionDenied):
        services.umpan_balik_moderate(actor=org.actor("staf1a"), umpan_balik=rows[0], status="DITERIMA")
    with pytest.raises(PermissionDenied):
        services.umpan_balik_moderate(actor=org.actor("auditor"), umpan_balik=rows[0], status="DITERIMA")
    assert psel.moderation_queue(org.actor("staf1b")).count() == 0
    assert psel.moderation_queue(org.actor("staf1a")).count() == 0  # never one's own
    assert psel.moderation_queue(org.actor("kasi1")).count() == 4
    c = client_for(org, "kasi1")
    r = c.post(reverse("appraisal_feedback:publik_moderasi"), {"ids": [rows[0].pk], "status": "DITERIMA"})
    assert r.status_code == 302
    r = c.post(
        f"/api/v1/penilaian/umpan-balik-publik/{rows[2].pk}/moderasi",
        json.dumps({"status": "DITOLAK"}),
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["status"] == "DITOLAK"
    r = client_for(org, "staf1b").post(
        f"/api/v1/penilaian/umpan-balik-publik/{rows[1].pk}/moderasi",
        json.dumps({"status": "DITOLAK"}),
        content_type="application/json",
    )
    assert r.status_code == 404
    page = c.get(reverse("appraisal_feedback:publik_moderasi") + "?status=").content.decode()
    assert "SPAM beli pulsa" in page and "hash" not in page


def test_summary_numbers_by_hand(org: Org, link: TautanPublik) -> None:
    rows = _answers(link)
    services.umpan_balik_moderate(actor=org.actor("kasi1"), umpan_balik=rows[0], status="DITERIMA")
    services.umpan_balik_moderate(actor=org.actor("kasi1"), umpan_balik=rows[2], status="DITOLAK")
    r = psel.ringkasan_publik(pegawai=org.pegawai["staf1a"], rentang=psel.rentang_for(None))
    # Counted: (5,4) accepted, (3,2) and (4,3) waiting; (1,1) rejected does not count.
    assert (r.n, r.n_diterima, r.n_menunggu, r.n_ditolak) == (3, 1, 2, 1)
    assert r.rata_layanan == round((5 + 3 + 4) / 3, 2) and r.rata_perilaku == 3.0
    assert r.distribusi_layanan == [(5, 1), (4, 1), (3, 1), (2, 0), (1, 0)]
    assert r.distribusi_perilaku == [(5, 0), (4, 1), (3, 1), (2, 1), (1, 0)]
    assert [k.komentar for k in r.komentar] == ["Ramah sekali"]  # waiting comments stay hidden
    api = (
        client_for(org, "kasi1")
        .get(f"/api/v1/penilaian/umpan-balik-publik/ringkasan?pegawai_id={org.pegawai['staf1a'].pk}")
        .json()
    )
    assert api["n"] == 3 and api["rata_perilaku"] == 3.0 and api["distribusi_layanan"]["5"] == 1
    assert [k["komentar"] for k in api["komentar"]] == ["Ramah sekali"]
    html = (
        client_for(org, "staf1a")
        .get(reverse("appraisal_feedback:publik_ringkasan_pegawai", args=[org.pegawai["staf1a"].pk]) + "?periode=")
        .content
    )
    assert "Ramah sekali" in html.decode() and "Agak lama" not in html.decode()
    assert (
        client_for(org, "staf1b")
        .get(reverse("appraisal_feedback:publik_ringkasan_pegawai", args=[org.pegawai["staf1a"].pk]))
        .status_code
        == 404
    )


def test_api_links(org: Org) -> None:
    c = client_for(org, "kasi1")
    r = c.post(
        "/api/v1/penilaian/tautan-publik",
        json.dumps({"pegawai_id": org.pegawai["staf1a"].pk}),
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["url"].endswith(f"/umpan-balik/{r.json()['token']}/")
    tid = r.json()["id"]
    assert c.get("/api/v1/penilaian/tautan-publik").json()["count"] == 1
    r = client_for(org, "auditor").post(
        "/api/v1/penilaian/tautan-publik",  # sees everyone, writes nothing
        json.dumps({"pegawai_id": org.pegawai["staf1a"].pk}),
        content_type="application/json",
    )
    assert r.status_code == 403
    r = client_for(org, "staf1b").post(
        "/api/v1/penilaian/tautan-publik",  # a peer does not see Dodi
        json.dumps({"pegawai_id": org.pegawai["staf1a"].pk}),
        content_type="application/json",
    )
    assert r.status_code == 404
    r = client_for(org, "pranata").post(
        "/api/v1/penilaian/tautan-publik",
        json.dumps({"pegawai_id": org.pegawai["staf1a"].pk}),
        content_type="application/json",
    )
    assert r.status_code == 404
    r = c.patch(f"/api/v1/penilaian/tautan-publik/{tid}", json.dumps({"aktif": False}), content_type="application/json")
    assert r.status_code == 200 and r.json()["aktif"] is False
    assert client_for(org, "pranata").get(f"/api/v1/penilaian/tautan-publik/{tid}").status_code in (404, 405)
    assert Client().get("/api/v1/penilaian/tautan-publik").status_code == 401


def test_screens_render_for_each_role(org: Org, link: TautanPublik) -> None:
    _answers(link)
    unit_url = reverse("appraisal_feedback:publik_unit", args=[org.units["dik_s1"].pk])
    for key in ("staf1a", "kasi1", "kadis", "admin", "auditor"):
        c = client_for(org, key)
        assert c.get(reverse("appraisal_feedback:publik")).status_code == 200, key
        assert c.get(reverse("appraisal_feedback:publik_moderasi")).status_code == 200, key
        assert c.get(reverse("appraisal_feedback:saya")).status_code == 200, key
    assert client_for(org, "kasi1").get(unit_url).status_code == 200
    assert client_for(org, "staf1a").get(unit_url).status_code == 404
    hub = client_for(org, "kasi1").get(reverse("appraisal_feedback:publik")).content.decode()
    assert "Dodi Saputra" in hub and "Kode QR unit Seksi Kurikulum" in hub


# ---------------------------------------------------------------------------- issue #8 §6: limits that hold
def _ready(link: TautanPublik, ip: str) -> tuple[Client, str]:
    """A citizen who opened the form (device cookie set) and the form token it handed out, aged."""
    return citizen(link, ip=ip), aged_token(link)


def test_a_used_form_token_is_refused_even_with_a_new_cookie(link: TautanPublik) -> None:
    c, token = _ready(link, "10.0.0.1")
    assert send(c, link, ft=token).status_code == 302  # type: ignore[attr-defined]
    other = citizen(link, ip="10.50.0.1")  # another device, another network
    r = send(other, link, ft=token, komentar="Token curian")
    assert r.status_code == 400  # type: ignore[attr-defined]
    html = r.content.decode()  # type: ignore[attr-defined]
    assert "sudah pernah dikirim" in html and "Token curian" in html
    assert UmpanBalikPublik.objects.count() == 1
    assert send(other, link).status_code == 302  # type: ignore[attr-defined]  # a fresh token works
    with pytest.raises(ValidationError, match="sudah pernah dikirim"):
        services.umpan_balik_send(
            tautan=link,
            skor_layanan=5,
            skor_perilaku=5,
            komentar="",
            perangkat_id="dev-x",
            alamat="10.60.0.1",
            form_token=token,
        )


def test_a_refused_answer_does_not_use_up_its_token(link: TautanPublik) -> None:
    token = aged_token(link)
    with pytest.raises(ValidationError):
        services.umpan_balik_send(
            tautan=link,
            skor_layanan=9,
            skor_perilaku=5,
            komentar="",
            perangkat_id="dev-a",
            alamat="10.0.0.1",
            form_token=token,
        )
    services.umpan_balik_send(
        tautan=link,
        skor_layanan=4,
        skor_perilaku=5,
        komentar="",
        perangkat_id="dev-a",
        alamat="10.0.0.1",
        form_token=token,
    )
    assert TokenFormulirPublik.objects.count() == 1


def test_eleven_fresh_cookies_in_ten_seconds_are_limited_and_held(org: Org, link: TautanPublik) -> None:
    started = time.monotonic()
    codes = [send(*_ready(link, "10.7.7.7")[:1], link).status_code for _ in range(11)]  # type: ignore[attr-defined]
    assert time.monotonic() - started < 10
    assert codes[: services.MAKS_TAUTAN_ALAMAT_JAM] == [302] * services.MAKS_TAUTAN_ALAMAT_JAM
    assert codes[services.MAKS_TAUTAN_ALAMAT_JAM :] == [429]
    assert UmpanBalikPublik.objects.count() == services.MAKS_TAUTAN_ALAMAT_JAM
    # A burst from one network: every answer of it is held, none counts before a moderator acts.
    r = psel.ringkasan_publik(pegawai=org.pegawai["staf1a"], rentang=psel.rentang_for(None))
    assert (r.n, r.n_ditahan) == (0, services.MAKS_TAUTAN_ALAMAT_JAM)
    # The per-link limit is also a daily one: the next hours do not reopen the tap beyond it.
    assert services.MAKS_TAUTAN_ALAMAT_HARI < 24 * services.MAKS_TAUTAN_ALAMAT_JAM


def test_the_daily_limit_per_link_and_address(link: TautanPublik) -> None:
    import datetime as dt

    from django.utils import timezone

    noon = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    n = services.MAKS_TAUTAN_ALAMAT_HARI
    for i in range(n):  # spread over the day, oldest first: never over the hourly limit
        services.umpan_balik_send(
            tautan=link,
            skor_layanan=3,
            skor_perilaku=3,
            komentar="",
            perangkat_id=f"h{i}",
            alamat="10.8.8.8",
            now=noon - dt.timedelta(minutes=20 * (n - i)),
        )
    with pytest.raises(services.TerlaluBanyak, match="petugas atau layanan ini"):
        services.umpan_balik_send(
            tautan=link,
            skor_layanan=3,
            skor_perilaku=3,
            komentar="",
            perangkat_id="h-last",
            alamat="10.8.8.8",
            now=noon,
        )


def test_nineteen_answers_from_one_network_cannot_drag_a_score_down(org: Org, link: TautanPublik) -> None:
    fair = [
        services.umpan_balik_send(
            tautan=link, skor_layanan=4, skor_perilaku=4, komentar="", perangkat_id=f"warga{i}", alamat=f"10.{i}.0.1"
        )
        for i in range(10)
    ]
    services.umpan_balik_moderate_many(actor=org.actor("kasi1"), ids=[f.pk for f in fair], status="DITERIMA")
    summary = psel.ringkasan_publik(pegawai=org.pegawai["staf1a"], rentang=psel.rentang_for(None))
    assert (summary.n, summary.rata_layanan) == (10, 4.0)
    for i in range(19):  # one network, a fresh device and address each time
        services.umpan_balik_send(
            tautan=link,
            skor_layanan=1,
            skor_perilaku=1,
            komentar="",
            perangkat_id=f"serang{i}",
            alamat=f"172.16.5.{i + 1}",
        )
    summary = psel.ringkasan_publik(pegawai=org.pegawai["staf1a"], rentang=psel.rentang_for(None))
    assert (summary.n, summary.rata_layanan, summary.rata_perilaku) == (10, 4.0, 4.0)
    assert summary.n_ditahan == 19
    queue = psel.moderation_queue(org.actor("kasi1"))
    assert queue.filter(ditahan=True).count() == 19
    page = client_for(org, "kasi1").get(reverse("appraisal_feedback:publik_moderasi")).content.decode()
    assert "Ditahan" in page


def test_integrity_error_on_the_device_day_constraint_is_a_clear_refusal(link: TautanPublik) -> None:
    """A twin that slipped past the pre-check (as a parallel request would) meets the constraint:
    a clear message and 409, never a 500, and nothing more is stored."""
    import datetime as dt

    c = citizen(link, ip="10.0.0.1")
    assert send(c, link).status_code == 302  # type: ignore[attr-defined]
    first = UmpanBalikPublik.objects.get()
    assert first.hari is not None
    # Hide it from the pre-check (which reads dibuat_pada); the constraint reads (link, device, day).
    UmpanBalikPublik.objects.filter(pk=first.pk).update(dibuat_pada=first.dibuat_pada - dt.timedelta(days=3))
    r = send(c, link, komentar="Kembar")
    assert r.status_code == 409  # type: ignore[attr-defined]
    assert "sudah memberi penilaian" in r.content.decode()  # type: ignore[attr-defined]
    assert UmpanBalikPublik.objects.count() == 1
    assert not TokenFormulirPublik.objects.filter(dipakai_pada__gt=first.dibuat_pada).count() > 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_six_simultaneous_answers_from_one_device_store_one(org: Org) -> None:
    """PostgreSQL: six threads send at once with one device cookie to one link."""
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (SQLite serialises writers)")
    link = services.tautan_get_or_create(actor=org.actor("staf1a"), pegawai=org.pegawai["staf1a"])
    barrier = threading.Barrier(6)
    outcomes: list[str] = []

    def one(i: int) -> None:
        from django.db import connection as conn

        try:
            barrier.wait()
            services.umpan_balik_send(
                tautan=link,
                skor_layanan=5,
                skor_perilaku=5,
                komentar="",
                perangkat_id="perangkat-yang-sama",
                alamat=f"10.{i}.0.1",
                form_token=aged_token(link),
            )
            outcomes.append("stored")
        except ValidationError as exc:
            outcomes.append(exc.messages[0])
        except Exception as exc:  # an IntegrityError here is the bug
            outcomes.append(f"error {type(exc).__name__}")
        finally:
            conn.close()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("stored") == 1, outcomes
    assert outcomes.count(services.MSG_SUDAH) == 5, outcomes
    assert UmpanBalikPublik.objects.filter(tautan=link).count() == 1


def test_summary_agrees_with_the_databases_own_aggregates(org: Org, link: TautanPublik) -> None:
    """The summary sums one GROUP BY in Python (two queries on every evaluation page); every status,
    held or not, against the database's own COUNT and AVG over `counted_q`."""
    from django.db.models import Avg, Count, Q

    combos = [(s, held) for s in StatusModerasi.values for held in (False, True)]
    for i in range(23):
        status, held = combos[i % len(combos)]
        UmpanBalikPublik.objects.create(
            tautan=link, skor_layanan=1 + i % 5, skor_perilaku=1 + (i * 3) % 5, status=status, ditahan=held
        )
    r = psel.ringkasan_publik(pegawai=org.pegawai["staf1a"], rentang=psel.rentang_for(None))
    rows = UmpanBalikPublik.objects.filter(tautan=link)
    counted = psel.counted_q()
    db = rows.aggregate(
        diterima=Count("pk", filter=Q(status=StatusModerasi.DITERIMA)),
        menunggu=Count("pk", filter=Q(status=StatusModerasi.MENUNGGU, ditahan=False)),
        held=Count("pk", filter=Q(status=StatusModerasi.MENUNGGU, ditahan=True)),
        ditolak=Count("pk", filter=Q(status=StatusModerasi.DITOLAK)),
        layanan=Avg("skor_layanan", filter=counted),
        perilaku=Avg("skor_perilaku", filter=counted),
    )
    assert (r.n_diterima, r.n_menunggu, r.n_ditahan, r.n_ditolak) == (
        db["diterima"],
        db["menunggu"],
        db["held"],
        db["ditolak"],
    )
    assert r.n == db["diterima"] + db["menunggu"] and r.n_ditahan > 0
    assert (r.rata_layanan, r.rata_perilaku) == (round(float(db["layanan"]), 2), round(float(db["perilaku"]), 2))
    for fld, got in (("skor_layanan", r.distribusi_layanan), ("skor_perilaku", r.distribusi_perilaku)):
        assert got == [(s, rows.filter(counted, **{fld: s}).count()) for s in (5, 4, 3, 2, 1)]
