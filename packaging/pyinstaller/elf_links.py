"""What an ELF file links to, read from its dynamic section: standard library only, and quicker
than running ldd once per library. Used by goldseam.spec (to leave out the libraries only the
left-out Qt plugins need) and make_deb.py (to name what the bundle takes from the system)."""

from __future__ import annotations

import struct
from pathlib import Path


def dynamic(path: Path) -> tuple[list[str], bytes] | None:
    """(the DT_NEEDED names, the dynamic string table) of an ELF file; None for anything else."""
    with open(path, "rb") as file:
        magic = file.read(4)
        if magic != b"\x7fELF":
            return None
        data = magic + file.read()
    wide, little = data[4] == 2, data[5] == 1
    order = "<" if little else ">"
    if wide:
        phoff, = struct.unpack_from(order + "Q", data, 0x20)
        phentsize, phnum = struct.unpack_from(order + "HH", data, 0x36)
    else:
        phoff, = struct.unpack_from(order + "I", data, 0x1C)
        phentsize, phnum = struct.unpack_from(order + "HH", data, 0x2A)
    loads, dynamic = [], None
    for index in range(phnum):
        at = phoff + index * phentsize
        if wide:
            kind, _flags, offset, vaddr, _paddr, filesz = struct.unpack_from(order + "IIQQQQ", data, at)
        else:
            kind, offset, vaddr, _paddr, filesz = struct.unpack_from(order + "IIIII", data, at)
        if kind == 1:
            loads.append((vaddr, offset, filesz))
        elif kind == 2:
            dynamic = (offset, filesz)
    if dynamic is None:
        return [], b""
    entry = struct.Struct(order + ("qQ" if wide else "iI"))
    needed, strtab, strsz = [], None, 0
    for at in range(dynamic[0], dynamic[0] + dynamic[1], entry.size):
        tag, value = entry.unpack_from(data, at)
        if tag == 0:
            break
        if tag == 1:
            needed.append(value)
        elif tag == 5:
            strtab = value
        elif tag == 10:
            strsz = value
    if strtab is None:
        return [], b""
    start = next((offset + strtab - vaddr for vaddr, offset, size in loads if vaddr <= strtab < vaddr + size), strtab)
    table = data[start:start + strsz]
    return [table[i:table.index(b"\0", i)].decode() for i in needed], table
