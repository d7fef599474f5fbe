"""A working day of Karier under load: every role's pages and the writes, for `bench/load/run`.

Reads the users file `bench/load/prepare.py` wrote (`KARIER_LOAD_USERS`, default var/load-users.json).
One user class per role, weighted like a working day (employees most, the public form a steady trickle):

- ASN employee: home, own SKP list and plan, own evaluation, realisation entry (write), own dashboard,
  the API's plan list, a directory search;
- superior: home, subordinates' plans, one of them, the subordinate's evaluation and a rating (write),
  the unit's calibration curve, the team dashboard;
- agency head: home, the calibration index and the agency's curve, the agency dashboard, the directory;
- BKD admin: home, directory searches, the province dashboard, the API's employee list, the calendar;
- auditor: home, the audit trail, the province dashboard, the directory;
- public: the feedback form behind a QR code (GET, 3–6 s of filling in — the form refuses faster
  answers — then POST), each answer from a new device and a new address (`X-Forwarded-For`, honoured
  because `bench/load/run` starts gunicorn with KARIER_TRUSTED_PROXIES=127.0.0.1, as behind the
  production proxy).

Steady state: locust's own table covers the whole run, including the first half-minute, when every
user logs in at once (Argon2, about 0.5 s of CPU each) and every page queues behind the logins. The
listeners below also keep each request that ends after the warm-up (`KARIER_LOAD_WARMUP` seconds,
default 60) and write `steady.csv` to `KARIER_LOAD_OUT` at the end: the same percentiles over the rest
of the run, which `bench/load/report.py` prints as a second table.

Think time 0.5–1.5 s. A page counts as failed when it is not 200 after redirects or lands on the login
page; every POST first loads its page and sends that page's CSRF token, as a browser does.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import os
import random
import re
import threading
import time
from pathlib import Path
from typing import Any

from locust import HttpUser, between, events, task

USERS_FILE = Path(os.environ.get("KARIER_LOAD_USERS", Path(__file__).resolve().parents[2] / "var" / "load-users.json"))
DATA: dict[str, Any] = json.loads(USERS_FILE.read_text(encoding="utf-8"))
PASSWORD: str = DATA["password"]
PERIODE: int = DATA["periode_id"]
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FT_RE = re.compile(r'name="ft" value="([^"]+)"')
_lock = threading.Lock()
_cycles = {role: itertools.cycle(DATA[role]) for role in ("employee", "superior", "agency_head", "admin", "auditor")}


class Steady:
    """Response times per (method, page) of the requests that end after the warm-up."""

    def __init__(self, warmup: float) -> None:
        self.warmup = warmup
        self.started = 0.0
        self.times: dict[tuple[str, str], list[float]] = {}
        self.fails: dict[tuple[str, str], int] = {}

    def add(self, method: str, name: str, ms: float, failed: bool) -> None:
        if not self.started or time.monotonic() - self.started < self.warmup:
            return
        with _lock:
            self.times.setdefault((method, name), []).append(ms)
            if failed:
                self.fails[(method, name)] = self.fails.get((method, name), 0) + 1

    def rows(self) -> list[dict[str, Any]]:
        every = sorted(ms for times in self.times.values() for ms in times)
        seconds = max(time.monotonic() - self.started - self.warmup, 1e-9)
        out = [
            _row(f"{m} {n}", sorted(times), self.fails.get((m, n), 0), seconds)
            for (m, n), times in sorted(self.times.items(), key=lambda kv: kv[0][1])
        ]
        return [*out, _row("all pages", every, sum(self.fails.values()), seconds)] if every else out


def _pct(ordered: list[float], q: float) -> float:
    """Nearest-rank percentile of an ordered list: the smallest value with at least q of the values at
    or below it."""
    return ordered[max(0, min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1))]


def _row(page: str, ordered: list[float], fails: int, seconds: float) -> dict[str, Any]:
    return {
        "page": page,
        "requests": len(ordered),
        "fails": fails,
        "p50": round(_pct(ordered, 0.50)),
        "p95": round(_pct(ordered, 0.95)),
        "p99": round(_pct(ordered, 0.99)),
        "max": round(ordered[-1]),
        "rps": round(len(ordered) / seconds, 2),
    }


STEADY = Steady(float(os.environ.get("KARIER_LOAD_WARMUP", "60")))


@events.test_start.add_listener
def _started(**_kw: Any) -> None:
    STEADY.started = time.monotonic()


@events.request.add_listener
def _request(request_type: str, name: str, response_time: float, exception: Any = None, **_kw: Any) -> None:
    STEADY.add(request_type, name, response_time, exception is not None)


@events.test_stop.add_listener
def _stopped(**_kw: Any) -> None:
    out = os.environ.get("KARIER_LOAD_OUT")
    if not out:
        return
    columns = ("page", "requests", "fails", "p50", "p95", "p99", "max", "rps")
    with open(Path(out) / "steady.csv", "w", encoding="utf-8", newline="") as f:
        f.write(f"# warmup {STEADY.warmup:g} s\n")
        writer = csv.writer(f)
        writer.writerow(columns)
        writer.writerows([r[k] for k in columns] for r in STEADY.rows())


def next_account(role: str) -> dict[str, Any]:
    """Accounts are handed out in turn, so 50 users spread over the sample."""
    with _lock:
        return dict(next(_cycles[role]))


class KarierUser(HttpUser):
    abstract = True
    wait_time = between(0.5, 1.5)
    role = ""

    def on_start(self) -> None:
        self.account = next_account(self.role)
        page = self.client.get("/akun/masuk/", name="/akun/masuk/")
        with self.client.post(
            "/akun/masuk/",
            {"username": self.account["username"], "password": PASSWORD, "csrfmiddlewaretoken": _csrf(page.text)},
            name="/akun/masuk/",
            catch_response=True,
        ) as r:
            if r.status_code != 200 or "/akun/masuk/" in r.url:
                r.failure(f"login of {self.account['username']} refused (HTTP {r.status_code})")

    def page(self, url: str, name: str) -> Any:
        with self.client.get(url, name=name, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code}")
            elif "/akun/masuk/" in r.url:
                r.failure("sent to the login page")
            return r

    def post(self, page_url: str, url: str, data: dict[str, str], name: str, *, page_name: str) -> None:
        """Load the page holding the form, then post it with that page's CSRF token."""
        page = self.page(page_url, page_name)
        token = _csrf(page.text or "")
        with self.client.post(url, {**data, "csrfmiddlewaretoken": token}, name=name, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code}")
            elif "/akun/masuk/" in r.url:
                r.failure("sent to the login page")

    def search(self) -> None:
        q = random.choice(DATA["search"]) if DATA["search"] else "a"
        self.page(f"/pegawai/?q={q}", "/pegawai/?q=[nama]")


