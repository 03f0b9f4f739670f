"""What Debian's Orca (43, the screen reader Debian 12 ships) says, read from its own debug log:
Goldseam runs in a private desktop (Xvfb, openbox, its own D-Bus and AT-SPI bus, see
atspi_session.py) with Orca listening (orca_ear.py), and is driven by keys alone, as a blind
person would, in English and in German (the two at once, each in its own desktop):

- the welcome is read whole, its safety note included;
- Enter on home's first button opens step 1, and Orca says the step's name once as the focus
  enters it ("Step 1 of 5: Notice what happened panel"), then the first field's question;
- "Why this step?" says the step's reason;
- the strength, not rated yet, is read as "Not rated" and without a number (it said "5");
- its first arrow shows it where it rests ("5"), each further step is said once ("6", not
  "6 of 10" and "6");
- a group of choices says its question once as Tab enters it, each choice then only its words;
- checking a sign of flooding says the advice;
- Ctrl+Enter goes to step 2, whose name is said once, with no "layered pane" or "percent";
- a one-minute pause typed into the minutes box and started says the promised return time;
- when the minute is over, Orca says that the time has come, while another application has
  the focus: the call back reaches a person who hears but does not see the screen, busy
  elsewhere; back in Goldseam, "I'm back" says the welcome back;
- steps 3 to 5 are named; "you always" typed in step 3 brings its nudge; Tab into step 4's
  phrases reads the first, Enter says it is chosen as the person's words, Copy says "Copied";
  saving says that the moment is kept;
- a second repair in the same session names its step 1 again (it started in silence);
- the minutes box is read as its label reads ("I will come back in 20 minutes");
- Down in the breathing pattern box says the pattern's name ("Box breathing: in 4 s, ...");
- the breathing guide, one minute long, says its phases once each ("Breathe in", "Breathe
  out"), "Paused", and at its end its closing words, once;
- in the look back, a search that finds nothing says so and clearing it says the count;
  Delete says the undo time and Ctrl+Z says the moment is back;
- Tab into home's Recent moments reads the first moment (it said only "List with 1 item");
- the settings say their name as they open (it said only "Look and language page tab");
- F1 reads the keys page with each group's name and each key (it said neither).

Orca 43 does not hear AT-SPI announcements (Orca 46 and newer do); what Goldseam says goes out
as a notification appearing, which both present once. The AT-SPI walk
(test_screen_reader_walk.py) checks the same news from AT-SPI's side.

Skipped, with the reason, where Orca, speech-dispatcher, xdotool or the walk's desktop are
missing (.ci/run installs them on Debian).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import orca_ear
from atspi_session import Session, private_desktop

pytestmark = pytest.mark.slow

START_WAIT = 60         # Orca's start, the app's first paint, on a busy machine
SPEECH_WAIT = 60        # from a key to what Orca says about it
CALL_WAIT = 150         # a one-minute pause, on a busy machine
NUDGED = "you always"   # typed into step 3: a gentle nudge about "always" is said


def words(code: str) -> dict[str, str]:
    """What Goldseam says at each point, in the language `code`, from its own catalogues."""
    from goldseam import i18n
    from goldseam.core.breathing import BUILT_IN
    from goldseam.core.nudges import find_nudge
    from goldseam.core.phrases import PHRASE_GROUPS
    from goldseam.core.steps import STEPS
    from goldseam.i18n import _, ngettext
    from goldseam.ui.breathing.breathing_guide import closing_words
    from goldseam.ui.help.shortcuts_overlay import groups

    def step(number: int, title: str) -> str:
        return _("{counter}: {title}").format(counter=_("Step {number} of {count}").format(number=number, count=5),
                                              title=_(title))

    before = i18n.current()
    i18n.use(code)
    try:
        return {
            "safety": safety_note(_(welcome_text())),
            "begin": _("Begin a repair"),
            "step 1": step(1, "Notice what happened"),
            "step 2": step(2, "Take a pause"),
            "back at": _("You said you would be back at {time}. Take the time you promised yourself."),
            "time came": _("It is {time}: the time you named has come. Come back when you are ready."),
            "welcome back": ngettext("Welcome back. You gave yourself {n} minute and came back: that is part "
                                     "of the repair.", "Welcome back. You gave yourself {n} minutes and came "
                                     "back: that is part of the repair.", 1).format(n=1),
            "step 3": step(3, "Acknowledge your part"),
            "step 4": step(4, "Reach back"),
            "why 1": _(STEPS[0].why).split(";")[0].split(".")[0],
            "first phrase": _(PHRASE_GROUPS[0].phrases[0]),
            "chosen": _("Chosen as your words: {phrase}").format(phrase=_(PHRASE_GROUPS[0].phrases[0])),
            "step 5": step(5, "Let repair in"),
            "kept": (_("This moment is kept"), _("This repair is kept")),     # as far as the repair went
            "breathe in": _("Breathe in"),
            "breathe out": _("Breathe out"),
            "paused": _("Paused"),
            "closing": closing_words(60),
            "deleted": ngettext("Moment deleted. You can undo it for {s} seconds.",
                                "{n} moments deleted. You can undo them one by one for {s} seconds.",
                                1).format(n=1, s=10),
            "put back": _("Moment put back."),
            "search": _("Search your moments"),
            "recent": _("Recent moments"),
            "come back in": _("I will come back in"),
            "not rated": _("Not rated"),
            "flooding": _("Check in with your body. Is any of this true right now?"),
            "flooded": _("Your body sounds flooded right now. That is nobody's fault, and it makes repair hard. "
                         "Breathe slowly for two minutes first, or take a longer pause.").split(".")[0],
            "nudge": _(find_nudge(NUDGED).message),
            "copied": _("Copied. You can paste it into a message, or just read it aloud."),
            "copy": _("Copy your words"),
            "none fits": counted("None of your {n} moment fits this search.",
                                 "None of your {n} moments fits this search."),
            "all shown": counted("{n} moment", "{n} moments"),
            "settings": _("Goldseam settings"),
            "settings tab": _("&Look and language").replace("&", ""),
            "keys": _("Keys"),
            # Each group's first row, its keys as this desktop names them ("Ctrl+F", "Strg+F").
            "keys rows": [group_row(where, entries[0][1]) for where, entries in groups()],
            "how strong": _("How strong does it feel right now?"),
            "start breathing": _("Start breathing"),
            "patterns": [pattern.title() for pattern in BUILT_IN],
            "list": _("Your moments, newest first"),
            "leave key": mnemonic(_("&Leave for now")),
            "breathe key": mnemonic(_("Brea&the")),
            "home key": mnemonic(_("Back &home")),
            "look back key": mnemonic(_("&Look back")),
        }
    finally:
        i18n.use(before)


def group_row(where: str, what: str):
    """A test for the keys page's reading of a group: its name, then its first row's keys and words."""
    pattern = re.escape(f"{where}. ") + r"\S+: .{0,30}" + re.escape(" ".join(str(what).split()))
    return lambda line: re.search(pattern, line) is not None


def counted(singular: str, plural: str):
    """A test for a count said in the current language, in either form, with any numbers."""
    from goldseam.i18n import ngettext

    patterns = []
    for n in (1, 2):
        form = re.escape(ngettext(singular, plural, n))
        patterns.append(re.sub(r"\\\{\w+\\\}", r"[\\d.,\\u00a0\\u202f]+", form))
    return lambda line: any(re.search(pattern, line) for pattern in patterns)


def mnemonic(label: str) -> str:
    """The key that goes with Alt for a button labelled `label` ("&Look back": l)."""
    return label[label.index("&") + 1].lower()


def welcome_text() -> str:
    """The welcome's text as written in welcome_dialog.py (the msgid its translation is found by)."""
    import ast

    from goldseam.ui.home import welcome_dialog

    tree = ast.parse(Path(welcome_dialog.__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_" and node.args \
                and isinstance(node.args[0], ast.Constant) and "afraid of someone" in str(node.args[0].value):
            return node.args[0].value
    raise AssertionError("the welcome's safety note is no longer in welcome_dialog.py")


def safety_note(text: str) -> str:
    """The sentence after the welcome's bold one: who Goldseam is not for, and where to turn."""
    second = re.split(r"</p>\s*<p>", text)[1]
    return " ".join(re.sub(r"<[^>]+>", "", second.split("</b>", 1)[1]).split()).split(". ")[0]


def matcher(template: str):
    """A test for an utterance holding `template`, its {time} any HH:MM."""
    pattern = re.escape(" ".join(template.split())).replace(re.escape("{time}"), r"\d\d:\d\d")
    return lambda line: re.search(pattern, line) is not None


def holding(text: str):
    folded = " ".join(text.split()).casefold()
    return lambda line: folded in line.casefold()


# Another application's window (a Qt one, so Orca knows it is active): the person steps away.
OTHER_TITLE = "Another application"
OTHER_APP = ("from PySide6.QtWidgets import QApplication, QLineEdit; app = QApplication([]); "
             f"box = QLineEdit(); box.setWindowTitle({OTHER_TITLE!r}); box.resize(320, 80); box.show(); app.exec()")


class Hands:
    """Keys pressed on the session's X display (XTest), as a keyboard would, each press followed
    by what Orca said until it said what was wanted."""

    def __init__(self, session: Session, ear: orca_ear.OrcaEar):
        self.session, self.env, self.ear = session, session.env, ear

    def step_away(self) -> None:
        """Another application opens and has the focus (Goldseam's window stays open behind it)."""
        self.session.spawn("another application", [sys.executable, "-c", OTHER_APP])
        self.activate("--name", OTHER_TITLE)

    def come_back(self) -> None:
        """Goldseam's window has the focus again, as a click on it or Alt+Tab would give it."""
        self.activate("--onlyvisible", "--class", "Goldseam")

    def activate(self, *search: str) -> None:
        subprocess.run(["xdotool", "search", "--sync", *search, "windowactivate", "--sync"], env=self.env,
                       check=True, timeout=SPEECH_WAIT)

    def keys(self, *keys: str) -> None:
        subprocess.run(["xdotool", "key", "--delay", "120", *keys], env=self.env, check=True, timeout=60)

    def type(self, text: str) -> None:
        subprocess.run(["xdotool", "type", "--delay", "120", text], env=self.env, check=True, timeout=60)

    def press(self, *keys: str, hearing, what: str, timeout: float = SPEECH_WAIT) -> list[str]:
        """`keys` (none: only listen), then what Orca said until an utterance satisfied `hearing`."""
        mark = self.ear.mark()
        if keys:
            self.keys(*keys)
        return hear(self.ear, hearing, mark, what, timeout)


def hear(ear: orca_ear.OrcaEar, matches, mark: int, what: str, timeout: float = SPEECH_WAIT) -> list[str]:
    said = ear.wait_for(matches, mark, timeout, settle=1.0)
    assert any(matches(line) for line in said), f"Orca did not say {what}; it said: {said}"
    return said


def once(matches, said: list[str]) -> None:
    assert sum(matches(line) for line in said) == 1, said


LANGUAGES = ("en", "de")


def test_orca_43_hears_a_repair_the_call_back_breathing_and_the_look_back(qapp, tmp_path):
    """Both languages at once, each in its own private desktop with its own Orca: most of a walk
    is waiting (a pause, a minute of breathing), and one after the other they took a third of
    a CI run."""
    from concurrent.futures import ThreadPoolExecutor

    said = {code: words(code) for code in LANGUAGES}        # the catalogues are switched here only
    missing = orca_ear.missing() or (None if shutil.which("xdotool") else "no xdotool (Debian: apt-get install xdotool)")
    with ThreadPoolExecutor(len(LANGUAGES)) as pool:
        runs = {code: pool.submit(hear_in, code, said[code], tmp_path / code, missing) for code in LANGUAGES}
    outcomes = {code: run.exception() for code, run in runs.items()}
    failed = {code: error for code, error in outcomes.items() if error is not None
              and not isinstance(error, pytest.skip.Exception)}
    for code, error in failed.items():
        raise AssertionError(f"in {code} (the Orca log: {tmp_path / code / 'orca.log'}): {error}") from error
    skipped = [error for error in outcomes.values() if error is not None]
    if skipped:
        raise skipped[0]


def hear_in(code: str, say: dict, folder: Path, missing: str | None) -> None:
    """The whole walk in the language `code`, in a private desktop of its own."""
    folder.mkdir()
    with private_desktop("Orca test", missing) as session:
        ear = orca_ear.start(session)
        try:
            hands = Hands(session, ear)
            app = session.start_app(folder / "data", session.root / "probe.sock", "--lang", code)
            hands.press(hearing=holding(say["safety"]), what="the welcome's safety note", timeout=START_WAIT)
            walk(hands, say)
            assert app.poll() is None, "the app ended during the walk"
        finally:
            if ear.log.exists():
                shutil.copy(ear.log, folder / "orca.log")      # for a failure's reader


def walk(hands: Hands, say: dict) -> None:
    """The walk by keys, from the welcome on; each step asserts what Orca said."""
    press = hands.press
    # "I understand"; home, its first button focused (a key pressed before the window has the
    # focus goes nowhere: wait to hear it); Begin a repair.
    press("Return", hearing=holding(say["begin"]), what="home's first button")
    once(holding(say["step 1"]), press("Return", hearing=holding(say["step 1"]), what="step 1's name"))
    press("shift+Tab", "space", hearing=holding(say["why 1"]), what="why this step helps")
    # Past the first field: the strength, not rated yet, is read without the 5 its handle rests on.
    said = press("Tab", "Tab", hearing=holding(say["not rated"]), what="that the strength is not rated")
    assert any(holding(say["how strong"])(line) for line in said), said
    assert not [line for line in said if (holding(say["how strong"])(line) and "5" in line) or line.strip() in ("5", "5.")], said
    # The first arrow rates it where its handle rests: the slider is read again, now with its
    # number (5, heard before the next key: Orca reads the value late); then 6, said once.
    press("Right", hearing=lambda line: re.search(r"(^|\s)5\.?$", line.strip()) is not None,
          what="the slider's first step")
    said = press("Right", hearing=lambda line: line.strip() == "6", what="the slider's next step")
    assert [line for line in said if "6" in line] == ["6"], said      # not "6 of 10" and "6"

    # On to the signs of flooding (the feelings come first), their question said
    # once as Tab enters them: the first one checked, the advice is said.
    tab_to(hands, holding(say["flooding"]), "the first sign of flooding")
    press("space", hearing=holding(say["flooded"]), what="the flooding advice")

    said = press("ctrl+Return", hearing=holding(say["step 2"]), what="step 2's name")
    once(holding(say["step 2"]), said)
    assert not [line for line in said if "layered pane" in line or "percent" in line.casefold()], said
    # The minutes box is read as its label reads, not label and a second name.
    assert [line for line in said if re.match(re.escape(say["come back in"]) + r" 20\b", line)], said

    hands.keys("ctrl+a")                        # the minutes box has the focus
    hands.type("1")
    press("Tab", "Return", hearing=matcher(say["back at"]), what="the promised return time")     # Start the pause
    hands.step_away()           # the call back must reach a person busy in another application
    said = press(hearing=matcher(say["time came"]), what="that the time has come", timeout=CALL_WAIT)
    once(matcher(say["time came"]), said)
    hands.come_back()
    press("Return", hearing=holding(say["welcome back"]), what="the welcome back")                # I'm back

    press("ctrl+Return", hearing=holding(say["step 3"]), what="step 3's name")
    mark = hands.ear.mark()
    hands.type(NUDGED)                          # into step 3's first field
    hear(hands.ear, holding(say["nudge"]), mark, "the nudge about the words typed")
    press("ctrl+Return", hearing=holding(say["step 4"]), what="step 4's name")
    press("Tab", hearing=holding(say["first phrase"]), what="the first phrase")     # read as the focus enters
    press("Return", hearing=holding(say["chosen"]), what="the phrase chosen as the person's words")
    tab_to(hands, holding(say["copy"]), "the Copy button")
    press("space", hearing=holding(say["copied"]), what="that the words are copied")
    press("ctrl+Return", hearing=holding(say["step 5"]), what="step 5's name")
    press("ctrl+Return", hearing=lambda line: any(holding(kept)(line) for kept in say["kept"]),
          what="that the moment is kept")                                         # Save this moment

    said = press("Return", hearing=holding(say["step 1"]), what="the second repair's step 1")
    once(holding(say["step 1"]), said)
    hands.keys(f"alt+{say['leave key']}")       # Leave for now: home

    press(f"alt+{say['breathe key']}", hearing=holding(say["start breathing"]), what="Breathe, its Start button")
    press("shift+Tab", "shift+Tab", "Down", what="the pattern chosen with Down, by its name",
          hearing=lambda line: any(line.startswith(title + ":") for title in say["patterns"]))
    hands.keys("Tab", "ctrl+a")                 # the length: one minute
    hands.type("1")
    hands.keys("Tab")                           # Start breathing
    mark = hands.ear.mark()
    hands.keys("Return")
    hear(hands.ear, holding(say["breathe in"]), mark, "the first breath")
    said = hear(hands.ear, holding(say["breathe out"]), mark, "breathing out")
    once(holding(say["breathe in"]), said)
    press("space", hearing=holding(say["paused"]), what="that the guide is paused")           # its Pause
    hands.keys("space")                         # Go on: to the end of the minute
    said = press(hearing=holding(say["closing"]), what="the closing words", timeout=CALL_WAIT)
    once(holding(say["closing"]), said)
    hands.keys(f"alt+{say['home key']}")

    press(f"alt+{say['look back key']}", hearing=holding(say["search"]), what="the look back's search, focused")
    mark = hands.ear.mark()
    hands.type("zzq")                           # in no moment: the count says none fits
    hear(hands.ear, say["none fits"], mark, "that no moment fits the search")
    press("ctrl+a", "BackSpace", hearing=say["all shown"], what="the count with the search cleared")
    press("Tab", "Down", hearing=holding(say["list"]), what="the list of moments")             # its first moment
    press("Delete", hearing=holding(say["deleted"]), what="that the moment is deleted, with its undo time")
    press("ctrl+z", hearing=holding(say["put back"]), what="that the moment is put back")

    hands.keys("Escape")                        # home, its first button focused
    mark = hands.ear.mark()
    tab_to(hands, holding(say["recent"]), "Recent moments")      # its first moment is read
    hear(hands.ear, holding(NUDGED), mark, "the first of the recent moments (its first words)")

    # The settings say their name as they open (Orca 43 said only "Look and language page tab").
    said = press("ctrl+comma", hearing=holding(say["settings tab"]), what="the settings' first page")
    assert any(holding(say["settings"])(line) for line in said), said
    hands.keys("Escape")
    # F1: the keys page is read with its keys and its groups (it said neither).
    said = press("F1", hearing=say["keys rows"][-1], what="the keys page, to its last group")
    for row in say["keys rows"]:
        assert any(row(line) for line in said), said
    hands.keys("Escape")


def tab_to(hands: Hands, matches, what: str, limit: int = 20) -> None:
    """Tab on until Orca says what `matches` (a control `limit` Tabs away at most)."""
    for _tab in range(limit):
        said = hands.press("Tab", hearing=lambda line: line.strip().casefold() != "tab", what="the next control")
        if any(matches(line) for line in said):
            return
    raise AssertionError(f"{limit} Tabs never reached {what}")
