"""What a screen reader hears, from a real one's side: Goldseam runs in a private X session
(Xvfb, openbox, its own D-Bus session and AT-SPI bus) with Qt's accessibility bridge on, and
atspi_client.py walks it with pyatspi under the system Python: the first-run welcome, home,
the five steps (a one-minute pause counting down, then "I'm back"; "I'll say it later" on
step 4), saving, and home again; then "Breathe" (the box pattern chosen by keyboard, Start
breathing, about 9.5 s of listening, Stop, back home) and "Take a pause" (a one-minute pause
counting down for 3 s, back home, the pause's banner); then the look back on a few seeded
moments (the list, a moment opened with Down, What has grown, Your phrases), the settings
(their three pages, Back up now, the restore dialog with its preview), the keys page (F1) and
About (from the Help menu), driven by atspi_more_screens.py.

It fails on every screen where
- a focusable control has no name;
- a label's name is not the text it shows (only mnemonics, rich-text tags and spacing aside);
- a button's name does not hold the words it shows (its mnemonic and a closing "..." aside);
- the title of Breathe, A pause, the look back or About is not a heading;
- Back up now does not say its result exactly once, or opening a screen, a page, a moment or a
  dialog says more than one thing;
- a screen change (a step, Breathe, A pause) is announced other than exactly once (an AT-SPI
  announcement, or focus moving to the step's heading), or something is announced or focus
  moves while a pause counts down;
- while the breathing guide runs, anything but a phase word is announced, a phase is announced
  more than once, or the phase words announced are not the pattern's phase changes in that
  time (in order, their count within one), or focus moves;
and unless it hears the welcome's safety note, every step's title, each countdown's value,
the phase words of the breathing pattern that begin in the window, home's banner for a running pause
("You are on a pause until HH:MM. ...") with its button named, and a seeded moment's words in
the look back's list and in the moment opened.
Every problem is listed, with its screen, role, name and text.

Skipped, with the reason, where Xvfb, openbox, dbus-launch, the AT-SPI bus launcher or pyatspi
are missing, or the bus cannot start (.ci/run installs them on Debian). GOLDSEAM_WALK_DISPLAY=N
pins the X display; otherwise the first free one from :150 up is used.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from atspi_session import BusUnavailable, Session, missing_tools
from goldseam.core.breathing import BUILT_IN
from goldseam.core.steps import STEPS

pytestmark = pytest.mark.slow

TITLES = [step.title for step in STEPS]
SAFETY_WORDS = "ordinary disagreements"
CLIENT_TIMEOUT = 120
TIME = re.compile(r"\b(\d{1,2}):(\d{2})\b")
PAUSE_BANNER = re.compile(r"^You are on a pause until [^.]*\b\d{1,2}:\d{2}\b[^.]*\. \S")
PAUSE_BANNER_BUTTON = "Go to the pause"
SEEDED = [("We argued about the dishes", "2026-11-20T20:00:00+00:00", ["home"]),
          ("The cold call about money", "2026-10-02T19:30:00+00:00", ["money"])]
EARLY = 1.0             # a phase starting this close to the end of the listening may go unheard


@dataclass(frozen=True)
class Problem:
    kind: str
    role: str = ""
    name: str = ""
    text: str | None = None
    detail: str = ""
    widget: str | None = None      # the Qt class behind it, as the app's probe names it


# -- comparing what is said with what is shown ------------------------------------------------

def _words(text: str) -> str:
    """Rich-text tags out, every run of spaces and line breaks one space, none around."""
    return " ".join(re.sub(r"<[^<>]+>", " ", text).split())


def _without_mnemonics(text: str) -> str:
    """'&&' shows as '&'; '&x' shows as an underlined x."""
    return re.sub(r"&(.?)", lambda m: m.group(1), text, flags=re.S)


def same_words(name: str, text: str) -> bool:
    return _words(name) == _words(_without_mnemonics(text))


def heard_in(wanted: str, said: str) -> bool:
    return _words(wanted).casefold() in _words(said).replace("\u2019", "'").casefold()


def _seconds(value: str) -> int | None:
    match = TIME.search(value or "")
    return int(match.group(1)) * 60 + int(match.group(2)) if match else None


# -- judging the report ------------------------------------------------------------------------

def judge(report: dict) -> dict[Problem, list[str]]:
    """Every problem in the walk's report, each with the screens it was found on."""
    found: dict[Problem, list[str]] = {}

    def add(problem: Problem, where: str) -> None:
        screens = found.setdefault(problem, [])
        if where not in screens:
            screens.append(where)

    for screen in report["screens"]:
        for node in screen["nodes"]:
            name = node["name"]
            widget = node.get("class")
            if node["focusable"] and not name.strip():
                add(Problem("a focusable control has no name", node["role"], name, node["text"], widget=widget),
                    screen["screen"])
            if node.get("button") and node.get("shown") and name.strip() and not _holds_shown(name, node["shown"]):
                add(Problem("a button's name does not hold the words it shows", node["role"], name, node["shown"],
                            widget=widget), screen["screen"])
            if node["label"]:
                text = node["text"] if node["text"] is not None else node["shown"]
                if node["text"] is None and node.get("name_with_shown") is not None:
                    name = node["name_with_shown"]          # read together with the shown text
                if text is None:
                    add(Problem("a label's shown text could not be read (no Text interface, no widget text)",
                                node["role"], name, widget=widget), screen["screen"])
                elif not same_words(name, text):
                    add(Problem("a label's name is not its text", node["role"], name, text, widget=widget),
                        screen["screen"])

    for change in report["changes"]:
        title = change["title"]
        said = [e for e in change["events"] if e["kind"] == "announcement"]
        heading = [e for e in change["events"] if e["kind"] == "focus"
                   and (same_words(e["name"], title) if title else "saved" in e["name"].casefold())]
        if len(said) + len(heading) != 1:
            focus = [f"{e['role']} {e['name']!r}" for e in change["events"] if e["kind"] == "focus"]
            add(Problem("a step change is not announced exactly once", detail=(
                f"{len(said)} announcement(s) {[e['message'] for e in said]}, "
                f"{len(heading)} focus move(s) to " + (f"the heading {title!r}" if title else "a 'Saved' note")
                + f"; focus went to {focus or 'nothing'}")), change["change"])

    for key, where in QUIET_PLACES.items():
        quiet = report.get(key)
        if quiet is None:
            continue
        for event in quiet["events"]:
            what = f"announced {event['message']!r}" if event["kind"] == "announcement" else "focus moved"
            add(Problem(f"while the pause counts down ({quiet['seconds']} s, nobody touching anything), "
                        "something is said", event["role"], event["name"], detail=what), where)

    for result in report.get("results", []):
        said = [e for e in result["events"] if e["kind"] == "announcement"]
        once = result["expect"] == "once"
        if (once and len(said) != 1) or len(said) > 1:
            add(Problem("a result is not announced exactly once" if once else "a change is announced more than once",
                        detail=f"{len(said)} announcement(s): {[e['message'] for e in said]}"), result["action"])

    if report.get("breathing") is not None:
        for problem in judge_breathing(report["breathing"]):
            add(problem, f"breathe (breathing: {report['breathing']['pattern']})")

    for problem, where in _not_heard(report):
        add(problem, where)
    if report.get("error"):
        add(Problem("the walk could not go on", detail=f"{report['error']} (during: {report.get('where')})"),
            "the whole walk")
    return found


