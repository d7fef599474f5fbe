"""`karier makemessages`: Django's command with Karier's choices built in, so that `bin/messages`,
the catalogue test and a developer typing the command by hand extract exactly the same strings.

- `_l` is a keyword too (`gettext_lazy as _l` next to `gettext as _` in one module); xgettext
  would otherwise skip those strings and they would stay Indonesian in English.
- What is not the application is never scanned: tests, benchmarks, docs, runtime data, static
  files (JavaScript reads its texts from translated `data-` attributes), the virtualenv.
- New strings are not pre-filled from similar ones (no fuzzy matching).
- File-only locations and no obsolete entries keep the committed `.po` diff small when several
  people add strings at the same time (line numbers would change on every edit).
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import makemessages

IGNORED = ["tests", "var", "bench", "docs", "static", "requirements", "node_modules", "out", "htmlcov", ".venv"]


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=_l"]
    # A new string starts empty: gettext's guess from a similar old string ("fuzzy") is almost
    # always wrong for short UI labels, and an empty msgstr is what `bin/messages --missing` lists.
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.set_defaults(no_obsolete=True, add_location="file")

    def handle(self, *args: Any, **options: Any) -> None:
        options["ignore_patterns"] = [*(options.get("ignore_patterns") or []), *IGNORED]
        super().handle(*args, **options)
