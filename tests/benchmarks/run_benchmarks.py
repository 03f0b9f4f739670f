"""`make bench`: Goldseam's speed as ratios against baselines measured in the same run.

- the journal at scale (journal_bench.py, issue 8): saving one moment at 100 to 50,000 moments,
  start to first paint and peak memory at 0 / 10,000 / 50,000 moments (and the bare window),
  `goldseam import` into 100 and 50,000, export against json.load and its peak memory, and the
  backups folder after 100 saves over 3 months; `make bench-journal` runs these rows alone;
- autosaving a draft while the journal holds 10,000 moments (absolute, ms);
- `goldseam export` and `goldseam check` of 10,000 moments (check with the backups five saves
  leave, and with a week of day copies besides) vs. a plain `json.load` of the same moments in one file;
- "Keep as my phrase" vs. saving one moment, both into a 10,000-moment journal (one write each);
- context switches of the idle app over 10 s vs. a bare PySide6 window, both offscreen;
- the breathing guide (breathing_bench.py): CPU and frames per second while it animates, timer
  wakeups while hidden and in reduced motion, against a bare window with a 60 fps timer;
- the pause that calls you back (pause_bench.py): context switches of the idle app with a pause
  running (home, pause screen, hidden), and the lateness of the call in a real 60 s pause;
- the look back (review_bench.py): first rows shown at 10,000 and 50,000 moments vs a bare window
  shown, and a search keystroke vs a plain substring filter of the same texts; `make bench-review`
  runs these rows alone;
- light and dark, languages, settings (look_bench.py, issue 10): start-up in German and dark, switching
  the theme, opening the settings; `make bench-look` runs these rows alone.
- the passphrase lock (lock_bench.py, issue 22): unlocking with the tuned Argon2id parameters (absolute),
  and saving, start to first paint after unlocking and the look back's full load with the lock on vs
  off, at 10,000 moments; `make bench-lock` runs these rows alone.

Medians of repeated runs; prints a Markdown table (paste it into README.md here).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from goldseam import cli
from goldseam.core import clock
from goldseam.core.moment import RepairMoment
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.journal import OwnPhrase

SAVE_RUNS = 15
DRAFT_RUNS = 40
COMMAND_RUNS = 11
IDLE_SECONDS = 10
IDLE_SETTLE_SECONDS = 3

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
from PySide6.QtWidgets import QApplication, QWidget
from goldseam.ui import main_window
class FirstPaint(QObject):
    # The first paint of any widget of the main window: the window itself may paint nothing
    # of its own when its central widget covers it.
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            os._exit(0)
        return False
_filter = FirstPaint()
_show = main_window.MainWindow.showEvent
def showEvent(self, event):
    # On the window and its widgets only, as the bare window has it: a filter on the whole
    # application would run Python for every event and slow Goldseam's side alone.
    for widget in [self, *self.findChildren(QWidget)]:
        widget.installEventFilter(_filter)
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


IDLE_BARE_WINDOW = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
w = QWidget(); w.setWindowTitle("bare"); w.resize(920, 760)
w.show()
QTimer.singleShot(0, lambda: print("shown", flush=True))
app.exec()
"""

IDLE_GOLDSEAM = r"""
import sys
from goldseam.ui import main_window
_show = main_window.MainWindow.showEvent
def showEvent(self, event):
    _show(self, event)
    print("shown", flush=True)
main_window.MainWindow.showEvent = showEvent
from goldseam.cli import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


def make_history(folder: Path, size: int) -> None:
    """A journal as years of use leave it: `size` moments, one every seven hours, oldest first."""
    first = datetime(2018, 3, 1, 20, 15, tzinfo=timezone.utc)
    moments = []
    for n in range(size):
        moment = sample(n)
        moment.created_at = moment.updated_at = clock.to_iso(first + timedelta(hours=7 * n))
        moments.append(moment)
    with DataFolder.open(folder) as data:
        data.journal.import_moments(moments)
        data.settings.set("welcome_seen", True)


def add_backups(folder: Path, days: int) -> int:
    """Five saves into the newest part of the journal, and the day copies of `days` earlier days
    besides, as earlier days would have left them (the rotation keeps a week): how many backups."""
    with DataFolder.open(folder) as data:
        for n in range(5):
            data.journal.save(sample(n))
    backups = folder / "journal" / "backups"
    today = max(backups.glob("*.daily-*.json"))
    stem = today.name.split(".", 1)[0]
    day = datetime.now(timezone.utc).date()
    for n in range(1, days + 1):
        shutil.copyfile(today, backups / f"{stem}.daily-{(day - timedelta(days=n)).isoformat()}.json")
    return len(list(backups.glob("*.json")))


def plain_json_load(path: Path) -> float:
    started = time.perf_counter()
    with open(path, encoding="utf-8") as f:
        json.load(f)
    return time.perf_counter() - started


def goldseam_command(*args: str) -> float:
    """One `goldseam` command, run in this process as the console script runs it (messages muted)."""
    started = time.perf_counter()
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        status = cli.main(list(args))
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"benchmark: goldseam {' '.join(args)} ended with {status}")
    return elapsed


def time_against_json_load(folder: Path, journal: Path, *command: str) -> tuple[float, float]:
    """The command against a plain json.load of `journal` (the same moments in one file), alternating."""
    plain_json_load(journal)
    goldseam_command("--data-dir", str(folder), *command)
    base, ours = [], []
    for _ in range(COMMAND_RUNS):
        base.append(plain_json_load(journal))
        ours.append(goldseam_command("--data-dir", str(folder), *command))
    return statistics.median(base), statistics.median(ours)


def time_keep_phrase(folder: Path) -> tuple[float, float]:
    """Keeping a new phrase against saving a new moment (one write of the journal), alternating."""
    saves, keeps = [], []
    with DataFolder.open(folder) as data:
        data.journal.count()
        for n in range(SAVE_RUNS):
            moment = sample(n)
            started = time.perf_counter()
            data.journal.save(moment)
            saves.append(time.perf_counter() - started)
            started = time.perf_counter()
            data.journal.keep_phrase(OwnPhrase(f"Tea on the balcony, take {n}?", "reset"))
            keeps.append(time.perf_counter() - started)
    return statistics.median(saves), statistics.median(keeps)


def context_switches(pid: int) -> int:
    """Voluntary and involuntary context switches of every thread of `pid` so far."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            status = (task / "status").read_text()
        except OSError:
            continue    # a thread that ended meanwhile
        for line in status.splitlines():
            if line.startswith(("voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:")):
                total += int(line.split()[1])
    return total


