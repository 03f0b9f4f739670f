"""A data file whose checksum no longer matches (its words changed after Goldseam wrote them, at the
same length: "I love you" become "I hate you") is treated as any damaged file when it is read:
set aside byte for byte, its backups held, the newest backup whose own checksum holds (or that
has none) offered, nothing written over it, and a later save never gives it a fresh checksum."""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from goldseam.core.moment import RepairMoment
from goldseam.core.repository import OwnPhrase
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.errors import CHANGED_SINCE, CorruptFile
from goldseam.storage.health_check import check_folder
from goldseam.storage.journal import part_storage
from goldseam.storage.own_phrases import phrases_storage
from goldseam.storage.safe_storage import CHANGED, INTACT, SafeStorage

WHEN = "2026-10-14T20:00:00+00:00"
PART = "2026-10-1.json"


def _moment(words: str, kind: str = "repair") -> RepairMoment:
    moment = RepairMoment(kind=kind)
    moment.notice.what_happened = words
    moment.created_at = moment.updated_at = WHEN
    return moment


@dataclass(frozen=True)
class Kind:
    """One kind of data file: where it lives, how a save writes it, what a reader finds in it."""

    file: str
    where: Callable[[Path], Path]                       # the file, in a data folder
    storage: Callable[[Path], SafeStorage]              # a reader of it
    save: Callable[[DataFolder, str], None]             # a save whose words are `words`
    words: Callable[[DataFolder], list[str]]            # the words it holds, as the app reads them

    def held(self, folder: Path) -> Path:
        return self.where(folder).parent / "backups" / "held"


def _save_moment(data, words):
    data.journal.save(_moment(words))


def _save_draft(data, words):
    data.drafts.save(_moment(words))


def _save_phrase(data, words):
    data.journal.keep_phrase(OwnPhrase(words, "reset"))


def _save_pause(data, words):
    data.promises.keep_pause(_moment(words, kind="pause"))


def _draft_words(data):
    draft = data.drafts.load()
    return [draft.notice.what_happened] if draft else []


def _pause_words(data):
    pause = data.promises.pause()
    return [pause.notice.what_happened] if pause else []


KINDS = {
    "a part of the journal": Kind(PART, lambda f: f / "journal" / PART,
                                  lambda f: part_storage(f / "journal" / PART, read_only=True), _save_moment,
                                  lambda data: sorted(m.notice.what_happened for m in data.journal.all())),
    "the draft": Kind("draft.json", lambda f: f / "draft.json",
                      lambda f: SafeStorage(f / "draft.json", kind="draft", schema=1, read_only=True), _save_draft,
                      _draft_words),
    "the own phrases": Kind("phrases.json", lambda f: f / "journal" / "phrases.json",
                            lambda f: phrases_storage(f / "journal" / "phrases.json", read_only=True), _save_phrase,
                            lambda data: sorted(p.text for p in data.journal.own_phrases())),
    "the promises": Kind("promises.json", lambda f: f / "promises.json",
                         lambda f: SafeStorage(f / "promises.json", kind="promises", schema=1, read_only=True),
                         _save_pause, _pause_words),
}


def _flip(path: Path) -> bytes:
    """"love" becomes "hate" in place (the same inode, the same length), as a bad disk or a hand
    would leave it; the checksum written in the file is left as it was."""
    raw = path.read_bytes()
    assert b"love" in raw
    changed = raw.replace(b"love", b"hate")
    with open(path, "r+b") as file:
        file.write(changed)
    return changed


def _three_saves(folder: Path, kind: Kind) -> list[bytes]:
    """Three saves, each holding "I love you": the bytes of the file after each."""
    written = []
    with DataFolder.open(folder) as data:
        for n in range(3):
            kind.save(data, f"I love you ({n})")
            written.append(kind.where(folder).read_bytes())
    return written


def _backups_holding(kind: Kind, folder: Path, raw: bytes) -> list[Path]:
    storage = kind.storage(folder)
    return [p for p in storage.backups.all_newest_first() if p.read_bytes() == raw]


@pytest.mark.parametrize("name", KINDS)
def test_a_changed_file_is_set_aside_and_the_newest_good_backup_offered(data_dir, name):
    kind = KINDS[name]
    first, second, third = _three_saves(data_dir, kind)
    path = kind.where(data_dir)
    backups = {p.name for p in kind.storage(data_dir).backups.all_newest_first()}
    newest = _backups_holding(kind, data_dir, second)
    assert newest and _backups_holding(kind, data_dir, first)
    changed = _flip(path)
    for backup in newest:                   # the newest backup was changed too: it is no good either
        if b"love" in backup.read_bytes():
            _flip(backup)
    with DataFolder.open(data_dir) as data:
        problem = data.problem_with(kind.file)
        assert problem is not None and problem.reason == CHANGED_SINCE
        assert problem.moved_to.name.startswith(f"{path.stem}.corrupt-") and problem.moved_to.suffix == ".json"
        assert problem.moved_to.read_bytes() == changed
        assert not path.exists()                                    # nothing written over it
        assert {p.name for p in kind.held(data_dir).iterdir()} >= backups
        assert problem.backup.read_bytes() == first                 # the newest good one, not the changed one
        assert [h.backup.read_bytes() for h in data.held_backups() if h.file == kind.file] == [first]
        assert not any("hate" in words for words in kind.words(data))
        kind.save(data, "Saved since")                              # a save afterwards does not launder it
        assert problem.moved_to.read_bytes() == changed
    _never_laundered(data_dir)
    with DataFolder.open(data_dir) as data:
        assert data.problem_with(kind.file) is None
        assert [h.backup.read_bytes() for h in data.held_backups() if h.file == kind.file] == [first]
        if kind.file == "draft.json":
            data.drafts.discard()                                   # a draft is restored only over none
        data.restore(kind.file)
        words = kind.words(data)
        assert "I love you (0)" in words and not any("hate" in w for w in words)
    assert problem.moved_to.read_bytes() == changed
    _never_laundered(data_dir)


