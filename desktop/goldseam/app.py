"""Start-up: the data folder opened (or a second start handed to the running window), the look
applied, the window's parts built by their composition root (ui/wiring.py), run, and ended in order."""

from __future__ import annotations

import sys
from pathlib import Path

from . import APP_ID, APP_NAME, __version__, resources

WELCOME_SEEN = "welcome_seen"
AFTER_PAINT_DELAY_MS = 300  # the icon and QtNetwork are not needed to show the window
ASK_RUNNING_MS = 5000       # a second start waits this long for the open window to answer (a busy machine)


def run_gui(folder: Path, open_repair: bool = False, open_pause: bool = False,
            pause_minutes: int | None = None, open_review: bool = False, language: str | None = None,
            background: bool = False) -> int:
    """`background`: started at login ("Start Goldseam when I log in"): the window only when a
    call back is due now; in the background while one is still to come; otherwise nothing."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from .i18n import _
    from .storage.data_folder import DataFolder
    from .storage.errors import FolderLocked, StorageError
    from .ui.wiring import WindowParts
    from .ui.widgets.storage_messages import explain
    from .ui.widgets import look
    from .ui.application.termination import TerminationWatch

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    if language is not None:      # chosen by the command line (--lang, the setting, the system)
        from .ui.application import qt_language

        qt_language.apply(app, language)
    watch = TerminationWatch(app)   # from here on, SIGTERM at any moment saves and leaves
    try:
        if background and not folder.exists():
            return 0                # started at login for a folder that is not there (moved, unplugged): nothing made
        unlocked_at_start = unlock_at_start(app, folder, watch, minimized=background)
        if unlocked_at_start is False:
            return 0                # the lock screen was closed: nothing of the person's was read
        try:
            data = DataFolder.open(folder)
        except FolderLocked as error:
            if background:
                return 0        # already open for this folder: it keeps the promise itself
            look.apply(app)
            from .ui.application.single_instance import ask_running_to_show, pause_request

            shown = ask_running_to_show(folder, timeout_ms=ASK_RUNNING_MS,
                                        request=pause_request(pause_minutes) if open_pause else None)
            if shown and open_pause:
                what = _("its window shows the pause (a pause already running keeps its time)")
            elif shown:
                what = _("its window was asked to come forward")
            else:
                what = _("its window could not be reached")
            print(_("goldseam: Goldseam is already open for {folder}; {what}").format(folder=folder, what=what),
                  file=sys.stderr)
            if not shown:       # raised, the open window says it all; otherwise say why nothing opens
                from PySide6.QtWidgets import QMessageBox

                explanation = explain(error)
                QMessageBox.information(None, explanation.title, explanation.body)
            return 0 if shown else 1        # the open window answered: what was asked for is done
        except StorageError as error:
            from PySide6.QtWidgets import QMessageBox

            look.apply(app)
            explanation = explain(error)
            print(f"goldseam: {error}", file=sys.stderr)
            QMessageBox.warning(None, explanation.title, explanation.body)
            return 1

        # Light or dark as chosen, once, before the window is built (the settings keep the choice).
        from .core.preferences import Preferences
        from .ui.settings.kept_settings import KeptSettings

        look.apply(app, Preferences.from_settings(KeptSettings(data.settings).get).theme)
        parts = None
        try:
            parts = WindowParts(data)
            window = parts.window
            watch.before_exit(window.flush)
            app.aboutToQuit.connect(window.flush)
            if background and not parts.due_now():
                set_icon(app)                   # the tray shows it
                if not parts.stay.stay_from_start():
                    return 0                    # nothing promised: no window at login
                QTimer.singleShot(AFTER_PAINT_DELAY_MS, lambda: after_first_paint(app, parts, folder))
                return 0 if watch.ending else app.exec()
            window.show()
            if unlocked_at_start is not True:   # opened with a passphrase: say so (the window alone was silent)
                from .ui.widgets.accessible import say

                say(window, _("Goldseam is open again."))
            QTimer.singleShot(AFTER_PAINT_DELAY_MS, lambda: after_first_paint(app, parts, folder))
            # Each step may wait in a modal dialog; a SIGTERM there ends the dialog, and no
            # later step (nor the main loop) may start after it.
            steps = [offer_restores, warn_if_read_only]
            if isinstance(unlocked_at_start, str):      # opened with the recovery key: a new passphrase now
                steps.append(lambda _w, _data: parts.ask_for_new_passphrase(unlocked_at_start))
            if open_repair:
                steps.append(lambda w, _data: w.begin_repair())
            if open_pause:
                steps.append(lambda w, _data: w.take_pause(pause_minutes))
            if open_review:
                steps.append(lambda w, _data: w.look_back())
            steps.append(lambda w, d: show_welcome_once(w, d, watch))
            for step in steps:
                if watch.ending:
                    return 0
                step(window, data)
            return 0 if watch.ending else app.exec()
        finally:
            if parts is not None:
                parts.shutdown()        # storage work still running ends whole, then every part, newest first
            data.close()
    finally:
        watch.close()


def unlock_at_start(app, folder: Path, watch, minimized: bool = False) -> bool | str | None:
    """With the lock on, the lock screen comes first (in the chosen language and look, from the
    settings, which are never sealed). True when there is no lock, None when the passphrase opened
    it, the recovery key when that opened it, False when the lock screen was closed."""
    from .storage import lock_setup
    from .storage.key_file import is_locked

    if not is_locked(folder):
        return True
    from .core.passphrase import no_core_dumps
    from .storage.data_folder import stored_theme
    from .ui.lock.start_lock import StartLockWindow
    from .ui.widgets import look

    no_core_dumps()
    look.apply(app, stored_theme(folder))
    window = StartLockWindow(lambda secret: lock_setup.unlock(folder, secret))
    opened = window.wait(lambda: watch.ending, minimized=minimized)
    recovery = window.unlocker.recovery_used
    window.deleteLater()
    if not opened or watch.ending:
        return False
    return recovery or None


def after_first_paint(app, parts, folder: Path) -> None:
    """What the first paint need not wait for: the icon, listening for a second start, and the
    screens a screen reader would otherwise hear being built."""
    if parts.ended:
        return                  # quit before the first paint was done: nothing more starts
    forget_read_sources()
    parts.add_quit_key()
    set_icon(app)
    parts.listen_for_second_start(folder)
    parts.window.build_screens_ahead()


def forget_read_sources() -> None:
    """PySide's import hook reads the source of every module imported after it (to see whether it
    asks for a `__feature__`) and linecache keeps every line: 2 MiB of text, 3-4 MiB of memory
    that the work after the first paint (the journal's index check) can use instead. A traceback
    reads them again when it needs them."""
    import linecache

    linecache.clearcache()


def set_icon(app) -> None:
    """Goldseam's icon for its windows and its tray icon."""
    from PySide6.QtGui import QIcon

    icon = resources.resource_path("icons/goldseam.svg")
    if icon.exists() and app.windowIcon().isNull():
        app.setWindowIcon(QIcon(str(icon)))


def offer_restores(window, data) -> None:
    """Tell the person about any file that was set aside, and offer its backup. "Not now"
    keeps the backup: the choice stays on the home screen until it is made."""
    problems = list(data.problems)
    if not problems:
        return          # the usual start: nothing imported (this runs before the first paint)
    from PySide6.QtWidgets import QMessageBox

    from .i18n import _
    from .storage.errors import StorageError
    from .ui.widgets.storage_messages import explain

    for problem in problems:
        explanation = explain(problem)
        if problem.backup is None:
            QMessageBox.information(window, explanation.title, explanation.body)
            continue
        box = QMessageBox(QMessageBox.Icon.Information, explanation.title, explanation.body,
                          parent=window)
        restore = box.addButton(_("Restore the backup"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.exec()
        if box.clickedButton() is restore:
            try:
                data.restore(problem.path.name)
            except StorageError as error:
                again = explain(error)
                QMessageBox.information(window, again.title, again.body)
    window.show_home()


def warn_if_read_only(window, data) -> None:
    """A journal from a newer Goldseam is shown, never changed: say so once, up front."""
    read_only = list(data.read_only_files)
    if not read_only:
        return          # the usual start: the dialogs are not imported before the first paint
    from .storage.errors import ReadOnlyFile
    from .ui.widgets.dialogs import tell
    from .ui.widgets.storage_messages import explain

    for path in read_only:
        tell(window, explain(ReadOnlyFile(path, 0)))


def show_welcome_once(window, data, watch=None) -> None:
    """The welcome and safety note, until the person has read it: closed with "I understand",
    not with Escape, nor cut short by a logout."""
    if data.settings.get(WELCOME_SEEN, False):
        return                  # before any import: this runs before the first paint
    from PySide6.QtWidgets import QDialog

    from .storage.errors import StorageError
    from .ui.home.welcome_dialog import WelcomeDialog

    _wait_until_placed(window, watch)
    understood = WelcomeDialog(window).exec() == QDialog.DialogCode.Accepted
    if not understood or (watch is not None and watch.ending):
        return
    try:
        data.settings.set(WELCOME_SEEN, True)
    except StorageError:
        pass  # shown again next time; nothing private is at stake


def _wait_until_placed(window, watch=None, limit_ms: int = 1000) -> None:
    """Let the window manager place the window first, so the welcome opens centred on it."""
    import time

    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + limit_ms / 1000
    handle = window.windowHandle()
    while (handle is not None and not handle.isExposed() and time.monotonic() < deadline
           and not (watch is not None and watch.ending)):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
