"""Calm in every light and language (issue 10), measured: what the settings, the two palettes and
German cost.

- start to first paint of home in English, light (vs a bare PySide6 window), in German (vs English:
  the catalogue, Qt's own translations and the German locale), and dark (vs light: the dark sheet);
- switching light to dark in an open window (vs re-applying the same style sheet to it);
- opening the settings dialog (vs opening a bare QDialog with three empty tabs).

`make bench-look` runs these rows alone; `make bench` runs them with the others. Ratios against
baselines measured in the same run; medians.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run_benchmarks import BARE_WINDOW, GOLDSEAM_WINDOW, compile_bytecode, time_to_first_paint  # noqa: E402

STARTUP_RUNS = 9
SWITCH_RUNS = 15


def _startups(folder: Path, dark_folder: Path) -> dict[str, float]:
    cases = {"bare": (BARE_WINDOW,), "en": (GOLDSEAM_WINDOW, str(folder)), "de": (GOLDSEAM_WINDOW, str(folder)),
             "dark": (GOLDSEAM_WINDOW, str(dark_folder))}

    def paint(name: str) -> float:
        """German as a person's system asks for it (LANGUAGE=de); the others in English."""
        os.environ["LANGUAGE"] = "de" if name == "de" else "en"
        try:
            return time_to_first_paint(*cases[name])
        finally:
            os.environ.pop("LANGUAGE", None)

    for name in cases:
        paint(name)                         # warm the file cache
    runs: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(STARTUP_RUNS):
        for name in cases:
            runs[name].append(paint(name))
    return {name: statistics.median(times) for name, times in runs.items()}


def _in_window(folder: Path) -> tuple[float, float, float, float]:
    """(re-apply the sheet, switch light→dark and back, a bare dialog, the settings dialog), in ms."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QDialog, QTabWidget, QVBoxLayout, QWidget

    from goldseam.storage.data_folder import DataFolder
    from goldseam.ui.widgets import look
    from goldseam.ui.wiring import WindowParts

    app = QApplication.instance() or QApplication([])
    look.apply(app)
    with DataFolder.open(folder) as data:
        parts = WindowParts(data)
        window = parts.window
        window.show()
        app.processEvents()

        def timed(action) -> float:
            times = []
            for _ in range(SWITCH_RUNS):
                started = time.perf_counter()
                action()
                app.processEvents()
                times.append(time.perf_counter() - started)
            return statistics.median(times) * 1e3

        same = timed(lambda: app.setStyleSheet(app.styleSheet()))
        flip = iter(["dark", "light"] * SWITCH_RUNS)
        switch = timed(lambda: look.apply(app, next(flip)))
        look.apply(app)

        def bare_dialog() -> None:
            dialog = QDialog(window)
            tabs = QTabWidget()
            for name in ("one", "two", "three"):
                tabs.addTab(QWidget(), name)
            QVBoxLayout(dialog).addWidget(tabs)
            dialog.show()
            app.processEvents()
            dialog.close()
            dialog.deleteLater()

        def settings() -> None:
            window.open_settings()
            app.processEvents()
            parts.preferences.dialog.reject()
            app.processEvents()

        bare = timed(bare_dialog)
        ours = timed(settings)
        window.flush()
        window.close()
    return same, switch, bare, ours


def rows(log=lambda text: print(text, file=sys.stderr, flush=True)) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        folder, dark = Path(tmp) / "light", Path(tmp) / "dark"
        from goldseam.storage.data_folder import DataFolder

        for path in (folder, dark):
            with DataFolder.open(path) as data:
                data.settings.set("welcome_seen", True)
        with DataFolder.open(dark) as data:
            data.settings.set("theme", "dark")
        log("look: start-up in English, German and dark…")
        paint = _startups(folder, dark)
        log("look: switching and the settings dialog…")
        same, switch, bare, ours = _in_window(folder)
    return [
        "| light and dark, languages, settings (issue 10) | baseline (ms) | Goldseam (ms) | ratio | target |",
        "|---|---:|---:|---:|---|",
        f"| start to first paint, English, light (vs a bare PySide6 window) | {paint['bare'] * 1e3:.1f} | "
        f"{paint['en'] * 1e3:.1f} | {paint['en'] / paint['bare']:.2f}× | as at the end of issue 9 (1.75×) |",
        f"| start to first paint, German (vs English) | {paint['en'] * 1e3:.1f} | {paint['de'] * 1e3:.1f} | "
        f"{paint['de'] / paint['en']:.2f}× | ≤ 1.1× |",
        f"| start to first paint, dark (vs light) | {paint['en'] * 1e3:.1f} | {paint['dark'] * 1e3:.1f} | "
        f"{paint['dark'] / paint['en']:.2f}× | ≤ 1.1× |",
        f"| switching light to dark in the open window (vs re-applying the same sheet) | {same:.1f} | "
        f"{switch:.1f} | {switch / same:.2f}× | under 100 ms, no flicker |",
        f"| opening the settings (vs a bare dialog with three tabs) | {bare:.1f} | {ours:.1f} | "
        f"{ours / bare:.2f}× | under 150 ms |",
    ]


if __name__ == "__main__":
    compile_bytecode()
    for row in rows():
        print(row)