def _not_heard(report: dict) -> list[tuple[Problem, str]]:
    """The safety note, each step's title and the countdown must each reach the ear."""
    missing = []
    screens = {s["screen"]: s["nodes"] for s in report["screens"]}
    welcome = [n["name"] for n in screens.get("welcome", [])]
    if "welcome" in screens and not any(heard_in(SAFETY_WORDS, name) for name in welcome):
        missing.append((Problem("not heard: the welcome's safety note", detail=(
            f"no name on the welcome holds {SAFETY_WORDS!r}; names heard: {welcome}")), "welcome"))
    said_at = {c["title"]: [e["message"] or "" for e in c["events"] if e["kind"] == "announcement"]
               for c in report["changes"]}
    for index, title in enumerate(TITLES):
        mine = [s for s in screens if s.startswith(f"step {index + 1}:")]
        if not mine:
            continue                                   # not reached: the walk's error says why
        names = [n["name"] for s in mine for n in screens[s]] + said_at.get(title, [])
        if not any(heard_in(title, name) for name in names):
            missing.append((Problem(f"not heard: the title of step {index + 1}", detail=repr(title)), mine[0]))
    for key, where in QUIET_PLACES.items():
        quiet = report.get(key)
        if quiet is not None and not _countdown_heard(quiet):
            shown = [(o["role"], o["name"], o["text"]) for o in quiet["last"]]
            missing.append((Problem("not heard: the pause's countdown value", detail=(
                f"no name or text counted down over {quiet['seconds']} s; times heard: {shown or 'none'}")), where))
    for where, nodes in screens.items():
        title = next((t for start, t in SIDE_SCREEN_TITLES.items() if where.startswith(start)), None)
        if title is not None and not any(n["role"] == "heading" and same_words(n["name"], title) for n in nodes):
            seen = [n["role"] for n in nodes if same_words(n["name"], title)]
            heard = f"heard as a {seen[0]!r}" if seen else "not heard at all"
            missing.append((Problem("a screen's title is not a heading (jumping by heading never finds it)",
                                    seen[0] if seen else "", title, detail=heard), where))
    for where, wanted in (("look back: the moments", SEEDED[0][0]), ("look back: a moment open", SEEDED[0][0])):
        nodes = screens.get(where)
        if nodes is not None and not any(heard_in(wanted, n["name"]) or heard_in(wanted, n["text"] or "")
                                         for n in nodes):
            missing.append((Problem("not heard: a moment's words", detail=(
                f"nothing on the screen reads {wanted!r}")), where))
    menu = report.get("help_menu")
    if menu is not None and not any(heard_in("About Goldseam", name) for name in menu):
        missing.append((Problem("not heard: the Help menu's items as Down reaches them", detail=(
            f"focus went to {menu or 'nothing'}")), "home: the Help menu"))
    banner_home = screens.get("home (a pause running)")
    if banner_home is not None:
        missing.extend((problem, "home (a pause running)") for problem in _pause_banner_problems(banner_home))
    return missing


