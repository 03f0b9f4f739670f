"""The settings dialog as a person uses it: opened from home or with Ctrl+,; each choice changes
what the app does at once and is still there after a restart; the data page backs up,
restores with a preview, exports and brings in, and says what it did."""

import json
import os
import stat

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QSystemTrayIcon

from goldseam.core.repository import OwnPhrase
from goldseam.ui.widgets import look
from goldseam.ui.pause.call_back import WINDOW
from window_parts import parts_of


def click(qtbot, widget):
    assert widget.isVisible(), widget.text() if hasattr(widget, "text") else widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tick(qtbot, box):
    """A click on a check box's own square, as a person aims it."""
    assert box.isVisible(), box.text()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def open_settings(qtbot, window):
    click(qtbot, window.home.settings_button)
    dialog = parts_of(window).preferences.dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_ctrl_comma_opens_the_settings_and_esc_closes_them(qtbot, open_window):
    window, _ = open_window()
    assert QKeySequence("Ctrl+,") in [s.key() for s in window.findChildren(type(window.findChild(
        __import__("PySide6.QtGui", fromlist=["QShortcut"]).QShortcut)))]
    window.open_settings()
    dialog = parts_of(window).preferences.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert [dialog.tabs.tabText(i).replace("&", "") for i in range(3)] == [
        "Look and language", "Breathing and pauses", "Your data"]
    window.open_settings()          # a second time: the same dialog comes forward, not a second one
    assert parts_of(window).preferences.dialog is dialog
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: parts_of(window).preferences.dialog is None)


def test_the_theme_changes_at_once_and_is_there_after_a_restart(qtbot, open_window, monkeypatch):
    applied = []
    real_apply = look.apply
    monkeypatch.setattr(look, "apply", lambda app, *choice: (applied.append(choice), real_apply(app, *choice)))
    window, data = open_window()
    dialog = open_settings(qtbot, window)
    click(qtbot, dialog.look.theme.buttons["dark"])
    assert applied[-1] == ("dark",) and data.settings.get("theme") == "dark"
    dialog.reject()
    window.close()
    real_apply(QApplication.instance())         # a new start shows the system's look first
    applied.clear()
    window, _ = open_window()
    assert ("dark",) in applied
    dialog = open_settings(qtbot, window)
    assert dialog.look.theme.buttons["dark"].isChecked()
    click(qtbot, dialog.look.theme.buttons["system"])
    assert applied[-1] == ("system",)


def test_keep_still_reaches_every_breathing_guide_and_the_guide_tells_the_settings(qtbot, open_window):
    window, data = open_window()
    dialog = open_settings(qtbot, window)
    click(qtbot, dialog.look.motion.buttons["still"])
    assert data.settings.get("motion") == "still"
    dialog.reject()
    click(qtbot, window.home.breathe_button)
    guide = window.breathing_view.guide
    assert guide.still_box.isChecked() and guide.widget.reduced_motion()
    guide.still_box.setChecked(False)           # the same choice, made beside the guide
    assert data.settings.get("motion") == "moving"
    window.show_home()
    dialog = open_settings(qtbot, window)
    assert dialog.look.motion.buttons["moving"].isChecked()


def test_the_language_is_kept_for_the_next_start_and_says_so(qtbot, open_window):
    window, data = open_window()
    dialog = open_settings(qtbot, window)
    box = dialog.look.language
    codes = [box.itemData(i) for i in range(box.count())]
    assert codes[0] == "" and "en" in codes
    assert dialog.look.language_note.text() == ""
    box.setCurrentIndex(codes.index("en"))
    assert data.settings.get("language") == "en"
    assert "next start" in dialog.look.language_note.text()


def test_breathing_and_pause_choices_change_the_guides_and_the_next_pause(qtbot, open_window):
    window, data = open_window()
    dialog = open_settings(qtbot, window)
    dialog.tabs.setCurrentIndex(1)
    calm = dialog.calm
    calm.minutes_box.setValue(7)
    calm.pause_minutes.setValue(45)
    tick(qtbot, calm.chime_box)
    assert data.settings.get("breathing")["minutes"] == 7
    assert data.settings.get("pause_minutes") == 45 and data.settings.get("pause_chime") is True
    dialog.reject()
    click(qtbot, window.home.pause_button)
    page = window.pause_view.page
    assert page.minutes.value() == 45 and page.chime_box.isChecked()
    assert page.guide.minutes_box.value() == 7
    window.close()
    window, _ = open_window()
    window.take_pause()
    assert window.pause_view.page.minutes.value() == 45


