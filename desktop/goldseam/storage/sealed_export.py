"""An export only Goldseam with the passphrase can read (`goldseam export --sealed`).

Self-contained, so it can travel without the data folder: a first line naming the format, a
second line with an export key wrapped by the passphrase (Argon2id, as the lock's key file), then
the export document sealed with that key (sealing.DataKey, AES-256-GCM). The journal's own key
never leaves its folder.
"""

from __future__ import annotations

import base64
import json
import os
from typing import Iterable, Iterator

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .key_file import KdfParams, passphrase_bytes
from .sealing import KEY_BYTES, DataKey, SealBroken

MAGIC = b"GOLDSEAM-SEALED-EXPORT 1\n"
_NAME = "export.json"
_AD = b"goldseam-sealed-export 1"
_MAX_LINE = 4096


class NotOpened(Exception):
    """The passphrase does not open this export (or the file is damaged); `damaged` tells which."""

    def __init__(self, damaged: bool):
        super().__init__("damaged" if damaged else "wrong passphrase")
        self.damaged = damaged


def is_sealed_export(raw: bytes) -> bool:
    return raw[: len(MAGIC)] == MAGIC


def seal_export(pieces: Iterable[bytes], passphrase: str, kdf: KdfParams) -> Iterator[bytes]:
    key = DataKey(os.urandom(KEY_BYTES))
    salt, nonce = os.urandom(16), os.urandom(12)
    wrapped = AESGCM(kdf.derive(passphrase_bytes(passphrase), salt)).encrypt(nonce, key.material, _AD)
    b64 = lambda data: base64.b64encode(data).decode("ascii")      # noqa: E731
    head = {"kdf": {"name": "argon2id", "memory_kib": kdf.memory_kib, "iterations": kdf.iterations, "lanes": kdf.lanes},
            "salt": b64(salt), "nonce": b64(nonce), "wrapped": b64(wrapped)}
    yield MAGIC + json.dumps(head, separators=(",", ":")).encode("ascii") + b"\n"
    yield from key.seal(_NAME, pieces)


def open_export(raw: bytes, passphrase: str) -> bytes:
    """The plain export document. NotOpened(damaged=False) for a passphrase that does not open it."""
    end = raw.find(b"\n", len(MAGIC), len(MAGIC) + _MAX_LINE)
    try:
        head = json.loads(raw[len(MAGIC): end])
        kdf = head["kdf"]
        params = KdfParams(int(kdf["memory_kib"]), int(kdf["iterations"]), int(kdf["lanes"]))
        if end < 0 or kdf["name"] != "argon2id" or not (8 * params.lanes <= params.memory_kib <= 4 * 1024 * 1024
                                                        and 1 <= params.iterations <= 64 and 1 <= params.lanes <= 16):
            raise ValueError("parameters")
        salt, nonce, wrapped = (base64.b64decode(head[k], validate=True) for k in ("salt", "nonce", "wrapped"))
    except (ValueError, KeyError, TypeError, RecursionError):
        raise NotOpened(damaged=True) from None
    try:
        key = DataKey(AESGCM(params.derive(passphrase_bytes(passphrase), salt)).decrypt(nonce, wrapped, _AD))
    except (InvalidTag, ValueError):
        raise NotOpened(damaged=False) from None
    try:
        return key.open(_NAME, raw[end + 1:])
    except SealBroken:
        raise NotOpened(damaged=True) from None
