"""Reviewer's probe (issue #8 §10): every HTML page a role can reach by following links, as rendered.

The template scan in test_core_security_headers.py reads the sources; this crawls the rendered pages
of a world with plans, a finalised and signed unit, a public link and an API token, for each role,
and checks each HTML answer: the CSP limits scripts to 'self' (no 'unsafe-eval', no 'unsafe-inline'),
Permissions-Policy is set, a signed-in answer is `Cache-Control: no-store`, and the page holds no
inline `<script>`, no `on*=` handler and no `javascript:` URL. Error pages and the public form too.
"""

from __future__ import annotations

import re
from collections import deque
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from karier.accounts.tokens import token_create
from karier.appraisal.public import services as public_services
from karier.people.access import SYSTEM
from tests.appraisal.test_appraisal_calibration_support import Seksi, periksa_audit, signed_seksi
from tests.orgdata import Org

pytestmark = pytest.mark.django_db

HREF = re.compile(r"""\b(?:href|hx-get)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
TAG = re.compile(r"<[a-zA-Z][^>]*>")
HANDLER = re.compile(r"""[\s"'/]on[a-z]+\s*=""", re.IGNORECASE)
SKIP = ("/admin/", "/akun/keluar/", "/i18n/", "/static/", "/media/")
PAGES_PER_ROUTE = 2  # distinct ids per route name: enough to see each screen, cheap on 2 cores
MAX_PAGES = 120


@pytest.fixture
def world(org: Org) -> Seksi:
    s = signed_seksi(org)
    public_services.tautan_get_or_create(actor=org.actor("staf1a"), pegawai=org.pegawai["staf1a"])
    token_create(actor=SYSTEM, user=org.users["kabid1"], name="skrip")
    return s


def _directives(response: Any) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part}


def check_html(response: Any, url: str, *, signed_in: bool) -> None:
    assert "Content-Security-Policy" in response, url
    csp = _directives(response)
    assert csp.get("script-src") == ["'self'"], (url, csp)
    assert "'unsafe-eval'" not in response["Content-Security-Policy"], url
    assert "camera=()" in response.get("Permissions-Policy", ""), url
    if signed_in:
        assert response.get("Cache-Control") == "no-store", url
    html = response.content.decode()
    for match in SCRIPT_TAG.finditer(html):
        attrs = match.group(1)
        assert "src=" in attrs or re.search(r"type=[\"']application/(ld\+)?json", attrs), (url, match.group(0))
    handlers = [tag for tag in TAG.findall(html) if HANDLER.search(tag)]
    assert not handlers, (url, handlers[0][:160])
    assert "javascript:" not in html.lower(), url


