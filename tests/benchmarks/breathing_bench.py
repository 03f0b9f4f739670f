"""The breathing guide's animation, measured: CPU (as % of one core) and frames painted per
second over 10 s of a running session in a shown window (the even pattern: the shape never
rests, so nearly every frame paints), and timer wakeups in 10 s when the window is hidden
and in reduced motion. The baseline, in the same run: a bare PySide6
window whose 60 fps QTimer calls update() on a child that paints nothing.

Each measurement runs in a fresh offscreen process of its own, so nothing else in it
(a test suite, another benchmark) counts. Run alone (`python tests/benchmarks/breathing_bench.py`)
or from run_benchmarks.py (`rows()`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

SECONDS = 10
SETTLE_SECONDS = 1.5

# argv[1]: "bare" or "guide"; argv[2]: "shown", "hidden" or "still" (reduced motion).
CHILD = r"""
import json, sys, time
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

who, where, seconds, settle = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
app = QApplication(sys.argv[:1])


class Counter(QObject):
    "Counts timer events delivered to anything in the process, and paints of one widget."
    def __init__(self):
        super().__init__()
        self.timers = 0
        self.paints = 0
        self.painted = None

    def eventFilter(self, obj, event):
        kind = event.type()
        if kind == QEvent.Type.Timer:
            self.timers += 1
        elif kind == QEvent.Type.Paint and obj is self.painted:
            self.paints += 1
        return False


counter = Counter()
window = QWidget()
window.resize(560, 480)
if who == "bare":
    canvas = QWidget(window)
    canvas.setGeometry(170, 100, 220, 220)
    timer = QTimer(window)
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(canvas.update)
    timer.start(200 if where == "still" else 16)
else:
    from goldseam.core.breathing import BreathingPreferences
    from goldseam.ui.widgets import look
    from goldseam.ui.breathing.breathing_guide import BreathingGuide

    look.apply(app)
    guide = BreathingGuide(BreathingPreferences(pattern="coherent", reduced_motion=where == "still"))
    QVBoxLayout(window).addWidget(guide)
    canvas = guide.widget.shape
    guide.start(minutes=60)
counter.painted = canvas
window.show()


def measure():
    if where == "hidden":
        window.hide()
    app.installEventFilter(counter)
    start = (time.monotonic(), time.process_time())
    def done():
        wall, cpu = time.monotonic() - start[0], time.process_time() - start[1]
        timers = counter.timers - 1        # the single shot that ends the measurement
        print(json.dumps({"cpu": 100 * cpu / wall, "fps": counter.paints / wall, "timers": timers}), flush=True)
        app.quit()
    QTimer.singleShot(int(seconds * 1000), done)

QTimer.singleShot(int(settle * 1000), measure)
app.exec()
"""


def run(who: str, where: str, seconds: float = SECONDS) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", CHILD, who, where, str(seconds), str(SETTLE_SECONDS)],
                         env=env, capture_output=True, text=True, timeout=seconds + 60, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def rows() -> list[str]:
    bare, ours = run("bare", "shown"), run("guide", "shown")
    bare_hidden, ours_hidden = run("bare", "hidden"), run("guide", "hidden")
    bare_still, ours_still = run("bare", "still"), run("guide", "still")
    return [
        f"| breathing guide animating, CPU, % of one core ({SECONDS} s) | {bare['cpu']:.1f} | {ours['cpu']:.1f} | "
        f"{_ratio(ours['cpu'], bare['cpu'])} | ≤ 10 % |",
        f"| breathing guide animating, frames painted per second | {bare['fps']:.1f} | {ours['fps']:.1f} | "
        f"{_ratio(ours['fps'], bare['fps'])} | ≥ 55 |",
        f"| breathing guide hidden, timer wakeups in {SECONDS} s (count) | {bare_hidden['timers']} | "
        f"{ours_hidden['timers']} | – | 0 |",
        f"| breathing guide in reduced motion, timer wakeups in {SECONDS} s (count; baseline at 5 a second) | "
        f"{bare_still['timers']} | {ours_still['timers']} | {_ratio(ours_still['timers'], bare_still['timers'])} | "
        f"≤ {6 * SECONDS} |",
    ]


def _ratio(ours: float, base: float) -> str:
    return f"{ours / base:.2f}×" if base else "–"


if __name__ == "__main__":
    print("| benchmark | baseline | Goldseam | ratio | target |")
    print("|---|---:|---:|---:|---|")
    for row in rows():
        print(row)
