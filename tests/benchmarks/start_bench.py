"""Start-up (issue 24): a whole `goldseam --data-dir FOLDER` process, offscreen, to its first paint,
and its peak memory showing home, at 0, 10,000 and 50,000 moments, against a bare window.

- start to first paint: from the process's start to the first paint of any widget of the main
  window (watched as `GOLDSEAM_WINDOW` in run_benchmarks.py watches it, but added by an import hook
  so the process runs `goldseam --data-dir FOLDER` as a person's does: GOLDSEAM_PROCESS below),
  against a bare `QMainWindow` with a `QLabel` as its central widget painted the same way; STARTUP_RUNS rounds, every process of a round in turn
  (after one round to warm the file cache), medians. Targets ≤ 1.3× the bare window, and flat from
  0 to 50,000 moments (≤ 1.1×);
- peak memory: VmHWM of the process SETTLE_MS after the window was shown (what runs after the
  first paint counts), against the bare window measured the same way; MEMORY_RUNS rounds, medians.
  Target ≤ 1.25×.

Journals of about 1 KB moments, three a day back from now (`journal_bench.build`). The last column
is the 1-minute load average before and after each block of rounds (two other engineers share the
2 cores). Run alone: `.venv/bin/python tests/benchmarks/start_bench.py`; `rows(log)` gives the
Markdown rows.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from journal_bench import PEAK, build  # noqa: E402
from run_benchmarks import _killed_after, compile_bytecode, time_to_first_paint  # noqa: E402

STARTUP_RUNS = 15
MEMORY_RUNS = 5
SETTLE_MS = 3000
SIZES = (0, 10_000, 50_000)

# The baseline: the least a Qt Widgets application shows, a main window with a label in it.
BARE_MAIN_WINDOW = r"""
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            import os; os._exit(0)
        return False
w = QMainWindow(); w.setWindowTitle("bare"); w.resize(920, 760)
label = QLabel("A calm, private companion."); w.setCentralWidget(label)
f = FirstPaint(); w.installEventFilter(f); label.installEventFilter(f)
w.show()
app.exec()
"""

# Goldseam as `goldseam --data-dir FOLDER` runs it: cli.main first, nothing imported ahead of it (the
# shared GOLDSEAM_WINDOW imports PySide6 and the main window before the command runs, which changes
# what the command's own imports cost). An import hook adds the first-paint watch to MainWindow
# when the app itself imports it; SHOWN then runs once the window is shown.
GOLDSEAM_PROCESS = r"""
import os, sys
from importlib.machinery import PathFinder     # already loaded: importlib.abc would import ~20 modules
WATCHED = "goldseam.ui.main_window"
class _Watch:
    def find_spec(self, name, path, target=None):
        if name != WATCHED:
            return None
        sys.meta_path.remove(self)
        spec = PathFinder.find_spec(name, path)
        run = spec.loader.exec_module
        def exec_module(module):
            run(module)
            _patch(module)
        spec.loader.exec_module = exec_module
        return spec
def _patch(main_window):
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QWidget
    class FirstPaint(QObject):
        # The first paint of any widget of the main window, as GOLDSEAM_WINDOW watches it.
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                print("painted", flush=True)
                os._exit(0)
            return False
    main_window._bench_filter = FirstPaint()
    show = main_window.MainWindow.showEvent
    def showEvent(self, event):
        if sys.argv[2] == "paint":
            for widget in [self, *self.findChildren(QWidget)]:
                widget.installEventFilter(main_window._bench_filter)
        else:
            QTimer.singleShot(int(sys.argv[2]), SHOWN)
        show(self, event)
    main_window.MainWindow.showEvent = showEvent
""" + PEAK + r"""
def SHOWN():
    print("maxrss", peak_kib(), flush=True)
    os._exit(0)
sys.meta_path.insert(0, _Watch())
from goldseam.cli import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""

