"""`goldseam check` (issue 18) names whatever sits in journal/ under a name Goldseam does not write
(its moments are in no listing), and reads every backup made with Back up now to its end, as an
import would, naming each that could not be restored."""

from __future__ import annotations

import json
import os

import pytest

from goldseam import cli
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.health_check import check_folder
from goldseam.storage.journal import MOMENTS, part_storage
from goldseam.storage.snapshots import Snapshots


@pytest.fixture
def folder(data_dir, sample_moment):
    with DataFolder.open(data_dir) as data:
        data.journal.save(sample_moment())
    return data_dir


def _check(folder, capsys):
    status = cli.main(["--data-dir", str(folder), "check"])
    return status, capsys.readouterr().err.splitlines()


@pytest.mark.parametrize("name", ["999-06-1.json", "0999-6-1.json", "2026-13-1.json", "2026-11-0.json",
                                  "2026-11-1.sync-conflict-20261128-101010-ABCDEFG.json", "notes.txt",
                                  "2026-11-1.json.bak", "pending"])
def test_a_file_of_another_name_in_the_journal_folder_is_named(folder, sample_moment, capsys, name):
    stray = folder / "journal" / name
    # what an earlier version wrote for a moment of the year 999: a valid file no listing ever read
    part_storage(stray, read_only=False).write({MOMENTS: {"1": sample_moment().to_dict()}})
    status, lines = _check(folder, capsys)
    assert status == 1
    assert [line for line in lines if f"journal/{name} is not a file Goldseam keeps in journal/" in line], lines


def test_a_folder_of_another_name_in_the_journal_folder_is_named(folder, capsys):
    (folder / "journal" / "old months").mkdir()
    status, lines = _check(folder, capsys)
    assert status == 1 and any("journal/old months is not a file Goldseam keeps" in line for line in lines)


def test_goldseams_own_names_in_the_journal_folder_are_not_strays(folder, capsys):
    journal = folder / "journal"
    (journal / "pending").mkdir()                                            # a transaction's folder
    (journal / ".2026-11-1.json.0123456789abcdef.goldseam-tmp").write_bytes(b"{")   # a save cut short
    (journal / "phrases.before-schema-1.json").write_bytes(b"{}")           # kept before a schema change
    (journal / ".DS_Store").write_bytes(b"\0")                               # a file manager's
    os.chmod(journal / "phrases.before-schema-1.json", 0o600)
    status, lines = _check(folder, capsys)
    assert status == 0, lines
    assert not [line for line in lines if "is not a file Goldseam keeps" in line]


def test_every_backup_made_with_back_up_now_is_read_in_full(folder, capsys):
    with DataFolder.open(folder) as data:
        for _ in range(3):
            Snapshots(data.path, data.journal).make()
    status, lines = _check(folder, capsys)
    assert status == 0, lines
    assert "snapshots: 3 backups read in full" in lines


def test_a_backup_that_cannot_be_restored_is_named(folder, capsys):
    with DataFolder.open(folder) as data:
        made = [Snapshots(data.path, data.journal).make() for _ in range(3)]
    cut, dated, fine = (snapshot.path for snapshot in made)
    cut.write_bytes(cut.read_bytes()[:-40])                                 # cut short
    document = json.loads(dated.read_text("utf-8"))                         # an earlier version took this in
    document["moments"][0]["created_at"] = "9999-12-31T23:00:00+00:00"
    dated.write_text(json.dumps(document), encoding="utf-8")
    status, lines = _check(folder, capsys)
    assert status == 1
    assert "snapshots: 1 backup read in full" in lines
    assert [line for line in lines if f"backup snapshots/{cut.name} cannot be restored: " in line
            and "not valid JSON" in line], lines
    assert [line for line in lines if f"backup snapshots/{dated.name} cannot be restored: " in line
            and "moments[0].created_at" in line], lines
    assert not [line for line in lines if fine.name in line]


def test_a_folder_without_backups_says_nothing_of_them(folder):
    assert not [line for line in check_folder(folder).facts if line.startswith("snapshots:")]


def test_export_says_what_a_stray_file_holds_is_not_in_it(folder, sample_moment, capsys, tmp_path):
    stray = folder / "journal" / "999-06-1.json"
    part_storage(stray, read_only=False).write({MOMENTS: {"1": sample_moment(what="hidden in a stray").to_dict()}})
    target = tmp_path / "export.json"
    assert cli.main(["--data-dir", str(folder), "export", "-o", str(target)]) == 1
    said = capsys.readouterr().err
    assert "journal/999-06-1.json is not a file Goldseam keeps in journal/" in said and "not in this export" in said
    assert target.exists() and "hidden in a stray" not in target.read_text(encoding="utf-8")