# The screens beside the repair, by the start of their name in the report, and their titles.
SIDE_SCREEN_TITLES = {"breathe": "Breathe", "a pause from home": "A pause", "look back": "Look back",
                      "about": "Goldseam"}
QUIET_PLACES = {"quiet": "step 2 (pause running)", "pause_quiet": "a pause from home (running)"}


def _pause_banner_problems(nodes: list[dict]) -> list[Problem]:
    """Home while a pause runs: its sentence heard as a label, and a named way to the pause."""
    problems = []
    names = [n["name"] for n in nodes if n["label"]]
    if not any(PAUSE_BANNER.search(_words(name)) for name in names):
        near = [name for name in names if "pause" in name.casefold()]
        problems.append(Problem("not heard: the running pause's banner", detail=(
            f"no label reads 'You are on a pause until HH:MM. ...'; labels about a pause: {near or 'none'}")))
    buttons = [n for n in nodes if n.get("button")]
    if not any(same_words(n["name"], PAUSE_BANNER_BUTTON) for n in buttons):
        problems.append(Problem("not heard: the pause banner's button", detail=(
            f"no button named {PAUSE_BANNER_BUTTON!r}; buttons: {[n['name'] for n in buttons]}")))
    return problems


def _holds_shown(name: str, shown: str) -> bool:
    """A button's name holds the words on it (its mnemonic out; a closing ellipsis and marks
    without a letter or digit, like a chip's check mark, aside)."""
    words = re.sub(r"\s*(\u2026|\.\.\.)$", "", _words(_without_mnemonics(shown)))
    words = " ".join(_letters_inside(w) for w in words.split() if any(c.isalnum() for c in w))
    said = " ".join(_letters_inside(w) for w in _words(name).replace("\u2019", "'").split())
    return heard_in(words.replace("\u2019", "'"), said)


