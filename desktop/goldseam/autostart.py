""""Start Goldseam when I log in": an XDG autostart entry, so that a pause or a reminder due
after a restart still calls the person back.

Freedesktop systems (Linux, the BSDs) only: the entry is
$XDG_CONFIG_HOME/autostart/io.github.goldseam.Goldseam.desktop. It starts Goldseam with
`--background`, which opens no window unless a call back is due and leaves nothing running
when none is promised. The file's existence is the setting: it belongs to this computer and
this account, never to the data folder (which may be synced to another machine). macOS and
Windows are not supported yet (the README says so).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from . import APP_ID, APP_NAME
from .storage.atomic_file import write_atomic

ENTRY_NAME = f"{APP_ID}.desktop"
MARK = "X-Goldseam-Autostart=true"     # ours, not an entry the person wrote by hand


def supported() -> bool:
    return os.name == "posix" and sys.platform != "darwin"


def entry_path() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME", "")
    base = Path(config) if config and os.path.isabs(config) else Path.home() / ".config"
    return base / "autostart" / ENTRY_NAME


def is_on(command: list[str] | None = None) -> bool:
    """On when our entry is there and not hidden (a desktop's own settings may hide it), and,
    given the `command` that would start this Goldseam for this folder, when the entry runs
    exactly that (an entry left by another installation or for another folder would not)."""
    try:
        text = entry_path().read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    if MARK not in text or "\nHidden=true" in text:
        return False
    return command is None or f"\nExec={exec_line(command)}\n" in text


def launch_command(data_dir: str | None = None) -> list[str]:
    """How this installation is started again: the bundle's program, the `goldseam` script
    this process was started from, or this Python with `-m goldseam`."""
    if getattr(sys, "frozen", False):
        command = [sys.executable]
    else:
        script = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
        if script is not None and script.name == "goldseam" and script.is_file():
            command = [str(script)]
        else:
            command = [sys.executable, "-m", "goldseam"]
    if data_dir:
        command += ["--data-dir", data_dir]
    return command + ["--background"]


def turn_on(command: list[str]) -> None:
    """Write the entry whole (storage's all-or-nothing write), readable by the person only.
    Raises OSError when it cannot be written."""
    path = entry_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    text = "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        f"Name={APP_NAME}",
        "Comment=Calls you back after a pause or at a reminder's time, after a restart too",
        f"TryExec={exec_line(command[:1])}",      # a program removed since: the entry is skipped
        f"Exec={exec_line(command)}",
        f"Icon={APP_ID}",
        "Terminal=false",
        "NoDisplay=true",
        "X-GNOME-Autostart-enabled=true",
        MARK,
        "",
    ])
    write_atomic(path, text.encode("utf-8"))      # whole, flushed, 0600


def turn_off() -> None:
    """Remove our entry (only ours). Raises OSError when it cannot be removed."""
    path = entry_path()
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return
    if MARK in text:
        path.unlink()


def exec_line(command: list[str]) -> str:
    """The Exec value as written in the file: each argument quoted where needed, with `"`, `` ` ``,
    `$` and `\\` escaped inside quotes and `%` doubled (field codes); then the string escape every
    desktop-entry value has (each backslash doubled), as the specification asks."""
    parts = []
    for argument in command:
        argument = argument.replace("%", "%%")
        if argument and not any(c in argument for c in ' \t\n"\'\\><~|&;$*?#()`'):
            parts.append(argument)
        else:
            escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
            parts.append(f'"{escaped}"')
    value = " ".join(parts).replace("\\", "\\\\")
    return value.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def split_exec(line: str) -> list[str]:
    """The arguments of an Exec value as written in a file, as a launcher reads them (the reverse
    of `exec_line`): the string escapes first, then the quoting."""
    line = _unescape(line)
    arguments: list[str] = []
    current: list[str] = []
    quoted = started = False
    index = 0
    while index < len(line):
        char = line[index]
        if quoted and char == "\\" and index + 1 < len(line) and line[index + 1] in '"`$\\':
            current.append(line[index + 1])
            index += 1
        elif char == '"':
            quoted, started = not quoted, True
        elif char == " " and not quoted:
            if started:
                arguments.append("".join(current))
            current, started = [], False
        else:
            current.append(char)
            started = True
        index += 1
    if started:
        arguments.append("".join(current))
    return [argument.replace("%%", "%") for argument in arguments]


def _unescape(value: str) -> str:
    """A desktop-entry string value's escapes: \\s, \\n, \\t, \\r and \\\\."""
    out, index = [], 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            following = value[index + 1]
            out.append({"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(following, "\\" + following))
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)
