"""`goldseam lock` and the commands that read a locked journal, as a script or a person uses them:
passphrases from standard input (never an argument), a wrong one said in one line with exit 1 (no
traceback), nothing of the passphrase or the words in any output, plain or sealed exports."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from goldseam.core.moment import RepairMoment
from goldseam.storage import sealing
from goldseam.storage.data_folder import DataFolder

PASS, NEW = "mountain path in fog", "a second passphrase now"
WORDS = "Geheimnis am Küchentisch, nur für mich"


def goldseam(folder, *args, stdin=""):
    env = {k: v for k, v in os.environ.items() if k != "GOLDSEAM_DATA_DIR"}
    return subprocess.run([sys.executable, "-m", "goldseam", "--data-dir", str(folder), *map(str, args)],
                          input=stdin, capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "data"
    with DataFolder.open(folder) as data:
        moment = RepairMoment()
        moment.notice.what_happened = WORDS
        data.journal.save(moment)
    return folder


def no_secrets(result, *secrets):
    for stream in (result.stdout, result.stderr):
        for secret in (*secrets, WORDS):
            assert secret not in stream
        assert "Traceback" not in stream


def test_enable_then_every_command_asks_and_a_wrong_passphrase_is_one_line(folder):
    enabled = goldseam(folder, "--passphrase-stdin", "lock", "enable", stdin=f"{PASS}\n{PASS}\n")
    assert enabled.returncode == 0, enabled.stderr
    recovery = enabled.stdout.strip()
    assert len(recovery) == 39 and recovery.count("-") == 7
    assert "lost" in enabled.stderr and "only this once" in enabled.stderr
    no_secrets(enabled, PASS)
    assert not [p for p in folder.rglob("*.json") if WORDS.encode() in p.read_bytes()]

    wrong = goldseam(folder, "--passphrase-stdin", "export", stdin="not the one at all\n")
    assert wrong.returncode == 1 and wrong.stdout == ""
    assert wrong.stderr.strip().splitlines() == ["goldseam: that passphrase does not open this journal"]

    no_terminal = goldseam(folder, "check")
    assert no_terminal.returncode == 1 and "--passphrase-stdin" in no_terminal.stderr

    exported = goldseam(folder, "--passphrase-stdin", "export", stdin=f"{PASS}\n")
    assert exported.returncode == 0, exported.stderr
    assert WORDS in json.loads(exported.stdout)["moments"][0]["notice"]["what_happened"]

    checked = goldseam(folder, "--passphrase-stdin", "check", stdin=f"{recovery}\n")    # the recovery key opens it too
    assert checked.returncode == 0 and "the lock is on" in checked.stderr and checked.stderr.rstrip().endswith("healthy")


def test_change_disable_and_a_sealed_export(folder, tmp_path):
    from goldseam.storage.key_file import KdfParams, new_recovery_key

    with DataFolder.open(folder) as data:         # a cheap key to start from (`lock enable` is tested above)
        data.enable_lock(PASS, new_recovery_key(), KdfParams(memory_kib=1024, iterations=1, lanes=1))
    sealing.let_go(folder)
    changed = goldseam(folder, "--passphrase-stdin", "lock", "change", stdin=f"{PASS}\n{NEW}\n{NEW}\n")
    assert changed.returncode == 0, changed.stderr
    no_secrets(changed, PASS, NEW)
    old = goldseam(folder, "--passphrase-stdin", "check", stdin=f"{PASS}\n")
    assert old.returncode == 1

    out = tmp_path / "sealed-export"
    sealed = goldseam(folder, "--passphrase-stdin", "export", "--sealed", "-o", out,
                      stdin=f"{NEW}\nexport passphrase\nexport passphrase\n")
    assert sealed.returncode == 0, sealed.stderr
    assert WORDS.encode() not in out.read_bytes() and out.read_bytes().startswith(b"GOLDSEAM-SEALED-EXPORT 1\n")
    other = tmp_path / "other"
    wrong = goldseam(other, "--passphrase-stdin", "import", out, stdin="not it at all\n")
    assert wrong.returncode == 1 and "does not open this sealed export" in wrong.stderr
    brought = goldseam(other, "--passphrase-stdin", "import", out, stdin="export passphrase\n")
    assert brought.returncode == 0 and "1 moment added" in brought.stderr
    with DataFolder.open(other) as data:
        assert [m.notice.what_happened for m in data.journal.all()] == [WORDS]

    off = goldseam(folder, "--passphrase-stdin", "lock", "disable", stdin=f"{NEW}\n")
    assert off.returncode == 0, off.stderr
    sealing.let_go(folder)
    assert not (folder / "seal.json").exists()
    with DataFolder.open(folder) as data:
        assert [m.notice.what_happened for m in data.journal.all()] == [WORDS]


def test_a_passphrase_is_never_taken_as_an_argument(folder):
    result = goldseam(folder, "lock", "enable", PASS)
    assert result.returncode == 2 and "invalid choice" not in result.stdout
    assert not (folder / "seal.json").exists()


def test_a_passphrase_in_another_encoding_is_taken_as_its_bytes(folder):
    """A terminal in Latin-1 sends bytes that are not UTF-8: no traceback, and the same bytes open it again."""
    env = {k: v for k, v in os.environ.items() if k != "GOLDSEAM_DATA_DIR"}
    run = lambda *args, stdin: subprocess.run([sys.executable, "-m", "goldseam", "--data-dir", str(folder), *args],  # noqa: E731
                                             input=stdin, capture_output=True, env=env, timeout=120)
    latin = "Grüße aus Köln, leise".encode("latin-1")
    enabled = run("--passphrase-stdin", "lock", "enable", stdin=latin + b"\n" + latin + b"\n")
    assert enabled.returncode == 0 and b"Traceback" not in enabled.stderr, enabled.stderr
    checked = run("--passphrase-stdin", "check", stdin=latin + b"\n")
    assert checked.returncode == 0, checked.stderr
    wrong = run("--passphrase-stdin", "check", stdin="Grüße aus Köln, leise".encode("utf-8") + b"\n")
    assert wrong.returncode == 1 and b"Traceback" not in wrong.stderr
