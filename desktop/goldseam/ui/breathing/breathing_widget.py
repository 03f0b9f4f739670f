"""The breathing shape: a soft gold circle that grows as you breathe in, rests full while
you hold, shrinks as you breathe out and rests small, with the phase word and the seconds
left beneath it.

It only paints. The clock math lives in core.breathing: every frame asks the clock
(injectable, monotonic) and the session where the breath is, so nothing drifts. Its
frame timer runs only while a session runs, unpaused, on a visible, unminimised window;
in reduced motion the shape stays still, a progress bar moves instead, and the timer
wakes a few times a second. Space pauses and goes on, Esc stops.
"""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap, QRadialGradient
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QSizePolicy, QSpacerItem, QVBoxLayout, QWidget

from ...core.breathing import BreathingPattern, PhaseState, Session
from ...i18n import _
from ..widgets import accessible, look

FRAME_MS = 16                 # about 60 frames a second while the shape moves
STILL_FRAME_MS = 200          # reduced motion: the progress bar and the seconds need no more
IDLE_LEVEL = 0.35             # before a start: a small shape, waiting
STILL_LEVEL = 0.6             # reduced motion: one middle size that never moves
SMALLEST = 0.45               # the radius at empty lungs, as a share of the full radius
GOLD = QColor("#c9a04e")
GOLD_DEEP = QColor("#a57a2c")
GOLD_LIGHT = QColor("#ecd49b")
# By night the circle is a shade dimmer, so it glows rather than glares in a dark room.
NIGHT_GOLDS = (QColor("#b48d42"), QColor("#8f6a27"), QColor("#d6bb80"))
RING = "#85601e"              # the sheet's gold ink (look.tone gives it light by night): the focus ring