BARE_MAIN_WINDOW_MEMORY = PEAK + r"""
import os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setWindowTitle("bare"); w.resize(920, 760)
w.setCentralWidget(QLabel("A calm, private companion."))
w.show()
def report():
    print("maxrss", peak_kib(), flush=True)
    os._exit(0)
QTimer.singleShot(int(sys.argv[1]), report)
app.exec()
"""


def load() -> float:
    return os.getloadavg()[0]


def peak_kib(code: str, *args: str) -> int:
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    with _killed_after(proc, 180):
        line = proc.stdout.readline().split()
    proc.wait(timeout=30)
    if len(line) != 2 or line[0] != "maxrss":
        raise SystemExit("start benchmark: the window never showed")
    return int(line[1])


def interleaved(cases: dict[str, tuple], measure, runs: int, warm: bool) -> dict[str, float]:
    """Median of `runs` rounds, each case once a round, in turn."""
    if warm:
        for args in cases.values():
            measure(*args)
    results: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, args in cases.items():
            results[name].append(measure(*args))
    return {name: statistics.median(values) for name, values in results.items()}


def rows(log=lambda text: print(text, file=sys.stderr, flush=True)) -> list[str]:
    """The start-up rows, as Markdown table lines (header included)."""
    out = ["| start-up | baseline | Goldseam | ratio | target | load (1 min) before → after |",
           "|---|---:|---:|---:|---|---|"]
    with tempfile.TemporaryDirectory(prefix="goldseam-start-bench-") as tmp:
        folders = {}
        for size in SIZES:
            t = time.perf_counter()
            folders[size] = build(Path(tmp) / f"j-{size}", size, False)
            log(f"built {size:,}: {time.perf_counter() - t:.1f} s")

        before = load()
        t = time.perf_counter()
        cases = {"bare": (BARE_MAIN_WINDOW,)} | {size: (GOLDSEAM_PROCESS, str(path), "paint")
                                                  for size, path in folders.items()}
        paint = interleaved(cases, time_to_first_paint, STARTUP_RUNS, warm=True)
        after = load()
        log(f"start-up: {time.perf_counter() - t:.1f} s")
        for size in SIZES:
            out.append(f"| start to first paint, {size:,} moments (ms; vs a bare QMainWindow with a QLabel) | "
                       f"{paint['bare'] * 1e3:.1f} | {paint[size] * 1e3:.1f} | {paint[size] / paint['bare']:.2f}× | "
                       f"≤ 1.3× | {before:.2f} → {after:.2f} |")
        out.append(f"| start to first paint, 50,000 moments (ms; vs 0 moments) | {paint[0] * 1e3:.1f} | "
                   f"{paint[50_000] * 1e3:.1f} | {paint[50_000] / paint[0]:.2f}× | ≤ 1.1× (flat) | "
                   f"{before:.2f} → {after:.2f} |")

        before = load()
        t = time.perf_counter()
        cases = {"bare": (BARE_MAIN_WINDOW_MEMORY, str(SETTLE_MS))} | {
            size: (GOLDSEAM_PROCESS, str(path), str(SETTLE_MS)) for size, path in folders.items()}
        memory = interleaved(cases, peak_kib, MEMORY_RUNS, warm=False)
        after = load()
        log(f"memory: {time.perf_counter() - t:.1f} s")
        for size in SIZES:
            out.append(f"| peak memory showing home, {size:,} moments (MiB, VmHWM {SETTLE_MS / 1000:.0f} s after shown; "
                       f"vs the bare window) | {memory['bare'] / 1024:.1f} | {memory[size] / 1024:.1f} | "
                       f"{memory[size] / memory['bare']:.2f}× | ≤ 1.25× | {before:.2f} → {after:.2f} |")
    return out


def main() -> int:
    compile_bytecode()
    for line in rows():
        print(line)
    print(f"\n{sys.platform}, Python {sys.version.split()[0]}, {os.cpu_count()} cores; medians of {STARTUP_RUNS} "
          f"start-ups and {MEMORY_RUNS} memory runs, interleaved.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
