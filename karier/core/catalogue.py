"""The translation catalogue (`karier/locale/<lang>/LC_MESSAGES/django.po`) read and written without
a third-party library, for `bin/messages` and the catalogue tests.

Bahasa Indonesia is the source language (the msgids); English is a catalogue that must stay
complete. Two things make that practical while several people add strings at once: listing what
is still untranslated (`missing`), and filling those entries from a JSON file (`apply`), after
which `bin/messages` re-runs `makemessages` so gettext normalises the file's layout.

Keys are gettext's own: the msgid, prefixed by `msgctxt + "\\x04"` when there is a context — the
same keys Python's `gettext.GNUTranslations` uses for a compiled `.mo`, so the two can be compared.

Usage (what `bin/messages` calls): `python -m karier.core.catalogue missing [PO]` prints a JSON
object of the untranslated or fuzzy entries (msgid → "" or, for plurals, msgid → ["", ""]);
`python -m karier.core.catalogue apply FILE.json [PO]` writes such an object, filled in, into the
catalogue and clears the fuzzy flags of the entries it fills; `python -m karier.core.catalogue
unwrapped [PATH…]` lists Python messages (refusals, validation and flash messages) that are plain
strings instead of `gettext(...)` and so cannot be translated (`bin/messages --unwrapped`).
"""

from __future__ import annotations

import gettext
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
EN_PO = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
EN_MO = EN_PO.with_suffix(".mo")
CONTEXT_SEP = "\x04"
HEADER = {
    "Project-Id-Version": "Karier",
    "Last-Translator": "Karier",
    "Language-Team": "Karier",
    "Language": "en",
}
PLACEHOLDERS = ("Report-Msgid-Bugs-To", "PO-Revision-Date", "POT-Creation-Date")  # gettext's template

_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


