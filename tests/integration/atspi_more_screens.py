"""The screen-reader walk beyond the repair, the pause and breathing (atspi_client.py runs
these after them): the look back (the list of moments, one opened with the keyboard, What has
grown, Your phrases), the settings (their three pages, Back up now, the restore dialog), the
keys page (F1) and About (from the Help menu).

Each screen is recorded as the rest of the walk records it; each action that should say its
result says it once (`report["results"]`, judged by the test), and an action that only shows
something says at most one thing.
"""

from __future__ import annotations

import time

import pyatspi

from atspi_client import (LABEL_ROLES, SETTLE, STEP_WAIT, children, control, do_action, find, focused,
                          key, press, pump, showing, simple, text_of, wait_for)

KEY_F1, KEY_DOWN, KEY_RETURN = 0xFFBE, 0xFF54, 0xFF0D
RESULT_WAIT = 2.0       # a result said from a timer or a worker comes within this


def dialog_with(app, *names: str):
    """A shown dialog of the app that holds a control called one of `names`."""
    for window in children(app):
        try:
            if window.getRole() == pyatspi.ROLE_DIALOG and showing(window) and control(window, *names):
                return window
        except Exception:
            continue
    return None


def tab(root, name: str):
    wanted = simple(name)
    return find(root, lambda a: a.getRole() == pyatspi.ROLE_PAGE_TAB and simple(a.name or "") == wanted)


def labelled(root, text: str):
    wanted = simple(text)
    return find(root, lambda a: a.getRole() in LABEL_ROLES and wanted in simple(a.name or text_of(a) or ""))


