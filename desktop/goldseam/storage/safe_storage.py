"""SafeStorage: the TinyDB Storage that never loses a word.

TinyDB's JSONStorage overwrites in place and can leave a half-written file
after a crash. This one serializes first, writes atomically, keeps rotating
backups, quarantines a file it cannot read instead of writing over it, and
carries a schema number with forward migrations.

On disk: {"format": "goldseam-<kind>", "schema": N, "data": {<tinydb tables>}}.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any, Callable

from tinydb.storages import Storage

from .atomic_file import write_atomic
from .backups import BackupRotation
from .errors import CorruptFile, ReadFailed, ReadOnlyFile

Migration = Callable[[dict[str, Any]], dict[str, Any]]


class SafeStorage(Storage):
    def __init__(
        self,
        path: str | os.PathLike[str],
        kind: str,
        schema: int,
        migrations: dict[int, Migration] | None = None,
        keep_recent: int = 5,
        keep_days: int = 7,
        read_only: bool = False,
    ):
        super().__init__()
        self.path = Path(path)
        self.kind = kind
        self.schema = schema
        self.migrations = migrations or {}
        self.backups = BackupRotation(self.path, keep_recent=keep_recent, keep_days=keep_days)
        self.read_only = read_only
        self.newer_schema: int | None = None
        # The data folder is locked to this process, so what we last read or
        # wrote is what is on disk: keep it and skip re-parsing on every query.
        self._cache: dict[str, Any] | None = None
        self._loaded = False

    # -- TinyDB's interface -------------------------------------------------

    def read(self) -> dict[str, Any] | None:
        if not self._loaded:
            self._cache = self._load()
            self._loaded = True
        return self._cache

    def write(self, data: dict[str, Any]) -> None:
        if self.read_only or self.newer_schema is not None:
            self._loaded = False
            raise ReadOnlyFile(self.path, self.newer_schema or self.schema)
        try:
            payload = self._serialize(data)  # before touching the disk
            self.backups.snapshot()
            write_atomic(self.path, payload)
        except Exception:
            self._loaded = False  # TinyDB changed our cached dict in place; reread the truth
            raise
        self._cache = data
        self._loaded = True

    # -- loading ------------------------------------------------------------

    def _serialize(self, data: dict[str, Any]) -> bytes:
        document = {"format": f"goldseam-{self.kind}", "schema": self.schema, "data": data}
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def _load(self) -> dict[str, Any] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as err:
            raise ReadFailed(self.path, err) from None
        parsed = self.parse(raw)
        if parsed is None:
            self._quarantine()
        schema, data = parsed
        if schema > self.schema:
            self.newer_schema = schema
            return data
        if schema < self.schema:
            data = self._migrate(schema, data)
        return data

    def parse(self, raw: bytes) -> tuple[int, dict[str, Any]] | None:
        """(schema, data) for a well-formed file of our kind, else None."""
        try:
            document = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return None
        if not isinstance(document, dict) or document.get("format") != f"goldseam-{self.kind}":
            return None
        schema, data = document.get("schema"), document.get("data")
        if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1 or not isinstance(data, dict):
            return None
        if not all(isinstance(table, dict) for table in data.values()):
            return None
        return schema, data

    def is_good_file(self, path: Path) -> bool:
        try:
            return self.parse(path.read_bytes()) is not None
        except OSError:
            return False

    def _quarantine(self) -> None:
        backup = self.backups.newest_good(self.is_good_file)
        if self.read_only:
            raise CorruptFile(self.path, None, backup)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.stem}.corrupt-{stamp}{self.path.suffix}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.stem}.corrupt-{stamp}-{n}{self.path.suffix}")
        try:
            os.rename(self.path, target)
        except OSError as err:
            raise ReadFailed(self.path, err) from None
        raise CorruptFile(self.path, target, backup)

    def _migrate(self, schema: int, data: dict[str, Any]) -> dict[str, Any]:
        """Bring an older file forward one step at a time, in memory; when writing is
        allowed, keep the old file as a backup before the new one replaces it."""
        for version in range(schema, self.schema):
            data = self.migrations[version](data)
        if not self.read_only:
            backup = self.path.with_name(f"{self.path.stem}.before-schema-{self.schema}{self.path.suffix}")
            if not backup.exists():
                write_atomic(backup, self.path.read_bytes())
            write_atomic(self.path, self._serialize(data))
        return data

    def restore(self, backup: Path) -> None:
        """Put a backup in place of the current file (the current one is kept as a backup too)."""
        if self.read_only:
            raise ReadOnlyFile(self.path, self.schema)
        try:
            raw = backup.read_bytes()
        except OSError as err:
            raise ReadFailed(backup, err) from None
        if self.parse(raw) is None:
            raise CorruptFile(backup, None, None)
        self.backups.snapshot()
        write_atomic(self.path, raw)
        self._loaded = False
