"""Settings, third page: where the person's words live, and what they can do with them: open
the folder, back up now, restore from a backup, export everything, bring in an export.

Every outcome is said in one calm line under the buttons (and to a screen reader), and an
error is explained in a box: never a traceback, and nothing changed by a refusal.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QGroupBox, QHBoxLayout, QLabel, QLineEdit, QMenu, QPushButton, QVBoxLayout,
                               QWidget)

from ...i18n import _
from ...storage.errors import StorageError
from ..widgets.accessible import say
from ..widgets.dialogs import tell
from ..widgets.local_format import date_and_time
from ..widgets.storage_messages import Explanation
from .data_actions import DataActions


class DataPage(QWidget):

    def __init__(self, actions: DataActions, parent: QWidget | None = None):
        super().__init__(parent)
        self._actions = actions
        self.folder = QLineEdit(str(actions.folder))
        self.folder.setReadOnly(True)
        self.folder.setAccessibleName(_("Your data folder"))
        self.folder.setCursorPosition(0)
        folder_label = QLabel(_("Your words are kept only on this computer, in this &folder:"))
        folder_label.setWordWrap(True)
        folder_label.setBuddy(self.folder)
        self.open_folder = QPushButton(_("&Open the folder"))
        self.open_folder.setAccessibleName(_("Open the folder in the file manager"))
        self.back_up = QPushButton(_("&Back up now"))
        self.back_up.setAccessibleName(_("Back up now: every moment, in one file"))
        self.restore = QPushButton(_("&Restore from a backup\u2026"))
        self.export = QPushButton(_("&Export everything\u2026"))
        self.export.setAccessibleName(_("Export everything: every moment"))
        menu = QMenu(self.export)
        menu.addAction(_("As Markdown (to read)\u2026"), lambda: self._export("markdown"))
        menu.addAction(_("As JSON (to bring into Goldseam elsewhere)\u2026"), lambda: self._export("json"))
        menu.addAction(_("As PDF (to print or keep)\u2026"), lambda: self._export("pdf"))
        self.export.setMenu(menu)
        self.bring_in = QPushButton(_("Bring &in an export\u2026"))
        self.bring_in.setAccessibleName(_("Bring in an export: moments from Goldseam elsewhere"))
        self.status = QLabel(objectName="Hint")
        self.status.setWordWrap(True)
        backups_note = QLabel(_("Goldseam also keeps its own copies of each file as it saves. A backup made "
                                "here is one file with every moment, kept in the folder's “snapshots” "
                                "folder (the newest ten)."), objectName="Hint")
        backups_note.setWordWrap(True)

        where = QGroupBox(_("Where your words are"))
        where_column = QVBoxLayout(where)
        where_column.addWidget(folder_label)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.open_folder)
        where_column.addLayout(folder_row)
        keep = QGroupBox(_("Backups"))
        keep_column = QVBoxLayout(keep)
        keep_row = QHBoxLayout()
        keep_row.addWidget(self.back_up)
        keep_row.addWidget(self.restore)
        keep_row.addStretch(1)
        keep_column.addLayout(keep_row)
        keep_column.addWidget(backups_note)
        carry = QGroupBox(_("Export and import"))
        carry_row = QHBoxLayout(carry)
        carry_row.addWidget(self.export)
        carry_row.addWidget(self.bring_in)
        carry_row.addStretch(1)
        column = QVBoxLayout(self)
        self._column = column
        column.setSpacing(12)
        column.addWidget(where)
        column.addWidget(keep)
        column.addWidget(carry)
        column.addWidget(self.status)
        column.addStretch(1)

        self.open_folder.clicked.connect(self._open_folder)
        self.back_up.clicked.connect(self._back_up)
        self.restore.clicked.connect(self._restore)
        self.bring_in.clicked.connect(self._bring_in)

    def add_section(self, section: QWidget) -> None:
        """Another part of the page (the lock), after what is there and before the line of news."""
        section.layout().setContentsMargins(0, 0, 0, 0)
        self._column.insertWidget(self._column.indexOf(self.status), section)

    def report(self, line: str) -> None:
        self.status.setText(line)
        say(self.status, line)

    def _open_folder(self) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._actions.folder))):
            self.report(_("No file manager answered. The folder is {folder}").format(folder=self._actions.folder))

    def _back_up(self) -> None:
        made, problem = self._actions.back_up(self)
        if made is None:
            self.report("")
            tell(self, problem)
            return
        self.report(_("Backed up at {time}: every moment is in {file}.").format(
            time=date_and_time(made.made), file=made.path.name))

    def _restore(self) -> None:
        from .restore_dialog import RestoreDialog

        self.dialog = RestoreDialog(self._actions, self)
        self.dialog.accepted.connect(self._restored)
        self.dialog.open()

    def _restored(self) -> None:
        self.report(_("Restored: {summary}").format(summary=self.dialog.result_line))
        self.restore.setFocus()

    def _export(self, fmt: str) -> None:
        from ..review.export_actions import ExportActions

        try:
            moments, phrases = self._actions.everything(self)
        except (StorageError, MemoryError):
            tell(self, Explanation(_("Not exported"), _(
                "Your journal could not be read whole just now, so nothing was exported. Your moments "
                "are untouched.")))
            return
        exporter = ExportActions(self)
        note = ""
        if self._actions.lock is not None and self._actions.lock.is_on():   # an export is the person's plain copy
            note = " " + _("The file is plain text, not sealed: anyone who can read it can read your words.")
        exporter.reported.connect(lambda line: self.report(line + note))
        exporter.export(moments, fmt, phrases if fmt == "json" else None)

    def _bring_in(self) -> None:
        from ..review.merge_action import merge_summary
        from ..review.merge_action import merge_from_file

        result = merge_from_file(self, self._actions.journal)
        if result is not None:
            self.report(merge_summary(result))
