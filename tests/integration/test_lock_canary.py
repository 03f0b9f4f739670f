"""With the lock on, words written through the window and brought in by an import never reach the disk in
plain text: not the data folder, its backups, snapshots or temp files, not /tmp, not anything else this
machine's file systems changed meanwhile, and not the processes' output either."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from goldseam.core import transfer_format
from goldseam.core.moment import RepairMoment
from goldseam.storage import sealing
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.key_file import KdfParams, new_recovery_key
from goldseam.storage.sealed_export import seal_export

PASS, EXPORT_PASS = "lantern over the harbour", "export passphrase here"
CHEAP = KdfParams(memory_kib=1024, iterations=1, lanes=1)

# Types the words it reads on stdin into a repair, as keys, then saves the repair, makes a backup
# ("Back up now") and quits the way the window does. The words never appear in its own source or argv.
WINDOW = r"""
import sys
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtCore import QEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
folder, passphrase = sys.argv[1], sys.stdin.readline().rstrip("\n")
words = sys.stdin.readline().rstrip("\n")
from goldseam.storage import lock_setup
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.snapshots import Snapshots
from goldseam.ui.wiring import WindowParts
lock_setup.unlock(folder, passphrase)
data = DataFolder.open(folder)
data.settings.set("welcome_seen", True)
parts = WindowParts(data)
parts.window.show()
parts.window.activateWindow()
QTest.qWaitForWindowActive(parts.window)
parts.listen_for_second_start(folder)
parts.window.begin_repair()
QTest.qWait(50)
field = QApplication.focusWidget()
assert field is not None, "no field has the focus"
for ch in words:
    QApplication.sendEvent(field, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch))
QTest.qWait(900)                        # the autosave's rhythm: the draft is written as typed
parts.window.flush()
moment = parts.keeper.current_or_saved()
data.journal.save(moment)               # as finishing the repair keeps it
Snapshots(data.path, data.journal).make()
parts.hide.hide_now()
QTest.qWait(200)
parts.shutdown()
data.close()
print("done", flush=True)
"""


# Machine code and compressed archives (ELF, zip and wheels, gzip, xz, zstd, a .deb's ar): no plain
# search can find words in them, and they are what the other suite of a CI run writes by the hundred
# megabytes meanwhile (a bundle, a venv, a .deb): reading them tripled this test's time.
UNSEARCHABLE = (b"\x7fELF", b"PK\x03\x04", b"\x1f\x8b", b"\xfd7zXZ\x00", b"\x28\xb5\x2f\xfd", b"!<arch>\n")


def changed_files_holding(needles: list[bytes], since: float, roots: list[Path]) -> list[str]:
    """Every regular file under `roots` (each on its own file system) changed since `since` that holds a needle."""
    marker = Path(os.environ.get("TMPDIR", "/tmp")) / f".goldseam-canary-marker-{os.getpid()}"
    marker.touch()
    os.utime(marker, (since, since))
    found = []
    scanned: list[Path] = []
    try:
        for root in roots:
            if not root.is_dir() or any(_within(root, done) for done in scanned):
                continue        # on a file system already searched from above it
            scanned.append(root)
            listing = subprocess.run(["find", str(root), "-xdev", "-type", "f", "-newer", str(marker), "-print0"],
                                     capture_output=True, timeout=300).stdout
            for name in filter(None, listing.split(b"\0")):
                path = Path(os.fsdecode(name))
                try:
                    if path.stat().st_size > 64 * 1024 * 1024:
                        continue
                    with open(path, "rb") as file:
                        if file.read(8).startswith(UNSEARCHABLE):
                            continue
                        file.seek(0)
                        raw = file.read()
                except OSError:
                    continue        # gone meanwhile, or not ours to read
                if any(needle in raw for needle in needles):
                    found.append(str(path))
    finally:
        marker.unlink(missing_ok=True)
    return found


def _within(path: Path, root: Path) -> bool:
    """`path` lies under `root` on the same file system (find -xdev from `root` has seen it)."""
    try:
        return path.resolve().is_relative_to(root.resolve()) and path.stat().st_dev == root.stat().st_dev
    except OSError:
        return False


@pytest.mark.slow
def test_words_written_with_the_lock_on_never_reach_the_disk_in_plain_text(tmp_path):
    # Made here, so that not even this file holds them whole.
    tokens = ["Zebra" + "fink" + str(7391 + os.getpid() % 97), "Kran" + "ich" + str(4826 + os.getpid() % 89)]
    typed = f"{tokens[0]} sagt leise: ich war ungeduldig"
    imported = f"{tokens[1]} am Fenster, ein Satz aus dem Export"
    needles = [w.encode("utf-8") for w in tokens] + [w.encode("utf-16-le") for w in tokens]
    folder = tmp_path / "data"
    since = time.time() - 1
    with DataFolder.open(folder) as data:
        data.enable_lock(PASS, new_recovery_key(), CHEAP)
    sealing.let_go(folder)

    moment = RepairMoment()
    moment.notice.what_happened = imported
    document = transfer_format.dumps([moment])
    sealed = tmp_path / "from-elsewhere.goldseam"
    sealed.write_bytes(b"".join(seal_export([document.encode("utf-8")], EXPORT_PASS, CHEAP)))
    del document
    env = {k: v for k, v in os.environ.items() if k != "GOLDSEAM_DATA_DIR"}
    env.update(QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path))
    brought = subprocess.run([sys.executable, "-m", "goldseam", "--data-dir", str(folder), "--passphrase-stdin",
                              "import", str(sealed)], input=f"{PASS}\n{EXPORT_PASS}\n", capture_output=True,
                             text=True, env=env, timeout=120)
    assert brought.returncode == 0 and "1 moment added" in brought.stderr, brought.stderr
    window = subprocess.run([sys.executable, "-c", WINDOW, str(folder)], input=f"{PASS}\n{typed}\n",
                            capture_output=True, text=True, env=env, timeout=120)
    assert window.returncode == 0 and "done" in window.stdout, window.stderr[-2000:]

    for output in (brought.stdout, brought.stderr, window.stdout, window.stderr):
        assert not any(needle.decode("utf-8", "ignore") in output for needle in needles[:2])
    roots = [Path("/"), Path("/tmp"), Path("/var/tmp"), Path("/dev/shm"), Path("/run"), tmp_path, Path.home()]
    assert changed_files_holding(needles, since, roots) == []

    from goldseam.storage import lock_setup

    lock_setup.unlock(folder, PASS)             # and both are there, behind the passphrase
    with DataFolder.open(folder, read_only=True) as data:
        said = sorted(m.notice.what_happened for m in data.journal.all())
    sealing.let_go(folder)
    assert said == sorted([typed, imported])
