"""The breathing guide's soft chime, heard only when the person asks for it.

QtMultimedia is imported the first time a chime is wanted, never at start-up. Where it
cannot load (no libpulse0), where there is no audio output, or where the sound file is
missing, the chime stays silent: no error, no dialog. Nothing is wrong with breathing
in silence.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl

from ... import resources

VOLUME = 0.35       # soft: a cue beside the breath, never over it


class Chime(QObject):
    def __init__(self, parent: QObject | None = None, sound: str = "sounds/chime.wav", volume: float = VOLUME):
        super().__init__(parent)
        self._sound = sound
        self._volume = volume
        self._effect = None
        self._tried = False

    def available(self) -> bool:
        """Whether a chime can actually be heard here (loads QtMultimedia on first ask)."""
        return self._load() is not None

    def play(self) -> None:
        effect = self._load()
        if effect is not None:
            effect.stop()
            effect.play()

    def stop(self) -> None:
        if self._effect is not None:
            self._effect.stop()

    def _load(self):
        if not self._tried:
            self._tried = True
            self._effect = self._make()
        return self._effect

    def _make(self):
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except (ImportError, OSError):
            return None
        try:
            if not QMediaDevices.audioOutputs():
                return None
            path = resources.resource_path(self._sound)
        except (OSError, RuntimeError):
            return None
        if not path.is_file():
            return None
        effect = QSoundEffect(self)
        effect.setSource(QUrl.fromLocalFile(str(path)))
        effect.setVolume(self._volume)
        return effect
