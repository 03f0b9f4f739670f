"""Words already stored never disappear: not through a long text, a dismissed restore,
a failed copy, a schema change, a damaged settings file, upper-case ids or a restore."""

import dataclasses
import errno
import json
import os

import pytest

from goldseam import cli
from goldseam.core.moment import MAX_TEXT
from goldseam.storage import atomic_file, data_folder
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.errors import InvalidMoment, MigrationFailed, WriteFailed
from goldseam.storage.health_check import check_folder
from goldseam.storage.promises import Reminder


def _journal_doc(folder):
    return json.loads((folder / "journal.json").read_text())


# -- 5: one rule on the way in and on the way out ------------------------------

def test_a_text_over_the_limit_is_never_written(tmp_path, sample_moment):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.journal.save(sample_moment(what="fine"))
        long = sample_moment(what="é" * (MAX_TEXT + 1))
        with pytest.raises(InvalidMoment, match="notice.what_happened"):
            data.journal.save(long)
        with pytest.raises(InvalidMoment):
            data.drafts.save(long)
        at_limit = sample_moment(what="é" * MAX_TEXT)
        data.journal.save(at_limit)
        data.drafts.save(at_limit)
    with DataFolder.open(folder, read_only=True) as data:
        assert len(data.journal.all()) == 2
        assert data.drafts.load().notice.what_happened == "é" * MAX_TEXT


