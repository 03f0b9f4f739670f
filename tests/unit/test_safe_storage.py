import json
from datetime import date
import os
import stat
import zlib

import pytest
from tinydb import TinyDB

from goldseam.storage.data_folder import DataFolder
from goldseam.storage.errors import CorruptFile, ReadOnlyFile
from goldseam.storage.health_check import check_folder
from goldseam.storage.safe_storage import SafeStorage
from journal_files import journal_folder, part_of, phrases_file


def open_db(path, **kw):
    kw.setdefault("kind", "journal")
    kw.setdefault("schema", 1)
    return TinyDB(path, storage=SafeStorage, **kw)


def test_saves_survive_reopening_and_are_private(tmp_path):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        data.settings.set("welcome_seen", True)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "settings.json").stat().st_mode) == 0o600
    with DataFolder.open(folder) as data:
        assert data.settings.get("welcome_seen") is True


def test_loose_folder_is_tightened(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    DataFolder.open(folder).close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_file_holds_schema_and_data(tmp_path):
    db = open_db(tmp_path / "j.json")
    db.insert({"a": 1})
    doc = json.loads((tmp_path / "j.json").read_text())
    assert doc["format"] == "goldseam-journal" and doc["schema"] == 1
    assert doc["data"]["_default"] == {"1": {"a": 1}}


@pytest.mark.parametrize("content", [b"", b'{"format": "goldseam-journal", "schema": 1, "da', b"\x00\xffgarbage",
                                     b"[1, 2, 3]", b'{"format": "something-else", "schema": 1, "data": {}}'])
def test_unreadable_journal_is_set_aside_never_written_over(tmp_path, content):
    path = tmp_path / "j.json"
    db = open_db(path)
    db.insert({"kept": "first"})
    db.insert({"kept": "second"})        # the first save is now a backup
    path.write_bytes(content)
    db = open_db(path)
    with pytest.raises(CorruptFile) as caught:
        db.all()
    problem = caught.value
    assert problem.moved_to.read_bytes() == content
    assert "corrupt-" in problem.moved_to.name
    assert problem.backup is not None
    assert not path.exists()
    # restoring brings back the newest good generation kept before the damage
    storage = db.storage
    storage.restore(problem.backup)
    assert [d["kept"] for d in db.all()] == ["first"]
    assert problem.moved_to.read_bytes() == content


def test_data_folder_lists_the_problem_and_restores(tmp_path, sample_moment):
    folder = tmp_path / "data"
    first = sample_moment()
    second = sample_moment(what="second")
    second.created_at = second.updated_at = first.created_at      # one part, whatever the clock does
    with DataFolder.open(folder) as data:
        data.journal.save(first)
        data.journal.save(second)
    part = part_of(folder, first)
    part.write_bytes(b"{ truncated")
    with DataFolder.open(folder) as data:
        assert len(data.problems) == 1 and data.problems[0].path == part
        assert data.journal.count() == 0
        data.restore(data.problems[0].path.name)
        assert data.journal.count() == 1
        assert [m.id for m in data.journal.all()] == [first.id]
    with DataFolder.open(folder) as data:
        assert data.problems == [] and data.journal.count() == 1


def test_a_damaged_month_leaves_the_other_months_readable(tmp_path, sample_moment):
    folder = tmp_path / "data"
    months = {}
    with DataFolder.open(folder) as data:
        for month in ("2026-09", "2026-10", "2026-11"):
            for n in range(2):
                moment = sample_moment(what=f"{month} {n}")
                moment.created_at = moment.updated_at = f"{month}-1{n}T20:00:00+00:00"
                data.journal.save(moment)
            months[month] = moment
    october = part_of(folder, months["2026-10"])
    october.write_bytes(b"\x00damaged")
    with DataFolder.open(folder) as data:
        assert sorted(m.notice.what_happened for m in data.journal.all()) == ["2026-09 0", "2026-09 1",
                                                                              "2026-11 0", "2026-11 1"]
        assert [p.path.name for p in data.journal.problems] == ["2026-10-1.json"]      # found when read
        assert [h.file for h in data.held_backups()] == ["2026-10-1.json"]
        data.restore("2026-10-1.json")
        assert sorted(m.notice.what_happened for m in data.journal.all()) == ["2026-09 0", "2026-09 1", "2026-10 0",
                                                                              "2026-11 0", "2026-11 1"]
    assert [p.name for p in journal_folder(folder).glob("*.corrupt-*")] == [
        p.name for p in journal_folder(folder).glob("2026-10-1.corrupt-*.json")]
    assert check_folder(folder).problems == []


def test_damaged_own_phrases_leave_the_moments_alone_and_come_back_from_their_backup(tmp_path, sample_moment):
    from goldseam.storage.journal import OwnPhrase

    folder = tmp_path / "data"
    moment = sample_moment()
    with DataFolder.open(folder) as data:
        data.journal.save(moment)
        data.journal.keep_phrase(OwnPhrase("Tea on the balcony?", "reset"))
        data.journal.keep_phrase(OwnPhrase("Walk with me?", "reset"))
    phrases_file(folder).write_bytes(b'{"format": "goldseam-phrases", "schema": 1, "da')
    with DataFolder.open(folder) as data:
        assert [p.path.name for p in data.problems] == ["phrases.json"]
        assert [m.id for m in data.journal.all()] == [moment.id]
        assert data.journal.own_phrases() == []
        data.journal.keep_phrase(OwnPhrase("Since then", None))
        assert [h.file for h in data.held_backups()] == ["phrases.json"]
        data.restore("phrases.json")
        assert sorted(p.text for p in data.journal.own_phrases()) == ["Since then", "Tea on the balcony?"]
    with DataFolder.open(folder) as data:
        assert data.problems == [] and data.held_backups() == []
        assert sorted(p.text for p in data.journal.own_phrases()) == ["Since then", "Tea on the balcony?"]
    assert len(list(journal_folder(folder).glob("phrases.corrupt-*.json"))) == 1


def test_backups_rotate(tmp_path):
    db = open_db(tmp_path / "j.json", keep_recent=3)
    for n in range(10):
        db.insert({"n": n})
    storage = db.storage
    recent = storage.backups.recent()
    assert len(recent) == 3
    assert len(storage.backups.daily()) == 1
    newest = json.loads(recent[0].read_text())
    assert len(newest["data"]["_default"]) == 9   # the state before the last save
    for backup in recent:
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_old_schema_is_migrated_with_a_backup_first(tmp_path):
    path = tmp_path / "j.json"
    old = {"format": "goldseam-journal", "schema": 1, "data": {"_default": {"1": {"name": "x"}}}}
    path.write_text(json.dumps(old))

    def rename_field(data):
        for doc in data["_default"].values():
            doc["title"] = doc.pop("name")
        return data

    db = open_db(path, schema=2, migrations={1: rename_field})
    assert db.all() == [{"title": "x"}]
    assert json.loads(path.read_text())["schema"] == 2
    assert json.loads((tmp_path / "j.before-schema-2.json").read_text()) == old


def test_newer_schema_opens_read_only(tmp_path):
    path = tmp_path / "j.json"
    newer = {"format": "goldseam-journal", "schema": 99, "data": {"_default": {"1": {"a": 1}}}}
    path.write_text(json.dumps(newer))
    before = path.read_bytes()
    db = open_db(path)
    assert db.all() == [{"a": 1}]
    with pytest.raises(ReadOnlyFile):
        db.insert({"b": 2})
    assert path.read_bytes() == before


def test_unicode_round_trips_exactly(tmp_path):
    text = "emoji 🫶🏽, עברית, e\u0301, line\r\nbreak"
    db = open_db(tmp_path / "j.json")
    db.insert({"t": text})
    assert open_db(tmp_path / "j.json").all()[0]["t"] == text


def test_moments_are_ordered_by_time_not_by_text(tmp_path, sample_moment):
    early = sample_moment(what="earlier, written in India")
    early.created_at = "2026-11-28T01:00:00+05:30"       # 2026-11-27 19:30 UTC
    late = sample_moment(what="later, written in London")
    late.created_at = "2026-11-27T22:00:00+00:00"
    with DataFolder.open(tmp_path / "d") as data:
        data.journal.save(early)
        data.journal.save(late)
        assert [m.id for m in data.journal.recent(5)] == [late.id, early.id]
        assert [m.id for m in data.journal.all()] == [late.id, early.id]


def test_a_record_this_version_cannot_read_is_skipped_and_kept(tmp_path, sample_moment):
    folder = tmp_path / "d"
    fine = sample_moment(what="fine")
    with DataFolder.open(folder) as data:
        data.journal.save(fine)
    path = part_of(folder, fine)
    doc = json.loads(path.read_text())
    doc["data"]["moments"]["7"] = {"id": "hand-edited", "created_at": "yesterday"}
    path.write_text(json.dumps(doc))
    with DataFolder.open(folder) as data:
        assert [m.notice.what_happened for m in data.journal.all()] == ["fine"]
        assert len(data.journal.recent(8)) == 1
        new = sample_moment(what="new")
        new.created_at = new.updated_at = fine.created_at
        data.journal.save(new)
    assert json.loads(path.read_text())["data"]["moments"]["7"]["id"] == "hand-edited"
    report = check_folder(folder)
    year, number = map(int, path.name[: -len("-1.json")].split("-"))
    month = date(year, number, 1).strftime("%B %Y")
    assert f"journal, {month}: 1 moment this version cannot read (kept in the file)" in report.problems


def test_an_unreadable_draft_is_copied_aside_before_it_can_be_replaced(tmp_path, sample_moment):
    folder = tmp_path / "d"
    with DataFolder.open(folder) as data:
        data.drafts.save(sample_moment())
    path = folder / "draft.json"
    doc = json.loads(path.read_text())
    doc["data"]["draft"]["1"]["notice"]["intensity"] = "very"
    path.write_text(json.dumps(doc))
    with DataFolder.open(folder) as data:
        assert data.drafts.load() is None
        data.drafts.save(sample_moment(what="a new one"))
    (aside,) = folder.glob("draft.unreadable-*.json")
    assert json.loads(aside.read_text())["notice"]["intensity"] == "very"


def test_piecewise_serialization_is_the_file_written_in_one_piece(tmp_path, monkeypatch):
    monkeypatch.setattr("goldseam.storage.text_chunks.CHUNK_CHARS", 64)    # many pieces
    monkeypatch.setattr("goldseam.storage.safe_storage._DOCS_PER_PIECE", 3)
    db = open_db(tmp_path / "j.json")
    for n in range(40):
        db.insert({"n": n, "t": "emoji 🫶🏽 עברית e\u0301 \"quoted\"\n", "nested": {"a": [1, None, True]}})
    db.table("second").insert({"x": "y"})
    written = (tmp_path / "j.json").read_bytes()
    monkeypatch.setattr("goldseam.storage.text_chunks.CHUNK_CHARS", 1 << 20)
    monkeypatch.setattr("goldseam.storage.safe_storage._DOCS_PER_PIECE", 256)
    assert db.storage._serialize(db.storage.read()) == written
    document = json.loads(written)
    assert len(document["data"]["_default"]) == 40 and document["data"]["second"] == {"1": {"x": "y"}}
    # compact, one document to a line, and the checksum of every byte before it at the end
    lines = written.split(b"\n")
    assert len(lines) == 1 + 40 + 1 + 1 + 1
    assert all(line.startswith(b'"%d":{"n":%d,' % (n + 1, n)) for n, line in enumerate(lines[1:41]))
    assert document["crc32"] == "%08x" % zlib.crc32(written[: written.rindex(b',"crc32":')])
    assert json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode() == written.replace(b"\n", b"")


def test_what_the_reader_would_refuse_is_never_written(tmp_path, monkeypatch):
    from goldseam.storage.errors import FileTooLarge

    db = open_db(tmp_path / "j.json")
    db.insert({"small": "x"})
    before = (tmp_path / "j.json").read_bytes()
    monkeypatch.setattr("goldseam.storage.safe_storage.MAX_STORED_BYTES", len(before) + 100)
    monkeypatch.setattr("goldseam.storage.text_chunks.CHUNK_CHARS", 32)
    with pytest.raises(FileTooLarge):
        db.insert({"large": "y" * 500})
    assert (tmp_path / "j.json").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