def test_without_notifications_only_the_window_calls_back(qtbot, open_window, clock, monkeypatch):
    monkeypatch.setattr(QApplication, "alert", staticmethod(lambda widget, ms=0: None))
    messages = []
    monkeypatch.setattr(QSystemTrayIcon, "showMessage", lambda self, *args: messages.append(args))
    window, data = open_window()
    parts_of(window).calls.call_back._tray_available = lambda: True
    dialog = open_settings(qtbot, window)
    dialog.tabs.setCurrentIndex(1)
    tick(qtbot, dialog.calm.notify_box)
    assert data.settings.get("notify") is False
    dialog.reject()
    click(qtbot, window.home.pause_button)
    window.pause_view.page.minutes.setValue(5)
    click(qtbot, window.pause_view.page.start_button)
    clock.advance(minutes=5)
    parts_of(window).promises._timer.timeout.emit()
    assert parts_of(window).calls.call_back.last_way == WINDOW and messages == []


def test_start_at_login_writes_our_entry_and_unticking_removes_it(qtbot, open_window, tmp_path, data_dir):
    from goldseam import autostart

    window, _ = open_window()
    dialog = open_settings(qtbot, window)
    dialog.tabs.setCurrentIndex(1)
    box = dialog.calm.autostart_box
    assert not box.isChecked() and "after the computer restarts" in dialog.calm.autostart_note.text()
    tick(qtbot, box)
    entry = tmp_path / "config" / "autostart" / "io.github.goldseam.Goldseam.desktop"
    assert box.isChecked() and entry.is_file()
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    [exec_value] = [line[5:] for line in entry.read_text().splitlines() if line.startswith("Exec=")]
    command = autostart.split_exec(exec_value)
    assert command[-3:] == ["--data-dir", str(data_dir), "--background"], "this folder, not the default one"
    dialog.reject()
    dialog = open_settings(qtbot, window)
    dialog.tabs.setCurrentIndex(1)
    assert dialog.calm.autostart_box.isChecked(), "what is on disk is what the box shows"
    tick(qtbot, dialog.calm.autostart_box)
    assert not entry.exists() and not dialog.calm.autostart_box.isChecked()


def test_an_entry_that_starts_another_folder_shows_the_box_unticked(qtbot, open_window, tmp_path):
    from goldseam import autostart

    autostart.turn_on(autostart.launch_command(str(tmp_path / "another folder")))
    window, _ = open_window()
    dialog = open_settings(qtbot, window)
    dialog.tabs.setCurrentIndex(1)
    assert not dialog.calm.autostart_box.isChecked(), "nothing would call back for this folder after a restart"
    tick(qtbot, dialog.calm.autostart_box)
    assert dialog.calm.autostart_box.isChecked(), "ticked, the entry is written for this folder"


def test_start_at_login_refused_by_the_disk_is_said_beside_the_box(qtbot, open_window, tmp_path):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "autostart").write_text("a file where the folder should be")
    window, _ = open_window()
    dialog = open_settings(qtbot, window)
    dialog.tabs.setCurrentIndex(1)
    tick(qtbot, dialog.calm.autostart_box)
    assert not dialog.calm.autostart_box.isChecked()
    assert dialog.calm.autostart_note.text().startswith("Goldseam could not change what starts when you log in")


def test_a_long_pattern_name_and_many_patterns_fit(qtbot, open_window):
    window, _ = open_window()
    dialog = open_settings(qtbot, window)
    dialog.tabs.setCurrentIndex(1)
    click(qtbot, dialog.calm.new_pattern)
    own = dialog.calm.dialog
    qtbot.waitExposed(own)
    own.name.setText("Ruhig atmen, wenn alles zu viel ist")
    click(qtbot, own.save_button)
    assert dialog.calm.pattern_box.currentText().startswith("Ruhig atmen")
    assert dialog.calm.change_pattern.isEnabled()
    window.begin_repair()
    assert window.wizard.pause.guide.pattern_box.currentText().startswith("Ruhig atmen")


