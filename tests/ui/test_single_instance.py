"""The single-instance socket: private place, stale leftovers, squatters, no freezing."""

import os
import shutil
import socket as pysocket
import stat
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from goldseam.ui.application.single_instance import InstanceBeacon, ask_running_to_show, channel_name

pytestmark = pytest.mark.skipif(os.name != "posix", reason="socket files and modes are POSIX")


@pytest.fixture
def short_base(monkeypatch):
    """pytest's tmp paths can pass the ~107-byte socket path limit: keep these short."""
    base = Path(tempfile.mkdtemp(prefix="gs-"))
    temp = base / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))   # the last-resort folder goes here, not in /tmp
    monkeypatch.setenv("TMPDIR", str(temp))               # and so for a second start
    yield base
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def runtime(short_base, monkeypatch):
    folder = short_base / "run"
    folder.mkdir(mode=0o700)
    folder.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder


@pytest.fixture
def folder(short_base):
    data = short_base / "data"
    data.mkdir(mode=0o700)
    data.chmod(0o700)
    return data


@pytest.fixture
def beacons():
    made = []

    def make(data_folder):
        beacon = InstanceBeacon(data_folder)
        made.append(beacon)
        return beacon

    yield make
    for beacon in made:
        beacon.close()


SECOND_START = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from goldseam.ui.application.single_instance import ask_running_to_show
app = QCoreApplication(sys.argv[:1])
print(ask_running_to_show(Path(sys.argv[1]), int(sys.argv[2])))
"""


def ask_from_a_second_start(qtbot, data_folder, timeout_ms=30000):     # answered at once when all is well
    """A second start is another process; its blocking client must not share our thread
    (nor our GIL: PySide keeps it during waitFor*), or the beacon could never answer in time."""
    second = subprocess.Popen([sys.executable, "-c", SECOND_START, str(data_folder), str(timeout_ms)],
                              stdout=subprocess.PIPE, text=True)
    try:
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=timeout_ms + 15000)
    finally:
        if second.poll() is None:
            second.kill()
    answer = second.communicate()[0].strip()
    assert answer in ("True", "False")
    return answer == "True"


def private_socket_path(data_folder, place):
    path = Path(channel_name(data_folder))
    assert path.is_absolute() and path.parent == place
    return path


def test_the_socket_lives_in_the_private_runtime_folder_not_in_tmp(qtbot, runtime, folder, short_base, beacons):
    beacon = beacons(folder)
    assert beacon.listening
    path = private_socket_path(folder, runtime)
    info = os.lstat(path)
    assert stat.S_ISSOCK(info.st_mode) and not info.st_mode & 0o077 and info.st_uid == os.geteuid()
    assert "Goldseam" in path.name and path.name != Path(channel_name(short_base)).name   # one per folder
    assert not any(name.startswith("io.github.goldseam") for name in os.listdir(tempfile.gettempdir()))
    beacon.close()
    assert not path.exists()


@pytest.mark.parametrize("runtime_state", ["unset", "open to others", "relative"])
def test_without_a_private_runtime_folder_the_socket_lives_in_the_data_folder(
        qtbot, runtime, folder, beacons, monkeypatch, runtime_state):
    if runtime_state == "unset":
        monkeypatch.delenv("XDG_RUNTIME_DIR")
    elif runtime_state == "open to others":
        runtime.chmod(0o755)
    else:
        monkeypatch.setenv("XDG_RUNTIME_DIR", "run")
    beacon = beacons(folder)
    assert beacon.listening
    assert stat.S_ISSOCK(os.lstat(private_socket_path(folder, folder)).st_mode)
    assert ask_from_a_second_start(qtbot, folder)


@pytest.mark.parametrize("leftover", ["file", "dead socket", "live socket"])
def test_a_leftover_at_the_path_is_replaced_and_listening_is_checked(qtbot, runtime, folder, beacons, leftover):
    path = private_socket_path(folder, runtime)
    old = None
    if leftover == "file":
        path.write_text("left by a killed run")
    else:
        old = pysocket.socket(pysocket.AF_UNIX, pysocket.SOCK_STREAM)
        old.bind(str(path))
        if leftover == "live socket":
            old.listen(1)
            old.setblocking(False)
        else:
            old.close()
    try:
        beacon = beacons(folder)
        assert beacon.listening
        assert stat.S_ISSOCK(os.lstat(path).st_mode)
        with qtbot.waitSignal(beacon.show_requested, timeout=3000):
            assert ask_from_a_second_start(qtbot, folder)
        if leftover == "live socket":
            with pytest.raises(BlockingIOError):
                old.accept()          # the request went to the beacon, not to the leftover
    finally:
        if old is not None:
            old.close()


def test_when_listening_fails_the_beacon_stays_quiet_and_never_pretends(qtbot, runtime, folder, beacons):
    path = private_socket_path(folder, runtime)
    path.mkdir()
    (path / "keep").write_text("not ours to remove")
    beacon = beacons(folder)
    assert not beacon.listening
    assert (path / "keep").read_text() == "not ours to remove"
    assert not ask_running_to_show(folder, timeout_ms=300)


def test_a_server_that_never_answers_is_not_taken_for_goldseam(qtbot, runtime, folder):
    squatter = QLocalServer()
    assert squatter.listen(channel_name(folder))     # accepts (the kernel queues it) but never answers
    try:
        started = time.monotonic()
        assert not ask_running_to_show(folder, timeout_ms=400)
        assert time.monotonic() - started < 2
    finally:
        squatter.close()


def test_a_server_that_answers_something_else_is_not_taken_for_goldseam(qtbot, runtime, folder):
    path = private_socket_path(folder, runtime)
    squatter = pysocket.socket(pysocket.AF_UNIX, pysocket.SOCK_STREAM)
    squatter.bind(str(path))
    squatter.listen(1)
    heard = []

    def answer():
        connection, _ = squatter.accept()
        with connection:
            heard.append(connection.recv(64))
            connection.sendall(b"ok\n")
            heard.append(connection.recv(64))      # held open until the second start hangs up

    thread = threading.Thread(target=answer)
    thread.start()
    try:
        started = time.monotonic()
        assert not ask_from_a_second_start(qtbot, folder, timeout_ms=8000)
        assert time.monotonic() - started < 6         # it read the wrong answer; it did not time out
        thread.join(3)
        assert heard == [b"show\n", b""]
    finally:
        squatter.close()


def test_silent_and_garbage_clients_never_stall_the_window_and_are_dropped(qtbot, runtime, folder, beacons):
    beacon = beacons(folder)
    shown = []
    beacon.show_requested.connect(lambda: shown.append(True))
    clients = []
    for payload in (b"", b"shout\n", b"x" * 10_000):
        client = QLocalSocket()
        client.connectToServer(channel_name(folder))
        assert client.waitForConnected(1000)
        if payload:
            client.write(payload)
            client.waitForBytesWritten(1000)
        clients.append(client)
    ticks = []
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    qtbot.wait(300)          # the old server blocked this long in waitForReadyRead
    timer.stop()
    assert len(ticks) >= 5
    qtbot.waitUntil(lambda: all(c.state() == QLocalSocket.LocalSocketState.UnconnectedState for c in clients),
                    timeout=3000)
    assert not shown
    assert ask_from_a_second_start(qtbot, folder)    # still answering after all that


def test_a_long_data_folder_path_uses_a_short_private_folder(qtbot, short_base, beacons, monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    data = short_base / ("long-" * 25) / "data"
    data.mkdir(mode=0o700, parents=True)
    data.chmod(0o700)
    beacon = beacons(data)
    assert beacon.listening
    place = Path(tempfile.gettempdir()) / f"goldseam-{os.geteuid()}"
    path = private_socket_path(data, place)
    assert len(os.fsencode(str(path))) <= 107
    assert stat.S_IMODE(os.lstat(place).st_mode) == 0o700 and not os.path.islink(place)
    assert stat.S_ISSOCK(os.lstat(path).st_mode)
    with qtbot.waitSignal(beacon.show_requested, timeout=3000):
        assert ask_from_a_second_start(qtbot, data)


@pytest.mark.parametrize("squat", ["symlink", "open folder", "file", "too long"])
def test_a_long_data_folder_path_without_a_safe_short_folder_means_no_beacon(
        qtbot, short_base, beacons, monkeypatch, squat):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    data = short_base / ("long-" * 25) / "data"
    data.mkdir(mode=0o700, parents=True)
    data.chmod(0o700)
    place = Path(tempfile.gettempdir()) / f"goldseam-{os.geteuid()}"
    elsewhere = short_base / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    if squat == "symlink":
        place.symlink_to(elsewhere)
    elif squat == "open folder":
        place.mkdir()
        place.chmod(0o755)
    elif squat == "file":
        place.write_text("")
    else:
        long_temp = short_base / ("t" * 90)
        long_temp.mkdir()
        monkeypatch.setattr(tempfile, "tempdir", str(long_temp))
    beacon = beacons(data)
    assert not beacon.listening
    assert channel_name(data) is None
    assert os.listdir(elsewhere) == []
    assert not ask_running_to_show(data, timeout_ms=300)


def test_round_trip_shows_the_window_and_closing_removes_the_socket(qtbot, runtime, folder, beacons):
    beacon = beacons(folder)
    order = []
    beacon.show_requested.connect(lambda: order.append("shown"))
    for _ in range(2):
        with qtbot.waitSignal(beacon.show_requested, timeout=3000):
            assert ask_from_a_second_start(qtbot, folder)
    assert order == ["shown", "shown"]
    path = private_socket_path(folder, runtime)
    beacon.close()
    assert not path.exists()
    assert not ask_running_to_show(folder, timeout_ms=300)
