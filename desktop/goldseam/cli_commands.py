"""What export, import and check do. Messages name files and counts, never private text."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .core.transfer_format import TransferFormatError
from .storage import transfer
from .storage.atomic_file import write_atomic
from .storage.data_folder import DataFolder
from .i18n import _
from .storage.errors import CorruptFile, FolderLocked, StorageError
from .storage.health_check import CannotRead, check_folder

EXIT_OK, EXIT_PROBLEM, EXIT_CANNOT_READ = 0, 1, 2


def _say(message: str) -> None:
    print(f"goldseam: {message}", file=sys.stderr)


def export(folder: Path, args: argparse.Namespace) -> int:
    try:
        if folder.is_dir():
            with DataFolder.open(folder, read_only=True) as data:
                text = transfer.export_text(data.journal, args.format)
                count = data.journal.count()
        else:
            text, count = transfer.export_empty(args.format), 0
    except CorruptFile as err:
        _say(_("{error}. Open Goldseam to restore a backup, or run: goldseam check").format(error=err))
        return EXIT_PROBLEM
    except StorageError as err:
        _say(str(err))
        return EXIT_PROBLEM
    if args.output:
        out = Path(args.output).expanduser()
        try:
            write_atomic(out, text.encode("utf-8"))
        except StorageError as err:
            _say(str(err))
            return EXIT_PROBLEM
        _say(_("exported {count} moment(s) to {file}").format(count=count, file=out))
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return EXIT_OK


def import_(folder: Path, args: argparse.Namespace) -> int:
    source = Path(args.file).expanduser()
    try:
        document = transfer.read_import_file(source)
    except TransferFormatError as err:
        _say(_("cannot import {file}: {error}. Nothing was changed.").format(file=source.name, error=err))
        return EXIT_PROBLEM
    except StorageError as err:
        _say(_("{error}. Nothing was changed.").format(error=err))
        return EXIT_PROBLEM
    if folder.is_dir():
        try:  # look first without changing anything: a damaged file is for the app to restore
            DataFolder.open(folder, read_only=True).close()
        except CorruptFile as err:
            _say(_("{error}. Open Goldseam to restore a backup. Nothing was changed.").format(error=err))
            return EXIT_PROBLEM
        except StorageError:
            pass  # reported below, by the open that counts
    try:
        with DataFolder.open(folder) as data:
            if data.problems:
                _say(_("the journal needs attention first (a file was set aside); open Goldseam. Nothing was imported."))
                return EXIT_PROBLEM
            result = data.journal.import_moments(document.moments)
    except FolderLocked:
        _say(_("Goldseam is open (in a window or another command) and holds the data folder. "
               "Close it and try again. Nothing was changed."))
        return EXIT_PROBLEM
    except StorageError as err:
        _say(_("{error}. Nothing was changed.").format(error=err))
        return EXIT_PROBLEM
    _say(_("imported {added} moment(s); skipped {skipped} already in the journal").format(added=result.added, skipped=result.skipped))
    return EXIT_OK


def check(folder: Path, args: argparse.Namespace) -> int:
    try:
        report = check_folder(folder)
    except CannotRead as err:
        _say(str(err))
        return EXIT_CANNOT_READ
    for fact in report.facts:
        print(fact, file=sys.stderr)
    for problem in report.problems:
        print(_("problem: {problem}").format(problem=problem), file=sys.stderr)
    print(_("healthy") if report.healthy else _("{n} problem(s) found").format(n=len(report.problems)), file=sys.stderr)
    return EXIT_OK if report.healthy else EXIT_PROBLEM
