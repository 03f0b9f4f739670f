"""The passphrase lock, measured (issue 22, item 6): what it costs to unlock, and what a sealed
journal costs afterwards, each against a baseline measured in the same run.

- unlocking: `lock_setup.unlock` of a folder locked with `key_file.tuned()` (the parameters the
  app chooses on this machine), in seconds; target 0.3 to 1.5 s. Beside it, alternating: one
  Argon2id derivation at RFC 9106's second recommendation (64 MiB, 3 passes, 4 lanes, `KdfParams()`);
- saving one moment (`Journal.save` through `DataFolder`) into a 10,000-moment journal with the
  lock on, against the same journal with it off, both open in one process, saves alternating;
  target ≤ 1.3×;
- start to first paint after unlocking: a whole app process (`goldseam --data-dir`, offscreen) in
  which `lock_setup.unlock` is given the passphrase where the lock screen would ask for it
  (`app.unlock_at_start`), timed from the moment unlock returns to the first paint of the main
  window, against the same process on the same journal with the lock off (timed from the same
  point); processes alternating; target ≤ 1.2×. The lock screen and Argon2 are not in it (the
  first row is Argon2);
- the look back's full load (as review_bench.py measures it: a QListView over MomentFilterModel
  shown and JournalLoader started, until every month has arrived) of the locked journal against
  the plain one, both open in one process (the locked one unlocked first), rounds alternating;
  target ≤ 1.3×. The first rows shown are said beside it.

The journals: 10,000 moments of about 1 KB, three a day back from now (journal_bench.build), made
once; the locked one is a copy of it with `DataFolder.enable_lock` (Argon2id at 1 MiB, 1 pass: the
key's cost is the first row's; what is sealed is the same). Each row prints the 1-minute load
average before and after it.

Run alone: `python tests/benchmarks/lock_bench.py` (or `make bench-lock`); `run_benchmarks.py`
calls `rows()`.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from goldseam.storage import lock_setup, sealing  # noqa: E402
from goldseam.storage.data_folder import DataFolder  # noqa: E402
from goldseam.storage.journal_parts import JOURNAL_FOLDER, parse_part  # noqa: E402
from goldseam.storage.key_file import (PASSPHRASE as BY_PASSPHRASE, KdfParams, new_recovery_key,  # noqa: E402
                                       read_key_file, tuned)
from journal_bench import _now, build, journal_bytes, moment, part_count  # noqa: E402
from run_benchmarks import _killed_after, compile_bytecode  # noqa: E402

SIZE = 10_000
PASSPHRASE = "a long walk by the river, and then tea"
CHEAP = KdfParams(memory_kib=1024, iterations=1, lanes=1)     # the benchmark folders' key: cheap to open
UNLOCK_RUNS = 9
SAVE_RUNS = 41
STARTUP_RUNS = 21
LOAD_ROUNDS = 6
TUNED_AGAIN = 5         # tuned() times one derivation: how much its choice moves, asked again

# A whole app process: the passphrase (a line of standard input) given to lock_setup.unlock where
# the lock screen would take it, then the app as it runs, to the first paint of its main window.
# Prints the seconds from unlock's return to that paint, and the unlock's own seconds.
PAINT_AFTER_UNLOCK = r"""
import os, sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget
from goldseam import app as goldseam_app
from goldseam.storage import lock_setup
from goldseam.storage.key_file import is_locked
from goldseam.ui import main_window
passphrase = sys.stdin.readline().rstrip("\n")
marks = {}
def unlock_at_start(app, folder, watch):
    began = time.perf_counter()
    if is_locked(folder):
        lock_setup.unlock(folder, passphrase)
    marks["unlocked"] = time.perf_counter()
    marks["unlock"] = marks["unlocked"] - began
    return True
goldseam_app.unlock_at_start = unlock_at_start
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", time.perf_counter() - marks["unlocked"], marks["unlock"], flush=True)
            os._exit(0)
        return False
_filter = FirstPaint()
_show = main_window.MainWindow.showEvent
def showEvent(self, event):
    for widget in [self, *self.findChildren(QWidget)]:
        widget.installEventFilter(_filter)
    _show(self, event)
main_window.MainWindow.showEvent = showEvent
from goldseam.cli import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""

