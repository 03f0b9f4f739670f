"""Extract every translatable string of Goldseam into resources/translations/goldseam.pot.

    python3 packaging/i18n/extract.py            # write the .pot
    python3 packaging/i18n/extract.py --merge de # and bring de.po up to date with it
    python3 packaging/i18n/extract.py --check    # exit 1 if the .pot is not what the sources say

A string is translatable when it is the literal first argument of _(), N_() or ngettext()
(its first two, for ngettext and N_plural, a pair kept for ngettext later), called by name or as module.N_(...). Adjacent literals are one
string, as Python joins them. Standard library only (ast), so any Python 3.11+ runs it.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import po  # noqa: E402

ROOT = HERE.parents[1]
SOURCES = ROOT / "desktop" / "goldseam"
TRANSLATIONS = ROOT / "resources" / "translations"
POT = TRANSLATIONS / "goldseam.pot"
FUNCTIONS = {"_": 1, "N_": 1, "ngettext": 2, "N_plural": 2}
POT_HEADER = ("Project-Id-Version: Goldseam\n"
              "Content-Type: text/plain; charset=UTF-8\n"
              "Content-Transfer-Encoding: 8bit\n")
PLURALS = {"de": "nplurals=2; plural=(n != 1);", "en": "nplurals=2; plural=(n != 1);",
           "es": "nplurals=2; plural=(n != 1);"}


def _called(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def extract(sources: Path = SOURCES) -> list[po.Entry]:
    """Every translatable message, in the order the sources first use it."""
    found: dict[tuple[str, str | None], po.Entry] = {}
    for path in sorted(sources.rglob("*.py")):
        relative = (path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.relative_to(sources)).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _called(node) not in FUNCTIONS:
                continue
            wanted = FUNCTIONS[_called(node)]
            args = node.args[:wanted]
            if len(args) < wanted or not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
                continue
            singular = args[0].value
            plural = args[1].value if wanted == 2 else None
            if not singular:
                continue
            entry = found.setdefault((singular, plural), po.Entry(singular, plural,
                                                                  ["", ""] if plural is not None else [""]))
            entry.references.append((relative, node.lineno))
            if "{" in singular or (plural and "{" in plural):
                entry.flags.add("python-brace-format")
    entries = list(found.values())
    for entry in entries:
        entry.references.sort()
    entries.sort(key=lambda e: e.references[0])
    for entry in entries:     # files only: a line moved is no change to the catalogue
        entry.references = list(dict.fromkeys(name for name, _line in entry.references))
    return entries


def merge(language: str, template: list[po.Entry]) -> tuple[int, int]:
    """Bring LANGUAGE.po up to the template: translations kept, new messages added empty, messages
    no longer used dropped. Returns (new, dropped)."""
    path = TRANSLATIONS / f"{language}.po"
    header, old = po.read(path) if path.exists() else ("", [])
    known = {entry.key: entry for entry in old}
    merged = []
    for entry in template:
        was = known.pop(entry.key, None)
        copy = po.Entry(entry.msgid, entry.msgid_plural, list(was.msgstr) if was else list(entry.msgstr),
                        list(entry.references), set(entry.flags) | ({"fuzzy"} if was and "fuzzy" in was.flags else set()))
        merged.append(copy)
    if not header:
        header = POT_HEADER + f"Language: {language}\nPlural-Forms: {PLURALS.get(language, PLURALS['en'])}\n"
    po.write(path, header, merged)
    return sum(1 for e in template if e.key not in {o.key for o in old}), len(known)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--merge", metavar="LANG", action="append", default=[])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    entries = extract()
    if args.check:
        _header, written = po.read(POT) if POT.exists() else ("", [])
        if [e.key for e in written] != [e.key for e in entries]:
            print(f"{POT.relative_to(ROOT)} is not up to date: run python3 packaging/i18n/extract.py",
                  file=sys.stderr)
            return 1
        return 0
    po.write(POT, POT_HEADER, entries)
    print(f"{len(entries)} messages in {POT.relative_to(ROOT)}")
    for language in args.merge:
        new, dropped = merge(language, entries)
        print(f"{language}.po: {new} new, {dropped} no longer used")
    return 0


if __name__ == "__main__":
    sys.exit(main())
