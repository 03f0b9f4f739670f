"""The journal as a folder of month parts (issue 8): where each moment is kept, what one save
rewrites, moments that change month, the derived index, a damaged month, imports, backups' size
and long non-ASCII texts."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from goldseam.core import transfer_format
from goldseam.core.moment import RepairMoment
from goldseam.storage import transfer
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.journal import MOMENTS, OwnPhrase, part_storage
from goldseam.storage.journal_parts import INDEX_FILE, PART_BYTES, PHRASES_FILE, is_journal_file, list_parts
from goldseam.storage.safe_storage import SafeStorage


def dated(month: str, day: int = 10, what: str = "", hour: int = 20) -> RepairMoment:
    moment = RepairMoment()
    moment.notice.what_happened = what or f"a moment of {month}"
    moment.acknowledge.text = "I hear you."
    moment.created_at = moment.updated_at = f"{month}-{day:02d}T{hour:02d}:00:00+00:00"
    return moment


def journal_of(folder: Path) -> Path:
    return Path(folder) / "journal"


def ids_per_part(folder: Path) -> dict[str, list[str]]:
    """Every part on disk and the ids it holds, each part read as Goldseam reads it (checksum checked)."""
    found = {}
    for part in list_parts(journal_of(folder)):
        data = part_storage(journal_of(folder) / part.file, read_only=True).read() or {}
        found[part.file] = [record["id"] for record in (data.get(MOMENTS) or {}).values()]
    return found


def records_in(folder: Path, name: str) -> list[dict]:
    data = part_storage(journal_of(folder) / name, read_only=True).read() or {}
    return list((data.get(MOMENTS) or {}).values())


def stored_times(folder: Path) -> Counter:
    return Counter(i for ids in ids_per_part(folder).values() for i in ids)


def stamps(folder: Path) -> dict[str, tuple[int, int, int]]:
    """inode, mtime and size of every file of the journal that holds words (parts and phrases)."""
    out = {}
    for entry in os.scandir(journal_of(folder)):
        if entry.is_file(follow_symlinks=False) and is_journal_file(entry.name):
            info = entry.stat(follow_symlinks=False)
            out[entry.name] = (info.st_ino, info.st_mtime_ns, info.st_size)
    return out


def changed(before: dict, after: dict) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def exported(data: DataFolder) -> list[RepairMoment]:
    return transfer_format.parse("".join(transfer.export_journal(data.journal))).moments


# -- where moments live ------------------------------------------------------------


def test_moments_land_in_the_part_of_their_utc_month(tmp_path):
    folder = tmp_path / "data"
    january = dated("2025-01", 15)
    march = dated("2025-03", 2)
    late_february = RepairMoment(created_at="2025-03-01T01:30:00+05:00")     # 2025-02-28 20:30 UTC
    with DataFolder.open(folder) as data:
        for moment in (january, march, late_february):
            data.journal.save(moment)
    assert ids_per_part(folder) == {"2025-01-1.json": [january.id], "2025-02-1.json": [late_february.id],
                                    "2025-03-1.json": [march.id]}


def test_a_full_month_continues_in_a_second_part(tmp_path):
    folder = tmp_path / "data"
    saved: list[RepairMoment] = []
    with DataFolder.open(folder) as data:
        while "2025-04-2.json" not in stamps(folder):
            assert len(saved) < 100, "the month never began a second part"
            moment = dated("2025-04", 1 + len(saved) % 28, what=f"moment {len(saved)} " + "long words " * 600)
            data.journal.save(moment)
            saved.append(moment)
        first_part = (journal_of(folder) / "2025-04-1.json").stat().st_size
        assert PART_BYTES * 0.9 < first_part <= PART_BYTES + 1024
        assert ids_per_part(folder)["2025-04-2.json"] == [saved[-1].id]
        before = stamps(folder)
        more = [dated("2025-04", 28, what=f"later {n}") for n in range(3)]
        for moment in more:
            data.journal.save(moment)
        assert changed(before, stamps(folder)) == {"2025-04-2.json"}      # the full part is left alone
        # an edit of a moment of the full first part stays where it is
        saved[0].notice.what_happened = "edited"
        saved[0].touch()
        data.journal.save(saved[0])
    parts = ids_per_part(folder)
    assert parts["2025-04-1.json"] == [m.id for m in saved[:-1]]
    assert parts["2025-04-2.json"] == [saved[-1].id] + [m.id for m in more]
    with DataFolder.open(folder) as data:
        assert data.journal.count() == len(saved) + 3
        assert data.journal.get(saved[0].id).notice.what_happened == "edited"
        assert sorted(m.id for m in data.journal.all()) == sorted(m.id for m in saved + more)


def test_a_save_rewrites_only_the_part_of_its_month(tmp_path):
    folder = tmp_path / "data"
    months = ("2024-11", "2024-12", "2025-01", "2025-02")
    kept = {}
    with DataFolder.open(folder) as data:
        for month in months:
            for day in (3, 4):
                kept[month] = dated(month, day)
                data.journal.save(kept[month])
        data.journal.keep_phrase(OwnPhrase("Can we start over?"))
    with DataFolder.open(folder) as data:
        data.journal.count()
        before = stamps(folder)
        data.journal.save(dated("2024-12", 20, what="remembered late"))         # a new moment of an old month
        assert changed(before, stamps(folder)) == {"2024-12-1.json"}
        before = stamps(folder)
        kept["2025-01"].notice.what_happened = "edited"                          # an edit
        kept["2025-01"].touch()
        data.journal.save(kept["2025-01"])
        assert changed(before, stamps(folder)) == {"2025-01-1.json"}
        before = stamps(folder)
        data.journal.keep_phrase(OwnPhrase("I'm sorry I raised my voice."))
        assert changed(before, stamps(folder)) == {PHRASES_FILE}
        before = stamps(folder)
        data.journal.save(dated("2025-03", 1))                                  # a month that had no part yet
        assert changed(before, stamps(folder)) == {"2025-03-1.json"}


# -- moments that change month -------------------------------------------------------


def test_a_moment_edited_into_another_month_moves(tmp_path):
    folder = tmp_path / "data"
    moving = dated("2025-01", 12, what="it moves")
    stays = dated("2025-01", 13, what="it stays")
    with DataFolder.open(folder) as data:
        data.journal.save(moving)
        data.journal.save(stays)
        data.journal.save(dated("2025-03", 1))
        moving.created_at = "2025-03-05T10:00:00+00:00"
        moving.touch()
        data.journal.save(moving)
        assert [m.id for m in data.journal.all()].count(moving.id) == 1
        assert data.journal.get(moving.id).created_at == "2025-03-05T10:00:00+00:00"
    parts = ids_per_part(folder)
    assert parts["2025-01-1.json"] == [stays.id]
    assert moving.id in parts["2025-03-1.json"]
    assert stored_times(folder)[moving.id] == 1
    with DataFolder.open(folder, read_only=True) as data:
        assert [m.id for m in data.journal.all()].count(moving.id) == 1
        out = [m for m in exported(data) if m.id == moving.id]
        assert [m.created_at for m in out] == ["2025-03-05T10:00:00+00:00"]
        assert data.journal.count() == 3


def move_cut_short(folder: Path, moving: RepairMoment, new_month: str) -> None:
    """What a session killed in the middle of a move leaves: `moving`, edited into `new_month`, written
    into that month's part, and not yet removed from its old one (the index not written either)."""
    newer = RepairMoment.from_dict(moving.to_dict())
    newer.notice.what_happened = "after the edit"
    newer.created_at = f"{new_month}-05T10:00:00+00:00"
    newer.updated_at = "2025-06-01T09:00:00+00:00"
    target = part_storage(journal_of(folder) / f"{new_month}-1.json", read_only=False)
    tables = target.read()
    tables[MOMENTS]["99"] = newer.to_dict()
    target.write(tables)


