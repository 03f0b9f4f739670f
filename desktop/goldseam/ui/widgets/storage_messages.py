"""Turn storage errors into calm words: what happened, what is kept, what to do."""

from __future__ import annotations

from dataclasses import dataclass

from ...i18n import _, ngettext
from ...storage.errors import (CorruptFile, DraftInProgress, FileTooLarge, FolderLocked, ForeignFile, InvalidMoment, MigrationFailed, NotAFolder,
                              NotYourFolder, OpenToOthers,
                              ReadFailed, ReadOnlyFile, StorageError, WriteFailed)


@dataclass(frozen=True)
class Explanation:
    title: str
    body: str


def explain(error: StorageError) -> Explanation:
    kept = _("Everything you saved before is safe, and what you typed stays on screen.")
    if isinstance(error, InvalidMoment):
        return Explanation(_("Not saved yet"), _(
            "One of your answers is longer than Goldseam can keep in one piece ({field}). {kept} "
            "Shorten it a little, and it is saved again as you type.").format(field=error.field, kept=kept))
    if isinstance(error, FileTooLarge):
        return Explanation(_("Not saved yet"), _(
            "{name} has grown larger than Goldseam can keep in one file. {kept}").format(name=error.path.name, kept=kept))
    if isinstance(error, DraftInProgress):
        return Explanation(_("A repair is in progress"), _(
            "Finish or discard the repair you are writing now, then restore the older one. Nothing was changed."))
    if isinstance(error, NotYourFolder):
        return Explanation(_("This folder belongs to someone else"), _(
            "The data folder {folder} belongs to another user of this computer, so Goldseam neither reads "
            "nor writes there. Start Goldseam with --data-dir pointing to a folder of your own.").format(folder=error.folder))
    if isinstance(error, OpenToOthers):
        return Explanation(_("Other people could change this folder"), _(
            "Other users of this computer can add, replace or delete files in {folder}, so Goldseam will not "
            "keep your words there. Start Goldseam with --data-dir pointing to a folder of your own.").format(
            folder=error.folder))
    if isinstance(error, ForeignFile):
        return Explanation(_("A file in your Goldseam folder is not yours"), _(
            "{path} belongs to another user of this computer, so Goldseam will not read or use it. Move it out "
            "of the folder, then start Goldseam again. Nothing was changed.").format(path=error.path))
    if isinstance(error, MigrationFailed):
        return Explanation(_("A file could not be brought up to date"), _(
            "Goldseam could not update {name} to this version, so it left it exactly as it was. "
            "The previous version of Goldseam can still open it.").format(name=error.path.name))
    if isinstance(error, WriteFailed):
        if error.disk_full:
            cause = _("The disk is full, so your latest words could not be saved.")
            todo = _("Free some space (empty the trash, remove large files); Goldseam keeps trying on its own.")
        elif error.not_allowed:
            cause = _("Goldseam is not allowed to write to its folder just now.")
            todo = _("Check that the data folder is writable; Goldseam keeps trying on its own.")
        else:
            cause = _("Saving did not work this time ({reason}).").format(reason=error.reason)
            todo = _("Goldseam keeps trying on its own.")
        return Explanation(_("Not saved yet"), f"{cause} {kept} {todo}")
    if isinstance(error, FolderLocked):
        return Explanation(
            _("Goldseam is already open"),
            _("Another Goldseam window (or a goldseam command) is using your journal. "
              "Switch to that window; nothing has been changed here."),
        )
    if isinstance(error, CorruptFile):
        from ...storage.errors import CHANGED_SINCE, NOT_A_FILE, TOO_LARGE

        why = {NOT_A_FILE: _("what is there is not a regular file (a link, a pipe or a device)"),
               TOO_LARGE: _("it is larger than Goldseam ever writes"),
               CHANGED_SINCE: _("it has changed since Goldseam saved it, so its words may not be the ones you wrote")
               }.get(error.reason, _("it is damaged or cut short"))
        where = _(" It has been set aside as {name}, untouched.").format(name=error.moved_to.name) if error.moved_to else ""
        if error.backup is not None:
            todo = _("You can restore the most recent good backup now, or later from the home screen: "
                     "it is kept until you decide.")
            if _is_journal(error.path.name):
                todo += " " + _("Anything you write meanwhile is kept too.")
        elif _is_part(error.path.name):
            todo = _("There is no backup of it to restore; the rest of your journal is fine. "
                     "The file that was set aside stays in your Goldseam folder.")
        else:
            todo = _("There is no backup to restore, so Goldseam starts with an empty file. "
                     "The file that was set aside stays in your Goldseam folder.")
        return Explanation(_("A file could not be read"),
                           _("Goldseam could not read {name}: {why}.").format(name=_file_words(error.path.name), why=why)
                           + where + " " + todo)
    if isinstance(error, ReadOnlyFile):
        return Explanation(
            _("Opened for reading only"),
            _("Your journal was saved by a newer version of Goldseam. You can read it here, "
              "but changes cannot be saved until you update Goldseam."),
        )
    if isinstance(error, NotAFolder):
        return Explanation(
            _("Your journal's folder is not there"),
            _("In your Goldseam folder, “journal” should be a folder, but it is {kind}. Goldseam keeps your "
              "journal in a real folder there and will not read or write through anything else; nothing was "
              "changed. If you moved your journal, move it back into {folder}; otherwise move “journal” out of "
              "the way and start Goldseam again.").format(kind=error.kind, folder=error.path.parent))
    if isinstance(error, ReadFailed):
        return Explanation(_("A file could not be opened"),
                           _("Goldseam could not read {name} ({reason}). Nothing was changed.").format(
                               name=error.path.name, reason=error.reason))
    return Explanation(
        _("Goldseam cannot use its data folder"),
        _("{problem}. Nothing was changed. Check that the folder exists and that you may write to it, "
          "or start Goldseam with --data-dir pointing to another folder.").format(
            problem=_first_up(str(error).rstrip("."))),
    )


