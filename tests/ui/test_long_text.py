"""Long writing, typed key by key into every box of the wizard, comes back exactly.

About 20,000 characters across the five text boxes, as key events (ASCII through
qtbot.keyClicks, everything else as QKeyEvents: keyClicks aborts on non-ASCII).
"""

import random
import time

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtGui import QKeyEvent

WORDS = ("we", "talked", "about", "the", "weekend", "and", "I", "went", "quiet", "because", "tired",
         "kitchen", "sorry", "listen", "again", "gently", "tonight", "later", "you", "mattered")
OTHER = ("\u00e9", "\u00fc", "\u00e7a", "\u4e2d\u6587", "\U0001FAF6", "\U0001F33F", "\u05e9\u05dc\u05d5\u05dd",
         "\U0001F469\u200D\U0001F469\u200D\U0001F467", "e\u0301", "\u2014", "\u201cyes\u201d", "\u00a0")
PER_BOX = 4_000


def _pieces(seed: int, length: int) -> list[str]:
    """Words, spaces, some punctuation and newlines, and now and then something not ASCII."""
    rng = random.Random(seed)
    pieces, total = [], 0
    while total < length:
        roll = rng.random()
        piece = (rng.choice(OTHER) if roll < 0.12 else "\n" if roll < 0.15
                 else rng.choice(WORDS) + rng.choice((" ", " ", " ", ", ", ". ")))
        pieces.append(piece)
        total += len(piece)
    return pieces


def _type(qtbot, box, pieces) -> str:
    box.setFocus()
    for piece in pieces:
        if piece == "\n":
            qtbot.keyClick(box, Qt.Key.Key_Return)
        elif piece.isascii():
            qtbot.keyClicks(box, piece)
        else:   # one key event for each character as a person sees it (an emoji family is one)
            for char in _graphemes(piece):
                QApplication.sendEvent(box, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier,
                                                      char))
    return "".join(pieces)


def _graphemes(text: str) -> list[str]:
    from PySide6.QtCore import QTextBoundaryFinder
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Grapheme, text)
    units = text.encode("utf-16-le")
    out, start = [], 0
    while (end := finder.toNextBoundary()) != -1:
        if end > start:
            out.append(units[start * 2:end * 2].decode("utf-16-le"))
        start = end
    return out


def _fields(moment):
    return {"what happened": moment.notice.what_happened, "acknowledge": moment.acknowledge.text,
            "your words": moment.reach_back.phrase, "they offered": moment.accept.offered,
            "how it landed": moment.accept.how_it_landed}


def _shown(wizard):
    return {"what happened": wizard.notice.what.text(), "acknowledge": wizard.acknowledge.text.text(),
            "your words": wizard.reach_back.words.text(), "they offered": wizard.accept.offered.text(),
            "how it landed": wizard.accept.landed.text()}


def test_thousands_of_typed_characters_in_every_box_survive_quit_and_reopen(qtbot, open_window, on_disk):
    window, _ = open_window()
    qtbot.mouseClick(window.home.begin_button, Qt.MouseButton.LeftButton)
    wizard = window.wizard
    boxes = {"what happened": (0, wizard.notice.what), "acknowledge": (2, wizard.acknowledge.text),
             "your words": (3, wizard.reach_back.words), "they offered": (4, wizard.accept.offered),
             "how it landed": (4, wizard.accept.landed)}
    expected = {}
    started = time.perf_counter()
    for seed, (name, (step, box)) in enumerate(boxes.items()):
        wizard.go_to(step)
        expected[name] = _type(qtbot, box, _pieces(seed, PER_BOX))
        assert box.text() == expected[name], name
    typing_seconds = time.perf_counter() - started
    total = sum(len(text) for text in expected.values())
    assert total >= 5 * PER_BOX and all(not text.isascii() for text in expected.values())
    print(f"\ntyped {total} characters as key events in {typing_seconds:.1f} s")

    assert _shown(wizard) == expected
    window.close()                                     # quit: no waiting for the autosave delay

    window, _ = open_window()
    draft = on_disk()[1]
    assert draft is not None
    on_disk_fields = _fields(draft)
    for name, text in expected.items():
        assert on_disk_fields[name] == text, f"{name}: the draft on disk differs"
    qtbot.mouseClick(window.home.resume_button, Qt.MouseButton.LeftButton)
    shown = _shown(window.wizard)
    for name, text in expected.items():
        assert shown[name] == text, f"{name}: the reopened wizard shows something else"
    assert window.wizard.step_counter.text() == "Step 5 of 5"
