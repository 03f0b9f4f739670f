"""The goldseam command as a person (or a script) uses it."""

import json
import os
import subprocess
import sys

import pytest

from goldseam import __version__
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.journal_migration import single_file_storage
from goldseam.storage.journal_parts import month_of


def goldseam(*args, env=None, **kw):
    full_env = {k: v for k, v in os.environ.items() if k != "GOLDSEAM_DATA_DIR"}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "goldseam", *map(str, args)], capture_output=True,
                          text=True, env=full_env, timeout=60, **kw)


@pytest.fixture
def journal_with_two(data_dir, sample_moment):
    with DataFolder.open(data_dir) as data:
        data.journal.save(sample_moment())
        data.journal.save(sample_moment(what="Cold silence at dinner 🫶🏽\r\nלילה טוב"))
    return data_dir


def the_journal(folder):
    """Every file of the journal (its parts, phrases, index and backups) and its bytes."""
    journal = folder / "journal"
    return {str(path.relative_to(journal)): path.read_bytes() for path in sorted(journal.rglob("*")) if path.is_file()}


def home_part(folder):
    """The part holding the two moments, saved this month: the one read at every open."""
    (part,) = (folder / "journal").glob("*-1.json")
    (record, *_) = json.loads(part.read_bytes())["data"]["moments"].values()
    assert part.name == month_of(record["created_at"]) + "-1.json"
    return part


def earlier_versions_folder(folder, moments):
    """A data folder as an earlier Goldseam left it: the whole journal in journal.json."""
    folder.mkdir(mode=0o700)
    single_file_storage(folder, read_only=False).write({"moments": {str(n): m.to_dict() for n, m in enumerate(moments, 1)}})
    return folder / "journal.json"


def test_version():
    result = goldseam("--version")
    assert result.returncode == 0 and __version__ in result.stdout


def test_export_import_export_gives_the_same_moments(tmp_path, journal_with_two):
    first = goldseam("--data-dir", journal_with_two, "export")
    assert first.returncode == 0, first.stderr
    assert first.stderr == ""                        # stdout carries only the document
    exported = tmp_path / "export.json"
    exported.write_text(first.stdout, encoding="utf-8")
    empty = tmp_path / "fresh"
    imported = goldseam("--data-dir", empty, "import", exported)
    assert imported.returncode == 0, imported.stderr
    assert "2 moments added" in imported.stderr
    second = goldseam("--data-dir", empty, "export")
    assert json.loads(second.stdout)["moments"] == json.loads(first.stdout)["moments"]
    again = goldseam("--data-dir", empty, "import", exported)
    assert "0 moments added" in again.stderr and "2 already here" in again.stderr


def test_export_to_a_private_file_and_markdown(tmp_path, journal_with_two):
    out = tmp_path / "mine.json"
    result = goldseam("--data-dir", journal_with_two, "export", "-o", out)
    assert result.returncode == 0 and result.stdout == ""
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert len(json.loads(out.read_text())["moments"]) == 2
    md = goldseam("--data-dir", journal_with_two, "export", "--format", "markdown")
    assert md.returncode == 0 and "Cold silence at dinner" in md.stdout and md.stdout.startswith("# ")


def test_data_dir_from_environment(journal_with_two):
    result = goldseam("export", env={"GOLDSEAM_DATA_DIR": str(journal_with_two)})
    assert len(json.loads(result.stdout)["moments"]) == 2


BAD_FILES = {
    "not json": ("{ nope", "line 1"),
    "wrong intensity": (None, "moments[1].notice.intensity at line"),
    "newer version": ('{"format": "goldseam-export", "version": 7, "moments": []}', "newer Goldseam"),
    "not an export": ('{"hello": 1}', "format"),
    "not utf-8": (b"\xff\xfe\x00junk", "UTF-8"),
    "too long": (None, "limit"),
}


def test_an_empty_data_dir_is_refused_not_taken_for_the_default_folder(tmp_path):
    """`--data-dir "$UNSET"` named no folder: Goldseam says so and touches no folder at all."""
    home = tmp_path / "home"
    home.mkdir()
    done = goldseam("--data-dir", "", "check", env={"HOME": str(home), "XDG_DATA_HOME": str(home / "data")})
    assert done.returncode == 2 and "--data-dir" in done.stderr and "empty" in done.stderr
    assert not (home / "data").exists() and list(home.iterdir()) == []


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_import_changes_nothing(tmp_path, journal_with_two, sample_moment, case):
    content, expected = BAD_FILES[case]
    if case == "wrong intensity":
        doc = json.loads(goldseam("--data-dir", journal_with_two, "export").stdout)
        doc["moments"][1]["notice"]["intensity"] = 42
        content = json.dumps(doc, indent=2)
    if case == "too long":
        doc = json.loads(goldseam("--data-dir", journal_with_two, "export").stdout)
        doc["moments"][0]["acknowledge"]["text"] = "y" * 100_001
        doc["moments"][0]["id"] = "2c6a1e3e-7fbd-4d2c-9a53-2f5f1c0b0b0b"
        content = json.dumps(doc)
    bad = tmp_path / "bad.json"
    bad.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    before = the_journal(journal_with_two)
    result = goldseam("--data-dir", journal_with_two, "import", bad)
    assert result.returncode == 1
    assert expected in result.stderr
    assert "Nothing was changed" in result.stderr
    assert the_journal(journal_with_two) == before


def test_missing_import_file(tmp_path, journal_with_two):
    result = goldseam("--data-dir", journal_with_two, "import", tmp_path / "nope.json")
    assert result.returncode == 1 and "no file" in result.stderr


