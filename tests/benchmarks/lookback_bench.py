"""The look back where the history is long (issue 24): how long until every moment is loaded and
searchable, and how soon its first rows show when it is first opened, each against a plain
baseline measured in the same run.

- full load, at 10,000 and 50,000 moments of about 1 KB and 10,000 of about 20 KB (review_bench's
  varied words: accents, ligatures, CJK and emoji among them, as real notes have): from asking
  (a QListView over `MomentFilterModel` made and shown, `JournalLoader.start()`) until every month
  has arrived. Baseline: `json.load` of every part file of the same journal, each moment's "what
  happened" into a `QStringListModel` shown in a plain QListView, until the list has painted (the
  plain way to list the words). Beside it a tighter one: 80 characters of each, uniform rows.
  Both in one measuring process per journal, alternating, after one round each to warm up;
- first open: a whole app process (`goldseam --data-dir`, offscreen) on home, left a second after
  its first paint (as a person reads home before choosing), then the pointer moved onto "Look
  back" (QTest.mouseMove) and the button clicked 250 ms later: the time from the click to the
  look back's list painting with a row at its top. Beside it, the look back opened with nothing
  near it before (`MainWindow.look_back()`, as its shortcut does). Baseline: a bare QMainWindow
  with a QLabel, shown, left as long, then a QListView over lines already in memory made, put in
  the window and shown, to its first paint with a row. Fresh processes, alternating, medians.

The 1-minute load average before and after each row is printed beside it. Run alone:
`python tests/benchmarks/lookback_bench.py` (`make bench-lookback`); `run_benchmarks.py` calls `rows()`.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from journal_bench import journal_bytes  # noqa: E402
from review_bench import build as build_journal  # noqa: E402
from run_benchmarks import _killed_after, compile_bytecode  # noqa: E402
from goldseam.storage.data_folder import DataFolder  # noqa: E402

LOAD_ROUNDS = {(10_000, False): 7, (50_000, False): 5, (10_000, True): 3}
OPEN_ROUNDS = 9
SETTLE_MS = 1000

FULL_LOAD = r"""
import gc, json, sys, time
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QPoint, QStringListModel, QTimer
from PySide6.QtWidgets import QApplication, QListView
from goldseam.storage.data_folder import DataFolder
from goldseam.ui.widgets import look
from goldseam.ui.review.journal_loader import JournalLoader
from goldseam.ui.review.moment_model import MomentFilterModel, MomentListModel

folder, rounds = Path(sys.argv[1]), int(sys.argv[2])
app = QApplication(sys.argv[:1])
look.apply(app)

def wait_for(done, seconds=600):
    loop = QEventLoop()
    done.append(loop.quit)
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()

class List(QListView):
    def paintEvent(self, event):
        super().paintEvent(event)
        if self.painted is None and self.indexAt(QPoint(2, 2)).isValid():
            self.painted = time.perf_counter()
            for call in self.then: call()

def settle():
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    gc.collect()

data = DataFolder.open(folder)
data.journal.count()            # the index, as the app has it loaded after its first paint
parts = sorted((folder / "journal").glob("*.json"), reverse=True)

def plain_round(short=False, uniform=False):
    settle()
    began = time.perf_counter()
    lines = []
    for path in parts:
        with open(path, encoding="utf-8") as f:
            tables = json.load(f).get("data") or {}
        for record in (tables.get("moments") or {}).values():
            text = record["notice"]["what_happened"]
            lines.append(text[:80] if short else text)
    view = List()
    view.painted, view.then = None, []
    view.setUniformItemSizes(uniform)
    view.setModel(QStringListModel(lines, view))
    view.resize(920, 600)
    view.show()
    if view.painted is None:
        wait_for(view.then)
    took = view.painted - began
    count = view.model().rowCount()
    view.close(); view.deleteLater()
    return took, count

