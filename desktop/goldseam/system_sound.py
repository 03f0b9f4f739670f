"""The system's own player and speech, for the chime and the spoken cues when the optional
Qt sound modules (`goldseam[sound]`, PySide6-Addons: 418 MiB) are not installed.

Only commands are chosen here; the window runs them. The words passed to speech are the
guide's cues ("Breathe in"), never anything the person wrote.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

# A player found on the PATH, with how to ask it for a soft volume (0.0 to 1.0).
_PLAYERS = (
    ("pw-play", lambda volume: ["--volume", f"{volume:.2f}"]),              # PipeWire
    ("paplay", lambda volume: ["--volume", str(int(volume * 65536))]),      # PulseAudio (and pipewire-pulse)
    ("aplay", lambda volume: ["-q"]),                                       # ALSA alone: no volume of its own
)


def player_command(sound: Path, volume: float) -> list[str] | None:
    """How to play `sound` once here, or None where there is no player we know (Windows uses
    winsound, see `windows_sound`)."""
    if sys.platform == "darwin":
        found = shutil.which("afplay")
        return [found, "-v", f"{volume:.2f}", str(sound)] if found else None
    for name, volume_args in _PLAYERS:
        found = shutil.which(name)
        if found:
            return [found, *volume_args(volume), str(sound)]
    return None


def windows_sound():
    """The standard library's winsound on Windows, else None."""
    if sys.platform != "win32":
        return None
    try:
        import winsound
    except ImportError:
        return None
    return winsound


def speech_command(text: str, language: str, rate: int = -20) -> list[str] | None:
    """speech-dispatcher's `spd-say` where it is installed (it also speaks for screen readers):
    a little slower than usual, in the language Goldseam speaks. None where it is absent."""
    found = shutil.which("spd-say")
    if not found or not text:
        return None
    return [found, "--language", language, "--rate", str(rate), "--", text]

