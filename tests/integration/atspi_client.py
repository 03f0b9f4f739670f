#!/usr/bin/python3
"""The screen reader's side of the walk (tests/integration/test_screen_reader_walk.py).

Runs under the system Python with pyatspi, talks to a running Goldseam over AT-SPI only,
drives it the way a screen-reader user does (AT-SPI actions on buttons, a value on the spin
box, a few keys through AT-SPI's keyboard where only a key will do) and writes down what it
hears: every object on each screen (role, name, text, states), the announcements and focus
moves around each step change, what is said while a pause counts down (in the wizard and on a
pause taken from home), and what is said while the breathing guide runs. It judges nothing;
the test does, from the JSON report written to --out.

One thing AT-SPI cannot tell: what a label shows. Qt 6.11 gives labels no Text interface, so
a fixed accessible name hides the visible text completely. For labels without a Text
interface the walk asks the app's probe socket (tests/integration/walk_app.py) for the text
on screen, by the object's AT-SPI id.
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import sys
import time

import probe_wire   # beside this file: its folder is on sys.path when run as a script
import pyatspi
from gi.repository import Atspi, GLib

SETTLE = 0.6          # after a change is seen on screen: time for a second (repeated) announcement
LATE = 2.0            # how long a step change may take to announce itself
QUIET_WINDOW = 3.2    # the pause counts down this long with nobody touching anything
COUNTDOWN_WAIT = 30.0     # and on, on a busy machine, until a time on screen has moved
ALONE_QUIET_WINDOW = 3.2      # the pause taken from home counts down this long, untouched
BREATHING_WINDOW = 9.5        # the guide runs untouched this long: in, hold, out heard (the walk had grown)
WANTED_PATTERN = "Box breathing"    # phases of 4 s: in, hold and out within the window (rest comes at 12 s)
KEY_DOWN, KEY_TAB, SHIFT_MASK = 0xFF54, 0xFF09, 1
STEP_WAIT = 6.0
APP_WAIT = 25.0
COUNTDOWN = re.compile(r"\b\d{1,2}:\d{2}\b")

LABEL_ROLES = {pyatspi.ROLE_LABEL, pyatspi.ROLE_HEADING}
if hasattr(pyatspi, "ROLE_STATIC"):
    LABEL_ROLES.add(pyatspi.ROLE_STATIC)
PRESSABLE = {pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_CHECK_BOX,
             pyatspi.ROLE_TOGGLE_BUTTON}


class WalkError(Exception):
    """The walk could not go on (a screen or a control it needs did not appear)."""


def pump(seconds: float = 0.0) -> None:
    """Let AT-SPI deliver what arrived (events are dispatched from the GLib main context)."""
    context = GLib.MainContext.default()
    deadline = time.monotonic() + seconds
    while True:
        while context.pending():
            context.iteration(False)
        if time.monotonic() >= deadline:
            return
        time.sleep(0.02)


APP_PID = None        # set once known: a wait ends at once when the app is gone


def app_alive() -> bool:
    try:
        with open(f"/proc/{APP_PID}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return False


def wait_for(find, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while True:
        if APP_PID is not None and not app_alive():
            raise WalkError(f"the app exited (or crashed) while the walk waited for {what}")
        pump()
        found = find()
        if found:
            return found
        if time.monotonic() >= deadline:
            raise WalkError(f"waited {timeout:.0f} s for {what}")
        pump(0.1)


def simple(text: str) -> str:
    """For finding a control by what it is called: no case, mnemonics, curly quotes or extra spaces."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("&", "")
    return " ".join(text.split()).casefold()


# -- reading objects ----------------------------------------------------------------------

def states_of(acc) -> set:
    try:
        return set(acc.getState().getStates())
    except Exception:
        return set()


def showing(acc) -> bool:
    return pyatspi.STATE_SHOWING in states_of(acc)


def children(acc) -> list:
    try:
        count = acc.childCount
    except Exception:
        return []
    found = []
    for index in range(count):
        try:
            child = acc.getChildAtIndex(index)
        except Exception:
            continue
        if child is not None:
            found.append(child)
    return found