def our_round():
    settle()
    began = time.perf_counter()
    model = MomentListModel()
    shown = MomentFilterModel(model)
    view = List()
    view.painted, view.then = None, []
    view.setUniformItemSizes(True)
    view.setModel(shown)
    view.resize(920, 600)
    loader = JournalLoader(data.journal)
    loader.month_loaded.connect(model.add_entries)
    done_at, then = [], []
    def on_finished():
        done_at.append(time.perf_counter())
        for call in then: call()
    loader.finished.connect(on_finished)
    view.show()
    loader.start()
    if view.painted is None:
        wait_for(view.then)
    first_rows.append(view.painted - began)
    if not done_at:
        wait_for(then)
    took = done_at[0] - began
    count = model.rowCount()
    view.close(); view.deleteLater(); loader.deleteLater()
    return took, count

def short_round():
    return plain_round(short=True)

def tight_round():
    return plain_round(short=True, uniform=True)

first_rows = []
result = {"plain": [], "ours": [], "short": [], "tight": [], "first_rows": first_rows}
plain_round(); short_round(); tight_round(); our_round()
first_rows.clear()
names = {plain_round: "plain", our_round: "ours", short_round: "short", tight_round: "tight"}
for n in range(rounds):
    order = (plain_round, our_round, short_round, tight_round)
    order = order if n % 2 == 0 else order[::-1]
    for call in order:
        took, count = call()
        result[names[call]].append(took)
        result["rows_" + names[call]] = count
print(json.dumps(result), flush=True)
"""

FIRST_OPEN = r"""
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QPoint, QTimer
from PySide6.QtWidgets import QApplication, QListView, QWidget

folder, settle_ms, how = sys.argv[1], int(sys.argv[2]), sys.argv[3]
NEAR_MS = 250       # the pointer on the button this long before the click

class Rows(QObject):
    # The first paint of the list's viewport with a row at its top.
    def __init__(self, view, began):
        super().__init__(view)
        self.view, self.began = view, began
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and self.view.indexAt(QPoint(2, 2)).isValid():
            print(f"opened {time.perf_counter() - self.began:.6f}", flush=True)
            os._exit(0)
        return False

def watch(view, began):
    rows = Rows(view, began)
    view.viewport().installEventFilter(rows)
    view._rows = rows

if folder == "-":       # the baseline
    from PySide6.QtCore import QStringListModel
    from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    stack = QStackedWidget()
    stack.addWidget(QLabel("bare"))
    window.setCentralWidget(stack)
    window.resize(920, 760)
    lines = [f"Moment {n}: the first words of what happened, as home shows them" for n in range(90)]
    def open_list():
        began = time.perf_counter()     # the click
        view = QListView()
        view.setModel(QStringListModel(lines, view))
        stack.addWidget(view)
        stack.setCurrentWidget(view)
        watch(view, began)
    window.show()
    QTimer.singleShot(settle_ms + (NEAR_MS if how == "near" else 0), open_list)
    app.exec()
else:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from goldseam.ui import main_window
    _show = main_window.MainWindow.showEvent
    def showEvent(self, event):
        _show(self, event)
        if not getattr(self, "_bench_armed", False):
            self._bench_armed = True
            if how == "near":
                QTimer.singleShot(settle_ms, lambda: QTest.mouseMove(self.home.look_back_button))
                QTimer.singleShot(settle_ms + NEAR_MS, lambda: click(self))
            else:
                QTimer.singleShot(settle_ms, lambda: open_look_back(self))
    def click(window):
        button = window.home.look_back_button
        QTest.mousePress(button, Qt.MouseButton.LeftButton)
        began = time.perf_counter()     # the release is the click
        QTest.mouseRelease(button, Qt.MouseButton.LeftButton)
        watch(window.review.list, began)
    def open_look_back(window):
        began = time.perf_counter()
        window.look_back()
        watch(window.review.list, began)
    main_window.MainWindow.showEvent = showEvent
    from goldseam.cli import main
    sys.exit(main(["--data-dir", folder]))
