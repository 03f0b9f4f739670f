"""A pause started by Enter survives a second Enter pressed a moment later, with real keys on a
real window (Xvfb, openbox, keys by xdotool through XTest): the timing of two key presses
150 ms apart is what ended a 20-minute pause at once and kept it as a promise kept.

The second Enter lands on "I'm back", which in a pause's first minute asks before it ends
anything. F1 is pressed after the two Enters: when the keys window is on screen, the app has
handled both (one client's X events are handled in order), and the test reads the disk."""

from __future__ import annotations

import shutil
import signal
import subprocess

import pytest

from atspi_session import private_desktop
from goldseam.storage.data_folder import DataFolder

pytestmark = pytest.mark.slow

WAIT = 60       # a limit for a busy machine, not a tolerance: each wait ends as soon as it holds


def test_a_second_enter_right_after_starting_a_pause_does_not_end_it(tmp_path):
    from goldseam import i18n
    from goldseam.i18n import _

    i18n.use("en")
    keys_title, pause_key = _("Keys"), _("Take a &pause").split("&")[1][0].lower()
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.settings.set("welcome_seen", True)
    missing = None if shutil.which("xdotool") else "no xdotool (Debian: apt-get install xdotool)"
    with private_desktop("real-key pause test", missing) as session:
        app = session.start_app(folder, session.root / "probe.sock", "--lang", "en")

        def xdotool(*args: str) -> None:
            subprocess.run(["xdotool", *args], env=session.env, check=True, timeout=WAIT)

        xdotool("search", "--sync", "--onlyvisible", "--class", "Goldseam", "windowactivate", "--sync")
        # Take a pause, and see it come, as a person does before pressing Enter: F1's window
        # opening and closing after Alt+P says the app has handled it (its keys in order).
        xdotool("key", "--delay", "150", f"alt+{pause_key}", "F1")
        xdotool("search", "--sync", "--onlyvisible", "--name", f"^{keys_title}$")
        xdotool("key", "Escape")
        gone(session, keys_title)
        # The minutes box has the focus; Enter starts the pause, a second Enter follows 150 ms
        # later as a tired hand gives it, then F1 again.
        xdotool("key", "--delay", "150", "Return", "Return", "F1")
        xdotool("search", "--sync", "--onlyvisible", "--name", f"^{keys_title}$")
        app.send_signal(signal.SIGTERM)          # the app saves and leaves
        assert app.wait(timeout=WAIT) == 0, session.log("app")

    with DataFolder.open(folder, read_only=True) as data:
        running = data.promises.pause()
        kept = data.journal.all()
    assert running is not None and running.pause.returned_at is None, "the pause still runs"
    assert running.pause.minutes_planned == 20
    assert kept == [], "nothing was kept as a pause come back from"


def gone(session, title: str) -> None:
    """Wait (a limit, not a tolerance) until no shown window has `title`."""
    import time

    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", f"^{title}$"], env=session.env,
                               capture_output=True, timeout=WAIT)
        if found.returncode != 0:
            return
        time.sleep(0.05)
    pytest.fail(f"the {title!r} window never closed")
