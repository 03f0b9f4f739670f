"""An earlier version's single journal.json moves into the journal folder of parts (issue 8).
Killed at random points of that move, the folder always holds either the old journal, byte for
byte, or the complete new layout; a write that fails midway leaves the old journal as it was; and
the next open always ends with every moment and phrase exactly once."""

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from goldseam.core.moment import RepairMoment
from goldseam.storage import atomic_file
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.errors import StorageError
from goldseam.storage.journal import MOMENTS, PHRASES, phrases_storage
from goldseam.storage import journal_migration
from goldseam.storage.journal_migration import BUILDING, single_file_storage
from goldseam.storage.journal_parts import PHRASES_FILE, list_parts
from journal_on_disk import stored_records

KILLS = 15
MONTHS = [f"{year}-{month:02d}" for year in (2023, 2024, 2025) for month in range(1, 13)]   # 36 months

# Imports first, then "ready", then the open that migrates: the kill's delay counts from "ready".
MIGRATOR = r"""
import sys, time
from goldseam.storage.data_folder import DataFolder
print("ready", flush=True)
start = time.perf_counter()
data = DataFolder.open(sys.argv[1])
print("migrated", time.perf_counter() - start, flush=True)
data.close()
"""


def earlier_journal(count: int = 360, words: int = 700) -> tuple[dict, dict]:
    """The tables of a journal.json of an earlier version: `count` moments of ~`words` words spread
    over 36 months, newest month last, and a few own phrases."""
    rng = random.Random(8)
    moments = {}
    for n in range(count):
        moment = RepairMoment()
        month = MONTHS[n * len(MONTHS) // count]
        moment.created_at = moment.updated_at = f"{month}-{1 + n % 28:02d}T{rng.randrange(24):02d}:15:00+01:00"
        moment.notice.what_happened = f"moment {n}: " + " ".join(rng.choice(("we", "argued", "über", "dishes",
                                                                              "ขอโทษ", "🫶🏽", "again")) for _ in range(words))
        moment.notice.intensity = rng.randrange(11)
        moment.acknowledge.text = "I can see how that felt dismissive."
        moment.reach_back.phrase = "Can we start over?"
        moment.completed = True
        moments[str(n + 1)] = moment.to_dict()
    phrases = {str(n): {"text": text, "category": "reset", "lands_well": n % 2 == 0}
               for n, text in enumerate(("Can we start over?", "I'm sorry I raised my voice.", "Ich höre dich."), 1)}
    return moments, phrases


@pytest.fixture(scope="module")
def original(tmp_path_factory):
    """journal.json as an earlier version left it: its bytes, and its moments and phrases."""
    folder = tmp_path_factory.mktemp("earlier")
    moments, phrases = earlier_journal()
    single_file_storage(folder, False).write({MOMENTS: moments, PHRASES: phrases})
    return (folder / "journal.json").read_bytes(), moments, phrases


def earlier_folder(path: Path, raw: bytes) -> Path:
    path.mkdir(mode=0o700)
    (path / "journal.json").write_bytes(raw)
    os.chmod(path / "journal.json", 0o600)
    return path


def check_on_disk_without_writing(folder: Path, raw: bytes, moments: dict, phrases: dict) -> str:
    """Either the old journal, byte for byte, and no journal folder; or the complete new layout
    (each part read as Goldseam reads it: every original moment exactly once, the phrases)."""
    journal = folder / "journal"
    old = folder / "journal.json"
    if not journal.exists():
        assert old.read_bytes() == raw, "no new layout, and journal.json is not what it was"
        return "old journal, half-built layout beside" if (folder / BUILDING).exists() else "old journal"
    assert journal.is_dir()
    if old.exists():        # the switch happened; the old file waits to be moved into backups
        assert old.read_bytes() == raw
    stored, records = stored_records(journal)
    assert set(stored.values()) == {1}, "a moment is stored twice in the new layout"
    assert records == {r["id"]: r for r in moments.values()}, "the new layout does not hold exactly the old moments"
    kept = (phrases_storage(journal / PHRASES_FILE, read_only=True).read() or {}).get(PHRASES) or {}
    assert sorted(map(str, kept.values())) == sorted(map(str, phrases.values()))
    return "new layout, old file beside" if old.exists() else "new layout"


def check_after_a_normal_open(folder: Path, raw: bytes, moments: dict, phrases: dict) -> None:
    with DataFolder.open(folder) as data:
        assert data.problems == []
        shown = data.journal.all()
        assert Counter(m.id for m in shown) == Counter(r["id"] for r in moments.values())
        assert {m.id: m.to_dict() for m in shown} == {r["id"]: r for r in moments.values()}
        assert data.journal.count() == len(moments)
        assert sorted((p.text, p.category, p.lands_well) for p in data.journal.own_phrases()) == sorted(
            (p["text"], p["category"], p["lands_well"]) for p in phrases.values())
    assert not (folder / "journal.json").exists()
    assert not (folder / BUILDING).exists()
    moved = sorted((folder / "backups").glob("journal.before-parts*.json"))
    assert len(moved) == 1 and moved[0].read_bytes() == raw


def start_migrator(folder: Path) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", MIGRATOR, str(folder)], stdout=subprocess.PIPE, text=True,
                             env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"))
    assert child.stdout.readline().strip() == "ready", "the migrating process did not start"
    return child


@pytest.mark.slow
def test_a_migration_killed_at_random_points_leaves_old_or_new_complete(tmp_path, original):
    raw, moments, phrases = original
    durations = []                 # as the killer sees it: from "ready" to the migrated folder open
    for n in range(2):
        child = start_migrator(earlier_folder(tmp_path / f"measure-{n}", raw))
        start = time.perf_counter()
        line = child.stdout.readline()
        durations.append(time.perf_counter() - start)
        child.communicate(timeout=120)
        assert child.returncode == 0 and line.startswith("migrated")
        check_after_a_normal_open(tmp_path / f"measure-{n}", raw, moments, phrases)
    duration = max(durations)

    rng = random.Random(20261208)
    outcomes = Counter()
    for kill in range(KILLS):
        folder = earlier_folder(tmp_path / f"kill-{kill}", raw)
        child = start_migrator(folder)
        try:
            delay = (kill + rng.random()) / KILLS * duration * 1.4     # one in each fifteenth of the move
            time.sleep(delay)
            child.send_signal(signal.SIGKILL)
            child.communicate(timeout=60)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        outcome = check_on_disk_without_writing(folder, raw, moments, phrases)
        outcomes[outcome] += 1
        print(f"kill {kill} after {delay:.3f} s: {outcome}")
        check_after_a_normal_open(folder, raw, moments, phrases)
    print(f"migration of {len(moments)} moments ({len(raw)} bytes): {duration:.3f} s; after the kills: {dict(outcomes)}")


@pytest.mark.parametrize("fail_at", ["first", "middle", "last"])
def test_a_migration_cut_by_a_failed_write_leaves_journal_json_as_it_was(tmp_path, original, monkeypatch, fail_at):
    raw, moments, phrases = original
    counting = earlier_folder(tmp_path / "count", raw)
    real_replace = os.replace
    calls = []

    def counted(src, dst, *args, **kw):
        calls.append(dst)
        return real_replace(src, dst, *args, **kw)

    monkeypatch.setattr(atomic_file.os, "replace", counted)
    DataFolder.open(counting).close()
    total = len(calls)
    assert total > 10                     # each part, the phrases, the index
    cut = {"first": 1, "middle": total // 2, "last": total}[fail_at]

    folder = earlier_folder(tmp_path / "data", raw)
    calls.clear()

    def failing(src, dst, *args, **kw):
        calls.append(dst)
        if len(calls) == cut:
            raise OSError(28, "No space left on device")
        return real_replace(src, dst, *args, **kw)

    monkeypatch.setattr(atomic_file.os, "replace", failing)
    with pytest.raises(StorageError):
        DataFolder.open(folder)
    monkeypatch.setattr(atomic_file.os, "replace", real_replace)
    assert (folder / "journal.json").read_bytes() == raw
    assert not (folder / "journal").exists()
    assert not (folder / BUILDING).exists()
    check_after_a_normal_open(folder, raw, moments, phrases)     # the next start moves it


def test_a_migration_killed_between_the_switch_and_the_move_into_backups(tmp_path, original, monkeypatch):
    """The new layout is in place and journal.json still beside it: the next open keeps every
    moment once and moves the old file into backups."""
    raw, moments, phrases = original
    folder = earlier_folder(tmp_path / "data", raw)

    def killed(_folder):
        raise KeyboardInterrupt

    monkeypatch.setattr(journal_migration, "_move_into_backups", killed)
    with pytest.raises(KeyboardInterrupt):
        DataFolder.open(folder)
    monkeypatch.undo()
    assert check_on_disk_without_writing(folder, raw, moments, phrases) == "new layout, old file beside"
    check_after_a_normal_open(folder, raw, moments, phrases)


def test_an_earlier_single_file_journal_migrates_without_loss(tmp_path, original):
    raw, moments, phrases = original
    folder = earlier_folder(tmp_path / "data", raw)
    newest_first = sorted((RepairMoment.from_dict(r) for r in moments.values()),
                          key=lambda m: (datetime_of(m.created_at), m.id), reverse=True)
    with DataFolder.open(folder) as data:
        assert data.problems == []
        assert [m.id for m in data.journal.recent(8)] == [m.id for m in newest_first[:8]]
        assert [m.to_dict() for m in data.journal.all()] == [m.to_dict() for m in newest_first]
        assert sorted(p.text for p in data.journal.own_phrases()) == sorted(p["text"] for p in phrases.values())
        assert data.journal.count() == len(moments)
    assert len(list_parts(folder / "journal")) >= len(MONTHS)
    check_after_a_normal_open(folder, raw, moments, phrases)
    # the backup taken before the move still holds the old journal
    before = [p for p in (folder / "backups").glob("journal.*.json") if "before-parts" not in p.name]
    assert any(p.read_bytes() == raw for p in before)


def datetime_of(text: str):
    from goldseam.core import clock
    return clock.from_iso(text)
