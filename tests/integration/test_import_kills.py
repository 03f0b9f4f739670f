"""An import is all or nothing, whatever stops it: killed at any moment (SIGKILL, no chance to clean
up), or refused by a full disk. After the next open the journal holds the moments it held before
the import, or every moment of it; never some. The same for a restore, which is an import."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from goldseam.core import transfer_format
from goldseam.core.moment import RepairMoment
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.journal_transaction import PENDING_FOLDER
from journal_on_disk import stored_records

KILLS = 50
INCOMING = 2000

# Opens the data folder (finishing or taking back what a killed import left), says so, then imports.
IMPORTER = r"""
import sys
from pathlib import Path
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.snapshots import Snapshots
from goldseam.storage.transfer import read_import_file
folder, source, how = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
document = read_import_file(source)
with DataFolder.open(folder) as data:
    print("importing", flush=True)
    if how == "restore":
        Snapshots(Path(folder), data.journal).restore(document)
    else:
        data.journal.import_moments(document.moments, document.phrases)
    print("done", flush=True)
"""


def _moment(n: int, when: datetime, words: str) -> RepairMoment:
    moment = RepairMoment(created_at=when.isoformat(timespec="seconds"))
    moment.notice.what_happened = f"{words} {n} – é 🌱"
    moment.acknowledge.text = "I raised my voice. " * 8
    return moment


def _history(tmp_path: Path) -> tuple[Path, Path, set[str], set[str]]:
    """A journal of 300 moments over two years, and an export of 2,000 more over the same years
    (with newer copies of 100 of the journal's, 40 of them moved to another month)."""
    rng = random.Random(20261207)
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    base = tmp_path / "base"
    kept = [_moment(n, start + timedelta(hours=rng.randrange(24 * 700)), "kept") for n in range(300)]
    with DataFolder.open(base) as data:
        data.journal.import_moments(kept)
    incoming = [_moment(n, start + timedelta(hours=rng.randrange(24 * 700)), "incoming") for n in range(INCOMING)]
    for n, old in enumerate(kept[:100]):
        newer = RepairMoment.from_dict(old.to_dict())
        newer.notice.what_happened = f"corrected on the other computer {n}"
        newer.updated_at = "2026-12-01T10:00:00+00:00"
        if n < 40:
            newer.created_at = (datetime.fromisoformat(newer.created_at) + timedelta(days=45)).isoformat()
        incoming.append(newer)
    export = tmp_path / "incoming.json"
    export.write_text(transfer_format.dumps(incoming), encoding="utf-8")
    before = {m.id for m in kept}
    return base, export, before, before | {m.id for m in incoming}


def _state(folder: Path) -> tuple[set[str], Counter]:
    """The ids Goldseam reads after opening the folder (which finishes or takes back a cut import),
    and how many times each is stored over the parts."""
    with DataFolder.open(folder) as data:
        assert not data.problems
        ids = {m.id for m in data.journal.all()}
        assert data.journal.count() == len(ids)
    assert not (folder / "journal" / PENDING_FOLDER).exists()
    return ids, stored_records(folder / "journal")[0]


def _run(folder: Path, export: Path, how: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    return subprocess.Popen([sys.executable, "-c", IMPORTER, str(folder), str(export), how],
                            stdout=subprocess.PIPE, text=True, env=env)


@pytest.mark.slow
def test_an_import_killed_anywhere_is_whole_or_absent_after_the_next_open(tmp_path):
    base, export, before, after = _history(tmp_path)
    # How long the import itself takes here, from "importing" to "done" (the longest of three runs), so the
    # kills spread over all of it and a little past its end.
    durations = []
    for run in range(3):
        timed = tmp_path / f"timed{run}"
        shutil.copytree(base, timed)
        child = _run(timed, export, "import")
        assert child.stdout.readline().strip() == "importing"
        began = time.monotonic()
        assert child.stdout.readline().strip() == "done"
        durations.append(time.monotonic() - began)
        assert child.wait() == 0
        assert _state(timed)[0] == after
        shutil.rmtree(timed)
    took = min(durations) * 1.2     # the fastest run: on a machine whose load changes, kills still land inside

    outcomes: Counter = Counter()
    rng = random.Random(7)
    kill = 0
    # Every stretch of the import gets its kills; then, while fewer than 10 landed inside the import (a
    # busy machine made the timed runs slower than these), more kills inside its first part, up to twice as many;
    # and while none came after the import's commit (a machine busier than when it was timed: all 50 kills of
    # one loaded run fell before it), kills later and later, up to three times as many.
    while (kill < KILLS or (outcomes["interrupted"] < 10 and kill < 2 * KILLS)
           or (not outcomes["after"] and kill < 3 * KILLS)):
        folder = tmp_path / f"run{kill}"
        shutil.copytree(base, folder)
        child = _run(folder, export, "restore" if kill % 5 == 4 else "import")
        assert child.stdout.readline().strip() == "importing"
        if kill < KILLS:
            share = (kill + rng.random()) / KILLS
        elif outcomes["interrupted"] < 10:
            share = rng.random() * 0.5
        else:
            share = 1 + 0.25 * (kill - KILLS)
        time.sleep(took * share)
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate()
        finished = "done" in rest
        ids, times = _state(folder)
        assert ids in (before, after), (f"kill {kill} at {share:.0%} of the import: "
                                        f"{len(ids - before)} of {len(after - before)} new moments")
        assert not [i for i, n in times.items() if n > 1], f"kill {kill}: a moment stored twice"
        if finished:
            assert ids == after
        outcomes["after" if ids == after else "before"] += 1
        outcomes["interrupted"] += not finished
        shutil.rmtree(folder)
        kill += 1
    print(f"\n{kill} kills over an import of {took:.2f} s: {dict(outcomes)}")
    assert outcomes["interrupted"] >= 10, outcomes          # most kills landed inside the import
    assert outcomes["before"] and outcomes["after"], outcomes


def _copy(base: Path, folder: Path) -> None:
    """A copy of the journal, opened once: a copy's files are new inodes, so the derived index is
    brought up to date at the first open (that is not the import's doing)."""
    shutil.copytree(base, folder)
    with DataFolder.open(folder) as data:
        data.journal.count()


def _everything(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _as_it_was(before: dict[str, bytes], now: dict[str, bytes]) -> None:
    """Every file as it was; only the backups may have been swapped for others of the same content."""
    def kept(files: dict[str, bytes]) -> dict[str, bytes]:
        return {name: data for name, data in files.items() if "backups" not in Path(name).parts}

    def backups(files: dict[str, bytes]) -> Counter:
        return Counter(data for name, data in files.items() if "backups" in Path(name).parts)

    assert kept(now) == kept(before)
    assert backups(now) == backups(before)


@pytest.mark.slow
def test_an_import_refused_by_a_full_disk_at_any_point_changes_no_file(tmp_path, monkeypatch):
    """The disk fills after N more bytes, N spread over everything the import writes: each refused
    import leaves every file as it was; the one that fits is whole."""
    from goldseam.storage import atomic_file
    from goldseam.storage.errors import WriteFailed
    from goldseam.storage.transfer import read_import_file

    base, export, before, after = _history(tmp_path)
    document = read_import_file(export)
    written = [0]
    real_write = os.write

    def counting(fd, data):
        written[0] += len(data)
        return real_write(fd, data)

    sized = tmp_path / "sized"
    shutil.copytree(base, sized)
    with DataFolder.open(sized) as data:
        monkeypatch.setattr(atomic_file.os, "write", counting)
        data.journal.import_moments(document.moments, document.phrases)
        monkeypatch.undo()
    total = written[0]
    assert total > 1_000_000

    refused = 0
    for step in range(40):
        room = total * step // 40
        folder = tmp_path / f"full{step}"
        _copy(base, folder)
        files = _everything(folder)
        left = [room]

        def filling(fd, data):
            if len(data) > left[0]:
                raise OSError(28, "No space left on device")
            left[0] -= len(data)
            return real_write(fd, data)

        with DataFolder.open(folder) as data:
            monkeypatch.setattr(atomic_file.os, "write", filling)
            try:
                data.journal.import_moments(document.moments, document.phrases)
            except WriteFailed as err:
                assert err.disk_full
                refused += 1
            finally:
                monkeypatch.undo()
        ids, times = _state(folder)
        if ids == before:
            _as_it_was(files, _everything(folder))
        else:
            assert ids == after
        assert set(times.values()) <= {1}
        shutil.rmtree(folder)
    assert refused >= 35


def _mount_small_disk(where: Path, size: str) -> bool:
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
                          capture_output=True)
    return done.returncode == 0


@pytest.mark.slow
def test_an_import_on_a_really_full_disk_says_so_and_changes_nothing(tmp_path):
    """The same on a real file system that fills up (a small tmpfs; needs root, as CI is)."""
    from goldseam import cli

    base, export, before, after = _history(tmp_path)
    disk = tmp_path / "disk"
    size = sum(p.stat().st_size for p in base.rglob("*") if p.is_file()) + 400 * 1024
    if os.geteuid() != 0 or not _mount_small_disk(disk, str(size)):
        pytest.skip("mounting a small file system needs root")
    try:
        folder = disk / "data"
        _copy(base, folder)
        files = _everything(folder)
        done = subprocess.run([sys.executable, "-m", "goldseam", "--data-dir", str(folder), "import", str(export)],
                              capture_output=True, text=True, env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"))
        assert done.returncode == 1, done.stderr
        assert "could not save journal: the disk is full" in done.stderr and "Nothing was changed" in done.stderr
        _as_it_was(files, _everything(folder))
        assert _state(folder)[0] == before
        assert cli.main(["--data-dir", str(folder), "check"]) == 0
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)
