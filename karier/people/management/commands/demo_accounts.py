"""`karier demo-accounts`: print the demo logins again (after `karier seed-demo`)."""

from typing import Any

from django.core.management.base import BaseCommand

from karier.accounts.models import User
from karier.people.demo import demo_accounts


class Command(BaseCommand):
    help = "Tampilkan akun demo (nama pengguna, kata sandi, peran)."

    def handle(self, *args: Any, **options: Any) -> None:
        accounts = demo_accounts()
        existing = set(
            User.objects.filter(username__in=[a.username for a in accounts]).values_list("username", flat=True)
        )
        if not existing:
            self.stdout.write("Belum ada data demo. Jalankan: karier seed-demo")
            return
        self.stdout.write("Akun demo (kata sandi sama untuk semua):")
        for a in accounts:
            if a.username in existing:
                self.stdout.write(f"  {a.username:<20} {a.password:<12} {a.role} — {a.nama}")
