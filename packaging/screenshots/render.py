"""Render the README's screenshots from the real app (offscreen), with made-up moments: every
main screen in the light and the dark palette, in every language Goldseam speaks, named
SCREEN-THEME-LANG.png (home-dark-de.png).

The screens: home, a step of the repair, a pause running, the breathing guide, the look back
(the list and a moment read in full), What has grown, and the settings.

Usage: python packaging/screenshots/render.py [OUTPUT_FOLDER]
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QScrollArea  # noqa: E402

from goldseam import i18n  # noqa: E402
from goldseam.core import clock  # noqa: E402
from goldseam.core import preferences as prefs  # noqa: E402
from goldseam.core.moment import RepairMoment  # noqa: E402
from goldseam.storage.data_folder import DataFolder  # noqa: E402
from goldseam.ui.widgets import look
from goldseam.ui.application import qt_language  # noqa: E402

SIZE = (1024, 640)                  # a laptop window; small files
THEMES = ("light", "dark")
SCREENS = ("home", "wizard", "pause", "breathe", "look-back", "what-has-grown", "settings")

# The made-up moments in each language: what happened, the tag, the phrase group.
YEAR = {
    "en": [("We talked past each other about the weekend.", ["weekend"], "sorry"),
           ("The visit to their parents was hard on both of us.", ["family"], "feel"),
           ("I was short with them on the phone.", [], "sorry"),
           ("The silence after the money talk.", ["money"], "reset"),
           ("They felt I dismissed their idea at dinner.", [], "yes"),
           ("We both got loud about the weekend again.", ["weekend"], "calm")],
    "de": [("Wir haben wegen des Wochenendes aneinander vorbeigeredet.", ["wochenende"], "sorry"),
           ("Der Besuch bei den Eltern war für uns beide schwer.", ["familie"], "feel"),
           ("Ich war am Telefon kurz angebunden.", [], "sorry"),
           ("Die Stille nach dem Gespräch über Geld.", ["geld"], "reset"),
           ("Sie fühlte ihre Idee beim Abendessen abgetan.", [], "yes"),
           ("Wir sind wegen des Wochenendes wieder laut geworden.", ["wochenende"], "calm")],
}
WORDS = {
    "en": {"acknowledge": "I can see how that landed, and I'm sorry it hurt.", "phrase": "Can we start over?",
           "offered": "A hug", "landed": "It softened things.",
           "notice": "We snapped at each other about the weekend plans."},
    "de": {"acknowledge": "Ich sehe, wie das bei dir ankam, und es tut mir leid.",
           "phrase": "Können wir noch einmal anfangen?", "offered": "Eine Umarmung",
           "landed": "Es wurde weicher zwischen uns.",
           "notice": "Wir haben uns wegen der Pläne fürs Wochenende angefahren."},
}


def seed_a_year(data: DataFolder, language: str) -> None:
    """About a year of moments: repairs that eased, a few pauses, one left open."""
    words = WORDS[language]
    start = clock.now().replace(hour=18, minute=5) - timedelta(days=360)
    for n in range(34):
        what, tags, group = YEAR[language][n % 6]
        created = start + timedelta(days=n * 10 + n % 4, hours=n % 4, minutes=7 * n)
        moment = RepairMoment(created_at=clock.to_iso(created))
        if n % 7 == 3:
            moment.kind, moment.completed = "pause", True
            moment.pause.minutes_planned, moment.pause.started_at = 25, moment.created_at
            moment.pause.outcome = "returned" if n % 2 else "extended"
        else:
            moment.notice.what_happened = what
            moment.notice.intensity, moment.accept.intensity = 6 + n % 4, 1 + n % 3
            moment.notice.feelings = [["hurt"], ["lonely", "sad"], ["angry"]][n % 3]
            moment.acknowledge.text = words["acknowledge"]
            moment.reach_back.phrase, moment.reach_back.category = words["phrase"], group
            moment.accept.offered, moment.accept.how_it_landed = words["offered"], words["landed"]
            moment.tags = list(tags)
            moment.completed = n != 20
            if moment.completed:
                moment.finished_at = clock.to_iso(created + timedelta(minutes=20 + n * 2))
        data.journal.save(moment)
    data.settings.set("welcome_seen", True)


def settle(app, rounds: int = 4) -> None:
    """Let layouts, posted events and zero-length timers finish (a grab mid-change is half done)."""
    for _ in range(rounds):
        app.processEvents()
        QTimer.singleShot(0, lambda: None)
    app.processEvents()


def shot(app, widget, path: Path) -> None:
    settle(app)
    widget.grab().save(str(path), "PNG", 0)       # 0: the smallest file (lossless either way)


def breathe_at(app, guide, seconds: float) -> None:
    """Start the guide on a clock of its own and stop that clock `seconds` in: a still frame."""
    now = [1000.0]
    guide.widget._clock = lambda: now[0]
    guide.start()
    now[0] += seconds
    guide.widget.update()
    app.processEvents()


def render(app, language: str, theme: str, out: Path) -> list[Path]:
    """Every screen in `theme`, spoken in `language`, each from the same journal; the files written."""
    from goldseam.ui.wiring import WindowParts

    written = []
    look.apply(app, theme)
    with tempfile.TemporaryDirectory() as tmp, DataFolder.open(Path(tmp)) as data:
        seed_a_year(data, language)
        data.settings.set(prefs.THEME, theme)           # the settings then show the choice the picture has
        data.settings.set(prefs.LANGUAGE, language)
        now = [clock.now().replace(hour=21, minute=10, second=0, microsecond=0)]
        parts = WindowParts(data, now=lambda: now[0])
        window = parts.window
        window.resize(*SIZE)
        window.show()

        def save(screen: str, widget=window) -> None:
            path = out / f"{screen}-{theme}-{language}.png"
            shot(app, widget, path)
            written.append(path)

        save("home")

        window.begin_repair()
        notice = window.wizard.notice
        notice.what.setPlainText(WORDS[language]["notice"])
        notice.intensity.set_value(7)
        notice.feelings.set_selected(["hurt", "overwhelmed"])
        notice.signs.chips["racing_heart"].setChecked(True)
        settle(app)
        for area in window.wizard.findChildren(QScrollArea):      # the step from its question down
            area.verticalScrollBar().setValue(0)
        save("wizard")
        window.discard_draft()

        window.take_pause(20)
        save("pause")
        now[0] += timedelta(minutes=20)         # back when promised, as the pictures' person is
        window.pause_view.page.back_button.click()
        now[0] -= timedelta(minutes=20)
        window.pause_view.home_button.click()

        window.breathe()
        breathe_at(app, window.breathing_view.guide, 3.0)       # most of the way through an in-breath
        save("breathe")
        window.breathing_view.guide.stop()
        window.breathing_view.home_button.click()

        window.look_back()
        review = window.review
        while review.loader.loading:
            app.processEvents()
        review.list.setCurrentIndex(review.model.index(1, 0))
        save("look-back")
        review.tabs.setCurrentIndex(1)
        for _ in range(200):                # What has grown is computed on the thread pool
            if review._insights is not None and review._insights.isVisible():
                break
            app.processEvents()
        settle(app, 20)
        save("what-has-grown")
        review.tabs.setCurrentIndex(0)
        review.home_button.click()

        window.open_settings()
        dialog = parts.preferences.dialog
        dialog.resize(SIZE[0] * 2 // 3, SIZE[1])
        save("settings", dialog)
        dialog.close()
        settle(app)
        window.keeper.flush()
        window.close()
    return written


BOWL_SIZES = (1, 10, 100, 1000)     # repairs: the bowl as it grows


def render_bowls(app, theme: str, out: Path) -> list[Path]:
    """The bowl after 1, 10, 100 and 1,000 repairs (made-up ones, the same on every run),
    named bowl-N-THEME.png."""
    from goldseam.core import insights
    from goldseam.ui.review.bowl_widget import BowlWidget

    look.apply(app, theme)
    written = []
    for count in BOWL_SIZES:
        moments = []
        for n in range(count):
            moment = RepairMoment(created_at=(clock.from_iso("2020-01-01T20:00:00+00:00")
                                              + timedelta(days=2 * n)).isoformat(), completed=True)
            moment.id = f"0b0a1000-0000-4000-8000-{n:012d}"
            moments.append(moment)
        bowl = BowlWidget()
        bowl.show_seams(insights.seams_for(moments), "")
        bowl.resize(300, 250)
        bowl.setAutoFillBackground(True)
        path = out / f"bowl-{count}-{theme}.png"
        shot(app, bowl, path)
        written.append(path)
    return written


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    written = []
    for language, _name in i18n.LANGUAGES:
        i18n.use(language)
        qt_language.apply(app, language)
        for theme in THEMES:
            written += render(app, language, theme, out)
    for theme in THEMES:
        written += render_bowls(app, theme, out)
    print(f"{len(written)} screenshots written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent))
