"""Reading and writing gettext catalogues (.pot, .po) and writing compiled ones (.mo), with the
standard library only: the few tools Goldseam's translations need, without Babel or gettext's
command-line tools on the build machine.

An Entry is one message: its msgid (and msgid_plural), its translation(s), where it is used, and
its flags ("fuzzy", "python-brace-format").
"""

from __future__ import annotations

import ast
import os
import struct
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    msgid: str
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=lambda: [""])
    references: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    comments: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str | None]:
        return self.msgid, self.msgid_plural

    def translated(self) -> bool:
        return "fuzzy" not in self.flags and all(self.msgstr) and bool(self.msgstr)


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    lines = escaped.split("\n")
    pieces = [line + "\\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    if len(pieces) <= 1 and len(text) < 70:
        return f'"{pieces[0] if pieces else ""}"'
    return '""\n' + "\n".join(f'"{piece}"' for piece in pieces)


def write(path: Path, header: str, entries: list[Entry]) -> None:
    """Write a .po/.pot file (atomically: a reader never sees half of it)."""
    out = [f'msgid ""\nmsgstr {_quote(header)}\n']
    for entry in entries:
        lines = [f"#. {c}" for c in entry.comments]
        lines += [f"#: {ref}" for ref in entry.references]
        if entry.flags:
            lines.append("#, " + ", ".join(sorted(entry.flags)))
        lines.append(f"msgid {_quote(entry.msgid)}")
        if entry.msgid_plural is not None:
            lines.append(f"msgid_plural {_quote(entry.msgid_plural)}")
            for n, text in enumerate(entry.msgstr):
                lines.append(f"msgstr[{n}] {_quote(text)}")
        else:
            lines.append(f"msgstr {_quote(entry.msgstr[0] if entry.msgstr else '')}")
        out.append("\n".join(lines) + "\n")
    replace_atomically(path, "\n".join(out).encode("utf-8"))


def read(path: Path) -> tuple[str, list[Entry]]:
    """(header, entries) of a .po/.pot file. Obsolete entries (#~) are left out."""
    header = ""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None       # which field the next continuation line belongs to
    pending_refs: list[str] = []
    pending_flags: set[str] = set()
    pending_comments: list[str] = []

    def finish() -> None:
        nonlocal current, header
        if current is not None:
            if current.msgid == "" and current.msgid_plural is None:
                header = current.msgstr[0]
            else:
                entries.append(current)
        current = None

    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#:"):
            if current is not None and target is not None and target[0] == "msgstr":
                finish()
            pending_refs += line[2:].split()
            continue
        if line.startswith("#,"):
            if current is not None and target is not None and target[0] == "msgstr":
                finish()
            pending_flags |= {f.strip() for f in line[2:].split(",") if f.strip()}
            continue
        if line.startswith("#."):
            pending_comments.append(line[2:].strip())
            continue
        if line.startswith("#"):
            continue
        if line.startswith("msgid_plural "):
            current.msgid_plural = _unquote(line[len("msgid_plural "):])
            target = ("msgid_plural", 0)
        elif line.startswith("msgid "):
            finish()
            current = Entry(_unquote(line[len("msgid "):]), references=pending_refs, flags=pending_flags,
                            comments=pending_comments)
            current.msgstr = []
            pending_refs, pending_flags, pending_comments = [], set(), []
            target = ("msgid", 0)
        elif line.startswith("msgstr["):
            index = int(line[len("msgstr["):line.index("]")])
            while len(current.msgstr) <= index:
                current.msgstr.append("")
            current.msgstr[index] = _unquote(line[line.index("]") + 1:].strip())
            target = ("msgstr", index)
        elif line.startswith("msgstr "):
            current.msgstr = [_unquote(line[len("msgstr "):])]
            target = ("msgstr", 0)
        elif line.startswith('"') and current is not None and target is not None:
            more = _unquote(line)
            kind, index = target
            if kind == "msgid":
                current.msgid += more
            elif kind == "msgid_plural":
                current.msgid_plural += more
            else:
                current.msgstr[index] += more
        else:
            raise ValueError(f"{path}: cannot read the line {raw!r}")
    finish()
    for entry in entries:
        if not entry.msgstr:
            entry.msgstr = ["", ""] if entry.msgid_plural is not None else [""]
    return header, entries


def _unquote(text: str) -> str:
    text = text.strip()
    if not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f"not a quoted string: {text!r}")
    return ast.literal_eval(text)


def header_value(header: str, name: str) -> str | None:
    for line in header.split("\n"):
        if line.lower().startswith(name.lower() + ":"):
            return line.split(":", 1)[1].strip()
    return None


def mo_bytes(header: str, entries: list[Entry]) -> bytes:
    """The GNU .mo form of the translated, not fuzzy entries (what Python's gettext reads)."""
    pairs = {"": header}
    for entry in entries:
        if not entry.translated():
            continue
        if entry.msgid_plural is not None:
            pairs[entry.msgid + "\0" + entry.msgid_plural] = "\0".join(entry.msgstr)
        else:
            pairs[entry.msgid] = entry.msgstr[0]
    keys = sorted(pairs)
    ids = [k.encode("utf-8") for k in keys]
    strs = [pairs[k].encode("utf-8") for k in keys]
    count = len(keys)
    ids_table = 7 * 4
    strs_table = ids_table + count * 8
    data_start = strs_table + count * 8
    offsets, blob = [], b""
    for text in ids:
        offsets.append((len(text), data_start + len(blob)))
        blob += text + b"\0"
    for text in strs:
        offsets.append((len(text), data_start + len(blob)))
        blob += text + b"\0"
    out = struct.pack("<7I", 0x950412DE, 0, count, ids_table, strs_table, 0, 0)
    for length, offset in offsets:
        out += struct.pack("<2I", length, offset)
    return out + blob


def replace_atomically(path: Path, data: bytes) -> None:
    """Write `data` as `path` through a temp file renamed over it: two builds running at once
    (CI runs two Pythons side by side) never see a half-written file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
