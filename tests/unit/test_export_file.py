"""What `goldseam export` writes: one moment to a line, oldest first, the journal's own words
as it holds them now, and only what `goldseam import` takes back."""

import json
import os
from datetime import datetime, timezone

import pytest

from goldseam import cli
from goldseam.core import clock, transfer_format
from goldseam.storage.data_folder import DataFolder
from journal_files import journal_folder, part_of

EXPORTED_AT = datetime(2026, 11, 28, 21, 0, tzinfo=timezone.utc)


@pytest.fixture
def frozen_clock(monkeypatch):
    """The export's own time, so that two documents of the same moments can be compared byte for byte."""
    monkeypatch.setattr(clock, "now", lambda: EXPORTED_AT)


def _journal(folder, sample_moment, *whats):
    moments = []
    with DataFolder.open(folder) as data:
        for n, what in enumerate(whats):
            moment = sample_moment(what=what)
            moment.created_at = moment.updated_at = f"2024-0{n + 1}-01T20:00:00+02:00"
            moments.append(moment)
        for moment in reversed(moments):            # saved newest first: the export still reads as a history
            data.journal.save(moment)
    return moments


def _export(folder, tmp_path, capsys):
    out = tmp_path / "export.json"
    status = cli.main(["--data-dir", str(folder), "export", "-o", str(out)])
    return status, out, capsys.readouterr().err


def test_one_moment_to_a_line_oldest_first(tmp_path, sample_moment, capsys, frozen_clock):
    folder = tmp_path / "data"
    moments = _journal(folder, sample_moment, "first", "second 🫶🏽 \"quoted\"\nnext line", "third")
    status, out, err = _export(folder, tmp_path, capsys)
    assert status == 0 and err.startswith("goldseam: exported 3 moments to ")
    assert os.stat(out).st_mode & 0o777 == 0o600
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[0].startswith('{"format":"goldseam-export","version":1,') and lines[0].endswith('"moments":[')
    assert lines[4:] == ["]}", ""]
    for line, moment in zip(lines[1:4], moments):
        record = json.loads(line.rstrip(","))
        assert "schema" not in record and record == {k: v for k, v in moment.to_dict().items() if k != "schema"}
    assert "🫶🏽" in lines[2]                    # the person's words stay readable, not \u escapes
    assert transfer_format.parse(out.read_text(encoding="utf-8")).moments == moments
    # read month by month, the document is byte for byte the one of these moments, oldest first
    assert out.read_bytes() == transfer_format.dumps(moments).encode("utf-8")


def test_a_month_kept_in_several_parts_is_exported_in_time_order(tmp_path, sample_moment, capsys, monkeypatch,
                                                                 frozen_clock):
    monkeypatch.setattr("goldseam.storage.journal.PART_BYTES", 3000)     # a few moments to a part
    folder = tmp_path / "data"
    moments = []
    for day in (28, 3, 17, 9, 30, 1, 22, 12, 5, 25):                     # saved in no order
        moment = sample_moment(what=f"the {day}th")
        moment.created_at = moment.updated_at = f"2024-03-{day:02d}T20:00:00-05:00"
        moments.append(moment)
    late_february = sample_moment(what="the 29th, in the evening where it was written")
    late_february.created_at = late_february.updated_at = "2024-02-29T23:30:00-05:00"    # March in UTC
    moments.append(late_february)
    with DataFolder.open(folder) as data:
        for moment in moments:
            data.journal.save(moment)
    parts = sorted(p.name for p in journal_folder(folder).glob("2024-03-*.json"))
    assert len(parts) > 2, parts
    status, out, err = _export(folder, tmp_path, capsys)
    assert status == 0 and "exported 11 moments" in err
    oldest_first = sorted(moments, key=lambda m: clock.from_iso(m.created_at))
    assert oldest_first[0] is late_february
    assert out.read_bytes() == transfer_format.dumps(oldest_first).encode("utf-8")


def test_a_journal_changed_outside_goldseam_is_exported_as_it_reads_now(tmp_path, sample_moment, capsys):
    folder = tmp_path / "data"
    kept, _other = _journal(folder, sample_moment, "kept words", "other words")
    part = part_of(folder, kept)
    raw = part.read_bytes()
    earlier = raw[: raw.rindex(b',"crc32":"')] + b"}"           # a file of an earlier version: no checksum
    part.write_bytes(earlier.replace(b"kept words", b"newer text"))    # then an editor, say
    status, out, _err = _export(folder, tmp_path, capsys)
    text = out.read_text(encoding="utf-8")
    assert status == 0 and "newer text" in text and "kept words" not in text
    assert [m.notice.what_happened for m in transfer_format.parse(text).moments] == ["newer text", "other words"]


def test_a_journal_changed_under_its_checksum_is_not_exported(tmp_path, sample_moment, capsys):
    """The same edit in a file whose checksum Goldseam wrote: the words are no longer what Goldseam
    wrote, so they are not handed out as the person's; the export stops and names the file."""
    folder = tmp_path / "data"
    kept, _other = _journal(folder, sample_moment, "kept words", "other words")
    part = part_of(folder, kept)
    changed = part.read_bytes().replace(b"kept words", b"newer text")
    part.write_bytes(changed)
    status, out, err = _export(folder, tmp_path, capsys)
    assert status == 1 and part.name in err and "changed since Goldseam wrote it" in err
    assert not out.exists()
    assert part.read_bytes() == changed                 # export changes nothing


def test_records_in_another_form_are_exported_as_the_reader_reads_them(tmp_path, sample_moment, capsys):
    folder = tmp_path / "data"
    (written,) = _journal(folder, sample_moment, "written by Goldseam")
    part = part_of(folder, written)
    document = json.loads(part.read_text())
    odd = sample_moment(what="by hand").to_dict()
    del odd["schema"], odd["pause"], odd["tags"]
    odd["id"] = odd["id"].upper()
    odd["created_at"] = "2023-12-24T18:00:00+01:00"
    document["data"]["moments"]["7"] = odd
    document["data"]["moments"]["8"] = {"id": "not-a-uuid", "created_at": "someday"}
    part.write_text(json.dumps(document, indent=1))      # December 2023 kept in a January part, by hand
    status, out, err = _export(folder, tmp_path, capsys)
    assert status == 1 and "exported 2 moments" in err and "left out 1 moment this version" in err
    lines = out.read_text(encoding="utf-8").split("\n")
    first = json.loads(lines[1].rstrip(","))
    assert first["id"] == odd["id"].lower() and first["tags"] == [] and first["pause"]["outcome"] is None
    assert len(transfer_format.parse("\n".join(lines)).moments) == 2


def test_no_data_folder_exports_an_empty_history(tmp_path, capsys):
    status = cli.main(["--data-dir", str(tmp_path / "nothing here"), "export"])
    out = capsys.readouterr().out
    assert status == 0 and out.endswith('"moments":[]}\n')
    assert transfer_format.parse(out).moments == []
