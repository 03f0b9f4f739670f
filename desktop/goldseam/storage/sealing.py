"""Sealing one file's bytes with the journal's data key (AES-256-GCM), and the keys this process holds.

A sealed file is a short header in the clear (this format's name and version, and the name of
the file it belongs to), a fresh random nonce, the ciphertext and the tag. The header is the
associated data: a sealed file cannot be swapped for another of the same journal (a part for
another month, a draft for a part) without failing to open, and the file's own checksum stays
inside the seal. A backup carries the name of the file it backs up, so it opens as that file.

Which data folders this process has unlocked is kept here, by folder: every writer and reader
below a folder asks `seal_for(path)` at each write and read, so turning the lock on or off in a
running window takes effect at the next save, and nothing above storage knows whether a file is
sealed. Settings are never sealed: the lock screen needs the language and the look before the
passphrase is typed, and they hold no private text.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

# cryptography is imported where a file is sealed or opened: with the lock off (most folders) it is
# never needed, and importing it costs about 6 MiB and 5 ms before the window's first paint.

MAGIC = b"GOLDSEAM-SEALED 1 "
NONCE_BYTES, TAG_BYTES, KEY_BYTES = 12, 16, 32
_MAX_NAME = 255
OVERHEAD = len(MAGIC) + _MAX_NAME + 1 + NONCE_BYTES + TAG_BYTES   # at most this many bytes more than the plain file


class SealBroken(Exception):
    """A sealed file that does not open with this key: changed, cut short, or another file's.
    (Storage treats it as any damaged file: set aside, its backups held.)"""


def is_sealed(raw: bytes | memoryview) -> bool:
    return bytes(raw[: len(MAGIC)]) == MAGIC


def logical_name(path: Path) -> str:
    """The name of the file `path` holds or backs up: `draft.json` for `backups/draft.2026…json`,
    `2026-11-1.json` for a part and for its backups. Snapshots and the index are their own."""
    name = Path(path).name
    parent = Path(path).parent.name
    if parent in ("backups", "held"):
        return name.split(".", 1)[0] + ".json"
    return name


def sealed_name(raw: bytes) -> str | None:
    """The name a sealed file says it belongs to (None if it is not a sealed file)."""
    if not is_sealed(raw):
        return None
    end = raw.find(b"\n", len(MAGIC), len(MAGIC) + _MAX_NAME + 1)
    if end < 0:
        return None
    try:
        return bytes(raw[len(MAGIC): end]).decode("utf-8")
    except UnicodeDecodeError:
        return None


class DataKey:
    """The journal's 256-bit data key. Seals and opens whole files; never written anywhere unwrapped."""

    def __init__(self, key: bytes):
        if len(key) != KEY_BYTES:
            raise ValueError("a data key is 32 bytes")
        self._key = bytes(key)

    @property
    def material(self) -> bytes:
        """The raw key, for wrapping it anew (a changed passphrase, a new recovery key)."""
        return self._key

    def seal(self, name: str, pieces: Iterable[bytes]) -> Iterator[bytes]:
        """The sealed file for the plain bytes `pieces` of the file called `name`, in pieces
        (streamed: a large part is never held twice in memory)."""
        import os

        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        header = _header(name)
        nonce = os.urandom(NONCE_BYTES)
        encryptor = Cipher(algorithms.AES(self._key), modes.GCM(nonce)).encryptor()
        encryptor.authenticate_additional_data(header)
        yield header + nonce
        for piece in pieces:
            if piece:
                yield encryptor.update(piece)
        yield encryptor.finalize() + encryptor.tag

    def open(self, name: str, raw: bytes) -> bytes:
        """The plain bytes of the sealed file `raw`, which must belong to the file called `name`.
        SealBroken when it does not open (changed, cut short, another file's, another key's)."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        if sealed_name(raw) != name:
            raise SealBroken()
        header = _header(name)
        view = memoryview(raw)
        body = view[len(header) + NONCE_BYTES: len(view) - TAG_BYTES]
        if len(view) < len(header) + NONCE_BYTES + TAG_BYTES:
            raise SealBroken()
        nonce = bytes(view[len(header): len(header) + NONCE_BYTES])
        tag = bytes(view[len(view) - TAG_BYTES:])
        decryptor = Cipher(algorithms.AES(self._key), modes.GCM(nonce, tag)).decryptor()
        decryptor.authenticate_additional_data(header)
        try:
            return decryptor.update(body) + decryptor.finalize()
        except InvalidTag:
            raise SealBroken() from None


def _header(name: str) -> bytes:
    encoded = name.encode("utf-8")
    if not encoded or len(encoded) > _MAX_NAME or b"\n" in encoded:
        raise ValueError("not a file name Goldseam seals")
    return MAGIC + encoded + b"\n"


@dataclass
class FolderSeal:
    """An unlocked data folder: its key, and whether new writes are sealed (not while the lock is
    being turned off) and plain files are still read (only while it is being turned on or off)."""

    key: DataKey
    seal_writes: bool = True
    plain_allowed: bool = False


_open: dict[Path, FolderSeal] = {}
_guard = threading.Lock()


def _folder_key(folder: Path) -> Path:
    return Path(folder).absolute()


def hold(folder: Path, seal: FolderSeal) -> None:
    """This process has unlocked `folder`: its files are read and written with `seal` from now on."""
    with _guard:
        _open[_folder_key(folder)] = seal


def let_go(folder: Path) -> None:
    """Forget the key of `folder` (the journal is closed, or the lock was turned off)."""
    with _guard:
        _open.pop(_folder_key(folder), None)


def seal_for(path: Path) -> FolderSeal | None:
    """The seal of the unlocked data folder that holds `path`, if any."""
    if not _open:
        return None
    path = Path(path).absolute()
    for folder in path.parents:
        seal = _open.get(folder)
        if seal is not None:
            return seal
    return None


def held(folder: Path) -> FolderSeal | None:
    return _open.get(_folder_key(folder))


class LockedFile(Exception):
    """A sealed file was met where no key is held (the journal was not unlocked)."""


def for_disk(path: Path, pieces: Iterable[bytes], name: str | None = None) -> Iterable[bytes]:
    """What to write for the plain bytes `pieces` of `path`: sealed when its folder is unlocked
    and sealing, else as they are."""
    seal = seal_for(path)
    if seal is None or not seal.seal_writes:
        return pieces
    return seal.key.seal(name or logical_name(path), pieces)


def from_disk(path: Path, raw: bytes, name: str | None = None) -> bytes:
    """The plain bytes of what was read from `path`. SealBroken for a sealed file that does not
    open, or a plain file where only sealed ones may be; LockedFile when no key is held."""
    seal = seal_for(path)
    if not is_sealed(raw):
        if seal is not None and not seal.plain_allowed:
            raise SealBroken()
        return raw
    if seal is None:
        raise LockedFile()
    return seal.key.open(name or logical_name(path), raw)
