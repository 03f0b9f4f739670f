"""The look back at scale (issue 9): how soon its list shows after asking, and how quickly a
search keystroke updates it, each against a baseline measured in the same run.

- first rows: with 10,000 and 50,000 moments in a real journal on disk (three a day back from
  now, about 1 KB each, as journal_bench.py builds them, with varied words), the time from asking
  (a QListView over MomentFilterModel made and shown, JournalLoader started) to the first paint
  of the list with rows in it; target ≤ 300 ms. Baseline: a bare PySide6 window made and shown,
  to its first paint, in the same process, alternating;
- a search keystroke at 10,000 (and 50,000) moments: `set_filter` and the list laid out and
  repainted, for each key of a typed sequence (letters added, taken away, a second word);
  target ≤ 50 ms each. Baseline: a plain Python substring filter over the same prepared texts.
  Beside it, the same keystrokes through a QSortFilterProxyModel with a Python filterAcceptsRow:
  the design MomentFilterModel was chosen over, measured;
- the same at 10,000 moments with about 20 KB of text each (journal_bench's long moments, 200 MB
  of words to search; GOLDSEAM_BENCH_REVIEW_LONG=0 leaves it out);
- also said: the time until every month is loaded, and the memory the loaded list holds.

Each journal is measured in a fresh process (`--child`), with the app's look applied, offscreen.
Run alone: `python tests/benchmarks/review_bench.py` (or `make bench-review`); `run_benchmarks.py`
calls `rows()`.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from goldseam.storage.data_folder import DataFolder  # noqa: E402
from journal_bench import _now, history, journal_bytes  # noqa: E402
from run_benchmarks import _killed_after, compile_bytecode  # noqa: E402

ROUNDS = {(10_000, False): 9, (50_000, False): 5, (10_000, True): 3}    # (moments, 20 KB of text each): rounds
LONG = os.environ.get("GOLDSEAM_BENCH_REVIEW_LONG", "1") != "0"        # 0 leaves out 10,000 × 20 KB (~200 MB)
KEYSTROKES = ["h", "ho", "hol", "holi", "holid", "holida", "holidays", "holidays ", "holidays c", "holidays ca",
              "holidays caf", "holidays café", "holidays caf", "holidays ca", "holidays c", "holidays", "holiday",
              "holida", "holid", "holi", "hol", "ho", "h", "", "é", "ét", "été", "ét", "é", ""]
VOCABULARY = ("holidays dishes money phone mother garden car weekend dinner late tired work sister "
              "café été naïve Zoë crème brûlée Ärger Straße 家族 😔 rain walk silence sorry hug tea").split()


def varied_history(size: int, long: bool = False) -> list:
    """journal_bench's history (1 KB moments, three a day back from now), each with its own words:
    a search narrows it as a real one would."""
    rng = random.Random(size)
    moments = history(size, long, _now() - timedelta(minutes=5))
    for m in moments:
        m.notice.what_happened = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(8, 30))) \
            + " " + m.notice.what_happened
        m.tags = rng.sample(["home", "work", "family", "money", "weekend"], rng.randint(0, 2))
    return moments


def build(folder: Path, size: int, long: bool = False) -> Path:
    with DataFolder.open(folder) as data:
        data.journal.import_moments(varied_history(size, long))
    return folder


# -- the measuring process --------------------------------------------------------------------------

CHILD = r"""
import gc, json, statistics, sys, time
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QPoint, QSortFilterProxyModel, QStringListModel, QTimer
from PySide6.QtWidgets import QApplication, QListView, QWidget
from goldseam.core.moment_search import query_words
from goldseam.core.review_filter import ReviewFilter
from goldseam.storage.data_folder import DataFolder
from goldseam.ui.widgets import look
from goldseam.ui.review.journal_loader import JournalLoader
from goldseam.ui.review.moment_model import MomentFilterModel, MomentListModel

folder, rounds, keystrokes = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
app = QApplication(sys.argv[:1])
look.apply(app)

def rss_kib():
    with open("/proc/self/status") as f:
        return int(next(line for line in f if line.startswith("VmRSS:")).split()[1])

