"""An export, a backup ("Back up now") and goldseam export are one moment in time: while an import
or a save changes the journal (in this window or in another Goldseam), what they hand out holds
the journal as it was before or as it was after, or they say they could not, and nothing half."""

from __future__ import annotations

import random
import subprocess
import sys
import threading
from datetime import datetime, timedelta, timezone

import pytest

from goldseam import cli
from goldseam.core import transfer_format
from goldseam.core.moment import RepairMoment
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.journal import JournalChanged
from goldseam.storage.snapshots import Snapshots
from goldseam.storage.transfer import export_journal, read_import_file


def history(n: int, start: datetime, words: str) -> list[RepairMoment]:
    rng = random.Random(n)
    moments = []
    for k in range(n):
        moment = RepairMoment(created_at=(start + timedelta(hours=rng.randrange(24 * 600))).isoformat())
        moment.notice.what_happened = f"{words} {k}"
        moments.append(moment)
    return moments


def moved(moments: list[RepairMoment]) -> list[RepairMoment]:
    """Newer copies of each moment, dated 40 days later: an import that moves every one to another month."""
    out = []
    for moment in moments:
        copy = RepairMoment.from_dict(moment.to_dict())
        copy.created_at = (datetime.fromisoformat(copy.created_at) + timedelta(days=40)).isoformat()
        copy.updated_at = "2026-12-01T10:00:00+00:00"
        out.append(copy)
    return out


START = datetime(2024, 1, 1, tzinfo=timezone.utc)


def test_an_export_read_while_an_import_moves_moments_is_refused_not_half(tmp_path):
    """Deterministic: the import runs after the stream has read its first months."""
    folder = tmp_path / "data"
    moments = history(600, START, "kept")
    with DataFolder.open(folder) as data:
        data.journal.import_moments(moments)
        export = export_journal(data.journal)
        pieces = iter(export)
        taken = [next(pieces) for _ in range(50)]
        data.journal.import_moments(moved(moments))
        with pytest.raises(JournalChanged):
            taken.extend(pieces)
        text = "".join(taken)
    with pytest.raises(transfer_format.TransferFormatError):
        transfer_format.parse(text)             # what was handed out is not a whole document


def test_an_export_taken_again_and_again_during_imports_is_before_or_after(tmp_path):
    """A thread imports (moving 1,500 moments to other months, then adding 1,500) while the other
    exports as the window's "Back up now" does: each backup is the whole journal at one moment."""
    folder = tmp_path / "data"
    moments = history(1500, START, "kept")
    later = moved(moments)
    fresh = history(1500, START, "fresh")
    with DataFolder.open(folder) as data:
        data.journal.import_moments(moments)
        states = [{m.id: m.created_at for m in moments}, {m.id: m.created_at for m in later}]
        states.append({**states[1], **{m.id: m.created_at for m in fresh}})
        done = threading.Event()

        def importing():
            data.journal.import_moments(later)
            data.journal.import_moments(fresh)
            done.set()

        worker = threading.Thread(target=importing)
        snapshots = Snapshots(folder, data.journal)
        switching = sys.getswitchinterval()
        sys.setswitchinterval(1e-5)     # the two threads take turns often, as on a busy machine
        try:
            worker.start()
            seen = []
            while not done.is_set() or len(seen) < 3:
                try:
                    made = snapshots.make()
                except JournalChanged:
                    continue
                document = read_import_file(made.path)
                state = {m.id: m.created_at for m in document.moments}
                assert state in states, f"a backup holding {len(state)} moments matches no state of the journal"
                seen.append(states.index(state))
            worker.join()
        finally:
            sys.setswitchinterval(switching)
    assert seen[-1] == 2


IMPORTER = r"""
import sys
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.transfer import read_import_file
with DataFolder.open(sys.argv[1]) as data:
    print("importing", flush=True)
    for name in sys.argv[2:]:
        data.journal.import_moments(read_import_file(name).moments)
print("done", flush=True)
"""


def test_goldseam_export_beside_another_goldseam_importing_is_whole_or_says_so(tmp_path, capsys):
    """Another process imports (each round moves every moment to another month) while `goldseam export
    -o` runs: each export that succeeds holds every moment once; one that cannot says so, exit 1."""
    folder = tmp_path / "data"
    moments = history(1500, START, "kept")
    with DataFolder.open(folder) as data:
        data.journal.import_moments(moments)
    rounds, latest = [], moments
    for n in range(4):          # each round moves every moment 40 days on, into other months
        latest = moved(latest)
        for moment in latest:
            moment.updated_at = f"2026-12-0{n + 1}T10:00:00+00:00"
        rounds.append(tmp_path / f"round{n}.json")
        rounds[-1].write_text(transfer_format.dumps(latest), encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-c", IMPORTER, str(folder), *map(str, rounds)],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "importing"
    wanted = {m.id for m in moments}
    runs = 0
    while child.poll() is None or runs < 2:
        target = tmp_path / f"export{runs}.json"
        status = cli.main(["--data-dir", str(folder), "export", "-o", str(target)])
        said = capsys.readouterr().err
        if status == 0:
            ids = [m.id for m in read_import_file(target).moments]
            assert len(ids) == len(set(ids)) == len(wanted) and set(ids) == wanted
        else:
            assert "changed while it was being read" in said and "nothing was exported" in said
            assert not target.exists()
        runs += 1
    assert child.wait() == 0


def test_an_import_another_goldseam_is_putting_in_place_is_waited_for_not_called_cut_short(tmp_path, capsys,
                                                                                             monkeypatch):
    """Between the export's wait and its reading, the Goldseam that holds the folder commits an import
    (a busy machine makes that likely): the export reads again once it is in place, and never says
    the import was cut short, which only a Goldseam that is gone leaves behind."""
    from goldseam import cli_commands
    from goldseam.storage import transfer
    from goldseam.storage.journal_parts import JOURNAL_FOLDER, PENDING_FOLDER
    from goldseam.storage.journal_transaction import COMMIT_FILE

    folder = tmp_path / "data"
    moments = history(30, START, "kept")
    with DataFolder.open(folder) as data:
        data.journal.import_moments(moments)
    holder = DataFolder.open(folder)                    # the other Goldseam, open on the folder
    pending = folder / JOURNAL_FOLDER / PENDING_FOLDER
    pending.mkdir(mode=0o700)
    (pending / COMMIT_FILE).write_text("{}")             # its commit record, found by the export's reading
    reads = []
    real_export = transfer.export_journal

    def reading(journal, fmt):
        reads.append(fmt)
        if len(reads) == 2:
            (pending / COMMIT_FILE).unlink()             # the other Goldseam has put its import in place
            pending.rmdir()
        return real_export(journal, fmt)
    monkeypatch.setattr(cli_commands.transfer, "export_journal", reading)
    monkeypatch.setattr(cli_commands, "_wait_for_a_change_being_made", lambda folder: None)
    try:
        status = cli.main(["--data-dir", str(folder), "export", "-o", str(tmp_path / "e.json")])
    finally:
        holder.close()
    assert "cut short" not in capsys.readouterr().err
    assert status == 0 and len(reads) == 2
    assert {m.id for m in read_import_file(tmp_path / "e.json").moments} == {m.id for m in moments}