def idle_switches(code: str, *args: str) -> int:
    """Context switches of a shown window left alone for IDLE_SECONDS, after it has settled."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        with _killed_after(proc, 60):
            shown = proc.stdout.readline().strip() == "shown"
        if not shown:
            raise SystemExit("idle benchmark: the window never showed")
        time.sleep(IDLE_SETTLE_SECONDS)
        before = context_switches(proc.pid)
        time.sleep(IDLE_SECONDS)
        return context_switches(proc.pid) - before
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@contextlib.contextmanager
def _killed_after(proc: subprocess.Popen, seconds: float):
    timer = threading.Timer(seconds, proc.kill)
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def time_to_first_paint(code: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env)
    with _killed_after(proc, 60):       # a window that never paints ends the benchmark, not hangs it
        line = proc.stdout.readline()
    elapsed = time.perf_counter() - started
    proc.wait(timeout=30)
    if line.strip() != "painted":
        raise SystemExit("start-up benchmark: the window never painted")
    return elapsed


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
    import speed_bench

    for row in speed_bench.rows():      # issue 24's table first: every ratio against its baseline
        print(row)
    print()
    import journal_bench

    journal_rows = journal_bench.rows()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        start_folder = root / "startup"
        make_journal(start_folder, 1000)
        for size in (100, 10_000):
            make_journal(root / f"save-{size}", size)
        draft_ms = time_draft_autosave(root / "save-10000") * 1e3
        draft_small = time_draft_autosave(root / "save-100") * 1e3
        history = root / "history-10000"
        make_history(history, 10_000)
        plain = journal_bench.single_file_of(history, root / "history-10000.json")
        base, ours = time_against_json_load(history, plain, "export", "-o", str(root / "export.json"))
        rows.append(("export, 10,000 moments (vs json.load of the same moments in one file)", base * 1e3, ours * 1e3,
                     ours / base, "≤ 2×"))
        for days in (0, 6):
            backups = add_backups(history, days)
            base, ours = time_against_json_load(history, plain, "check")
            rows.append((f"check, 10,000 moments, {backups} backups (vs json.load of the same moments in one file)",
                         base * 1e3, ours * 1e3, ours / base, "≤ 2.5×"))
        base, ours = time_keep_phrase(root / "save-10000")
        rows.append(("keep as my phrase, 10,000 in journal (vs saving one moment)", base * 1e3, ours * 1e3,
                     ours / base, "one write: ≈ 1×"))
        bare_switches = idle_switches(IDLE_BARE_WINDOW)
        our_switches = idle_switches(IDLE_GOLDSEAM, str(start_folder))
    print("| benchmark | baseline (ms) | Goldseam (ms) | ratio | target |")
    print("|---|---:|---:|---:|---|")
    for name, base, ours, ratio, target in rows:
        print(f"| {name} | {base:.1f} | {ours:.1f} | {ratio:.2f}× | {target} |")
    print(f"| draft autosave, 10,000 in journal | – | {draft_ms:.2f} | – | ≤ 5 ms |")
    print(f"| draft autosave, 100 in journal | – | {draft_small:.2f} | – | same as above |")
    print(f"| idle for {IDLE_SECONDS} s, context switches (count, not ms) | {bare_switches} | {our_switches} | "
          f"{our_switches - bare_switches:+d} | equal (±1) |")
    print()
    for row in journal_rows:
        print(row)
    import breathing_bench
    import pause_bench

    print("\n| breathing and pause | baseline | Goldseam | ratio or difference | target |")
    print("|---|---:|---:|---:|---|")
    for row in breathing_bench.rows() + pause_bench.rows():
        print(row)
    import review_bench

    print()
    for row in review_bench.rows():
        print(row)
    import look_bench

    print()
    for row in look_bench.rows():
        print(row)
    import lock_bench

    print()
    for row in lock_bench.rows():
        print(row)
    print(f"\n{sys.platform}, Python {sys.version.split()[0]}, {os.cpu_count()} cores; medians of "
          f"{SAVE_RUNS} saves, {DRAFT_RUNS} autosaves, {COMMAND_RUNS} exports "
          f"and checks.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
