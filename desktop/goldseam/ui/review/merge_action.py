"""Merge another Goldseam export (from another computer, an older backup) into the journal.

The file is read and checked whole by storage.transfer.read_import_file before anything
changes, then the repository merges it (an id already here is kept, or replaced by the copy
changed later: the newer `updated_at` wins; all or nothing). Both run off the GUI thread,
while the window keeps painting. What happened is said in one calm line ("3 moments added,
1 updated, 40 already here"); a file that is not an export, too large or damaged is
explained in words, never as a traceback, and nothing is changed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from ...core.repository import ImportResult, MomentRepository
from ...core.transfer_format import MAX_IMPORT_BYTES, TransferFormatError
from ...i18n import _, ngettext
from ...storage.errors import FileTooLarge, ReadFailed, StorageError, WriteFailed
from ...storage.transfer import read_import_file
from ..application.background import run_in_background
from ..widgets.dialogs import tell
from ..widgets.storage_messages import Explanation


def merge_from_file(parent: QWidget, repository: MomentRepository) -> ImportResult | None:
    """Ask for an export, merge it, say what it did. The result, or None (cancelled or refused)."""
    start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    chosen, _filter = QFileDialog.getOpenFileName(
        parent, _("Merge a Goldseam export"), start,
        _("Goldseam export (*.json)") + ";;" + _("All files (*)"))
    if not chosen:
        return None
    path = Path(chosen)
    try:
        document = run_in_background(parent, lambda: read_import_file(path))
    except TransferFormatError as error:
        tell(parent, explain_refused(error, path))
        return None
    except (StorageError, MemoryError) as error:
        tell(parent, explain_unreadable(error, path))
        return None
    try:
        result = run_in_background(parent, lambda: repository.import_moments(document.moments, document.phrases))
    except StorageError as error:
        tell(parent, explain_not_merged(error))
        return None
    tell(parent, Explanation(_("Merged"), merge_summary(result)))
    return result


def merge_summary(result: ImportResult) -> str:
    """What a merge did, as a person would say it: "3 moments added, 1 updated, 40 already here." """
    if not (result.added or result.updated or result.unchanged or result.copies or result.phrases):
        return _("The file holds no moments, so nothing changed.")
    added = ngettext("{n} moment added", "{n} moments added", result.added).format(n=result.added)
    updated = ngettext("{n} updated", "{n} updated", result.updated).format(n=result.updated)
    here = ngettext("{n} already here", "{n} already here", result.unchanged).format(n=result.unchanged)
    line = _("{added}, {updated}, {here}.").format(added=added, updated=updated, here=here)
    if result.updated:
        line += " " + ngettext("The file's copy was changed more recently, so it replaced yours.",
                               "The file's copies were changed more recently, so they replaced yours.",
                               result.updated)
    if result.copies:
        line += " " + ngettext(
            "{n} moment was changed here and in the file at the same time, with other words: yours stays as it is, "
            "and the file's is kept beside it, tagged \u201cfrom another computer\u201d.",
            "{n} moments were changed here and in the file at the same time, with other words: yours stay as they "
            "are, and the file's are kept beside them, tagged \u201cfrom another computer\u201d.",
            result.copies).format(n=result.copies)
    if result.phrases:
        line += " " + ngettext("{n} phrase of your own came in.", "{n} phrases of your own came in.",
                               result.phrases).format(n=result.phrases)
    return line


def explain_refused(error: TransferFormatError, path: Path) -> Explanation:
    """A file that cannot be merged, in plain words; the checker's own finding stays as a detail."""
    nothing = _("Nothing was changed.")
    message = str(error)
    title = _("Not merged")
    if error.field == "format" or "not valid JSON" in message or "not UTF-8" in message \
            or "one JSON object" in message:
        return Explanation(title, _(
            "“{name}” is not a Goldseam export, so there is nothing in it to merge. {nothing} "
            "Choose a file made with Export… → JSON here, or with goldseam export.").format(
            name=path.name, nothing=nothing))
    if "larger than" in message:
        return Explanation(title, _(
            "“{name}” is larger than any export Goldseam writes ({limit} MiB), so it was not read. {nothing}")
            .format(name=path.name, limit=MAX_IMPORT_BYTES // (1024 * 1024), nothing=nothing))
    if error.field == "version":
        return Explanation(title, _(
            "“{name}” comes from a newer version of Goldseam. Update Goldseam, then merge it. {nothing}")
            .format(name=path.name, nothing=nothing))
    if "no file at" in message or "choose an export file" in message:
        return Explanation(title, _(
            "“{name}” is not a file Goldseam can read (it is missing, a folder or a device). {nothing}")
            .format(name=path.name, nothing=nothing))
    return Explanation(title, _(
        "Part of “{name}” is damaged, so none of it was merged. {nothing} "
        "(What Goldseam found: {detail}.)").format(name=path.name, nothing=nothing, detail=message))


def explain_unreadable(error: BaseException, path: Path) -> Explanation:
    if isinstance(error, MemoryError):
        why = _("there is not enough memory to read it")
    elif isinstance(error, ReadFailed):
        why = error.reason
    else:
        why = str(error)
    return Explanation(_("Not merged"), _("“{name}” could not be opened ({why}). Nothing was changed.").format(
        name=path.name, why=why))


def explain_not_merged(error: StorageError) -> Explanation:
    """The journal refused the merge; being all or nothing, it is as it was."""
    title = _("Not merged")
    kept = _("Your journal is exactly as it was.")
    if isinstance(error, WriteFailed) and error.disk_full:
        return Explanation(title, _("The disk is full, so the moments could not be added. {kept} "
                                    "Free some space and merge again.").format(kept=kept))
    if isinstance(error, WriteFailed) and error.not_allowed:
        return Explanation(title, _("Goldseam may not write to its folder just now. {kept} "
                                    "Check that the data folder is writable, then merge again.").format(kept=kept))
    if isinstance(error, FileTooLarge):
        return Explanation(title, _("With these moments a part of your journal would grow larger than Goldseam "
                                    "keeps in one file. {kept}").format(kept=kept))
    reason = getattr(error, "reason", None) or str(error)
    return Explanation(title, _("The moments could not be merged ({reason}). {kept}").format(reason=reason, kept=kept))

