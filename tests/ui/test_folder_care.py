"""What the home screen keeps for the person: a restore choice that outlives "Not now",
and plain words about anything the data folder needed."""

import json
import os
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from goldseam import app
from goldseam.core.moment import MAX_TEXT
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.journal_parts import month_of


def _click(qtbot, button):
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _part_of(data_dir, moment):
    """The part of the journal a moment of this month is saved in: the one home reads at open."""
    return data_dir / "journal" / f"{month_of(moment.created_at)}-1.json"


def _damaged_journal(data_dir, sample_moment):
    """Three moments of this month; their part damaged afterwards."""
    with DataFolder.open(data_dir) as data:
        data.settings.set("welcome_seen", True)
        for word in ("old one", "old two", "old three"):
            moment = sample_moment(what=word)
            data.journal.save(moment)
    part = _part_of(data_dir, moment)
    part.write_bytes(b"\x00" * 16)
    return part


def test_not_now_keeps_the_restore_on_the_home_screen(qtbot, open_window, data_dir, sample_moment, monkeypatch):
    _damaged_journal(data_dir, sample_moment)
    offered = []

    def not_now(box):
        offered.append(box.text())
        next(b for b in box.buttons() if b.text() == "Not now").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", not_now)
    window, data = open_window()
    app.offer_restores(window, data)
    assert offered and "kept until you decide" in offered[0]
    home = window.home
    month = date.fromisoformat(_part_of(data_dir, sample_moment()).name[:7] + "-01").strftime("%B %Y")
    assert home.restore_banner.isVisible()
    assert f"Moments of {month} in your journal could not be read" in home.restore_text.text()
    assert "the rest of your journal is fine" in home.restore_text.text()

    # days later, after new repairs, the choice is still there
    window.keeper.start_new()
    window.keeper.moment.notice.what_happened = "written since"
    window.keeper.finish()
    window.close()
    for _ in range(3):
        window, data = open_window()
        assert window.home.restore_banner.isVisible()
        window.close()
    window, data = open_window()
    _click(qtbot, window.home.restore_button)
    assert not window.home.restore_banner.isVisible()
    assert "Restored" in window.home.saved_note.text()
    shown = [window.home.recent.item(i).text() for i in range(window.home.recent.count())]
    assert any("written since" in line for line in shown) and any("old two" in line for line in shown)


def test_letting_go_asks_once_and_then_the_choice_is_gone(qtbot, open_window, data_dir, sample_moment, monkeypatch):
    damaged = _damaged_journal(data_dir, sample_moment)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a[1]) or QMessageBox.StandardButton.Cancel)
    window, data = open_window()
    _click(qtbot, window.home.let_go_button)
    assert asked == ["Let the backup go?"] and window.home.restore_banner.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)
    _click(qtbot, window.home.let_go_button)
    assert not window.home.restore_banner.isVisible()
    window.close()
    window, data = open_window()
    assert not window.home.restore_banner.isVisible()
    assert len(list(damaged.parent.glob(f"{damaged.stem}.corrupt-*"))) == 1


def test_a_draft_this_version_cannot_read_is_named_on_the_home_screen(qtbot, open_window, data_dir, sample_moment):
    with DataFolder.open(data_dir) as data:
        data.settings.set("welcome_seen", True)
        data.drafts.save(sample_moment())
    doc = json.loads((data_dir / "draft.json").read_text())
    doc["data"]["draft"]["1"]["notice"]["what_happened"] = "é" * (MAX_TEXT + 1)     # as an older version wrote it
    (data_dir / "draft.json").write_text(json.dumps(doc))
    window, data = open_window()
    (aside,) = data_dir.glob("draft.unreadable-*.json")
    assert window.home.notes.isVisible()
    assert "Your unfinished repair could not be read" in window.home.notes.text()
    assert aside.name in window.home.notes.text()
    assert len(json.loads(aside.read_text())["notice"]["what_happened"]) == MAX_TEXT + 1


def test_moments_this_version_cannot_read_are_counted_on_the_home_screen(qtbot, open_window, data_dir, sample_moment):
    moment = sample_moment(what="readable")
    with DataFolder.open(data_dir) as data:
        data.settings.set("welcome_seen", True)
        data.journal.save(moment)
    part = _part_of(data_dir, moment)
    doc = json.loads(part.read_text())
    doc["data"]["moments"]["8"] = {"id": "from-a-newer-version", "created_at": "tomorrow"}
    doc["data"]["moments"]["9"] = {"id": "another", "created_at": "later"}
    part.write_text(json.dumps(doc))
    window, data = open_window()
    qtbot.waitUntil(lambda: "2 moments in your journal could not be read" in window.home.notes.text(), timeout=5000)
    assert window.home.recent.count() == 1


def test_private_again_is_said_once(qtbot, open_window, data_dir):
    with DataFolder.open(data_dir) as data:
        data.settings.set("welcome_seen", True)
    os.chmod(data_dir, 0o755)
    os.chmod(data_dir / "settings.json", 0o644)
    window, data = open_window()
    text = window.home.notes.text()
    assert "could be opened by other people" in text and "It is private again now" in text
    window.close()
    window, data = open_window()
    assert not window.home.notes.isVisible()


def test_an_older_month_found_unreadable_after_the_start_is_said_on_home(qtbot, open_window, data_dir, sample_moment):
    """Only the newest month is read before the first paint; an older one is read when the index is
    checked just after. If it cannot be read and has no backup, home says so in words."""
    old, new = sample_moment(what="in March"), sample_moment(what="this month")
    old.created_at = old.updated_at = "2024-03-10T20:00:00+00:00"
    with DataFolder.open(data_dir) as data:
        data.settings.set("welcome_seen", True)
        data.journal.save(old)
        data.journal.save(new)
    journal = data_dir / "journal"
    for backup in (journal / "backups").glob("2024-03-1.*"):
        backup.unlink()
    (journal / "2024-03-1.json").write_bytes(b"\x00garbage")
    (journal / "index.json").unlink()                     # so that the check after the paint reads March
    window, data = open_window()
    qtbot.waitUntil(lambda: "Moments of March 2024 in your journal could not be read" in window.home.notes.text(),
                    timeout=5000)
    assert "found no backup of them" in window.home.notes.text()
    assert window.home.recent.count() == 1
    window.close()
    window, data = open_window()                           # said at every start while the moments are missing
    assert "Moments of March 2024 in your journal could not be read" in window.home.notes.text()
