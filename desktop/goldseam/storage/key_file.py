"""The lock's key file (seal.json): the data key, wrapped by the passphrase and by the recovery key.

Each wrap is the data key sealed with AES-256-GCM under a key derived from a secret with
Argon2id; the derivation's parameters and salt stand beside it, so they can be raised later by
wrapping the same data key again, without touching a single sealed file. Changing the passphrase
rewrites this one small file (atomically): the folder opens with the old passphrase or the new
one, never neither. The file holds no words and nothing that opens without a secret.
"""

from __future__ import annotations

import base64
import json
import os
import time
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

# cryptography is imported where a key is derived or unwrapped: with the lock off (most folders) it
# is never needed, and importing it costs about 6 MiB and 5 ms before the window's first paint.

from .atomic_file import write_atomic
from .errors import KeyFileDamaged, WrongPassphrase
from .file_reading import read_regular_file
from .sealing import KEY_BYTES, DataKey

KEY_FILE = "seal.json"
KEY_FORMAT = "goldseam-seal"
KEY_VERSION = 1
SEALING, SEALED, UNSEALING = "sealing", "sealed", "unsealing"   # turning on, on, turning off
PASSPHRASE, RECOVERY = "passphrase", "recovery"
_MAX_KEY_FILE = 64 * 1024
RECOVERY_BYTES = 20                 # 160 bits, written down as 32 letters and digits in groups of four


@dataclass(frozen=True)
class KdfParams:
    """Argon2id's cost: memory in KiB, passes, lanes. 64 MiB and 3 passes to start (RFC 9106's second
    recommendation); `tuned` raises the passes until one unlocking takes about half a second here."""

    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

        return Argon2id(salt=salt, length=KEY_BYTES, iterations=self.iterations, lanes=self.lanes,
                        memory_cost=self.memory_kib).derive(secret)


def tuned(target_seconds: float = 0.6, most_iterations: int = 16) -> KdfParams:
    """64 MiB, with as many passes as make one unlocking take about `target_seconds` on this machine
    (at least 3, at most `most_iterations`: a slow machine still unlocks in about a second). Argon2id
    costs a fixed part (filling the memory) and a part per pass: both are measured, after a first
    derivation that warms the process up (it runs slower)."""
    params = KdfParams()
    salt = os.urandom(16)

    def seconds(passes: int) -> float:
        start = time.perf_counter()
        replace(params, iterations=passes).derive(b"goldseam tuning", salt)
        return time.perf_counter() - start

    seconds(1)
    one, three = seconds(1), seconds(3)
    per_pass = max((three - one) / 2, 1e-3)
    fixed = max(one - per_pass, 0.0)
    iterations = round((target_seconds - fixed) / per_pass)
    return replace(params, iterations=max(params.iterations, min(most_iterations, iterations)))


@dataclass(frozen=True)
class Wrap:
    by: str                 # PASSPHRASE or RECOVERY
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes

    def unwrap(self, secret: bytes) -> DataKey | None:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        kek = self.kdf.derive(secret, self.salt)
        try:
            return DataKey(AESGCM(kek).decrypt(self.nonce, self.wrapped, _wrap_ad(self.by)))
        except InvalidTag:
            return None


@dataclass(frozen=True)
class KeyFile:
    state: str
    key_id: str                     # names the data key, so two copies of a journal can tell they share it
    wraps: tuple[Wrap, ...] = field(default_factory=tuple)

    def wrap(self, by: str) -> Wrap | None:
        return next((w for w in self.wraps if w.by == by), None)

    def with_wrap(self, wrap: Wrap) -> "KeyFile":
        return replace(self, wraps=tuple(w for w in self.wraps if w.by != wrap.by) + (wrap,))

    def unlock(self, secret: str) -> DataKey:
        """The data key, for the passphrase or (if it is one) the recovery key. WrongPassphrase if neither opens it."""
        return self.unlock_by(secret)[0]

    def unlock_by(self, secret: str) -> tuple[DataKey, str]:
        """The data key and what opened it (PASSPHRASE or RECOVERY). WrongPassphrase if neither does."""
        wrap = self.wrap(PASSPHRASE)
        key = wrap.unwrap(passphrase_bytes(secret)) if wrap is not None else None
        if key is not None:
            return key, PASSPHRASE
        recovery = recovery_bytes(secret)
        if recovery is not None and self.wrap(RECOVERY) is not None:
            key = self.wrap(RECOVERY).unwrap(recovery)
            if key is not None:
                return key, RECOVERY
        raise WrongPassphrase()

    def to_bytes(self) -> bytes:
        def b64(data: bytes) -> str:
            return base64.b64encode(data).decode("ascii")

        document = {"format": KEY_FORMAT, "version": KEY_VERSION, "state": self.state, "key_id": self.key_id,
                    "cipher": "AES-256-GCM",
                    "wraps": [{"by": w.by, "kdf": {"name": "argon2id", "memory_kib": w.kdf.memory_kib,
                                                  "iterations": w.kdf.iterations, "lanes": w.kdf.lanes},
                               "salt": b64(w.salt), "nonce": b64(w.nonce), "wrapped": b64(w.wrapped)}
                              for w in self.wraps]}
        return json.dumps(document, indent=1).encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes, path: Path) -> "KeyFile":
        try:
            document = json.loads(raw.decode("utf-8"))
            if document["format"] != KEY_FORMAT or document["version"] != KEY_VERSION:
                raise ValueError("not a key file of this version")
            if document["state"] not in (SEALING, SEALED, UNSEALING) or not isinstance(document["key_id"], str):
                raise ValueError("state")
            wraps = []
            for w in document["wraps"]:
                kdf = w["kdf"]
                if kdf["name"] != "argon2id" or w["by"] not in (PASSPHRASE, RECOVERY):
                    raise ValueError("kdf")
                params = KdfParams(int(kdf["memory_kib"]), int(kdf["iterations"]), int(kdf["lanes"]))
                if not (8 * params.lanes <= params.memory_kib <= 4 * 1024 * 1024 and 1 <= params.iterations <= 64
                        and 1 <= params.lanes <= 16):
                    raise ValueError("kdf range")      # a file that would make unlocking take hours is not ours
                wraps.append(Wrap(w["by"], params, base64.b64decode(w["salt"], validate=True),
                                  base64.b64decode(w["nonce"], validate=True),
                                  base64.b64decode(w["wrapped"], validate=True)))
            if not any(w.by == PASSPHRASE for w in wraps):
                raise ValueError("no passphrase")
        except (UnicodeDecodeError, ValueError, KeyError, TypeError, RecursionError, AttributeError):
            raise KeyFileDamaged(path) from None
        return cls(document["state"], document["key_id"], tuple(wraps))


