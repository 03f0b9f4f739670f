import subprocess
import sys

import pytest

from goldseam.storage.data_folder import DataFolder
from goldseam.storage.errors import FolderLocked

HOLDER = """
import sys, time
from goldseam.storage.data_folder import DataFolder
d = DataFolder.open(sys.argv[1])
print("held", flush=True)
time.sleep(60)
"""


def test_a_second_writer_is_refused_until_the_first_dies(tmp_path):
    folder = tmp_path / "data"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(FolderLocked):
            DataFolder.open(folder)
        # readers are fine while the writer runs
        DataFolder.open(folder, read_only=True).close()
    finally:
        holder.kill()
        holder.wait()
    # the operating system dropped the lock with the process: no stale lock
    DataFolder.open(folder).close()


def test_same_process_cannot_open_twice(tmp_path):
    with DataFolder.open(tmp_path / "d"):
        with pytest.raises(FolderLocked):
            DataFolder.open(tmp_path / "d")
