"""Help as a person finds it: why each step helps, one press away under its question; the keys
on one page with F1 (and only keys the screens really have); About with the version, the data
folder, the license and where to get help."""

import re
import subprocess

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel

from goldseam import __version__
from goldseam.core.steps import STEPS
from goldseam.ui.breathing import system_motion


def test_each_step_says_why_it_helps_when_asked_and_only_then(qtbot, open_window):
    window, _ = open_window()
    window.begin_repair()
    wizard = window.wizard
    for index, step in enumerate(STEPS):
        wizard.go_to(index)
        why = wizard.whys[index]
        assert why.button.isVisible() and not why.text.isVisible()
        why.button.setFocus()
        qtbot.keyClick(why.button, Qt.Key.Key_Space)
        assert why.text.isVisible() and why.text.text() == step.why
        assert why.button.isChecked()
        qtbot.keyClick(why.button, Qt.Key.Key_Space)
        assert not why.text.isVisible()
    assert len({step.why for step in STEPS}) == len(STEPS)


def test_the_why_comes_before_the_steps_fields_for_tab(qtbot, open_window):
    window, _ = open_window()
    window.begin_repair()
    wizard = window.wizard
    first_field = wizard.notice.first_focus()
    assert wizard.whys[0].button.nextInFocusChain() is not None
    chain, widget = [], wizard.whys[0].button
    for _ in range(200):
        widget = widget.nextInFocusChain()
        chain.append(widget)
        if widget is first_field:
            break
    assert first_field in chain, "Tab from 'Why this step?' never reaches the step's first field"


def test_f1_shows_every_key_and_each_letter_is_a_real_buttons(qtbot, open_window):
    window, _ = open_window()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    overlay = window.keys
    qtbot.waitUntil(overlay.isVisible)
    rows = dict((what, keys) for keys, what in overlay.rows)
    home = window.home
    for button in (home.begin_button, home.pause_button, home.breathe_button, home.look_back_button,
                   home.settings_button):
        shown = button.text().replace("&", "")
        assert rows[shown] == button.shortcut().toString(QKeySequence.SequenceFormat.NativeText), shown
    window.begin_repair()
    wizard = window.wizard
    assert rows["Back to the previous step"] == wizard.back_button.shortcut().toString(
        QKeySequence.SequenceFormat.NativeText)
    assert rows["Skip this step"] == wizard.skip_button.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    assert rows["Open the settings"] == "Ctrl+,"
    qtbot.keyClick(overlay, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: not overlay.isVisible())


def test_the_keys_page_is_read_with_each_key_and_each_group_by_a_screen_reader(qtbot, open_window):
    """Orca 43 reads a dialog's labels of three words or more as it opens, and no others: each
    row's words carry its keys, a group's first row its group, and none is too short to be read."""
    from goldseam.ui.help.shortcuts_overlay import groups

    window, _ = open_window()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    overlay = window.keys
    qtbot.waitUntil(overlay.isVisible)
    read = [label.accessibleName() for label in overlay.findChildren(QLabel) if label.accessibleName()]
    expected = len(overlay.rows)
    assert len(read) == expected
    for where, entries in groups():
        first_keys, first_what = entries[0]
        assert f"{where}. {first_keys}: " in "\n".join(read), where
        for keys, what in entries:
            assert any(line.startswith(f"{keys}: ") or f". {keys}: " in line for line in read if what in line), what
    assert "Alt+T: the “Breathe” button" in read
    assert min(len(line.split()) for line in read) >= 3, read
    qtbot.keyClick(overlay, Qt.Key.Key_Escape)


def test_about_names_the_version_the_folder_the_license_and_a_kind_of_help_not_a_number(qtbot, open_window):
    window, data = open_window()
    window.home.help_button.menu().actions()[1].trigger()
    about = window.about
    qtbot.waitUntil(about.isVisible)
    assert about.version.text() == f"Version {__version__}"
    assert str(data.path) in about.folder.text()
    assert "GNU General Public License" in about.license.text()
    assert "F1" in about.help.text()
    assert "emergency" in about.safety.text() and not re.search(r"\d{3}", about.safety.text())
    for kind in ("domestic abuse helpline", "crisis line", "doctor", "someone you trust"):
        assert kind in about.safety.text()          # kinds of help named, in words that hold anywhere
    # One size of text below the title (the version was small, the safety note large).
    body = (about.version, about.folder, about.license, about.help, about.safety)
    assert len({label.font().pointSizeF() for label in body}) == 1
    qtbot.keyClick(about, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not about.isVisible())


def test_the_help_menu_opens_the_keys_too(qtbot, open_window):
    window, _ = open_window()
    window.home.help_button.menu().actions()[0].trigger()
    qtbot.waitUntil(lambda: getattr(window, "keys", None) is not None and window.keys.isVisible())
    assert QApplication.activeModalWidget() in (window.keys, None)


def test_the_desktops_wish_for_less_motion_is_read(monkeypatch):
    from PySide6.QtCore import QStandardPaths

    monkeypatch.setattr(QStandardPaths, "findExecutable", staticmethod(lambda name, *a: f"/usr/bin/{name}"))
    for said, still in (("false", True), ("true", False)):
        monkeypatch.setattr(subprocess, "run", lambda *a, said=said, **k: subprocess.CompletedProcess(
            a, 0, stdout=f"{said}\n", stderr=""))
        assert system_motion._gnome_animations_off() is still

    def broken(*a, **k):
        raise subprocess.TimeoutExpired("gsettings", 1)

    monkeypatch.setattr(subprocess, "run", broken)
    assert system_motion._gnome_animations_off() is False
    monkeypatch.setattr(QStandardPaths, "findExecutable", staticmethod(lambda name, *a: ""))
    assert system_motion._gnome_animations_off() is False
