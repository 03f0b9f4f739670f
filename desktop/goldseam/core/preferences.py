"""The person's choices for the whole app, as kept in settings.json: how it looks, which
language it speaks, how still it stays, how long a pause lasts unless they say otherwise,
and how it calls them back. Never private text.

Each choice is its own key, read leniently: a value this version does not understand (a
hand-edited file, a newer version's choice) falls back to the default for that key alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .moment import MAX_PAUSE_MINUTES
from .pause import MIN_MINUTES, SUGGESTED_MINUTES

THEME, MOTION, LANGUAGE, PAUSE_MINUTES, NOTIFY = "theme", "motion", "language", "pause_minutes", "notify"
LOCK_AFTER = "lock_after"
LOCK_AFTER_CHOICES = (0, 1, 5, 15, 30, 60)     # minutes without a key or the mouse; 0: never

THEMES = ("system", "light", "dark")
MOTIONS = ("system", "still", "moving")    # follow the desktop; always still; always moving
LANGUAGE_CODE_MAX = 16


@dataclass(frozen=True, slots=True)
class Preferences:
    theme: str = "system"
    motion: str = "system"
    language: str = ""              # "" follows the system's locale
    pause_minutes: int = SUGGESTED_MINUTES
    notify: bool = True             # call back with a desktop notification too, not only in the window
    lock_after: int = 5             # with the lock on: locked after this many quiet minutes (0: never)

    def to_settings(self) -> dict[str, Any]:
        return {THEME: self.theme, MOTION: self.motion, LANGUAGE: self.language,
                PAUSE_MINUTES: self.pause_minutes, NOTIFY: self.notify, LOCK_AFTER: self.lock_after}

    @classmethod
    def from_settings(cls, get: Callable[[str, Any], Any]) -> Preferences:
        """What `get(key, default)` holds, each key checked on its own."""
        default = cls()
        theme = get(THEME, default.theme)
        motion = get(MOTION, default.motion)
        language = get(LANGUAGE, default.language)
        minutes = get(PAUSE_MINUTES, default.pause_minutes)
        notify = get(NOTIFY, default.notify)
        lock_after = get(LOCK_AFTER, default.lock_after)
        return cls(
            theme=theme if theme in THEMES else default.theme,
            motion=motion if motion in MOTIONS else default.motion,
            language=language if _is_language_code(language) else default.language,
            pause_minutes=minutes if _is_minutes(minutes) else default.pause_minutes,
            notify=notify if isinstance(notify, bool) else default.notify,
            lock_after=lock_after if type(lock_after) is int and lock_after in LOCK_AFTER_CHOICES else default.lock_after,
        )


def still(motion: str, system_says_still: bool) -> bool:
    """Whether moving pictures (the breathing shape) keep still for this choice."""
    return motion == "still" or (motion == "system" and system_says_still)


def _is_minutes(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and MIN_MINUTES <= value <= MAX_PAUSE_MINUTES


def _is_language_code(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= LANGUAGE_CODE_MAX and all(
        c.isascii() and (c.isalnum() or c in "_-@") for c in value)