def shown_objects(root):
    """Every object on screen under root (a hidden object hides what it contains), in reading order."""
    stack = [root]
    while stack:
        acc = stack.pop()
        if not showing(acc):
            continue
        yield acc
        stack.extend(reversed(children(acc)))


def text_of(acc) -> str | None:
    """What the Text interface holds, or None when the object has none."""
    try:
        text = acc.queryText()
    except NotImplementedError:
        return None
    except Exception:
        return None
    try:
        return text.getText(0, -1)
    except Exception:
        return None


def object_id(acc) -> str:
    """Qt's unique id of the object: the last part of its AT-SPI object path."""
    return str(getattr(acc, "path", "") or "").rsplit("/", 1)[-1]


def find(root, test):
    for acc in shown_objects(root):
        try:
            if test(acc):
                return acc
        except Exception:
            continue
    return None


def control(root, *names: str):
    """A shown, enabled button (push, radio, check) called one of `names`; exact names first."""
    wanted = [simple(n) for n in names]

    def called(acc, exact: bool) -> bool:
        if acc.getRole() not in PRESSABLE or pyatspi.STATE_SENSITIVE not in states_of(acc):
            return False
        name = simple(acc.name or "")
        return any(name == w if exact else name.startswith(w) for w in wanted)

    return find(root, lambda a: called(a, True)) or find(root, lambda a: called(a, False))


def press(acc) -> None:
    action = acc.queryAction()
    names = [action.getName(i).lower() for i in range(action.nActions)]
    for wanted in ("press", "click", "toggle", "activate"):
        if wanted in names:
            action.doAction(names.index(wanted))
            return
    if not names:
        raise WalkError(f"{acc.getRoleName()} {acc.name!r} has no action")
    action.doAction(0)


def window(app, role):
    for candidate in children(app):
        try:
            if candidate.getRole() == role and showing(candidate):
                return candidate
        except Exception:
            continue                     # a window closing while it is looked at
    return None


def do_action(acc, wanted: str) -> None:
    """The object's action called `wanted` (Qt offers "SetFocus" on what can take focus)."""
    action = acc.queryAction()
    names = [action.getName(i).lower() for i in range(action.nActions)]
    if wanted.lower() not in names:
        raise WalkError(f"{acc.getRoleName()} {acc.name!r} has no {wanted!r} action (it has {names})")
    action.doAction(names.index(wanted.lower()))


def key(keysym: int, shift: bool = False) -> None:
    """One key pressed and released through AT-SPI's keyboard (XTest under X11)."""
    if shift:
        Atspi.generate_keyboard_event(SHIFT_MASK, None, Atspi.KeySynthType.LOCKMODIFIERS)
    try:
        Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)
    finally:
        if shift:
            Atspi.generate_keyboard_event(SHIFT_MASK, None, Atspi.KeySynthType.UNLOCKMODIFIERS)


def groups_around(acc) -> list[str]:
    """The names of the named groups (panels) the object sits in, nearest first: a screen
    reader says them as the focus enters them (Orca reads "Step 2 of 5: ... panel")."""
    names = []
    try:
        parent = acc.parent
        for _ in range(16):
            if parent is None or parent.getRole() in (pyatspi.ROLE_FRAME, pyatspi.ROLE_DIALOG):
                break
            if parent.getRole() == pyatspi.ROLE_PANEL and parent.name:
                names.append(parent.name)
            parent = parent.parent
    except Exception:
        pass
    return names


def focused(acc) -> bool:
    return pyatspi.STATE_FOCUSED in states_of(acc)


# -- what is heard ------------------------------------------------------------------------

