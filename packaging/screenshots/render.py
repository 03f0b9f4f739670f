"""Render README screenshots from the real app (offscreen), with made-up moments.

Usage: python packaging/screenshots/render.py [OUTPUT_FOLDER]
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from goldseam.ui import look  # noqa: E402
from goldseam.core import clock  # noqa: E402
from goldseam.core.moment import RepairMoment  # noqa: E402
from goldseam.storage.data_folder import DataFolder  # noqa: E402
from goldseam.ui.main_window import MainWindow  # noqa: E402

EXAMPLES = [
    ("We snapped at each other about the weekend plans.", 7, 3, 2),
    ("Cold silence at dinner after the phone call.", 6, 2, 5),
    ("I rolled my eyes when they talked about work.", 5, 1, 9),
]


def seed(data: DataFolder) -> None:
    for what, before, after, days_ago in EXAMPLES:
        moment = RepairMoment(created_at=clock.to_iso(clock.now() - timedelta(days=days_ago, hours=3)))
        moment.notice.what_happened = what
        moment.notice.intensity = before
        moment.accept.intensity = after
        moment.completed = True
        data.journal.save(moment)
    data.settings.set("welcome_seen", True)


YEAR = [
    ("We talked past each other about the weekend.", ["weekend"], "sorry"),
    ("Un été difficile : la visite chez ses parents.", ["family"], "feel"),
    ("I was short with them on the phone.", [], "sorry"),
    ("The silence after the money talk.", ["money"], "reset"),
    ("They felt I dismissed their idea at dinner.", [], "yes"),
    ("We both got loud about the weekend again.", ["weekend"], "calm"),
]


def seed_a_year(data: DataFolder) -> None:
    """About a year of moments: repairs that eased, a few pauses, one left open."""
    start = clock.now() - timedelta(days=360)
    for n in range(34):
        what, tags, group = YEAR[n % len(YEAR)]
        created = start + timedelta(days=n * 10 + n % 4, hours=n % 6)
        moment = RepairMoment(created_at=clock.to_iso(created))
        if n % 7 == 3:
            moment.kind, moment.completed = "pause", True
            moment.pause.minutes_planned, moment.pause.started_at = 25, moment.created_at
            moment.pause.outcome = "returned" if n % 2 else "extended"
        else:
            moment.notice.what_happened = what
            moment.notice.intensity, moment.accept.intensity = 6 + n % 4, 1 + n % 3
            moment.notice.feelings = [["hurt"], ["lonely", "sad"], ["angry"]][n % 3]
            moment.acknowledge.text = "I can see how that landed, and I'm sorry it hurt."
            moment.reach_back.phrase, moment.reach_back.category = "Can we start over?", group
            moment.accept.offered, moment.accept.how_it_landed = "A hug", "It softened things."
            moment.tags = list(tags)
            moment.completed = n != 20
            if moment.completed:
                moment.finished_at = clock.to_iso(created + timedelta(minutes=20 + n * 2))
        data.journal.save(moment)


def shot(app, window, path: Path) -> None:
    """Grab once the layout has settled (a grab right after a change can catch it half done)."""
    for _ in range(3):
        app.processEvents()
    window.grab().save(str(path))


def breathe_at(app, guide, seconds: float) -> None:
    """Start the guide on a clock of its own and stop that clock `seconds` in: a still frame."""
    now = [1000.0]
    guide.widget._clock = lambda: now[0]
    guide.start()
    now[0] += seconds
    guide.widget.update()
    app.processEvents()


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    look.apply(app)
    with tempfile.TemporaryDirectory() as tmp, DataFolder.open(Path(tmp)) as data:
        seed(data)
        now = [clock.now().replace(hour=21, minute=10, second=0, microsecond=0)]
        window = MainWindow(data.journal, data.drafts, now=lambda: now[0], data_folder=data)
        window.resize(920, 720)
        window.show()
        shot(app, window, out / "home.png")

        window.breathe()
        breathe_at(app, window.breathing_view.guide, 3.0)          # most of the way through an in-breath
        shot(app, window, out / "breathe.png")
        window.breathing_view.home_button.click()

        window.take_pause()
        window.pause_view.page.start_button.click()
        shot(app, window, out / "pause-running.png")
        window.pause_view.home_button.click()
        shot(app, window, out / "home-pause-running.png")
        now[0] += timedelta(minutes=20)
        window.calls.keeper.refresh()
        shot(app, window, out / "home-pause-time-came.png")
        window.home.pause_banner.back_button.click()

        window.begin_repair()
        wizard = window.wizard
        notice = wizard.notice
        notice.what.setPlainText("We snapped at each other about the weekend plans.")
        notice.intensity.set_value(7)
        notice.feelings.set_selected(["hurt", "overwhelmed"])
        notice.signs.chips["racing_heart"].setChecked(True)
        shot(app, window, out / "wizard-notice.png")

        window.resize(1024, 560)            # a 1024x600 netbook, title bar and panel taken off
        shot(app, window, out / "wizard-notice-1024x600.png")
        window.resize(920, 720)

        wizard.go_to(2)
        wizard.acknowledge.text.setPlainText("I can see how that felt dismissive, but you always")
        shot(app, window, out / "wizard-acknowledge.png")

        wizard.go_to(3)
        wizard.reach_back.phrases.setCurrentRow(0)
        wizard.reach_back.use_button.click()
        wizard.reach_back.later_choice.click()
        shot(app, window, out / "wizard-reach-back.png")
        window.resize(640, 370)             # 1280x800 at 200 %
        shot(app, window, out / "wizard-reach-back-200-percent.png")
        window.resize(920, 720)

        wizard.go_to(1)
        wizard.pause.start_button.click()
        shot(app, window, out / "wizard-pause.png")
        wizard.pause.back_button.click()
        wizard.go_to(4)
        wizard.go_next()
        shot(app, window, out / "home-after-saving.png")

        seed_a_year(data)
        window.look_back()
        while window.review.loader.loading:
            app.processEvents()
        shot(app, window, out / "review.png")
        window.review.search.setText("weekend")
        shot(app, window, out / "review-search.png")
        window.review.search.clear()
        window.resize(1024, 560)
        shot(app, window, out / "review-1024x600.png")
        window.resize(920, 720)
        window.review.tabs.setCurrentIndex(1)
        shot(app, window, out / "review-bowl.png")
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent))
