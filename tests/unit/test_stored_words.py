"""Words already stored never disappear: not through a long text, a dismissed restore,
a failed copy, a schema change, a damaged settings file, upper-case ids or a restore."""

import dataclasses
import errno
import json
import os

import pytest

from goldseam import cli
from goldseam.core.moment import MAX_TEXT
from goldseam.storage import atomic_file, data_folder, journal_transaction, safe_storage
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.errors import InvalidMoment, MigrationFailed, WriteFailed
from goldseam.storage.health_check import check_folder
from goldseam.storage.promises import Reminder
from goldseam.core import transfer_format
from journal_files import held_backups, journal_folder, part_name, part_of, phrases_file, read_doc


def _one_month(sample_moment, first=None, **notice):
    """A moment of the same month (the same part) as `first`, whatever the clock does meanwhile."""
    moment = sample_moment(**notice)
    if first is not None:
        moment.created_at = moment.updated_at = first.created_at
    return moment


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
    readable = sample_moment(what="readable")
    with DataFolder.open(folder) as data:
        data.journal.save(readable)
        data.journal.save(_one_month(sample_moment, readable, what="too long later"))
    part = part_of(folder, readable)
    doc = read_doc(part)
    record = next(r for r in doc["data"]["moments"].values() if r["notice"]["what_happened"] == "too long later")
    record["notice"]["what_happened"] = "x" * (MAX_TEXT + 1)       # as an older Goldseam could write it
    part.write_text(json.dumps(doc))
    out = tmp_path / "export.json"
    assert cli.main(["--data-dir", str(folder), "export", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "exported 1 moment to" in err and "left out 1 moment this version" in err
    assert len(json.loads(out.read_text())["moments"]) == 1
    assert cli.main(["--data-dir", str(folder), "export"]) == 1
    assert "left out 1 moment this version" in capsys.readouterr().err


def test_the_journal_counts_what_it_cannot_read(tmp_path, sample_moment):
    folder = tmp_path / "data"
    first = sample_moment(what="moment 0")
    with DataFolder.open(folder) as data:
        data.journal.save(first)
        for n in range(1, 3):
            data.journal.save(_one_month(sample_moment, first, what=f"moment {n}"))
    part = part_of(folder, first)
    doc = read_doc(part)
    doc["data"]["moments"]["99"] = {"id": "not-a-uuid", "created_at": "soon"}
    part.write_text(json.dumps(doc))
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
    first = sample_moment(what="old 0")
    with DataFolder.open(folder) as data:
        data.journal.save(first)
        for n in range(1, 4):
            data.journal.save(_one_month(sample_moment, first, what=f"old {n}"))
    part = part_of(folder, first)
    part.write_bytes(b"\x00damaged")
    with DataFolder.open(folder) as data:
        assert data.problem_with(part.name) is not None            # "Not now": nothing chosen
    for day in range(12):                                          # life goes on, many saves later
        with DataFolder.open(folder) as data:
            for n in range(5):
                data.journal.save(_one_month(sample_moment, first, what=f"new {day}.{n}"))
    report = check_folder(folder)
    assert any(p.startswith(f"journal/{part.name}") and "set aside" in p and "until you choose" in p for p in report.problems)
    with DataFolder.open(folder) as data:
        (held,) = data.held_backups()
        assert held.file == part.name
        (aside,) = journal_folder(folder).glob(f"{part.stem}.corrupt-*.json")
        assert aside.read_bytes() == b"\x00damaged"
        data.restore(part.name)
        words = sorted(m.notice.what_happened for m in data.journal.all())
    assert [w for w in words if w.startswith("old")] == ["old 0", "old 1", "old 2"]
    assert len([w for w in words if w.startswith("new")]) == 60      # nothing written since is lost
    assert check_folder(folder).healthy
    with DataFolder.open(folder) as data:
        assert data.held_backups() == []


def test_letting_go_releases_the_held_backups(tmp_path, sample_moment):
    folder = tmp_path / "data"
    first = sample_moment()
    with DataFolder.open(folder) as data:
        data.journal.save(first)
        data.journal.save(_one_month(sample_moment, first))
    part = part_of(folder, first)
    part.write_bytes(b"")
    with DataFolder.open(folder) as data:
        assert [h.file for h in data.held_backups()] == [part.name]
        data.let_go(part.name)
        assert data.held_backups() == [] and data.problem_with(part.name) is None
    assert not any(held_backups(folder).glob("*"))
    assert len(list(journal_folder(folder).glob(f"{part.stem}.corrupt-*"))) == 1     # the damaged file itself stays
    with DataFolder.open(folder) as data:
        assert data.held_backups() == []


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


@pytest.mark.parametrize("store", ["journal", "phrases"])
def test_the_journals_files_migrate_on_their_own(tmp_path, sample_moment, monkeypatch, store):
    from goldseam.storage import journal as journal_module
    from goldseam.storage.journal import OwnPhrase

    folder = tmp_path / "data"
    moment = sample_moment()
    with DataFolder.open(folder) as data:
        data.journal.save(moment)
        data.journal.keep_phrase(OwnPhrase("Tea on the balcony?", "reset"))
        data.drafts.save(sample_moment())
    target, other = part_of(folder, moment), phrases_file(folder)
    if store == "phrases":
        target, other = other, target
    old, other_before, draft_before = target.read_bytes(), other.read_bytes(), (folder / "draft.json").read_bytes()

    def mark(data):
        data["migrated"] = {"1": {"from": 1}}
        return data

    from goldseam.storage import own_phrases as phrases_module

    name, module = ("JOURNAL", journal_module) if store == "journal" else ("PHRASES", phrases_module)
    monkeypatch.setattr(module, f"{name}_SCHEMA", 2)
    monkeypatch.setattr(module, f"{name}_MIGRATIONS", {1: mark})
    with DataFolder.open(folder) as data:
        assert data.problems == [] and [m.id for m in data.journal.all()] == [moment.id]
        assert [p.text for p in data.journal.own_phrases()] == ["Tea on the balcony?"]
    on_disk = read_doc(target)
    assert on_disk["schema"] == 2 and on_disk["data"]["migrated"] == {"1": {"from": 1}}
    assert target.with_name(f"{target.stem}.before-schema-2.json").read_bytes() == old
    assert other.read_bytes() == other_before and (folder / "draft.json").read_bytes() == draft_before


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
    spec = next(s for s in data_folder.STORES if s.file == "draft.json")

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
    assert "1 already here" in err and "settings.json could not be read" in err


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
    assert "0 moments added; 0 updated (the file's copies were newer); 2 already here" in capsys.readouterr().err
    with DataFolder.open(folder) as data:
        assert data.journal.count() == 2


# -- 18: a restore leaves no stale cache behind ---------------------------------

def test_saving_after_a_restore_never_overwrites_restored_moments(tmp_path, sample_moment):
    folder = tmp_path / "data"
    a = sample_moment(what="a")
    with DataFolder.open(folder) as data:
        for word in ("a", "b", "c"):
            data.journal.save(a if word == "a" else _one_month(sample_moment, a, what=word))
    part = part_of(folder, a)
    part.write_bytes(b"")
    with DataFolder.open(folder) as data:
        d = _one_month(sample_moment, a, what="d")
        data.journal.save(d)                    # TinyDB's next id is now 2, the index knows only d
        data.restore(part.name)                 # the backup holds a and b (ids 1 and 2)
        assert sorted(m.notice.what_happened for m in data.journal.all()) == ["a", "b", "d"]
        data.journal.save(_one_month(sample_moment, a, what="e"))
        d.acknowledge.text = "edited after the restore"
        data.journal.save(d)
        assert data.journal.get(d.id).acknowledge.text == "edited after the restore"
    with DataFolder.open(folder) as data:
        assert sorted(m.notice.what_happened for m in data.journal.all()) == ["a", "b", "d", "e"]
        assert data.journal.count() == 4


def test_export_says_when_moments_wait_in_a_held_backup(tmp_path, sample_moment, capsys):
    folder = tmp_path / "data"
    first = sample_moment(what="before the damage")
    with DataFolder.open(folder) as data:
        data.journal.save(first)
        data.journal.save(_one_month(sample_moment, first, what="also before"))
    part_of(folder, first).write_bytes(b"\x00")
    with DataFolder.open(folder) as data:          # set aside; the person chose "Not now"
        data.journal.save(_one_month(sample_moment, first, what="written since"))
    out = tmp_path / "e.json"
    assert cli.main(["--data-dir", str(folder), "export", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "exported 1 moment to" in err and "are not in this export" in err and "restore it first" in err
    assert [m["notice"]["what_happened"] for m in json.loads(out.read_text())["moments"]] == ["written since"]


def test_an_import_that_would_make_the_journal_too_large_is_explained(tmp_path, sample_moment, monkeypatch, capsys):
    source = tmp_path / "source"
    with DataFolder.open(source) as data:
        for n in range(5):
            data.journal.save(sample_moment(what=f"moment {n} " + "words " * 200))
    export = tmp_path / "e.json"
    assert cli.main(["--data-dir", str(source), "export", "-o", str(export)]) == 0
    folder = tmp_path / "data"
    small = sample_moment(what="small")
    with DataFolder.open(folder) as data:
        data.journal.save(small)
    moments = transfer_format.parse(export.read_text()).moments
    assert {part_name(m) for m in moments} == {part_name(small)}       # the import would go into this part
    before = part_of(folder, small).read_bytes()
    monkeypatch.setattr("goldseam.storage.safe_storage.MAX_STORED_BYTES", len(before) + 2000)
    monkeypatch.setattr("goldseam.storage.text_chunks.CHUNK_CHARS", 256)
    assert cli.main(["--data-dir", str(folder), "import", str(export)]) == 1
    err = capsys.readouterr().err
    assert "with this file the journal would be larger than Goldseam keeps in one file" in err
    assert f"{part_name(small)} is larger" not in err
    assert part_of(folder, small).read_bytes() == before
    with DataFolder.open(folder, read_only=True) as data:
        assert data.journal.count() == 1


def test_an_import_that_fails_halfway_through_its_months_changes_nothing(tmp_path, sample_moment, monkeypatch,
                                                                         capsys):
    """An import writes one part for each month it touches: when the disk fails at the second,
    "Nothing was changed" must still be true."""
    source = tmp_path / "source"
    with DataFolder.open(source) as data:
        for month in ("2025-01", "2025-02", "2025-03"):
            moment = sample_moment(what=f"from {month}")
            moment.created_at = moment.updated_at = f"{month}-15T20:00:00+00:00"
            data.journal.save(moment)
    export = tmp_path / "e.json"
    assert cli.main(["--data-dir", str(source), "export", "-o", str(export)]) == 0
    folder = tmp_path / "data"
    mine = sample_moment(what="mine")
    with DataFolder.open(folder) as data:
        data.journal.save(mine)
    parts_before = {p.name: p.read_bytes() for p in journal_folder(folder).glob("*-*.json")}
    real = journal_transaction.write_atomic        # the import's own writes, all before its commit
    written = []

    def second_fails(path, payload, *args, **kwargs):
        written.append(path.name)
        if len(written) == 2:
            raise WriteFailed(path, OSError(errno.ENOSPC, "No space left on device"))
        return real(path, payload, *args, **kwargs)

    monkeypatch.setattr(journal_transaction, "write_atomic", second_fails)
    assert cli.main(["--data-dir", str(folder), "import", str(export)]) == 1
    assert "Nothing was changed" in capsys.readouterr().err
    monkeypatch.setattr(journal_transaction, "write_atomic", real)
    assert len(written) == 2
    assert {p.name: p.read_bytes() for p in journal_folder(folder).glob("*-*.json")} == parts_before
    with DataFolder.open(folder) as data:
        assert [m.notice.what_happened for m in data.journal.all()] == ["mine"] and data.journal.count() == 1
    assert cli.main(["--data-dir", str(folder), "import", str(export)]) == 0     # and it can be tried again
    assert "3 moments added; 0 updated" in capsys.readouterr().err


def test_a_restore_that_cannot_be_written_changes_nothing(tmp_path, sample_moment, monkeypatch):
    folder = tmp_path / "data"
    old = sample_moment(what="old")
    with DataFolder.open(folder) as data:
        data.journal.save(old)
        data.journal.save(_one_month(sample_moment, old, what="old too"))
    part = part_of(folder, old)
    part.write_bytes(b"")
    with DataFolder.open(folder) as data:
        data.journal.save(_one_month(sample_moment, old, what="since"))
        real_write = os.write
        monkeypatch.setattr(os, "write", lambda *a: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
        with pytest.raises(WriteFailed):
            data.restore(part.name)
        monkeypatch.setattr(os, "write", real_write)
        assert [m.notice.what_happened for m in data.journal.all()] == ["since"]
        assert len(data.held_backups()) == 1
        data.restore(part.name)             # one write, all or nothing
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