class Ear:
    """Announcements and focus moves, each tagged with the phase of the walk it came in."""

    def __init__(self):
        self.timeline: list[tuple[str, float]] = []     # each phase and when it began: where the time goes
        self.phase = "start"
        self.events: list[dict] = []

    @property
    def phase(self) -> str:
        return self._phase

    @phase.setter
    def phase(self, value: str) -> None:
        self._phase = value
        self.timeline.append((value, round(time.monotonic(), 3)))

    def __call__(self, event) -> None:
        if event.type == "object:announcement":
            kind, message = "announcement", str(event.any_data) if event.any_data is not None else ""
        elif event.type.startswith("object:state-changed:showing"):
            # What the app says arrives as a notification appearing (Orca 43 hears no announcement).
            try:
                notification = event.detail1 and event.source.getRole() == pyatspi.ROLE_NOTIFICATION
                message = event.source.name or "" if notification else None
            except Exception:
                return
            if not notification:
                return
            kind = "announcement"
        elif event.type.startswith("object:state-changed:focused"):
            if not event.detail1:
                return
            kind, message = "focus", None
        else:
            return
        role = name = ""
        try:
            role, name = event.source.getRoleName(), event.source.name or ""
        except Exception:
            pass
        self.events.append({"phase": self.phase, "kind": kind, "role": role, "name": name,
                            "message": message, "time": round(time.monotonic(), 3),
                            "within": groups_around(event.source) if kind == "focus" else []})

    def during(self, phase: str) -> list[dict]:
        return [e for e in self.events if e["phase"] == phase]


# Run as a script, this module is __main__: atspi_beside_repair and atspi_more_screens import its
# helpers from this very module (one APP_PID, one set of helpers), which is why the imports come
# after them.
sys.modules.setdefault("atspi_client", sys.modules[__name__])
from atspi_beside_repair import BesideRepair  # noqa: E402
from atspi_more_screens import MoreScreens  # noqa: E402
from atspi_lock import LockWalk  # noqa: E402


