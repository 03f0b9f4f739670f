"""Export and import between the journal and a goldseam-export document."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..core import markdown_export, transfer_format
from ..core.moment import RepairMoment
from ..core.transfer_format import MAX_IMPORT_BYTES, TransferFormatError
from .errors import FileTooLarge, NotARegularFile, ReadFailed
from . import sealed_export, sealing
from .file_reading import read_regular_file
from .journal import Journal
from ..i18n import _


class JournalExport:
    """An export document read from the journal while it is written out, a month at a time, so
    memory stays flat however long the history. `exported` and `left_out` (stored moments this
    version cannot read: kept in the journal, never dropped in silence) are known once the pieces
    have all been taken."""

    def __init__(self, journal: Journal | None, fmt: str = "json"):
        self._journal = journal
        self._fmt = fmt
        self.exported = 0
        self.left_out = 0
        # an upper bound of the document's size, known before reading: what import would refuse is never begun
        self.size_bound = journal.stored_bytes() if journal is not None else 0

    def __iter__(self) -> Iterator[str]:
        """The pieces of the document; the last one comes only once the journal is known to be as it was
        while it was read (JournalChanged otherwise: the document is not whole, nothing may keep it)."""
        stream = self._journal.export_stream(texts=self._fmt != "markdown") if self._journal is not None else None
        records = stream if stream is not None else ()
        if self._fmt == "markdown":
            # every record the stream gives is plain: checked by is_plain_record, or the to_dict() of a moment read
            pieces = markdown_export.pieces(self._counted(RepairMoment.from_plain(record) for record, _ in records))
        else:
            pieces = transfer_format.document_pieces(
                self._counted(transfer_format.moment_line(record, stored) for record, stored in records),
                stream.phrases if stream is not None else None)
        last = None
        for piece in pieces:
            if last is not None:
                yield last
            last = piece
        if stream is not None:
            stream.verify()
            self.left_out = stream.left_out
        if last is not None:
            yield last

    def _counted(self, items: Iterator) -> Iterator:
        for item in items:
            self.exported += 1
            yield item


def export_journal(journal: Journal | None, fmt: str = "json") -> JournalExport:
    """The export of `journal` (None: a person who has no data folder yet)."""
    return JournalExport(journal, fmt)


class SealedExport(TransferFormatError):
    """The file is an export sealed with a passphrase (`export --sealed`): ask for it, and read again
    with it. `wrong`: the passphrase given does not open it."""

    def __init__(self, wrong: bool = False):
        super().__init__(_("that passphrase does not open this sealed export") if wrong else
                         _("the file is a sealed export; its passphrase is needed to read it"))
        self.wrong = wrong


def read_import_file(path: Path, passphrase: str | None = None) -> transfer_format.ExportDocument:
    """Read and validate a whole file; nothing is changed by this. Only a regular file is
    read (a pipe would hang, /dev/zero would never end), and never past the import limit.
    A sealed export is opened with `passphrase` (SealedExport without it, or with a wrong one)."""
    path = Path(path)
    try:
        raw = read_regular_file(path, MAX_IMPORT_BYTES, follow_symlinks=True)
    except FileNotFoundError:
        raise TransferFormatError(_("there is no file at {path}").format(path=path)) from None
    except NotARegularFile:
        said = (_("{path} is a folder; choose an export file") if path.is_dir() else
                _("{path} is not a regular file (a device, a pipe or a socket); choose an export file"))
        raise TransferFormatError(said.format(path=path)) from None
    except FileTooLarge:
        raise TransferFormatError(_("the file is larger than {limit} MiB").format(limit=MAX_IMPORT_BYTES // (1024 * 1024))) from None
    except OSError as err:
        raise ReadFailed(path, err) from None
    if sealed_export.is_sealed_export(raw):
        if passphrase is None:
            raise SealedExport()
        try:
            raw = sealed_export.open_export(raw, passphrase)
        except sealed_export.NotOpened as err:
            if err.damaged:
                raise TransferFormatError(_("the sealed export is damaged or cut short")) from None
            raise SealedExport(wrong=True) from None
    if sealing.is_sealed(raw):      # a backup made while the lock was on (the person's own exports are plain)
        try:
            raw = sealing.from_disk(path, raw)
        except sealing.LockedFile:
            raise TransferFormatError(_("the file is sealed with a journal's passphrase; open that journal first")) from None
        except sealing.SealBroken:
            raise TransferFormatError(_("the file is sealed, and it does not open with this journal's key "
                                        "(it belongs to another journal, or it is damaged)")) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise TransferFormatError(_("the file is not UTF-8 text"), line=line) from None
    del raw   # the decoded text is all that is needed from here: one copy less at the peak
    return transfer_format.parse(text)
