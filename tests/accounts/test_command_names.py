"""Both spellings of a console command work (`karier create-api-token` = `create_api_token`)."""

from __future__ import annotations

import pytest
from django.core.management import get_commands

from config.manage import command_argv

DOCUMENTED = [
    "create-api-token",
    "tutup-periode",
    "kirim-pengingat",
    "seed-demo",
    "seed-standards",
    "skp-bulk",
    "seed-appraisal-demo",
    "seed-history-demo",
    "seed-talent-demo",
    "hitung-karier",
    "demo-accounts",
    "load-refdata",
    "tugas-harian",
]


@pytest.mark.parametrize("name", DOCUMENTED)
def test_every_documented_dash_name_reaches_a_real_command(name: str) -> None:
    argv = command_argv(["karier", name, "--opsi-dengan-strip", "nilai-x"])
    assert argv[1] in get_commands(), argv[1]
    assert argv[2:] == ["--opsi-dengan-strip", "nilai-x"]  # options and values are untouched


def test_global_options_are_not_translated() -> None:
    assert command_argv(["karier", "--version"]) == ["karier", "--version"]
    assert command_argv(["karier"]) == ["karier"]
