"""Find out, before Qt starts, whether a window can be shown at all.

Qt aborts the process when its platform plugin cannot load; a person
deserves one plain line instead.
"""

from __future__ import annotations

import os
import sys

from .i18n import _

XCB_LIBRARIES = ("libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxkbcommon-x11.so.0")
DEBIAN_PACKAGES = "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 libegl1"


def display_problem(environ: dict[str, str] | None = None) -> str | None:
    """One line saying why no window can open and how to fix it, or None if all looks well."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return None
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform:
        return None
    if env.get("WAYLAND_DISPLAY"):
        return None
    if not env.get("DISPLAY"):
        return _("goldseam: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set); "
                 "run it in a desktop session, or without a screen: xvfb-run make run")
    missing = [lib for lib in XCB_LIBRARIES if not _loadable(lib)]
    if missing:
        return _("goldseam: the X11 libraries Qt needs are missing ({libraries}); "
                 "on Debian/Ubuntu: sudo apt-get install {packages}").format(
            libraries=", ".join(missing), packages=DEBIAN_PACKAGES)
    return None


def _loadable(library: str) -> bool:
    import ctypes

    try:
        ctypes.CDLL(library)
    except OSError:
        return False
    return True
