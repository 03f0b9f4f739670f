"""Every kind of control Goldseam shows looks different when it has the keyboard focus:
a ring around its edge, in gold (or, on a gold fill, in the text colour), never the
system's blue, and seen at 3:1 against the window. A checked chip's focus ring is not
its checked edge.

Each control is built on its own, with the app's look applied (light, then dark), in a window that has
one other control to hold the focus; the control is grabbed without and with focus
and the band along its edge is compared.
"""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QLineEdit, QListWidget, QPlainTextEdit,
                               QPushButton, QRadioButton, QSlider, QSpinBox, QVBoxLayout, QWidget)

from goldseam.ui.widgets import look
from wcag import luminance, ratio

BAND = 3           # device pixels along the edge where a ring is drawn
ENOUGH = 0.5       # share of the edge that must change


def _chip(checked: bool = False) -> QPushButton:
    chip = QPushButton("overwhelmed")
    chip.setObjectName("Chip")
    chip.setCheckable(True)
    chip.setChecked(checked)
    return chip


def _named(widget: QWidget, name: str) -> QWidget:
    widget.setObjectName(name)
    return widget


def _spin() -> QSpinBox:
    box = QSpinBox()
    box.setRange(1, 240)
    box.setValue(20)
    box.setSuffix(" minutes")
    box.setMinimumWidth(150)
    return box


def _combo() -> QComboBox:
    combo = QComboBox()
    combo.addItems(["I feel ...", "I'm sorry ...", "Let's find a yes ..."])
    return combo


def _slider(rated: bool = True) -> QSlider:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(0, 10)
    slider.setValue(5)
    slider.setTickPosition(QSlider.TickPosition.TicksBelow)
    slider.setMinimumWidth(160)
    slider.setProperty("rated", rated)
    return slider


def _list() -> QListWidget:
    phrases = QListWidget()
    phrases.addItems(["Can we start over?", "I'm sorry I snapped.", "Can we take a break?"])
    phrases.setCurrentRow(0)
    phrases.setMaximumHeight(120)
    return phrases


def _text() -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText("Choose a phrase above, or write your own.")
    box.setMaximumHeight(80)
    return box


CONTROLS = {
    "button": lambda: QPushButton("Leave for now"),
    "primary button": lambda: _named(QPushButton("Next"), "Primary"),
    "stem button": lambda: _named(QPushButton("I can see how that felt ..."), "Stem"),
    "chip": _chip,
    "checked chip": lambda: _chip(checked=True),
    "spin box": _spin,
    "combo box": _combo,
    "slider": _slider,
    "unrated slider": lambda: _slider(rated=False),
    "radio button": lambda: QRadioButton("I'll say it later"),
    "check box": lambda: QCheckBox("This one lands well between us"),
    "list": _list,
    "line edit": lambda: QLineEdit("words"),
    "text box": _text,
}


@pytest.fixture(params=["light", "dark"])
def stage(qtbot, request):
    """A window with the control and one other place for the focus to be, by day and by night."""
    app = QApplication.instance()
    look.apply(app, request.param)
    windows = []

    def build(control: QWidget):
        window = QWidget()
        layout = QVBoxLayout(window)
        elsewhere = QPushButton("elsewhere")
        layout.addWidget(elsewhere)
        layout.addWidget(control)
        window.resize(420, 260)
        qtbot.addWidget(window)
        windows.append(window)
        with qtbot.waitExposed(window):
            window.show()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        return elsewhere

    yield build
    windows.clear()
    look.apply(app)


def _grab(widget: QWidget) -> QImage:
    QApplication.processEvents()
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def _unfocused(widget: QWidget, elsewhere: QWidget) -> QImage:
    elsewhere.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    assert not widget.hasFocus()
    return _grab(widget)


def _focused(widget: QWidget) -> QImage:
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    assert widget.hasFocus()
    return _grab(widget)


def _edge(image: QImage, inset: int = 0):
    w, h = image.width(), image.height()
    for y in range(h):
        for x in range(w):
            if inset <= min(x, y, w - 1 - x, h - 1 - y) < inset + BAND:
                yield x, y