def _never_laundered(folder: Path) -> None:
    """No file in the data folder holds the changed words under a checksum that matches them."""
    for path in folder.rglob("*.json"):
        raw = path.read_bytes()
        if b"hate" in raw:
            kind = json.loads(raw)["format"].removeprefix("goldseam-")
            examined = SafeStorage(path, kind=kind, schema=1, read_only=True).examine(path)
            assert examined == CHANGED, path


@pytest.mark.parametrize("name", KINDS)
def test_a_changed_file_is_named_by_a_read_only_look_and_left_as_it_is(data_dir, name):
    kind = KINDS[name]
    first, _second, _third = _three_saves(data_dir, kind)
    changed = _flip(kind.where(data_dir))
    with DataFolder.open(data_dir, read_only=True) as data:
        problem = data.problem_with(kind.file)
        assert problem is not None and problem.reason == CHANGED_SINCE and problem.moved_to is None
        assert problem.backup is not None and kind.storage(data_dir).examine(problem.backup) == INTACT
        with pytest.raises(CorruptFile):         # asked again, it is refused again: never read as good
            kind.storage(data_dir).read()
    report = check_folder(data_dir)
    assert any(kind.file in line and "changed since Goldseam wrote it" in line for line in report.problems)
    assert not report.healthy
    assert kind.where(data_dir).read_bytes() == changed
    assert not list(data_dir.rglob("*.corrupt-*")) and not list(data_dir.rglob("held"))


@pytest.mark.parametrize("name", KINDS)
def test_a_file_from_before_checksums_is_still_read(data_dir, name):
    kind = KINDS[name]
    _three_saves(data_dir, kind)
    path = kind.where(data_dir)
    document = json.loads(path.read_bytes())
    assert document.pop("crc32")
    path.write_text(json.dumps(document), encoding="utf-8")     # as an earlier version wrote it
    with DataFolder.open(data_dir) as data:
        assert data.problems == []
        assert "I love you (2)" in kind.words(data)
    assert check_folder(data_dir).healthy


def test_a_backup_whose_checksum_does_not_match_is_never_restored(data_dir):
    """Even when it is the only backup held: a file set aside for damage is not restored from a
    changed copy, and nothing is offered."""
    kind = KINDS["the draft"]
    _three_saves(data_dir, kind)
    for backup in kind.storage(data_dir).backups.all_newest_first():
        _flip(backup)
    kind.where(data_dir).write_bytes(b"\x00" * 32)
    with DataFolder.open(data_dir) as data:
        problem = data.problem_with("draft.json")
        assert problem is not None and problem.backup is None
        assert data.held_backups() == []
        data.restore("draft.json")
        assert data.drafts.load() is None
    assert not (data_dir / "draft.json").exists()


def test_a_changed_backup_cannot_be_read_or_put_back(data_dir):
    kind = KINDS["the promises"]
    _three_saves(data_dir, kind)
    storage = SafeStorage(data_dir / "promises.json", kind="promises", schema=1)
    backup = storage.backups.all_newest_first()[0]
    _flip(backup)
    before = (data_dir / "promises.json").read_bytes()
    with pytest.raises(CorruptFile) as caught:
        storage.read_backup(backup)
    assert caught.value.reason == CHANGED_SINCE
    with pytest.raises(CorruptFile):
        storage.restore(backup)
    assert (data_dir / "promises.json").read_bytes() == before


def test_a_changed_file_of_an_older_schema_is_set_aside_before_it_is_migrated(tmp_path):
    path = tmp_path / "j.json"
    SafeStorage(path, kind="journal", schema=1).write({"moments": {"1": {"words": "I love you"}}})
    changed = _flip(path)
    migrated = []
    storage = SafeStorage(path, kind="journal", schema=2, migrations={1: lambda data: migrated.append(data) or data})
    with pytest.raises(CorruptFile) as caught:
        storage.read()
    assert caught.value.reason == CHANGED_SINCE and caught.value.moved_to.read_bytes() == changed
    assert migrated == [] and not path.exists()
    assert not list(tmp_path.glob("*.before-schema-*"))


def test_a_changed_journal_of_an_earlier_version_is_set_aside_not_moved_into_parts(tmp_path):
    """journal.json, the whole journal of an earlier version, is moved into parts at the first open:
    a changed one is set aside first, so its changed words never become parts with a fresh checksum."""
    from goldseam.storage.journal_migration import single_file_storage

    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    storage = single_file_storage(folder, read_only=False)
    moments = [_moment(f"I love you ({n})") for n in range(3)]
    for n in range(1, 4):
        storage.write({"moments": {str(k): m.to_dict() for k, m in enumerate(moments[:n], 1)}})
    changed = _flip(folder / "journal.json")
    with DataFolder.open(folder) as data:
        problem = data.problem_with("journal.json")
        assert problem is not None and problem.reason == CHANGED_SINCE
        assert problem.moved_to.read_bytes() == changed
        assert data.journal.all() == []
        assert [h.file for h in data.held_backups()] == ["journal.json"]
        data.restore("journal.json")
        assert sorted(m.notice.what_happened for m in data.journal.all()) == ["I love you (0)", "I love you (1)"]
    _never_laundered(folder)