def test_export_says_what_it_left_out_and_fails(tmp_path, sample_moment, capsys):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.journal.save(sample_moment(what="readable"))
        data.journal.save(sample_moment(what="too long later"))
    doc = _journal_doc(folder)
    record = next(r for r in doc["data"]["moments"].values() if r["notice"]["what_happened"] == "too long later")
    record["notice"]["what_happened"] = "x" * (MAX_TEXT + 1)       # as an older Goldseam could write it
    (folder / "journal.json").write_text(json.dumps(doc))
    out = tmp_path / "export.json"
    assert cli.main(["--data-dir", str(folder), "export", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "exported 1 moment to" in err and "left out 1 moment this version" in err
    assert len(json.loads(out.read_text())["moments"]) == 1
    assert cli.main(["--data-dir", str(folder), "export"]) == 1
    assert "left out 1 moment this version" in capsys.readouterr().err


def test_the_journal_counts_what_it_cannot_read(tmp_path, sample_moment):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        for n in range(3):
            data.journal.save(sample_moment(what=f"moment {n}"))
    doc = _journal_doc(folder)
    doc["data"]["moments"]["99"] = {"id": "not-a-uuid", "created_at": "soon"}
    (folder / "journal.json").write_text(json.dumps(doc))
    with DataFolder.open(folder) as data:
        *progress, count = list(data.journal.unreadable())
        assert count == 1 and all(step is None for step in progress)


def test_a_draft_this_version_cannot_read_is_kept_aside_and_named(tmp_path, sample_moment):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.drafts.save(sample_moment())
    doc = json.loads((folder / "draft.json").read_text())
    doc["data"]["draft"]["1"]["acknowledge"]["text"] = "y" * (MAX_TEXT + 5)
    (folder / "draft.json").write_text(json.dumps(doc))
    with DataFolder.open(folder) as data:
        assert data.drafts.load() is None
        assert data.drafts.set_aside_as is not None and data.drafts.set_aside_as.exists()
        kept = json.loads(data.drafts.set_aside_as.read_text())
        assert len(kept["acknowledge"]["text"]) == MAX_TEXT + 5


# -- 6: a dismissed restore keeps the backups until the person decides ----------

def test_backups_of_a_set_aside_journal_outlive_the_rotation(tmp_path, sample_moment):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        for n in range(4):
            data.journal.save(sample_moment(what=f"old {n}"))
    (folder / "journal.json").write_bytes(b"\x00damaged")
    with DataFolder.open(folder) as data:
        assert data.problem_with("journal.json") is not None      # "Not now": nothing chosen
    for day in range(12):                                          # life goes on, many saves later
        with DataFolder.open(folder) as data:
            for n in range(5):
                data.journal.save(sample_moment(what=f"new {day}.{n}"))
    report = check_folder(folder)
    assert any("set aside" in p and "until you choose" in p for p in report.problems)
    with DataFolder.open(folder) as data:
        (held,) = data.held_backups()
        assert held.file == "journal.json"
        (aside,) = folder.glob("journal.corrupt-*.json")
        assert aside.read_bytes() == b"\x00damaged"
        data.restore("journal.json")
        words = sorted(m.notice.what_happened for m in data.journal.all())
    assert [w for w in words if w.startswith("old")] == ["old 0", "old 1", "old 2"]
    assert len([w for w in words if w.startswith("new")]) == 60      # nothing written since is lost
    assert check_folder(folder).healthy
    with DataFolder.open(folder) as data:
        assert data.held_backups() == []


def test_letting_go_releases_the_held_backups(tmp_path, sample_moment):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.journal.save(sample_moment())
        data.journal.save(sample_moment())
    (folder / "journal.json").write_bytes(b"")
    with DataFolder.open(folder) as data:
        assert len(data.held_backups()) == 1
        data.let_go("journal.json")
        assert data.held_backups() == []
    assert len(list(folder.glob("journal.corrupt-*"))) == 1        # the damaged file itself stays


# -- 7: an unreadable draft is never replaced before its copy is safe -----------

def test_a_failed_copy_aside_is_retried_and_blocks_replacing_the_draft(tmp_path, sample_moment, monkeypatch):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.drafts.save(sample_moment(what="mine"))
    doc = json.loads((folder / "draft.json").read_text())
    doc["data"]["draft"]["1"]["notice"]["intensity"] = "very"
    (folder / "draft.json").write_text(json.dumps(doc))
    unreadable = (folder / "draft.json").read_bytes()
    real = atomic_file.write_atomic

    def disk_full(path, payload):
        if ".unreadable-" in path.name:
            raise WriteFailed(path, OSError(errno.ENOSPC, "No space left on device"))
        return real(path, payload)

    monkeypatch.setattr("goldseam.storage.drafts.write_atomic", disk_full)
    with DataFolder.open(folder) as data:
        with pytest.raises(WriteFailed):
            data.drafts.load()
        with pytest.raises(WriteFailed):
            data.drafts.save(sample_moment(what="a new repair"))
        with pytest.raises(WriteFailed):
            data.drafts.discard()
        assert (folder / "draft.json").read_bytes() == unreadable
        monkeypatch.setattr("goldseam.storage.drafts.write_atomic", real)   # space again
        data.drafts.save(sample_moment(what="a new repair"))
    (aside,) = folder.glob("draft.unreadable-*.json")
    assert json.loads(aside.read_text())["notice"]["what_happened"] == "mine"


# -- 8: each store has its own schema and migrations ----------------------------

@pytest.mark.parametrize("spec", data_folder.STORES, ids=lambda s: s.kind)
def test_each_store_migrates_on_its_own(tmp_path, sample_moment, monkeypatch, spec):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.journal.save(sample_moment())
        data.drafts.save(sample_moment())
        data.settings.set("welcome_seen", True)
        data.promises.remind(Reminder("0f2b3c4d-0000-4000-8000-000000000001", "2026-11-28T21:00:00+00:00"))
    old = (folder / spec.file).read_bytes()

    def mark(data):
        data["migrated"] = {"1": {"from": spec.schema}}
        return data

    bumped = dataclasses.replace(spec, schema=spec.schema + 1, migrations={**spec.migrations, spec.schema: mark})
    monkeypatch.setattr(data_folder, "STORES", tuple(bumped if s is spec else s for s in data_folder.STORES))
    with DataFolder.open(folder) as data:
        assert data.problems == [] and data.journal.count() == 1 and data.drafts.load() is not None
        assert data.settings.get("welcome_seen") is True and len(data.promises.reminders()) == 1
    on_disk = json.loads((folder / spec.file).read_text())
    assert on_disk["schema"] == spec.schema + 1 and on_disk["data"]["migrated"] == {"1": {"from": spec.schema}}
    assert (folder / spec.file.replace(".json", f".before-schema-{spec.schema + 1}.json")).read_bytes() == old
    for other in data_folder.STORES:
        if other is not spec:
            assert json.loads((folder / other.file).read_text())["schema"] == other.schema


def test_a_missing_migration_is_caught_before_any_file_is_read(tmp_path, monkeypatch):
    spec = data_folder.STORES[1]
    monkeypatch.setattr(data_folder, "STORES", (dataclasses.replace(spec, schema=spec.schema + 1),))
    with pytest.raises(ValueError, match="no migration"):
        DataFolder.open(tmp_path / "data")


def test_a_failing_migration_changes_nothing(tmp_path, sample_moment, monkeypatch):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.drafts.save(sample_moment())
    before = (folder / "draft.json").read_bytes()
    spec = data_folder.STORES[1]

    def broken(data):
        raise KeyError("what the old format lacked")

    bumped = dataclasses.replace(spec, schema=spec.schema + 1, migrations={spec.schema: broken})
    monkeypatch.setattr(data_folder, "STORES", tuple(bumped if s is spec else s for s in data_folder.STORES))
    with pytest.raises(MigrationFailed):
        DataFolder.open(folder)
    assert (folder / "draft.json").read_bytes() == before


# -- 16: a damaged settings file blocks nothing of the journal ------------------

def test_damaged_settings_do_not_block_export_or_import(tmp_path, sample_moment, capsys):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.journal.save(sample_moment())
        data.settings.set("welcome_seen", True)
        data.settings.set("welcome_seen", True)
    (folder / "settings.json").write_bytes(b"{not json")
    out = tmp_path / "e.json"
    assert cli.main(["--data-dir", str(folder), "export", "-o", str(out)]) == 0
    other = tmp_path / "other"
    assert cli.main(["--data-dir", str(other), "import", str(out)]) == 0
    assert cli.main(["--data-dir", str(folder), "import", str(out)]) == 0
    err = capsys.readouterr().err
    assert "skipped 1 already in the journal" in err and "settings.json could not be read" in err


# -- 17: ids compare as UUIDs, whatever their case ------------------------------

def test_reimporting_an_export_with_upper_case_ids_adds_nothing(tmp_path, sample_moment, capsys):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.journal.save(sample_moment())
        data.journal.save(sample_moment())
    out = tmp_path / "e.json"
    assert cli.main(["--data-dir", str(folder), "export", "-o", str(out)]) == 0
    doc = json.loads(out.read_text())
    for moment in doc["moments"]:
        moment["id"] = moment["id"].upper()
    out.write_text(json.dumps(doc))
    assert cli.main(["--data-dir", str(folder), "import", str(out)]) == 0
    assert "imported 0 moments; skipped 2" in capsys.readouterr().err
    with DataFolder.open(folder) as data:
        assert data.journal.count() == 2


# -- 18: a restore leaves no stale cache behind ---------------------------------

def test_saving_after_a_restore_never_overwrites_restored_moments(tmp_path, sample_moment):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        for word in ("a", "b", "c"):
            data.journal.save(sample_moment(what=word))
    (folder / "journal.json").write_bytes(b"")
    with DataFolder.open(folder) as data:
        d = sample_moment(what="d")
        data.journal.save(d)                    # TinyDB's next id is now 2, the index knows only d
        data.restore("journal.json")            # the backup holds a and b (ids 1 and 2)
        assert sorted(m.notice.what_happened for m in data.journal.all()) == ["a", "b", "d"]
        data.journal.save(sample_moment(what="e"))
        d.acknowledge.text = "edited after the restore"
        data.journal.save(d)
        assert data.journal.get(d.id).acknowledge.text == "edited after the restore"
    with DataFolder.open(folder) as data:
        assert sorted(m.notice.what_happened for m in data.journal.all()) == ["a", "b", "d", "e"]
        assert data.journal.count() == 4


def test_export_says_when_moments_wait_in_a_held_backup(tmp_path, sample_moment, capsys):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.journal.save(sample_moment(what="before the damage"))
        data.journal.save(sample_moment(what="also before"))
    (folder / "journal.json").write_bytes(b"\x00")
    with DataFolder.open(folder) as data:          # set aside; the person chose "Not now"
        data.journal.save(sample_moment(what="written since"))
    out = tmp_path / "e.json"
    assert cli.main(["--data-dir", str(folder), "export", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "exported 1 moment to" in err and "are not in this export" in err and "restore it first" in err


def test_an_import_that_would_make_the_journal_too_large_is_explained(tmp_path, sample_moment, monkeypatch, capsys):
    source = tmp_path / "source"
    with DataFolder.open(source) as data:
        for n in range(5):
            data.journal.save(sample_moment(what=f"moment {n} " + "words " * 200))
    export = tmp_path / "e.json"
    assert cli.main(["--data-dir", str(source), "export", "-o", str(export)]) == 0
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.journal.save(sample_moment(what="small"))
    before = (folder / "journal.json").read_bytes()
    monkeypatch.setattr("goldseam.storage.safe_storage.MAX_STORED_BYTES", len(before) + 2000)
    monkeypatch.setattr("goldseam.storage.safe_storage._CHUNK_CHARS", 256)
    assert cli.main(["--data-dir", str(folder), "import", str(export)]) == 1
    err = capsys.readouterr().err
    assert "with this file the journal would be larger than Goldseam keeps in one file" in err
    assert "journal.json is larger" not in err
    assert (folder / "journal.json").read_bytes() == before


def test_a_restore_that_cannot_be_written_changes_nothing(tmp_path, sample_moment, monkeypatch):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.journal.save(sample_moment(what="old"))
        data.journal.save(sample_moment(what="old too"))
    (folder / "journal.json").write_bytes(b"")
    with DataFolder.open(folder) as data:
        data.journal.save(sample_moment(what="since"))
        real_write = os.write
        monkeypatch.setattr(os, "write", lambda *a: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
        with pytest.raises(WriteFailed):
            data.restore("journal.json")
        monkeypatch.setattr(os, "write", real_write)
        assert [m.notice.what_happened for m in data.journal.all()] == ["since"]
        assert len(data.held_backups()) == 1
        data.restore("journal.json")        # one write, all or nothing
        assert sorted(m.notice.what_happened for m in data.journal.all()) == ["old", "since"]


def test_a_new_moment_format_does_not_change_any_files_schema(tmp_path, sample_moment, monkeypatch):
    """The first schema bump of the old layout crashed start-up: draft.json carried the moment
    format's number, with no migrations. Each file's schema is its own now."""
    import importlib

    from goldseam.core import moment

    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.journal.save(sample_moment())
        data.drafts.save(sample_moment())
    monkeypatch.setattr(moment, "SCHEMA", moment.SCHEMA + 1)
    try:
        fresh = importlib.reload(data_folder)
        with fresh.DataFolder.open(folder) as data:
            assert data.problems == [] and data.journal.count() == 1 and data.drafts.load() is not None
    finally:
        monkeypatch.undo()
        importlib.reload(data_folder)
