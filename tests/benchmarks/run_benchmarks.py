"""`make bench`: Goldseam's speed as ratios against baselines measured in the same run.

- start-up: process start to the first painted home window (1,000-moment journal)
  vs. a bare PySide6 window, both offscreen;
- saving one moment into journals of 100 / 1,000 / 10,000 moments vs. plain
  TinyDB JSONStorage inserting the same record at the same sizes;
- autosaving a draft while the journal holds 10,000 moments (absolute, ms).

Medians of repeated runs; prints a Markdown table (paste it into README.md here).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import JSONStorage

from goldseam.core.moment import RepairMoment
from goldseam.storage.data_folder import DataFolder

STARTUP_RUNS = 21
SAVE_RUNS = 15
DRAFT_RUNS = 40

BARE_WINDOW = r"""
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            import os; os._exit(0)
        return False
w = QWidget(); w.setWindowTitle("bare"); w.resize(920, 760)
f = FirstPaint(); w.installEventFilter(f)
w.show()
app.exec()
"""

GOLDSEAM_WINDOW = r"""
import os, sys
from PySide6.QtCore import QEvent, QObject
from goldseam.ui import main_window
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            os._exit(0)
        return False
_filter = FirstPaint()
_show = main_window.MainWindow.showEvent
def showEvent(self, event):
    self.installEventFilter(_filter)
    _show(self, event)
main_window.MainWindow.showEvent = showEvent
from goldseam.cli import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


def sample(n: int) -> RepairMoment:
    moment = RepairMoment()
    moment.completed = True
    moment.notice.what_happened = f"Moment {n}: we talked past each other about the holidays again."
    moment.notice.intensity = n % 11
    moment.notice.feelings = ["hurt", "lonely"]
    moment.acknowledge.text = "I can see how that felt dismissive, and I'm sorry I raised my voice."
    moment.reach_back.phrase = "Can we start over?"
    moment.reach_back.category = "reset"
    moment.accept.offered = "A hand on my shoulder"
    moment.accept.how_it_landed = "It helped more than I expected."
    moment.accept.intensity = max(0, n % 11 - 4)
    return moment


def make_journal(folder: Path, size: int) -> None:
    with DataFolder.open(folder) as data:
        data.journal.import_moments([sample(n) for n in range(size)])
        data.settings.set("welcome_seen", True)


def time_to_first_paint(code: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env)
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - started
    proc.wait(timeout=30)
    if line.strip() != "painted":
        raise SystemExit("start-up benchmark: the window never painted")
    return elapsed


def time_startups(folder: Path) -> tuple[float, float]:
    """Bare window and Goldseam, alternating, so drift in the machine hits both alike."""
    time_to_first_paint(BARE_WINDOW)                   # warm the file cache for both
    time_to_first_paint(GOLDSEAM_WINDOW, str(folder))
    bare, ours = [], []
    for _ in range(STARTUP_RUNS):
        bare.append(time_to_first_paint(BARE_WINDOW))
        ours.append(time_to_first_paint(GOLDSEAM_WINDOW, str(folder)))
    return statistics.median(bare), statistics.median(ours)


def time_goldseam_save(folder: Path) -> float:
    runs = []
    with DataFolder.open(folder) as data:
        data.journal.count()  # opened as the app opens it
        for n in range(SAVE_RUNS):
            moment = sample(n)
            started = time.perf_counter()
            data.journal.save(moment)
            runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def time_tinydb_insert(path: Path, size: int) -> float:
    db = TinyDB(path, storage=JSONStorage)
    table = db.table("moments")
    table.insert_multiple([sample(n).to_dict() for n in range(size)])
    runs = []
    for n in range(SAVE_RUNS):
        record = sample(n).to_dict()
        started = time.perf_counter()
        table.insert(record)
        runs.append(time.perf_counter() - started)
    db.close()
    return statistics.median(runs)


def time_draft_autosave(folder: Path) -> float:
    runs = []
    with DataFolder.open(folder) as data:
        draft = sample(1)
        draft.completed = False
        for n in range(DRAFT_RUNS):
            draft.acknowledge.text += " more"
            started = time.perf_counter()
            data.drafts.save(draft)
            runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def compile_bytecode() -> None:
    """Measure Goldseam as installed: pip compiles bytecode at install time, while an
    editable checkout under PYTHONDONTWRITEBYTECODE would recompile every module at every start."""
    import compileall

    import goldseam

    compileall.compile_dir(str(Path(goldseam.__file__).parent), quiet=1)


def main() -> int:
    compile_bytecode()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        start_folder = root / "startup"
        make_journal(start_folder, 1000)
        bare, ours = time_startups(start_folder)
        rows.append(("start-up to first paint, 1,000 moments", bare * 1e3, ours * 1e3, ours / bare, "≤ 1.5×"))
        for size in (100, 1000, 10_000):
            folder = root / f"save-{size}"
            make_journal(folder, size)
            ours = time_goldseam_save(folder)
            base = time_tinydb_insert(root / f"plain-{size}.json", size)
            rows.append((f"save one moment, {size:,} in journal", base * 1e3, ours * 1e3, ours / base, "≤ 1.3×"))
        draft_ms = time_draft_autosave(root / "save-10000") * 1e3
        draft_small = time_draft_autosave(root / "save-100") * 1e3
    print("| benchmark | baseline (ms) | Goldseam (ms) | ratio | target |")
    print("|---|---:|---:|---:|---|")
    for name, base, ours, ratio, target in rows:
        print(f"| {name} | {base:.1f} | {ours:.1f} | {ratio:.2f}× | {target} |")
    print(f"| draft autosave, 10,000 in journal | – | {draft_ms:.2f} | – | ≤ 5 ms |")
    print(f"| draft autosave, 100 in journal | – | {draft_small:.2f} | – | same as above |")
    print(f"\n{sys.platform}, Python {sys.version.split()[0]}, {os.cpu_count()} cores; medians of "
          f"{STARTUP_RUNS} start-ups, {SAVE_RUNS} saves, {DRAFT_RUNS} autosaves.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
