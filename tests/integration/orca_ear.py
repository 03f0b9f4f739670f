"""Debian's Orca as the ear of a test: started inside a private walk session (atspi_session.py)
with speech-dispatcher's dummy output, it writes every utterance to its debug log as
`SPEECH OUTPUT: '...'`, and `OrcaEar` reads them back.

Orca refuses to start beside another Orca of the same user (it looks for processes named
"orca"), and CI runs two suites side by side: this copy names itself orca-goldseam-test, so
it neither sees nor is seen by another. Its debug log is line-buffered, so what was said is in
the file the moment Orca said it.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

ORCA = "/usr/bin/orca"
DEBIAN_PACKAGES = "orca speech-dispatcher"
PROCESS_NAME = "orca-goldseam-test"
# "HH:MM:SS.ffffff - SPEECH OUTPUT: 'words' {voice}"; the words may hold quotes and line breaks.
_SPOKEN = re.compile(r"SPEECH OUTPUT: '(.*?)'(?: voice=\w+)? ?\{", re.DOTALL)

# Orca's own launcher, run with two changes: its process name, and a line-buffered debug log.
LAUNCHER = f"""
import sys
source = open({ORCA!r}, encoding="utf-8").read()
for old, new in (("setProcessName('orca')", "setProcessName({PROCESS_NAME!r})"),
                 ("open(args.debug_file, 'w')", "open(args.debug_file, 'w', buffering=1)")):
    if old not in source:
        sys.exit("this Orca's launcher changed: " + old)
    source = source.replace(old, new)
sys.argv[0] = {ORCA!r}
exec(compile(source, {ORCA!r}, "exec"), {{"__name__": "__main__"}})
"""

# speech-dispatcher with its dummy module: nothing reaches a sound card.
START_WAIT = 60       # Orca's start on a busy machine

SPEECHD_CONF = 'DefaultModule dummy\nAddModule "dummy" "sd_dummy" ""\nAudioOutputMethod "libao"\n'


def missing() -> str | None:
    """Why Orca cannot listen on this machine, or None."""
    if not os.access(ORCA, os.X_OK):
        return f"no Orca (Debian: apt-get install {DEBIAN_PACKAGES})"
    if shutil.which("speech-dispatcher") is None:
        return f"no speech-dispatcher (Debian: apt-get install {DEBIAN_PACKAGES})"
    return None


def version() -> str:
    import subprocess

    done = subprocess.run([ORCA, "--version"], capture_output=True, text=True, timeout=60)
    return done.stdout.strip().split()[-1] if done.returncode == 0 and done.stdout.strip() else "unknown"


def prepare_home(home: Path) -> Path:
    """Orca's preferences folder and speech-dispatcher's configuration under the session's HOME."""
    speechd = home / ".config" / "speech-dispatcher"
    speechd.mkdir(parents=True, exist_ok=True)
    (speechd / "speechd.conf").write_text(SPEECHD_CONF)
    prefs = home / "orca-prefs"
    prefs.mkdir(exist_ok=True)
    return prefs


def start(session) -> "OrcaEar":
    """Orca in the walk session `session` (atspi_session.Session), listened to from its start
    ("Screen reader on."): what it says from then on is read back with the ear returned."""
    log = session.root / "orca.log"
    prefs = prepare_home(session.root / "home")
    session.spawn("orca", ["/usr/bin/python3", "-c", LAUNCHER, "--debug-file", str(log), "-u", str(prefs)])
    ear = OrcaEar(log)
    if not ear.wait_for(lambda line: True, 0, START_WAIT):
        raise AssertionError(f"Orca said nothing in {START_WAIT} s after its start: {session.log('orca')}")
    return ear


class OrcaEar:
    """What Orca said, read from its debug log: `said()` gives every utterance so far, `mark()`
    remembers where the log stands, `since(mark)` what came after, `wait_for(...)` waits until
    an utterance matches (or the time runs out) and returns what was said meanwhile."""

    def __init__(self, log: Path):
        self.log = log

    def said(self) -> list[str]:
        try:
            text = self.log.read_text(errors="replace")
        except OSError:
            return []
        return [" ".join(m.group(1).split()) for m in _SPOKEN.finditer(text)]

    def mark(self) -> int:
        return len(self.said())

    def since(self, mark: int) -> list[str]:
        return self.said()[mark:]

    def wait_for(self, matches, mark: int, timeout: float, settle: float = 0.0) -> list[str]:
        """Until one utterance after `mark` satisfies `matches` (then `settle` seconds more, to
        hear what follows it), or `timeout`; what was said after `mark` either way."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(matches(line) for line in self.since(mark)):
                time.sleep(settle)
                break
            time.sleep(0.1)
        return self.since(mark)

    def quiet_for(self, mark: int, seconds: float, timeout: float) -> list[str]:
        """Until nothing new was said for `seconds` (or `timeout`); what was said after `mark`."""
        deadline = time.monotonic() + timeout
        count, since = -1, time.monotonic()
        while time.monotonic() < deadline:
            now = len(self.since(mark))
            if now != count:
                count, since = now, time.monotonic()
            elif time.monotonic() - since >= seconds:
                break
            time.sleep(0.1)
        return self.since(mark)
