"""How Goldseam looks: the one place that applies its stylesheet (and, where the
stylesheet cannot, its palette) to the application.

The sheet (resources/styles/calm.qss) takes its neutral colours from the palette,
so light and dark follow the system. What a sheet cannot do is set here, starting
from the system's own palette and changing only what falls short:

- placeholder text (the sheet's secondary text, and the hint in an empty field):
  Qt's default is the text colour at half opacity, 3.9:1 on a light window. It is
  drawn toward the text colour until it reads at 4.5:1 on window and base.
- dark (the sheet's control borders): drawn toward the text colour until it
  stands at 3:1 against window, base and button.
- highlight and accent (selected text, the style's own focus frames): gold, so
  no second, blue accent appears.

Each step only moves a colour as far as it must, so applying twice changes
nothing, and a palette that already meets the mark is kept as it is.

Setting the application palette means Qt no longer swaps it by itself when the
desktop switches between light and dark: whoever follows that switch (issue 10)
starts again from the system's palette and calls apply() again.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QDir
from PySide6.QtGui import QColor, QPalette

from .. import resources

TEXT_CONTRAST = 4.5        # WCAG AA, normal text
NON_TEXT_CONTRAST = 3.0    # WCAG AA, focus rings and control borders

GOLD_INK = QColor("#85601e")  # the sheet's gold ink: white on it reads at 5.7:1
ON_GOLD_INK = QColor("#ffffff")

Role = QPalette.ColorRole
_GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)


def apply(app) -> None:
    """Give `app` Goldseam's calm look."""
    # The sheet names its icons as url(goldseam:icons/...), wherever resources/ lives.
    QDir.setSearchPaths("goldseam", [str(resources.resources_root())])
    app.setPalette(legible_palette(app.palette()))
    app.setStyleSheet(resources.style_sheet())


def legible_palette(system: QPalette) -> QPalette:
    palette = copy.copy(system)     # QPalette(system) costs ~30 ms at start-up (overload lookup)
    for group in _GROUPS:
        window, base, button = (palette.color(group, role) for role in (Role.Window, Role.Base, Role.Button))
        text = palette.color(group, Role.Text)
        placeholder = _opaque(palette.color(group, Role.PlaceholderText), window)
        palette.setColor(group, Role.PlaceholderText,
                         _toward(placeholder, text, (window, base), TEXT_CONTRAST))
        palette.setColor(group, Role.Dark,
                         _toward(palette.color(group, Role.Dark), text, (window, base, button), NON_TEXT_CONTRAST))
        palette.setColor(group, Role.Highlight, GOLD_INK)
        palette.setColor(group, Role.HighlightedText, ON_GOLD_INK)
        palette.setColor(group, Role.Accent, GOLD_INK)
    return palette


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG 2 contrast ratio of two opaque colours, 1 to 21."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _luminance(colour: QColor) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return (0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF())
            + 0.0722 * linear(colour.blueF()))


def _opaque(colour: QColor, under: QColor) -> QColor:
    """`colour` as it shows when painted over `under`."""
    return _mix(under, colour, colour.alphaF())


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    """`amount` of the way from a to b (0: a, 1: b), opaque."""
    return QColor.fromRgbF(*(x + (y - x) * amount for x, y in (
        (a.redF(), b.redF()), (a.greenF(), b.greenF()), (a.blueF(), b.blueF()))))


def _toward(colour: QColor, target: QColor, backgrounds, ratio: float) -> QColor:
    """`colour` moved toward `target` in steps of 2 % of the way until it reaches `ratio`
    against every background (or becomes `target`); opaque, whole 8-bit channels."""
    start = QColor(colour.name())
    for step in range(51):
        moved = QColor(_mix(start, target, step / 50).name())
        if all(contrast(moved, background) >= ratio for background in backgrounds):
            return moved
    return QColor(target.name())
