"""Starting Goldseam: the first-run welcome, a second window, a damaged file."""

import pytest
from PySide6.QtWidgets import QMessageBox

from goldseam import app
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.journal_migration import single_file_storage
from goldseam.storage.journal_parts import month_of
from goldseam.ui.wiring import WindowParts
from goldseam.ui.application.single_instance import InstanceBeacon, ask_running_to_show
from goldseam.ui.home.welcome_dialog import WelcomeDialog


def test_welcome_with_safety_note_is_shown_once(qtbot, open_window, data_dir, monkeypatch):
    shown = []
    monkeypatch.setattr(WelcomeDialog, "exec", lambda self: shown.append(self) or 1)
    window, data = open_window()
    app.show_welcome_once(window, data)
    assert len(shown) == 1
    text = " ".join(label.text() for label in shown[0].findChildren(type(window.home.empty)))
    assert "safe with each other" in text and "emergency" in text and "never sends" in text
    window.close()
    window, data = open_window()
    app.show_welcome_once(window, data)
    assert len(shown) == 1


def test_a_welcome_closed_with_escape_comes_again(qtbot, open_window, monkeypatch):
    answers = [0, 1]                        # Escape (rejected), then "I understand"
    shown = []
    monkeypatch.setattr(WelcomeDialog, "exec", lambda self: shown.append(self) or answers.pop(0))
    window, data = open_window()
    app.show_welcome_once(window, data)
    app.show_welcome_once(window, data)      # not read yet: the safety note comes again
    app.show_welcome_once(window, data)      # understood: no more
    assert len(shown) == 2 and data.settings.get("welcome_seen") is True


def test_a_second_start_says_goldseam_is_open_and_changes_nothing(qtbot, data_dir, monkeypatch, capsys):
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append((title, text)))
    with DataFolder.open(data_dir) as data:
        data.settings.set("welcome_seen", True)
        before = (data_dir / "settings.json").read_bytes()
        assert app.run_gui(data_dir) == 1
    assert told and told[0][0] == "Goldseam is already open"
    assert "nothing has been changed" in told[0][1]
    assert (data_dir / "settings.json").read_bytes() == before
    assert "Goldseam is already open for" in capsys.readouterr().err


def test_a_second_start_the_open_window_answered_ends_well(qtbot, data_dir, monkeypatch, capsys):
    """Handed to the open window, which came forward, the second start did what was asked: exit
    0, as `goldseam pause` does (it said 1, as if it had failed)."""
    from goldseam.ui.application import single_instance

    monkeypatch.setattr(single_instance, "ask_running_to_show", lambda *_args, **_kw: True)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(title))
    with DataFolder.open(data_dir):
        assert app.run_gui(data_dir) == 0
    assert told == [] and "its window was asked to come forward" in capsys.readouterr().err


def test_a_second_start_brings_the_first_window_forward(qtbot, data_dir, monkeypatch):
    """The second start is another process (its blocking wait must not hold our event loop),
    and it hears "shown" from the first one, which holds the folder."""
    import shutil
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    runtime = Path(tempfile.mkdtemp(prefix="gs-"))      # private (0700) and short: socket paths are limited
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    second_start = ("import sys; from pathlib import Path; from PySide6.QtCore import QCoreApplication; "
                    "from goldseam.ui.application.single_instance import ask_running_to_show; app = QCoreApplication([]); "
                    "print(ask_running_to_show(Path(sys.argv[1]), timeout_ms=60000))")   # a busy machine
    try:
        with DataFolder.open(data_dir):
            beacon = InstanceBeacon(data_dir)
            with qtbot.waitSignal(beacon.show_requested, timeout=60000):
                second = subprocess.Popen([sys.executable, "-c", second_start, str(data_dir)],
                                          stdout=subprocess.PIPE, text=True)
            qtbot.waitUntil(lambda: second.poll() is not None, timeout=60000)
            assert second.communicate()[0].strip() == "True"
            beacon.close()
        assert not ask_running_to_show(data_dir, timeout_ms=300)
    finally:
        shutil.rmtree(runtime, ignore_errors=True)


def _earlier_versions_journal(data_dir, moments):
    """journal.json as an earlier Goldseam kept it, saved once per moment (each save backed up)."""
    data_dir.mkdir(mode=0o700)
    storage = single_file_storage(data_dir, read_only=False)
    for n in range(1, len(moments) + 1):
        storage.write({"moments": {str(k): m.to_dict() for k, m in enumerate(moments[:n], 1)}})
    return data_dir / "journal.json"


