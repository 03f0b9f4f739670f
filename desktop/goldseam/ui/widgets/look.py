"""How Goldseam looks: the one place that applies its palette and its style sheet.

Two designed palettes, light (warm paper and ink) and dark (a deep warm brown, text like old
paper), chosen by the person ("light", "dark") or as the desktop is set ("system"): Qt's
reported colour scheme where the platform reports one, otherwise whether the desktop's own
palette was dark; followed live when the desktop switches. The sheet
(resources/styles/calm.qss) takes its neutral colours from the palette and is written with light
accent tones; by night each tone is swapped for its dark twin (DARK_TONES). Its type sizes
grow with a large desktop font (text_scale), live too.

What a sheet cannot do is set here, and only as far as it must:
- placeholder text (the sheet's secondary text, and the hint in an empty field) is drawn toward
  the text colour until it reads at 4.5:1 on window and base;
- dark (the sheet's control borders) until it stands at 3:1 against window, base and button;
- highlight and accent (selected text, the style's own focus frames) are gold, so no second,
  blue accent appears.
"""

from __future__ import annotations

import copy
import re

from PySide6.QtCore import QDir
from PySide6.QtGui import QColor, QPalette

from ... import resources

TEXT_CONTRAST = 4.5        # WCAG AA, normal text
NON_TEXT_CONTRAST = 3.0    # WCAG AA, focus rings and control borders

GOLD_INK = QColor("#85601e")  # the sheet's gold ink: white on it reads at 5.7:1
ON_GOLD_INK = QColor("#ffffff")

Role = QPalette.ColorRole
_GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)


CHOICES = ("system", "light", "dark")
BODY_PT = 11.0      # calm.qss's body text; its other sizes (headings, the countdown) are set against it

# The two designed palettes: warm paper and ink by day; by night a deep, warm brown, never pure
# black, with text the colour of old paper (bright white on black glares in a dark room).
_LIGHT = {Role.Window: "#f3efe8", Role.WindowText: "#2b2620", Role.Base: "#fffdf9", Role.AlternateBase: "#f7f3ec",
          Role.Text: "#2b2620", Role.Button: "#f7f3ec", Role.ButtonText: "#2b2620", Role.Light: "#ffffff",
          Role.Midlight: "#e4ddd1", Role.Mid: "#c9bfb0", Role.Dark: "#8c8173", Role.Shadow: "#5c544a",
          Role.ToolTipBase: "#fffdf9", Role.ToolTipText: "#2b2620", Role.PlaceholderText: "#6f665b",
          Role.BrightText: "#ffffff", Role.Link: "#85601e", Role.LinkVisited: "#6e4f18"}
_DARK = {Role.Window: "#1f1b17", Role.WindowText: "#ece3d5", Role.Base: "#29241f", Role.AlternateBase: "#2e2823",
         Role.Text: "#ece3d5", Role.Button: "#302a24", Role.ButtonText: "#ece3d5", Role.Light: "#4a4138",
         Role.Midlight: "#3b342d", Role.Mid: "#4f463c", Role.Dark: "#7d7164", Role.Shadow: "#0d0b09",
         Role.ToolTipBase: "#302a24", Role.ToolTipText: "#ece3d5", Role.PlaceholderText: "#a69a8b",
         Role.BrightText: "#ffffff", Role.Link: "#d9ae5f", Role.LinkVisited: "#e6c07a"}
# The sheet's accent tones (calm.qss is written for light), and theirs by night: gold text turns
# light on the dark ground, and what sat on gold (white on the gold fill, ink on a gold tint) turns dark.
# A checked chip's gold (#7d612b) stays bright enough to tell it from an unchosen chip at a glance.
DARK_TONES = {"#85601e": "#d9ae5f", "#e3c27c": "#7d612b", "#efd9a6": "#5a4720", "#d9b772": "#6b5424",
              "#3d2f12": "#f6ead3", "#a87b2c": "#b8914a", "#8a8a8a": "#8d8377", "#f8f5ef": "#2a241f",
              # the Primary button: a deeper gold by night, white words on it, and a light ring
              "#85601f": "#7a5819", "#916d2c": "#8a6621", "#6e4f18": "#f0cf8e", "#15120f": "#f6ead3",
              "#fffdf9": "#29241f"}      # the base colour, inside a chosen radio button's ring