class Walk(BesideRepair, MoreScreens, LockWalk):
    def __init__(self, app, ear: Ear, probe_path: str, titles: list[str], report: dict):
        self.app = app
        self.ear = ear
        self.probe_path = probe_path
        self.titles = titles
        self.report = report

    # -- recording ------------------------------------------------------------------------

    def screen(self, label: str, root) -> dict:
        pump(0.1)
        nodes, wanted = [], []
        for acc in shown_objects(root):
            try:
                role, name = acc.getRole(), acc.name or ""
            except Exception:
                continue
            states = states_of(acc)
            node = {"role": acc.getRoleName(), "name": name, "text": text_of(acc), "shown": None, "class": None,
                    "label": role in LABEL_ROLES, "id": object_id(acc),
                    "focusable": pyatspi.STATE_FOCUSABLE in states,
                    "focused": pyatspi.STATE_FOCUSED in states,
                    "checked": pyatspi.STATE_CHECKED in states}
            node["button"] = role in PRESSABLE
            if node["label"] or node["button"] or (node["focusable"] and not name.strip()):
                wanted.append(node["id"])      # its text on screen, and which widget it is
            nodes.append(node)
        shown = self.ask_probe(wanted) if wanted else {}
        for node in nodes:
            found = shown.get(node["id"])
            if found is not None:
                node["shown"], node["class"] = found.get("text"), found.get("class")
                node["name_with_shown"] = found.get("name")
        record = {"screen": label, "nodes": nodes}
        self.report["screens"].append(record)
        return record

    def ask_probe(self, ids: list[str]) -> dict:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(10)
            conn.connect(self.probe_path)
            probe_wire.send(conn, ids)
            return probe_wire.receive(conn, {})

    def change(self, label: str, button_names: tuple[str, ...], arrived, what: str, title: str | None,
               root) -> None:
        """Press a button that changes the step, wait for the new step, keep what was heard."""
        button = wait_for(lambda: control(root, *button_names), STEP_WAIT, f"a button called {button_names[0]!r}")
        pump()
        self.ear.phase = label
        press(button)
        wait_for(arrived, STEP_WAIT, what)
        # Give a late announcement (one sent from a timer) time to come, then time for a double.
        deadline = time.monotonic() + LATE
        while time.monotonic() < deadline and not any(e["kind"] == "announcement" for e in self.ear.during(label)):
            pump(0.05)
        pump(SETTLE)
        self.ear.phase = "after " + label
        self.report["changes"].append({"change": label, "title": title, "events": self.ear.during(label)})

    def on_step(self, root, index: int):
        title, counter = simple(self.titles[index]), f"step {index + 1} of {len(self.titles)}"
        return find(root, lambda a: a.getRole() in LABEL_ROLES and (simple(a.name or "") == title
                                                                   or counter in simple(a.name or "")))

    # -- the walk ---------------------------------------------------------------------------

    def run(self) -> None:
        app = self.app
        dialog = wait_for(lambda: window(app, pyatspi.ROLE_DIALOG), APP_WAIT, "the first-run welcome dialog")
        wait_for(lambda: control(dialog, "I understand"), STEP_WAIT, "the welcome's \"I understand\" button")
        self.screen("welcome", dialog)
        self.ear.phase = "closing the welcome"
        press(control(dialog, "I understand"))
        frame = wait_for(lambda: window(app, pyatspi.ROLE_FRAME) if window(app, pyatspi.ROLE_DIALOG) is None else None,
                         STEP_WAIT, "the welcome to close")
        wait_for(lambda: control(frame, "Begin a repair"), STEP_WAIT, "the home screen's \"Begin a repair\"")
        pump(SETTLE)
        self.screen("home (first start)", frame)

        titles = self.titles
        self.change("home -> step 1", ("Begin a repair",), lambda: self.on_step(frame, 0),
                    f"step 1 ({titles[0]!r})", titles[0], frame)
        self.screen(f"step 1: {titles[0]}", frame)
        self.next_step(frame, 1)
        self.screen(f"step 2: {titles[1]} (choosing)", frame)
        self.pause(frame)
        self.next_step(frame, 2)
        self.screen(f"step 3: {titles[2]}", frame)
        self.next_step(frame, 3)
        self.screen(f"step 4: {titles[3]}", frame)
        later = wait_for(lambda: control(frame, "I'll say it later"), STEP_WAIT, "\"I'll say it later\"")
        self.ear.phase = "choosing later"
        press(later)
        wait_for(lambda: pyatspi.STATE_CHECKED in states_of(later), STEP_WAIT, "\"I'll say it later\" to be checked")
        pump(SETTLE)
        self.screen(f"step 4: {titles[3]} (\"I'll say it later\" chosen)", frame)
        self.next_step(frame, 4)
        self.screen(f"step 5: {titles[4]}", frame)
        self.change("saving (step 5 -> home)", ("Save this moment",),
                    lambda: control(frame, "Begin a repair"), "the home screen after saving", None, frame)
        self.screen("home after saving", frame)
        self.breathe(frame)
        self.pause_alone(frame)
        self.more_screens(frame)

    def next_step(self, frame, index: int) -> None:
        self.change(f"step {index} -> step {index + 1}", ("Next step", "Next"), lambda: self.on_step(frame, index),
                    f"step {index + 1} ({self.titles[index]!r})", self.titles[index], frame)

    def start_one_minute_pause(self, frame, phase: str) -> None:
        """Set the pause's minutes box to 1 and press "Start the pause", listening as `phase`."""
        box = wait_for(lambda: find(frame, lambda a: a.getRole() == pyatspi.ROLE_SPIN_BUTTON),
                       STEP_WAIT, "the minutes box of the pause")
        box.queryValue().currentValue = 1.0
        wait_for(lambda: box.queryValue().currentValue == 1.0, STEP_WAIT, "the minutes box to say 1")
        start = wait_for(lambda: control(frame, "Start the pause"), STEP_WAIT, "\"Start the pause\"")
        self.ear.phase = phase
        press(start)

    def pause(self, frame) -> None:
        """Step 2: a one-minute pause, its countdown heard for a few seconds, then "I'm back"."""
        self.start_one_minute_pause(frame, "starting the pause")

        def countdown():
            return find(frame, lambda a: COUNTDOWN.search(a.name or "") or COUNTDOWN.search(text_of(a) or ""))

        wait_for(lambda: countdown() or control(frame, "I'm back"), STEP_WAIT, "the running pause")
        pump(SETTLE)
        self.screen(f"step 2: {self.titles[1]} (pause running)", frame)
        self.report["quiet"] = self.listen_to_countdown(frame, "pause counting down", QUIET_WINDOW)
        back = wait_for(lambda: control(frame, "I'm back"), STEP_WAIT, "\"I'm back\"")
        self.ear.phase = "coming back"
        press(back)
        # In its first minute the pause asks before it ends (a stray second Enter ended it); on a
        # machine so slow that the minute is over, it ends at once.
        wait_for(lambda: control(frame, "End the pause") or control(frame, "I'm back") is None, STEP_WAIT,
                 "the question in the pause's first minute, or its end")
        end = control(frame, "End the pause")
        if end is not None:
            pump(SETTLE)
            self.screen(f"step 2: {self.titles[1]} (asked whether to end it)", frame)
            self.ear.phase = "ending the pause"
            press(end)
        wait_for(lambda: control(frame, "I'm back") is None, STEP_WAIT, "the pause to end after \"End the pause\"")
        pump(SETTLE)
        self.screen(f"step 2: {self.titles[1]} (back from the pause)", frame)


    def listen_to_countdown(self, frame, phase: str, seconds: float) -> dict:
        """Nobody touching anything for `seconds` while a pause counts down: what is said, and
        the times on screen at the start and the end."""
        self.ear.phase = phase
        started = time.monotonic()
        first = self.times_shown(frame)
        pump(seconds)
        last = self.times_shown(frame)

        def shown(objects):
            return [(o["name"], o["text"]) for o in objects]

        # A busy machine can hold the app's second back: listen on (a limit, not a tolerance)
        # until a time on screen has moved on, as it does within a second or two at rest.
        while shown(last) == shown(first) and time.monotonic() - started < COUNTDOWN_WAIT:
            pump(0.5)
            last = self.times_shown(frame)
        heard = {"seconds": round(time.monotonic() - started, 2), "events": self.ear.during(phase),
                 "first": first, "last": last}
        self.ear.phase = "after " + phase
        return heard

    def go_home(self, frame, label: str, button_name: str) -> None:
        """"Back home" from a screen beside the repair (not judged as a step change)."""
        button = wait_for(lambda: control(frame, button_name), STEP_WAIT, f"{button_name!r}")
        self.ear.phase = label
        press(button)
        wait_for(lambda: control(frame, "Begin a repair"), STEP_WAIT, "the home screen")
        pump(SETTLE)
        self.ear.phase = "after " + label

    @staticmethod
    def times_shown(root) -> list[dict]:
        """Every object whose name or text holds a time like 00:57, read now."""
        found = []
        for acc in shown_objects(root):
            name, text = acc.name or "", text_of(acc)
            if COUNTDOWN.search(name) or COUNTDOWN.search(text or ""):
                found.append({"id": object_id(acc), "role": acc.getRoleName(), "name": name, "text": text})
        return found