@pytest.mark.parametrize("where", ["the month's part", "journal.json of an earlier version"])
def test_damaged_journal_is_set_aside_and_backup_offered(qtbot, data_dir, sample_moment, monkeypatch, where):
    first, second = sample_moment(what="first"), sample_moment(what="second")
    if where == "the month's part":
        with DataFolder.open(data_dir) as data:
            data.journal.save(first)
            data.journal.save(second)
        damaged = data_dir / "journal" / f"{month_of(first.created_at)}-1.json"
    else:
        damaged = _earlier_versions_journal(data_dir, [first, second])
    damaged.write_bytes(b"\x00" * 64)
    offered = []

    def choose_restore(box):
        offered.append(box.text())
        box.buttons()[0].click() if box.buttons()[0].text() == "Restore the backup" else box.buttons()[1].click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", choose_restore)
    with DataFolder.open(data_dir) as data:
        parts = WindowParts(data)
        window = parts.window
        qtbot.addWidget(window)
        app.offer_restores(window, data)
        assert offered and damaged.name in offered[0] and "set aside" in offered[0]
        assert window.home.recent.count() == 1
        assert "first" in window.home.recent.item(0).text()
        assert not data.held_backups()
    aside = list(damaged.parent.glob(f"{damaged.stem}.corrupt-*.json"))
    assert len(aside) == 1 and aside[0].read_bytes() == b"\x00" * 64
    with DataFolder.open(data_dir, read_only=True) as data:    # restored into the parts, there to stay
        assert [m.notice.what_happened for m in data.journal.all()] == ["first"]
        assert not data.problems


def test_a_part_changed_since_goldseam_wrote_it_is_set_aside_and_its_backup_offered(qtbot, data_dir, sample_moment,
                                                                                       monkeypatch):
    """"I love you" became "I hate you" (same length: the part still reads, its checksum does not match):
    the window offers its backup as it does for a damaged part, and never shows the changed words."""
    first, second = sample_moment(what="I love you"), sample_moment(what="I love you too")
    with DataFolder.open(data_dir) as data:
        data.journal.save(first)
        data.journal.save(second)
    changed = data_dir / "journal" / f"{month_of(first.created_at)}-1.json"
    flipped = changed.read_bytes().replace(b"love", b"hate")
    changed.write_bytes(flipped)
    offered, shown = [], []

    def choose_restore(box):
        offered.append(box.text())
        shown.extend(window.home.recent.item(n).text() for n in range(window.home.recent.count()))
        next(b for b in box.buttons() if b.text() == "Restore the backup").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", choose_restore)
    with DataFolder.open(data_dir) as data:
        parts = WindowParts(data)
        window = parts.window
        qtbot.addWidget(window)
        app.offer_restores(window, data)
        assert len(offered) == 1 and changed.name in offered[0]
        assert "it has changed since Goldseam saved it" in offered[0] and "set aside" in offered[0]
        assert not any("hate" in line for line in shown)            # not shown while the choice is asked
        assert window.home.recent.count() == 1 and "I love you" in window.home.recent.item(0).text()
        assert not data.held_backups()
    aside = list(changed.parent.glob(f"{changed.stem}.corrupt-*.json"))
    assert len(aside) == 1 and aside[0].read_bytes() == flipped
    with DataFolder.open(data_dir, read_only=True) as data:    # the backup, taken before the second save
        assert [m.notice.what_happened for m in data.journal.all()] == ["I love you"]
        assert not data.problems


def test_journal_from_a_newer_goldseam_is_shown_but_never_changed(qtbot, data_dir, sample_moment, monkeypatch):
    import json

    moment = sample_moment(what="from the future")
    with DataFolder.open(data_dir) as data:
        data.journal.save(moment)
    path = data_dir / "journal" / f"{month_of(moment.created_at)}-1.json"
    document = json.loads(path.read_text())
    document["schema"] = 99
    path.write_text(json.dumps(document))
    before = path.read_bytes()
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(title))
    with DataFolder.open(data_dir) as data:
        parts = WindowParts(data)
        window = parts.window
        qtbot.addWidget(window)
        app.warn_if_read_only(window, data)
        assert told == ["Opened for reading only"]
        assert "from the future" in window.home.recent.item(0).text()
        window.begin_repair()
        for _ in range(4):
            window.wizard.go_next()
        window.wizard.go_next()                      # save: refused, explained, kept as a draft
        assert not window.wizard.banner.isHidden() and "reading only" in window.wizard.banner_text.text()
    assert path.read_bytes() == before


def test_an_unusable_data_folder_is_explained(qtbot, tmp_path, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: told.append((title, text)))
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert app.run_gui(blocker / "data") == 1
    assert told[0][0] == "Goldseam cannot use its data folder"
    assert "--data-dir" in told[0][1]
