"""The screen-reader walk of the lock (atspi_client.py --lock PASSPHRASE): Goldseam starting with the
lock on, as a screen-reader user meets it. The lock screen at start (its heading, its named field), a
wrong passphrase (said once), the right one (home comes), then Esc pressed twice (the real keys): the
lock screen again, and no word of the person's on anything a screen reader can reach."""

from __future__ import annotations

import pyatspi

from atspi_client import (APP_WAIT, LABEL_ROLES, SETTLE, STEP_WAIT, control, find, focused, key, pump, simple,
                          wait_for, window)

KEY_ESCAPE = 0xFF1B


def locked_heading(root):
    return find(root, lambda a: a.getRole() in LABEL_ROLES and simple(a.name or "") == "goldseam is locked")


def passphrase_field(root):
    return find(root, lambda a: a.getRole() in (pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_TEXT)
                and simple(a.name or "") == "passphrase")


class LockWalk:
    """Mixed into the walk: needs its app, ear, report, screen() and act()."""

    def lock_walk(self, passphrase: str) -> None:
        app = self.app
        frame = wait_for(lambda: window(app, pyatspi.ROLE_FRAME), APP_WAIT, "the window with the lock screen")
        wait_for(lambda: locked_heading(frame), STEP_WAIT, "the heading \"Goldseam is locked\"")
        field = wait_for(lambda: passphrase_field(frame), STEP_WAIT, "the passphrase field")
        wait_for(lambda: focused(field), STEP_WAIT, "the passphrase field to have the focus")
        pump(SETTLE)
        self.screen("lock screen at start", frame)
        self.report["lock_start_title"] = frame.name

        def type_and_open(text: str):
            def do():
                for ch in text:     # real keys (XTest), as a person types: the field decides what is told
                    key(ord(ch))
                pump(0.1)
                key(0xFF0D)         # Return in the field, as a person opens it
            return do

        heard_text: list[str] = []

        def text_event(event) -> None:
            try:
                heard_text.append(str(event.any_data or ""))
                heard_text.append(event.source.queryText().getText(0, -1) or "")
            except Exception:
                pass
        pyatspi.Registry.registerEventListener(text_event, "object:text-changed", "object:text-caret-moved")

        self.act("lock: a wrong passphrase", type_and_open("not the passphrase at all"),
                 lambda: find(frame, lambda a: a.getRole() in LABEL_ROLES and "does not open" in simple(a.name or "")),
                 "what a wrong passphrase says", "once")
        self.screen("lock screen after a wrong passphrase", frame)
        wait_for(lambda: focused(field), STEP_WAIT, "the field to have the focus again")
        self.ear.phase = "lock: the right passphrase"
        type_and_open(passphrase)()
        home = wait_for(lambda: next((w for w in [window(app, pyatspi.ROLE_FRAME)]
                                      if w is not None and control(w, "Begin a repair")), None),
                        APP_WAIT, "home after the passphrase")
        pump(SETTLE)
        self.screen("home after unlocking", home)
        start = control(home, "Begin a repair")
        wait_for(lambda: focused(start) or True, STEP_WAIT, "home")
        self.act("Esc twice on home", lambda: (key(KEY_ESCAPE), key(KEY_ESCAPE)),
                 lambda: locked_heading(home), "the lock screen after Esc twice", "at most once")
        wait_for(lambda: passphrase_field(home) and focused(passphrase_field(home)), STEP_WAIT,
                 "the passphrase field to have the focus after hiding")
        self.screen("lock screen after Esc twice", home)
        self.report["lock_title"] = home.name
        pyatspi.Registry.deregisterEventListener(text_event, "object:text-changed", "object:text-caret-moved")
        words = [w for w in passphrase.split() if len(w) > 3]
        self.report["passphrase_heard"] = [t for t in heard_text if any(w in t for w in words)]
        self.report["text_events"] = len(heard_text)
