"""The lock as a person meets it in the window: the lock screen at start, the quick hide (Ctrl+L, Esc
twice) that leaves no word on the screen, in the title or on the clipboard, locking after a quiet while,
a call back said without words, and turning the lock on from the settings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QTextEdit

from goldseam.storage import lock_setup, sealing
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.errors import WrongPassphrase
from goldseam.storage.key_file import KdfParams, new_recovery_key
from goldseam.ui.lock.start_lock import StartLockWindow

from window_parts import parts_of

CHEAP = KdfParams(memory_kib=1024, iterations=1, lanes=1)
PASS = "evening light on water"
WORDS = "Ich war zu laut beim Abendessen"


def lock_folder(folder, passphrase=PASS):
    with DataFolder.open(folder) as data:
        data.settings.set("welcome_seen", True)
        data.enable_lock(passphrase, new_recovery_key(), CHEAP)


def visible_words(window) -> str:
    """Every text the window shows now (labels, fields, text boxes, its title)."""
    texts = [window.windowTitle()]
    for widget in window.findChildren(QLabel) + window.findChildren(QLineEdit):
        if widget.isVisible():
            texts.append(widget.text())
    for widget in window.findChildren(QTextEdit) + window.findChildren(QPlainTextEdit):
        if widget.isVisible():
            texts.append(widget.toPlainText())
    return "\n".join(texts)


@pytest.fixture
def unlocked_window(open_window, data_dir):
    lock_folder(data_dir)
    lock_setup.unlock(data_dir, PASS)
    yield open_window()
    sealing.let_go(data_dir)


def test_the_lock_screen_at_start_opens_only_with_the_passphrase(qtbot, data_dir):
    lock_folder(data_dir)
    sealing.let_go(data_dir)
    window = StartLockWindow(lambda secret: lock_setup.unlock(data_dir, secret))
    qtbot.addWidget(window)
    window.show()
    screen = window.screen
    assert screen.title.text() == "Goldseam is locked" and window.windowTitle() == "Goldseam is locked"
    qtbot.keyClicks(screen.field, "not the passphrase")
    qtbot.keyClick(screen.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "does not open" in screen.status.text())
    assert screen.field.text() == "" and sealing.held(data_dir) is None
    qtbot.keyClicks(screen.field, PASS)
    qtbot.keyClick(screen.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.opened)
    assert sealing.held(data_dir) is not None and not window.isVisible()
    sealing.let_go(data_dir)


def test_wrong_passphrases_slow_down_kindly_and_nothing_is_deleted(qtbot, data_dir):
    lock_folder(data_dir)
    sealing.let_go(data_dir)
    before = sorted(p.name for p in data_dir.rglob("*"))
    window = StartLockWindow(lambda secret: lock_setup.unlock(data_dir, secret))
    qtbot.addWidget(window)
    window.show()
    screen = window.screen
    for attempt in range(3):
        qtbot.waitUntil(lambda: screen.ready)
        qtbot.keyClicks(screen.field, f"wrong {attempt} wrong")
        qtbot.keyClick(screen.field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "does not open" in screen.status.text())
    assert "try again in" in screen.status.text() and not screen.ready
    qtbot.keyClicks(screen.field, "typed while resting")           # not taken: nothing to try by mistake
    assert screen.field.text() == "" and QApplication.focusWidget() is screen.field
    qtbot.waitUntil(lambda: screen.ready, timeout=10_000)
    assert screen.status.text() == "You can try again now."
    assert sorted(p.name for p in data_dir.rglob("*")) == before


def test_ctrl_l_hides_every_word_saves_what_was_typed_and_the_passphrase_brings_it_back(qtbot, unlocked_window, data_dir):
    window, data = unlocked_window
    window.begin_repair()
    field = QApplication.focusWidget()
    qtbot.keyClicks(field, "Ich war zu laut beim Abendessen")
    QGuiApplication.clipboard().setText(WORDS)              # as "Copy" would put words there
    assert WORDS in visible_words(window)
    qtbot.keyClick(field, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    hide = parts_of(window).hide
    assert hide.hidden
    assert WORDS not in visible_words(window) and window.windowTitle() == "Goldseam"
    assert QGuiApplication.clipboard().text() == ""
    assert QApplication.focusWidget() is hide.screen.field
    draft = (data_dir / "draft.json").read_bytes()           # saved before hiding, and sealed
    assert sealing.is_sealed(draft) and WORDS.encode() not in draft
    qtbot.keyClicks(hide.screen.field, "wrong wrong wrong")
    qtbot.keyClick(hide.screen.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "does not open" in hide.screen.status.text())
    assert hide.hidden
    qtbot.keyClicks(hide.screen.field, PASS)
    qtbot.keyClick(hide.screen.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not hide.hidden)
    assert QApplication.focusWidget() is field and field.toPlainText() == WORDS


def test_escape_twice_hides_and_without_a_lock_one_button_shows_it_again(qtbot, open_window):
    window, data = open_window()
    window.begin_repair()
    field = QApplication.focusWidget()
    qtbot.keyClicks(field, "words of mine")
    for _ in range(2):          # to the window, as real keys come (and as the quick hide listens)
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Escape)
    hide = parts_of(window).hide
    assert hide.hidden and "words of mine" not in visible_words(window)
    assert hide.screen.title.text() == "Goldseam is hidden" and not hide.screen.field.isVisible()
    qtbot.keyClick(hide.screen.show_button, Qt.Key.Key_Space)
    assert not hide.hidden and "words of mine" in visible_words(window)


def test_with_the_lock_on_a_quiet_while_locks_and_a_call_back_is_said_without_words(qtbot, unlocked_window):
    window, _data = unlocked_window
    hide = parts_of(window).hide
    hide.set_idle_minutes(0.02)             # a little over a second
    qtbot.waitUntil(lambda: hide.hidden, timeout=10_000)
    parts_of(window).calls.pause_shown.emit("came", "21:30")
    assert hide.screen.call.isVisible() and "pause has come" in hide.screen.call.text()
    assert window.windowTitle() == "Goldseam"


def test_turning_the_lock_on_from_the_settings(qtbot, open_window, data_dir):
    window, data = open_window()
    parts = parts_of(window)
    parts.preferences.open_dialog()
    page = parts.preferences.dialog.lock
    page.turn_on.click()
    ask = page.dialog
    qtbot.keyClicks(ask.fields[0], "short")
    qtbot.keyClicks(ask.fields[1], "short")
    ask.confirm_button.click()
    assert "at least 8" in ask.problem.text() and ask.isVisible()
    for field in ask.fields:
        field.clear()
        qtbot.keyClicks(field, PASS)
    ask.confirm_button.click()
    shown = page.dialog
    key = shown.key.text()
    assert not shown.go_on.isEnabled()
    shown.written.click()
    shown.go_on.click()
    qtbot.waitUntil(lambda: data.locked)
    assert "The lock is on" in page.status.text() and page.change.isVisibleTo(page)
    sealing.let_go(data_dir)
    lock_setup.unlock(data_dir, key)            # the key shown opens it
    sealing.let_go(data_dir)


def test_escape_twice_hides_from_the_look_back_whose_escape_goes_home(qtbot, open_window):
    window, data = open_window()
    window.look_back()
    hide = parts_of(window).hide
    for _ in range(2):
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Escape)
    assert hide.hidden, "the first Esc went home (the look back's shortcut), the second must hide"


def test_a_passphrase_reaches_no_screen_reader_and_no_widget_text(qtbot, data_dir):
    """Qt's own password field tells the accessibility bus every character typed (Orca 43 spoke them)."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QLineEdit as PlainLineEdit

    from goldseam.ui.lock.lock_screen import LockScreen

    screen = LockScreen()
    qtbot.addWidget(screen)
    screen.show()
    opened = []
    screen.open_asked.connect(opened.append)
    qtbot.keyClicks(screen.field, "secret words")
    QApplication.sendEvent(screen.field, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, "ö"))
    qtbot.keyClick(screen.field, Qt.Key.Key_Backspace)
    QGuiApplication.clipboard().setText(" pasted")
    qtbot.keyClick(screen.field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    interface = QAccessible.queryAccessibleInterface(screen.field)
    for what in (QAccessible.Text.Value, QAccessible.Text.Name, QAccessible.Text.Description):
        assert "secret" not in interface.text(what)
    assert set(PlainLineEdit.text(screen.field)) == {"\u2022"}          # what Qt itself holds: bullets
    qtbot.keyClick(screen.field, Qt.Key.Key_Return)
    assert opened == ["secret words pasted"]


def test_changing_the_passphrase_with_a_wrong_one_asks_for_that_one_again(qtbot, unlocked_window, data_dir):
    window, data = unlocked_window
    parts = parts_of(window)
    parts.preferences.open_dialog()
    page = parts.preferences.dialog.lock
    page.change.click()
    ask = page.dialog
    for field, text in zip(ask.fields, ("not the passphrase", "a brand new passphrase", "a brand new passphrase")):
        qtbot.keyClicks(field, text)
    ask.confirm_button.click()
    qtbot.waitUntil(lambda: "does not open" in ask.problem.text())
    assert ask.isVisible() and ask.fields[0].text() == "" and QApplication.focusWidget() is ask.fields[0]
    assert ask.fields[1].text() == "a brand new passphrase"         # what was right stays typed
    qtbot.keyClicks(ask.fields[0], PASS)
    ask.confirm_button.click()
    qtbot.waitUntil(lambda: not ask.isVisible())
    assert "The passphrase is changed" in page.status.text()
    sealing.let_go(data_dir)
    lock_setup.unlock(data_dir, "a brand new passphrase")


def test_escape_on_the_lock_screen_empties_the_field(qtbot, unlocked_window):
    window, _data = unlocked_window
    hide = parts_of(window).hide
    hide.hide_now()
    qtbot.keyClicks(hide.screen.field, "half typ")
    qtbot.keyClick(hide.screen.field, Qt.Key.Key_Escape)
    assert hide.screen.field.text() == "" and hide.hidden


def test_escape_then_another_key_then_escape_does_not_hide(qtbot, open_window):
    window, _data = open_window()
    hide = parts_of(window).hide
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Escape)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Tab)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Escape)
    assert not hide.hidden, "only two Escapes in a row hide"


