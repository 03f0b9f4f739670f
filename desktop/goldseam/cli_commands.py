"""What export, import and check do. Messages name files and counts, never private text."""

from __future__ import annotations

import argparse
import gc
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from .core.transfer_format import MAX_IMPORT_BYTES, TransferFormatError
from .storage import transfer
from .storage.atomic_file import write_atomic
from .storage.data_folder import JOURNAL_FILE, DataFolder
from .storage.folder_lock import FolderLock
from .i18n import _, ngettext
from .storage.errors import CorruptFile, FileTooLarge, FolderLocked, StorageError
from .storage.file_reading import MAX_STORED_BYTES
from .storage.journal import JournalChanged
from .storage.journal_transaction import in_progress
from .storage.key_file import is_locked
from .storage.text_chunks import utf8_chunks
from .storage.journal_parts import JOURNAL_FOLDER, is_journal_file, set_aside_without_backup, strays
from .storage.health_check import CannotRead, check_folder

EXIT_OK, EXIT_PROBLEM, EXIT_CANNOT_READ = 0, 1, 2


@contextmanager
def _no_cycle_collection():
    """A command reads a whole journal once, builds no reference cycles and ends. Python's cycle
    collector would still walk every object read so far, again and again, while it is built and
    checked (a quarter of an export's time at 10,000 moments): off for the command, as Mercurial's
    `nogc` does for its large reads. Plain reference counting frees everything as before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _say(message: str) -> None:
    print(f"goldseam: {message}", file=sys.stderr)


def _clause(error: object) -> str:
    """An error's words put into a sentence: its own closing full stop dropped ("it.. Nothing")."""
    return str(error).rstrip().removesuffix(".")


def export(folder: Path, args: argparse.Namespace) -> int:
    if args.sealed:
        from .cli_lock import NoPassphrase, asker_for
        from .core import passphrase as rules

        asker = asker_for(args)
        try:
            secret = asker.ask(_("Passphrase for the sealed export: "))
            again = asker.ask(_("The same passphrase again: "))
        except NoPassphrase:
            _say(_("no passphrase was given for the sealed export; nothing was exported"))
            return EXIT_PROBLEM
        said = rules.problem(secret, again)
        if said is not None:
            _say(said + " " + _("Nothing was exported."))
            return EXIT_PROBLEM
        args.sealed_with = secret
    args.lock_on = folder.is_dir() and is_locked(folder)
    with _no_cycle_collection():
        return _export(folder, args)


def _lock_is_on(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "lock_on", False))


def _export(folder: Path, args: argparse.Namespace) -> int:
    try:
        if folder.is_dir():
            with DataFolder.open(folder, read_only=True) as data:
                problem = next((p for p in data.problems if is_journal_file(p.path.name) or p.path.name == JOURNAL_FILE),
                               None)
                if problem is not None:
                    _say(_("{error}. Open Goldseam to restore a backup, or run: goldseam check").format(error=_clause(problem)))
                    return EXIT_PROBLEM
                held = next((h for h in data.held_backups() if is_journal_file(h.file) or h.file == JOURNAL_FILE),
                            None)
                result = _consistent_export(data, args)
                if result is None:
                    return EXIT_PROBLEM
        else:
            held = None
            result = transfer.export_journal(None, args.format)
            if not _write_out(result, args):
                return EXIT_PROBLEM
    except CorruptFile as err:
        todo = (_("Open Goldseam to set it aside and restore its backup, or run: goldseam check") if err.backup
                else _("No backup of it was found; run: goldseam check"))
        _say(_("{error}; nothing was exported. {todo}").format(error=_clause(err), todo=todo))
        return EXIT_PROBLEM
    except StorageError as err:
        _say(str(err))
        return EXIT_PROBLEM
    problem = False
    for line in _not_in_the_export(folder):
        _say(line)
        problem = True
    if result.left_out:
        _say(ngettext("left out {n} moment this version of Goldseam cannot read; it stays in the journal "
                      "untouched (goldseam check counts it)",
                      "left out {n} moments this version of Goldseam cannot read; they stay in the journal "
                      "untouched (goldseam check counts them)", result.left_out).format(n=result.left_out))
        problem = True
    if held is not None:
        _say(_("the journal was set aside because it could not be read, and the moments in the backup kept "
               "for you ({backup}) are not in this export; open Goldseam and restore it first")
             .format(backup=held.backup.name))
        problem = True
    return EXIT_PROBLEM if problem else EXIT_OK


def _missing_months(folder: Path) -> list[str]:
    return [_("{file} was set aside earlier because it could not be read, and no backup of it was found: its moments "
              "are not in your journal (run: goldseam check)").format(file=f"{JOURNAL_FOLDER}/{aside.name}")
            for aside in set_aside_without_backup(folder / JOURNAL_FOLDER)]


