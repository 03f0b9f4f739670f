"""The only place that finds files in resources/.

Installed wheel and the standalone program (packaging/pyinstaller/goldseam.spec puts them in the
same place): goldseam/resources beside this module. Checkout: <repo>/resources.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def resources_root() -> Path:
    packaged = Path(__file__).resolve().parent / "resources"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "resources"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("Goldseam's resources folder is missing from this installation")


def resource_path(relative: str) -> Path:
    return resources_root() / relative


def read_text(relative: str) -> str:
    return resource_path(relative).read_text(encoding="utf-8")


def style_sheet(name: str = "calm") -> str:
    """The text of resources/styles/NAME.qss (the UI applies it, but reads no files itself)."""
    return read_text(f"styles/{name}.qss")