def test_opened_with_the_recovery_key_a_new_passphrase_is_asked_at_once(qtbot, open_window, data_dir):
    from goldseam.ui.lock.lock_dialogs import PassphraseDialog

    recovery = new_recovery_key()
    with DataFolder.open(data_dir) as data:
        data.settings.set("welcome_seen", True)
        data.enable_lock(PASS, recovery, CHEAP)
    lock_setup.unlock(data_dir, PASS)
    window, _data = open_window()
    hide = parts_of(window).hide
    hide.hide_now()
    qtbot.keyClicks(hide.screen.field, recovery.lower())
    qtbot.keyClick(hide.screen.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not hide.hidden)
    qtbot.waitUntil(lambda: any(isinstance(w, PassphraseDialog) and w.isVisible() for w in window.findChildren(PassphraseDialog)))
    ask = next(w for w in window.findChildren(PassphraseDialog) if w.isVisible())
    assert "recovery key" in ask.text.text()
    for field in ask.fields:
        qtbot.keyClicks(field, "a passphrase to remember")
    ask.confirm_button.click()
    qtbot.waitUntil(lambda: not ask.isVisible())
    sealing.let_go(data_dir)
    assert lock_setup.unlock(data_dir, "a passphrase to remember") == "passphrase"
    assert lock_setup.unlock(data_dir, recovery) == "recovery"      # it keeps working
    with pytest.raises(WrongPassphrase):
        lock_setup.unlock(data_dir, PASS)
    sealing.let_go(data_dir)


def test_the_start_lock_screen_remembers_that_the_recovery_key_opened_it(qtbot, data_dir):
    recovery = new_recovery_key()
    with DataFolder.open(data_dir) as data:
        data.enable_lock(PASS, recovery, CHEAP)
    sealing.let_go(data_dir)
    window = StartLockWindow(lambda secret: lock_setup.unlock(data_dir, secret))
    qtbot.addWidget(window)
    window.show()
    qtbot.keyClicks(window.screen.field, recovery)
    qtbot.keyClick(window.screen.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.opened)
    assert window.unlocker.recovery_used == recovery
    sealing.let_go(data_dir)
