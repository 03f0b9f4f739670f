"""The screen-reader walk beside the repair (atspi_client.py runs these after saving): the
breathing guide from home (a pattern chosen by keyboard, a while of listening untouched, Stop)
and a pause taken from home (its countdown listened to, back home, the pause's banner)."""

from __future__ import annotations

import time

import pyatspi

from atspi_client import (ALONE_QUIET_WINDOW, BREATHING_WINDOW, KEY_DOWN, KEY_TAB, SETTLE, STEP_WAIT, WANTED_PATTERN,
                          WalkError, control, do_action, find, focused, key, press, pump, simple, wait_for)


class BesideRepair:
    """Mixed into the walk: needs its ear, report, screen(), change(), go_home(),
    start_one_minute_pause() and listen_to_countdown()."""

    # -- breathing, from home -------------------------------------------------------------

    def breathe(self, frame) -> None:
        """Home -> Breathe: the screen read, the box pattern chosen by keyboard, Start pressed,
        and BREATHING_WINDOW seconds of listening; then Stop and back home."""
        self.change("home -> breathe", ("Breathe",), lambda: control(frame, "Start breathing"),
                    "the breathing screen", "Breathe", frame)
        self.screen("breathe", frame)
        pattern = self.choose_pattern(frame, WANTED_PATTERN)
        start = wait_for(lambda: control(frame, "Start breathing"), STEP_WAIT, "\"Start breathing\"")
        do_action(start, "SetFocus")             # where a keyboard user stands to press it
        wait_for(lambda: focused(start), STEP_WAIT, "\"Start breathing\" to take the focus")
        pump(SETTLE)
        self.ear.phase = "breathing"
        pressed = time.monotonic()
        press(start)
        pump(BREATHING_WINDOW)
        ended = time.monotonic()
        self.ear.phase = "after breathing"
        events = [dict(e, at=round(e["time"] - pressed, 2)) for e in self.ear.during("breathing")]
        self.report["breathing"] = {"pattern": pattern, "seconds": round(ended - pressed, 2), "events": events}
        self.screen(f"breathe (breathing: {pattern})", frame)
        stop = wait_for(lambda: control(frame, "Stop"), STEP_WAIT, "\"Stop\" while breathing")
        self.ear.phase = "stopping the breathing"
        press(stop)
        wait_for(lambda: control(frame, "Start breathing"), STEP_WAIT, "\"Start breathing\" after Stop")
        pump(SETTLE)
        self.report["breathing"]["after_stop"] = self.ear.during("stopping the breathing")
        self.screen("breathe (stopped)", frame)
        self.go_home(frame, "breathe -> home", "Back home")

    def choose_pattern(self, frame, wanted: str) -> str:
        """As a keyboard user does: into the minutes box, Shift+Tab to the pattern box, Down
        until it says `wanted`. The pattern the box names in the end (kept if keys fail)."""
        def combo():
            return find(frame, lambda a: a.getRole() == pyatspi.ROLE_COMBO_BOX)

        box = wait_for(combo, STEP_WAIT, "the breathing pattern box")
        self.ear.phase = "choosing a pattern"
        try:
            minutes = wait_for(lambda: find(frame, lambda a: a.getRole() == pyatspi.ROLE_SPIN_BUTTON),
                               STEP_WAIT, "the minutes box of the breathing guide")
            do_action(minutes, "SetFocus")
            wait_for(lambda: focused(minutes), STEP_WAIT, "the minutes box to take the focus")
            key(KEY_TAB, shift=True)
            wait_for(lambda: focused(box), STEP_WAIT, "Shift+Tab to reach the pattern box")
            for _ in range(4):
                if simple(box.name or "") == simple(wanted):
                    break
                before = box.name
                key(KEY_DOWN)
                wait_for(lambda: box.name != before, 2, "Down to change the pattern")
        except WalkError as error:
            self.report["pattern_choice"] = f"could not choose {wanted!r} by keyboard: {error}"
        pump(SETTLE)
        return box.name or ""

    # -- a pause, from home -----------------------------------------------------------------

    def pause_alone(self, frame) -> None:
        """Home -> Take a pause: the screen read, a one-minute pause started and its countdown
        heard for a while, then back home, where the pause's banner is read."""
        self.change("home -> a pause", ("Take a pause",), lambda: control(frame, "Start the pause"),
                    "the pause screen", "A pause", frame)
        self.screen("a pause from home", frame)
        self.start_one_minute_pause(frame, "starting the pause from home")
        wait_for(lambda: control(frame, "I'm back"), STEP_WAIT, "the running pause")
        pump(SETTLE)
        self.screen("a pause from home (running)", frame)
        self.report["pause_quiet"] = self.listen_to_countdown(frame, "the pause from home counting down",
                                                              ALONE_QUIET_WINDOW)
        self.go_home(frame, "a pause -> home", "Back home")
        wait_for(lambda: control(frame, "Go to the pause"), STEP_WAIT, "home's pause banner")
        self.screen("home (a pause running)", frame)