def notice_text(notice) -> str:
    """What opening the data folder found and mended (a storage.folder_safety.Notice)."""
    from ...storage.folder_safety import FILES_TIGHTENED, FOLDER_TIGHTENED

    if notice.kind == FOLDER_TIGHTENED:
        return _("Your Goldseam folder could be opened by other people using this computer. It is private again now.")
    if notice.kind == FILES_TIGHTENED:
        return ngettext("One of Goldseam's files could be read by other people using this computer. "
                        "It is private again now.",
                        "{count} of Goldseam's files could be read by other people using this computer. "
                        "They are private again now.", notice.count).format(count=notice.count)
    return _("Your Goldseam folder ({folder}) holds other things too, and other people using this computer "
             "can see what is in it. Goldseam left the folder as it is; its own files there are private.").format(
        folder=notice.folder)


def unreadable_text(count: int) -> str:
    return ngettext("One moment in your journal could not be read by this version of Goldseam. "
                    "It stays in the journal, untouched; a newer version may read it.",
                    "{count} moments in your journal could not be read by this version of Goldseam. "
                    "They stay in the journal, untouched; a newer version may read them.", count).format(count=count)


def draft_set_aside_text(name: str) -> str:
    return _("Your unfinished repair could not be read by this version of Goldseam. It is kept, untouched, "
             "as {name} in your Goldseam folder.").format(name=name)


def held_text(file: str, backup_time: str) -> str:
    """The choice that waits on the home screen after a file was set aside."""
    if file == "promises.json":     # two things: a sentence of its own, not "it"
        text = _("Your running pause and reminders could not be read, so Goldseam set them aside, untouched. "
                 "A backup from {when} is kept for you until you decide.").format(when=backup_time)
    elif _is_part(file) or file == "phrases.json":     # many things: "them"; the rest of the journal is fine
        what = _("Your own phrases") if file == "phrases.json" else _first_up(_file_words(file, with_name=False))
        text = _("{what} could not be read, so Goldseam set them aside, untouched; the rest of your journal is "
                 "fine. A backup from {when} is kept for you until you decide.").format(what=what, when=backup_time)
    else:
        what = _("Your journal") if _is_journal(file) else {"draft.json": _("Your unfinished repair")}.get(
            file, _("Your preferences"))
        text = _("{what} could not be read, so Goldseam set it aside, untouched. A backup from {when} is kept "
                 "for you until you decide.").format(what=what, when=backup_time)
    if _is_journal(file):
        text += " " + (_("Restoring them keeps everything you have written since.") if _is_part(file) or
                       file == "phrases.json" else _("Restoring it keeps everything you have written since."))
    return text


def _is_journal(file: str) -> bool:
    """A file that holds the journal's words: a part of it, its own phrases, or the journal.json of an
    earlier version (the messages say "your journal" for all of them)."""
    from ...storage.journal_parts import is_journal_file

    return file == "journal.json" or is_journal_file(file)


def _is_part(file: str) -> bool:
    from ...storage.journal_parts import parse_part

    return parse_part(file) is not None


def _file_words(file: str, with_name: bool = True) -> str:
    """A file named the way a person thinks of it: a part of the journal by its month."""
    from ...storage.health_check import month_words
    from ...storage.journal_parts import UNDATED, parse_part

    part = parse_part(file)
    if part is None:
        return file
    if part.month == UNDATED:
        words = _("moments of your journal without a readable date")
    else:
        # the month in the language spoken, by the catalogue: the command line says it the same way
        words = _("moments of {month} in your journal").format(month=month_words(part.month))
    return _("{words} ({file})").format(words=words, file=file) if with_name else words


def _first_up(words: str) -> str:
    return words[:1].upper() + words[1:]


def set_aside_text(aside: str) -> str:
    """A file of the journal set aside as unreadable (`aside`, its name now) that had no backup:
    said on home at every start while it waits there."""
    original = aside.split(".", 1)[0] + ".json"
    what = _first_up(_file_words(original, with_name=False)) if _is_part(original) else _("Your own phrases")
    return _("{what} could not be read. Goldseam set them aside, untouched, as journal/{file} in your Goldseam "
             "folder, and found no backup of them; they are missing from your journal until you bring them back "
             "(from an export, or from backups/journal.before-parts.json if you moved here from an earlier "
             "version). The rest of your journal is fine.").format(what=what, file=aside)