def _route(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def crawl(client: Client, start: list[str], *, signed_in: bool) -> dict[str, int]:
    """Breadth-first over same-site GET links; returns route name -> pages checked."""
    seen: set[str] = set()
    per_route: dict[str, int] = {}
    queue = deque(start)
    checked = 0
    while queue and checked < MAX_PAGES:
        url = urldefrag(queue.popleft())[0]
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not url.startswith("/") or url.startswith(SKIP) or url in seen:
            continue
        seen.add(url)
        name = _route(parts.path)
        if name is None or per_route.get(name, 0) >= PAGES_PER_ROUTE:
            continue
        per_route[name] = per_route.get(name, 0) + 1
        response = client.get(url)
        checked += 1
        if signed_in:
            assert response.get("Cache-Control") == "no-store", (url, response.status_code)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        check_html(response, url, signed_in=signed_in)
        queue.extend(m.replace("&amp;", "&") for m in HREF.findall(response.content.decode()))
    return per_route


@pytest.mark.parametrize("who", ["admin", "auditor", "kadis", "kabid1", "kasi1", "staf1a", "unlinked"])
def test_every_reachable_page_has_the_headers_and_no_inline_script(world: Seksi, who: str) -> None:
    client = Client()
    client.force_login(world.org.users[who])
    start = [
        "/",
        "/penilaian/",
        "/skp/",
        "/pegawai/",
        "/akun/token/",
        "/penilaian/kalibrasi/",
        "/penilaian/publik/",
        "/penilaian/publik/moderasi/",
        "/jejak-audit/",
        "/api/v1/docs",
        f"/penilaian/{world.ev('x0').pk}/",
        f"/penilaian/{world.ev('x0').pk}/finalisasi/",
        f"/penilaian/kalibrasi/{world.periode.pk}/unit/{world.unit.pk}/",
    ]
    routes = crawl(client, start, signed_in=True)
    assert "core:home" in routes and "accounts:tokens" in routes
    if who == "admin":  # the crawl really walks the product, not only the start pages
        assert len(routes) >= 20, sorted(routes)


def test_anonymous_pages_error_pages_and_the_public_form(world: Seksi) -> None:
    from karier.appraisal.models import TautanPublik

    link = TautanPublik.objects.get()
    anon = Client()
    for url in ("/akun/masuk/", "/istilah/", f"/umpan-balik/{link.token}/"):
        response = anon.get(url)
        assert response.status_code == 200, url
        check_html(response, url, signed_in=False)
    for url in ("/tidak-ada/", "/umpan-balik/palsu/"):
        response = anon.get(url)
        assert response.status_code == 404, url
        check_html(response, url, signed_in=False)
    signed = Client()
    signed.force_login(world.org.users["staf1a"])
    for url in ("/tidak-ada/", f"/pegawai/{world.org.pegawai['kadis'].pk}/", "/jejak-audit/"):
        response = signed.get(url)
        assert response.status_code == 404, url
        check_html(response, url, signed_in=True)
    # a refused form (CSRF failure) is an HTML page as well
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.org.users["staf1a"])
    response = strict.post("/akun/token/", {"name": "x", "password": "y"})
    assert response.status_code == 403
    check_html(response, "csrf", signed_in=True)


# ---------------------------------------------------------------------------- /admin/ cannot bypass the services
def _admin_client(org: Org) -> Client:
    client = Client()
    client.force_login(org.users["admin"])
    return client


def test_admin_cannot_add_an_evaluation(world: Seksi) -> None:
    """An evaluation is made by opening a period and changed only by the audited services: an
    admin-made FINAL evaluation with any predikat would skip the curve, the signatures and the snapshot."""
    client = _admin_client(world.org)
    assert client.get("/admin/appraisal/evaluasi/add/").status_code == 403
    ev = world.ev("x0")
    assert client.get(f"/admin/appraisal/evaluasi/{ev.pk}/change/").status_code == 200  # a read view
    response = client.post(f"/admin/appraisal/evaluasi/{ev.pk}/change/", {"predikat": "Sangat Baik"})
    assert response.status_code == 403


def test_admin_cannot_reassign_revive_add_or_delete_a_token_but_revokes_through_the_service(world: Seksi) -> None:
    from karier.accounts.models import ApiToken
    from karier.core.models import AuditEvent

    org = world.org
    token, _ = token_create(actor=SYSTEM, user=org.users["staf1a"], name="ponsel")
    client = _admin_client(org)
    assert client.get("/admin/accounts/apitoken/add/").status_code == 403
    # moving someone's token to another user (or back from revoked) would hand out a working key
    response = client.post(
        f"/admin/accounts/apitoken/{token.pk}/change/",
        {"user": str(org.users["admin"].pk), "name": "ponsel", "revoked": ""},
    )
    assert response.status_code == 403
    assert client.post(f"/admin/accounts/apitoken/{token.pk}/delete/", {"post": "yes"}).status_code == 403
    token.refresh_from_db()
    assert token.user_id == org.users["staf1a"].pk
    response = client.post("/admin/accounts/apitoken/", {"action": "cabut_token", "_selected_action": [str(token.pk)]})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked
    event = AuditEvent.objects.filter(action="api_token.revoke", object_id=str(token.pk)).get()
    assert event.actor_id == org.users["admin"].pk
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_admin_cannot_forge_or_edit_login_attempts(world: Seksi) -> None:
    """Failed logins can be cleared (an audited unlock, see test_core_admin_audit.py) but never
    made up or rewritten: an edited row would move a lock onto someone else's account or address."""
    from karier.accounts.models import LoginAttempt

    row = LoginAttempt.objects.create(username="x", ip="10.0.0.1")
    client = _admin_client(world.org)
    assert client.get("/admin/accounts/loginattempt/add/").status_code == 403
    response = client.post(f"/admin/accounts/loginattempt/{row.pk}/change/", {"username": "kadis", "ip": "10.0.0.2"})
    assert response.status_code == 403
    row.refresh_from_db()
    assert (row.username, row.ip) == ("x", "10.0.0.1")


