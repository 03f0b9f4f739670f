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
- a label's name does not hold the text it shows (only mnemonics, rich-text tags and spacing
  aside; the name may say more, as the keys page's rows say their keys);
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
Every problem is listed, with its screen, role, name and text (judged by walk_judge.py).

Skipped, with the reason, where Xvfb, openbox, dbus-launch, the AT-SPI bus launcher or pyatspi
are missing, or the bus cannot start (.ci/run installs them on Debian). GOLDSEAM_WALK_DISPLAY=N
pins the X display; otherwise the first free one from :150 up is used.
"""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest

from atspi_session import private_desktop
from walk_judge import SEEDED, TITLES, describe, judge

pytestmark = pytest.mark.slow

CLIENT_TIMEOUT = 120


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


def exit_status(app) -> str:
    """How the app ended, for a walk that found it gone: a signal (a crash) or its own code."""
    code = app.poll()
    if code is None:
        return "still running"
    if code < 0:
        return f"killed by {signal.Signals(-code).name}"
    return f"gone with exit code {code}"


def test_a_screen_reader_hears_every_screen(tmp_path):
    with private_desktop("AT-SPI walk") as session:
        probe = session.root / "probe.sock"
        seed(tmp_path / "data")
        app = session.start_app(tmp_path / "data", probe)
        out = Path(os.environ.get("GOLDSEAM_WALK_REPORT") or tmp_path / "walk.json")     # kept where asked
        client = session.run_client(["--pid", str(app.pid), "--probe", str(probe), "--titles", json.dumps(TITLES),
                                     "--out", str(out)], timeout=CLIENT_TIMEOUT)
        app_log = session.log("app") + f"\n(after the walk the app was {exit_status(app)})"

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


def test_a_screen_reader_hears_the_lock_screen(tmp_path):
    """Goldseam started on a locked journal: the lock screen, a wrong passphrase said once, the right one,
    then Esc twice from home (real keys): the lock screen again, with no word of the person's to hear."""
    from goldseam.storage import sealing
    from goldseam.storage.data_folder import DataFolder
    from goldseam.storage.key_file import KdfParams, new_recovery_key

    passphrase = "harbour lights at night"
    seed(tmp_path / "data")
    with DataFolder.open(tmp_path / "data") as data:
        data.settings.set("welcome_seen", True)
        data.enable_lock(passphrase, new_recovery_key(), KdfParams(memory_kib=1024, iterations=1, lanes=1))
    sealing.let_go(tmp_path / "data")
    with private_desktop("AT-SPI walk of the lock") as session:
        probe = session.root / "probe.sock"
        app = session.start_app(tmp_path / "data", probe)
        out = tmp_path / "lock-walk.json"
        client = session.run_client(["--pid", str(app.pid), "--probe", str(probe), "--titles", json.dumps(TITLES),
                                     "--out", str(out), "--lock", passphrase], timeout=CLIENT_TIMEOUT)
        app_log = session.log("app") + f"\n(after the walk the app was {exit_status(app)})"
    report = json.loads(out.read_text()) if out.exists() else None
    if client.returncode != 0 or report is None:
        pytest.fail(f"the AT-SPI client did not finish (exit {client.returncode}):\n{client.stdout}\n"
                    f"app output:\n{app_log}", pytrace=False)
    assert [s["screen"] for s in report["screens"]][:1] == ["lock screen at start"] or report.get("error")
    assert report.get("error") or report["text_events"] > 0, "no text event was heard: the passphrase check saw nothing"
    found = judge(report)
    if found:
        pytest.fail(describe(found, report) + f"\n\napp output:\n{app_log}", pytrace=False)