def _wrap_ad(by: str) -> bytes:
    return f"{KEY_FORMAT} {KEY_VERSION} {by}".encode("ascii")


def passphrase_bytes(passphrase: str) -> bytes:
    """The same passphrase typed on two keyboards (composed or not) gives the same bytes. Bytes that are
    not UTF-8 (a terminal in Latin-1; Python keeps them as surrogates) stay the bytes they were."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8", "surrogateescape")


def new_wrap(by: str, secret: bytes, key: DataKey, kdf: KdfParams) -> Wrap:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    return Wrap(by, kdf, salt, nonce, AESGCM(kdf.derive(secret, salt)).encrypt(nonce, key.material, _wrap_ad(by)))


def new_recovery_key() -> str:
    """A recovery key to write down: 32 letters and digits in eight groups of four."""
    import secrets  # here, not at start-up: it loads OpenSSL (3.7 MiB), which a journal without the lock never needs

    text = base64.b32encode(secrets.token_bytes(RECOVERY_BYTES)).decode("ascii")
    return "-".join(text[i: i + 4] for i in range(0, len(text), 4))


def recovery_bytes(text: str) -> bytes | None:
    """The secret of a recovery key as written down (spaces, dashes and case do not matter), or None."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")    # misread in handwriting
    if len(cleaned) != RECOVERY_BYTES * 8 // 5:
        return None
    try:
        return base64.b32decode(cleaned)
    except ValueError:
        return None


def read_key_file(folder: Path) -> KeyFile | None:
    """The key file of the data folder, None when the lock is off. A damaged or missing key file is
    read from its copy in backups/ (without one or the other no passphrase could open the journal);
    KeyFileDamaged when neither can be read."""
    path = Path(folder) / KEY_FILE
    try:
        return _read_one(path)
    except (FileNotFoundError, KeyFileDamaged) as first:
        try:
            return _read_one(_copy_of(folder))
        except (FileNotFoundError, KeyFileDamaged) as second:
            if isinstance(first, FileNotFoundError) and isinstance(second, FileNotFoundError):
                return None     # neither: the lock is off
            raise KeyFileDamaged(path) from None


def _read_one(path: Path) -> KeyFile:
    try:
        raw = read_regular_file(path, _MAX_KEY_FILE)
    except FileNotFoundError:
        raise
    except Exception:
        raise KeyFileDamaged(path) from None
    return KeyFile.from_bytes(raw, path)


def _copy_of(folder: Path) -> Path:
    return Path(folder) / "backups" / KEY_FILE


def write_key_file(folder: Path, key_file: KeyFile) -> None:
    """The key file, then its copy in backups/ (the same bytes: both open with the same passphrase)."""
    raw = key_file.to_bytes()
    write_atomic(Path(folder) / KEY_FILE, raw)
    copy = _copy_of(folder)
    try:
        copy.parent.mkdir(mode=0o700, exist_ok=True)
    except OSError as err:
        from .errors import WriteFailed

        raise WriteFailed(copy, err) from None
    write_atomic(copy, raw)


def remove_key_file(folder: Path) -> None:
    """The lock turned off: the copy goes first, then the key file (a kill between leaves the key file)."""
    for path in (_copy_of(folder), Path(folder) / KEY_FILE):
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass


def is_locked(folder: Path) -> bool:
    """Whether the lock is on (or being turned on or off) for this data folder."""
    return os.path.lexists(Path(folder) / KEY_FILE) or os.path.lexists(_copy_of(folder))
