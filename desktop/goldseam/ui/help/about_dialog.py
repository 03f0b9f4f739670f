"""About Goldseam: which version, where the person's words are kept, the license, and where
to get help, with Goldseam and for themselves."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ... import APP_NAME, __version__
from ...i18n import _
from ..widgets.accessible import make_heading
from ..widgets.screen_fit import fit_to_screen
from ..widgets.scrolling import vertical_scroll


class AboutDialog(QDialog):
    def __init__(self, data_folder: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("About Goldseam"))
        title = make_heading(QLabel(APP_NAME, objectName="AppTitle"))
        self.version = QLabel(_("Version {version}").format(version=__version__), objectName="Quiet")
        what = QLabel(_("A calm, private companion for the hour after a fight with someone you love: "
                        "five small steps of repair, a pause that calls you back, and a quiet look back "
                        "at the repairs you have made."))
        self.folder = QLabel(_("Your words stay on this computer, in {folder}. Goldseam never sends "
                               "anything anywhere.").format(folder=data_folder if data_folder else _("no folder yet")))
        self.license = QLabel(_("Goldseam is free software under the GNU General Public License, version 3 "
                                "or later: you may use, study, share and change it."))
        self.help = QLabel(_("Help with Goldseam: press F1 for the keys; each step's “Why this step?” says "
                             "why it helps; the README that came with Goldseam describes every screen."))
        self.safety = QLabel(_("Help for you: Goldseam is for ordinary ruptures between people who are safe "
                               "with each other. If you or someone else is not safe, there is help: the emergency "
                               "number where you are, if there is danger now; a domestic abuse helpline, free and "
                               "confidential in most countries; a crisis line, if you think of harming yourself; "
                               "a doctor, a counsellor or a couples therapist; or someone you trust."))
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(10)
        for label in (title, self.version, what, self.folder, self.license, self.help, self.safety):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            column.addWidget(label)
        column.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        page = vertical_scroll(content)      # long words (a language, a large font) scroll, never cut
        page.setFocusPolicy(Qt.FocusPolicy.StrongFocus)     # and scroll with the arrows: nothing inside takes Tab
        page.setObjectName("Reading")
        page.setAccessibleName(self.windowTitle())
        layout.addWidget(page, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        fit_to_screen(self, 540, 600)
        self.close_button.setFocus()
