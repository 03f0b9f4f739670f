"""A private desktop for the screen-reader walk: Xvfb on a free display, openbox, a D-Bus
session (dbus-launch) with the AT-SPI bus, and Goldseam in it, run with the accessibility
bridge on.

Every process started here runs in its own process group and carries one random token in its
environment; `close()` ends the groups, the session bus daemon, and then anything still
carrying the token (a daemon that left its group), whatever happened before.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")
DEBIAN_PACKAGES = "xvfb openbox dbus-x11 at-spi2-core python3-pyatspi"
# Well above the displays people and other tests pick by hand; GOLDSEAM_WALK_DISPLAY pins one.
FIRST_DISPLAY, LAST_DISPLAY = 150, 199
TOKEN = "GOLDSEAM_WALK_SESSION"
HERE = Path(__file__).resolve().parent


class BusUnavailable(Exception):
    """The D-Bus session or the AT-SPI bus could not be started here."""


def bus_launcher() -> str | None:
    return next((path for path in BUS_LAUNCHERS if os.access(path, os.X_OK)), None)


def missing_tools() -> str | None:
    """Why the walk cannot run on this machine, or None when everything it needs is here."""
    missing = [tool for tool in ("Xvfb", "openbox", "dbus-launch", "dbus-send") if shutil.which(tool) is None]
    if bus_launcher() is None:
        missing.append("at-spi-bus-launcher")
    if not os.access(SYSTEM_PYTHON, os.X_OK):
        missing.append(SYSTEM_PYTHON)
    else:
        probe = subprocess.run([SYSTEM_PYTHON, "-c", "import importlib.util as u, sys; "
                                "sys.exit(u.find_spec('pyatspi') is None or u.find_spec('gi') is None)"],
                               capture_output=True, timeout=30, env=_plain_env())
        if probe.returncode != 0:
            missing.append(f"pyatspi for {SYSTEM_PYTHON}")
    if not missing:
        return None
    return f"missing {', '.join(missing)} (Debian: apt-get install {DEBIAN_PACKAGES})"


def _plain_env() -> dict[str, str]:
    """The environment without anything pointing at another session, bus, display or Qt setup."""
    drop = ("DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY", "DBUS_SESSION_BUS_ADDRESS", "DBUS_SESSION_BUS_PID",
            "AT_SPI_BUS_ADDRESS", "SESSION_MANAGER", "PYTHONHOME", "GOLDSEAM_DATA_DIR", "LC_ALL", "LANGUAGE")
    return {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("QT_")}


@contextmanager
def private_desktop(what: str, also_missing: str | None = None) -> Iterator["Session"]:
    """A started walk session for one test, closed whatever happens; where it cannot run here
    (a tool missing, `also_missing`, the bus refusing), the test skips and says why."""
    import pytest

    reason = missing_tools() or also_missing
    if reason:
        pytest.skip(f"no {what}: {reason}")
    session = Session()
    try:
        try:
            session.start_desktop()
        except BusUnavailable as error:
            pytest.skip(f"no {what}: {error}")
        yield session
    finally:
        session.close()


class Session:
    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="gs-walk-"))   # short: socket paths live here
        self.logs = self.root / "logs"
        self.logs.mkdir()
        (self.root / "home").mkdir()
        runtime = self.root / "run"
        runtime.mkdir(mode=0o700)
        self.token = uuid.uuid4().hex
        self.env = dict(_plain_env(), HOME=str(self.root / "home"), XDG_RUNTIME_DIR=str(runtime),
                        LANG="C.UTF-8", **{TOKEN: self.token})
        self.groups: list[subprocess.Popen] = []
        self.bus_pid: int | None = None

    # -- starting ---------------------------------------------------------------------------

    def _spawn(self, name: str, argv: list[str], env: dict[str, str] | None = None, **kwargs) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "wb")
        try:
            process = subprocess.Popen(argv, env=env or self.env, stdin=subprocess.DEVNULL, stdout=log,
                                       stderr=subprocess.STDOUT, start_new_session=True, **kwargs)
        finally:
            log.close()
        self.groups.append(process)
        return process

    def spawn(self, name: str, argv: list[str]) -> subprocess.Popen:
        """Another process in this session (a screen reader), ended with it; its output is log(name)."""
        return self._spawn(name, argv)

    def log(self, name: str, limit: int = 3000) -> str:
        try:
            text = (self.logs / f"{name}.log").read_text(errors="replace")
        except OSError:
            return ""
        return text[-limit:]

    def start_desktop(self) -> None:
        """Xvfb, then openbox, then the D-Bus session and the AT-SPI bus."""
        self._start_x()
        ready = self.root / "openbox-ready"
        openbox = self._spawn("openbox", ["openbox", "--sm-disable", "--startup", f"touch {ready}"])
        _wait(lambda: ready.exists() or openbox.poll() is not None, 10)
        if not ready.exists():
            raise RuntimeError(f"openbox did not start: {self.log('openbox')}")
        self._start_bus()

    def _start_x(self) -> None:
        pinned = os.environ.get("GOLDSEAM_WALK_DISPLAY")
        candidates = [int(pinned.lstrip(":"))] if pinned else list(range(FIRST_DISPLAY, LAST_DISPLAY + 1))
        tried = "all were taken"
        for number in candidates:
            if Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists():
                continue
            read_end, write_end = os.pipe()
            try:
                server = self._spawn(f"xvfb-{number}", ["Xvfb", f":{number}", "-screen", "0", "1280x1024x24",
                                                        "-nolisten", "tcp", "-displayfd", str(write_end)],
                                     pass_fds=(write_end,))
                os.close(write_end)
                said = _read_line(read_end, 15)
            finally:
                os.close(read_end)
            if said.strip() == str(number):
                self.env["DISPLAY"] = f":{number}"
                return
            _end_group(server)          # taken in the meantime, or failed: try the next one
            tried = self.log(f"xvfb-{number}")
        raise RuntimeError(f"no free X display could be started (:{candidates[0]} to :{candidates[-1]}): {tried}")

    def _start_bus(self) -> None:
        env = {k: v for k, v in self.env.items() if k != "DISPLAY"}   # no X11 autolaunch files in HOME
        try:
            launched = subprocess.run(["dbus-launch", "--sh-syntax"], env=env, capture_output=True,
                                      text=True, timeout=15, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as error:
            raise BusUnavailable("dbus-launch did not answer in 15 s") from error
        values = {}
        for line in launched.stdout.splitlines():
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip().rstrip(";").strip("'")
        if "DBUS_SESSION_BUS_PID" in values:
            self.bus_pid = int(values["DBUS_SESSION_BUS_PID"])
        if launched.returncode != 0 or not values.get("DBUS_SESSION_BUS_ADDRESS"):
            raise BusUnavailable(f"dbus-launch failed: {launched.stderr.strip() or launched.stdout.strip()}")
        self.env["DBUS_SESSION_BUS_ADDRESS"] = values["DBUS_SESSION_BUS_ADDRESS"]

        launcher = self._spawn("at-spi-bus-launcher", [bus_launcher(), "--launch-immediately"])
        asked = ["dbus-send", "--session", "--print-reply", "--reply-timeout=2000", "--dest=org.freedesktop.DBus",
                 "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", "string:org.a11y.Bus"]

        def owned() -> bool:
            answer = subprocess.run(asked, env=self.env, capture_output=True, text=True, timeout=10)
            return "boolean true" in answer.stdout

        _wait(lambda: launcher.poll() is not None or owned(), 10)
        address = subprocess.run(["dbus-send", "--session", "--print-reply", "--reply-timeout=5000",
                                  "--dest=org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus.GetAddress"],
                                 env=self.env, capture_output=True, text=True, timeout=10)
        if launcher.poll() is not None or "unix:" not in address.stdout:
            raise BusUnavailable(f"the AT-SPI bus did not start: {address.stderr.strip()} "
                                 f"{self.log('at-spi-bus-launcher')}".strip())

    def start_app(self, data_dir: Path, probe: Path, *args: str) -> subprocess.Popen:
        """Goldseam on `data_dir` under the venv's Python, the AT-SPI bridge always on; `args`
        go to goldseam (--lang de)."""
        env = dict(self.env, QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_ACCESSIBILITY="1",
                   PYTHONDONTWRITEBYTECODE="1", PYTHONFAULTHANDLER="1")   # a crash leaves its stack in the log
        return self._spawn("app", [sys.executable, str(HERE / "walk_app.py"), str(probe),
                                   "--data-dir", str(data_dir), *args], env=env)

    def run_client(self, args: list[str], timeout: float) -> subprocess.CompletedProcess:
        """atspi_client.py under the system Python (pyatspi), bounded by `timeout`."""
        env = {k: v for k, v in self.env.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        client = self._spawn("client", [SYSTEM_PYTHON, str(HERE / "atspi_client.py"), *args], env=env)
        try:
            code = client.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _end_group(client)
            code = None
        return subprocess.CompletedProcess(client.args, code, self.log("client", 6000), "")

    # -- ending -----------------------------------------------------------------------------

    def close(self) -> None:
        """End everything this session started: SIGTERM to each process group (the app saves
        and leaves) and to the session bus daemon, then SIGKILL to whatever still carries the
        token. A group is signalled only while its leader is unreaped, so its id is still ours."""
        for process in reversed(self.groups):
            _signal_group(process, signal.SIGTERM)
        if self.bus_pid is not None and _carries(self.bus_pid, self.token):
            _kill(self.bus_pid, signal.SIGTERM)
        deadline = time.monotonic() + 5
        for process in reversed(self.groups):
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
        _wait(lambda: not self.leftovers(), max(0.1, deadline - time.monotonic()))
        for pid in self.leftovers():
            _kill(pid, signal.SIGKILL)
        for process in self.groups:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        _wait(lambda: not self.leftovers(), 5)
        shutil.rmtree(self.root, ignore_errors=True)

    def leftovers(self) -> list[int]:
        """Live processes carrying this session's token (zombies are gone already)."""
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and int(entry.name) != os.getpid() and _carries(int(entry.name), self.token):
                found.append(int(entry.name))
        return found


def _carries(pid: int, token: str) -> bool:
    try:
        return f"{TOKEN}={token}".encode() in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except OSError:
        return False


def _kill(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except OSError:
        pass


def _signal_group(process: subprocess.Popen, sig: int) -> None:
    if process.poll() is None:
        try:
            os.killpg(process.pid, sig)
        except OSError:
            pass


def _end_group(process: subprocess.Popen) -> None:
    _signal_group(process, signal.SIGTERM)
    try:
        process.wait(timeout=3)
    except subprocess.TimeoutExpired:
        _signal_group(process, signal.SIGKILL)
        process.wait(timeout=5)


def _read_line(fd: int, timeout: float) -> str:
    """What a child writes on `fd` up to its first newline, or '' after `timeout` or at its end."""
    data, deadline = b"", time.monotonic() + timeout
    while not data.endswith(b"\n"):
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        chunk = os.read(fd, 64)
        if not chunk:
            break
        data += chunk
    return data.decode(errors="replace")


def _wait(condition, timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() >= deadline:
            return False
        time.sleep(step)
    return True
