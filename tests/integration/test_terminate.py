"""A logout or `kill` (SIGTERM) at any moment saves and ends the process: during the
first-run welcome, the restore offer, the read-only notice, a second start's message,
a question asked mid-use, and while typing."""

import json
import os
import select
import signal
import subprocess
import sys
import time

import pytest

from goldseam.storage.data_folder import DataFolder
from goldseam.storage.journal import OwnPhrase
from goldseam.storage.journal_parts import month_of

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX signals")

# Runs Goldseam as `goldseam` would, and says on stdout when a modal dialog opens,
# so the test sends SIGTERM exactly while it waits there.
HARNESS = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from goldseam import cli
from goldseam.ui import main_window

def announce(name, original):
    def wrapper(*args, **kwargs):
        QTimer.singleShot(200, lambda: print("modal", name, flush=True))   # once the loop runs
        return original(*args, **kwargs)
    return wrapper

QDialog.exec = announce("dialog", QDialog.exec)
for name in ("information", "question", "warning"):
    setattr(QMessageBox, name, staticmethod(announce(name, getattr(QMessageBox, name))))

then = sys.argv[1]
windows = []
original_init = main_window.MainWindow.__init__
def init(self, *args, **kwargs):
    original_init(self, *args, **kwargs)
    windows.append(self)
    if then != "nothing":
        QTimer.singleShot(600, act)
main_window.MainWindow.__init__ = init

def act():
    window = windows[0]
    if then == "discard":
        window.home.discard_button.click()
    elif then == "type":
        QTest.keyClicks(window.wizard.notice.what, "words typed just now")
        print("typed", flush=True)
sys.exit(cli.main(sys.argv[2:]))
"""


@pytest.fixture(autouse=True)
def _private_runtime(runtime_dir):
    """Every test here runs with its own runtime folder (tests/integration/conftest.py)."""


def start(folder, then="nothing", *args):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.Popen([sys.executable, "-c", HARNESS, then, "--data-dir", str(folder), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def terminate_when(child, line_start, timeout=30):
    """Wait for the line announcing the moment, send SIGTERM, and return the exit status."""
    deadline = time.monotonic() + timeout
    seen = ""
    while time.monotonic() < deadline:       # raw reads: a buffered reader could hide a line from select
        if not select.select([child.stdout], [], [], 0.2)[0]:
            continue
        chunk = os.read(child.stdout.fileno(), 4096).decode()
        seen += chunk
        if any(line.startswith(line_start) for line in seen.splitlines()):
            break
        if not chunk and child.poll() is not None:
            pytest.fail(f"ended before '{line_start}': {child.stderr.read()[-800:]}")
    else:
        child.kill()
        pytest.fail(f"never reached '{line_start}'")
    child.send_signal(signal.SIGTERM)
    try:
        return child.wait(timeout=10)
    except subprocess.TimeoutExpired:
        child.kill()
        pytest.fail(f"still running 10 s after SIGTERM while waiting at '{line_start}'")


def settings_of(folder):
    with DataFolder.open(folder, read_only=True) as data:
        return data.settings.get("welcome_seen", False)


def test_during_the_first_run_welcome(tmp_path):
    folder = tmp_path / "data"
    assert terminate_when(start(folder), "modal dialog") == 0
    assert settings_of(folder) is False          # cut short: shown again next time


def test_during_the_restore_offer(tmp_path, sample_moment):
    folder = tmp_path / "data"
    moment = sample_moment()
    with DataFolder.open(folder) as data:
        data.settings.set("welcome_seen", True)
        data.journal.save(moment)
        data.journal.save(sample_moment())
    part = folder / "journal" / f"{month_of(moment.created_at)}-1.json"     # the month home shows
    part.write_bytes(b"\x00")
    assert terminate_when(start(folder), "modal dialog") == 0
    with DataFolder.open(folder) as data:         # the choice is still there
        assert [held.file for held in data.held_backups()] == [part.name]


@pytest.mark.parametrize("file", ["the month's part", "phrases.json"])
def test_during_the_read_only_notice(tmp_path, sample_moment, file):
    folder = tmp_path / "data"
    moment = sample_moment()
    with DataFolder.open(folder) as data:
        data.settings.set("welcome_seen", True)
        data.journal.save(moment)
        data.journal.keep_phrase(OwnPhrase("Tea on the balcony?"))
    name = file if file == "phrases.json" else f"{month_of(moment.created_at)}-1.json"
    path = folder / "journal" / name
    doc = json.loads(path.read_text())
    doc["schema"] = 99
    path.write_text(json.dumps(doc))
    before = path.read_bytes()
    assert terminate_when(start(folder), "modal information") == 0
    assert path.read_bytes() == before


def test_during_a_second_starts_message(tmp_path):
    folder = tmp_path / "data"
    with DataFolder.open(folder):
        assert terminate_when(start(folder), "modal information") in (0, 1)


def test_during_a_question_asked_mid_use_and_the_draft_is_kept(tmp_path, sample_moment):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.settings.set("welcome_seen", True)
        data.drafts.save(sample_moment(what="my unfinished words"))
    assert terminate_when(start(folder, "discard"), "modal question") == 0
    with DataFolder.open(folder, read_only=True) as data:
        assert data.drafts.load().notice.what_happened == "my unfinished words"


def test_while_typing_the_words_are_saved(tmp_path):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.settings.set("welcome_seen", True)
    assert terminate_when(start(folder, "type", "repair"), "typed") == 0
    with DataFolder.open(folder, read_only=True) as data:
        assert data.drafts.load().notice.what_happened == "words typed just now"


def test_nohup_keeps_it_running_after_a_hangup(tmp_path, runtime_dir):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.settings.set("welcome_seen", True)
    runtime = runtime_dir
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(["nohup", sys.executable, "-m", "goldseam", "--data-dir", str(folder)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=tmp_path)
    deadline = time.monotonic() + 20
    while not list(runtime.iterdir()) and time.monotonic() < deadline:   # its socket: the window is up
        time.sleep(0.1)
    assert list(runtime.iterdir()), "the window never came up"
    child.send_signal(signal.SIGHUP)
    time.sleep(1.5)
    assert child.poll() is None, "a hangup ended Goldseam although it runs under nohup"
    child.send_signal(signal.SIGTERM)
    assert child.wait(timeout=10) == 0


def listening(folder):
    """True once an open Goldseam answers for `folder` (asked from a separate process)."""
    ask = ("import sys; from pathlib import Path; from PySide6.QtCore import QCoreApplication; "
           "from goldseam.ui.application.single_instance import ask_running_to_show; app = QCoreApplication([]); "
           "print(ask_running_to_show(Path(sys.argv[1]), 1000))")
    answer = subprocess.run([sys.executable, "-c", ask, str(folder)], capture_output=True, text=True, timeout=30)
    return answer.stdout.strip() == "True"


def test_a_second_start_raises_the_open_window_and_shows_no_box_of_its_own(tmp_path):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.settings.set("welcome_seen", True)
    first = start(folder)
    try:
        deadline = time.monotonic() + 30
        while not listening(folder):            # the window listens once it has painted
            assert time.monotonic() < deadline and first.poll() is None, "the first start never opened"
            time.sleep(0.2)
        second = start(folder)
        try:
            out, err = second.communicate(timeout=30)
        finally:
            second.kill()                       # a second start that hangs fails the test, and ends
        assert "asked to come forward" in err
        assert second.returncode == 0           # the open window answered: what was asked is done
        assert "modal" not in out, "the raised window says it all: no message box on top of it"
    finally:
        first.send_signal(signal.SIGTERM)
        first.wait(timeout=10)
