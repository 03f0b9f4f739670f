"""What Debian's Orca (43, the screen reader Debian 12 ships) says, read from its own debug log:
Goldseam runs in a private desktop (Xvfb, openbox, its own D-Bus and AT-SPI bus, see
atspi_session.py) with Orca listening (orca_ear.py), and is driven by keys alone, as a blind
person would, in English and in German:

- the welcome is read whole, its safety note included;
- Enter on home's first button opens step 1, and Orca says the step's name once as the focus
  enters it ("Step 1 of 5: Notice what happened panel"), then the first field's question;
- "Why this step?" says the step's reason;
- a step of the strength slider is said once ("7", not "7 of 10" and "7");
- Ctrl+Enter goes to step 2, whose name is said once, with no "layered pane" or "percent";
- a one-minute pause typed into the minutes box and started says the promised return time;
- when the minute is over, Orca says that the time has come: the call back reaches a person
  who hears but does not see the screen; "I'm back" says the welcome back;
- steps 3 to 5 are named; Tab into step 4's phrases reads the first, Enter says it is chosen as
  the person's words; saving says that the moment is kept;
- a second repair in the same session names its step 1 again (it started in silence);
- the minutes box is read as its label reads ("I will come back in 20 minutes");
- Down in the breathing pattern box says the pattern's name ("Box breathing: in 4 s, ...");
- the breathing guide says its phases once each ("Breathe in", "Breathe out") and "Paused";
- in the look back, Delete says the undo time and Ctrl+Z says the moment is back;
- Tab into home's Recent moments reads the first moment (it said only "List with 1 item").

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
from pathlib import Path

import pytest

import orca_ear
from atspi_session import BusUnavailable, Session, missing_tools

pytestmark = pytest.mark.slow

START_WAIT = 60         # Orca's start, the app's first paint, on a busy machine
SPEECH_WAIT = 60        # from a key to what Orca says about it
CALL_WAIT = 150         # a one-minute pause, on a busy machine


def words(code: str) -> dict[str, str]:
    """What Goldseam says at each point, in the language `code`, from its own catalogues."""
    from goldseam import i18n
    from goldseam.core.breathing import BUILT_IN
    from goldseam.core.phrases import PHRASE_GROUPS
    from goldseam.core.steps import STEPS
    from goldseam.i18n import _, ngettext

    def step(number: int, title: str) -> str:
        return _("{counter}: {title}").format(counter=_("Step {number} of {count}").format(number=number, count=5),
                                              title=_(title))

    before = i18n.current()
    i18n.use(code)
    try:
        return {
            "safety": safety_note(_(welcome_text())),
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
            "deleted": ngettext("Moment deleted. You can undo it for {s} seconds.",
                                "{n} moments deleted. You can undo them one by one for {s} seconds.",
                                1).format(n=1, s=10),
            "put back": _("Moment put back."),
            "search": _("Search your moments"),
            "recent": _("Recent moments"),
            "come back in": _("I will come back in"),
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


class Keys:
    """Keys pressed on the session's X display (XTest), as a keyboard would."""

    def __init__(self, session: Session):
        self.env = session.env

    def __call__(self, *keys: str) -> None:
        subprocess.run(["xdotool", "key", "--delay", "120", *keys], env=self.env, check=True, timeout=60)

    def type(self, text: str) -> None:
        subprocess.run(["xdotool", "type", "--delay", "120", text], env=self.env, check=True, timeout=60)


def hear(ear: orca_ear.OrcaEar, matches, mark: int, what: str, timeout: float = SPEECH_WAIT) -> list[str]:
    said = ear.wait_for(matches, mark, timeout, settle=1.0)
    assert any(matches(line) for line in said), f"Orca did not say {what}; it said: {said}"
    return said