class _Shape(QWidget):
    """The canvas the circle is painted on; it scales to the room it gets.

    The glowing circle is drawn once, at full size, into a pixmap; each frame scales that
    pixmap (a quarter of the cost of drawing the gradients again) and repaints only the
    square the circle covers, and only when it has moved."""

    def __init__(self, owner: BreathingWidget):
        super().__init__(owner)
        self._owner = owner
        self._cache: QPixmap | None = None
        self._cache_key = None
        self._drawn: QRectF | None = None
        self.setMinimumSize(100, 100)      # a 1280x800 screen at 200 % leaves little height
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def sizeHint(self) -> QSize:
        return QSize(150, 150)     # it grows into the room there is (Expanding); small screens need it small

    def full_radius(self) -> float:
        """The radius of the glow around a full circle: all the room there is."""
        return min(self.width(), self.height()) / 2 - 4

    def target(self) -> QRectF:
        radius = self.full_radius() * self._owner.shape_scale()
        return QRectF(self.width() / 2 - radius, self.height() / 2 - radius, 2 * radius, 2 * radius)

    def move(self) -> None:
        """Ask for a repaint of what changed, if anything did."""
        target = self.target()
        if self._drawn is not None and _same(target, self._drawn):
            return
        dirty = target if self._drawn is None else target.united(self._drawn)
        self.update(dirty.toAlignedRect().adjusted(-2, -2, 2, 2))

    def paintEvent(self, _event) -> None:
        target = self.target()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        circle = self._circle()
        painter.drawPixmap(target, circle, QRectF(circle.rect()))
        if self._owner.hasFocus():
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(look.tone(RING), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            full = self.full_radius()
            painter.drawEllipse(QPointF(self.width() / 2, self.height() / 2), full, full)
        painter.end()
        self._drawn = target

    def _circle(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        side = max(2, round(2 * self.full_radius() * ratio))
        night = look.at_night()
        if self._cache_key != (side, ratio, night):
            self._cache = _draw_circle(side, *(NIGHT_GOLDS if night else (GOLD, GOLD_DEEP, GOLD_LIGHT)))
            self._cache.setDevicePixelRatio(ratio)
            self._cache_key = (side, ratio, night)
        return self._cache


def _draw_circle(side: int, gold: QColor = GOLD, deep: QColor = GOLD_DEEP, light: QColor = GOLD_LIGHT) -> QPixmap:
    """A soft gold circle with a glow around it, filling a square of `side` pixels."""
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    centre, glow_radius = QPointF(side / 2, side / 2), side / 2
    radius = glow_radius / 1.2
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    glow = QRadialGradient(centre, glow_radius)
    halo = QColor(gold)
    for stop, alpha in ((0.0, 110), (0.8, 70), (1.0, 0)):
        halo.setAlpha(alpha)
        glow.setColorAt(stop, halo)
    painter.setBrush(glow)
    painter.drawEllipse(centre, glow_radius, glow_radius)
    body = QRadialGradient(centre, radius)
    body.setColorAt(0.0, light)
    body.setColorAt(0.75, gold)
    body.setColorAt(1.0, deep)
    painter.setBrush(body)
    painter.drawEllipse(centre, radius, radius)
    painter.end()
    return QPixmap.fromImage(image)


def _same(a: QRectF, b: QRectF) -> bool:
    return abs(a.width() - b.width()) < 0.05 and abs(a.x() - b.x()) < 0.05 and abs(a.y() - b.y()) < 0.05


class _Caption(QLabel):
    """The phase word on one line where it fits ("Breathe as you like now" wrapped in two
    between the stretches of its row); wrapped only when the widget is narrower."""

    def __init__(self):
        super().__init__()
        self.room = 10_000

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        super().setText(text)
        self.fit()

    def fit(self) -> None:
        self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        hint = super().sizeHint()
        wide = min(self.fontMetrics().horizontalAdvance(self.text()) + 4, max(hint.width(), self.room))
        if wide <= hint.width():
            return hint
        return QSize(wide, self.heightForWidth(wide))


class BreathingWidget(QWidget):
    phase_changed = Signal(object)      # a PhaseState, once per new phase
    finished = Signal()                 # the session ran to its end
    stopped = Signal()                  # stopped early (Esc, or stop())
    pause_changed = Signal(bool)        # True when paused

    def __init__(self, clock: Callable[[], float] = time.monotonic, parent: QWidget | None = None):
        super().__init__(parent)
        self._clock = clock
        self._session: Session | None = None
        self._state: PhaseState | None = None
        self._phase_key: tuple[int, int] | None = None
        self._reduced_motion = False
        self._watched_window: QWidget | None = None
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._frame)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setAccessibleName(_("Breathing shape"))
        self.setAccessibleDescription(_("Grows as you breathe in and shrinks as you breathe out. "
                                        "Space pauses or goes on, Escape stops."))
        self.shape = _Shape(self)
        self.word = _Caption()
        self.word.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.word.setWordWrap(True)         # only where the line is wider than the widget
        self.word.setStyleSheet("font-size: 18pt;")
        self.seconds = QLabel()
        self.seconds.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.seconds.setStyleSheet("font-size: 24pt; font-weight: 300;")
        self.seconds.ensurePolished()
        self.seconds.setFixedWidth(self.seconds.fontMetrics().horizontalAdvance("00"))
        # As wide as the seconds, on the other side: the word is centred under the shape, not
        # the word and its seconds together (which put it about 30 px off).
        # (A spacer that gives way first on a very small window.)
        # (No spacing is laid beside a spacer: it holds the row's spacing too.)
        balance = QSpacerItem(self.seconds.width() + 16, 0, QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(_("How far along this phase is"))
        self.progress.setFixedWidth(200)
        words = QHBoxLayout()
        words.setSpacing(16)
        words.addStretch(1)
        words.addSpacerItem(balance)
        words.addWidget(self.word)
        words.addWidget(self.seconds)
        words.addStretch(1)
        self._words = words
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.shape, 1)
        layout.addLayout(words)
        layout.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignHCenter)
        self._show_idle()

    # -- what a caller asks -------------------------------------------------

    def start(self, pattern: BreathingPattern, minutes: float | None = None, breaths: int | None = None) -> None:
        self._session = Session(pattern, self._clock(), minutes=minutes, breaths=breaths)
        self._phase_key = None
        self._frame()
        self._sync_timer()

    def stop(self) -> None:
        """End the session early; the shape waits small again."""
        if self._session is None:
            return
        self._session = None
        self._show_idle()
        self._sync_timer()
        self.stopped.emit()

    def pause(self) -> None:
        if self.is_running() and not self._session.is_paused():
            self._session.pause(self._clock())
            self._sync_timer()
            accessible.set_text(self.word, _("Paused"), announce=True)
            self.seconds.clear()        # "Paused 1" read as a count; the seconds come back on resume
            self.pause_changed.emit(True)

    def resume(self) -> None:
        if self.is_running() and self._session.is_paused():
            self._session.resume(self._clock())
            self._show(self._session.state(self._clock()), force=True)
            self._sync_timer()
            self.pause_changed.emit(False)

    def toggle_pause(self) -> None:
        if self.is_paused():
            self.resume()
        else:
            self.pause()

    def is_running(self) -> bool:
        """A session has begun and neither ended nor been stopped (paused counts as running)."""
        return self._session is not None and not self._session.is_finished(self._clock())

    def is_paused(self) -> bool:
        return self._session is not None and self._session.is_paused()

    def state(self) -> PhaseState | None:
        return self._state

    def set_reduced_motion(self, still: bool) -> None:
        self._reduced_motion = bool(still)
        self.progress.setVisible(self._reduced_motion and self._state is not None)
        self.shape.update()
        self._sync_timer()

    def reduced_motion(self) -> bool:
        return self._reduced_motion

    def shape_scale(self) -> float:
        """How big the shape is drawn, as a share of its full size (read-only, for tests too)."""
        if self._reduced_motion:
            level = STILL_LEVEL
        elif self._state is None:
            level = IDLE_LEVEL
        else:
            level = self._state.level()
        return SMALLEST + (1 - SMALLEST) * level

    # -- frames ---------------------------------------------------------------

    def _frame(self) -> None:
        session = self._session
        if session is None:
            return
        now = self._clock()
        self._show(session.state(now))
        if session.is_finished(now):
            self._session = None
            self._sync_timer()
            accessible.set_text(self.word, _("Breathe as you like now"))
            self.seconds.clear()
            self.progress.setVisible(False)
            self.finished.emit()

    def _show(self, state: PhaseState, force: bool = False) -> None:
        self._state = state
        key = (state.breath, state.index)
        if key != self._phase_key or force:
            new = key != self._phase_key
            self._phase_key = key
            accessible.set_text(self.word, state.word, announce=new)
            if new:
                self.phase_changed.emit(state)
        seconds = str(state.whole_seconds_left())
        if self.seconds.text() != seconds:
            self.seconds.setText(seconds)
        if self._reduced_motion:
            self.progress.setVisible(True)
            self.progress.setValue(round(state.progress * 1000))
        else:
            self.shape.move()

    def _show_idle(self) -> None:
        self._state = None
        self._phase_key = None
        accessible.set_text(self.word, _("Breathe with the shape"))
        self.seconds.clear()
        self.progress.setVisible(False)
        self.shape.update()

    # -- when the timer may run -------------------------------------------------

    def _on_screen(self) -> bool:
        return self.isVisible() and not (self.window().windowState() & Qt.WindowState.WindowMinimized)

    def _sync_timer(self) -> None:
        wanted = self._session is not None and not self._session.is_paused() and self._on_screen()
        if not wanted:
            self.timer.stop()
            return
        interval = STILL_FRAME_MS if self._reduced_motion else FRAME_MS
        if not self.timer.isActive() or self.timer.interval() != interval:
            self.timer.start(interval)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().resizeEvent(event)
        self.word.room = self.width() - 2 * (self.seconds.width() + self._words.spacing())
        self.word.fit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        window = self.window()
        if window is not self._watched_window:
            if self._watched_window is not None:
                self._watched_window.removeEventFilter(self)
            window.installEventFilter(self)
            self._watched_window = window
        self._frame()
        self._sync_timer()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._sync_timer()

    def eventFilter(self, watched, event) -> bool:
        if watched is self._watched_window and event.type() == QEvent.Type.WindowStateChange:
            self._frame()
            self._sync_timer()
        return False

    # -- keys and focus -----------------------------------------------------------

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Space and self.is_running():
            self.toggle_pause()
        elif event.key() == Qt.Key.Key_Escape and self.is_running():
            self.stop()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.shape.update()         # the focus ring

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.shape.update()