def _letters_inside(word: str) -> str:
    """A shown word without the marks around it: '#home' is read as 'home'."""
    return re.sub(r"^[^\w']+|[^\w']+$", "", word)


# -- the breathing guide --------------------------------------------------------------------------

def pattern_phases(title: str) -> list[tuple[str, float]] | None:
    """The (word, seconds) phases of the built-in pattern the pattern box calls `title`."""
    for pattern in BUILT_IN:
        if _words(title).casefold() in (pattern.title().casefold(), pattern.name.casefold()):
            return [(phase.label(), phase.seconds) for phase in pattern.phases]
    return None


def phase_changes(phases: list[tuple[str, float]], seconds: float, extra: int = 0) -> list[tuple[str, float]]:
    """(word, start) of every phase that begins in the first `seconds` of a session, and `extra` more."""
    changes, start, index = [], 0.0, 0
    while start < seconds or extra > 0:
        if start >= seconds:
            extra -= 1
        word, length = phases[index % len(phases)]
        changes.append((word, start))
        start += length
        index += 1
    return changes


def judge_breathing(breathing: dict) -> list[Problem]:
    """What was heard while the guide ran untouched: each phase change announced once, by its
    word, in the pattern's order, and nothing else (no word per frame, no seconds counted)."""
    pattern, seconds = breathing["pattern"], breathing["seconds"]
    phases = pattern_phases(pattern)
    if phases is None:
        return [Problem("the walk breathed with a pattern it does not know", name=pattern)]
    events = breathing["events"]
    said = [e for e in events if e["kind"] == "announcement"]
    words = {word for word, _length in phases}
    problems = []

    others = [e for e in said if (e["message"] or "") not in words]
    if others:
        problems.append(Problem("while breathing, something other than a phase word is announced",
                                others[0]["role"], others[0]["name"], detail=(
                                    f"{len(others)} announcement(s) in {seconds} s: "
                                    + ", ".join(f"{e['message']!r} at {e.get('at')} s" for e in others[:8])
                                    + (" ..." if len(others) > 8 else ""))))
    heard = [e for e in said if (e["message"] or "") in words]
    shortest = min(length for _word, length in phases)
    again = [(a, b) for a, b in zip(heard, heard[1:]) if b["time"] - a["time"] < shortest / 2]
    if again:
        problems.append(Problem("while breathing, a phase is announced more than once", detail=", ".join(
            f"{b['message']!r} at {b.get('at')} s, {b['time'] - a['time']:.2f} s after {a['message']!r}"
            for a, b in again[:8])))
    repeated = [id(b) for _a, b in again]
    once = [e for e in heard if id(e) not in repeated]          # a repeat is its own problem, above
    expected = phase_changes(phases, seconds)
    cycle = [word for word, _start in phase_changes(phases, seconds, extra=1)]
    messages = [e["message"] for e in once]
    if abs(len(messages) - len(expected)) > 1 or messages != cycle[:len(messages)]:
        problems.append(Problem("while breathing, the phase words announced are not the phase changes", detail=(
            f"{len(expected)} phase change(s) in {seconds} s of {pattern!r}: "
            + ", ".join(f"{w!r} at {t:g} s" for w, t in expected) + f"; announced {len(messages)}: "
            + (", ".join(f"{e['message']!r} at {e.get('at')} s" for e in once) or "nothing"))))
    for word in dict.fromkeys(w for w, start in expected if start < seconds - EARLY):
        if word not in messages:
            problems.append(Problem("not heard: a phase word of the breathing guide", detail=(
                f"{word!r} ({pattern!r}, {seconds} s of breathing)")))
    for event in events:
        if event["kind"] == "focus":
            problems.append(Problem("while breathing (nobody touching anything), focus moves", event["role"],
                                    event["name"], detail=f"at {event.get('at')} s"))
    return problems