# The look back's load, as review_bench.py's measuring process has it, for the plain and the
# locked journal in turn (the locked one unlocked before it is opened); argv: plain, locked, rounds.
LOOK_BACK = r"""
import gc, json, sys, time
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QPoint, QTimer
from PySide6.QtWidgets import QApplication, QListView
from goldseam.storage import lock_setup
from goldseam.storage.data_folder import DataFolder
from goldseam.ui.widgets import look
from goldseam.ui.review.journal_loader import JournalLoader
from goldseam.ui.review.moment_model import MomentFilterModel, MomentListModel

plain, locked, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
passphrase = sys.stdin.readline().rstrip("\n")
app = QApplication(sys.argv[:1])
look.apply(app)

def wait_for(done, seconds=300):
    loop = QEventLoop()
    done.append(loop.quit)
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()

class List(QListView):
    def paintEvent(self, event):
        super().paintEvent(event)
        if self.painted is None and self.indexAt(QPoint(2, 2)).isValid():   # rows on the screen
            self.painted = time.perf_counter()
            for call in self.then: call()

def settle():
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    gc.collect()

def load(data):
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
    first = view.painted - began
    if not done_at:
        wait_for(then)
    everything = done_at[0] - began
    rows = model.rowCount()
    view.close(); view.deleteLater(); loader.deleteLater()
    return first, everything, rows

lock_setup.unlock(locked, passphrase)
folders = {"plain": DataFolder.open(plain), "locked": DataFolder.open(locked)}
for data in folders.values():
    data.journal.count()            # the index, as the app has it loaded after its first paint
result = {name: {"first": [], "all": [], "rows": 0} for name in folders}
for name in folders:
    load(folders[name])             # warm up: fonts, styles, the file cache
for n in range(rounds):
    for name in (("plain", "locked") if n % 2 == 0 else ("locked", "plain")):
        first, everything, rows = load(folders[name])
        result[name]["first"].append(first)
        result[name]["all"].append(everything)
        result[name]["rows"] = rows
for data in folders.values():
    data.close()
print(json.dumps(result), flush=True)
"""


def _offscreen() -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen")


def load_average() -> float:
    return os.getloadavg()[0]


def locked_copy(plain: Path, target: Path, kdf: KdfParams) -> Path:
    """A copy of the journal in `plain`, with the lock turned on as the settings turn it on."""
    shutil.copytree(plain, target, symlinks=True)
    with DataFolder.open(target) as data:
        data.enable_lock(PASSPHRASE, new_recovery_key(), kdf)
    sealing.let_go(target)          # this process holds no key until a row unlocks it
    parts = [e for e in os.scandir(target / JOURNAL_FOLDER) if parse_part(e.name) is not None]
    unsealed = [e.name for e in parts if not sealing.is_sealed(Path(e.path).read_bytes()[:64])]
    assert len(parts) == part_count(plain) and not unsealed, f"parts left plain: {unsealed[:3]}"
    return target


# -- unlocking -----------------------------------------------------------------------------------


def time_unlocks(folder: Path) -> tuple[float, float]:
    """Median seconds of `lock_setup.unlock` on `folder` and of one Argon2id derivation at the
    default parameters, alternating (each after one run to warm up)."""
    reference = KdfParams()
    salt = os.urandom(16)
    reference.derive(b"warm up", salt)
    lock_setup.unlock(folder, PASSPHRASE)
    sealing.let_go(folder)
    base, ours = [], []
    for _ in range(UNLOCK_RUNS):
        started = time.perf_counter()
        reference.derive(PASSPHRASE.encode("utf-8"), salt)
        base.append(time.perf_counter() - started)
        started = time.perf_counter()
        lock_setup.unlock(folder, PASSPHRASE)
        ours.append(time.perf_counter() - started)
        sealing.let_go(folder)
    return statistics.median(base), statistics.median(ours)


# -- saving ---------------------------------------------------------------------------------------


