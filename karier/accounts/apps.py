from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "karier.accounts"
    label = "accounts"
    verbose_name = "Akun dan akses"
