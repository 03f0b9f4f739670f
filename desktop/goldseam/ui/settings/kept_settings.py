"""settings.json as the window uses it: a choice that cannot be read falls back to its default,
and a choice the disk refuses to keep still holds until Goldseam closes. A preference is never
worth an error box."""

from __future__ import annotations

from typing import Any

from ...storage.errors import StorageError


class KeptSettings:
    def __init__(self, settings):
        self._settings = settings

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self._settings.get(key, default)
        except StorageError:
            return default

    def keep(self, key: str, value: Any) -> None:
        try:
            self._settings.set(key, value)
        except StorageError:
            pass