def time_saves(plain: Path, locked: Path) -> tuple[float, float]:
    """Median seconds of saving a new moment (dated now) into each journal, both open, saves
    alternating (and which goes first alternating too), the index loaded first as the app has it."""
    lock_setup.unlock(locked, PASSPHRASE)
    runs: dict[str, list[float]] = {"plain": [], "locked": []}
    try:
        with DataFolder.open(plain) as plain_data, DataFolder.open(locked) as locked_data:
            folders = {"plain": plain_data, "locked": locked_data}
            for data in folders.values():
                data.journal.count()
                data.journal.save(moment(9_999_999, _now(), False))     # warm up
            for n in range(SAVE_RUNS):
                for name in (("plain", "locked") if n % 2 == 0 else ("locked", "plain")):
                    new = moment(10_000_000 + n, _now(), False)
                    started = time.perf_counter()
                    folders[name].journal.save(new)
                    runs[name].append(time.perf_counter() - started)
    finally:
        sealing.let_go(locked)
    return statistics.median(runs["plain"]), statistics.median(runs["locked"])


# -- start to first paint -------------------------------------------------------------------------


def paint_after_unlock(folder: Path) -> tuple[float, float, float]:
    """One app process on `folder`: (seconds from unlock's return to the first paint, the whole
    process from launch to the first paint less the unlock, the unlock's own seconds)."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", PAINT_AFTER_UNLOCK, str(folder)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=_offscreen())
    with _killed_after(proc, 60):
        proc.stdin.write(PASSPHRASE + "\n")
        proc.stdin.close()
        line = proc.stdout.readline().split()
    whole = time.perf_counter() - started
    proc.wait(timeout=30)
    if len(line) != 3 or line[0] != "painted":
        raise SystemExit("lock benchmark: the window never painted")
    after, unlock = float(line[1]), float(line[2])
    return after, whole - unlock, unlock


def time_startups(plain: Path, locked: Path) -> dict[str, dict[str, float]]:
    folders = {"plain": plain, "locked": locked}
    for folder in folders.values():     # warm the file cache
        paint_after_unlock(folder)
    runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in folders}
    for n in range(STARTUP_RUNS):
        for name in (("plain", "locked") if n % 2 == 0 else ("locked", "plain")):
            runs[name].append(paint_after_unlock(folders[name]))
    return {name: {"after": statistics.median(r[0] for r in each), "whole": statistics.median(r[1] for r in each),
                   "unlock": statistics.median(r[2] for r in each)} for name, each in runs.items()}


# -- the look back --------------------------------------------------------------------------------


def look_back_loads(plain: Path, locked: Path) -> dict:
    proc = subprocess.Popen([sys.executable, "-c", LOOK_BACK, str(plain), str(locked), str(LOAD_ROUNDS)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=_offscreen())
    with _killed_after(proc, 900):
        out, err = proc.communicate(PASSPHRASE + "\n")
    if proc.returncode != 0:
        raise SystemExit(f"lock benchmark: the look back's process ended with {proc.returncode}:\n{err[-3000:]}")
    return json.loads(out.strip().splitlines()[-1])


# -- the table ------------------------------------------------------------------------------------


def rows(log=lambda text: print(text, file=sys.stderr, flush=True)) -> list[str]:
    table: dict[int, list[str]] = {}       # printed in the order; measured 1, 3, 4, then 2
    notes = []

    def add(item: int, *cells: str) -> None:
        table.setdefault(item, []).append("| " + " | ".join(cells) + " |")

    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="goldseam-lock-bench-") as tmp:
        root = Path(tmp)
        t = time.perf_counter()
        plain = build(root / "plain", SIZE, False)
        locked = locked_copy(plain, root / "locked", CHEAP)
        log(f"built {SIZE:,} × 1 KB: {journal_bytes(plain) / 2**20:.1f} MiB plain, {journal_bytes(locked) / 2**20:.1f} MiB "
            f"sealed, {part_count(plain)} parts, {time.perf_counter() - t:.1f} s")

        # 1. Unlocking with the parameters the app would choose here.
        load = load_average()
        t = time.perf_counter()
        params = tuned()
        tuning = time.perf_counter() - t
        tuned_folder = locked_copy(build(root / "empty", 0, False), root / "tuned", params)
        chosen = read_key_file(tuned_folder).wrap(BY_PASSPHRASE).kdf
        assert chosen == params
        base, ours = time_unlocks(tuned_folder)
        add(1, f"unlocking, `lock_setup.unlock` with `tuned()` = Argon2id {params.memory_kib // 1024} MiB, "
               f"{params.iterations} passes, {params.lanes} lanes (s; vs one Argon2id at 64 MiB, 3 passes, 4 lanes)",
            f"{base:.3f}", f"{ours:.3f}", f"{ours / base:.2f}×", "0.3 to 1.5 s", f"{load:.2f} → {load_average():.2f}")
        again = sorted(tuned().iterations for _ in range(TUNED_AGAIN))
        notes.append(f"`tuned()` chose {params} in {tuning:.2f} s (it times 1 and 3 passes after a warm-up, and fits the cost per pass); asked "
                     f"{TUNED_AGAIN} times more in the same run it chose {', '.join(map(str, again))} passes")
        log(f"unlocking: {time.perf_counter() - t:.1f} s")

        # 3. Start to first paint after unlocking (before the saves: both folders as built).
        load = load_average()
        t = time.perf_counter()
        paint = time_startups(plain, locked)
        p, k = paint["plain"], paint["locked"]
        add(3, f"start to first paint after unlock, {SIZE:,} moments, lock on (ms, from unlock's return; vs lock off)",
            f"{p['after'] * 1e3:.1f}", f"{k['after'] * 1e3:.1f}", f"{k['after'] / p['after']:.2f}×", "≤ 1.2×",
            f"{load:.2f} → {load_average():.2f}")
        add(3, "the same, whole process from launch, the unlock's own time taken out (ms; vs lock off)",
            f"{p['whole'] * 1e3:.1f}", f"{k['whole'] * 1e3:.1f}", f"{k['whole'] / p['whole']:.2f}×", "– (beside)", "")
        notes.append(f"start-up: the cheap key's unlock took {k['unlock'] * 1e3:.1f} ms in the locked processes "
                     f"(not counted); {STARTUP_RUNS} processes each, alternating")
        log(f"start-up: {time.perf_counter() - t:.1f} s")

        # 4. The look back's full load.
        load = load_average()
        t = time.perf_counter()
        r = look_back_loads(plain, locked)
        for name in ("plain", "locked"):
            assert r[name]["rows"] == SIZE, f"{r[name]['rows']} rows loaded of {SIZE} ({name})"
        p_all, k_all = statistics.median(r["plain"]["all"]), statistics.median(r["locked"]["all"])
        p_first, k_first = statistics.median(r["plain"]["first"]), statistics.median(r["locked"]["first"])
        after = load_average()
        add(4, f"the look back's full load, {SIZE:,} moments, lock on (s, until every month has arrived; vs lock off)",
            f"{p_all:.2f}", f"{k_all:.2f}", f"{k_all / p_all:.2f}×", "≤ 1.3×", f"{load:.2f} → {after:.2f}")
        add(4, "the look back's first rows shown, the same (ms; vs lock off)", f"{p_first * 1e3:.1f}",
            f"{k_first * 1e3:.1f}", f"{k_first / p_first:.2f}×", "– (≤ 300 ms, issue 9)", "")
        log(f"look back: {time.perf_counter() - t:.1f} s")

        # 2. Saving (last: it adds SAVE_RUNS + 1 moments to each journal's newest month).
        load = load_average()
        t = time.perf_counter()
        base, ours = time_saves(plain, locked)
        add(2, f"save one moment, {SIZE:,} in journal, lock on (ms; vs lock off)", f"{base * 1e3:.2f}",
            f"{ours * 1e3:.2f}", f"{ours / base:.2f}×", "≤ 1.3×", f"{load:.2f} → {load_average():.2f}")
        log(f"saves: {time.perf_counter() - t:.1f} s; lock bench {time.perf_counter() - began:.0f} s in all")
    out = ["| passphrase lock | baseline | Goldseam | ratio | target | load (1 min) before → after |",
           "|---|---:|---:|---:|---|---|"]
    out += [line for n in sorted(table) for line in table[n]]
    return out + [""] + [f"- {note}" for note in notes]


def main() -> int:
    compile_bytecode()
    for line in rows():
        print(line)
    print(f"\n{sys.platform}, Python {sys.version.split()[0]}, {os.cpu_count()} cores; medians of {UNLOCK_RUNS} "
          f"unlocks, {STARTUP_RUNS} start-ups, {LOAD_ROUNDS} look back loads, {SAVE_RUNS} saves, each alternating "
          f"lock on and off; load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