_DISABLED_TEXT = {"light": "#8a8178", "dark": "#8d8377"}


def apply(app, choice: str = "system") -> None:
    """Give `app` Goldseam's calm look, light or dark as `choice` says ("system": as the desktop
    is set, and again each time it switches). Callable again at any time; applying twice changes
    nothing."""
    # The sheet names its icons as url(goldseam:icons/...), wherever resources/ lives.
    QDir.setSearchPaths("goldseam", [str(resources.resources_root())])
    if app.property("goldseamSystemDark") is None:
        # Before the first palette of ours: whether the desktop's own palette is a dark one
        # (desktops that do not report a colour scheme still hand Qt their colours).
        app.setProperty("goldseamSystemDark", app.palette().color(Role.Window).lightness() < 128)
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: _system_switched(app))
        app.fontChanged.connect(lambda _font: _restyle(app))     # the desktop's text size, changed live
    app.setProperty("goldseamTheme", choice if choice in CHOICES else "system")
    _restyle(app)


def scheme(app) -> str:
    """"dark" or "light": what the window shows now."""
    choice = app.property("goldseamTheme") or "system"
    if choice in ("light", "dark"):
        return choice
    reported = _reported(app)
    if reported in ("Dark", "Light"):
        return reported.lower()
    return "dark" if app.property("goldseamSystemDark") else "light"


def _reported(app) -> str:
    """The desktop's colour scheme as Qt reports it: "Dark", "Light" or "Unknown" (by name: touching
    the Qt namespace costs ~60 ms at start)."""
    return app.styleHints().colorScheme().name


def tone(light: str) -> QColor:
    """One of the sheet's accent tones (named by its light value) as the window shows it now."""
    if at_night():
        return QColor(DARK_TONES.get(light.lower(), light))
    return QColor(light)


def at_night() -> bool:
    """Whether the window shows the dark palette now (for colours painted rather than styled)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    return app is not None and scheme(app) == "dark"


def designed_palette(which: str) -> QPalette:
    colours = _DARK if which == "dark" else _LIGHT
    palette = QPalette()
    for role, name in colours.items():
        palette.setColor(role, QColor(name))
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(_DISABLED_TEXT[which]))
    return palette


def style_sheet(which: str, text_scale: float = 1.0) -> str:
    """The sheet with its accent tones for `which` ("light" or "dark"), every type size times
    `text_scale`."""
    sheet = resources.style_sheet()
    if which == "dark":
        sheet = re.sub(r"#[0-9a-fA-F]{6}\b", lambda m: DARK_TONES.get(m.group(0).lower(), m.group(0)), sheet)
        sheet = sheet.replace("icons/check.svg", "icons/check-dark.svg")     # a dark tick on the light gold
    if text_scale != 1.0:
        sheet = re.sub(r"(\d+(?:\.\d+)?)pt\b", lambda m: f"{float(m.group(1)) * text_scale:.3g}pt", sheet)
    return sheet


def text_scale(app) -> float:
    """How much larger than the sheet's body text (11 pt) the desktop sets its own, never smaller:
    a person who chose large text gets Goldseam's whole type scale that much larger (the sheet
    names sizes, so without this a large desktop font would not reach the window at all)."""
    size = app.font().pointSizeF()
    return max(1.0, size / BODY_PT) if size > 0 else 1.0


def _system_switched(app) -> None:
    if (app.property("goldseamTheme") or "system") == "system":
        _restyle(app)


def _restyle(app) -> None:
    which = scheme(app)
    app.setPalette(legible_palette(designed_palette(which)))
    app.setStyleSheet(style_sheet(which, text_scale(app)))


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
