"""`karier create_api_token <username> --name X`: print a new API token for a user, once."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from karier.accounts.models import User
from karier.accounts.tokens import token_create
from karier.people.access import SYSTEM


class Command(BaseCommand):
    help = "Buat token API (Bearer) untuk seorang pengguna. Token hanya ditampilkan sekali."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="Nama pengguna (atau NIP) pemilik token.")
        parser.add_argument("--name", required=True, help="Nama token, mis. nama skrip yang memakainya.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Pengguna {options['username']!r} tidak ditemukan.")
        try:
            token, key = token_create(actor=SYSTEM, user=user, name=options["name"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stderr.write(
            f"Token {token.name!r} untuk {user.get_username()} dibuat. Simpan sekarang: "
            "token ini tidak dapat ditampilkan lagi."
        )
        self.stdout.write(key)
