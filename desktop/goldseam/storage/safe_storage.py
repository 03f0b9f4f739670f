"""SafeStorage: the TinyDB Storage that never loses a word.

TinyDB's JSONStorage overwrites in place and can leave a half-written file
after a crash. This one serializes first, writes atomically, keeps rotating
backups, quarantines a file it cannot read instead of writing over it (and
holds that file's backups until the person decides), reads with a bound and
never through a link or a pipe, and carries a schema number with forward
migrations.

On disk: {"format": "goldseam-<kind>", "schema": N, "data": {<tinydb tables>}, "crc32": "<hex>"},
compact, with each document of a table on a line of its own; "crc32" is the checksum of every
byte before it (readers that do not know it ignore it). It tells a file or a backup that is byte
for byte what Goldseam wrote from one that was changed since, without parsing it, and lets a
read-only reader hand out each document's text as it stands in the file. A file whose checksum
does not match is set aside at every read like a damaged one (a same-length change of words still
parses), and such a backup is never offered or restored; a file without one (an earlier version's)
is read as before.

Every byte written comes from `_serialize_chunks` and every byte read goes through `_opened`: the
two places where the passphrase lock seals and opens each file (sealing.py, AES-256-GCM), whatever
the store. The checksum stays inside the seal; a sealed file that does not open is set aside like
any damaged one, and a plain file where the lock is on is set aside too (never read as the person's).
"""

from __future__ import annotations

import errno
import json
import os
import time
import zlib
from itertools import islice
from json.encoder import c_make_encoder, encode_basestring
from pathlib import Path
from typing import Any, Callable, Iterator

from tinydb.storages import Storage

from . import sealing
from .atomic_file import write_atomic
from .backups import BackupRotation
from .errors import (CHANGED_SINCE, DAMAGED, NOT_A_FILE, NOT_SEALED, TOO_LARGE, CorruptFile, FileTooLarge, JournalLocked,
                     MigrationFailed, NotARegularFile, ReadFailed, ReadOnlyFile, StorageError)
from .file_reading import MAX_STORED_BYTES, read_regular_file
from .text_chunks import utf8_chunks

Migration = Callable[[dict[str, Any]], dict[str, Any]]
_DOCS_PER_PIECE = 256
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_CHECKSUM_OPEN = b',"crc32":"'
_CHECKSUM_LENGTH = len(_CHECKSUM_OPEN) + 8 + len(b'"}')
INTACT, UNDERSTOOD, CHANGED, UNREADABLE = "intact", "understood", "changed", "unreadable"    # what examine() finds


def _document_encoder() -> Callable[[Any], str]:
    """_ENCODER.encode, without building a new C encoder at each call as JSONEncoder.encode does
    (a few microseconds: a tenth of a 10,000-moment save, with one call for each document)."""
    if c_make_encoder is None:
        return _ENCODER.encode
    encode = c_make_encoder(None, _ENCODER.default, encode_basestring, None, ":", ",", False, False, True)
    return lambda value: "".join(encode(value, 0))


encode_document = _document_encoder()    # one stored document as compact JSON, as the file holds it


