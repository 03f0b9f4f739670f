"""The call back survives a closed window, on a real desktop (Xvfb, openbox, keys by xdotool):
the window closed with Alt+F4 during a pause keeps Goldseam running (minimised, with a note the
first time: openbox has no tray), the window comes back by itself at the time with the question,
and Ctrl+Q really ends it, leaving the pause for the next start to ask about. Also: started at
login with nothing promised, Goldseam leaves at once without a window."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from datetime import timedelta

import pytest

from atspi_session import private_desktop
from goldseam.core import clock
from goldseam.core import pause as pause_rules
from goldseam.core.moment import RepairMoment
from goldseam.storage.data_folder import DataFolder

pytestmark = pytest.mark.slow

WAIT = 60           # a limit for a busy machine, not a tolerance: each wait ends as soon as it holds
AHEAD_S = 25        # the pause comes due this long after the test writes it: the window is closed long before


def write_pause_due_soon(folder) -> str:
    """A pause taken alone, running, that comes due AHEAD_S seconds from now: as a one-minute pause
    started half a minute ago leaves it (a whole minute of waiting would only slow the suite)."""
    now = clock.now().replace(microsecond=0)
    moment = RepairMoment(kind="pause")
    pause_rules.start(moment.pause, 1, now - timedelta(seconds=60 - AHEAD_S))
    moment.pause.return_at = clock.to_iso(now + timedelta(seconds=AHEAD_S))
    with DataFolder.open(folder) as data:
        data.settings.set("welcome_seen", True)
        data.promises.keep_pause(moment)
    return moment.pause.return_at


def test_closed_during_a_pause_goldseam_lives_and_the_window_comes_back_with_the_question(tmp_path):
    folder = tmp_path / "data"
    due = write_pause_due_soon(folder)
    missing = None if shutil.which("xdotool") else "no xdotool (Debian: apt-get install xdotool)"
    with private_desktop("closed-window call back test", missing) as session:
        app = session.start_app(folder, session.root / "probe.sock", "--lang", "en")

        def xdotool(*args: str, check: bool = True) -> subprocess.CompletedProcess:
            return subprocess.run(["xdotool", *args], env=session.env, check=check, timeout=WAIT + 30,
                                  capture_output=True, text=True)

        xdotool("search", "--sync", "--onlyvisible", "--name", "^Goldseam.*on a pause", "windowactivate", "--sync")
        assert clock.now() < clock.from_iso(due) - timedelta(seconds=5), "the machine was too slow to test this"
        # openbox closes the window as a person's close button does. On a loaded machine one Alt+F4 was
        # once lost on its way (the note never came, the window stayed): a person presses it again.
        deadline = time.monotonic() + WAIT
        while not visible(xdotool, "--name", "^Goldseam stays open$"):
            assert time.monotonic() < deadline, f"no note after closing: {session.log('app')}"
            assert app.poll() is None, session.log("app")
            xdotool("key", "alt+F4")
            wait_for(lambda: visible(xdotool, "--name", "^Goldseam stays open$"), "the note", limit=10, fail=False)
        xdotool("search", "--sync", "--onlyvisible", "--name", "^Goldseam stays open$", "windowactivate", "--sync")
        xdotool("key", "Return")        # "Keep it open"
        wait_for(lambda: not visible(xdotool, "--class", "Goldseam"), "the window to go to the taskbar")
        assert app.poll() is None, session.log("app")

        # At the time, the window comes back by itself, with the question.
        wait_for(lambda: visible(xdotool, "--name", "^Goldseam.*time to come back$"),
                 "the window to come back at the time", limit=AHEAD_S + WAIT)
        assert clock.now() >= clock.from_iso(due)
        assert app.poll() is None

        xdotool("search", "--sync", "--onlyvisible", "--name", "^Goldseam.*time to come back$",
                "windowactivate", "--sync")
        xdotool("key", "ctrl+q")        # Quit really quits
        assert app.wait(timeout=WAIT) == 0, session.log("app")

    with DataFolder.open(folder, read_only=True) as data:
        running = data.promises.pause()
        seen = data.settings.get("background_note_seen")
    assert running is not None and running.pause.returned_at is None, "the next start asks"
    assert seen is True


def test_started_at_login_with_nothing_promised_goldseam_leaves_at_once(tmp_path):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.settings.set("welcome_seen", True)
    env = {k: v for k, v in os.environ.items() if k not in ("GOLDSEAM_DATA_DIR",)}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "home"))
    result = subprocess.run([sys.executable, "-m", "goldseam", "--data-dir", str(folder), "--background"],
                            env=env, capture_output=True, text=True, timeout=WAIT)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    # For a folder that is not there (moved, on a disk not plugged in), nothing is made at each login.
    gone = tmp_path / "moved away"
    result = subprocess.run([sys.executable, "-m", "goldseam", "--data-dir", str(gone), "--background"],
                            env=env, capture_output=True, text=True, timeout=WAIT)
    assert result.returncode == 0 and result.stderr == "" and not gone.exists()


def visible(xdotool, *how: str) -> bool:
    return xdotool("search", "--onlyvisible", *how, check=False).returncode == 0


def wait_for(condition, what: str, limit: float = WAIT, fail: bool = True) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    if fail:
        pytest.fail(f"waited {limit:.0f} s for {what}")
    return False
