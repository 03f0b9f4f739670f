"""Export and import between the journal and a goldseam-export document."""

from __future__ import annotations

from pathlib import Path

from ..core import markdown_export, transfer_format
from ..core.transfer_format import MAX_IMPORT_BYTES, TransferFormatError
from .errors import ReadFailed
from .journal import Journal


def export_text(journal: Journal, fmt: str = "json") -> str:
    return _render(list(reversed(journal.all())), fmt)  # oldest first, as a history reads


def export_empty(fmt: str = "json") -> str:
    """The document for a person who has no data folder yet."""
    return _render([], fmt)


def _render(moments: list, fmt: str) -> str:
    if fmt == "markdown":
        return markdown_export.render(moments)
    return transfer_format.dumps(moments)


def read_import_file(path: Path) -> transfer_format.ExportDocument:
    """Read and validate a whole file; nothing is changed by this."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise TransferFormatError(f"the file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MiB")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise TransferFormatError(f"there is no file at {path}") from None
    except IsADirectoryError:
        raise TransferFormatError(f"{path} is a folder, not a file") from None
    except OSError as err:
        raise ReadFailed(path, err) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise TransferFormatError("the file is not UTF-8 text", line=line) from None
    return transfer_format.parse(text)
