"""What the settings' lock section asks of storage: turn the lock on or off, change the passphrase,
make a new recovery key. Each runs on the thread pool (the key is slow to derive on purpose, and
turning the lock on rewrites every file) while the window keeps painting; a refusal becomes a
calm sentence, and nothing is changed by it."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QWidget

from ...core.passphrase import no_core_dumps
from ...i18n import _
from ...storage.errors import StorageError, WriteFailed, WrongPassphrase
from ..application.background import run_in_background


class LockActions:
    def __init__(self, data, kdf: Callable[[], object] | None = None):
        """`data`: the open DataFolder. `kdf()`: the key derivation's cost (tuned to this machine)."""
        from ...storage.key_file import tuned

        self._data = data
        self._kdf = kdf or tuned

    def is_on(self) -> bool:
        return self._data.locked

    def new_recovery_key(self) -> str:
        from ...storage.key_file import new_recovery_key

        return new_recovery_key()

    def enable(self, parent: QWidget, passphrase: str, recovery: str) -> str | None:
        return self._run(parent, lambda: self._data.enable_lock(passphrase, recovery, self._kdf()))

    def change(self, parent: QWidget, old: str, new: str) -> str | None:
        return self._run(parent, lambda: self._data.change_passphrase(old, new, self._kdf()))

    def disable(self, parent: QWidget, passphrase: str) -> str | None:
        return self._run(parent, lambda: self._data.disable_lock(passphrase))

    def check(self, parent: QWidget, passphrase: str) -> str | None:
        from ...storage.key_file import read_key_file

        def opens() -> None:
            key_file = read_key_file(self._data.path)
            if key_file is not None:
                key_file.unlock(passphrase)
        return self._run(parent, opens)

    def new_recovery(self, parent: QWidget, passphrase: str, recovery: str) -> str | None:
        from ...storage import lock_setup

        return self._run(parent, lambda: lock_setup.new_recovery(self._data.path, passphrase, recovery, self._kdf()))

    def _run(self, parent: QWidget, work) -> str | None:
        """None when done; else why not, in the person's words (nothing changed)."""
        no_core_dumps()
        try:
            run_in_background(parent, work)
        except WrongPassphrase:
            return _("That passphrase does not open the journal. Nothing was changed.")
        except WriteFailed as error:
            why = _("the disk is full") if error.disk_full else error.reason
            return _("It could not be done: {why}. Your journal opens as it did before.").format(why=why)
        except StorageError as error:
            return _("It could not be done: {why}. Your journal opens as it did before.").format(
                why=str(error).rstrip("."))
        return None
