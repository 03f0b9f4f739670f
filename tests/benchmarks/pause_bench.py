"""The pause that calls you back, measured: wakeups of the idle app with a pause running
(shown on home, on the pause screen with its countdown, hidden), against a bare PySide6
window measured the same way, and how late the call comes against its deadline in a real
60-second pause.

Run alone (`python tests/benchmarks/pause_bench.py`) or from run_benchmarks.py (`rows()`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from goldseam.core import clock, pause as pause_rules  # noqa: E402
from goldseam.core.moment import RepairMoment  # noqa: E402
from goldseam.storage.data_folder import DataFolder  # noqa: E402

IDLE_SECONDS = 10
SETTLE_SECONDS = 3
LATENESS_TARGET_MS = 250

# The app on a data folder with a pause running; argv[2] says where the window is:
# "home", "pause" (the pause screen with its countdown) or "hidden".
IDLE_WITH_PAUSE = r"""
import sys
from PySide6.QtCore import QTimer
from goldseam.ui import main_window
where = sys.argv[2]
_show = main_window.MainWindow.showEvent
def showEvent(self, event):
    _show(self, event)
    def settle():
        if where == "pause":
            self.take_pause()
        elif where == "hidden":
            self.hide()
        print("shown", flush=True)
    if not getattr(self, "_bench_started", False):
        self._bench_started = True
        QTimer.singleShot(500, settle)
main_window.MainWindow.showEvent = showEvent
from goldseam.cli import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""

# A real `goldseam pause --minutes 1`; says when the call back happened (wall clock).
CALLED_BACK = r"""
import sys, time
from goldseam.ui.pause import call_back
_call = call_back.CallBack.call
def call(self, *args, **kwargs):
    print(f"called {time.time():.6f}", flush=True)
    return _call(self, *args, **kwargs)
call_back.CallBack.call = call
from goldseam.cli import main
sys.exit(main(["--data-dir", sys.argv[1], "pause", "--minutes", "1"]))
"""


def _folder_with_pause(root: Path, minutes: int = 60) -> Path:
    folder = root / f"pause-{minutes}"
    with DataFolder.open(folder) as data:
        data.settings.set("welcome_seen", True)
        moment = RepairMoment(kind="pause")
        pause_rules.start(moment.pause, minutes, clock.now())
        data.promises.keep_pause(moment)
    return folder


def _welcomed(root: Path) -> Path:
    folder = root / "fresh"
    with DataFolder.open(folder) as data:
        data.settings.set("welcome_seen", True)
    return folder


def lateness_ms(root: Path) -> float:
    """Start a one-minute pause in a real process and time the call against return_at."""
    folder = _welcomed(root)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-c", CALLED_BACK, str(folder)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        line = ""
        deadline = time.monotonic() + 120
        while not line.startswith("called") and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line and proc.poll() is not None:
                break
        if not line.startswith("called"):
            raise SystemExit("pause benchmark: the call back never came")
        called = float(line.split()[1])
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    with DataFolder.open(folder, read_only=True) as data:
        moment = data.promises.pause()
    due = clock.from_iso(moment.pause.return_at).timestamp()
    return (called - due) * 1000


def rows() -> list[str]:
    from run_benchmarks import IDLE_BARE_WINDOW, idle_switches

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = _folder_with_pause(root)
        bare = idle_switches(IDLE_BARE_WINDOW)
        for where, target in (("home", "equal (±1)"), ("pause", f"≤ {IDLE_SECONDS} + bare (one per second)"),
                              ("hidden", "equal (±1)")):
            ours = idle_switches(IDLE_WITH_PAUSE, str(folder), where)
            out.append(f"| idle {IDLE_SECONDS} s with a pause running, window {where}: context switches "
                       f"(count) | {bare} | {ours} | {ours - bare:+d} | {target} |")
        late = lateness_ms(root)
        out.append(f"| call back at the end of a real 60 s pause: lateness after return_at (ms) | – | "
                   f"{late:.1f} | – | ≤ {LATENESS_TARGET_MS} ms |")
    return out


if __name__ == "__main__":
    print("| benchmark | baseline | Goldseam | difference | target |")
    print("|---|---:|---:|---:|---|")
    for row in rows():
        print(row)