@pytest.mark.parametrize("direction", ["forward", "back"])
def test_a_move_cut_short_is_settled_at_the_next_open(tmp_path, direction):
    """The moment was written into its new month and the session was killed before it was
    removed from the old one (and before the index was written): at the next open it is kept
    once, in its newer form, and the stale copy leaves its part on disk."""
    folder = tmp_path / "data"
    old_month, new_month = ("2025-01", "2025-03") if direction == "forward" else ("2025-03", "2025-01")
    moving = dated(old_month, 12, what="before the edit")
    neighbour_old, neighbour_new = dated(old_month, 20), dated(new_month, 21)
    with DataFolder.open(folder) as data:
        for moment in (moving, neighbour_old, neighbour_new):
            data.journal.save(moment)
    move_cut_short(folder, moving, new_month)
    assert stored_times(folder)[moving.id] == 2

    with DataFolder.open(folder) as data:
        assert data.journal.count() == 3
        assert data.journal.get(moving.id).notice.what_happened == "after the edit"
        assert [m.notice.what_happened for m in data.journal.all() if m.id == moving.id] == ["after the edit"]
    assert stored_times(folder)[moving.id] == 1
    assert moving.id in ids_per_part(folder)[f"{new_month}-1.json"]
    assert ids_per_part(folder)[f"{old_month}-1.json"] == [neighbour_old.id]