@dataclass
class Entry:
    """One catalogue entry; `msgstr` holds one string, or one per plural form."""

    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # every other `#` line, kept as written

    @property
    def key(self) -> str:
        return f"{self.msgctxt}{CONTEXT_SEP}{self.msgid}" if self.msgctxt is not None else self.msgid

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr) and not self.fuzzy


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError(f"bukan string .po: {text!r}")
    out, i, body = [], 0, text[1:-1]
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            out.append(_ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n") + '"'


def parse(text: str) -> list[Entry]:
    """The entries of a .po text, header (msgid "") included; obsolete `#~` entries are skipped."""
    entries: list[Entry] = []
    current = Entry()
    target: tuple[str, int] | None = None  # which field continuation lines extend
    started = False

    def finish() -> None:
        nonlocal current, target, started
        if started:
            entries.append(current)
        current, target, started = Entry(), None, False

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#"):
            if target is not None and target[0] != "comment":
                finish()
            if line.startswith("#,"):
                current.flags.extend(f.strip() for f in line[2:].split(",") if f.strip())
            else:
                current.comments.append(raw)
            target = ("comment", 0)
            continue
        if line.startswith("msgctxt "):
            if target is not None and target[0] != "comment":
                finish()
            current.msgctxt, target, started = _unquote(line[8:]), ("msgctxt", 0), True
        elif line.startswith("msgid_plural "):
            current.msgid_plural, target = _unquote(line[13:]), ("msgid_plural", 0)
        elif line.startswith("msgid "):
            if target is not None and target[0] not in ("comment", "msgctxt"):
                finish()
            current.msgid, target, started = _unquote(line[6:]), ("msgid", 0), True
        elif line.startswith("msgstr["):
            index = int(line[7 : line.index("]")])
            while len(current.msgstr) <= index:
                current.msgstr.append("")
            current.msgstr[index] = _unquote(line[line.index("]") + 1 :])
            target = ("msgstr", index)
        elif line.startswith("msgstr "):
            current.msgstr, target = [_unquote(line[7:])], ("msgstr", 0)
        elif line.startswith('"') and target is not None:
            value = _unquote(line)
            name, index = target
            if name == "msgstr":
                current.msgstr[index] += value
            elif name == "msgid":
                current.msgid += value
            elif name == "msgid_plural":
                current.msgid_plural = (current.msgid_plural or "") + value
            elif name == "msgctxt":
                current.msgctxt = (current.msgctxt or "") + value
        else:
            raise ValueError(f"baris .po tidak dikenal: {raw!r}")
    finish()
    return entries


def _field(name: str, value: str) -> list[str]:
    if "\n" not in value.rstrip("\n"):
        return [f"{name} {_quote(value)}"]
    parts = value.splitlines(keepends=True)
    return [f'{name} ""', *(_quote(part) for part in parts)]


def render(entries: list[Entry]) -> str:
    """A .po text for the entries (gettext re-wraps it on the next `makemessages`)."""
    blocks = []
    for e in entries:
        # gettext's order: comments and references, then flags, then the previous msgid (`#|`)
        lines = [c for c in e.comments if not c.startswith("#|")]
        if e.flags:
            lines.append("#, " + ", ".join(e.flags))
        lines += [c for c in e.comments if c.startswith("#|")]
        if e.msgctxt is not None:
            lines += _field("msgctxt", e.msgctxt)
        lines += _field("msgid", e.msgid)
        if e.msgid_plural is not None:
            lines += _field("msgid_plural", e.msgid_plural)
            for i, value in enumerate(e.msgstr or ["", ""]):
                lines += _field(f"msgstr[{i}]", value)
        else:
            lines += _field("msgstr", e.msgstr[0] if e.msgstr else "")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def read(path: Path = EN_PO) -> list[Entry]:
    return parse(path.read_text(encoding="utf-8"))


def messages(entries: list[Entry]) -> list[Entry]:
    """The entries that are messages (everything but the header)."""
    return [e for e in entries if e.msgid != "" or e.msgctxt is not None]


def missing(entries: list[Entry]) -> list[Entry]:
    """Messages without a usable translation: an empty msgstr (any plural form) or a fuzzy one."""
    return [e for e in messages(entries) if not e.translated]


def expected_mo(entries: list[Entry]) -> dict[object, str]:
    """What `msgfmt` puts in the compiled catalogue, as `GNUTranslations._catalog` keys: the
    translated, non-fuzzy messages (plural forms as `(msgid, n)`)."""
    out: dict[object, str] = {}
    for e in messages(entries):
        if not e.translated:
            continue
        if e.msgid_plural is not None:
            for i, value in enumerate(e.msgstr):
                out[(e.key, i)] = value
        else:
            out[e.key] = e.msgstr[0]
    return out


def compiled(path: Path = EN_MO) -> dict[object, str]:
    """The messages of a compiled `.mo` (the header entry left out)."""
    with path.open("rb") as fp:
        catalog: dict[object, str] = dict(gettext.GNUTranslations(fp)._catalog)  # type: ignore[attr-defined]
    catalog.pop("", None)
    return catalog


def fix_header(entries: list[Entry]) -> None:
    """A real header (not gettext's fuzzy template), so `msgfmt` and reviewers see the language."""
    for e in entries:
        if e.msgid == "" and e.msgctxt is None:
            values: dict[str, str] = {}
            for line in (e.msgstr[0] if e.msgstr else "").split("\n"):
                name, _sep, value = line.partition(":")
                if name:
                    values[name] = value.strip()
            values.update(HEADER)
            for name in PLACEHOLDERS:
                values.pop(name, None)
            e.msgstr = ["".join(f"{k}: {v}\n" for k, v in values.items())]
            e.flags = [f for f in e.flags if f != "fuzzy"]
            e.comments = ["# English catalogue of Karier (source language: Bahasa Indonesia)."]


def missing_json(entries: list[Entry]) -> dict[str, object]:
    """The untranslated messages in the shape `apply` takes, with the fuzzy suggestion kept."""
    out: dict[str, object] = {}
    for e in missing(entries):
        if e.msgid_plural is not None:
            out[e.key] = list(e.msgstr) if e.fuzzy else ["", ""]
        else:
            out[e.key] = e.msgstr[0] if e.fuzzy and e.msgstr else ""
    return out


def apply(entries: list[Entry], translations: dict[str, object]) -> list[str]:
    """Write the non-empty translations into their entries (clearing fuzzy); returns the keys
    that matched no entry, so a typo in a msgid is reported rather than lost."""
    by_key = {e.key: e for e in messages(entries)}
    unknown = []
    for key, value in translations.items():
        entry = by_key.get(key)
        if entry is None:
            unknown.append(key)
            continue
        values = [value] if isinstance(value, str) else [str(v) for v in value]  # type: ignore[attr-defined]
        if not all(values):
            continue
        if entry.msgid_plural is not None and len(values) == 1:
            values = values * 2
        entry.msgstr = values
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        entry.comments = [c for c in entry.comments if not c.startswith("#|")]
    return unknown


# Calls whose first argument a person reads: a refusal, a validation message, a flash message.
SHOWN_CALLS = {"ValidationError", "PermissionDenied", "Http404", "Refusal", "success", "error", "info", "warning"}


def unwrapped(paths: list[Path]) -> list[tuple[str, int, str]]:
    """Python messages shown to people but written as plain strings (or f-strings) instead of
    `gettext(...)`: they stay Indonesian in English. (file, line, text) for each."""
    import ast

    found = []
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name not in SHOWN_CALLS:
                continue
            args = node.args[1:] if name in {"success", "error", "info", "warning"} else node.args[:1]
            if name == "ValidationError" and args and isinstance(args[0], ast.Dict):
                args = [v for v in args[0].values if v is not None]  # {"field": "message", …}
            for arg in args[: len(args) if name == "ValidationError" else 1]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and " " in arg.value:
                    found.append((str(path), node.lineno, arg.value))
                elif isinstance(arg, ast.JoinedStr):
                    found.append((str(path), node.lineno, ast.unparse(arg)))
    return sorted(found)


def python_sources(root: Path) -> list[Path]:
    """The project's Python files under `root`, without migrations and without the `*.html.py`
    copies `makemessages` writes next to templates while it extracts (another process may be
    extracting at that moment: the catalogue test runs beside the rest of the suite)."""
    return [
        p for p in root.rglob("*.py") if "migrations" not in p.parts and not p.name.endswith((".html.py", ".txt.py"))
    ]


def main(argv: list[str]) -> int:
    command, args = (argv[0], argv[1:]) if argv else ("missing", [])
    if command == "missing":
        po = Path(args[0]) if args else EN_PO
        found = missing_json(read(po))
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=1) + "\n")
        sys.stdout.flush()
        sys.stderr.write(f"{len(found)} belum diterjemahkan di {po}\n")
        return 1 if found else 0
    if command == "apply" and args:
        po = Path(args[1]) if len(args) > 1 else EN_PO
        entries = read(po)
        unknown = apply(entries, json.loads(Path(args[0]).read_text(encoding="utf-8")))
        fix_header(entries)
        po.write_text(render(entries), encoding="utf-8")
        for key in unknown:
            sys.stderr.write(f"tidak ada di katalog: {key!r}\n")
        return 1 if unknown else 0
    if command == "header":
        po = Path(args[0]) if args else EN_PO
        entries = read(po)
        fix_header(entries)
        po.write_text(render(entries), encoding="utf-8")
        return 0
    if command == "unwrapped":
        roots = [Path(a) for a in args] or [LOCALE_DIR.parent]
        paths = sorted(p for root in roots for p in ([root] if root.is_file() else python_sources(root)))
        hits = unwrapped(paths)
        for file, line, text in hits:
            sys.stdout.write(f"{file}:{line}: {text}\n")
        sys.stderr.write(f"{len(hits)} pesan Python tanpa gettext\n")
        return 1 if hits else 0
    sys.stderr.write(
        "pakai: python -m karier.core.catalogue missing [PO] | apply FILE.json [PO] | header [PO] | unwrapped [PATH…]\n"
    )
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
