"""The passphrase lock on the command line: `goldseam lock enable | change | disable | recovery`, and
the passphrase asked for by every command that reads a locked journal.

A passphrase is asked on the terminal without echo, or read from the first line of standard input
with --passphrase-stdin; never taken as an argument (it would show in the process list and the
shell's history), never printed, never in an error. Core dumps are turned off before one is asked.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
import warnings
from pathlib import Path

from .core import passphrase as rules
from .core.passphrase import no_core_dumps
from .i18n import _
from .storage.errors import FolderLocked, KeyFileDamaged, StorageError, WrongPassphrase

EXIT_OK, EXIT_PROBLEM = 0, 1
TERMINAL_ATTEMPTS = 3


class NoPassphrase(Exception):
    """No passphrase could be asked for (no terminal, and --passphrase-stdin not given)."""


def _say(message: str) -> None:
    print(f"goldseam: {message}", file=sys.stderr)


class Asker:
    """Where passphrases come from for one command: the terminal, or standard input's lines in order."""

    def __init__(self, from_stdin: bool):
        self.from_stdin = from_stdin
        self._lines: list[str] | None = None

    def ask(self, prompt: str) -> str:
        no_core_dumps()
        if self.from_stdin:
            if self._lines is None:
                self._lines = sys.stdin.read(64 * 1024).splitlines()
            if not self._lines:
                raise NoPassphrase()
            return self._lines.pop(0)
        try:        # only a real terminal: getpass would otherwise read standard input, echoing it
            os.close(os.open("/dev/tty", os.O_RDWR | getattr(os, "O_NOCTTY", 0)))
        except OSError:
            raise NoPassphrase() from None
        with warnings.catch_warnings():
            warnings.simplefilter("error", getpass.GetPassWarning)
            try:
                return getpass.getpass(prompt)
            except (EOFError, OSError, getpass.GetPassWarning):
                raise NoPassphrase() from None

    @property
    def can_retry(self) -> bool:
        return not self.from_stdin


def asker_for(args: argparse.Namespace) -> Asker:
    """One Asker for the whole command: with --passphrase-stdin, each passphrase asked takes the next line."""
    if getattr(args, "_asker", None) is None:
        args._asker = Asker(bool(getattr(args, "passphrase_stdin", False)))
    return args._asker


def unlock_for_command(folder: Path, args: argparse.Namespace) -> int | None:
    """When the journal is locked: ask its passphrase and hold its key for this command. None when the
    command may go on; else the exit status, the reason said in one line."""
    from .storage import lock_setup
    from .storage.key_file import is_locked

    if not is_locked(folder):
        return None
    asker = asker_for(args)
    attempts = TERMINAL_ATTEMPTS if asker.can_retry else 1
    for attempt in range(attempts):
        try:
            secret = asker.ask(_("Passphrase for the journal: "))
        except NoPassphrase:
            _say(_("the journal is locked; run this in a terminal to type its passphrase, or give it on the first "
                   "line of standard input with --passphrase-stdin"))
            return EXIT_PROBLEM
        try:
            lock_setup.unlock(folder, secret)
            return None
        except WrongPassphrase as err:
            time.sleep(1 + attempt)      # a kind slowing down; nothing is ever deleted for a wrong passphrase
            if attempt == attempts - 1:
                _say(str(err))
                return EXIT_PROBLEM
            print(_("That passphrase does not open the journal. Try again."), file=sys.stderr)
        except KeyFileDamaged as err:
            _say(str(err))
            return EXIT_PROBLEM
    return EXIT_PROBLEM


def lock(folder: Path, args: argparse.Namespace) -> int:
    """goldseam lock enable | change | disable | recovery."""
    from .storage.data_folder import DataFolder
    from .storage.key_file import is_locked

    no_core_dumps()
    asker = asker_for(args)
    action = args.action
    if action == "enable" and is_locked(folder):
        _say(_("the lock is already on; to choose another passphrase: goldseam lock change"))
        return EXIT_PROBLEM
    if action != "enable" and not is_locked(folder):
        _say(_("the lock is off; to turn it on: goldseam lock enable"))
        return EXIT_PROBLEM
    try:
        if action == "enable":
            return _enable(folder, asker)
        old = asker.ask(_("Passphrase (or recovery key): ") if action == "change" else _("Passphrase: "))
        from .storage import lock_setup

        lock_setup.unlock(folder, old)
        with DataFolder.open(folder) as data:
            if action == "change":
                new = _new_passphrase(asker)
                if new is None:
                    return EXIT_PROBLEM
                data.change_passphrase(old, new, _kdf())
                _say(_("the passphrase is changed; the old one no longer opens the journal"))
            elif action == "disable":
                data.disable_lock(old)
                _say(_("the lock is off: the journal and its backups are plain files again, readable by anyone "
                       "who can open your account's files"))
            else:
                return _new_recovery(folder, old)
    except NoPassphrase:
        _say(_("no passphrase was given; run this in a terminal, or give it on standard input with "
               "--passphrase-stdin"))
        return EXIT_PROBLEM
    except WrongPassphrase as err:
        time.sleep(1)
        _say(str(err) + _("; nothing was changed"))
        return EXIT_PROBLEM
    except FolderLocked:
        _say(_("Goldseam is open (in a window or another command) and holds the data folder. Close it, or use "
               "its settings, and try again. Nothing was changed."))
        return EXIT_PROBLEM
    except StorageError as err:
        _say(str(err))
        return EXIT_PROBLEM
    return EXIT_OK


def _kdf():
    from .storage.key_file import tuned

    return tuned()


def _new_passphrase(asker: Asker) -> str | None:
    while True:
        new = asker.ask(_("New passphrase: "))
        try:
            again = asker.ask(_("The same passphrase again: "))
        except NoPassphrase:
            if asker.from_stdin:
                _say(_("a new passphrase is asked twice, to be sure of it: give it on two lines of standard input"))
                return None
            raise
        said = rules.problem(new, again)
        if said is None:
            return new
        _say(said)
        if not asker.can_retry:
            return None


def _enable(folder: Path, asker: Asker) -> int:
    from .storage.data_folder import DataFolder
    from .storage.key_file import new_recovery_key

    print(_("The lock seals your notes with a passphrase. If you lose the passphrase and the recovery key, "
            "your notes cannot be read again, by you or by anyone: there is no way around it."), file=sys.stderr)
    new = _new_passphrase(asker)
    if new is None:
        return EXIT_PROBLEM
    recovery = new_recovery_key()
    with DataFolder.open(folder) as data:
        data.enable_lock(new, recovery, _kdf())
    _say(_("the lock is on. Your recovery key is below; it is shown only this once. Write it on paper and keep "
           "it somewhere safe: it opens the journal if the passphrase is lost."))
    print(recovery)
    sys.stdout.flush()
    return EXIT_OK


def _new_recovery(folder: Path, secret: str) -> int:
    from .storage import lock_setup
    from .storage.key_file import new_recovery_key

    recovery = new_recovery_key()
    lock_setup.new_recovery(folder, secret, recovery, _kdf())
    _say(_("a new recovery key is below, shown only this once; the old one no longer opens the journal"))
    print(recovery)
    sys.stdout.flush()
    return EXIT_OK