@pytest.mark.parametrize("reader", ["look back", "export"])
@pytest.mark.parametrize("direction", ["forward", "back"])
def test_a_move_cut_short_shows_the_newer_copy_before_anything_else_is_asked(tmp_path, direction, reader):
    """The look back (all()) and an export right after such a crash, before any save, get or
    count, show the moment once and in its newer form."""
    folder = tmp_path / "data"
    old_month, new_month = ("2025-01", "2025-03") if direction == "forward" else ("2025-03", "2025-01")
    moving = dated(old_month, 12, what="before the edit")
    with DataFolder.open(folder) as data:
        data.journal.save(moving)
        data.journal.save(dated(new_month, 21))
    move_cut_short(folder, moving, new_month)

    if reader == "look back":
        with DataFolder.open(folder) as data:
            assert [m.notice.what_happened for m in data.journal.all() if m.id == moving.id] == ["after the edit"]
    else:
        with DataFolder.open(folder, read_only=True) as data:       # goldseam export
            assert [m.notice.what_happened for m in exported(data) if m.id == moving.id] == ["after the edit"]


# -- the index is derived ----------------------------------------------------------------


@pytest.mark.parametrize("damage", ["deleted", "garbage", "stale"])
def test_the_index_is_rebuilt_from_the_parts(tmp_path, damage):
    folder = tmp_path / "data"
    moments = [dated(month, day, what=f"{month} {day}") for month in ("2025-01", "2025-02", "2025-03") for day in (4, 5)]
    with DataFolder.open(folder) as data:
        for moment in moments:
            data.journal.save(moment)
        data.journal.count()
    index = journal_of(folder) / INDEX_FILE
    assert index.is_file()
    expected = {m.id: m for m in moments}
    if damage == "deleted":
        index.unlink()
    elif damage == "garbage":
        index.write_bytes(b"\x00\xff{not an index")
    else:   # a part changed behind the index's back (a session killed before it wrote the index)
        february = part_storage(journal_of(folder) / "2025-02-1.json", read_only=False)
        tables = february.read()
        gone_key = next(k for k, r in tables[MOMENTS].items() if r["id"] == moments[2].id)
        del tables[MOMENTS][gone_key]
        sneaked = dated("2025-02", 9, what="written by another session")
        tables[MOMENTS]["77"] = sneaked.to_dict()
        february.write(tables)
        del expected[moments[2].id]
        expected[sneaked.id] = sneaked

    with DataFolder.open(folder) as data:
        journal = data.journal
        assert journal.count() == len(expected)
        for moment_id, moment in expected.items():
            assert journal.get(moment_id).notice.what_happened == moment.notice.what_happened
        if damage == "stale":
            assert journal.get(moments[2].id) is None
        fresh = dated("2025-02", 28, what="imported")
        result = journal.import_moments(list(expected.values()) + [fresh])
        assert (result.added, result.unchanged) == (1, len(expected))
        # a save after that goes into its month's part, replacing the moment where it is
        edited = next(m for m in expected.values() if m.created_at.startswith("2025-02"))
        edited.notice.what_happened = "edited after the rebuild"
        edited.touch()
        journal.save(edited)
        journal.save(dated("2025-01", 30, what="new after the rebuild"))
    times = stored_times(folder)
    assert set(times.values()) == {1}
    assert len(times) == len(expected) + 2
    assert edited.id in ids_per_part(folder)["2025-02-1.json"]
    with DataFolder.open(folder, read_only=True) as data:
        assert data.journal.count() == len(expected) + 2
        assert data.journal.get(edited.id).notice.what_happened == "edited after the rebuild"


# -- a damaged month ------------------------------------------------------------------------