def _countdown_heard(quiet: dict) -> bool:
    """An object's name or text read as a time of at most 01:00 at the start of the quiet
    window, and a few seconds less at its end: the countdown, not the clock time of return."""
    last = {o["id"]: o for o in quiet["last"]}
    for first in quiet["first"]:
        later = last.get(first["id"])
        if later is None:
            continue
        for field in ("name", "text"):
            before, after = _seconds(first[field]), _seconds(later[field])
            if before is not None and after is not None and before <= 60 and 1 <= before - after <= 6:
                return True
    return False


def describe(found: dict[Problem, list[str]], report: dict | None) -> str:
    lines = [f"The screen-reader walk found {len(found)} problem(s):", ""]
    for kind in dict.fromkeys(p.kind for p in found):
        lines.append(f"{kind}:")
        for problem, screens in found.items():
            if problem.kind != kind:
                continue
            what = []
            if problem.role:
                what.append(problem.role)
            if problem.role or problem.name:
                what.append(f"name={_short(problem.name)!r}")
            if problem.text is not None:
                what.append(f"text={_short(problem.text)!r}")
            if problem.widget:
                what.append(f"({problem.widget})")
            if problem.detail:
                what.append(problem.detail)
            lines.append(f"  - [{'; '.join(screens)}] " + "  ".join(what))
        lines.append("")
    if report:
        said = [f"{e['phase']}: {e['message']!r}" for e in report.get("announcements", [])]
        lines.append("Announcements heard during the walk: " + ("; ".join(said) if said else "none"))
        breathing = report.get("breathing")
        if breathing:
            heard = [f"{e['message']!r} at {e.get('at')} s" for e in breathing["events"] if e["kind"] == "announcement"]
            lines.append(f"While breathing ({breathing['pattern']!r}, {breathing['seconds']} s): "
                         + (", ".join(heard) if heard else "nothing announced"))
        if report.get("pattern_choice"):
            lines.append(f"Pattern: {report['pattern_choice']}")
    return "\n".join(lines)