def wait_for(done, seconds=120):
    loop = QEventLoop()
    done.append(loop.quit)
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()

class Bare(QWidget):
    def paintEvent(self, event):
        super().paintEvent(event)
        if self.painted is None:
            self.painted = time.perf_counter()
            for call in self.then: call()

class List(QListView):
    def paintEvent(self, event):
        super().paintEvent(event)
        if self.painted is None and self.indexAt(QPoint(2, 2)).isValid():   # rows on the screen
            self.painted = time.perf_counter()
            for call in self.then: call()

def settle():
    # Each round from a settled process: the last round's windows and list gone (deleteLater is
    # not run by processEvents; a 50,000-moment list freed inside the next timing cost it 100 ms).
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    gc.collect()

def bare_round():
    settle()
    began = time.perf_counter()
    window = Bare()
    window.painted, window.then = None, []
    window.resize(920, 600)
    window.show()
    if window.painted is None:
        wait_for(window.then)
    took = window.painted - began
    window.close(); window.deleteLater()
    return took

data = DataFolder.open(folder)
data.journal.count()            # the index, as the app has it loaded after its first paint
rss_before = rss_kib()
newest_lines = [m.first_words() for m in data.journal.moments_of(data.journal.months()[0])]

def plain_list_round():
    # The least a list can do: a QListView over strings already in memory, made and shown.
    settle()
    began = time.perf_counter()
    view = List()
    view.painted, view.then = None, []
    view.setUniformItemSizes(True)
    view.setModel(QStringListModel(newest_lines, view))
    view.resize(920, 600)
    view.show()
    if view.painted is None:
        wait_for(view.then)
    took = view.painted - began
    view.close(); view.deleteLater()
    return took

def our_round(keep=False):
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
        wait_for(then, 600)
    everything = done_at[0] - began
    if keep:
        return first, everything, (model, shown, view, loader)
    view.close(); view.deleteLater(); loader.deleteLater()
    return first, everything, None

result = {"bare": [], "list": [], "first": [], "all": []}
bare_round(); plain_list_round(); our_round()       # warm up: fonts, styles, the file cache
for n in range(rounds):
    result["bare"].append(bare_round())
    result["list"].append(plain_list_round())
    first, everything, kept = our_round(keep=n == rounds - 1)
    result["first"].append(first)
    result["all"].append(everything)
model, shown, view, loader = kept
app.processEvents()
result["rows"] = model.rowCount()
result["rss_mib"] = (rss_kib() - rss_before) / 1024

began = time.perf_counter()
gc.collect()
result["gc_ms"] = (time.perf_counter() - began) * 1e3

def keystroke(model_for_view, set_text):
    gc.collect()
    took = []
    for text in keystrokes:
        began = time.perf_counter()
        set_text(text)
        app.processEvents()             # the list's delayed layout
        view.viewport().repaint()
        took.append(time.perf_counter() - began)
    return took

result["keys"] = keystroke(shown, lambda text: shown.set_filter(ReviewFilter(text=text)))
texts = [entry.text for entry in model.all_entries()]
plain = []
for text in keystrokes:
    began = time.perf_counter()
    words = query_words(text)
    kept_texts = [t for t in texts if all(w in t for w in words)]
    plain.append(time.perf_counter() - began)
result["plain"] = plain

class PythonFilter(QSortFilterProxyModel):
    words, filt = [], ReviewFilter()
    def filterAcceptsRow(self, row, parent):
        return self.filt.accepts(model.entry(row), self.words)
proxy = PythonFilter()
proxy.setSourceModel(model)
view.setModel(proxy)
app.processEvents()
def proxy_text(text):
    proxy.filt = ReviewFilter(text=text)
    proxy.words = proxy.filt.words()
    proxy.invalidateFilter()
