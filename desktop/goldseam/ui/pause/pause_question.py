"""The one question asked when someone moves on while their pause is still running:
leaving the step must never record them as back without asking."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ...i18n import _


def ask_if_back(parent: QWidget, back_at: str) -> bool:
    """True if the person says they are back; False keeps them on the pause."""
    box = QMessageBox(QMessageBox.Icon.NoIcon, _("Are you back?"),
                      _("Your pause runs until {time}. Are you back now?").format(time=back_at),
                      parent=parent)
    back = box.addButton(_("Yes, I'm back"), QMessageBox.ButtonRole.AcceptRole)
    stay = box.addButton(_("Not yet"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(back)
    box.setEscapeButton(stay)
    box.exec()
    return box.clickedButton() is back
