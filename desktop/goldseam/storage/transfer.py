"""Export and import between the journal and a goldseam-export document."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core import markdown_export, transfer_format
from ..core.transfer_format import MAX_IMPORT_BYTES, TransferFormatError
from .errors import FileTooLarge, NotARegularFile, ReadFailed
from .file_reading import read_regular_file
from .journal import Journal


@dataclass(frozen=True)
class ExportResult:
    text: str
    exported: int
    left_out: int     # stored moments this version cannot read: kept in the journal, never dropped in silence


def export_journal(journal: Journal, fmt: str = "json") -> ExportResult:
    if fmt == "markdown":
        moments = list(reversed(journal.all()))   # oldest first, as a history reads
        return ExportResult(markdown_export.render(moments), len(moments), journal.count() - len(moments))
    records, left_out = journal.readable_records()
    lines = [transfer_format.moment_line(record, stored) for record, stored in records]
    return ExportResult(transfer_format.document(lines), len(lines), left_out)


def export_empty(fmt: str = "json") -> ExportResult:
    """The document for a person who has no data folder yet."""
    return ExportResult(markdown_export.render([]) if fmt == "markdown" else transfer_format.dumps([]), 0, 0)


def read_import_file(path: Path) -> transfer_format.ExportDocument:
    """Read and validate a whole file; nothing is changed by this. Only a regular file is
    read (a pipe would hang, /dev/zero would never end), and never past the import limit."""
    path = Path(path)
    try:
        raw = read_regular_file(path, MAX_IMPORT_BYTES, follow_symlinks=True)
    except FileNotFoundError:
        raise TransferFormatError(f"there is no file at {path}") from None
    except NotARegularFile:
        kind = "a folder" if path.is_dir() else "not a regular file (a device, a pipe or a socket)"
        raise TransferFormatError(f"{path} is {kind}; choose an export file") from None
    except FileTooLarge:
        raise TransferFormatError(f"the file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MiB") from None
    except OSError as err:
        raise ReadFailed(path, err) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise TransferFormatError("the file is not UTF-8 text", line=line) from None
    del raw   # the decoded text is all that is needed from here: one copy less at the peak
    return transfer_format.parse(text)
