"""`goldseam pause [--minutes N]`: a real process starts a pause that outlives it, a second
start hands the pause to the open window, and the next start asks about the time that passed."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from datetime import timedelta

import pytest

from goldseam import cli
from goldseam.core import clock
from goldseam.storage.data_folder import DataFolder

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


@pytest.fixture(autouse=True)
def _private_runtime(runtime_dir):
    """Every test here runs with its own runtime folder (tests/integration/conftest.py)."""


def goldseam(folder, *args):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.Popen([sys.executable, "-m", "goldseam", "--data-dir", str(folder), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def wait_for(condition, what, timeout=90):     # a limit, not a tolerance: passes as soon as it holds
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.1)
    pytest.fail(f"never saw {what}")


def running_pause(folder):
    try:
        with DataFolder.open(folder, read_only=True) as data:
            return data.promises.pause()
    except Exception:       # not written yet
        return None


def end(child):
    child.send_signal(signal.SIGTERM)
    try:
        return child.wait(timeout=30)
    except subprocess.TimeoutExpired:
        child.kill()
        pytest.fail("still running 30 s after SIGTERM")


def welcomed(folder):
    with DataFolder.open(folder) as data:
        data.settings.set("welcome_seen", True)


def test_pause_minutes_starts_at_once_and_outlives_the_process(tmp_path, qtbot):
    folder = tmp_path / "data"
    welcomed(folder)
    before = clock.now().replace(microsecond=0)
    child = goldseam(folder, "pause", "--minutes", "1")
    try:
        pause = wait_for(lambda: running_pause(folder), "a running pause in promises.json")
    finally:
        assert end(child) == 0
    assert pause.kind == "pause" and pause.pause.minutes_planned == 1
    started = clock.from_iso(pause.pause.started_at)
    assert before <= started <= clock.now()
    returns = clock.from_iso(pause.pause.return_at)       # the whole minute the screen names
    assert timedelta(minutes=1) <= returns - started < timedelta(minutes=2) and returns.second == 0

    # The next start, two minutes on: asked once whether they came back, and the answer kept.
    from goldseam.ui.wiring import WindowParts

    later = started + timedelta(minutes=2)
    with DataFolder.open(folder) as data:
        parts = WindowParts(data, now=lambda: later)
        window = parts.window
        qtbot.addWidget(window)
        banner = window.home.pause_banner
        assert banner.text.text().startswith("You planned to come back at ")
        banner.yes_button.click()
        [kept] = data.journal.all()
        window.close()
    assert kept.kind == "pause" and kept.completed and kept.pause.outcome == "returned"
    assert running_pause(folder) is None


def test_a_second_start_hands_the_pause_to_the_open_window(tmp_path):
    folder = tmp_path / "data"
    welcomed(folder)
    first = goldseam(folder)
    try:
        from goldseam.ui.application.single_instance import channel_name
        # the first window listens once it has painted (a second start before then is told it cannot be reached)
        wait_for(lambda: channel_name(folder) and Path(channel_name(folder)).exists(), "the first window listening")
        second = None
        deadline = time.monotonic() + 90        # a busy machine starts the first window slowly
        while time.monotonic() < deadline:      # until the first window listens
            second = subprocess.run([sys.executable, "-m", "goldseam", "--data-dir", str(folder), "pause",
                                     "--minutes", "5"], capture_output=True, text=True, timeout=90,
                                    env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
            if "shows the pause" in second.stderr:
                break
            time.sleep(0.3)
        assert "its window shows the pause" in second.stderr
        assert second.returncode == 0, "the pause asked for is in the open window: done"
        pause = wait_for(lambda: running_pause(folder), "the pause started by the open window")
        assert pause.pause.minutes_planned == 5
    finally:
        end(first)


@pytest.mark.parametrize("minutes", ["0", "1441", "twenty", "-5"])
def test_minutes_out_of_range_are_refused_before_anything_opens(tmp_path, capsys, minutes):
    with pytest.raises(SystemExit) as stop:
        cli.main(["--data-dir", str(tmp_path / "data"), "pause", "--minutes", minutes])
    assert stop.value.code == 2
    assert "--minutes" in capsys.readouterr().err
    assert not (tmp_path / "data").exists()
