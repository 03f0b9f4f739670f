"""After the recovery key opened Goldseam (the passphrase was lost), a new passphrase is asked at once:
otherwise the person would have to find the paper again at every start. Cancel keeps things as they
are (the recovery key goes on opening it)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...core import passphrase as rules
from ...i18n import _
from ..widgets.accessible import say
from .lock_actions import LockActions
from .lock_dialogs import PassphraseDialog


def ask_for_new_passphrase(parent: QWidget, actions: LockActions, recovery: str) -> PassphraseDialog:
    def confirm(values: list[str]):
        return rules.problem(values[0], values[1]) or actions.change(parent, recovery, values[0])

    dialog = PassphraseDialog(
        _("Choose a new passphrase"), _("Choose a new passphrase"),
        _("You opened Goldseam with your recovery key. Choose a new passphrase now, one you will remember: "
          "the recovery key keeps working, for the day you need it again."),
        [_("&New passphrase"), _("The same new passphrase &again")], _("&Keep this passphrase"), confirm, parent)
    dialog.accepted.connect(lambda: say(parent, _("The passphrase is changed. The old one no longer opens your journal.")))
    dialog.open()
    return dialog
