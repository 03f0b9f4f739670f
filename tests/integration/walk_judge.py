"""Judging what the screen-reader walk heard (test_screen_reader_walk.py runs the walk,
atspi_client.py and atspi_more_screens.py write the report): every problem in the report,
each with the screens it was found on, and a readable account of them. The rules are
tested on made-up reports in test_walk_judge.py."""

from __future__ import annotations

import re
from dataclasses import dataclass

from goldseam.core.breathing import BUILT_IN
from goldseam.core.steps import STEPS

TITLES = [step.title for step in STEPS]
SAFETY_WORDS = "ordinary disagreements"
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
                elif not same_words(name, text) and not (text.strip() and _holds_shown(name, text)):
                    # A name may say more than the label shows (the keys page: "F1: Show these
                    # keys" beside "Show these keys"), never something else.
                    add(Problem("a label's name does not hold its text", node["role"], name, text, widget=widget),
                        screen["screen"])

    for change in report["changes"]:
        title = change["title"]
        said = [e for e in change["events"] if e["kind"] == "announcement"]
        # Heard once: an announcement, the focus on the step's heading, or the focus entering a
        # group named by the step (what Orca 43 reads: "Step 2 of 5: Take a pause panel").
        heading = [e for e in change["events"] if e["kind"] == "focus"
                   and (same_words(e["name"], title) if title else "saved" in e["name"].casefold())]
        entered = [e for e in change["events"] if e["kind"] == "focus" and title
                   and any(heard_in(title, name) for name in e.get("within", []))][:1]
        heading += entered
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
    for where, nodes in screens.items():
        if where.startswith("lock screen"):
            for words, _when, _tags in SEEDED:
                if any(heard_in(words, n["name"]) or heard_in(words, n["text"] or "") for n in nodes):
                    missing.append((Problem("a person's words can be heard while Goldseam is locked",
                                            detail=repr(words)), where))
            if not any(n["role"] == "heading" and same_words(n["name"], "Goldseam is locked") for n in nodes):
                missing.append((Problem("the lock screen's title is not a heading", detail="Goldseam is locked"), where))
    if "lock screen at start" in screens and not heard_in("Goldseam is locked", report.get("lock_start_title") or ""):
        missing.append((Problem("not heard: that Goldseam is locked, as it starts locked", detail=(
            f"the window is called {report.get('lock_start_title')!r}; Orca said only 'Goldseam frame. Passphrase "
            "password text.'")), "lock screen at start"))
    if report.get("passphrase_heard"):
        missing.append((Problem("the passphrase typed reached the accessibility bus (a screen reader would speak it)",
                                detail=f"{len(report['passphrase_heard'])} event(s)"), "lock screen at start"))
    if report.get("lock_title") not in (None, "Goldseam"):
        missing.append((Problem("the window's title says more than \"Goldseam\" while locked",
                                detail=repr(report["lock_title"])), "lock screen after Esc twice"))
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
    """An object's name or text read as a time under 02:00 at the start of the quiet window, and
    a few seconds less at its end: the countdown, not the clock time of return. (A one-minute
    pause returns on the whole minute after it: it counts down from up to 01:59.)"""
    last = {o["id"]: o for o in quiet["last"]}
    for first in quiet["first"]:
        later = last.get(first["id"])
        if later is None:
            continue
        for field in ("name", "text"):
            before, after = _seconds(first[field]), _seconds(later[field])
            if before is not None and after is not None and before < 120 and 1 <= before - after <= 6:
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
