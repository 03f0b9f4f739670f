"""Without the optional `goldseam[sound]` (no QtMultimedia, no QtTextToSpeech), the chime plays
through the system's player and the cues are spoken through spd-say, where those exist; where
they do not, the settings say so calmly. Real processes: stand-in players on the PATH record how
they were called."""

import os
import stat
import sys

import pytest
from PySide6.QtCore import Qt

from goldseam.ui.breathing import spoken_cues
from goldseam.ui.pause.chime import Chime

from window_parts import parts_of


@pytest.fixture
def without_addons(monkeypatch):
    """As an installation without PySide6-Addons: importing either module fails."""
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)
    monkeypatch.setitem(sys.modules, "PySide6.QtTextToSpeech", None)
    spoken_cues._engine_name.cache_clear()
    yield
    spoken_cues._engine_name.cache_clear()


@pytest.fixture
def path_with(tmp_path, monkeypatch):
    """A PATH holding only the named stand-in programs; each writes its arguments to NAME.args."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))

    def make(*names):
        for name in names:
            program = folder / name
            program.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{tmp_path}/{name}.args.tmp"\n'
                               f'/bin/mv "{tmp_path}/{name}.args.tmp" "{tmp_path}/{name}.args"\n')
            program.chmod(program.stat().st_mode | stat.S_IXUSR)
        return lambda name: (tmp_path / f"{name}.args")
    return make


def test_the_chime_plays_through_paplay_softly(qtbot, without_addons, path_with):
    called = path_with("aplay", "paplay")
    chime = Chime()
    assert chime.available()
    chime.play()
    qtbot.waitUntil(lambda: called("paplay").exists())
    arguments = called("paplay").read_text().splitlines()
    assert arguments[:2] == ["--volume", str(int(0.35 * 65536))] and arguments[-1].endswith("chime.wav")
    assert os.path.isfile(arguments[-1])
    assert not called("aplay").exists(), "PulseAudio before bare ALSA"


def test_pipewire_first_and_bare_alsa_last(qtbot, without_addons, path_with):
    called = path_with("aplay", "paplay", "pw-play")
    chime = Chime()
    chime.play()
    qtbot.waitUntil(lambda: called("pw-play").exists())
    assert called("pw-play").read_text().splitlines()[:2] == ["--volume", "0.35"]


def test_with_nothing_to_play_the_chime_is_silent_without_error(without_addons, path_with):
    path_with()
    chime = Chime()
    assert not chime.available()
    chime.play()        # nothing happens, nothing is raised


def test_the_cues_are_spoken_through_spd_say_in_goldseams_language(qtbot, without_addons, path_with):
    called = path_with("spd-say")
    assert spoken_cues.available()
    cues = spoken_cues.SpokenCues()
    cues.say("Breathe in")
    qtbot.waitUntil(lambda: called("spd-say").exists())
    assert called("spd-say").read_text().splitlines() == ["--language", "en", "--rate", "-20", "--", "Breathe in"]
    cues.stop()


def test_without_spd_say_no_cues_are_offered(without_addons, path_with):
    path_with()
    assert not spoken_cues.available()


def test_the_settings_say_calmly_what_cannot_be_heard_here(qtbot, open_window, without_addons, path_with):
    path_with()
    window, _ = open_window()
    qtbot.mouseClick(window.home.settings_button, Qt.MouseButton.LeftButton)
    dialog = parts_of(window).preferences.dialog
    dialog.tabs.setCurrentIndex(1)
    calm = dialog.calm
    assert calm.chime_note.isVisible() and calm.speak_note.isVisible()
    assert calm.chime_note.text().startswith("No way to play a sound was found here")
    assert calm.speak_box.accessibleDescription() == calm.speak_note.text()
    dialog.reject()


def test_where_both_can_be_heard_the_settings_say_nothing_of_it(qtbot, open_window, without_addons, path_with):
    path_with("paplay", "spd-say")
    window, _ = open_window()
    qtbot.mouseClick(window.home.settings_button, Qt.MouseButton.LeftButton)
    dialog = parts_of(window).preferences.dialog
    dialog.tabs.setCurrentIndex(1)
    assert not dialog.calm.chime_note.isVisible() and not dialog.calm.speak_note.isVisible()
    dialog.reject()