# -- your data ---------------------------------------------------------------------------------


def _journal_with(data, sample_moment, *whats):
    moments = [sample_moment(what=w) for w in whats]
    for moment in moments:
        data.journal.save(moment)
    return moments


def test_back_up_now_then_restore_what_was_deleted_with_a_preview_first(qtbot, open_window, sample_moment):
    window, data = open_window()
    kept, lost = _journal_with(data, sample_moment, "kept", "lost é" * 400)
    dialog = open_settings(qtbot, window)
    dialog.tabs.setCurrentIndex(2)
    page = dialog.data
    assert page.folder.text() == str(data.path)
    click(qtbot, page.back_up)
    assert page.status.text().startswith("Backed up at")
    [backup] = (data.path / "snapshots").iterdir()
    assert stat.S_IMODE(os.stat(backup).st_mode) == 0o600
    data.journal.delete(lost.id)

    click(qtbot, page.restore)
    restore = page.dialog
    qtbot.waitUntil(restore.isVisible)
    assert restore.backups.count() == 1
    qtbot.waitUntil(lambda: "would come back" in restore.preview.text())
    assert "It holds 2 moments" in restore.preview.text() and "1 of them is not in your journal" in \
        restore.preview.text()
    assert {m.id for m in data.journal.all()} == {kept.id}          # nothing changed by looking
    click(qtbot, restore.restore_button)
    qtbot.waitUntil(lambda: not restore.isVisible())
    assert page.status.text().startswith("Restored: 1 moment added")
    assert {m.id: m.notice.what_happened for m in data.journal.all()} == {kept.id: "kept", lost.id: "lost é" * 400}
    assert window.home.recent.count() == 2


def test_a_file_that_is_no_backup_is_explained_and_nothing_changes(qtbot, open_window, sample_moment, tmp_path,
                                                                   monkeypatch):
    window, data = open_window()
    _journal_with(data, sample_moment, "kept")
    hostile = tmp_path / "deep.json"
    hostile.write_text("[" * 50_000)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(hostile), "")))
    dialog = open_settings(qtbot, window)
    dialog.tabs.setCurrentIndex(2)
    click(qtbot, dialog.data.restore)
    restore = dialog.data.dialog
    qtbot.waitUntil(restore.isVisible)
    assert "not made a backup" in restore.preview.text()
    click(qtbot, restore.other_file)
    assert "deep.json" in restore.preview.text() and "Nothing was changed" in restore.preview.text()
    assert not restore.restore_button.isEnabled()
    assert [m.notice.what_happened for m in data.journal.all()] == ["kept"]


def test_export_everything_and_bring_it_into_another_folder(qtbot, open_window, sample_moment, tmp_path,
                                                            monkeypatch, data_dir):
    window, data = open_window()
    moments = _journal_with(data, sample_moment, "one", "two ü", "three")
    data.journal.keep_phrase(OwnPhrase("Ich höre dich. " * 300, "feel", lands_well=True))
    target = tmp_path / "everything"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    dialog = open_settings(qtbot, window)
    dialog.tabs.setCurrentIndex(2)
    page = dialog.data
    json_action = page.export.menu().actions()[1]
    json_action.trigger()
    written = target.with_name("everything.json")
    assert page.status.text() == "3 moments exported to everything.json."
    assert {m["id"] for m in json.loads(written.read_text())["moments"]} == {m.id for m in moments}
    assert [(p["text"], p["lands_well"]) for p in json.loads(written.read_text())["phrases"]] == \
        [("Ich höre dich. " * 300, True)]      # the own phrases travel with an export of everything

    for moment in moments[1:]:
        data.journal.delete(moment.id)
    data.journal.forget_phrase("Ich höre dich. " * 300)
    told = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *args: told.append(args[1:])))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(written), "")))
    click(qtbot, page.bring_in)
    assert told and told[0][0] == "Merged"
    assert page.status.text().startswith("2 moments added")
    assert "1 phrase of your own came in." in page.status.text()
    assert len(data.journal.all()) == 3
    assert data.journal.own_phrases() == [OwnPhrase("Ich höre dich. " * 300, "feel", True)]