# ---------------------------------------------------------------------------- a fresh address per request
# One IPv6 subscriber holds a whole /64 (2^64 addresses): counting by the full address would give an
# attacker a fresh address, and fresh limits, for every request.
def _v6(i: int) -> str:
    return f"2001:db8:1:2::{i + 1:x}"


def test_ipv6_rotation_within_one_prefix_is_one_address_for_the_login_throttle(org: Org) -> None:
    from django.conf import settings

    from tests.orgdata import PASSWORD

    nip = org.users["kadis"].username
    for i in range(settings.KARIER_LOGIN_MAX_FAILURES):
        response = Client(REMOTE_ADDR=_v6(i)).post("/akun/masuk/", {"username": nip, "password": f"salah{i}"})
        assert response.status_code == 400
    rotated = Client(REMOTE_ADDR=_v6(99)).post("/akun/masuk/", {"username": nip, "password": PASSWORD})
    assert rotated.status_code == 429  # the same /64: still the attacker's address
    owner = Client(REMOTE_ADDR="2001:db8:9:9::1").post("/akun/masuk/", {"username": nip, "password": PASSWORD})
    assert owner.status_code == 302  # the real user, from their own network, is not locked out


def test_ipv6_rotation_within_one_prefix_is_one_address_for_the_public_form(org: Org) -> None:
    link = public_services.tautan_get_or_create(actor=org.actor("staf1a"), pegawai=org.pegawai["staf1a"])
    n = public_services.MAKS_TAUTAN_ALAMAT_JAM
    for i in range(n):
        public_services.umpan_balik_send(
            tautan=link, skor_layanan=1, skor_perilaku=1, komentar="", perangkat_id=f"d{i}", alamat=_v6(i)
        )
    with pytest.raises(public_services.TerlaluBanyak):
        public_services.umpan_balik_send(
            tautan=link, skor_layanan=1, skor_perilaku=1, komentar="", perangkat_id="d-last", alamat=_v6(n + 7)
        )
    public_services.umpan_balik_send(
        tautan=link, skor_layanan=4, skor_perilaku=4, komentar="", perangkat_id="warga", alamat="2001:db8:5:5::1"
    )


# ---------------------------------------------------------------------------- periksa-audit against a careful forger
def test_a_forged_snapshot_with_its_hash_recomputed_is_still_caught(world: Seksi) -> None:
    """Raw SQL that changes a FINAL predikat *and* rewrites the latest snapshot with a matching sha256
    leaves the evaluation and its snapshot agreeing: only the hash recorded in the audit chain at
    signing time tells the truth."""
    from django.db import connection

    from karier.appraisal.evaluation.snapshots import content_hash
    from karier.appraisal.models import SnapshotEvaluasi

    assert periksa_audit()[0] == 0
    ev = world.ev("staf1a")
    snap = SnapshotEvaluasi.objects.filter(evaluasi=ev).latest("pk")
    isi = {**snap.isi, "nilai": {**snap.isi["nilai"], "predikat": "Sangat Baik"}}
    with connection.cursor() as cur:
        cur.execute("UPDATE appraisal_evaluasi SET predikat = %s WHERE id = %s", ["Sangat Baik", ev.pk])
    SnapshotEvaluasi.objects.filter(pk=snap.pk).update(isi=isi, hash=content_hash(isi))
    code, out = periksa_audit()
    assert code == 1, out
    assert f"appraisal.snapshotevaluasi#{snap.pk}" in out and snap.hash in out