class MoreScreens:
    """Mixed into the walk: needs its app, ear, report, screen() and go_home()."""

    def act(self, label: str, do, arrived, what: str, expect: str) -> None:
        """Do something, wait for what it shows, keep what was heard meanwhile: `expect` is
        "once" (a result that must be said) or "at most once" (a change shown on screen)."""
        pump()
        self.ear.phase = label
        do()
        wait_for(arrived, STEP_WAIT, what)
        deadline = time.monotonic() + (RESULT_WAIT if expect == "once" else 0)
        while time.monotonic() < deadline and not any(e["kind"] == "announcement" for e in self.ear.during(label)):
            pump(0.05)
        pump(SETTLE)
        self.ear.phase = "after " + label
        self.report["results"].append({"action": label, "expect": expect, "events": self.ear.during(label)})

    def more_screens(self, frame) -> None:
        self.look_back(frame)
        self.settings(frame)
        self.keys_page(frame)
        self.about(frame)

    # -- the look back ----------------------------------------------------------------------

    def look_back(self, frame) -> None:
        self.change("home -> look back", ("Look back",), lambda: tab(frame, "What has grown"),
                    "the look back", "Look back", frame)
        moments = wait_for(lambda: find(frame, lambda a: a.getRole() in (pyatspi.ROLE_LIST, pyatspi.ROLE_LIST_BOX,
                                                                           pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE)
                                        and simple(a.name or "").startswith("your moments")),
                           STEP_WAIT, "the list of moments")
        wait_for(lambda: labelled(frame, "moments"), STEP_WAIT, "the count of moments")
        self.screen("look back: the moments", frame)

        def open_first():
            do_action(moments, "SetFocus")
            wait_for(lambda: focused(moments), STEP_WAIT, "the list of moments to take the focus")
            key(KEY_DOWN)

        self.act("opening a moment with Down", open_first, lambda: control(frame, "Edit this moment"),
                 "a moment opened to be read (its Edit button)", "at most once")
        self.screen("look back: a moment open", frame)
        self.act("look back: Edit", lambda: press(control(frame, "Edit this moment")),
                 lambda: labelled(frame, "what happened"), "the moment's fields (its 'What happened')",
                 "at most once")
        self.screen("look back: a moment being corrected", frame)

        self.act("look back: What has grown", lambda: press(tab(frame, "What has grown")),
                 lambda: labelled(frame, "moments in the last twelve months"), "What has grown", "at most once")
        pump(SETTLE)
        self.screen("look back: What has grown", frame)
        self.act("look back: Your phrases", lambda: press(tab(frame, "Your phrases")),
                 lambda: control(frame, "Add a phrase", "Add") or labelled(frame, "phrase"), "Your phrases",
                 "at most once")
        self.screen("look back: Your phrases", frame)
        self.go_home(frame, "look back -> home", "Back home from the look back")

    # -- the settings --------------------------------------------------------------------------

    def settings(self, frame) -> None:
        app = self.app
        self.act("home -> settings", lambda: press(control(frame, "Settings")),
                 lambda: dialog_with(app, "Close the settings"), "the settings dialog", "at most once")
        dialog = dialog_with(app, "Close the settings")
        self.screen("settings: Look and language", dialog)
        for page, shown in (("Breathing and pauses", "pause"), ("Your data", "Back up now")):
            self.act(f"settings: {page}", lambda page=page: press(tab(dialog, page)),
                     lambda shown=shown: control(dialog, shown) or labelled(dialog, shown),
                     f"the settings page {page!r}", "at most once")
            self.screen(f"settings: {page}", dialog)

        before = {id(e) for e in self.ear.events}
        self.act("settings: Back up now", lambda: press(control(dialog, "Back up now")),
                 lambda: labelled(dialog, "backed up") or any(id(e) not in before for e in self.ear.events),
                 "what Back up now says", "once")
        self.screen("settings: Your data (backed up)", dialog)

        self.act("settings: Restore from a backup", lambda: press(control(dialog, "Restore from a backup")),
                 lambda: dialog_with(app, "Close without restoring"), "the restore dialog", "at most once")
        restore = dialog_with(app, "Close without restoring")
        wait_for(lambda: labelled(restore, "it holds"), STEP_WAIT, "the preview of the newest backup")
        self.screen("the restore dialog", restore)
        self.ear.phase = "closing the restore dialog"
        press(control(restore, "Close without restoring"))
        wait_for(lambda: dialog_with(app, "Close without restoring") is None, STEP_WAIT, "the restore dialog to close")
        self.ear.phase = "closing the settings"
        press(control(dialog, "Close the settings"))
        wait_for(lambda: dialog_with(app, "Close the settings") is None, STEP_WAIT, "the settings to close")
        wait_for(lambda: control(frame, "Begin a repair"), STEP_WAIT, "home after the settings")
        pump(SETTLE)

    # -- help ------------------------------------------------------------------------------------

    def keys_page(self, frame) -> None:
        start = wait_for(lambda: control(frame, "Begin a repair"), STEP_WAIT, "home's \"Begin a repair\"")
        do_action(start, "SetFocus")
        wait_for(lambda: focused(start), STEP_WAIT, "\"Begin a repair\" to take the focus")
        self.act("F1 on home", lambda: key(KEY_F1), lambda: self.keys_dialog(),
                 "the keys page after F1", "at most once")
        keys = self.keys_dialog()
        self.screen("the keys page (F1)", keys)
        self.ear.phase = "closing the keys page"
        press(control(keys, "Close"))
        wait_for(lambda: self.keys_dialog() is None, STEP_WAIT, "the keys page to close")
        pump(SETTLE)

    def keys_dialog(self):
        for window in children(self.app):
            try:
                if (window.getRole() == pyatspi.ROLE_DIALOG and showing(window)
                        and labelled(window, "works with the keyboard alone")):
                    return window
            except Exception:
                continue
        return None

    def about(self, frame) -> None:
        """Help, then Down to "About Goldseam" and Enter, as a keyboard user opens it; what the
        menu says as each item is reached is kept (`report["help_menu"]`)."""
        app = self.app
        help_button = wait_for(lambda: control(frame, "Help"), STEP_WAIT, "home's Help button")
        self.ear.phase = "the Help menu"
        press(help_button)                          # its one action: show the menu
        pump(SETTLE)
        for _ in range(2):
            key(KEY_DOWN)
            pump(0.3)
        heard = [e for e in self.ear.during("the Help menu") if e["kind"] == "focus"]
        self.report["help_menu"] = [e["name"] for e in heard]
        self.act("Help -> About", lambda: key(KEY_RETURN), lambda: dialog_with(app, "Close"),
                 "the About dialog (Help, Down, Down, Enter)", "at most once")
        about = dialog_with(app, "Close")
        self.screen("about", about)
        self.ear.phase = "closing About"
        press(control(about, "Close"))
        wait_for(lambda: dialog_with(app, "Close") is None, STEP_WAIT, "About to close")
        pump(SETTLE)