def _short(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


# -- the test ----------------------------------------------------------------------------------

def seed(folder) -> None:
    """A few moments for the look back, written as Goldseam writes them (the welcome not yet seen)."""
    from goldseam.core.moment import RepairMoment
    from goldseam.storage.data_folder import DataFolder

    with DataFolder.open(folder) as data:
        for what, when, tags in SEEDED:
            moment = RepairMoment(created_at=when)
            moment.notice.what_happened, moment.tags, moment.completed = what, tags, True
            moment.notice.intensity, moment.accept.intensity = 7, 3
            moment.acknowledge.text = "I can see how that landed."
            data.journal.save(moment)


def test_a_screen_reader_hears_every_screen(tmp_path):
    reason = missing_tools()
    if reason:
        pytest.skip(f"no AT-SPI walk: {reason}")
    session = Session()
    try:
        try:
            session.start_desktop()
        except BusUnavailable as error:
            pytest.skip(f"no AT-SPI walk: {error}")
        probe = session.root / "probe.sock"
        seed(tmp_path / "data")
        app = session.start_app(tmp_path / "data", probe)
        out = Path(os.environ.get("GOLDSEAM_WALK_REPORT") or tmp_path / "walk.json")     # kept where asked
        client = session.run_client(["--pid", str(app.pid), "--probe", str(probe), "--titles", json.dumps(TITLES),
                                     "--out", str(out)], timeout=CLIENT_TIMEOUT)
        app_log = session.log("app")
    finally:
        session.close()

    report = json.loads(out.read_text()) if out.exists() else None
    if client.returncode != 0 or report is None:
        pytest.fail(f"the AT-SPI client did not finish (exit {client.returncode}):\n{client.stdout}\n"
                    f"app output:\n{app_log}", pytrace=False)
    found = judge(report)
    if found:
        message = describe(found, report)
        if report.get("error"):
            message += f"\n\napp output:\n{app_log}"
        pytest.fail(message, pytrace=False)


# -- the judging rules, on made-up reports (no session needed) ---------------------------------

def _change(title, *events):
    return {"change": "step 1 -> step 2", "title": title,
            "events": [{"kind": kind, "role": "heading", "name": name, "message": message}
                       for kind, name, message in events]}


def _empty_report(**parts):
    return dict({"screens": [], "changes": [], "quiet": None, "error": None}, **parts)


def test_one_announcement_or_focus_on_the_heading_is_what_a_step_change_needs():
    title = TITLES[1]
    once = [_change(title, ("announcement", "", f"Step 2 of 5: {title}")),
            _change(title, ("focus", "What happened", None), ("focus", title, None))]
    assert judge(_empty_report(changes=once)) == {}
    for wrong in (_change(title), _change(title, ("announcement", "", "a"), ("announcement", "", "a")),
                  _change(title, ("announcement", "", "a"), ("focus", title, None))):
        assert [p.kind for p in judge(_empty_report(changes=[wrong]))] == ["a step change is not announced exactly once"]


def test_a_label_is_judged_by_the_words_it_shows():
    def label(name, shown):
        return {"screen": "s", "nodes": [{"role": "label", "name": name, "text": None, "shown": shown,
                                          "label": True, "focusable": False, "id": "1"}]}
    alike = [label("Phrases for", "Phrases &for"), label("Tom & Jerry", "Tom && Jerry"),
             label("It is meant for ordinary disagreements.", "<b>It is meant</b>\n for ordinary disagreements. ")]
    assert judge(_empty_report(screens=alike)) == {}
    assert len(judge(_empty_report(screens=[label("Saved", ""), label("Time left", "00:55")]))) == 2


def test_the_countdown_is_a_time_that_goes_down_not_the_time_of_return():
    def quiet(first, last, events=()):
        return {"seconds": 3.2, "events": list(events),
                "first": [{"id": "1", "role": "label", "name": first, "text": None}],
                "last": [{"id": "1", "role": "label", "name": last, "text": None}]}
    assert judge(_empty_report(quiet=quiet("00:58", "00:55"))) == {}
    assert judge(_empty_report(quiet=quiet("Back at 00:31.", "Back at 00:31.")))
    ticking = quiet("00:58", "00:55", [{"kind": "announcement", "role": "label", "name": "", "message": "00:57"}])
    assert [p.kind for p in judge(_empty_report(quiet=ticking))][0].startswith("while the pause counts down")


def _button(name, shown):
    return {"role": "push button", "name": name, "text": None, "shown": shown, "label": False, "button": True,
            "focusable": True, "id": "7"}


def test_a_button_is_named_with_the_words_it_shows():
    alike = [_button("Breathe", "B&reathe"), _button("Back home; the pause keeps running", "Back &home"),
             _button("Your own pattern", "Your own pattern\u2026"), _button("I'll say it later", "\u2713 I'll say it later"),
             _button("Change or remove this pattern", "Change or remove\u2026"),
             _button("Remove the tag home", "#home \u00d7"),
             _button("Keep still (reduced motion)", "Keep still (reduced motion)")]
    assert judge(_empty_report(screens=[{"screen": "s", "nodes": alike}])) == {}
    wrong = [_button("Start", "Pause"), _button("Back", "Back &home")]
    found = judge(_empty_report(screens=[{"screen": "s", "nodes": wrong}]))
    assert [p.kind for p in found] == ["a button's name does not hold the words it shows"] * 2


def _breathing(pattern, seconds, *said, focus=()):
    events = [{"kind": "announcement", "role": "label", "name": m, "message": m, "time": 100.0 + at, "at": at}
              for m, at in said]
    events += [{"kind": "focus", "role": "push button", "name": n, "message": None, "time": 100.0 + at, "at": at}
               for n, at in focus]
    return _empty_report(breathing={"pattern": pattern, "seconds": seconds, "events": events})


def _breathing_kinds(report):
    return sorted(p.kind for p in judge(report))


def test_each_breathing_phase_change_is_announced_once_by_its_word():
    box = [("Breathe in", 0.1), ("Hold", 4.1), ("Breathe out", 8.1), ("Rest", 12.1)]
    assert judge(_breathing("Box breathing", 13.0, *box)) == {}
    assert judge(_breathing("Box breathing", 13.0, *box[:3])) == {}            # the last one late: within one
    even = [("Breathe in", 0.1), ("Breathe out", 5.6), ("Breathe in", 11.1)]
    assert judge(_breathing("Slow and even", 13.0, *even)) == {}
    assert phase_changes(pattern_phases("Box breathing"), 13.0) == [
        ("Breathe in", 0), ("Hold", 4), ("Breathe out", 8), ("Rest", 12)]


def test_breathing_announced_each_second_or_twice_a_phase_or_not_at_all_fails():
    box = [("Breathe in", 0.1), ("Hold", 4.1), ("Breathe out", 8.1), ("Rest", 12.1)]
    seconds = box + [(str(n), at + 0.5) for n, at in ((3, 0), (2, 1), (1, 2))]
    assert "while breathing, something other than a phase word is announced" in _breathing_kinds(
        _breathing("Box breathing", 13.0, *seconds))
    twice = box[:2] + [("Hold", 4.2)] + box[2:]
    assert _breathing_kinds(_breathing("Box breathing", 13.0, *twice)) == [
        "while breathing, a phase is announced more than once"]
    every_frame = [("Breathe in", 0.1 + i * 0.016) for i in range(50)] + box[1:]
    assert _breathing_kinds(_breathing("Box breathing", 13.0, *every_frame)) == [
        "while breathing, a phase is announced more than once"]
    assert set(_breathing_kinds(_breathing("Box breathing", 13.0))) == {
        "while breathing, the phase words announced are not the phase changes",
        "not heard: a phase word of the breathing guide"}
    skipped = [box[0], box[2], box[3]]
    assert "while breathing, the phase words announced are not the phase changes" in _breathing_kinds(
        _breathing("Box breathing", 13.0, *skipped))
    assert _breathing_kinds(_breathing("Box breathing", 13.0, *box, focus=[("Back home", 0.1)])) == [
        "while breathing (nobody touching anything), focus moves"]


def test_home_reads_the_running_pause_banner_and_names_its_button():
    def home(text, button_name):
        label = {"role": "label", "name": text, "text": None, "shown": text, "label": True, "focusable": False,
                 "id": "1"}
        return _empty_report(screens=[{"screen": "home (a pause running)",
                                       "nodes": [label, _button(button_name, "Go to the pause")]}])
    right = "You are on a pause until 15:14. Take the time you promised yourself; Goldseam will call you back."
    assert judge(home(right, "Go to the pause")) == {}
    assert [p.kind for p in judge(home("You are on a pause.", "Go to the pause"))] == [
        "not heard: the running pause's banner"]
    assert "not heard: the pause banner's button" in [p.kind for p in judge(home(right, ""))]


def test_the_pause_from_home_is_quiet_while_it_counts_down():
    quiet = {"seconds": 5.0, "first": [{"id": "1", "role": "label", "name": "00:58", "text": None}],
             "last": [{"id": "1", "role": "label", "name": "00:53", "text": None}],
             "events": [{"kind": "announcement", "role": "label", "name": "", "message": "00:57"}]}
    found = judge(_empty_report(pause_quiet=quiet))
    assert list(found.values()) == [["a pause from home (running)"]]
    assert judge(_empty_report(pause_quiet=dict(quiet, events=[]))) == {}


def test_the_title_of_a_screen_beside_the_repair_is_a_heading():
    def screen(role):
        return {"screen": "breathe", "nodes": [{"role": role, "name": "Breathe", "text": None, "shown": "Breathe",
                                                 "label": True, "focusable": False, "id": "3"}]}
    assert judge(_empty_report(screens=[screen("heading")])) == {}
    found = judge(_empty_report(screens=[screen("label")]))
    assert [(p.kind, p.role, p.name) for p in found] == [
        ("a screen's title is not a heading (jumping by heading never finds it)", "label", "Breathe")]
