"""The breathing shape as a person sees it, driven by a fake clock: it grows on the
in-breath, rests full, shrinks on the out-breath; in reduced motion it stays still while
a bar moves; its timer sleeps whenever nobody can see it; Space pauses, Esc stops; and a
screen reader hears each phase once."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from goldseam.core.breathing import BUILT_IN
from goldseam.ui.widgets import accessible, look
from goldseam.ui.breathing.breathing_widget import BreathingWidget

BOX = next(p for p in BUILT_IN if p.key == "box")     # in 4, hold 4, out 4, rest 4


class Seconds:
    """A monotonic clock the test moves by hand."""

    def __init__(self, value=1000.0):
        self.value = value

    def __call__(self):
        return self.value


@pytest.fixture
def heard(monkeypatch):
    said = []
    monkeypatch.setattr(accessible.QAccessible, "isActive", staticmethod(lambda: True))
    monkeypatch.setattr(accessible, "_tell", lambda _widget, text: said.append(text))
    return said


@pytest.fixture
def shown(qtbot):
    look.apply(QApplication.instance())

    def make(pattern=BOX, **length):
        clock = Seconds()
        widget = BreathingWidget(clock=clock)
        qtbot.addWidget(widget)
        widget.resize(300, 340)
        with qtbot.waitExposed(widget):
            widget.show()
        widget.start(pattern, **length)
        return widget, clock

    return make


def at(widget, clock, seconds):
    """Move the clock to `seconds` after the start and let the widget draw one frame."""
    clock.value = 1000.0 + seconds
    widget.timer.timeout.emit()
    return widget.shape_scale()


def gold_pixels(widget) -> int:
    image = widget.shape.grab().toImage()
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = QColor(image.pixel(x, y))
            if c.red() - c.blue() > 60 and c.red() > c.green() > c.blue():
                count += 1
    return count


def test_the_shape_grows_in_rests_full_shrinks_out_and_rests_small(shown):
    widget, clock = shown()
    inhale = [at(widget, clock, t) for t in (0.2, 1.5, 2.5, 3.8)]
    assert inhale == sorted(inhale) and inhale[0] < inhale[-1] - 0.3
    hold = [at(widget, clock, t) for t in (4.1, 6, 7.9)]
    assert hold[0] == hold[1] == hold[2] > inhale[-1] - 0.01
    exhale = [at(widget, clock, t) for t in (8.2, 9.5, 10.5, 11.8)]
    assert exhale == sorted(exhale, reverse=True) and exhale[-1] < exhale[0] - 0.3
    rest = [at(widget, clock, t) for t in (12.1, 15.9)]
    assert rest[0] == rest[1] < inhale[1]


def test_more_gold_shows_late_in_the_in_breath_than_early(shown):
    widget, clock = shown()
    at(widget, clock, 0.3)
    early = gold_pixels(widget)
    at(widget, clock, 3.7)
    late = gold_pixels(widget)
    assert early > 50 and late > early * 2


def test_the_phase_word_and_the_seconds_left_are_shown(shown):
    widget, clock = shown()
    at(widget, clock, 0.5)
    assert (widget.word.text(), widget.seconds.text()) == ("Breathe in", "4")
    at(widget, clock, 9.2)
    assert (widget.word.text(), widget.seconds.text()) == ("Breathe out", "3")
    assert widget.word.accessibleName() in ("", widget.word.text())


def test_reduced_motion_keeps_the_shape_still_and_moves_a_bar(shown):
    widget, clock = shown()
    widget.set_reduced_motion(True)
    assert widget.timer.interval() >= 100            # a few wakeups a second are enough
    scales, bars, pixels = [], [], []
    for t in (0.5, 3.5, 6, 9, 13):
        scales.append(at(widget, clock, t))
        bars.append(widget.progress.value())
        pixels.append(gold_pixels(widget))
    assert len(set(scales)) == 1 and len(set(pixels)) == 1
    assert widget.progress.isVisible()
    assert bars[0] < bars[1] and bars[1] > bars[2]   # it fills through a phase, starts again at the next
    assert widget.word.text() == "Rest"


def test_the_timer_sleeps_before_a_start_and_after_the_end(qtbot, shown):
    widget = BreathingWidget(clock=Seconds())
    qtbot.addWidget(widget)
    widget.show()
    assert not widget.timer.isActive()
    widget, clock = shown(breaths=1)
    assert widget.timer.isActive()
    with qtbot.waitSignal(widget.finished, timeout=500):
        at(widget, clock, 16)
    assert not widget.timer.isActive() and not widget.is_running()
    assert widget.word.text() == "Breathe as you like now"


def test_the_timer_sleeps_while_hidden_or_minimised_and_wakes_on_return(shown):
    widget, clock = shown()
    widget.hide()
    assert not widget.timer.isActive()
    widget.show()
    assert widget.timer.isActive()
    widget.setWindowState(Qt.WindowState.WindowMinimized)
    assert not widget.timer.isActive()
    widget.setWindowState(Qt.WindowState.WindowNoState)
    assert widget.timer.isActive()


def test_space_pauses_and_goes_on_where_it_was(qtbot, shown):
    widget, clock = shown()
    widget.setFocus()
    at(widget, clock, 2.0)
    scale = widget.shape_scale()
    qtbot.keyClick(widget, Qt.Key.Key_Space)
    assert widget.is_paused() and not widget.timer.isActive()
    assert widget.word.text() == "Paused"
    at(widget, clock, 60)                         # a long minute later, nothing has moved
    assert widget.shape_scale() == scale
    qtbot.keyClick(widget, Qt.Key.Key_Space)
    assert not widget.is_paused() and widget.timer.isActive()
    assert widget.word.text() == "Breathe in"
    assert at(widget, clock, 60) == scale         # it goes on from the same point in the breath
    at(widget, clock, 61)
    assert widget.state().seconds_left == pytest.approx(1.0)


def test_escape_stops(qtbot, shown):
    widget, clock = shown()
    widget.setFocus()
    at(widget, clock, 5)
    with qtbot.waitSignal(widget.stopped, timeout=500):
        qtbot.keyClick(widget, Qt.Key.Key_Escape)
    assert not widget.is_running() and not widget.timer.isActive()
    assert widget.word.text() == "Breathe with the shape" and widget.seconds.text() == ""


def test_a_screen_reader_hears_each_phase_once(shown, heard):
    widget, clock = shown()
    for frame in range(1, 21 * 60):              # 21 s of frames at 60 a second
        at(widget, clock, frame / 60)
    assert heard == ["Breathe in", "Hold", "Breathe out", "Rest", "Breathe in", "Hold"]


def test_hours_later_the_shape_is_where_the_clock_says(shown):
    widget, clock = shown(minutes=60 * 11)
    at(widget, clock, 36000.0 + 9)               # ten hours and nine seconds: out, 3 s left
    assert (widget.word.text(), widget.seconds.text()) == ("Breathe out", "3")
    assert widget.state().breath == 2251


def test_it_fits_a_small_window(qtbot):
    widget = BreathingWidget(clock=Seconds())
    qtbot.addWidget(widget)
    hint = widget.minimumSizeHint()
    assert hint.width() <= 200 and hint.height() <= 260
    assert widget.accessibleName() == "Breathing shape"


def test_the_phase_word_is_centred_under_the_shape_and_kept_on_one_line(shown, qtbot):
    """The word and its seconds were centred together, the word about 30 px to the left of the
    shape, and "Breathe as you like now" wrapped onto two lines with room to spare."""
    widget, clock = shown()
    widget.resize(700, 500)
    at(widget, clock, 1)
    qtbot.waitUntil(lambda: widget.word.text() != "")
    word_centre = widget.word.mapTo(widget, widget.word.rect().center()).x()
    shape_centre = widget.shape.mapTo(widget, widget.shape.rect().center()).x()
    assert abs(word_centre - shape_centre) <= 2
    widget.word.setText("Breathe as you like now")
    qtbot.waitUntil(lambda: widget.word.width() >= widget.word.fontMetrics().horizontalAdvance(widget.word.text()))
    assert widget.word.height() < 2 * widget.word.fontMetrics().lineSpacing()
