"""Compile every resources/translations/LANG.po into LANG/LC_MESSAGES/goldseam.mo beside it.

The compiled files are built (by `make`'s install step, `make translations` and the wheel's build
hook), never committed. Untranslated and fuzzy messages are left out, so they show in English.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import po  # noqa: E402

TRANSLATIONS = HERE.parents[1] / "resources" / "translations"
DOMAIN = "goldseam"


def compile_all(source: Path = TRANSLATIONS, target: Path | None = None) -> list[Path]:
    target = target or source
    written = []
    for catalogue in sorted(source.glob("*.po")):
        header, entries = po.read(catalogue)
        mo = target / catalogue.stem / "LC_MESSAGES" / f"{DOMAIN}.mo"
        po.replace_atomically(mo, po.mo_bytes(header, entries))
        written.append(mo)
    return written


if __name__ == "__main__":
    for path in compile_all():
        print(f"compiled {path.relative_to(HERE.parents[1])}")