def _edge_change(before: QImage, after: QImage) -> tuple[float, Counter]:
    """The share of positions along the edge (walked around the outline) where some pixel
    of the band changed, and the colours it changed to."""
    assert before.size() == after.size()
    w, h = before.width(), before.height()
    changed_to: Counter = Counter()
    # One position per step around the outline; a position counts if any band pixel
    # across it changed (rounded corners put the ring a little inside the box).
    positions = ([(x, 0, 0, 1) for x in range(w)] + [(x, h - 1, 0, -1) for x in range(w)]
                 + [(0, y, 1, 0) for y in range(h)] + [(w - 1, y, -1, 0) for y in range(h)])
    hits = 0
    for x, y, dx, dy in positions:
        hit = False
        for step in range(BAND + 3):
            px, py = x + dx * step, y + dy * step
            if 0 <= px < w and 0 <= py < h and before.pixel(px, py) != after.pixel(px, py):
                hit = True
                changed_to[after.pixel(px, py)] += 1
        hits += hit
    return hits / len(positions), changed_to


def _is_blue(rgb: int) -> bool:
    colour = QColor.fromRgb(rgb)
    return colour.hsvSaturationF() > 0.3 and 180 <= colour.hsvHue() <= 260


@pytest.mark.parametrize("kind", list(CONTROLS))
def test_focus_shows_as_a_ring_around_the_control(stage, kind):
    control = CONTROLS[kind]()
    elsewhere = stage(control)
    before = _unfocused(control, elsewhere)
    after = _focused(control)
    share, changed_to = _edge_change(before, after)
    assert share >= ENOUGH, f"{kind}: focus changes only {share:.0%} of its edge"
    blue = sum(n for rgb, n in changed_to.items() if _is_blue(rgb))
    assert blue == 0, f"{kind}: the focus ring has {blue} blue pixels (the system accent, not gold)"
    ring = QColor.fromRgb(changed_to.most_common(1)[0][0])
    window = QApplication.instance().palette().color(QPalette.ColorRole.Window)
    assert ratio(ring, window) >= 3.0, f"{kind}: ring {ring.name()} is {ratio(ring, window):.2f}:1 on the window"


def test_a_checked_chip_shows_focus_apart_from_its_checked_edge(stage):
    chip = _chip(checked=True)
    elsewhere = stage(chip)
    checked = _unfocused(chip, elsewhere)
    checked_and_focused = _focused(chip)
    share, _ = _edge_change(checked, checked_and_focused)
    assert share >= ENOUGH, f"checked + focused differs from checked on only {share:.0%} of the edge"


def test_checked_and_unchecked_chips_differ_in_fill_not_only_in_a_thin_edge(stage):
    chip = _chip()
    elsewhere = stage(chip)
    unchecked = _unfocused(chip, elsewhere)
    chip.setChecked(True)
    checked = _grab(chip)
    w, h = checked.width(), checked.height()
    inside = [(x, y) for y in range(h // 4, 3 * h // 4) for x in range(w // 8, w // 6)]   # left of the text
    fill_before = QColor.fromRgb(unchecked.pixel(*inside[0]))
    fill_after = QColor.fromRgb(checked.pixel(*inside[0]))
    assert all(checked.pixel(x, y) != unchecked.pixel(x, y) for x, y in inside)
    assert abs(luminance(fill_before) - luminance(fill_after)) > 0.1, (fill_before.name(), fill_after.name())


def test_the_current_phrase_in_a_focused_list_is_outlined(stage):
    phrases = _list()
    elsewhere = stage(phrases)
    rect = phrases.visualItemRect(phrases.currentItem())
    viewport = phrases.viewport()
    before = _unfocused(phrases, elsewhere)
    after = _focused(phrases)
    offset = viewport.mapTo(phrases, rect.topLeft())
    item_before = before.copy(offset.x(), offset.y(), rect.width(), rect.height())
    item_after = after.copy(offset.x(), offset.y(), rect.width(), rect.height())
    share, _ = _edge_change(item_before, item_after)
    assert share >= ENOUGH, f"the current item's outline changes on only {share:.0%} of its edge"
