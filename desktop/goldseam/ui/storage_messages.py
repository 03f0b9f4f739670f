"""Turn storage errors into calm words: what happened, what is kept, what to do."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _
from ..storage.errors import CorruptFile, FolderLocked, ReadFailed, ReadOnlyFile, StorageError, WriteFailed


@dataclass(frozen=True)
class Explanation:
    title: str
    body: str


def explain(error: StorageError) -> Explanation:
    if isinstance(error, WriteFailed):
        if error.disk_full:
            cause = _("The disk is full, so your latest words could not be saved.")
            todo = _("Free some space (empty the trash, remove large files); Goldseam keeps trying on its own.")
        elif error.not_allowed:
            cause = _("Goldseam is not allowed to write to its folder just now.")
            todo = _("Check that the data folder is writable; Goldseam keeps trying on its own.")
        else:
            cause = _("Saving did not work this time (%s).") % error.reason
            todo = _("Goldseam keeps trying on its own.")
        kept = _("Everything you saved before is safe, and what you typed stays on screen.")
        return Explanation(_("Not saved yet"), f"{cause} {kept} {todo}")
    if isinstance(error, FolderLocked):
        return Explanation(
            _("Goldseam is already open"),
            _("Another Goldseam window (or a goldseam command) is using your journal. "
              "Switch to that window; nothing has been changed here."),
        )
    if isinstance(error, CorruptFile):
        where = _(" It has been set aside as %s, untouched.") % error.moved_to.name if error.moved_to else ""
        if error.backup is not None:
            todo = _("You can restore the most recent good backup now.")
        else:
            todo = _("There is no backup to restore, so Goldseam starts with an empty file.")
        return Explanation(_("A file could not be read"),
                           _("Goldseam could not understand %s.") % error.path.name + where + " " + todo)
    if isinstance(error, ReadOnlyFile):
        return Explanation(
            _("Opened for reading only"),
            _("Your journal was saved by a newer version of Goldseam. You can read it here, "
              "but changes cannot be saved until you update Goldseam."),
        )
    if isinstance(error, ReadFailed):
        return Explanation(_("A file could not be opened"),
                           _("Goldseam could not read %s (%s). Nothing was changed.") % (error.path.name, error.reason))
    return Explanation(
        _("Goldseam cannot use its data folder"),
        _("%s. Nothing was changed. Check that the folder exists and that you may write to it, "
          "or start Goldseam with --data-dir pointing to another folder.") % str(error).rstrip(".").capitalize(),
    )
