"""The longest time the window stops answering while an import of 10,000 moments runs with the
look back open (issue 19, item 5): a delete coming due and a reminder coming due during the import
are the GUI thread's calls into the journal, which the import holds meanwhile.

Measured as the longest gap between the ticks of a 5 ms timer on the GUI thread, from the start of
the import to one second after its end (a stall put off until the import has ended counts too).
The reminder is armed just before the import starts, due within a second (armed with the data
folder, as it was until issue 19's fix, it came due while the look back was still loading, before
the import began). Baseline in the same run: a bare PySide6 window whose worker thread inserts the
same 10,000 records into a plain TinyDB file (the cost of a worker busy in Python beside the GUI
thread, with no lock between them). `python tests/benchmarks/stall_bench.py` prints the rows.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from goldseam.core import transfer_format  # noqa: E402
from goldseam.core.moment import RepairMoment  # noqa: E402
from goldseam.storage.data_folder import DataFolder  # noqa: E402
from goldseam.storage.promises import Reminder  # noqa: E402

SIZE = 10_000
RUNS = 3
TICK_MS = 5
AFTER_S = 1.0       # ticks counted this long after the import has ended


def history(n: int, words: str, start: datetime) -> list[RepairMoment]:
    moments = []
    for k in range(n):
        moment = RepairMoment(created_at=(start - timedelta(hours=8 * k)).isoformat(timespec="seconds"))
        moment.notice.what_happened = f"{words} {k} " + "a sentence of the kind people write " * 25
        moments.append(moment)
    return moments


class Ticks:
    """The longest gap between two ticks of a 5 ms timer while `running()` holds."""

    def __init__(self, app: QApplication):
        self.app = app
        self.longest = 0.0
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.longest = 0.0
        self._clock.start()
        self._timer.start()

    def _tick(self) -> None:
        self.longest = max(self.longest, self._clock.restart() - TICK_MS)

    def stop(self) -> float:
        self._timer.stop()
        return max(0.0, self.longest)


def wait_while(app: QApplication, busy: threading.Event | None, until) -> None:
    while not until():
        app.processEvents()
        time.sleep(0.001)


def afterwards(app: QApplication) -> None:
    end = time.monotonic() + AFTER_S
    wait_while(app, None, lambda: time.monotonic() >= end)


def goldseam_stall(app: QApplication, root: Path) -> float:
    """The longest stall of the real window: the look back open, a delete and a reminder coming due."""
    from goldseam.ui.wiring import WindowParts
    from goldseam.ui.application.background import start_in_background

    folder = root / f"data-{time.monotonic_ns()}"
    kept = history(SIZE, "kept", datetime(2026, 11, 1, tzinfo=timezone.utc))
    incoming = history(SIZE, "incoming", datetime(2026, 10, 15, 12, tzinfo=timezone.utc))
    with DataFolder.open(folder) as data:
        data.journal.import_moments(kept)
        data.settings.set("welcome_seen", True)
    document = transfer_format.parse(transfer_format.dumps(incoming))
    data = DataFolder.open(folder)
    window = WindowParts(data).window
    window.show()
    window.look_back()
    review = window.review
    wait_while(app, None, lambda: not review.loader.loading)
    review.pending.undo_seconds = 0.3
    review.delete(kept[0].id)                    # comes due while the import runs
    # Due while the import runs (armed now: the look back takes longer to load than any fixed delay);
    # refresh() arms the keeper's timer, as remind_later() does when a moment is saved.
    soon = datetime.now().astimezone() + timedelta(seconds=1)      # to the second: due 0 to 1 s from now
    data.promises.remind(Reminder(kept[1].id, soon.isoformat(timespec="seconds")))
    window.calls.keeper.refresh()
    done = threading.Event()
    ticks = Ticks(app)
    ticks.start()
    start_in_background(window, lambda: data.journal.import_moments(document.moments), lambda r, e: done.set())
    wait_while(app, None, done.is_set)
    wait_while(app, None, lambda: not review.pending.count())
    afterwards(app)
    longest = ticks.stop()
    window.close()
    data.close()
    return longest


def baseline_stall(app: QApplication, root: Path) -> float:
    """A bare window; a worker inserts the same records into a plain TinyDB file."""
    from tinydb import TinyDB

    records = [m.to_dict() for m in history(SIZE, "incoming", datetime(2026, 10, 15, 12, tzinfo=timezone.utc))]
    window = QWidget()
    window.show()
    path = root / f"plain-{time.monotonic_ns()}.json"
    done = threading.Event()

    def insert() -> None:
        with TinyDB(path) as db:
            db.insert_multiple(records)
        done.set()

    ticks = Ticks(app)
    ticks.start()
    threading.Thread(target=insert).start()
    wait_while(app, None, done.is_set)
    afterwards(app)
    longest = ticks.stop()
    window.close()
    return longest


def rows() -> list[str]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="goldseam-stall-bench-") as tmp:
        root = Path(tmp)
        bare, ours = [], []
        for _run in range(RUNS):
            bare.append(baseline_stall(app, root))
            ours.append(goldseam_stall(app, root))
    base, mine = statistics.median(bare), statistics.median(ours)
    return ["| GUI stall during an import | baseline (ms) | Goldseam (ms) | ratio | target |",
            "|---|---:|---:|---:|---|",
            f"| longest stall of the window during an import of {SIZE:,} moments and {AFTER_S:.0f} s after, the "
            f"look back open, a delete and a reminder coming due (vs a plain TinyDB insert on a worker beside a "
            f"bare window; median of {RUNS}) | {base:.0f} | {mine:.0f} | {mine / max(base, 1):.2f}× | under 100 ms |"]


if __name__ == "__main__":
    print("\n".join(rows()))