def test_a_deleted_snapshot_row_is_caught(world: Seksi) -> None:
    """Deleting the superior's snapshot leaves the appraiser's, which no longer matches the FINAL row;
    deleting both leaves none. Either way the check fails."""
    from karier.appraisal.models import SnapshotEvaluasi

    ev = world.ev("staf1b")
    SnapshotEvaluasi.objects.filter(pk=SnapshotEvaluasi.objects.filter(evaluasi=ev).latest("pk").pk).delete()
    assert periksa_audit()[0] == 1


# ---------------------------------------------------------------------------- forged X-Forwarded-For on the public form
@pytest.mark.parametrize("trusted", [(), ("10.0.0.2",)], ids=["no-proxy", "behind-proxy"])
def test_a_forged_forwarded_header_gives_no_fresh_address_on_the_public_form(
    org: Org, settings: Any, trusted: tuple[str, ...]
) -> None:
    """Eleven fresh cookies, each with a different made-up X-Forwarded-For: without trusted proxies the
    header is ignored; behind our proxy only the hop it appended counts (the client's own entries to its
    left are ignored). Either way the per-link hourly limit closes the 11th."""
    from tests.appraisal.test_appraisal_public_feedback import citizen, send

    settings.KARIER_TRUSTED_PROXIES = list(trusted)
    link = public_services.tautan_get_or_create(actor=org.actor("staf1a"), pegawai=org.pegawai["staf1a"])
    peer = trusted[0] if trusted else "203.0.113.9"
    codes = []
    for i in range(public_services.MAKS_TAUTAN_ALAMAT_JAM + 1):
        forged = f"198.51.{i}.{i + 1}"
        header = f"{forged}, 203.0.113.9" if trusted else forged
        c = citizen(link, ip=peer)
        c.defaults["HTTP_X_FORWARDED_FOR"] = header
        codes.append(send(c, link).status_code)  # type: ignore[attr-defined]
    assert codes[-1] == 429 and codes[:-1] == [302] * public_services.MAKS_TAUTAN_ALAMAT_JAM


def test_a_token_name_is_stored_without_bidi_controls(org: Org) -> None:
    """Token names are shown to BKD admins next to other users' names (a name someone typed)."""
    token, _ = token_create(actor=org.actor("staf1a"), user=org.users["staf1a"], name="skrip\u202etxt.exe")
    assert token.name == "skriptxt.exe"
    with pytest.raises(Exception, match="wajib"):
        token_create(actor=org.actor("staf1a"), user=org.users["staf1a"], name="\u202e\u2066 ")


TAMPERING = {
    "audit-row-changed": "UPDATE core_auditevent SET summary = 'dipalsukan' WHERE seq = {middle}",
    "audit-row-deleted-middle": "DELETE FROM core_auditevent WHERE seq = {middle}",
    "audit-row-deleted-newest": "DELETE FROM core_auditevent WHERE seq = {newest}",
    "snapshot-changed": "UPDATE appraisal_snapshotevaluasi SET hash = '{zeros}' WHERE id = {snapshot}",
    "final-predikat-changed": "UPDATE appraisal_evaluasi SET predikat = 'Sangat Baik' WHERE id = {final}",
}


@pytest.mark.parametrize("tampering", sorted(TAMPERING))
def test_periksa_audit_exits_zero_when_clean_and_one_after_each_tampering(world: Seksi, tampering: str) -> None:
    from django.db import connection

    from karier.appraisal.models import Evaluasi, SnapshotEvaluasi
    from karier.core.models import AuditEvent

    code, out = periksa_audit()
    assert code == 0 and "utuh" in out, out
    final = Evaluasi.objects.filter(status="FINAL").exclude(predikat="Sangat Baik").order_by("pk").first()
    assert final is not None
    newest = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True)[0]
    sql = TAMPERING[tampering].format(
        middle=newest // 2,
        newest=newest,
        zeros="0" * 64,
        final=final.pk,
        snapshot=SnapshotEvaluasi.objects.order_by("pk").values_list("pk", flat=True)[0],
    )
    with connection.cursor() as cur:
        cur.execute(sql)
    code, out = periksa_audit()
    assert code == 1 and "utuh" not in out, out