@pytest.mark.parametrize("damaged", ["2025-02", "2025-03"])      # an older month; the newest (read at open)
def test_a_damaged_month_is_set_aside_alone_and_restored(tmp_path, damaged):
    folder = tmp_path / "data"
    by_month: dict[str, list[RepairMoment]] = {}
    with DataFolder.open(folder) as data:
        for month in ("2025-01", "2025-02", "2025-03"):
            for day in (3, 4, 5):            # three saves: the part has backups of its own
                moment = dated(month, day, what=f"{month} {day}")
                data.journal.save(moment)
                by_month.setdefault(month, []).append(moment)
    name = f"{damaged}-1.json"
    others = {n: (journal_of(folder) / n).read_bytes() for n in ids_per_part(folder) if n != name}
    (journal_of(folder) / name).write_bytes(b"\x00\x13garbage, not a journal \xff" * 40)
    fine = [m for month, ms in by_month.items() if month != damaged for m in ms]

    with DataFolder.open(folder) as data:
        shown = data.journal.all()
        assert sorted(m.id for m in shown) == sorted(m.id for m in fine)
        assert [p.path.name for p in data.journal.problems] == [name]
        assert [h.file for h in data.held_backups()] == [name]
        assert sorted(m.id for m in exported(data)) == sorted(m.id for m in fine)
        since = dated(damaged, 20, what="written after the damage")
        data.journal.save(since)
    set_aside = sorted(p.name for p in journal_of(folder).glob("*.corrupt-*"))
    assert len(set_aside) == 1 and set_aside[0].startswith(f"{damaged}-1.corrupt-") and set_aside[0].endswith(".json")
    assert {n: (journal_of(folder) / n).read_bytes() for n in others} == others      # the other months untouched

    with DataFolder.open(folder, read_only=True) as data:     # goldseam export, before the person decides
        assert sorted(m.id for m in exported(data)) == sorted(m.id for m in fine + [since])

    with DataFolder.open(folder) as data:
        assert [h.file for h in data.held_backups()] == [name]
        data.restore(name)
        everything = fine + by_month[damaged] + [since]
        # the newest backup holds the part as it was before its last save: two of its three moments
        restored = {m.id for m in data.journal.all()}
        assert {m.id for m in by_month[damaged][:2]} <= restored
        assert {m.id for m in fine} | {since.id} <= restored
        assert data.journal.get(since.id).notice.what_happened == "written after the damage"
        assert data.held_backups() == []
        assert data.journal.count() == len(restored)
    times = stored_times(folder)
    assert set(times.values()) == {1}
    assert {since.id, *(m.id for m in by_month[damaged][:2])} <= set(ids_per_part(folder)[name])
    assert set(times) <= {m.id for m in everything}
    assert len(list(journal_of(folder).glob("*.corrupt-*"))) == 1        # the damaged file is never removed


# -- imports --------------------------------------------------------------------------------