def test_second_writer_refuses_while_the_folder_is_held(tmp_path, journal_with_two):
    export = tmp_path / "e.json"
    export.write_text(goldseam("--data-dir", journal_with_two, "export").stdout)
    before = the_journal(journal_with_two)
    with DataFolder.open(journal_with_two):
        result = goldseam("--data-dir", journal_with_two, "import", export)
        reading = goldseam("--data-dir", journal_with_two, "export")
    assert result.returncode == 1 and "Goldseam is open" in result.stderr
    assert the_journal(journal_with_two) == before
    assert reading.returncode == 0 and len(json.loads(reading.stdout)["moments"]) == 2


def test_check_healthy_problem_and_unreadable(tmp_path, journal_with_two):
    healthy = goldseam("--data-dir", journal_with_two, "check")
    assert healthy.returncode == 0, healthy.stderr
    assert "2 moments" in healthy.stderr and "healthy" in healthy.stderr
    part = home_part(journal_with_two)
    part.write_bytes(b"")
    broken = goldseam("--data-dir", journal_with_two, "check")
    assert broken.returncode == 1 and f"{part.name} cannot be understood" in broken.stderr
    assert part.read_bytes() == b""     # check changes nothing
    assert not list((journal_with_two / "journal").glob("*.corrupt-*"))
    missing = goldseam("--data-dir", tmp_path / "nowhere", "check")
    assert missing.returncode == 0, missing.stderr      # a fresh installation: nothing wrong
    assert "nothing stored yet" in missing.stderr and not (tmp_path / "nowhere").exists()
    (tmp_path / "a file").write_text("not a folder")
    not_a_folder = goldseam("--data-dir", tmp_path / "a file", "check")
    assert not_a_folder.returncode == 2 and "is not a folder" in not_a_folder.stderr


def test_check_of_an_earlier_versions_damaged_journal_changes_nothing(tmp_path, sample_moment):
    journal = earlier_versions_folder(tmp_path / "data", [sample_moment(), sample_moment()])
    healthy = goldseam("--data-dir", tmp_path / "data", "check")
    assert healthy.returncode == 0, healthy.stderr
    assert "journal.json: 2 moments" in healthy.stderr and "healthy" in healthy.stderr
    journal.write_bytes(b"")
    broken = goldseam("--data-dir", tmp_path / "data", "check")
    assert broken.returncode == 1 and "journal.json cannot be understood" in broken.stderr
    assert journal.read_bytes() == b""
    assert not (tmp_path / "data" / "journal").exists() and not list((tmp_path / "data").glob("*.corrupt-*"))


def test_no_display_says_so_in_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "goldseam", "--data-dir", str(tmp_path)],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no display" in lines[0] and "xvfb-run" in lines[0]


@pytest.mark.parametrize("where", ["a part", "journal.json of an earlier version"])
def test_damaged_journal_is_left_exactly_as_it_is_by_commands(tmp_path, journal_with_two, sample_moment, where):
    export = tmp_path / "e.json"
    export.write_text(goldseam("--data-dir", journal_with_two, "export").stdout)
    if where == "a part":
        folder = journal_with_two
        damaged = home_part(folder)
    else:
        folder = tmp_path / "earlier"
        damaged = earlier_versions_folder(folder, [sample_moment()])
    damaged.write_bytes(b'{"format": "goldseam-journal", "sch')
    for args in (("export",), ("import", export)):
        result = goldseam("--data-dir", folder, *args)
        assert result.returncode == 1
        assert "restore a backup" in result.stderr
        assert damaged.name in result.stderr
        assert result.stdout == ""
    assert damaged.read_bytes() == b'{"format": "goldseam-journal", "sch'
    assert not list(folder.glob("*.corrupt-*")) and not list(folder.glob("journal/*.corrupt-*"))
    if where != "a part":
        assert not (folder / "journal").exists()      # not moved into parts by a command that changes nothing


@pytest.fixture
def folder_of_love(data_dir, sample_moment):
    """A data folder whose part, own phrases, draft and promises each hold "I love you"."""
    from goldseam.core.repository import OwnPhrase

    pause = sample_moment(what="I love you, a pause")
    pause.kind = "pause"
    with DataFolder.open(data_dir) as data:
        data.journal.save(sample_moment(what="I love you"))
        data.journal.keep_phrase(OwnPhrase("I love you", "reset"))
        data.drafts.save(sample_moment(what="I love you, unfinished"))
        data.promises.keep_pause(pause)
    return data_dir


def the_folder(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("where", ["a part", "journal/phrases.json", "draft.json", "promises.json"])
def test_a_file_changed_since_goldseam_wrote_it_is_named_by_check_and_export(folder_of_love, where):
    changed = home_part(folder_of_love) if where == "a part" else folder_of_love / where
    raw = changed.read_bytes()
    assert b"love" in raw
    changed.write_bytes(raw.replace(b"love", b"hate"))      # the same length: it still reads; its checksum does not match
    before = the_folder(folder_of_love)
    check = goldseam("--data-dir", folder_of_love, "check")
    assert check.returncode == 1, check.stderr
    assert f"{changed.name} cannot be understood: its checksum shows it has changed since Goldseam wrote it" \
        in check.stderr
    export = goldseam("--data-dir", folder_of_love, "export")
    if where in ("a part", "journal/phrases.json"):         # the files an export is made of
        assert export.returncode == 1 and changed.name in export.stderr and "changed since Goldseam" in export.stderr
        assert export.stdout == "" and "hate" not in export.stderr
    else:
        assert export.returncode == 0, export.stderr
    assert the_folder(folder_of_love) == before              # neither command changes anything