def _csrf(html: str) -> str:
    m = CSRF_RE.search(html)
    return m.group(1) if m else ""


class Employee(KarierUser):
    weight = 60
    role = "employee"

    @task(3)
    def home(self) -> None:
        self.page("/", "/")

    @task(2)
    def own_plans(self) -> None:
        self.page("/skp/", "/skp/")

    @task(2)
    def own_plan(self) -> None:
        self.page(f"/skp/{self.account['skp_id']}/", "/skp/[id]/")

    @task(3)
    def own_evaluation(self) -> None:
        self.page(f"/penilaian/{self.account['evaluasi_id']}/", "/penilaian/[id]/")

    @task(2)
    def realisation(self) -> None:
        ev, iki = self.account["evaluasi_id"], random.choice(self.account["iki_ids"])
        self.post(
            f"/penilaian/{ev}/",
            f"/penilaian/{ev}/realisasi/{iki}/",
            {"realisasi_angka": str(random.randint(1, 12)), "realisasi_uraian": "Laporan layanan bulan berjalan."},
            "/penilaian/[id]/realisasi/[iki]/",
            page_name="/penilaian/[id]/",
        )

    @task(1)
    def my_dashboard(self) -> None:
        self.page("/wawasan/dasbor/saya/", "/wawasan/dasbor/saya/")

    @task(1)
    def api_plans(self) -> None:
        self.page("/api/v1/skp", "/api/v1/skp")

    @task(1)
    def directory(self) -> None:
        self.search()


