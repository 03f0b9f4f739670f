"""The chime is made, not downloaded: re-running resources/sounds/make_chime.py gives the
committed bytes; it is soft, short, and starts and ends in silence (no click). And the
Chime stays silent, with no error, wherever it cannot be heard."""

import importlib.util
import struct
import sys
import wave
from pathlib import Path

import pytest

SOUNDS = Path(__file__).resolve().parents[2] / "resources" / "sounds"


def generator():
    spec = importlib.util.spec_from_file_location("make_chime", SOUNDS / "make_chime.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def frames(path: Path) -> tuple[wave._wave_params, tuple[int, ...]]:
    with wave.open(str(path), "rb") as chime:
        params = chime.getparams()
        data = chime.readframes(params.nframes)
    return params, struct.unpack(f"<{params.nframes}h", data)


def test_running_the_generator_again_gives_the_committed_bytes(tmp_path):
    made = tmp_path / "chime.wav"
    generator().write(made)
    assert made.read_bytes() == (SOUNDS / "chime.wav").read_bytes()


def test_the_chime_is_small_soft_and_clickless():
    params, samples = frames(SOUNDS / "chime.wav")
    assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, 22050)
    assert 1.5 <= params.nframes / params.framerate <= 2.0
    assert (SOUNDS / "chime.wav").stat().st_size < 150_000
    assert 0.2 * 32767 < max(map(abs, samples)) < 0.6 * 32767         # heard, but soft
    assert samples[0] == 0 and samples[-1] == 0
    assert max(abs(s) for s in samples[:22]) < 0.02 * 32767            # the first millisecond: a swell
    assert max(abs(s) for s in samples[-22:]) < 0.002 * 32767          # the last: silence


def test_the_chime_is_silent_without_an_audio_output(qtbot):
    from PySide6.QtMultimedia import QMediaDevices

    from goldseam.ui.pause.chime import Chime

    chime = Chime()
    if QMediaDevices.audioOutputs():
        pytest.skip("this machine has a sound output")
    assert not chime.available()
    chime.play()                                                       # no error, no dialog


def test_the_chime_is_silent_when_qt_multimedia_cannot_load_and_no_player_exists(qtbot, monkeypatch, tmp_path):
    from goldseam.ui.pause.chime import Chime

    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)      # import fails: ImportError
    monkeypatch.setenv("PATH", str(tmp_path))       # and no paplay, pw-play or aplay (see test_sound_without_addons)
    chime = Chime()
    chime.play()
    assert not chime.available()


def test_the_chime_is_silent_when_its_file_is_missing(qtbot, monkeypatch):
    from goldseam.ui.pause import chime as chime_module

    class OneOutput:
        @staticmethod
        def audioOutputs():
            return ["speaker"]

    fake = type(sys)("PySide6.QtMultimedia")
    fake.QMediaDevices = OneOutput
    fake.QSoundEffect = None                                            # would fail if it got that far
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", fake)
    chime = chime_module.Chime(sound="sounds/no-such-chime.wav")
    chime.play()
    assert not chime.available()


def test_with_an_output_the_chime_plays_the_file_softly(qtbot, monkeypatch):
    from goldseam.ui.pause import chime as chime_module

    played = []

    class Effect:
        def __init__(self, parent):
            self.source, self.volume = None, None

        def setSource(self, url):
            self.source = url.toLocalFile()

        def setVolume(self, volume):
            self.volume = volume

        def stop(self):
            pass

        def play(self):
            played.append((Path(self.source).name, self.volume))

    fake = type(sys)("PySide6.QtMultimedia")
    fake.QMediaDevices = type("Devices", (), {"audioOutputs": staticmethod(lambda: ["speaker"])})
    fake.QSoundEffect = Effect
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", fake)
    chime = chime_module.Chime()
    assert chime.available()
    chime.play()
    chime.play()
    assert played == [("chime.wav", chime_module.VOLUME)] * 2 and chime_module.VOLUME <= 0.5
