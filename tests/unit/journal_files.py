"""Where the journal keeps things on disk, for tests that look at or damage its files.

The journal is the folder <data>/journal/: a moment lives in the part of the UTC month of its
`created_at` (<YYYY-MM>-<n>.json; n is 1 for any journal smaller than a part), own phrases in
phrases.json, backups of both in journal/backups/ (held ones in journal/backups/held/).
"""

from __future__ import annotations

import json
from pathlib import Path

from goldseam.storage.journal import part_storage
from goldseam.storage.journal_parts import JOURNAL_FOLDER, PHRASES_FILE, month_of


def journal_folder(data_dir: Path) -> Path:
    return Path(data_dir) / JOURNAL_FOLDER


def part_name(moment) -> str:
    """The file name of the (first) part of the month that holds `moment`."""
    return f"{month_of(moment.created_at)}-1.json"


def part_of(data_dir: Path, moment) -> Path:
    """The part that holds `moment` in a journal smaller than one part per month."""
    return journal_folder(data_dir) / part_name(moment)


def phrases_file(data_dir: Path) -> Path:
    return journal_folder(data_dir) / PHRASES_FILE


def journal_backups(data_dir: Path) -> Path:
    return journal_folder(data_dir) / "backups"


def held_backups(data_dir: Path) -> Path:
    return journal_backups(data_dir) / "held"


def read_doc(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def is_good_part(path: Path) -> bool:
    """Whether `path` is a journal part (or a backup of one) that Goldseam can understand."""
    return part_storage(Path(path), read_only=True).is_good_file(Path(path))
