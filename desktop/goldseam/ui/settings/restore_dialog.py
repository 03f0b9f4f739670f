"""Restore from a backup: choose one of the backups made (or any Goldseam export file), read
what it holds and what restoring would do, then restore, or not.

Nothing changes until "Restore" is pressed, and restoring is the same all-or-nothing merge as
bringing in an export: moments written since the backup stay.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (QDialog, QFileDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

from ...i18n import _
from ..widgets.accessible import say
from ..widgets.keyboard import press_on_enter
from ..widgets.screen_fit import fit_to_screen
from .data_actions import DataActions, preview_text, snapshot_line

PATH_ROLE = 256     # Qt.ItemDataRole.UserRole


class RestoreDialog(QDialog):
    def __init__(self, actions: DataActions, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Restore from a backup"))
        self._actions = actions
        self._document = None
        self.result_line = ""
        intro = QLabel(_("Choose a backup to see what it holds. Nothing changes until you press Restore."))
        intro.setWordWrap(True)
        self.backups = QListWidget()
        self.backups.setAccessibleName(_("Backups you made, newest first"))
        backups_label = QLabel(_("&Backups you made"))
        backups_label.setBuddy(self.backups)
        self.other_file = QPushButton(_("Choose another &file\u2026"))
        self.other_file.setAccessibleName(_("Choose another file: a backup or an export kept elsewhere"))
        self.preview = QLabel(objectName="Hint")
        self.preview.setWordWrap(True)
        self.restore_button = QPushButton(_("&Restore"), objectName="Primary")
        self.restore_button.setAccessibleName(_("Restore the moments of this backup"))
        self.restore_button.setEnabled(False)
        self.close_button = QPushButton(_("Close"))
        self.close_button.setAccessibleName(_("Close without restoring"))

        for snapshot in actions.made():
            item = QListWidgetItem(snapshot_line(snapshot))
            item.setData(PATH_ROLE, str(snapshot.path))
            self.backups.addItem(item)
        if not self.backups.count():
            self.preview.setText(_("You have not made a backup here yet. You can choose a backup or an "
                                   "export file from elsewhere."))
        buttons = QHBoxLayout()
        buttons.addWidget(self.other_file)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.restore_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 16)
        column.setSpacing(10)
        column.addWidget(intro)
        column.addWidget(backups_label)
        column.addWidget(self.backups, 1)
        column.addWidget(self.preview)
        column.addLayout(buttons)
        fit_to_screen(self, 520, 460)      # no fixed least width: the layout's keeps every button whole
        press_on_enter(self)
        self.backups.currentItemChanged.connect(lambda item, _old: item and self.show_preview(
            Path(item.data(PATH_ROLE))))
        self.other_file.clicked.connect(self._choose_file)
        self.restore_button.clicked.connect(self.restore)
        self.close_button.clicked.connect(self.reject)
        if self.backups.count():
            self.backups.setCurrentRow(0)
        (self.backups if self.backups.count() else self.other_file).setFocus()

    def show_preview(self, path: Path) -> None:
        preview, found = self._actions.preview(self, path)
        if preview is None:
            self._document = None
            self.preview.setText(found.body)
            self.restore_button.setEnabled(False)
        else:
            summary, self._document = preview
            self.preview.setText(preview_text(summary))
            would = summary.would
            self.restore_button.setEnabled(would.added + would.updated + would.copies + would.phrases > 0)
            if not self.restore_button.isEnabled() and summary.moments:
                self.preview.setText(self.preview.text() + " " + _("Your journal already holds all of it."))
        say(self.preview, self.preview.text())

    def restore(self) -> None:
        if self._document is None:
            return
        result, problem = self._actions.restore(self, self._document)
        if result is None:
            self.preview.setText(problem.body)
            say(self.preview, problem.body)
            return
        from ..review.merge_action import merge_summary

        self.result_line = merge_summary(result)
        self.accept()

    def _choose_file(self) -> None:
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a backup"), start, _("Goldseam backup or export (*.json)") + ";;" + _("All files (*)"))
        if chosen:
            self.backups.clearSelection()
            self.show_preview(Path(chosen))
