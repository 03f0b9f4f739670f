"""Kill a saving process at random moments: every part of the journal always reads (its
checksum matches), and every save that was acknowledged before the kill is in the parts
exactly once."""

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from goldseam.storage import sealing
from goldseam.storage.atomic_file import TEMP_SUFFIX
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.key_file import KdfParams, new_recovery_key
from goldseam.storage.journal_parts import PART_BYTES, list_parts
from journal_on_disk import stored_records

KILLS = 90      # each kill restarts Python and reads every part back: about 12 s in all

# Moments of about 2 KB: the month's part fills up (PART_BYTES) and new parts begin during the loop.
SAVER = r"""
import sys
from goldseam.core.moment import RepairMoment
from goldseam.storage.data_folder import DataFolder
folder, start, locked = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "locked"
if locked:
    from goldseam.storage import lock_setup
    lock_setup.unlock(folder, "passphrase of the crash test")
data = DataFolder.open(folder)
n = start
while True:
    moment = RepairMoment()
    moment.notice.what_happened = f"save {n} " + "words " * 300
    data.journal.save(moment)
    print(moment.id, flush=True)
    n += 1
"""


def ids_in_the_parts(journal_folder):
    """How many times each moment id is stored, over every part (each checksum checked)."""
    return stored_records(journal_folder)[0]


@pytest.mark.slow
@pytest.mark.parametrize("locked", [False, True], ids=["plain", "locked"])
def test_sigkill_at_random_moments_loses_nothing_acknowledged(tmp_path, locked):
    rng = random.Random(20261128)
    folder = tmp_path / "data"
    journal_folder = folder / "journal"
    acknowledged: list[str] = []
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    if locked:      # the same loop with every file sealed: the integrity work holds with the lock on
        with DataFolder.open(folder) as data:
            data.enable_lock("passphrase of the crash test", new_recovery_key(),
                             KdfParams(memory_kib=1024, iterations=1, lanes=1))
    kills = KILLS if not locked else KILLS // 3     # the plain loop is the long one; this one adds the seal
    for kill in range(kills):
        child = subprocess.Popen([sys.executable, "-c", SAVER, str(folder), str(len(acknowledged)),
                                  "locked" if locked else "plain"],
                                 stdout=subprocess.PIPE, text=True, env=env)
        first = child.stdout.readline().strip()
        assert first, "the saver did not start"
        acknowledged.append(first)
        time.sleep(rng.uniform(0, 0.03))
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate()
        # Only lines printed in full were acknowledged; a cut-off last line was not.
        acknowledged += [line for line in rest.split("\n")[:-1] if len(line) == 36]
        child.wait()
        stored = ids_in_the_parts(journal_folder)
        missing = [i for i in acknowledged if i not in stored]
        assert not missing, f"kill {kill}: {len(missing)} acknowledged save(s) lost"
        twice = [i for i, n in stored.items() if n > 1]
        assert not twice, f"kill {kill}: {len(twice)} moment(s) stored more than once"
    parts = list_parts(journal_folder)
    assert len(parts) > 1, "the loop never filled a part: the start of a new part was not tested"
    assert all((journal_folder / p.file).stat().st_size <= PART_BYTES + 8 * 1024 for p in parts)
    with DataFolder.open(folder, read_only=True) as data:     # and Goldseam reads them all, once each
        assert not data.problems
        assert data.journal.count() == len(ids_in_the_parts(journal_folder))
        assert {m.id for m in data.journal.all()} >= set(acknowledged)
    leftovers = [p.name for where in (folder, journal_folder, journal_folder / "backups") if where.is_dir()
                 for p in where.iterdir() if p.name.endswith(TEMP_SUFFIX)]
    assert len(leftovers) <= 1   # at most the one a kill interrupted, never read, replaced next time
    assert len(acknowledged) > kills
    if locked:
        assert not [p for p in folder.rglob("*") if p.is_file() and b"words words" in p.read_bytes()]
        sealing.let_go(folder)
