"""The few questions and notices Goldseam ever pops up, worded calmly.

Imported when first needed: message boxes are not part of the first paint.

They stay Qt's static boxes with their buttons, defaults and answers (the UI tests
and tests/integration/test_terminate.py patch QMessageBox.question and friends). How they look comes from the style sheet: the app's gold
bowl in place of Qt's blue "?", yellow "!" and red "x" icons, and no icons on the
buttons (calm.qss, "message boxes").
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ...i18n import _
from .storage_messages import Explanation


def tell(parent: QWidget | None, explanation: Explanation) -> None:
    QMessageBox.information(parent, explanation.title, explanation.body)


def ask_discard_draft(parent: QWidget) -> bool:
    answer = QMessageBox.question(
        parent, _("Discard the unfinished repair?"),
        _("What you wrote in it will be removed. Finished moments are not affected."),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard


def ask_let_go(parent: QWidget) -> bool:
    answer = QMessageBox.question(
        parent, _("Let the backup go?"),
        _("The backup kept for you will be removed, and the older words in it with it. "
          "The file that was set aside stays in your Goldseam folder. This cannot be undone."),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard


def ask_close_unsaved(parent: QWidget, explanation: Explanation | None) -> bool:
    """True if the person chooses to close although the latest words are not saved."""
    answer = QMessageBox.warning(
        parent, _("Your latest words are not saved"),
        (explanation.body + "\n\n" if explanation else "")
        + _("If you close now, what you typed since the last save will be lost. "
            "Stay open, and Goldseam will keep trying."),
        QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Close,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Close
