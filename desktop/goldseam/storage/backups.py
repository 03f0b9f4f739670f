"""Rotating backups of one data file: the last few saves plus one a day for a week.

A snapshot is a hard link to the file that is about to be replaced (the
atomic write leaves that inode alone), so it costs no copy; where links are
not possible it falls back to a copy.
"""

from __future__ import annotations

import os
import shutil
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

BACKUP_FOLDER = "backups"


class BackupRotation:
    def __init__(self, file: Path, keep_recent: int = 5, keep_days: int = 7):
        self.file = Path(file)
        self.folder = self.file.parent / BACKUP_FOLDER
        self.keep_recent = keep_recent
        self.keep_days = keep_days
        self._stem = self.file.stem
        self._daily_taken: str | None = None

    def snapshot(self) -> None:
        """Keep the current file before it is replaced. Best effort: a failed
        backup never stops a save (the save itself reports real disk trouble)."""
        if not self.file.exists():
            return
        try:
            self.folder.mkdir(mode=0o700, exist_ok=True)
            ns = time.time_ns()
            stamp = time.strftime("%Y%m%dT%H%M%S", time.localtime(ns / 1e9)) + f"-{ns % 1_000_000_000:09d}"
            _link_or_copy(self.file, self.folder / f"{self._stem}.{stamp}.json")
            today = date.today().isoformat()
            if self.keep_days > 0 and self._daily_taken != today:
                daily = self.folder / f"{self._stem}.daily-{today}.json"
                if not daily.exists():
                    _link_or_copy(self.file, daily)
                self._daily_taken = today
            self._prune()
        except OSError:
            pass

    def _prune(self) -> None:
        recent = self.recent()
        for old in recent[self.keep_recent:]:
            old.unlink(missing_ok=True)
        oldest_day = (date.today() - timedelta(days=self.keep_days - 1)).isoformat()
        for daily in self.daily():
            if daily.name[len(self._stem) + 7: -5] < oldest_day:
                daily.unlink(missing_ok=True)

    def recent(self) -> list[Path]:
        """Per-save backups, newest first."""
        return self._list(lambda name: not name.startswith(f"{self._stem}.daily-"))

    def daily(self) -> list[Path]:
        return self._list(lambda name: name.startswith(f"{self._stem}.daily-"))

    def all_newest_first(self) -> list[Path]:
        return sorted(self.recent() + self.daily(), key=_mtime, reverse=True)

    def newest_good(self, is_good: Callable[[Path], bool]) -> Path | None:
        return next((p for p in self.all_newest_first() if is_good(p)), None)

    def _list(self, keep: Callable[[str], bool]) -> list[Path]:
        try:
            names = os.listdir(self.folder)
        except OSError:
            return []
        prefix = f"{self._stem}."
        found = [self.folder / n for n in names if n.startswith(prefix) and n.endswith(".json") and keep(n)]
        return sorted(found, key=lambda p: p.name, reverse=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
        os.chmod(target, 0o600)
