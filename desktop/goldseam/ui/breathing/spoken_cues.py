"""Spoken cues: the phase word said aloud, for breathing with closed eyes.

QtTextToSpeech (the optional `goldseam[sound]`) is imported only when asked about. Without
it, or where it offers no engine but Qt's silent "mock", speech-dispatcher's `spd-say` speaks
the cues where it is installed; where neither is, the cues are simply not offered, and
nothing complains.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QLocale, QObject, QProcess

from ... import i18n, system_sound

VOLUME = 0.6
RATE = -0.2         # a little slower than usual: calm, not hurried


@lru_cache(maxsize=1)
def _engine_name() -> str | None:
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
        engines = [name for name in QTextToSpeech.availableEngines() if name != "mock"]
    except (ImportError, OSError, RuntimeError):
        return None
    return engines[0] if engines else None


def available() -> bool:
    """Whether this machine has a real speech engine to speak the cues."""
    return _engine_name() is not None or system_sound.speech_command("-", "en") is not None


class SpokenCues(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._speech = None
        self._tried = False

    def available(self) -> bool:
        return available()

    def say(self, text: str) -> None:
        """Speak `text`, cutting short whatever was still being said (the breath moved on)."""
        speech = self._load()
        if speech is not None and text:
            speech.stop()
            speech.say(text)
        elif speech is None and text:
            self._say_by_system(text)

    def stop(self) -> None:
        """Through spd-say, the last cue (a word or two) is let finish: its cancel would also cut
        short a screen reader speaking through the same speech-dispatcher."""
        if self._speech is not None:
            self._speech.stop()

    def _say_by_system(self, text: str) -> None:
        """spd-say, one short process per cue (a cue lasts less than a breath's phase)."""
        command = system_sound.speech_command(text, i18n.current())
        if command is not None:
            QProcess.startDetached(command[0], command[1:])

    def _load(self):
        if not self._tried:
            self._tried = True
            name = _engine_name()
            if name is not None:
                try:
                    from PySide6.QtTextToSpeech import QTextToSpeech

                    self._speech = QTextToSpeech(name, self)
                    self._speech.setVolume(VOLUME)
                    self._speech.setRate(RATE)
                    self._speech.setLocale(QLocale())   # a German voice for German cues (the default follows --lang)
                except (ImportError, OSError, RuntimeError):
                    self._speech = None
        return self._speech