@pytest.mark.parametrize("code", ["en", "de"])
def test_orca_43_hears_a_repair_the_call_back_breathing_and_the_look_back(tmp_path, code):
    reason = missing_tools() or orca_ear.missing() or (None if shutil.which("xdotool") else
                                                      "no xdotool (Debian: apt-get install xdotool)")
    if reason:
        pytest.skip(f"no Orca test: {reason}")
    say = words(code)
    session = Session()
    try:
        try:
            session.start_desktop()
        except BusUnavailable as error:
            pytest.skip(f"no Orca test: {error}")
        log = session.root / "orca.log"
        prefs = orca_ear.prepare_home(session.root / "home")
        session._spawn("orca", ["/usr/bin/python3", "-c", orca_ear.LAUNCHER, "--debug-file", str(log),
                                "-u", str(prefs)])
        ear = orca_ear.OrcaEar(log)
        hear(ear, lambda line: True, 0, "anything at its start", START_WAIT)     # "Screen reader on."
        keys = Keys(session)

        mark = ear.mark()
        app = session.start_app(tmp_path / "data", session.root / "probe.sock", "--lang", code)
        hear(ear, holding(say["safety"]), mark, "the welcome's safety note", START_WAIT)

        mark = ear.mark()
        keys("Return")                          # "I understand"; home, its first button focused
        keys("Return")                          # Begin a repair
        said = hear(ear, holding(say["step 1"]), mark, "step 1's name")
        assert sum(holding(say["step 1"])(line) for line in said) == 1, said

        mark = ear.mark()
        keys("shift+Tab", "space")              # "Why this step?": its reason is said
        hear(ear, holding(say["why 1"]), mark, "why this step helps")
        mark = ear.mark()
        keys("Tab", "Tab")                      # the first field, then how strong it feels
        hear(ear, holding(say["how strong"]), mark, "the strength slider")
        mark = ear.mark()
        keys("Right")                           # rated: 6 (heard before the next key: Orca reads
        hear(ear, lambda line: line.strip() == "6", mark, "the slider's first step")   # the value late)
        mark = ear.mark()
        keys("Right")
        said = hear(ear, lambda line: line.strip() == "7", mark, "the slider's next step")
        assert [line for line in said if "7" in line] == ["7"], said      # once, not "7 of 10" and "7"

        mark = ear.mark()
        keys("ctrl+Return")
        said = hear(ear, holding(say["step 2"]), mark, "step 2's name")
        assert sum(holding(say["step 2"])(line) for line in said) == 1, said
        assert not [line for line in said if "layered pane" in line or "percent" in line.casefold()], said
        # The minutes box is read as its label reads, not label and a second name.
        assert [line for line in said if re.match(re.escape(say["come back in"]) + r" 20\b", line)], said

        mark = ear.mark()
        keys("ctrl+a")                          # the minutes box has the focus
        keys.type("1")
        keys("Tab", "Return")                   # Start the pause
        hear(ear, matcher(say["back at"]), mark, "the promised return time")

        mark = ear.mark()
        said = hear(ear, matcher(say["time came"]), mark, "that the time has come", CALL_WAIT)
        assert sum(matcher(say["time came"])(line) for line in said) == 1, said

        mark = ear.mark()
        keys("Return")                          # I'm back
        hear(ear, holding(say["welcome back"]), mark, "the welcome back")

        mark = ear.mark()
        keys("ctrl+Return")
        hear(ear, holding(say["step 3"]), mark, "step 3's name")
        mark = ear.mark()
        keys("ctrl+Return")
        hear(ear, holding(say["step 4"]), mark, "step 4's name")
        mark = ear.mark()
        keys("Tab")                             # the phrases: the first is read as the focus enters
        hear(ear, holding(say["first phrase"]), mark, "the first phrase")
        mark = ear.mark()
        keys("Return")
        hear(ear, holding(say["chosen"]), mark, "the phrase chosen as the person's words")
        mark = ear.mark()
        keys("ctrl+Return")
        hear(ear, holding(say["step 5"]), mark, "step 5's name")
        mark = ear.mark()
        keys("ctrl+Return")                     # Save this moment
        hear(ear, lambda line: any(holding(kept)(line) for kept in say["kept"]), mark, "that the moment is kept")

        mark = ear.mark()
        keys("Return")                          # a second repair in the same session
        said = hear(ear, holding(say["step 1"]), mark, "the second repair's step 1")
        assert sum(holding(say["step 1"])(line) for line in said) == 1, said
        keys(f"alt+{say['leave key']}")         # Leave for now: home

        mark = ear.mark()
        keys(f"alt+{say['breathe key']}")
        hear(ear, holding(say["start breathing"]), mark, "Breathe, its Start button focused")
        mark = ear.mark()
        keys("shift+Tab", "shift+Tab", "Down")  # the pattern box: the next pattern, by its name
        hear(ear, lambda line: any(line.startswith(title + ":") for title in say["patterns"]), mark,
             "the pattern chosen with Down, by its name")
        keys("Tab", "Tab")                      # Start breathing
        mark = ear.mark()
        keys("Return")
        hear(ear, holding(say["breathe in"]), mark, "the first breath")
        said = hear(ear, holding(say["breathe out"]), mark, "breathing out")
        assert sum(holding(say["breathe in"])(line) for line in said) == 1, said
        mark = ear.mark()
        keys("space")                           # the guide's Pause
        hear(ear, holding(say["paused"]), mark, "that the guide is paused")
        keys("Escape", f"alt+{say['home key']}")

        mark = ear.mark()
        keys(f"alt+{say['look back key']}")
        hear(ear, holding(say["search"]), mark, "the look back's search, focused")
        mark = ear.mark()
        keys("Tab", "Down")                     # the list, its first moment
        hear(ear, holding(say["list"]), mark, "the list of moments")
        mark = ear.mark()
        keys("Delete")
        hear(ear, holding(say["deleted"]), mark, "that the moment is deleted, with its undo time")
        mark = ear.mark()
        keys("ctrl+z")
        hear(ear, holding(say["put back"]), mark, "that the moment is put back")

        keys("Escape")                          # home, its first button focused
        mark = ear.mark()
        for _tab in range(12):                  # Tab on to Recent moments: its first moment is read
            step_mark = ear.mark()
            keys("Tab")
            said = ear.wait_for(lambda line: line.strip().casefold() != "tab", step_mark, SPEECH_WAIT, settle=0.5)
            if any(holding(say["recent"])(line) for line in said):
                break
        hear(ear, holding(say["first phrase"]), mark, "the first of the recent moments (its words)")
        assert app.poll() is None, "the app ended during the walk"
    finally:
        kept = Path(tmp_path / "orca.log")
        if (session.root / "orca.log").exists():
            shutil.copy(session.root / "orca.log", kept)      # for a failure's reader
        session.close()
