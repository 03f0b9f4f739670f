"""Every colour pair the style sheet makes meets WCAG AA in the palette the app runs
with: 4.5:1 for text on what it sits on, 3:1 for control borders, focus rings and
the parts of a control that show its state (WCAG 2.2: 1.4.3, 1.4.11, 2.4.11).

The pairs come from the sheet itself: every rule in calm.qss is read, the rules
that apply to an element in a given state are cascaded as Qt does (specificity,
then order), palette(...) is resolved from the running application's palette after
look.apply, and every state combination the sheet styles is checked. A failure
names the selector, the two colours and the ratio.

Every check runs twice: with Goldseam's light palette and sheet, and with its dark ones
(look.apply(app, "dark"): the palette, and the sheet with its gold tones swapped).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

import pytest
from PySide6 import QtWidgets
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QProxyStyle, QStyle, QStyleFactory

from goldseam import resources
from goldseam.ui.widgets import look
from wcag import ratio

TEXT, NON_TEXT = 4.5, 3.0

# What has text of its own, and what the person operates (its edge must be seen).
TEXT_TYPES = ("QLabel", "QPushButton", "QLineEdit", "QPlainTextEdit", "QListWidget", "QComboBox", "QSpinBox",
              "QCheckBox", "QRadioButton", "QAbstractItemView", "QMenu", "QTabBar",
              "QToolTip")
CONTROL_TYPES = ("QPushButton", "QLineEdit", "QPlainTextEdit", "QListWidget", "QComboBox", "QSpinBox",
                 "QCheckBox", "QRadioButton", "QSlider", "QAbstractItemView")
FIELD_TYPES = ("QLineEdit", "QPlainTextEdit", "QListWidget", "QComboBox", "QSpinBox", "QAbstractItemView")
HINTED_TYPES = ("QLineEdit", "QPlainTextEdit", "QTextEdit", "QComboBox")    # fields that show a placeholder
# Cards are grouping, not controls: their soft edge is decoration (WCAG 1.4.11 asks
# nothing of it); what sits in them is checked against their background.
DECORATION_TYPES = ("QFrame",)


# -- colours ------------------------------------------------------------------------

def palette_role(name: str) -> QPalette.ColorRole:
    return getattr(QPalette.ColorRole, "".join(part.capitalize() for part in name.split("-")))


def colours_in(value: str, palette: QPalette) -> list[QColor]:
    """The opaque colours a property value paints with (a gradient: its visible stops).
    An empty list means nothing is painted (transparent, none)."""
    found = []
    for token in re.findall(r"palette\([\w-]+\)|#[0-9a-fA-F]{3,8}\b|rgba?\([^)]*\)|\b[a-z]+\b", value):
        if token.startswith("palette("):
            found.append(palette.color(QPalette.ColorGroup.Active, palette_role(token[8:-1])))
        elif token.startswith("rgb"):
            numbers = [float(n) for n in re.findall(r"[\d.]+", token)]
            colour = QColor(*[int(n) for n in numbers[:3]])
            if len(numbers) < 4 or numbers[3] > 0:
                found.append(colour)
        elif QColor.isValidColorName(token) and token != "transparent":
            found.append(QColor(token))
    return found


# -- the sheet ----------------------------------------------------------------------

@dataclass(frozen=True)
class Element:
    context: str            # ancestors, e.g. "QComboBox" in "QComboBox QAbstractItemView"
    type: str
    name: str               # object name, "" for any
    attrs: frozenset
    sub: str                # sub-control, "" for the widget itself

    def label(self, states) -> str:
        text = (self.context + " " if self.context else "") + self.type + (f"#{self.name}" if self.name else "")
        text += "".join(sorted(self.attrs)) + (f"::{self.sub}" if self.sub else "")
        return text + "".join(f":{s}" for s in sorted(states))


@dataclass
class Rule:
    element: Element
    states: frozenset
    declarations: dict
    order: int
    specificity: tuple = field(init=False)

    def __post_init__(self):
        e = self.element
        self.specificity = (int(bool(e.name)), len(e.attrs) + len(self.states) + int(bool(e.sub)),
                            int(e.type not in ("", "*")) + len(e.context.split()))


_COMPOUND = re.compile(r"^(?P<type>\*|[A-Za-z_]\w*)?(?P<name>#[\w-]+)?(?P<attrs>(\[[^\]]*\])*)"
                       r"(?P<rest>((::|:)!?[\w-]+)*)$")


def parse_sheet(text: str) -> list[Rule]:
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    rules = []
    for order, (selectors, body) in enumerate(re.findall(r"([^{}]+)\{([^{}]*)\}", text)):
        declarations = {}
        for declaration in body.split(";"):
            if ":" in declaration:
                key, value = declaration.split(":", 1)
                declarations[key.strip()] = " ".join(value.split())
        for selector in selectors.split(","):
            *ancestors, last = selector.split()
            match = _COMPOUND.match(last)
            assert match, f"cannot read selector {selector.strip()!r}"
            rest = match["rest"] or ""
            subs = re.findall(r"::([\w-]+)", rest)
            states = re.findall(r"(?<!:):(!?[\w-]+)", rest)
            element = Element(" ".join(ancestors), match["type"] or "*", (match["name"] or "")[1:],
                              frozenset(re.findall(r"\[[^\]]*\]", match["attrs"] or "")), subs[0] if subs else "")
            rules.append(Rule(element, frozenset(states), declarations, order))
    return rules


def _is_a(type_name: str, base: str) -> bool:
    if base in ("*", type_name):
        return True
    this, that = getattr(QtWidgets, type_name, None), getattr(QtWidgets, base, None)
    return this is not None and that is not None and issubclass(this, that)


def applies(rule: Rule, element: Element, states: frozenset) -> bool:
    e = rule.element
    return (e.sub == element.sub and e.context in ("", element.context) and _is_a(element.type, e.type)
            and e.name in ("", element.name) and e.attrs <= element.attrs and rule.states <= states)


def cascade(rules: list[Rule], element: Element, states: frozenset) -> dict:
    merged: dict = {}
    for rule in sorted((r for r in rules if applies(r, element, states)), key=lambda r: (r.specificity, r.order)):
        for key, value in rule.declarations.items():
            _set(merged, key, value)
    return merged


def _set(merged: dict, key: str, value: str) -> None:
    """Store a declaration, with the border shorthands spread into width, style and colour."""
    if key in ("border", "border-top", "border-bottom", "border-left", "border-right"):
        width = re.search(r"\b(\d+)px\b", value)
        style = re.search(r"\b(none|solid|dashed|dotted|double|groove|ridge|inset|outset)\b", value)
        colour = re.sub(r"\b\d+px\b|\b(none|solid|dashed|dotted|double|groove|ridge|inset|outset)\b", "", value)
        merged["border-width"] = width[1] + "px" if width else "0px" if style and style[1] == "none" else "1px"
        merged["border-style"] = style[1] if style else "solid"
        if colour.strip():
            merged["border-color"] = colour.strip()
    elif key == "background-color":
        merged["background"] = value
    else:
        merged[key] = value


# -- the checks ---------------------------------------------------------------------

@dataclass
class Pair:
    where: str
    what: str
    fore: QColor
    back: QColor
    back_name: str
    needs: float

    @property
    def shown(self) -> QColor:
        """The foreground as painted: a see-through colour (Qt's default placeholder text
        is the text colour at half opacity) blended over what is behind it."""
        a = self.fore.alphaF()
        return QColor.fromRgbF(*(a * f + (1 - a) * b for f, b in (
            (self.fore.redF(), self.back.redF()), (self.fore.greenF(), self.back.greenF()),
            (self.fore.blueF(), self.back.blueF()))))

    @property
    def ratio(self) -> float:
        return ratio(self.shown, self.back)

    def __str__(self):
        return (f"{self.where}: {self.what} {self.shown.name()} on {self.back_name} {self.back.name()} "
                f"is {self.ratio:.2f}:1, needs {self.needs}:1")


def pairs(sheet: str, palette: QPalette) -> list[Pair]:
    rules = parse_sheet(sheet)
    role = lambda r: palette.color(QPalette.ColorGroup.Active, r)  # noqa: E731
    # Where a widget with no background of its own can sit: the window, a field, a card.
    surfaces = {"window": role(QPalette.ColorRole.Window), "base": role(QPalette.ColorRole.Base)}
    for rule in rules:
        if rule.element.type in DECORATION_TYPES:
            for colour in colours_in(rule.declarations.get("background", ""), palette):
                surfaces[f"{rule.element.label(rule.states)} background"] = colour

    found: list[Pair] = []
    elements = {r.element for r in rules if r.element.type not in ("*", "QWidget")}
    for element in sorted(elements, key=lambda e: e.label(())):
        pool = sorted({s for r in rules if applies(r, element, frozenset(r.states)) for s in r.states})
        for size in range(len(pool) + 1):
            for states in itertools.combinations(pool, size):
                if "disabled" in states:
                    continue                    # WCAG 1.4.3 asks no contrast of inactive controls
                found += _pairs_of(rules, element, frozenset(states), palette, surfaces)
    return found


def _backgrounds(style: dict, element: Element, palette: QPalette, surfaces: dict) -> dict:
    painted = colours_in(style.get("background", ""), palette) if "background" in style else None
    if painted:
        return {"background": painted[0]}
    if painted is None and not element.sub:           # Qt fills these from the palette
        if _any_is(element.type, FIELD_TYPES):
            return {"base": palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Base)}
        if _is_a(element.type, "QPushButton"):
            return {"button": palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Button)}
    return dict(surfaces)                              # transparent: whatever it sits on


def _any_is(type_name: str, bases) -> bool:
    return any(_is_a(type_name, base) for base in bases)


def _pairs_of(rules, element: Element, states: frozenset, palette: QPalette, surfaces: dict) -> list[Pair]:
    style = cascade(rules, element, states)
    where = element.label(states)
    out: list[Pair] = []
    role = lambda r: palette.color(QPalette.ColorGroup.Active, r)  # noqa: E731

    owner = Element(element.context, element.type, element.name, element.attrs, "")
    owner_style = cascade(rules, owner, states)
    if element.sub in ("item",):                     # an item sits on its view
        owner_backs = _backgrounds(owner_style, owner, palette, surfaces)
        backs = _backgrounds(style, element, palette, owner_backs) if "background" in style else owner_backs
    else:
        backs = _backgrounds(style, element, palette, surfaces)

    # Text on its background.
    if element.sub in ("", "item", "tab") and _any_is(element.type, TEXT_TYPES):
        if "color" in style:
            fores = colours_in(style["color"], palette)
        elif element.sub == "item" and "color" in owner_style:
            fores = colours_in(owner_style["color"], palette)
        elif _any_is(element.type, FIELD_TYPES):
            fores = [role(QPalette.ColorRole.Text)]
        elif _is_a(element.type, "QPushButton"):
            fores = [role(QPalette.ColorRole.ButtonText)]
        else:
            fores = [role(QPalette.ColorRole.WindowText)]
        for fore in fores[:1]:
            out += [Pair(where, "text", fore, back, name, TEXT) for name, back in backs.items()]
        if _any_is(element.type, HINTED_TYPES) and not element.sub:
            # As Qt does it: the sheet's placeholder colour; else, once the sheet sets a
            # text colour, that colour at half opacity; else the palette's role.
            if colours_in(style.get("placeholder-text-color", ""), palette):
                hint = colours_in(style["placeholder-text-color"], palette)[0]
            elif fores and "color" in style:
                hint = QColor(fores[0])
                hint.setAlpha(128)
            else:
                hint = role(QPalette.ColorRole.PlaceholderText)
            out += [Pair(where, "placeholder text", hint, back, name, TEXT) for name, back in backs.items()]
    if "selection-color" in style and "selection-background-color" in style:
        sel_fore = colours_in(style["selection-color"], palette)
        sel_back = colours_in(style["selection-background-color"], palette)
        if sel_fore and sel_back:
            out.append(Pair(where, "selected text", sel_fore[0], sel_back[0], "the selection", TEXT))

    # The edge of a control, and its focus ring: against what is around it, and a ring
    # also against the control's own fill.
    width = int(re.sub(r"\D", "", style.get("border-width", "0px")) or 0)
    edge = colours_in(style.get("border-color", ""), palette) if style.get("border-style") != "none" else []
    if width and edge and not element.sub and _any_is(element.type, CONTROL_TYPES) \
            and element.type not in DECORATION_TYPES:
        what = "focus ring" if "focus" in states else "control border"
        out += [Pair(where, what, edge[0], back, name, NON_TEXT) for name, back in surfaces.items()]
        if "focus" in states:
            out += [Pair(where, what, edge[0], back, f"its own {name}", NON_TEXT)
                    for name, back in _backgrounds(style, element, palette, {}).items()]
    if width and edge and element.sub == "item" and "focus" in states:
        out += [Pair(where, "focus ring", edge[0], back, name, NON_TEXT) for name, back in backs.items()]
        out += [Pair(where, "focus ring", edge[0], back, name, NON_TEXT) for name, back in owner_backs.items()]

    # The parts that show a value or a state: a handle, a progress chunk, an arrow.
    if element.sub in ("handle", "chunk", "up-arrow", "down-arrow"):
        shown = colours_in(style.get("background", ""), palette)
        if shown:
            under = {}
            if element.sub in ("up-arrow", "down-arrow"):
                under = _backgrounds(owner_style, owner, palette, surfaces)
            elif element.sub == "chunk":
                under = _backgrounds(owner_style, owner, palette, surfaces)
            elif _is_a(element.type, "QSlider"):
                groove = cascade(rules, Element(element.context, element.type, element.name, element.attrs,
                                                "groove"), states)
                under = {"its groove": c for c in colours_in(groove.get("background", ""), palette)[:1]}
                under.update(surfaces)
            else:                                     # a scrollbar handle on its track
                under = _backgrounds(owner_style, owner, palette, surfaces)
            out += [Pair(where, element.sub, shown[0], back, name, NON_TEXT) for name, back in under.items()]
    return out


def failures(sheet: str, palette: QPalette) -> list[str]:
    return [str(p) for p in pairs(sheet, palette) if p.ratio < p.needs - 1e-9]


# -- tests --------------------------------------------------------------------------

@pytest.fixture(params=["light", "dark"])
def scheme(request):
    return request.param


@pytest.fixture
def looked(qapp, scheme):
    look.apply(qapp, scheme)
    yield qapp.palette()
    look.apply(qapp)


@pytest.fixture
def sheet(scheme):
    return look.style_sheet(scheme)


def test_every_pair_in_the_style_sheet_meets_wcag_aa(looked, sheet):
    assert failures(sheet, looked) == []


def test_the_check_sees_the_pairs_that_matter(looked, sheet):
    checked = {(p.where, p.what) for p in pairs(sheet, looked)}
    for expected in [("QLabel#Hint", "text"), ("QLabel#StepCounter", "text"), ("QLabel#AppTitle", "text"),
                     ("QPushButton#Primary", "text"), ("QPushButton#Primary:hover", "text"),
                     ("QPushButton#Chip:checked", "text"), ("QPushButton:focus", "focus ring"),
                     ("QPushButton#Chip:checked:focus", "focus ring"), ("QSpinBox:focus", "focus ring"),
                     ("QComboBox QAbstractItemView", "selected text"), ("QLineEdit", "placeholder text"),
                     ("QPushButton", "control border"), ("QScrollBar::handle:vertical", "handle"),
                     ("QSlider::handle:horizontal", "handle"), ("QListWidget::item:selected", "text"),
                     ("QMenu::item:selected", "text"), ("QTabBar::tab:selected", "text"), ("QToolTip", "text")]:
        assert expected in checked, f"not checked: {expected}"
    assert len(checked) > 60


def test_grey_secondary_text_is_caught_by_name(looked, sheet):
    worse = sheet + "\nQLabel#Hint { color: #777; }\n"
    assert any(f.startswith("QLabel#Hint: text #777777 on window") for f in failures(worse, looked))


def test_light_gold_text_and_rings_are_caught(looked, sheet, scheme):
    if scheme == "dark":
        pytest.skip("the light palette's gold ink; the dark sheet has its own tones")
    worse = sheet.replace("#85601e", "#b8862b").replace("#85601f", "#b8862b")
    found = failures(worse, looked)
    assert any(f.startswith("QLabel#StepCounter: text") for f in found)
    assert any(f.startswith("QPushButton#Primary: text #ffffff") for f in found)
    assert any(f.startswith("QPushButton:focus: focus ring") for f in found)


def test_placeholder_and_secondary_text_are_legible_in_the_running_palette(looked):
    hint = looked.color(QPalette.ColorRole.PlaceholderText)
    assert hint.alpha() == 255
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        assert ratio(hint, looked.color(role)) >= TEXT, role
        assert ratio(looked.color(QPalette.ColorRole.Dark), looked.color(role)) >= NON_TEXT, role


def _strongest_ink(widget, under: QColor) -> QColor:
    """The pixel of the letters that stands out most from what they sit on (darkest by day,
    lightest by night)."""
    image = widget.grab().toImage()
    inside = [QColor(image.pixel(x, y)) for x in range(6, image.width() - 6) for y in range(6, image.height() - 6)]
    return max(inside, key=lambda colour: ratio(colour, under))


def test_hints_as_painted_read_at_4_5(qtbot, looked):
    """The static check above, cross-checked on screen: the strongest pixel of a hint's
    letters (an empty field's placeholder, a quiet label) against the field or window."""
    holder = QtWidgets.QWidget()
    layout = QtWidgets.QVBoxLayout(holder)
    focus = QtWidgets.QPushButton("elsewhere")
    line, text = QtWidgets.QLineEdit(), QtWidgets.QPlainTextEdit()
    line.setPlaceholderText("Your words")
    text.setPlaceholderText("Choose a phrase above, or write your own.")
    hint = QtWidgets.QLabel("A sentence or two is plenty.", objectName="Hint")
    for widget in (focus, line, text, hint):
        layout.addWidget(widget)
    qtbot.addWidget(holder)
    with qtbot.waitExposed(holder):
        holder.show()
    focus.setFocus()                                   # no caret in the fields
    QApplication.processEvents()
    base, window = looked.color(QPalette.ColorRole.Base), looked.color(QPalette.ColorRole.Window)
    for widget, under in ((line, base), (text, base), (hint, window)):
        ink = _strongest_ink(widget, under)
        assert ratio(ink, under) >= TEXT, f"{type(widget).__name__}: {ink.name()} on {under.name()}"


def test_look_applied_twice_changes_nothing(qapp, looked, scheme):
    look.apply(qapp, scheme)
    again = qapp.palette()
    for role in (QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.Dark, QPalette.ColorRole.Highlight):
        assert again.color(role) == looked.color(role)


def test_no_second_accent_in_the_palette(looked):
    """Selected text and the style's own focus frames are gold, not the system blue."""
    gold = QColor("#85601e")
    assert looked.color(QPalette.ColorRole.Highlight) == gold
    assert ratio(looked.color(QPalette.ColorRole.HighlightedText), gold) >= TEXT


class _ButtonsWithIcons(QProxyStyle):
    """A desktop whose dialog buttons carry icons (a red cross on Discard, on many)."""

    def styleHint(self, hint, option=None, widget=None, returnData=None):  # noqa: N802, N803 - Qt naming
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, returnData)


@pytest.mark.parametrize("kind", [QMessageBox.Icon.Question, QMessageBox.Icon.Warning,
                                  QMessageBox.Icon.Information, QMessageBox.Icon.Critical])
def test_message_boxes_show_the_gold_bowl_and_no_alarm_icons(qtbot, looked, kind):
    box = QMessageBox(kind, "Discard the unfinished repair?", "What you wrote in it will be removed.")
    qtbot.addWidget(box)
    buttons = box.findChild(QDialogButtonBox)
    style = _ButtonsWithIcons(QStyleFactory.create("Fusion"))
    style.setParent(box)
    buttons.setStyle(style)
    discard = box.addButton(QMessageBox.StandardButton.Discard)
    box.addButton(QMessageBox.StandardButton.Cancel)
    assert discard.icon().isNull()
    shown = box.iconPixmap()
    bowl = QIcon(str(resources.resource_path("icons/goldseam.svg"))).pixmap(shown.size())
    assert shown.toImage().convertToFormat(bowl.toImage().format()) == bowl.toImage()
