"""Where each moment of the journal is kept: small TinyDB files, a few for each month.

A moment lives in a part of the UTC month of its `created_at`, so the parts in name order
are the history in time order, and the newest moments are in the newest parts. A month
holds parts 1, 2, 3... : a new moment goes into the month's last part unless that part is
already PART_BYTES long, so one save rewrites at most about PART_BYTES, however long the
history and however busy the month. Records whose time cannot be read (edited by hand)
live in "undated" parts, read only when the whole journal is.
"""

from __future__ import annotations

import os
import re
import stat
from datetime import timezone
from pathlib import Path
from typing import Iterator, NamedTuple

from ..core import clock
from .atomic_file import TEMP_SUFFIX
from .errors import NotAFolder
from ..i18n import _

JOURNAL_FOLDER = "journal"          # inside the data folder
PHRASES_FILE = "phrases.json"       # own phrases, a small file of their own
INDEX_FILE = "index.json"           # which part holds which moment: derived, rebuilt when it disagrees
PART_BYTES = 256 * 1024             # a part grows past this only by an edit of a moment already in it
UNDATED = "undated"
MOMENTS = "moments"                 # the table of a part that holds its moments

_NAME = re.compile(r"(?:(\d{4}-(?:0[1-9]|1[0-2]))|undated)-([1-9][0-9]{0,5})\.json")


class Part(NamedTuple):
    """One file of the journal: its month ("2026-11", or "undated") and its number in the month.
    A named tuple: thousands are made at each listing of a long journal."""

    month: str
    number: int

    @property
    def file(self) -> str:
        return f"{self.month}-{self.number}.json"

    @property
    def order(self) -> tuple[str, int]:
        """Oldest first: undated parts, then the months in time order."""
        return ("" if self.month == UNDATED else self.month, self.number)

    def next(self) -> "Part":
        return Part(self.month, self.number + 1)


def parse_part(name: str) -> Part | None:
    """The part a file name stands for, or None for any other name (backups, set-aside files...)."""
    match = _NAME.fullmatch(name)
    if match is None:
        return None
    return Part(match.group(1) or UNDATED, int(match.group(2)))


def is_journal_file(name: str) -> bool:
    """A file of the journal folder that holds words: a part, or the own phrases."""
    return name == PHRASES_FILE or parse_part(name) is not None


def month_of(created_at: object) -> str:
    """The UTC month of a stored time ("2026-11", the year always in four digits), or UNDATED when it
    cannot be read or lies outside the range of clock.from_iso. UTC, so that the order of the months
    is the order of the instants, across offsets and daylight saving."""
    try:
        when = clock.from_iso(created_at)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return UNDATED
    when = when.astimezone(timezone.utc)     # in range: no overflow, and the year has four digits
    return f"{when.year:04d}-{when.month:02d}"


def month_of_checked(created_at: str) -> str:
    """month_of for a time the reader accepted: a time in UTC ("+00:00" or "Z") is in the month its
    first seven characters name, without parsing it (an import finds the month of every moment)."""
    if created_at.endswith(("+00:00", "Z")):
        return created_at[:7]
    return month_of(created_at)


PENDING_FOLDER = "pending"          # a transaction's folder inside the journal folder: Goldseam's own
_OWN_FOLDERS = ("backups", PENDING_FOLDER)
_SYSTEM_FILES = (".DS_Store", "Thumbs.db", "desktop.ini")   # written by file managers, never read
_ASIDE = re.compile(r"\.(?:corrupt-[0-9TZ-]+|before-schema-[0-9]+)\.json")


def is_own_name(name: str, is_folder: bool) -> bool:
    """Whether Goldseam (or the system's file manager) put an entry of this name in the journal
    folder: a part, the phrases, the index, a file set aside or kept before a schema change, one
    of Goldseam's temp files, or its folders. Anything else (a part of a name this version never
    writes, like the `999-06-1.json` of a year without four digits) is not read as the journal,
    and `check` names it."""
    if is_folder:
        return name in _OWN_FOLDERS
    if name == INDEX_FILE or name in _SYSTEM_FILES or is_journal_file(name):
        return True
    if name.startswith(".") and name.endswith(TEMP_SUFFIX):
        return True
    stem, dot, rest = name.partition(".")
    return bool(dot) and is_journal_file(stem + ".json") and _ASIDE.fullmatch("." + rest) is not None


def strays(folder: Path) -> list[str]:
    """The entries of the journal folder that are not Goldseam's own (is_own_name), by name."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    return sorted(entry.name for entry in entries
                  if not is_own_name(entry.name, entry.is_dir(follow_symlinks=False)))


def list_parts(folder: Path) -> list[Part]:
    """Every part in the journal folder, oldest first."""
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    parts = [part for part in map(parse_part, names) if part is not None]
    return sorted(parts, key=lambda part: part.order)


def by_month_newest_first(parts: list[Part]) -> list[list[Part]]:
    """The dated parts grouped by month, newest month first (undated parts are left out)."""
    months: dict[str, list[Part]] = {}
    for part in parts:
        if part.month != UNDATED:
            months.setdefault(part.month, []).append(part)
    return [months[month] for month in sorted(months, reverse=True)]


def months_newest_first(names: list[str]) -> Iterator[list[Part]]:
    """The dated parts among `names`, a month at a time, newest month first. Lazy: the home screen
    needs one or two months, and only their names are parsed."""
    month: list[Part] = []
    for name in sorted((n for n in names if n[:1].isdigit()), reverse=True):
        part = parse_part(name)
        if part is None:
            continue
        if month and part.month != month[0].month:
            yield month
            month = []
        month.append(part)
    if month:
        yield month


def names_in(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except FileNotFoundError:
        return []


def check_journal_folder(folder: Path) -> None:
    """NotAFolder unless the journal folder is absent or a real folder (never a link: an unplugged
    disk behind it would look like an empty journal, and anything else could be read through it)."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return
    except OSError:
        raise NotAFolder(folder) from None
    if stat.S_ISLNK(info.st_mode):
        target = os.readlink(folder)
        raise NotAFolder(folder, (_("a link to {target}") if os.path.exists(folder) else
                                  _("a link to {target}, which is not there")).format(target=target))
    if not stat.S_ISDIR(info.st_mode):
        raise NotAFolder(folder, _("a pipe") if stat.S_ISFIFO(info.st_mode) else _("a file"))


def set_aside_without_backup(folder: Path) -> list[Path]:
    """Files of the journal set aside as unreadable (<stem>.corrupt-<time>.json) that never had a
    backup, held or kept: the moments in them could not be brought back, and are missing from the
    journal while the file waits there. (One with a backup was offered for restoring.)"""
    backed_up = set()
    for place in (folder / "backups", folder / "backups" / "held"):
        backed_up |= {name.split(".", 1)[0] for name in names_in(place)}
    return sorted(folder / name for name in names_in(folder)
                  if ".corrupt-" in name and name.split(".", 1)[0] not in backed_up)