class SafeStorage(Storage):
    def __init__(
        self,
        path: str | os.PathLike[str],
        kind: str,
        schema: int,
        migrations: dict[int, Migration] | None = None,
        keep_recent: int = 5,
        keep_days: int = 7,
        read_only: bool = False,
        backups: BackupRotation | None = None,
        sealed: bool = True,
    ):
        super().__init__()
        self.migrations = migrations or {}
        missing = [version for version in range(1, schema) if version not in self.migrations]
        if missing:   # a programming error, caught by the schema-bump tests, never by a person
            raise ValueError(f"{kind}: no migration from schema {missing[0]} to {missing[0] + 1}")
        self.path = Path(path)
        self.kind = kind
        self.schema = schema
        self.backups = backups or BackupRotation(self.path, keep_recent=keep_recent, keep_days=keep_days)
        self.read_only = read_only
        self.sealed = sealed    # sealed when the lock is on (settings never are: the lock screen reads them)
        self.newer_schema: int | None = None
        # The data folder is locked to this process, so what we last read or
        # wrote is what is on disk: keep it and skip re-parsing on every query.
        self._cache: dict[str, Any] | None = None
        self._loaded = False
        self._checked_text: bytes | None = None   # read-only: the file as read, when its checksum matched
        # The data was read just now from a file of this schema whose checksum matched: byte for byte
        # what Goldseam wrote (never said of data written, adopted or migrated in this session).
        self.intact = False
        self._head = b'{"format":' + _ENCODER.encode(f"goldseam-{kind}").encode() + b","

    # -- TinyDB's interface -------------------------------------------------

    def read(self) -> dict[str, Any] | None:
        if not self._loaded:
            self._cache = self._load()
            self._loaded = True
        return self._cache

    def write(self, data: dict[str, Any]) -> None:
        if self.read_only or self.newer_schema is not None:
            self._loaded = False
            raise ReadOnlyFile(self.path, self.newer_schema or self.schema)
        try:
            # Serialized piece by piece into the temp file: the old file is untouched until the
            # whole new one is on disk, and no second copy of a large journal sits in memory.
            self._replace_keeping_backup(self._serialize_chunks(data))
        except Exception:
            self._loaded = False  # TinyDB changed our cached dict in place; reread the truth
            self.intact = False
            raise
        self._cache = data
        self._loaded = True
        self.intact = False

    def serialized(self, data: dict[str, Any], text_of: Callable[[Any], str | None] | None = None) -> Iterator[bytes]:
        """The bytes write() would put on the disk for `data`, in pieces (FileTooLarge past the limit):
        for a change of many files written elsewhere first and put in place together (journal_transaction).
        `text_of(document)`: the document's JSON text when the caller made it already (encode_document's
        own, so the bytes are the same), else None."""
        if self.read_only or self.newer_schema is not None:
            raise ReadOnlyFile(self.path, self.newer_schema or self.schema)
        return self._serialize_chunks(data, text_of)

    def adopt(self, data: dict[str, Any]) -> None:
        """`data` is now what the file holds (put in place whole from a transaction's pending copy)."""
        self._cache = data
        self._loaded = True
        self._checked_text = None
        self.intact = False

    def reload(self) -> None:
        """Forget what was read: the next read comes from the disk (after a restore)."""
        self._loaded = False
        self._cache = None
        self._checked_text = None
        self.intact = False

    # -- loading ------------------------------------------------------------

    def _serialize(self, data: dict[str, Any]) -> bytes:
        return b"".join(self._serialize_chunks(data))

    def _serialize_chunks(self, data: dict[str, Any], text_of: Callable[[Any], str | None] | None = None
                          ) -> Iterator[bytes]:
        """The JSON of {"format", "schema", "data"} with compact separators and each document on a
        line of its own, then its checksum, in pieces of about a megabyte. Raises FileTooLarge past
        MAX_STORED_BYTES: what the reader refuses is never written."""
        dumps = _ENCODER.encode
        document = encode_document if text_of is None else (lambda doc: text_of(doc) or encode_document(doc))

        def pieces() -> Iterator[str]:
            yield f'{{"format":{dumps(f"goldseam-{self.kind}")},"schema":{dumps(self.schema)},"data":{{'
            for t, (name, table) in enumerate(data.items()):
                yield f'{"," if t else ""}{dumps(name)}:{{'
                documents = iter(table.items())
                first = True
                while batch := list(islice(documents, _DOCS_PER_PIECE)):
                    # a compact JSON text holds no line break of its own: each one here starts a document
                    # a document id (digits, as TinyDB numbers them) is its own JSON text between quotes
                    yield ("" if first else ",") + ",".join([f'\n"{key}":{document(doc)}' if key.isdigit() else
                                                             f"\n{dumps(key)}:{document(doc)}" for key, doc in batch])
                    first = False
                yield "\n}"
            yield "}"

        seal = sealing.seal_for(self.path) if self.sealed else None
        sealing_it = seal is not None and seal.seal_writes
        limit = MAX_STORED_BYTES - _CHECKSUM_LENGTH - (sealing.OVERHEAD if sealing_it else 0)

        def plain() -> Iterator[bytes]:
            checksum = 0
            too_large = lambda: FileTooLarge(self.path, MAX_STORED_BYTES)     # noqa: E731
            for chunk in utf8_chunks(pieces(), limit, too_large):
                checksum = zlib.crc32(chunk, checksum)
                yield chunk
            yield _CHECKSUM_OPEN + b'%08x"}' % checksum

        return seal.key.seal(self.path.name, plain()) if sealing_it else plain()

    def _opened(self, raw: bytes) -> bytes:
        """The plain bytes of a file of this store (or of one of its backups) as read from the disk.
        SealBroken if sealed and it does not open as this file; JournalLocked without the key."""
        if not self.sealed:
            return raw
        try:
            return sealing.from_disk(self.path, raw, self.path.name)
        except sealing.LockedFile:
            raise JournalLocked(self.path.parent) from None

    def _checksum(self, raw: bytes) -> bool | None:
        """Whether `raw`, a file of this kind, is byte for byte what Goldseam wrote: True when every
        byte before its checksum matches it, False when it does not, None when it carries none
        (written by an earlier version, or by hand)."""
        end = len(raw) - _CHECKSUM_LENGTH
        if end < 0 or raw[end: end + len(_CHECKSUM_OPEN)] != _CHECKSUM_OPEN or not raw.endswith(b'"}'):
            return None
        try:
            expected = int(raw[end + len(_CHECKSUM_OPEN): -2], 16)
        except ValueError:
            return None
        return zlib.crc32(memoryview(raw)[:end]) == expected and raw.startswith(self._head)

    def stored_texts(self, table: str) -> list[str] | None:
        """The JSON text of each document of `table` as it stands in the file, in the order of
        read()[table]. Only for a file opened read-only, of this schema, that Goldseam wrote in
        full (its checksum matches, and a checksum named "crc32" stands for this layout: one
        document to a line); None otherwise. Each text parses to its document."""
        data = self.read()
        if self._checked_text is None or data is None or table not in data:
            return None
        lines = self._checked_text[: -_CHECKSUM_LENGTH].decode("utf-8").split("\n")
        if len(lines) != 1 + sum(len(documents) + 1 for documents in data.values()):
            return None                 # line 0 opens the file; each table: its documents, then a closing line
        start = 1
        for name, documents in data.items():
            if name == table:
                break
            start += len(documents) + 1
        documents = data[table]
        last = len(documents) - 1
        texts = []
        for n, (key, line) in enumerate(zip(documents, lines[start: start + len(documents)])):
            cut = len(key) + 3 if key.isdigit() else len(_ENCODER.encode(key)) + 1   # '"<id>":'
            texts.append(line[cut: -1] if n < last else line[cut:])               # ',' after all but the last
        return texts

    def _load(self) -> dict[str, Any] | None:
        self._checked_text = None
        self.intact = False
        try:
            stored = read_regular_file(self.path, MAX_STORED_BYTES)
        except FileNotFoundError:
            return None
        except NotARegularFile:
            self._quarantine(NOT_A_FILE)
        except FileTooLarge:
            self._quarantine(TOO_LARGE)
        except OSError as err:
            raise ReadFailed(self.path, err) from None
        try:
            raw = self._opened(stored)      # the plain bytes (the same object when the lock is off)
        except sealing.SealBroken:
            self._quarantine(DAMAGED if sealing.is_sealed(stored) else NOT_SEALED)
        try:
            parsed = self.parse(raw)
        except MemoryError:
            raise ReadFailed(self.path, OSError(errno.ENOMEM, "out of memory")) from None
        if parsed is None:
            self._quarantine()
        checksum = self._checksum(raw)
        if checksum is False:       # what it says now is not what Goldseam wrote: never read as good, nor saved over
            self._quarantine(CHANGED_SINCE)
        schema, data = parsed
        if schema > self.schema:
            self.newer_schema = schema
            return data
        if schema < self.schema:
            data = self._migrate(schema, data, stored)
        elif checksum:
            self.intact = True
            if self.read_only:
                self._checked_text = raw
        return data

    def parse(self, raw: bytes) -> tuple[int, dict[str, Any]] | None:
        """(schema, data) for a well-formed file of our kind, else None. MemoryError passes through:
        a file too big for this moment's memory is not a damaged file."""
        try:
            document = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return None
        if not isinstance(document, dict) or document.get("format") != f"goldseam-{self.kind}":
            return None
        schema, data = document.get("schema"), document.get("data")
        if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1 or not isinstance(data, dict):
            return None
        if not all(isinstance(table, dict) for table in data.values()):
            return None
        return schema, data

    def is_good_file(self, path: Path) -> bool:
        """A backup that may be offered and restored: what Goldseam wrote (its checksum matches), or
        understood and without a checksum (an earlier version's). Never one that changed since."""
        return self.examine(path) in (INTACT, UNDERSTOOD)

    def examine(self, path: Path) -> str:
        """INTACT: read to its last byte, it matches the checksum Goldseam wrote in it (no need to
        parse it); else it is parsed in full: UNDERSTOOD (it has no checksum), CHANGED (it has
        one that no longer matches, yet it can be understood) or UNREADABLE."""
        try:
            raw = self._opened(read_regular_file(path, MAX_STORED_BYTES))
            checksum = self._checksum(raw)
            if checksum:
                return INTACT
            if self.parse(raw) is None:
                return UNREADABLE
        except (OSError, StorageError, MemoryError, sealing.SealBroken):
            return UNREADABLE
        return UNDERSTOOD if checksum is None else CHANGED

    def _quarantine(self, reason: str = DAMAGED) -> None:
        """Move the unreadable (or changed) thing aside (never write over it), hold its backups for
        the person, and raise CorruptFile naming the newest good one. Read-only: raise, move nothing."""
        if self.read_only:
            raise CorruptFile(self.path, None, self.backups.newest_good(self.is_good_file), reason)
        try:
            self.backups.hold()
        except (OSError, StorageError):
            pass    # the rotation still has them; nothing better can be done on a failing disk
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        target = self.path.with_name(f"{self.path.stem}.corrupt-{stamp}{self.path.suffix}")
        n = 1
        while os.path.lexists(target):
            n += 1
            target = self.path.with_name(f"{self.path.stem}.corrupt-{stamp}-{n}{self.path.suffix}")
        try:
            os.rename(self.path, target)
        except OSError as err:
            raise ReadFailed(self.path, err) from None
        raise CorruptFile(self.path, target, self.newest_good_held(), reason)

    def newest_good_held(self) -> Path | None:
        """The newest held backup that is good (is_good_file; only as many are read as needed)."""
        return next((p for p in self.backups.held() if self.is_good_file(p)), None)

    def _migrate(self, schema: int, data: dict[str, Any], raw: bytes) -> dict[str, Any]:
        """Bring an older file forward one step at a time, in memory; when writing is
        allowed, keep the old file as a backup before the new one replaces it."""
        data = self._forward(schema, data, self.path)
        if not self.read_only:
            backup = self.path.with_name(f"{self.path.stem}.before-schema-{self.schema}{self.path.suffix}")
            if not os.path.lexists(backup):
                write_atomic(backup, raw)
            write_atomic(self.path, self._serialize(data))
        return data

    def read_backup(self, backup: Path) -> dict[str, Any] | None:
        """The data of a good backup, brought up to this schema in memory; None if it comes from
        a newer Goldseam. CorruptFile if it cannot be understood."""
        _raw, schema, data = self._read_good(backup)
        if schema > self.schema:
            return None
        return self._forward(schema, data, backup)

    def _read_good(self, backup: Path) -> tuple[bytes, int, dict[str, Any]]:
        """The bytes, schema and data of a backup; CorruptFile if it cannot be understood or has
        changed since Goldseam wrote it (its checksum does not match)."""
        try:
            stored = read_regular_file(backup, MAX_STORED_BYTES)
        except StorageError:
            raise CorruptFile(backup, None, None) from None
        except OSError as err:
            raise ReadFailed(backup, err) from None
        try:
            raw = self._opened(stored)
        except sealing.SealBroken:
            raise CorruptFile(backup, None, None, DAMAGED if sealing.is_sealed(stored) else NOT_SEALED) from None
        parsed = self.parse(raw)
        if parsed is None:
            raise CorruptFile(backup, None, None)
        if self._checksum(raw) is False:
            raise CorruptFile(backup, None, None, CHANGED_SINCE)
        return stored, *parsed

    def _forward(self, schema: int, data: dict[str, Any], source: Path) -> dict[str, Any]:
        """`data` of `source`, brought from `schema` to this one a step at a time, in memory."""
        try:
            for version in range(schema, self.schema):
                data = self.migrations[version](data)
        except Exception:
            raise MigrationFailed(source, schema) from None
        return data

    def restore(self, backup: Path) -> None:
        """Put a backup in place of the current file (the current one is kept as a backup too)."""
        if self.read_only:
            raise ReadOnlyFile(self.path, self.schema)
        raw, _schema, _data = self._read_good(backup)
        self._replace_keeping_backup(raw)
        self.reload()

    def _replace_keeping_backup(self, data: bytes | Iterator[bytes]) -> None:
        """Write the new file; the old one becomes a backup only once the new one is complete,
        and a save that fails leaves no backup sharing the current file's inode."""
        made: list[Path] = []
        existed = os.path.lexists(self.path)
        try:
            write_atomic(self.path, data, before_replace=lambda: made.extend(self.backups.snapshot()))
        except BaseException:
            self.backups.forget_if_current(made)
            raise
        if not existed and self.backups.copy_new_files:
            self.backups.keep_copy()