"""


def build(folder: Path, size: int, long: bool) -> Path:
    build_journal(folder, size, long)
    with DataFolder.open(folder) as data:
        data.settings.set("welcome_seen", True)     # home, not the welcome, after the first paint
    return folder


def _child(script: str, *args: str, seconds: float = 1800) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    with _killed_after(proc, seconds):
        out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"look back benchmark: the measuring process ended with {proc.returncode}:\n{err[-3000:]}")
    return out


def full_load(folder: Path, rounds: int) -> dict:
    return json.loads(_child(FULL_LOAD, str(folder), str(rounds)).strip().splitlines()[-1])


def first_open(folder: str, how: str) -> float:
    out = _child(FIRST_OPEN, folder, str(SETTLE_MS), how, seconds=120)
    line = next((line for line in out.splitlines() if line.startswith("opened ")), None)
    if line is None:
        raise SystemExit(f"look back benchmark: the list never painted ({folder})")
    return float(line.split()[1])


def _load() -> float:
    return os.getloadavg()[0]


def rows(log=lambda text: print(text, file=sys.stderr, flush=True)) -> list[str]:
    out = ["| look back (issue 24) | baseline | Goldseam | ratio | target | load (1 min) before → after |",
           "|---|---:|---:|---:|---|---|"]
    with tempfile.TemporaryDirectory(prefix="goldseam-lookback-bench-") as tmp:
        folders = {}
        for (size, long), rounds in LOAD_ROUNDS.items():
            name = f"{size:,} × " + ("20 KB" if long else "1 KB")
            t = time.perf_counter()
            folder = folders[name] = build(Path(tmp) / f"j-{size}-{long}", size, long)
            log(f"built {name}: {journal_bytes(folder) / 2**20:.1f} MiB in {time.perf_counter() - t:.1f} s")
            before = _load()
            r = full_load(folder, rounds)
            assert r["rows_ours"] == r["rows_plain"] == size, (r["rows_ours"], r["rows_plain"], size)
            ours = statistics.median(r["ours"])
            short, whole, tight = (statistics.median(r[k]) for k in ("short", "plain", "tight"))
            target = "≤ 4×" if long else "≤ 3×"
            out.append(f"| every moment loaded and searchable, {name} (s; vs json.load of the parts + 80 characters of "
                       f"each in a QStringListModel shown in a QListView) | {short:.3f} | {ours:.3f} | "
                       f"{ours / short:.2f}× | {target} | {before:.2f} → {_load():.2f} |")
            out.append(f"| the same (s; vs the whole of each “what happened” in that list) | {whole:.3f} | "
                       f"{ours:.3f} | {ours / whole:.2f}× | – (beside) | |")
            out.append(f"| the same (s; vs 80 characters of each, the QListView told its rows are of one height) | "
                       f"{tight:.3f} | {ours:.3f} | {ours / tight:.2f}× | – (beside) | |")
            first = statistics.median(r["first_rows"])
            out.append(f"| of which the first rows shown, {name} (ms) | – | {first * 1e3:.1f} | – | – (≤ 300 ms, issue 9) | |")
            log("\n".join(out[-4:]))
        for name in ("10,000 × 1 KB", "50,000 × 1 KB"):
            for how, words in (("near", "the pointer on “Look back” 250 ms before the click, a second after the "
                                        "first paint"),
                               ("shortcut", "by its shortcut, nothing near it before, a second after the first paint")):
                before = _load()
                base, ours = [], []
                for n in range(OPEN_ROUNDS):
                    order = [("-", base), (str(folders[name]), ours)]
                    for arg, into in (order if n % 2 == 0 else order[::-1]):
                        into.append(first_open(arg, how))
                b, o = statistics.median(base), statistics.median(ours)
                target = "≤ 2×" if how == "near" else "– (beside; ≤ 300 ms, issue 9)"
                out.append(f"| first open from home, {name}, {words} (ms; vs a QListView over lines in memory put in a "
                           f"bare window) | {b * 1e3:.1f} | {o * 1e3:.1f} | {o / b:.2f}× | {target} | "
                           f"{before:.2f} → {_load():.2f} |")
                log(out[-1])
    return out


def main() -> int:
    compile_bytecode()
    for line in rows():
        print(line)
    print(f"\n{sys.platform}, Python {sys.version.split()[0]}, {os.cpu_count()} cores; full load: rounds "
          f"{', '.join(f'{n} at {s:,}' + (' × 20 KB' if g else '') for (s, g), n in LOAD_ROUNDS.items())}, "
          f"alternating which goes first; first open: {OPEN_ROUNDS} processes each, alternating; medians.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
