"""Rotating backups of one data file: the last few saves plus one a day for a week,
and the backups held for the person after a file had to be set aside.

A snapshot is a hard link to the file that is about to be replaced (the
atomic write leaves that inode alone), so it costs no copy; where links are
not possible (vfat, exFAT, some network shares) it is a private copy.
Names carry UTC times, so the repeated hour at the end of daylight saving
never makes a new generation sort as old.
"""

from __future__ import annotations

import bisect
import calendar
import os
import re
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

from .atomic_file import write_atomic
from .errors import StorageError
from .file_reading import MAX_STORED_BYTES, read_regular_file

BACKUP_FOLDER = "backups"
HELD_FOLDER = "held"
_STAMP = re.compile(r"(\d{8}T\d{6})(Z?)-(\d{9})(?:-\d+)?")


@dataclass(frozen=True)
class HeldBackup:
    """A file that was set aside, with the newest good backup kept until the person decides."""

    file: str
    backup: Path


class BackupRotation:
    def __init__(self, file: Path, keep_recent: int = 5, keep_days: int = 7,
                 now_ns: Callable[[], int] = time.time_ns):
        self.file = Path(file)
        self.folder = self.file.parent / BACKUP_FOLDER
        self.held_folder = self.folder / HELD_FOLDER
        self.keep_recent = keep_recent
        self.keep_days = keep_days
        self._stem = self.file.stem
        self._now_ns = now_ns
        self.copy_new_files = False     # see SharedRotation

    def snapshot(self) -> list[Path]:
        """Keep the current file before it is replaced; the backups made. Best effort: a failed
        backup never stops a save (the save itself reports real disk trouble), and pruning always runs.
        Called once the new file is written in full, right before it takes the old one's place."""
        made: list[Path] = []
        if not os.path.lexists(self.file):
            return made
        ns = self._now_ns()
        try:
            self.folder.mkdir(mode=0o700, exist_ok=True)
            stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(ns // 1_000_000_000)) + f"-{ns % 1_000_000_000:09d}"
            made.append(_link_or_copy(self.file, self._free_name(f"{self._stem}.{stamp}")))
            if self.keep_days > 0:
                daily = self.folder / f"{self._stem}.daily-{self._utc_day(ns)}.json"
                if not os.path.lexists(daily):
                    made.append(_link_or_copy(self.file, daily))
        except (OSError, StorageError):
            pass
        finally:
            self._prune(ns, made)
        return made

    def keep_copy(self, sync_folder: bool = True) -> Path | None:
        """A copy of the file as it is now, for a file that had no earlier version to keep (a part of
        the journal written for the first time): a copy, never a link, so that damage to the file in
        place cannot reach its backup. Best effort, as every backup. `sync_folder=False`: the copy is
        flushed, the backups folder is not (the caller making many copies flushes it once after)."""
        try:
            raw = read_regular_file(self.file, MAX_STORED_BYTES)
            self.folder.mkdir(mode=0o700, exist_ok=True)
            ns = self._now_ns()
            stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(ns // 1_000_000_000)) + f"-{ns % 1_000_000_000:09d}"
            target = self._free_name(f"{self._stem}.{stamp}")
            write_atomic(target, raw, sync_folder=sync_folder)
            return target
        except (OSError, StorageError):
            return None

    def forget_if_current(self, made: list[Path]) -> None:
        """A save that did not happen must not leave a backup that is the current file itself
        (a hard link): damage to the one would be damage to the other."""
        for backup in made:
            try:
                if os.path.samefile(backup, self.file):
                    backup.unlink()
            except OSError:
                pass

    def _free_name(self, base: str) -> Path:
        target, n = self.folder / f"{base}.json", 1
        while os.path.lexists(target):
            n += 1
            target = self.folder / f"{base}-{n}.json"
        return target

    def _utc_day(self, ns: int) -> str:
        return datetime.fromtimestamp(ns / 1e9, timezone.utc).date().isoformat()

    def _prune(self, ns: int, made: list[Path]) -> None:
        try:
            for old in self.recent()[self.keep_recent:]:
                old.unlink(missing_ok=True)
        except OSError:
            pass
        self._prune_daily(ns)

    def _prune_daily(self, ns: int) -> None:
        try:
            oldest_day = (datetime.fromtimestamp(ns / 1e9, timezone.utc).date()
                          - timedelta(days=self.keep_days - 1)).isoformat()
            for daily in self.daily():
                if daily.name[len(self._stem) + 7: -5] < oldest_day:
                    daily.unlink(missing_ok=True)
        except OSError:
            pass

    def recent(self) -> list[Path]:
        """Per-save backups, newest first."""
        found = self._list(self.folder, lambda name: not name.startswith(f"{self._stem}.daily-"))
        return sorted(found, key=lambda p: (_taken_at(p.name), p.name), reverse=True)

    def daily(self) -> list[Path]:
        return sorted(self._list(self.folder, lambda name: name.startswith(f"{self._stem}.daily-")),
                      key=lambda p: p.name, reverse=True)

    def all_newest_first(self) -> list[Path]:
        return _newest_first(self.recent() + self.daily())

    def newest_good(self, is_good: Callable[[Path], bool]) -> Path | None:
        return next((p for p in self.all_newest_first() if is_good(p)), None)

    # -- held for the person ----------------------------------------------

    def hold(self) -> None:
        """The file was set aside: keep every backup of it, out of the rotation's reach,
        until the person chooses to restore one or to let them go."""
        backups = self.all_newest_first()
        if not backups:
            return
        self.held_folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for backup in backups:
            target = self.held_folder / backup.name
            if not os.path.lexists(target):
                _link_or_copy(backup, target)

    def held(self) -> list[Path]:
        """Backups held after a file was set aside, newest first."""
        return _newest_first(self._list(self.held_folder, lambda name: True))

    def release_held(self) -> None:
        """The person has chosen: the held copies go (the rotation keeps its own)."""
        for held in self.held():
            held.unlink(missing_ok=True)
        try:
            self.held_folder.rmdir()
        except OSError:
            pass    # not empty (another file's held backups) or already gone

    def _list(self, folder: Path, keep: Callable[[str], bool]) -> list[Path]:
        try:
            names = os.listdir(folder)
        except OSError:
            return []
        prefix = f"{self._stem}."
        return [folder / n for n in names if n.startswith(prefix) and n.endswith(".json") and keep(n)]


def _taken_at(name: str) -> float:
    """When a per-save backup was taken, from its name: UTC names end in Z; names without
    it come from earlier versions, which wrote local time."""
    match = _STAMP.search(name)
    if not match:
        return 0.0
    when, utc, fraction = match.groups()
    fields = (int(when[0:4]), int(when[4:6]), int(when[6:8]), int(when[9:11]), int(when[11:13]), int(when[13:15]))
    try:
        seconds = calendar.timegm(fields) if utc else time.mktime(fields + (0, 0, -1))
    except (ValueError, OverflowError):
        return 0.0      # a day that does not exist (a name made by hand): the oldest, never an error
    return seconds + int(fraction) / 1e9


def _newest_first(backups: list[Path]) -> list[Path]:
    """By the time in their names, not the file times (saves a few milliseconds apart can share
    one). The per-save backups are the newest generations; a day's copy is never newer than them."""
    def age(path: Path) -> tuple[int, float, str]:
        daily = ".daily-" in path.name
        return (0 if daily else 1, 0.0 if daily else _taken_at(path.name), path.name)
    return sorted(backups, key=age, reverse=True)


def _link_or_copy(source: Path, target: Path) -> Path:
    """A hard link, else a private copy (0600 from the start: no chmod, which some file systems refuse)."""
    try:
        os.link(source, target)
    except OSError:
        write_atomic(target, read_regular_file(source, MAX_STORED_BYTES))
    return target


class SharedBackups:
    """The backups of the many files that share one backups folder (the parts of the journal),
    listed once a session and kept up to date as saves add and prune them: after decades the folder
    holds thousands of backups, and listing and sorting them at every save would make a save grow
    with the history."""

    def __init__(self, folder: Path, belongs: Callable[[str], bool]):
        self.folder = Path(folder)
        self._belongs = belongs
        self._by_stem: dict[str, list[tuple[float, str]]] | None = None    # per-save backups, oldest first
        self._daily: dict[str, list[str]] = {}
        self._all: list[tuple[float, str]] = []                               # every per-save backup, oldest first
        self._whole_look = True
        self._added = 0             # backups added since the last prune

    def _listed(self) -> dict[str, list[tuple[float, str]]]:
        if self._by_stem is None:
            self._by_stem, self._daily, self._all = {}, {}, []
            try:
                names = os.listdir(self.folder)
            except OSError:
                names = []
            for name in names:
                if name.endswith(".json") and self._belongs(name):
                    self._note(name)
            for items in self._by_stem.values():
                items.sort()
            self._all.sort()
        return self._by_stem

    def _note(self, name: str) -> None:
        stem = name.split(".", 1)[0]
        if ".daily-" in name:
            self._daily.setdefault(stem, []).append(name)
            return
        item = (_taken_at(name), name)
        self._by_stem.setdefault(stem, []).append(item)     # type: ignore[union-attr]
        self._all.append(item)

    def added(self, paths: list[Path]) -> None:
        by_stem = self._listed()
        for path in paths:
            name = path.name
            stem = name.split(".", 1)[0]
            if ".daily-" in name:
                if name not in self._daily.get(stem, []):
                    self._daily.setdefault(stem, []).append(name)
                continue
            item = (_taken_at(name), name)
            if item not in by_stem.get(stem, []):
                bisect.insort(by_stem.setdefault(stem, []), item)
                bisect.insort(self._all, item)
                self._added += 1

    def removed(self, name: str) -> None:
        by_stem = self._listed()
        stem = name.split(".", 1)[0]
        item = (_taken_at(name), name)
        for items in (by_stem.get(stem, []), self._all):      # sorted: found by halving, not by a walk
            at = bisect.bisect_left(items, item)
            if at < len(items) and items[at] == item:
                del items[at]
        if name in self._daily.get(stem, []):
            self._daily[stem].remove(name)

    def prune(self, stem: str, keep_recent: int) -> None:
        """Keep the last `keep_recent` backups over all the files, and each file's newest."""
        by_stem = self._listed()
        if self._whole_look:        # the first prune of a session looks at every backup once
            candidates = self._all[:-keep_recent] if keep_recent else list(self._all)
            self._whole_look = False
        else:                       # then only what can have changed: this file's older ones, and those just
            end = max(0, len(self._all) - keep_recent)                              # pushed out of the last few
            candidates = by_stem.get(stem, [])[:-1] + self._all[max(0, end - self._added): end]
        self._added = 0
        recent = set(self._all[-keep_recent:]) if keep_recent else set()
        for item in candidates:
            own = by_stem.get(item[1].split(".", 1)[0], [])
            if item in recent or (own and own[-1] == item):
                continue
            try:
                (self.folder / item[1]).unlink(missing_ok=True)
            except OSError:
                continue
            self.removed(item[1])

    def daily(self, stem: str) -> list[str]:
        self._listed()
        return list(self._daily.get(stem, []))


class SharedRotation(BackupRotation):
    """Backups of one file among several kept in one backups folder (the parts of the journal): the
    last `keep_recent` saves are counted over all of them, each keeps the backup of its own last save,
    and a day's copy per file for `keep_days` days. So the folder holds about one earlier copy of
    every file plus the last few saves, whatever the number of files, and never a copy per save."""

    def __init__(self, file: Path, shared: SharedBackups, keep_recent: int = 5, keep_days: int = 7,
                 now_ns: Callable[[], int] = time.time_ns):
        super().__init__(file, keep_recent=keep_recent, keep_days=keep_days, now_ns=now_ns)
        self.shared = shared
        self.copy_new_files = True    # a part of the journal is never without a backup, even after its first write

    def _prune(self, ns: int, made: list[Path]) -> None:
        self.shared.added(made)
        self.shared.prune(self._stem, self.keep_recent)
        try:
            oldest_day = (datetime.fromtimestamp(ns / 1e9, timezone.utc).date()
                          - timedelta(days=self.keep_days - 1)).isoformat()
            for name in self.shared.daily(self._stem):
                if name[len(self._stem) + 7: -5] < oldest_day:
                    (self.folder / name).unlink(missing_ok=True)
                    self.shared.removed(name)
        except OSError:
            pass

    def keep_copy(self, sync_folder: bool = True) -> Path | None:
        made = super().keep_copy(sync_folder)
        if made is not None:
            self.shared.added([made])
        return made

    def forget_if_current(self, made: list[Path]) -> None:
        super().forget_if_current(made)
        for backup in made:
            if not os.path.lexists(backup):
                self.shared.removed(backup.name)