def _not_in_the_export(folder: Path) -> list[str]:
    """Moments kept in the data folder that an export does not hold: a month set aside with no
    backup, and a journal.json an earlier version wrote after the journal moved into its folder."""
    lines = [_("{file} was set aside because it could not be read, and its moments are not in this export "
               "(no backup of it was found; run: goldseam check)").format(file=f"{JOURNAL_FOLDER}/{aside.name}")
             for aside in set_aside_without_backup(folder / JOURNAL_FOLDER)]
    lines += [_("{file} is not a file Goldseam keeps in {folder}/, and what it holds is not in this export "
                "(run: goldseam check)").format(file=f"{JOURNAL_FOLDER}/{name}", folder=JOURNAL_FOLDER)
              for name in strays(folder / JOURNAL_FOLDER)]
    if (folder / JOURNAL_FILE).exists() and (folder / JOURNAL_FOLDER).is_dir():
        lines.append(_("{file}, written by an earlier version of Goldseam, is not in this export; open Goldseam once "
                       "and it joins the journal").format(file=JOURNAL_FILE))
    return lines


EXPORT_ATTEMPTS = 5


def _consistent_export(data: DataFolder, args: argparse.Namespace) -> transfer.JournalExport | None:
    """Write the export of one moment in time: read again (to a file) while another Goldseam's saves
    change the journal meanwhile; where that cannot be (standard output, or it keeps changing), say
    so. None when nothing whole was written."""
    for attempt in range(EXPORT_ATTEMPTS):
        _wait_for_a_change_being_made(data.path / JOURNAL_FOLDER)
        result = transfer.export_journal(data.journal, args.format)
        try:
            return result if _write_out(result, args) else None
        except JournalChanged as err:
            # An import found in progress was found before anything was written. When another Goldseam
            # holds the folder it is being put in place right now (committed between the wait and the
            # reading, as a busy machine makes likely): read again. Otherwise it was cut short: say so.
            live = err.unfinished and _another_goldseam_has(data.path)
            if live:
                err = JournalChanged()
            if attempt == EXPORT_ATTEMPTS - 1 or (err.unfinished and not live) or not (args.output or live):
                done = (_("nothing was exported") if args.output or err.unfinished or live else
                        _("what was written to standard output is not a whole export (it was cut off before its end)"))
                _say(_("{error}; {done}").format(error=_clause(err), done=done))
                return None
            time.sleep(0.2 * (attempt + 1))
    return None


def _another_goldseam_has(folder: Path) -> bool:
    """Whether another Goldseam holds the folder now (its import is being put in place, not cut short)."""
    lock = FolderLock(folder)
    try:
        lock.acquire()
    except FolderLocked:
        return True
    except StorageError:
        return False
    lock.release()
    return False


def _wait_for_a_change_being_made(journal_folder: Path, seconds: float = 3.0) -> None:
    """Another Goldseam may be putting an import in place this very moment: a few renames. Wait
    for it (a change cut short by a kill stays, and is said by the export)."""
    deadline = time.monotonic() + seconds
    while in_progress(journal_folder) and time.monotonic() < deadline:
        time.sleep(0.05)


class _TooLargeToImport(Exception):
    """The export grew past what import reads: stopped, and nothing is left behind."""


def _sealed(chunks, args: argparse.Namespace):
    """The export's pieces, sealed with the passphrase asked for it when --sealed was given."""
    if not getattr(args, "sealed_with", None):
        return chunks
    from .storage.key_file import tuned
    from .storage.sealed_export import seal_export

    return seal_export(chunks, args.sealed_with, tuned())


