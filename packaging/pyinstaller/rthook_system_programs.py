"""Runs first in the bundle: the programs Goldseam starts (the system's sound player, spd-say,
gsettings, the file manager through xdg-open) load the system's libraries, not the bundle's.

PyInstaller's bootloader puts the bundle's folder first on LD_LIBRARY_PATH and keeps the old value
in LD_LIBRARY_PATH_ORIG. The loader of this process read it when the process began, so taking it
back now changes only what the children inherit (a system program loading the bundle's older or
newer GLib can fail to start)."""

import os

_original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
if _original is not None:
    os.environ["LD_LIBRARY_PATH"] = _original
else:
    os.environ.pop("LD_LIBRARY_PATH", None)
