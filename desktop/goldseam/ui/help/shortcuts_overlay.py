"""The keys, on one calm page (F1 from anywhere in the window; F1 or Esc closes it).

A letter key is read from the same translated label as its button ("&Back" → Alt+B; in another
language, whatever letter that language marks), so the page never names a key the screen
does not have.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget)

from ...i18n import _
from ..widgets.screen_fit import fit_to_screen
from ..widgets.accessible import keep_quiet, make_heading


def alt_key(label: str) -> str:
    """The Alt+letter a button's label marks with &, as this desktop writes it."""
    return QKeySequence.mnemonic(label).toString(QKeySequence.SequenceFormat.NativeText)


def key(sequence: str | QKeySequence.StandardKey) -> str:
    return QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText)


def _plain(label: str) -> str:
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("\u2026")


def groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """(where, [(keys, what they do)]) in the order a person meets them."""
    everywhere = [
        (key("F1"), _("Show these keys")),
        (key("Ctrl+,"), _("Open the settings")),
        (key("Ctrl+Q"), _("Quit Goldseam, from anywhere (what you typed is kept)")),
        (_("{key}, or Esc twice").format(key=key("Ctrl+L")),
         _("Hide every word at once, from anywhere (with the lock on, your passphrase opens it again)")),
        (_("Tab, Shift+Tab"), _("Move to the next or the previous control, in reading order")),
        (_("Space, Enter"), _("Press the button or the choice that has the focus")),
    ]
    home = [(alt_key(label), Button(_plain(label))) for label in (
        _("&Begin a repair"), _("&Continue where you left off"), _("Take a &pause"), _("Brea&the"),
        _("&Look back"), _("&Settings"))]
    steps = [
        (key("Ctrl+Return"), _("Go to the next step")),
        (alt_key(_("&Back")), _("Back to the previous step")),
        (alt_key(_("S&kip this step")), _("Skip this step")),
        (alt_key(_("&Next")), _("Next step")),
        (alt_key(_("&Leave for now")), _("Leave for now; your answers are kept")),
        (_("Arrow keys"), _("Move through the phrases, the feelings and the sliders")),
        (key(QKeySequence.StandardKey.Delete), _("On a strength slider: clear it (not rated)")),
    ]
    calm = [
        (key("Space"), _("Pause the breathing guide, or go on")),
        (key("Esc"), _("Stop the breathing guide")),
        (alt_key(_("Back &home")), _("Back home")),
    ]
    look_back = [
        (key(QKeySequence.StandardKey.Find), _("Go to the search")),
        (_("Arrow keys"), _("Move through the moments")),
        (key("Return"), _("On a narrow window: read the chosen moment, then Esc for the list again")),
        (key(QKeySequence.StandardKey.Delete), _("Delete the chosen moment")),
        (key(QKeySequence.StandardKey.Undo), _("Bring back what was just deleted")),
        (alt_key(_("&Filters")), _("Show or hide the filters")),
        (key("Esc"), _("Back home")),
    ]
    return [(_("Everywhere"), everywhere), (_("Home"), home), (_("The five steps"), steps),
            (_("Pause and breathing"), calm), (_("Look back"), look_back)]


class Button(str):
    """What a key does is press the button of this name (read as "the Breathe button")."""


def read_aloud(heading: str, keys: str, what: str) -> str:
    """A row as a screen reader says it, its keys first, and a group's first row with the group's
    name. Orca 43 reads a dialog's labels of three words or more as it opens: the keys alone
    ("F1", "Alt+B"), the headings ("Home") and "Alt+T: Breathe" were never said."""
    if isinstance(what, Button):
        row = _("{keys}: the “{button}” button").format(keys=keys, button=what)
    else:
        row = _("{keys}: {what}").format(keys=keys, what=what)
    return _("{heading}. {row}").format(heading=heading, row=row) if heading else row


class ShortcutsOverlay(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Keys"))
        content = QWidget()
        column = QVBoxLayout(content)
        column.setSpacing(6)
        intro = QLabel(_("Everything in Goldseam works with the keyboard alone."), objectName="Hint")
        intro.setWordWrap(True)
        column.addWidget(intro)
        self.rows: list[tuple[str, str]] = []
        grid = QGridLayout()       # one grid for every group, so the keys line up down the page
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        row = 0
        for where, entries in groups():
            heading = make_heading(QLabel(where, objectName="ClosureTitle"))
            grid.addWidget(heading, row, 0, 1, 2)
            grid.setRowMinimumHeight(row, heading.sizeHint().height() + 12)
            row += 1
            for number, (keys, what) in enumerate(entries):
                keys_label = keep_quiet(QLabel(keys))
                keys_label.setTextFormat(Qt.TextFormat.PlainText)
                what_label = QLabel(what)
                what_label.setWordWrap(True)
                what_label.setAccessibleName(read_aloud(where if number == 0 else "", keys, what))
                grid.addWidget(keys_label, row, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(what_label, row, 1)
                self.rows.append((keys, what))
                row += 1
        column.addLayout(grid)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("Reading")      # a stop of its own: the keys scroll with the arrows
        scroll.setAccessibleName(self.windowTitle())
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        content.ensurePolished()      # never narrower than a key beside its shortest words: no sideways cut
        scroll.setMinimumWidth(content.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 560, 600)
        self.close_button.setFocus()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt naming
        if event.key() == Qt.Key.Key_F1:
            self.reject()
        else:
            super().keyPressEvent(event)
