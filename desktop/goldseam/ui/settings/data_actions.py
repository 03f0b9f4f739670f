"""What the settings' "Your data" page asks of storage: a backup now, the backups made, what one
holds, restoring it, and every moment for an export. Each runs on the thread pool while the
window keeps painting; storage's errors become calm sentences here, never a traceback.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from ...core.moment import RepairMoment
from ...core.repository import ImportResult, OwnPhrase
from ...core.transfer_format import TransferFormatError
from ...i18n import _, ngettext
from ...storage.errors import JournalChanged, StorageError, WriteFailed
from ...storage.snapshots import Snapshot, SnapshotPreview, Snapshots
from ..application.background import run_in_background
from ..widgets.local_format import date_and_time, number
from ..review.merge_action import explain_not_merged, explain_unreadable
from ..widgets.storage_messages import Explanation


READ_ATTEMPTS = 5


class DataActions:
    def __init__(self, folder: Path, journal, lock=None):
        self.folder = Path(folder)
        self.journal = journal
        self.lock = lock            # LockActions (ui/lock/lock_actions.py), where the window has a data folder
        self.snapshots = Snapshots(self.folder, journal)

    def back_up(self, parent: QWidget) -> tuple[Snapshot | None, Explanation | None]:
        """A new backup of every moment, or why there is none (nothing else changed)."""
        try:
            return run_in_background(parent, self.snapshots.make), None
        except WriteFailed as error:
            if getattr(error, "disk_full", False):
                why = _("the disk is full")
            elif getattr(error, "not_allowed", False):
                why = _("the data folder does not allow it")
            else:
                why = _("the disk refused the file")
            return None, Explanation(_("No backup made"), _(
                "The backup could not be written: {why}. Your journal is untouched, and no half-made "
                "backup was left behind.").format(why=why))
        except (StorageError, MemoryError):
            return None, Explanation(_("No backup made"), _(
                "Your journal could not be read whole just now, so no backup was made. Your journal is "
                "untouched."))

    def made(self) -> list[Snapshot]:
        return self.snapshots.all()

    def preview(self, parent: QWidget, path: Path):
        """(SnapshotPreview, document) or (None, Explanation) for a file that cannot be restored."""
        try:
            return run_in_background(parent, lambda: self.snapshots.preview(path)), None
        except TransferFormatError as error:
            return None, explain_unrestorable(error, path)
        except (StorageError, MemoryError) as error:
            return None, _restore_words(explain_unreadable(error, path))

    def restore(self, parent: QWidget, document) -> tuple[ImportResult | None, Explanation | None]:
        try:
            return run_in_background(parent, lambda: self.snapshots.restore(document)), None
        except StorageError as error:
            return None, explain_not_merged(error)

    def everything(self, parent: QWidget) -> tuple[list[RepairMoment], list[OwnPhrase]]:
        """Every readable moment, oldest first, and the own phrases (for an export of everything), as
        they were at one moment: read a month at a time (saves go on meanwhile), and read again when
        the journal changed during the reading (JournalChanged, a StorageError, if it keeps changing)."""
        def read() -> tuple[list[RepairMoment], list[OwnPhrase]]:
            for _attempt in range(READ_ATTEMPTS):
                before = self.journal.changes()
                moments: list[RepairMoment] = []
                for month in reversed(self.journal.months()):
                    moments.extend(reversed(self.journal.moments_of(month)))
                phrases = self.journal.own_phrases()
                if self.journal.changes() == before:
                    return moments, phrases
            raise JournalChanged()

        return run_in_background(parent, read)


def _restore_words(explanation: Explanation) -> Explanation:
    return Explanation(_("Not restored"), explanation.body)


def explain_unrestorable(error: TransferFormatError, path: Path) -> Explanation:
    """A file that cannot be restored from, in plain words; the checker's finding stays as a detail."""
    nothing = _("Nothing was changed.")
    message = str(error)
    if error.field == "format" or "not valid JSON" in message or "not UTF-8" in message \
            or "one JSON object" in message:
        body = _("“{name}” is not a Goldseam backup or export, so there is nothing in it to restore. {nothing}")
    elif "larger than" in message:
        body = _("“{name}” is larger than any backup Goldseam writes, so it was not read. {nothing}")
    elif error.field == "version":
        body = _("“{name}” comes from a newer version of Goldseam. Update Goldseam, then restore it. {nothing}")
    elif "no file at" in message or "choose an export file" in message:
        body = _("“{name}” is not a file Goldseam can read (it is missing, a folder or a device). {nothing}")
    else:
        return Explanation(_("Not restored"), _(
            "Part of “{name}” is damaged, so nothing in it was restored. {nothing} "
            "(What Goldseam found: {detail}.)").format(name=path.name, nothing=nothing, detail=message))
    return Explanation(_("Not restored"), body.format(name=path.name, nothing=nothing))


def snapshot_line(snapshot: Snapshot) -> str:
    """How a backup is listed: when it was made and its size."""
    size = max(1, round(snapshot.size / 1024))
    return _("{when} ({size} KB)").format(when=date_and_time(snapshot.made), size=number(size))


def preview_text(preview: SnapshotPreview) -> str:
    """What a backup holds and what restoring it would do, before anything changes."""
    from ...core import clock

    if not preview.moments and not preview.would.phrases:
        return _("This backup holds no moments. Restoring it would change nothing.")
    held = ngettext("It holds {n} moment, from {first}.", "It holds {n} moments, from {first} to {last}.",
                    preview.moments).format(n=number(preview.moments), first=_day(clock, preview.first),
                                            last=_day(clock, preview.last))
    would = preview.would
    parts = [held] if preview.moments else []
    if would.added:
        parts.append(ngettext("{n} of them is not in your journal now and would come back.",
                              "{n} of them are not in your journal now and would come back.",
                              would.added).format(n=number(would.added)))
    if would.updated:
        parts.append(ngettext("{n} was changed in the backup after your copy and would replace it.",
                              "{n} were changed in the backup after your copies and would replace them.",
                              would.updated).format(n=number(would.updated)))
    if would.unchanged:
        parts.append(ngettext("{n} is already here as it is, or newer, and stays as it is.",
                              "{n} are already here as they are, or newer, and stay as they are.",
                              would.unchanged).format(n=number(would.unchanged)))
    if would.copies:
        parts.append(ngettext(
            "{n} was changed here and in the backup at the same time, with other words: the backup's would be kept "
            "beside yours.",
            "{n} were changed here and in the backup at the same time, with other words: the backup's would be kept "
            "beside yours.", would.copies).format(n=number(would.copies)))
    if would.phrases:
        parts.append(ngettext("{n} phrase of your own would come back.", "{n} phrases of your own would come back.",
                              would.phrases).format(n=number(would.phrases)))
    parts.append(_("Moments written since the backup are kept."))
    return " ".join(parts)


def _day(clock, iso: str | None) -> str:
    try:
        return date_and_time(clock.from_iso(iso))
    except (TypeError, ValueError):
        return _("an unknown day")
