"""The only place that decides where Goldseam keeps its files.

Order: --data-dir, then GOLDSEAM_DATA_DIR, then the platform's user data
folder (appdirs: XDG on Linux, Application Support on macOS, AppData on Windows).
"""

from __future__ import annotations

import os
from pathlib import Path

import appdirs

from . import APP_NAME

ENV_DATA_DIR = "GOLDSEAM_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    if override:
        return Path(override).expanduser().resolve()
    from_env = os.environ.get(ENV_DATA_DIR)
    if from_env:
        return Path(from_env).expanduser().resolve()
    return Path(appdirs.user_data_dir(APP_NAME, appauthor=False))

