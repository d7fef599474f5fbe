"""The `karier` console command: Django's manage.py, installed as an entry point."""

import os
import sys


def command_argv(argv: list[str]) -> list[str]:
    """Both spellings of a command work: `karier tutup-periode` runs `tutup_periode`.

    Django names commands after their module, so modules use `_`; the docs use the friendlier `-`.
    Only the command name is translated, never its options or arguments.
    """
    if len(argv) > 1 and not argv[1].startswith("-"):
        return [argv[0], argv[1].replace("-", "_"), *argv[2:]]
    return list(argv)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(command_argv(sys.argv))


if __name__ == "__main__":
    main()