def test_an_import_across_months_writes_each_affected_part_once(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        for month in ("2024-12", "2025-01", "2025-02"):
            data.journal.save(dated(month, 1))
    words = "a line of about a kilobyte " * 40
    incoming = ([dated("2025-01", 2 + n % 27, what=f"jan {n} {words}") for n in range(30)]
                + [dated("2025-02", 2 + n % 27, what=f"feb {n} {words}") for n in range(30)]
                + [dated("2025-04", 2 + n % 27, what=f"apr {n} {words}") for n in range(30)]
                + [dated("2025-05", 1 + n % 28, what=f"may {n} {words}") for n in range(400)])   # > one part
    writes: Counter[str] = Counter()
    real_write = SafeStorage.serialized       # an import writes each file once, all in one transaction

    def counting_write(self, data, *rest):
        writes[self.path.name] += 1
        return real_write(self, data, *rest)

    with DataFolder.open(folder) as data:
        data.journal.count()
        before = stamps(folder)
        monkeypatch.setattr(SafeStorage, "serialized", counting_write)
        result = data.journal.import_moments(incoming)
        monkeypatch.setattr(SafeStorage, "serialized", real_write)
        assert (result.added, result.unchanged) == (len(incoming), 0)
    may_parts = sorted(n for n in ids_per_part(folder) if n.startswith("2025-05-"))
    assert len(may_parts) >= 2
    affected = {"2025-01-1.json", "2025-02-1.json", "2025-04-1.json", *may_parts}
    assert dict(writes) == dict.fromkeys(affected, 1)
    assert changed(before, stamps(folder)) == affected           # 2024-12 and the phrases untouched
    assert all((journal_of(folder) / n).stat().st_size <= PART_BYTES + 4096 for n in may_parts)
    times = stored_times(folder)
    assert set(times.values()) == {1} and len(times) == 3 + len(incoming)

    writes.clear()
    with DataFolder.open(folder) as data:
        monkeypatch.setattr(SafeStorage, "serialized", counting_write)
        again = data.journal.import_moments(incoming[:50] + incoming[-50:])
        monkeypatch.setattr(SafeStorage, "serialized", real_write)
        assert (again.added, again.unchanged) == (0, 100)
    assert not writes


# -- backups ----------------------------------------------------------------------------------


def unique_bytes(paths) -> int:
    seen: dict[int, int] = {}
    for path in paths:
        info = os.lstat(path)
        seen.setdefault(info.st_ino, info.st_size)
    return sum(seen.values())


@pytest.mark.parametrize("order", ["month after month", "interleaved"])
def test_backups_stay_within_twice_the_journal(tmp_path, order):
    """100 saves of ~1 KB moments spread over 3 months: the journal's backups folder holds at most
    twice the journal's bytes (a file hard-linked several times counted once)."""
    folder = tmp_path / "data"
    months = ("2025-01", "2025-02", "2025-03")
    with DataFolder.open(folder) as data:
        for n in range(100):
            month = months[n * 3 // 100] if order == "month after month" else months[n % 3]
            data.journal.save(dated(month, 1 + n % 28, what=f"moment {n} " + "about a kilobyte of words " * 38))
    journal = journal_of(folder)
    live = [journal / n for n in stamps(folder)]
    live_inodes = {os.lstat(p).st_ino for p in live}
    journal_bytes = unique_bytes(live)
    backups = [p for p in (journal / "backups").rglob("*") if p.is_file() and os.lstat(p).st_ino not in live_inodes]
    backup_bytes = unique_bytes(backups)
    assert journal_bytes > 100 * 1000
    print(f"{order}: journal {journal_bytes} bytes, backups {backup_bytes} ({backup_bytes / journal_bytes:.2f}x)")
    assert backup_bytes <= 2 * journal_bytes, (
        f"backups {backup_bytes} bytes for a journal of {journal_bytes} ({backup_bytes / journal_bytes:.2f}x); "
        f"{len(backups)} backup files: {sorted(p.name for p in backups)}")


# -- long texts ------------------------------------------------------------------------------

TEXTS = [
    "Grüße, Müller, Übermut — " * 200,
    "สวัสดีครับ ขอโทษที่ขึ้นเสียง เราเริ่มใหม่ได้ไหม " * 120,
    "🫶🏽 👨‍👩‍👧 ❤️‍🩹 🙏 " * 400,
    "line one\r\nline two\n\u2028\u2029 \"quoted\" \\back\\slash\t tab " * 150,
    "שלום, مرحبا, 你好, こんにちは " * 200,
]


def test_long_non_ascii_texts_round_trip_through_the_parts(tmp_path):
    folder = tmp_path / "data"
    moments = []
    for n, text in enumerate(TEXTS):
        moment = dated(("2025-01", "2025-02")[n % 2], n + 1, what=text)
        moment.acknowledge.text = text[::-1]
        moment.reach_back.phrase = text[:500]
        moment.tags = ["ü", "ไทย", "🫶🏽"]
        moments.append(moment)
    assert all(len(t) >= 3000 for t in TEXTS)
    with DataFolder.open(folder) as data:
        for moment in moments:
            data.journal.save(moment)
        data.journal.keep_phrase(OwnPhrase(TEXTS[1][:800], "reset"))
    for name in ids_per_part(folder):
        (journal_of(folder) / name).read_bytes().decode("utf-8")       # stored as UTF-8
    by_id = {m.id: m.to_dict() for m in moments}
    with DataFolder.open(folder) as data:
        assert {m.id: m.to_dict() for m in data.journal.all()} == by_id
        assert all(data.journal.get(i).to_dict() == d for i, d in by_id.items())
        assert [p.text for p in data.journal.own_phrases()] == [TEXTS[1][:800]]
    with DataFolder.open(folder, read_only=True) as data:
        text = "".join(transfer.export_journal(data.journal))
        assert {m.id: m.to_dict() for m in transfer_format.parse(text).moments} == by_id
    other = tmp_path / "other"
    with DataFolder.open(other) as data:
        data.journal.import_moments(transfer_format.parse(text).moments)
    with DataFolder.open(other) as data:
        assert {m.id: m.to_dict() for m in data.journal.all()} == by_id


@pytest.mark.parametrize("when", ["2024-05-31T23:30:00+00:00", "2024-05-31T23:30Z", "2024-05-31 23:30:00.123456+00:00",
                                  "2024-06-01T00:30:00+02:00", "2024-05-31T23:30:00-01:00", "2024-05-31T23:30:00-00:00",
                                  "1900-01-01T00:00:00Z", "2200-12-31T23:59:59+00:00", "2024-12-31T23:00:00-14:00"])
def test_the_month_of_a_checked_time_without_parsing_it_is_its_month(when):
    from goldseam.storage.journal_parts import month_of, month_of_checked

    assert month_of_checked(when) == month_of(when)
