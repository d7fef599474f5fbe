"""The demo commands as an evaluator types them (README "Quick start"): `karier seed-demo` reports what it
made and prints the demo logins; `karier demo-accounts` prints them again, or says how to make them."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from karier.people.demo import demo_accounts
from karier.people.models import Pegawai

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_demo_accounts_before_and_after_seeding() -> None:
    assert _run("demo_accounts").strip() == "Belum ada data demo. Jalankan: karier seed-demo"
    seeded = _run("seed_demo", "--pegawai", "300", "--seed", "3", "--tanpa-akun")
    assert "Membuat data demo: 300 pegawai, benih 3…" in seeded and "Selesai dalam" in seeded
    assert Pegawai.objects.count() == 300
    counts = {line.split()[0]: line for line in seeded.splitlines() if line.startswith("  ")}
    assert counts["Pegawai"].split()[1] == "300"
    listed = _run("demo_accounts")
    assert listed.startswith("Akun demo (kata sandi sama untuk semua):")
    for a in demo_accounts():
        assert a.username in listed and a.username in seeded and a.role in listed
        assert authenticate(username=a.username, password=a.password) is not None, a.username
