"""Turning the lock on, changing its passphrase and turning it off, killed (SIGKILL) at random moments:
the folder always opens with no passphrase, the old one or the new one (never none of them), with
every acknowledged moment, and with the lock on no word of them is ever in a plain file."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from goldseam.storage import lock_setup, sealing
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.errors import WrongPassphrase
from goldseam.storage.key_file import read_key_file

KILLS = int(os.environ.get("GOLDSEAM_LOCK_KILLS", "30"))    # make test-reliability runs many more
FIRST, SECOND = "first passphrase here", "second passphrase here"
WORDS = "Kanarienvogel im Schloss"

# Each round: open (finishing what a kill cut short), save a moment, then the next change of the lock:
# off -> on with FIRST -> changed to SECOND -> off. A cheap key derivation: the cost is benchmarked apart.
CHANGER = r"""
import sys
from goldseam.core.moment import RepairMoment
from goldseam.storage import lock_setup, sealing
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.errors import WrongPassphrase
from goldseam.storage.key_file import KdfParams, new_recovery_key, read_key_file
folder, first, second, words = sys.argv[1:5]
cheap = KdfParams(memory_kib=1024, iterations=1, lanes=1)
n = 0
while True:
    secret = None
    if read_key_file(folder) is not None:
        try:
            lock_setup.unlock(folder, first)
            secret = first
        except WrongPassphrase:
            lock_setup.unlock(folder, second)
            secret = second
    with DataFolder.open(folder) as data:
        for _ in range(3):
            moment = RepairMoment()
            moment.notice.what_happened = f"{words} {n} " + "Wort " * 200
            data.journal.save(moment)
            print(moment.id, flush=True)
            n += 1
        if secret is None:
            data.enable_lock(first, new_recovery_key(), cheap)
        elif secret == first:
            data.change_passphrase(first, second, cheap)
        else:
            data.disable_lock(second)
    sealing.let_go(folder)
"""


def opens_with(folder) -> str | None:
    """Which of no passphrase, FIRST or SECOND opens the folder (None: none of them)."""
    sealing.let_go(folder)
    if read_key_file(folder) is None:
        return ""
    for secret in (FIRST, SECOND):
        try:
            lock_setup.unlock(folder, secret)
            return secret
        except WrongPassphrase:
            continue
    return None


@pytest.mark.slow
def test_a_kill_at_any_moment_of_a_lock_change_leaves_a_folder_that_opens(tmp_path):
    rng = random.Random(20261207)
    folder = tmp_path / "data"
    acknowledged: list[str] = []
    seen_states: set[str] = set()
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    for kill in range(KILLS):
        child = subprocess.Popen([sys.executable, "-c", CHANGER, str(folder), FIRST, SECOND, WORDS],
                                 stdout=subprocess.PIPE, text=True, env=env)
        first = child.stdout.readline().strip()
        assert first, "the changer did not start"
        acknowledged.append(first)
        time.sleep(rng.uniform(0, 0.25))
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate()
        acknowledged += [line for line in rest.split("\n")[:-1] if len(line) == 36]
        secret = opens_with(folder)
        assert secret is not None, f"kill {kill}: neither passphrase opens the folder"
        key_file = read_key_file(folder)
        seen_states.add(key_file.state if key_file else "off")
        with DataFolder.open(folder) as data:        # finishes a change cut short, as the window would
            assert not data.problems, f"kill {kill}: {data.problems}"
            stored = {m.id for m in data.journal.all()}
        missing = [i for i in acknowledged if i not in stored]
        assert not missing, f"kill {kill}: {len(missing)} acknowledged moment(s) lost"
        key_file = read_key_file(folder)
        if key_file is not None and key_file.state == "sealed":
            plain = [p for p in folder.rglob("*") if p.is_file() and WORDS.encode() in p.read_bytes()]
            assert not plain, f"kill {kill}: words in plain files with the lock on: {plain}"
    sealing.let_go(folder)
    assert {"off", "sealed"} <= seen_states, seen_states