def find_app(pid: int):
    desktop = pyatspi.Registry.getDesktop(0)

    def look():
        for app in children(desktop):
            try:
                if app.get_process_id() == pid:
                    return app
            except Exception:
                continue
        return None

    app = wait_for(look, APP_WAIT, f"the app (pid {pid}) on the AT-SPI bus")
    # No cached names or states: every look goes to the app, so nothing read is stale.
    app.set_cache_mask(Atspi.Cache.NONE)
    app.clear_cache()
    return app


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--probe", required=True)
    parser.add_argument("--titles", required=True, help="the five step titles, as a JSON list")
    parser.add_argument("--out", required=True)
    parser.add_argument("--lock", metavar="PASSPHRASE", help="walk the lock screen of a locked journal instead")
    args = parser.parse_args()

    global APP_PID
    APP_PID = args.pid
    report: dict = {"screens": [], "changes": [], "results": [], "quiet": None, "pause_quiet": None, "breathing": None,
                    "pattern_choice": None, "error": None, "where": None,
                    "announcements": [], "focus": []}
    ear = Ear()
    try:
        pyatspi.Registry.registerEventListener(ear, "object:announcement", "object:state-changed:focused",
                                               "object:state-changed:showing")
        app = find_app(args.pid)
        walk = Walk(app, ear, args.probe, json.loads(args.titles), report)
        walk.lock_walk(args.lock) if args.lock else walk.run()
    except WalkError as error:
        report["error"] = str(error)
    finally:
        report["announcements"] = [e for e in ear.events if e["kind"] == "announcement"]
        report["focus"] = [e for e in ear.events if e["kind"] == "focus"]
        report["where"] = ear.phase
        report["timeline"] = [(phase, round(at - ear.timeline[0][1], 2)) for phase, at in ear.timeline]
        with open(args.out, "w", encoding="utf-8") as out:
            json.dump(report, out, indent=1, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
