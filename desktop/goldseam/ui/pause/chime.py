"""The breathing guide's soft chime, heard only when the person asks for it.

QtMultimedia (the optional `goldseam[sound]`) is imported the first time a chime is wanted,
never at start-up. Without it, the system's own player plays it (pw-play, paplay, aplay;
afplay; winsound). Where neither can play, or the sound file is missing, the chime stays
silent: no error, no dialog. Nothing is wrong with breathing in silence.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QProcess, QUrl

from ... import resources, system_sound

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
            path = resources.resource_path(self._sound)
        except (OSError, RuntimeError):
            return None
        if not path.is_file():
            return None
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except (ImportError, OSError):
            return system_chime(path, self._volume, self)
        try:
            if not QMediaDevices.audioOutputs():
                return None
        except (OSError, RuntimeError):
            return None
        effect = QSoundEffect(self)
        effect.setSource(QUrl.fromLocalFile(str(path)))
        effect.setVolume(self._volume)
        return effect


def can_play() -> bool:
    """Whether a chime can be heard here at all (for the settings to say so calmly)."""
    chime = Chime()
    try:
        return chime.available()
    finally:
        chime.deleteLater()


class SystemChime(QObject):
    """The chime through the system's player, for an installation without QtMultimedia. None of
    its methods raise: a player that fails plays nothing."""

    def __init__(self, sound, volume: float, parent: QObject | None = None):
        super().__init__(parent)
        self._sound = sound
        self._volume = volume
        self._process: QProcess | None = None

    def play(self) -> None:
        winsound = system_sound.windows_sound()
        if winsound is not None:
            winsound.PlaySound(str(self._sound), winsound.SND_FILENAME | winsound.SND_ASYNC | winsound.SND_NODEFAULT)
            return
        command = system_sound.player_command(self._sound, self._volume)
        if command is None:
            return
        self.stop()
        self._process = QProcess(self)
        self._process.setStandardOutputFile(QProcess.nullDevice())
        self._process.setStandardErrorFile(QProcess.nullDevice())
        self._process.start(command[0], command[1:])

    def stop(self) -> None:
        winsound = system_sound.windows_sound()
        if winsound is not None:
            winsound.PlaySound(None, 0)
        elif self._process is not None and self._process.state() != QProcess.ProcessState.NotRunning:
            self._process.kill()
            self._process.waitForFinished(1000)


def system_chime(sound, volume: float, parent: QObject | None = None) -> SystemChime | None:
    """The system's player, or None where nothing here can play (the guide says it stays quiet)."""
    if system_sound.windows_sound() is None and system_sound.player_command(sound, volume) is None:
        return None
    return SystemChime(sound, volume, parent)