def _write_out(result: transfer.JournalExport, args: argparse.Namespace) -> bool:
    """Write the export as it is read, to the file (atomically) or to stdout. What import would
    refuse is never written: a journal whose files already exceed the limit is not begun, and a
    document that grows past it is stopped (the file's temp copy is removed)."""
    too_large = _("the export would be larger than {limit} MiB, more than Goldseam can import; nothing was written") \
        .format(limit=MAX_IMPORT_BYTES // (1024 * 1024))
    if result.size_bound > MAX_IMPORT_BYTES:
        _say(too_large)
        return False
    chunks = utf8_chunks(result, MAX_IMPORT_BYTES, _TooLargeToImport)
    if args.output:
        out = Path(args.output).expanduser()
        try:
            write_atomic(out, _sealed(chunks, args))
        except _TooLargeToImport:
            _say(too_large)
            return False
        _say(ngettext("exported {n} moment to {file}", "exported {n} moments to {file}", result.exported)
             .format(n=result.exported, file=out))
        if getattr(args, "sealed_with", None):
            _say(_("the export is sealed: Goldseam opens it with the passphrase you gave it"))
        elif _lock_is_on(args):
            _say(_("the export is plain text, your own copy: anyone who can read the file can read your notes "
                   "(--sealed seals it with a passphrase)"))
        return True
    try:
        for chunk in _sealed(chunks, args):
            sys.stdout.buffer.write(chunk)
    except _TooLargeToImport:
        _say(too_large)
        return False
    sys.stdout.flush()
    return True


def import_(folder: Path, args: argparse.Namespace) -> int:
    with _no_cycle_collection():    # a whole file of moments read, checked and written once, as an export reads
        return _import(folder, args)


def _import(folder: Path, args: argparse.Namespace) -> int:
    source = Path(args.file).expanduser()
    try:
        document = _read_import(source, args)
    except TransferFormatError as err:
        _say(_("cannot import {file}: {error}. Nothing was changed.").format(file=source.name, error=_clause(err)))
        return EXIT_PROBLEM
    except StorageError as err:
        _say(_("{error}. Nothing was changed.").format(error=_clause(err)))
        return EXIT_PROBLEM
    if folder.is_dir():
        try:  # look first without changing anything: a damaged journal is for the app to restore
            with DataFolder.open(folder, read_only=True) as look:
                problem = next((p for p in look.problems if is_journal_file(p.path.name) or p.path.name == JOURNAL_FILE),
                           None)
        except StorageError:
            problem = None  # reported below, by the open that counts
        if problem is not None:
            _say(_("{error}. Open Goldseam to restore a backup. Nothing was changed.").format(error=_clause(problem)))
            return EXIT_PROBLEM
    try:
        with DataFolder.open(folder) as data:
            if any(is_journal_file(p.path.name) or p.path.name == JOURNAL_FILE for p in data.problems):
                _say(_("the journal needs attention first (a file was set aside); open Goldseam. Nothing was imported."))
                return EXIT_PROBLEM
            for line in _notes(data):
                _say(line)
            result = data.journal.import_moments(document.records, document.phrases)
            for found in data.journal.problems:     # a month found unreadable while looking for duplicates
                _say(_("{error}. The import went on without it; open Goldseam to restore its backup.")
                     .format(error=_clause(found)))
            for line in _missing_months(folder):
                _say(line)
    except FolderLocked:
        _say(_("Goldseam is open (in a window or another command) and holds the data folder. "
               "Close it and try again. Nothing was changed."))
        return EXIT_PROBLEM
    except FileTooLarge:
        _say(_("with this file the journal would be larger than Goldseam keeps in one file ({limit} MiB). "
               "Nothing was changed.").format(limit=MAX_STORED_BYTES // (1024 * 1024)))
        return EXIT_PROBLEM
    except StorageError as err:
        _say(_("{error}. Nothing was changed.").format(error=_clause(err)))
        return EXIT_PROBLEM
    _say(import_summary(result))
    return EXIT_OK


def _read_import(source: Path, args: argparse.Namespace):
    """The document of `source`; a sealed export is read again with the passphrase asked for it."""
    try:
        return transfer.read_import_file(source)
    except transfer.SealedExport:
        from .cli_lock import NoPassphrase, asker_for

        try:
            secret = asker_for(args).ask(_("Passphrase of the sealed export: "))
        except NoPassphrase:
            raise TransferFormatError(_("the file is a sealed export, and no passphrase was given")) from None
        try:
            return transfer.read_import_file(source, secret)
        except transfer.SealedExport:
            time.sleep(1)
            raise


def import_summary(result) -> str:
    """What a merge did, in one line: added, updated (a newer copy replaced ours), already here; copies
    kept beside yours, and own phrases that came in, when there are any."""
    said = [
        ngettext("{n} moment added", "{n} moments added", result.added).format(n=result.added),
        ngettext("{n} updated (the file's copy was newer)", "{n} updated (the file's copies were newer)",
                 result.updated).format(n=result.updated),
        ngettext("{n} already here", "{n} already here", result.unchanged).format(n=result.unchanged),
    ]
    if result.copies:
        said.append(ngettext(
            "{n} kept beside yours as a copy tagged \u201cfrom another computer\u201d (changed at the same time, "
            "with other words)",
            "{n} kept beside yours as copies tagged \u201cfrom another computer\u201d (changed at the same time, "
            "with other words)", result.copies).format(n=result.copies))
    if result.phrases:
        said.append(ngettext("{n} phrase of your own came in", "{n} phrases of your own came in",
                             result.phrases).format(n=result.phrases))
    return "; ".join(said)


def _notes(data: DataFolder) -> list[str]:
    """What opening the folder found and mended, said once, in the window's own words."""
    from .ui.widgets.storage_messages import notice_text  # plain Python: the window and the CLI say the same

    return [_("{error}; the journal is fine. Open Goldseam to restore it.").format(error=_clause(problem))
            for problem in data.problems] + [notice_text(notice) for notice in data.notices]


def check(folder: Path, args: argparse.Namespace) -> int:
    try:
        with _no_cycle_collection():
            report = check_folder(folder)
    except CannotRead as err:
        _say(str(err))
        return EXIT_CANNOT_READ
    for fact in report.facts:
        print(fact, file=sys.stderr)
    for problem in report.problems:
        print(_("problem: {problem}").format(problem=problem), file=sys.stderr)
    n = len(report.problems)
    print(_("healthy") if report.healthy else ngettext("{n} problem found", "{n} problems found", n).format(n=n),
          file=sys.stderr)
    return EXIT_OK if report.healthy else EXIT_PROBLEM