result["proxy"] = keystroke(proxy, proxy_text)
print(json.dumps(result), flush=True)
"""


def measure(folder: Path, rounds: int) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(folder), str(rounds), json.dumps(KEYSTROKES)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    with _killed_after(proc, 1800):
        out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"review benchmark: the measuring process ended with {proc.returncode}:\n{err[-3000:]}")
    return json.loads(out.strip().splitlines()[-1])


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:.1f}"


def rows(log=lambda text: print(text, file=sys.stderr, flush=True)) -> list[str]:
    out = ["| look back | baseline | Goldseam | ratio | target |", "|---|---:|---:|---:|---|"]
    notes = []
    with tempfile.TemporaryDirectory(prefix="goldseam-review-bench-") as tmp:
        for (size, long), rounds in ROUNDS.items():
            if long and not LONG:
                continue
            name = f"{size:,} moments" + (" of 20 KB text" if long else "")
            t = time.perf_counter()
            folder = build(Path(tmp) / f"j-{size}-{long}", size, long)
            log(f"built {name}: {journal_bytes(folder) / 2**20:.1f} MiB in {time.perf_counter() - t:.1f} s")
            t = time.perf_counter()
            r = measure(folder, rounds)
            log(f"measured {name}: {time.perf_counter() - t:.1f} s")
            assert r["rows"] == size, f"{r['rows']} rows loaded of {size}"
            bare, first = statistics.median(r["bare"]), statistics.median(r["first"])
            plain_list = statistics.median(r["list"])
            out.append(f"| first rows shown, {name} (ms; vs a bare PySide6 window shown) | {_ms(bare)} | "
                       f"{_ms(first)} | {first / bare:.1f}× | ≤ 300 ms |")
            out.append(f"| first rows shown, {name} (ms; vs a QListView shown over the newest month's "
                       f"lines already in memory) | {_ms(plain_list)} | {_ms(first)} | {first / plain_list:.1f}× | "
                       f"≤ 300 ms |")
            plain, keys = statistics.median(r["plain"]), statistics.median(r["keys"])
            worst_plain, worst = max(r["plain"]), max(r["keys"])
            target = "≤ 50 ms" if (size, long) == (10_000, False) else "– (50 ms at 10,000 × 1 KB)"
            out.append(f"| search keystroke, {name}, median of {len(KEYSTROKES)} (ms; vs a plain Python "
                       f"substring filter of the same texts) | {_ms(plain)} | {_ms(keys)} | {keys / plain:.1f}× | "
                       f"{target} |")
            out.append(f"| search keystroke, {name}, slowest of {len(KEYSTROKES)} (ms; vs the same) | "
                       f"{_ms(worst_plain)} | {_ms(worst)} | {worst / worst_plain:.1f}× | {target} |")
            proxy = statistics.median(r["proxy"])
            out.append(f"| the same keystrokes through QSortFilterProxyModel + a Python filterAcceptsRow, "
                       f"{name}, median / slowest (ms; vs MomentFilterModel) | {_ms(keys)} / {_ms(worst)} | "
                       f"{_ms(proxy)} / {_ms(max(r['proxy']))} | {proxy / keys:.1f}× | – (not used) |")
            slowest = sorted(zip(r["keys"], KEYSTROKES), reverse=True)[:3]
            notes.append(f"{name}, the slowest keystrokes: " + ", ".join(
                f"“{text}” {seconds * 1e3:.0f} ms" for seconds, text in slowest))
            notes.append(f"{name}: every month loaded in {statistics.median(r['all']):.2f} s (median of "
                         f"{rounds}), the loaded list holding {r['rss_mib']:.0f} MiB more than the open journal; one full "
                         f"garbage collection (gc.collect()) with it loaded: {r['gc_ms']:.0f} ms")
    return out + [""] + [f"- {note}" for note in notes]


def main() -> int:
    compile_bytecode()
    for line in rows():
        print(line)
    print(f"\n{sys.platform}, Python {sys.version.split()[0]}, {os.cpu_count()} cores; rounds "
          f"{', '.join(f'{n} at {s:,}' + (' × 20 KB' if g else '') for (s, g), n in ROUNDS.items())} alternating with the bare window, "
          f"medians; {len(KEYSTROKES)} keystrokes.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
