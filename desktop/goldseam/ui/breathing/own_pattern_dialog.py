"""Make, change or remove one's own breathing pattern: a name and the seconds of each phase.

What is wrong is said inline, in core's words, beside the fields; never in a message box.
Save says it when pressed too early, and from then on the words follow the fields.
"""

from __future__ import annotations

import dataclasses
from typing import Callable, Iterable

from PySide6.QtWidgets import (QDialog, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from ...core import breathing
from ...core.breathing import BreathingPattern
from ...i18n import _
from ..widgets import accessible
from ..widgets.keyboard import press_on_enter

FIELDS = (("in", breathing.N_("Breathe &in")), ("hold", breathing.N_("&Hold")),
          ("out", breathing.N_("Breathe &out")), ("rest", breathing.N_("&Rest")))
TYPED_MAX_SECONDS = 999
NEW_PATTERN = {"in": 4.0, "hold": 0.0, "out": 6.0, "rest": 0.0}


class HalfSeconds(QSpinBox):
    """Seconds in steps of half a second (0 = no such phase), styled like every spin box."""

    def __init__(self, seconds: float, parent: QWidget | None = None):
        super().__init__(parent)
        # Wider than what is allowed: a number typed too large is shown and explained, never cut
        # short in silence (9999 became 9 when the box stopped at 60).
        self.setRange(0, TYPED_MAX_SECONDS * 2)
        self.setSuffix(_(" s"))
        self.setValue(round(seconds * 2))

    def seconds(self) -> float:
        return self.value() / 2

    def textFromValue(self, value: int) -> str:  # noqa: N802 - Qt naming
        return f"{value / 2:g}"

    def valueFromText(self, text: str) -> int:  # noqa: N802 - Qt naming
        number = text.removesuffix(self.suffix()).strip().replace(",", ".")
        try:
            return round(float(number) * 2)
        except ValueError:
            return self.value()

    def validate(self, text: str, position: int):
        from PySide6.QtGui import QValidator

        number = text.removesuffix(self.suffix()).strip().replace(",", ".")
        if number in ("", "."):
            return QValidator.State.Intermediate, text, position
        try:
            value = float(number)
        except ValueError:
            return QValidator.State.Invalid, text, position
        ok = 0 <= value <= self.maximum() / 2 and (value * 2).is_integer()
        return (QValidator.State.Acceptable if ok else QValidator.State.Intermediate), text, position


class OwnPatternDialog(QDialog):
    """Open with .open(); when accepted, `result_pattern` is the new or changed pattern, or
    `removed` is True (then `original` is the one to let go)."""

    def __init__(self, taken_names: Iterable[str] = (), pattern: BreathingPattern | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.original = pattern
        self.result_pattern: BreathingPattern | None = None
        self.removed = False
        self._taken = [n for n in taken_names if pattern is None or n != pattern.name]
        self._tried = False
        self.setWindowTitle(_("Change your pattern") if pattern else _("Your own pattern"))
        intro = QLabel(_("Choose the seconds of each part of one breath. 0 leaves a part out."), objectName="Hint")
        intro.setWordWrap(True)
        self.name = QLineEdit(pattern.name if pattern else "")
        self.name.setPlaceholderText(_("For example: Slow evening"))
        self.name.setAccessibleName(_("Name"))
        form = QFormLayout()
        name_label = QLabel(_("&Name"))
        name_label.setBuddy(self.name)
        form.addRow(name_label, self.name)
        seconds = {p.kind: p.seconds for p in reversed(pattern.phases)} if pattern else NEW_PATTERN
        self.fields: dict[str, HalfSeconds] = {}
        for kind, words in FIELDS:
            box = HalfSeconds(seconds.get(kind, 0.0))
            box.setAccessibleName(_("{phase}, seconds").format(phase=_(words).replace("&", "")))
            label = QLabel(_(words))
            label.setBuddy(box)
            form.addRow(label, box)
            self.fields[kind] = box
            box.valueChanged.connect(self._recheck)
        self.name.textChanged.connect(self._recheck)
        self.problems_card = QFrame(objectName="Nudge")
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        QVBoxLayout(self.problems_card).addWidget(self.problems)
        self.problems_card.setVisible(False)
        self.save_button = QPushButton(_("Save"), objectName="Primary")
        self.save_button.setAccessibleName(_("Save"))
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setAccessibleName(_("Cancel"))
        buttons = QHBoxLayout()
        self.remove_button = None
        if pattern is not None:
            self.remove_button = QPushButton(_("Remove this pattern"))
            self.remove_button.setAccessibleName(_("Remove this pattern"))
            self.remove_button.clicked.connect(self._remove)
            buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problems_card)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self._save)
        self.cancel_button.clicked.connect(self.reject)
        press_on_enter(self)
        self.setMinimumWidth(360)
        self.name.setFocus()

    def merged_into(self, own: list[BreathingPattern]) -> tuple[list[BreathingPattern], str | None]:
        """The person's patterns after this dialog was accepted, and the key to choose now
        (None: keep the choice as it was)."""
        own, chosen = list(own), None
        at = len(own)
        if self.original is not None:
            at = next(i for i, p in enumerate(own) if p.key == self.original.key)
            del own[at]
            chosen = breathing.DEFAULT_PATTERN
        if self.result_pattern is not None:
            own.insert(at, self.result_pattern)
            chosen = self.result_pattern.key
        return own, chosen

    def phases(self) -> list[tuple[str, float]]:
        return [(kind, box.seconds()) for kind, box in self.fields.items()]

    def shown_problems(self) -> str:
        return self.problems.text() if self.problems_card.isVisibleTo(self) else ""

    def _found(self) -> list[str]:
        return breathing.problems(self.name.text(), self.phases(), self._taken)

    def _recheck(self) -> None:
        if self._tried:
            self._show(self._found())

    def _show(self, found: list[str]) -> None:
        text = "\n".join(found)
        accessible.set_text(self.problems, text, announce=True)
        self.problems_card.setVisible(bool(found))
        if self.height() < self.sizeHint().height():
            self.resize(self.width(), self.sizeHint().height())

    def _save(self) -> None:
        self._tried = True
        try:
            self.result_pattern = breathing.own_pattern(self.name.text(), self.phases(), self._taken)
        except breathing.PatternError as refused:
            self._show(refused.problems)
            return
        self.accept()

    def _remove(self) -> None:
        self.removed = True
        self.accept()


def ask_for_pattern(parent: QWidget, prefs, pattern: BreathingPattern | None, done: Callable) -> OwnPatternDialog:
    """Open the dialog over `parent` (a new pattern, or `pattern` to change or remove); when it is
    accepted, `done` gets the breathing preferences as they are now."""
    dialog = OwnPatternDialog([p.name for p in prefs.own_patterns], pattern, parent)

    def accepted() -> None:
        own, chosen = dialog.merged_into(prefs.own_patterns)
        done(dataclasses.replace(prefs, own_patterns=own, pattern=chosen or prefs.pattern))

    dialog.accepted.connect(accepted)
    dialog.open()
    return dialog
