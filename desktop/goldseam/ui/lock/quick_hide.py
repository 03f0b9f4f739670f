"""Hiding every word at once, and locking after a quiet while.

Ctrl+L, or Esc twice in quick succession, from anywhere in Goldseam: what is typed is saved
first (sealed, with the lock on), every dialog closes, the clipboard is emptied if Goldseam put
words there, the window's title says only "Goldseam", and the window shows the lock screen. With
the lock on the passphrase opens it again; without, one button does. After the chosen idle time
with the lock on, the same happens by itself. A pause and its call back go on underneath; a call
that comes meanwhile is said on the lock screen in words that hold nothing private.
"""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from ...i18n import _
from ..widgets.accessible import say

HIDE_KEY = "Ctrl+L"
DOUBLE_ESCAPE_S = 0.5           # two Escapes in a row, closer than this, hide at once
# Qt.Key.Key_Escape and Qt.ShortcutContext.ApplicationShortcut as plain numbers: the Qt namespace
# costs about 15 ms before the first paint.
KEY_ESCAPE = 0x01000000
APPLICATION_SHORTCUT = 2
ESCAPE = QKeySequence(KEY_ESCAPE)


class QuickHide(QObject):
    hidden_changed = Signal(bool)

    def __init__(self, window, check: Callable[[str], object], lock_on: Callable[[], bool],
                 flush: Callable[[], object], idle_minutes: int = 5,
                 after_recovery: Callable[[str], object] | None = None):
        """`window` has a `cover` stack (its content at 0) and `hold_title`; `check(secret)` opens the
        lock (raises WrongPassphrase); `lock_on()` says whether the lock is on now."""
        super().__init__(window)
        self._window = window
        self._lock_on = lock_on
        self._flush = flush
        self._after_recovery = after_recovery     # opened with the recovery key: a new passphrase is asked
        self._check = check
        self._screen = None         # the lock screen and its unlocker: built when first hidden
        self._unlocker = None
        self.hidden = False
        self._focus: QWidget | None = None
        self._last_escape = 0.0
        self._copied_here = False       # the clipboard's last change came from Goldseam (its window was active)
        QGuiApplication.clipboard().dataChanged.connect(self._clipboard_changed)
        self._idle = QTimer(self, singleShot=True)
        self._idle.timeout.connect(self._idle_came)
        self.set_idle_minutes(idle_minutes)
        shortcut = QShortcut(QKeySequence(HIDE_KEY), window, self.hide_now)
        shortcut.setProperty("context", APPLICATION_SHORTCUT)     # from a dialog too
        # Every key and click of the application is watched from just after the first paint, not
        # before it: a filter on the whole application runs Python for each event, and the first
        # object of one of Qt's private classes it is handed makes PySide build every class it
        # has (about 40 ms).
        self._listening = False
        if window.isVisible():
            self.listen()
        else:
            window.first_painted.connect(self.listen)

    def listen(self) -> None:
        """Watch keys and clicks everywhere (for Esc twice and the idle time); once."""
        app = QApplication.instance()
        if app is not None and not self._listening:
            self._listening = True
            app.installEventFilter(self)

    @property
    def screen(self):
        """The lock screen, built the first time it is needed (it is never seen at start)."""
        if self._screen is None:
            from .lock_screen import LockScreen
            from .unlocker import Unlocker

            self._screen = LockScreen(locked=True)
            self._window.cover.addWidget(self._screen)
            self._unlocker = Unlocker(self._screen, self._check, self)
            self._unlocker.unlocked.connect(self.show_again)
            self._screen.show_asked.connect(self.show_again)
        return self._screen

    @property
    def unlocker(self):
        self.screen
        return self._unlocker

    def _clipboard_changed(self) -> None:
        self._copied_here = QApplication.activeWindow() is not None and not self.hidden

    def set_idle_minutes(self, minutes: float) -> None:
        """Lock after this many minutes without a key or the mouse (0: never)."""
        self._idle_ms = int(max(0.0, float(minutes)) * 60_000)
        self._restart_idle()

    def _restart_idle(self) -> None:
        if self._idle_ms and not self.hidden:
            self._idle.start(self._idle_ms)
        else:
            self._idle.stop()

    def _idle_came(self) -> None:
        if self._lock_on() and not self.hidden:
            self.hide_now()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress or (kind == QEvent.Type.KeyPress and event.key() != KEY_ESCAPE):
            self._last_escape = 0.0         # two Escapes in a row, nothing else pressed between
        if kind in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel) \
                and watched.isWindowType():
            if self._idle_ms and not self.hidden:
                self._idle.start(self._idle_ms)
            if kind == QEvent.Type.KeyPress and event.key() == KEY_ESCAPE and not event.isAutoRepeat():
                return self._escape()
        elif kind == QEvent.Type.Shortcut and event.key() == ESCAPE:
            # Esc bound to a shortcut (the look back's "Back home") reaches no window as a key press:
            # the first Esc does what it does, the second hides (it went home with words on screen).
            if self._escape():
                return True
        return False

    def _escape(self) -> bool:
        """An Esc pressed: the second within DOUBLE_ESCAPE_S hides (and is used up)."""
        now = time.monotonic()
        if now - self._last_escape < DOUBLE_ESCAPE_S and not self.hidden:
            self._last_escape = 0.0
            self.hide_now()
            return True
        self._last_escape = now
        return False

    def hide_now(self) -> None:
        """Every word off the screen at once (what was typed is saved first)."""
        if self.hidden:
            return
        self._flush()
        self.hidden = True
        self._idle.stop()
        from PySide6.QtWidgets import QDialog, QMenu

        focus = QApplication.focusWidget()
        self._focus = focus if focus is not None and focus.window() is self._window else None
        for widget in QApplication.topLevelWidgets():
            if widget is self._window or not widget.isVisible():
                continue
            if isinstance(widget, QDialog):
                widget.reject()
            if isinstance(widget, (QMenu, QWidget)):
                widget.hide()
        clipboard = QGuiApplication.clipboard()
        if clipboard.ownsClipboard() or self._copied_here:
            clipboard.clear()
        if clipboard.supportsSelection() and clipboard.ownsSelection():
            clipboard.clear(clipboard.Mode.Selection)       # X11's selection: the words last selected
        self.screen.set_locked(self._lock_on())
        self._window.hold_title(True)
        self._window.cover.setCurrentWidget(self.screen)
        self.screen.focus_first()
        say(self.screen.title, f"{self.screen.title.text()}. {self.screen.text.text()}")   # not only "Passphrase"
        self.hidden_changed.emit(True)

    def show_again(self) -> None:
        if not self.hidden:
            return
        self.hidden = False
        self.screen.reset()
        self._window.cover.setCurrentIndex(0)
        self._window.hold_title(False)
        focus, self._focus = self._focus, None
        try:
            if focus is not None and focus.isVisible() and focus.isEnabled():
                from PySide6.QtCore import Qt

                focus.setFocus(Qt.FocusReason.OtherFocusReason)
            else:
                self._window.focus_current_screen()
        except RuntimeError:
            self._window.focus_current_screen()       # the focused widget went away meanwhile
        self._restart_idle()
        say(self._window, _("Goldseam is open again."))
        self.hidden_changed.emit(False)
        recovery, self.unlocker.recovery_used = self.unlocker.recovery_used, None
        if recovery and self._after_recovery is not None:
            self._after_recovery(recovery)

    def pause_called(self, state: str, back_at: str) -> None:
        """The pause's time came while hidden: said on the lock screen, without a word of the person's."""
        from ..pause.promise_keeper import AWAY, CAME

        if not self.hidden:
            return
        if state in (CAME, AWAY):
            self.screen.show_call(_("The time you named for your pause has come. Open Goldseam when you are ready.")
                                  if self.screen.locked else
                                  _("The time you named for your pause has come. Show Goldseam when you are ready."))
        else:
            self.screen.hide_call()

    def reminder_called(self, due) -> None:
        """A reminder came due while hidden: said without its words."""
        if self.hidden and due is not None:
            self.screen.show_call(_("A reminder you asked for has come. Open Goldseam when you are ready.")
                                  if self.screen.locked else
                                  _("A reminder you asked for has come. Show Goldseam when you are ready."))

    def shutdown(self) -> None:
        self._idle.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
            try:
                QGuiApplication.clipboard().dataChanged.disconnect(self._clipboard_changed)
            except (RuntimeError, TypeError):
                pass
