"""Whether the desktop asks for less motion. Qt says so from 6.12 (QAccessibilityHints'
motionPreference); before that, GNOME and desktops built on its settings keep it as
"enable-animations", read through the gsettings tool when it is there. Anything else: no."""

from __future__ import annotations

import subprocess

GNOME_INTERFACE = "org.gnome.desktop.interface"


def system_prefers_still() -> bool:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    hints = QGuiApplication.styleHints()
    preference = getattr(hints.accessibility(), "motionPreference", None) if hasattr(hints, "accessibility") else None
    if preference is not None:
        return preference() == getattr(Qt.MotionPreference, "ReducedMotion", object())
    return _gnome_animations_off()


def _gnome_animations_off() -> bool:
    from PySide6.QtCore import QStandardPaths

    tool = QStandardPaths.findExecutable("gsettings")
    if not tool:
        return False
    try:
        answer = subprocess.run([tool, "get", GNOME_INTERFACE, "enable-animations"], capture_output=True,
                                text=True, timeout=1, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return answer.returncode == 0 and answer.stdout.strip() == "false"
