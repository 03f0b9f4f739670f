"""What a screen reader hears, from a real one's side: Goldseam runs in a private X session
(Xvfb, openbox, its own D-Bus session and AT-SPI bus) with Qt's accessibility bridge on, and
atspi_client.py walks it with pyatspi under the system Python: the first-run welcome, home,
the five steps (a one-minute pause counting down, then "I'm back"; "I'll say it later" on
step 4), saving, and home again.

It fails on every screen where
- a focusable control has no name;
- a label's name is not the text it shows (only mnemonics, rich-text tags and spacing aside);
- a step change is announced other than exactly once (an AT-SPI announcement, or focus moving
  to the step's heading), or something is announced or focus moves while the pause counts down;
and unless it hears the welcome's safety note, every step's title and the countdown's value.
Every problem is listed, with its screen, role, name and text.

Skipped, with the reason, where Xvfb, openbox, dbus-launch, the AT-SPI bus launcher or pyatspi
are missing, or the bus cannot start (.ci/run installs them on Debian). GOLDSEAM_WALK_DISPLAY=N
pins the X display; otherwise the first free one from :150 up is used.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pytest

from atspi_session import BusUnavailable, Session, missing_tools
from goldseam.core.steps import STEPS

pytestmark = pytest.mark.slow

TITLES = [step.title for step in STEPS]
SAFETY_WORDS = "ordinary disagreements"
CLIENT_TIMEOUT = 50
TIME = re.compile(r"\b(\d{1,2}):(\d{2})\b")


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

    quiet = report.get("quiet")
    if quiet is not None:
        for event in quiet["events"]:
            what = f"announced {event['message']!r}" if event["kind"] == "announcement" else "focus moved"
            add(Problem(f"while the pause counts down ({quiet['seconds']} s, nobody touching anything), "
                        "something is said", event["role"], event["name"], detail=what), "step 2 (pause running)")

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
    quiet = report.get("quiet")
    if quiet is not None and not _countdown_heard(quiet):
        shown = [(o["role"], o["name"], o["text"]) for o in quiet["last"]]
        missing.append((Problem("not heard: the pause's countdown value", detail=(
            f"no name or text counted down over {quiet['seconds']} s; times heard: {shown or 'none'}")),
            "step 2 (pause running)"))
    return missing


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
    return "\n".join(lines)


def _short(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


# -- the test ----------------------------------------------------------------------------------

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
        app = session.start_app(tmp_path / "data", probe)
        out = tmp_path / "walk.json"
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