def test_export_everything_reads_again_when_a_save_lands_between_two_months(qtbot, open_window, sample_moment,
                                                                             tmp_path, monkeypatch):
    """The export of everything reads a month at a time (the window saves meanwhile); a save between two
    months would make it hold no single state of the journal: it reads again."""
    from goldseam.ui.settings.data_actions import DataActions

    window, data = open_window()
    january = sample_moment(what="january")
    january.created_at = january.updated_at = "2026-01-10T10:00:00+00:00"
    february = sample_moment(what="february")
    february.created_at = february.updated_at = "2026-02-10T10:00:00+00:00"
    for moment in (january, february):
        data.journal.save(moment)
    real, calls = data.journal.moments_of, []

    def saving_meanwhile(month):
        calls.append(month)
        if len(calls) == 1:     # the window saves a correction moving February's moment to March
            moved = data.journal.get(february.id)
            moved.created_at = "2026-03-01T10:00:00+00:00"
            moved.touch()
            data.journal.save(moved)
        return real(month)

    monkeypatch.setattr(data.journal, "moments_of", saving_meanwhile)
    moments, _phrases = DataActions(data.path, data.journal).everything(window)
    assert sorted(m.notice.what_happened for m in moments) == ["february", "january"]
    assert len(calls) > 2


@pytest.mark.parametrize("size", [(1024, 600), (640, 400)])
def test_every_page_fits_a_small_screen_without_sideways_scrolling(qtbot, open_window, size):
    window, _ = open_window()
    dialog = open_settings(qtbot, window)
    dialog.resize(*size)
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        scroll = dialog.tabs.currentWidget()
        page = scroll.widget()
        assert page.width() <= scroll.viewport().width(), dialog.tabs.tabText(index)
        assert dialog.geometry().width() <= size[0] and dialog.geometry().height() <= size[1]


def test_tab_walks_each_page_in_reading_order(qtbot, open_window):
    window, _ = open_window()
    dialog = open_settings(qtbot, window)
    dialog.activateWindow()
    dialog.tabs.setCurrentIndex(2)
    page = dialog.data
    qtbot.waitUntil(dialog.isActiveWindow)
    page.folder.setFocus()
    qtbot.waitUntil(page.folder.hasFocus)
    order = [page.folder, page.open_folder, page.back_up, page.restore, page.export, page.bring_in]
    seen = [QApplication.focusWidget()]
    for _ in order[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == order


def test_a_full_disk_makes_no_backup_and_says_so(qtbot, open_window, sample_moment, monkeypatch):
    import errno

    from goldseam.storage import snapshots
    from goldseam.storage.errors import WriteFailed

    window, data = open_window()
    _journal_with(data, sample_moment, "kept")

    def full(_path, _data, *_a, **_k):
        raise WriteFailed(_path, OSError(errno.ENOSPC, "No space left on device"))

    monkeypatch.setattr(snapshots, "write_atomic", full)
    told = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *args: told.append(args[1:])))
    dialog = open_settings(qtbot, window)
    dialog.tabs.setCurrentIndex(2)
    click(qtbot, dialog.data.back_up)
    [(title, body)] = told
    assert title == "No backup made" and "the disk is full" in body and "untouched" in body
    assert dialog.data.status.text() == ""
    assert not (data.path / "snapshots").exists() or list((data.path / "snapshots").iterdir()) == []


def test_a_settings_file_that_cannot_be_written_still_lets_the_choice_hold(qtbot, open_window, monkeypatch):
    from goldseam.storage.errors import WriteFailed
    from goldseam.storage.settings import Settings

    window, data = open_window()

    def refuse(self, key, value):
        raise WriteFailed(data.path / "settings.json", PermissionError(13, "Permission denied"))

    monkeypatch.setattr(Settings, "set", refuse)
    dialog = open_settings(qtbot, window)
    dialog.tabs.setCurrentIndex(1)
    dialog.calm.pause_minutes.setValue(33)
    dialog.reject()
    click(qtbot, window.home.pause_button)
    assert window.pause_view.page.minutes.value() == 33