class Superior(KarierUser):
    weight = 20
    role = "superior"

    @task(2)
    def home(self) -> None:
        self.page("/", "/")

    @task(2)
    def subordinates(self) -> None:
        self.page("/skp/bawahan/", "/skp/bawahan/")

    @task(2)
    def subordinate_plan(self) -> None:
        self.page(f"/skp/{random.choice(self.account['skp_ids'])}/", "/skp/[id]/")

    @task(2)
    def rate(self) -> None:
        ev = random.choice(self.account["evaluasi_ids"])
        self.post(
            f"/penilaian/{ev}/",
            f"/penilaian/{ev}/rating/",
            {
                "rating_hasil_kerja": "Sesuai Ekspektasi",
                "alasan_hasil_kerja": "Target tercapai sesuai rencana.",
                "rating_perilaku": "Sesuai Ekspektasi",
                "alasan_perilaku": "Perilaku kerja sesuai ekspektasi.",
            },
            "/penilaian/[id]/rating/",
            page_name="/penilaian/[id]/",
        )

    @task(1)
    def curve(self) -> None:
        self.page(
            f"/penilaian/kalibrasi/{PERIODE}/unit/{self.account['unit_id']}/", "/penilaian/kalibrasi/[p]/unit/[u]/"
        )

    @task(1)
    def team_dashboard(self) -> None:
        self.page("/wawasan/dasbor/tim/", "/wawasan/dasbor/tim/")


class AgencyHead(KarierUser):
    weight = 5
    role = "agency_head"

    @task(1)
    def home(self) -> None:
        self.page("/", "/")

    @task(1)
    def calibration(self) -> None:
        self.page("/penilaian/kalibrasi/", "/penilaian/kalibrasi/")

    @task(2)
    def agency_curve(self) -> None:
        self.page(f"/penilaian/kalibrasi/{PERIODE}/opd/{self.account['opd_id']}/", "/penilaian/kalibrasi/[p]/opd/[o]/")

    @task(2)
    def agency_dashboard(self) -> None:
        self.page(f"/wawasan/dasbor/opd/?opd={self.account['opd_id']}", "/wawasan/dasbor/opd/")

    @task(1)
    def directory(self) -> None:
        self.page(f"/pegawai/?opd={self.account['opd_id']}", "/pegawai/?opd=[o]")


class Admin(KarierUser):
    weight = 5
    role = "admin"

    @task(1)
    def home(self) -> None:
        self.page("/", "/")

    @task(3)
    def directory(self) -> None:
        self.search()

    @task(2)
    def province_dashboard(self) -> None:
        self.page("/wawasan/dasbor/provinsi/", "/wawasan/dasbor/provinsi/")

    @task(2)
    def api_people(self) -> None:
        self.page("/api/v1/pegawai?limit=50", "/api/v1/pegawai")

    @task(1)
    def calendar(self) -> None:
        self.page("/penilaian/kalender/", "/penilaian/kalender/")


class Auditor(KarierUser):
    weight = 2
    role = "auditor"

    @task(1)
    def home(self) -> None:
        self.page("/", "/")

    @task(1)
    def audit_trail(self) -> None:
        self.page("/jejak-audit/", "/jejak-audit/")

    @task(1)
    def province_dashboard(self) -> None:
        self.page("/wawasan/dasbor/provinsi/", "/wawasan/dasbor/provinsi/")

    @task(1)
    def directory(self) -> None:
        self.search()


class Public(HttpUser):
    """A citizen who scanned a QR code: no account, a new device and address per answer."""

    weight = 8
    wait_time = between(0.5, 1.5)

    @task
    def answer(self) -> None:
        token = random.choice(DATA["public"])["token"]
        self.client.cookies.clear()  # a new device
        address = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
        headers = {"X-Forwarded-For": address}
        url = f"/umpan-balik/{token}/"
        with self.client.get(url, name="/umpan-balik/[token]/", headers=headers, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code}")
                return
            page = r.text or ""
        time.sleep(random.uniform(3.2, 6))  # filling in; the form refuses answers under 3 s
        m = FT_RE.search(page)
        data = {
            "csrfmiddlewaretoken": _csrf(page),
            "ft": m.group(1) if m else "",
            "skor_layanan": str(random.randint(3, 5)),
            "skor_perilaku": str(random.randint(3, 5)),
            "komentar": random.choice(["", "Pelayanan cepat dan ramah.", "Antrean agak lama."]),
            "website": "",
        }
        with self.client.post(url, data, name="/umpan-balik/[token]/", headers=headers, catch_response=True) as r:
            if r.status_code != 200 or "terima-kasih" not in r.url:
                r.failure(f"HTTP {r.status_code}, not thanked")
