"""Shared by the tests that start Goldseam as a real process."""

import shutil
import tempfile
from pathlib import Path

import pytest


@pytest.fixture
def runtime_dir(monkeypatch):
    """A private runtime folder, as a desktop session has, short enough for a socket path."""
    folder = Path(tempfile.mkdtemp(prefix="gs-run-"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)
