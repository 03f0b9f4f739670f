"""The look back is built when a person comes near it, before the click that opens it (issue 24),
and opens just the same when nothing came near it first."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from review_journal import write


def shown_rows(review) -> list[str]:
    model = review.list.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_pointer_on_look_back_builds_it_before_the_click(qtbot, open_window, data_dir):
    write(data_dir)
    window, _ = open_window()
    window.build_screens_ahead()            # as the app does after its first paint
    assert window._review is None           # nothing built yet: home alone costs no more memory
    QTest.mouseMove(window.home.look_back_button)
    qtbot.waitUntil(lambda: window._review is not None, timeout=5000)
    assert window.stack.currentWidget() is window.home      # built, not opened: the person has not clicked
    qtbot.mouseClick(window.home.look_back_button, Qt.MouseButton.LeftButton)
    review = window.review
    assert window.stack.currentWidget() is review
    qtbot.waitUntil(lambda: len(shown_rows(review)) == 4, timeout=5000)


def test_the_focus_on_the_recent_moments_builds_it(qtbot, open_window, data_dir):
    write(data_dir)
    window, _ = open_window()
    window.build_screens_ahead()
    window.home.recent.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: window._review is not None, timeout=5000)
    qtbot.keyClick(window.home.recent, Qt.Key.Key_Return)   # the first moment, opened in the look back
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.review, timeout=5000)


def test_opened_with_nothing_near_it_first_it_is_built_then(qtbot, open_window, data_dir):
    write(data_dir)
    window, _ = open_window()
    window.build_screens_ahead()
    window.look_back()
    review = window.review
    assert window.stack.currentWidget() is review
    qtbot.waitUntil(lambda: len(shown_rows(review)) == 4, timeout=5000)


def test_after_the_first_paint_its_modules_are_imported_in_idle_time(tmp_path):
    """In a process of its own: this one has imported them for other tests already."""
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from goldseam.storage.data_folder import DataFolder\n"
        "from goldseam.ui.wiring import WindowParts\n"
        "app = QApplication([])\n"
        f"data = DataFolder.open({str(tmp_path / 'folder')!r})\n"
        "parts = WindowParts(data)\n"
        "parts.window.show()\n"
        "app.processEvents()\n"
        "ahead = 'goldseam.ui.review.review_view' in sys.modules\n"
        "parts.window.build_screens_ahead()\n"
        "for _ in range(50):\n"
        "    app.processEvents()\n"
        "print(ahead, 'goldseam.ui.review.review_view' in sys.modules, parts.window._review is None)\n"
        "parts.shutdown(); data.close()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["False", "True", "True"]


def test_with_a_screen_reader_listening_it_is_built_when_opened_not_when_focused(qtbot, open_window, data_dir):
    """Building a page sends a screen reader hundreds of events: not as the focus lands on "Look back"."""
    from PySide6.QtGui import QAccessible

    write(data_dir)
    window, _ = open_window()
    window.build_screens_ahead()
    QAccessible.setActive(True)
    try:
        window.home.look_back_button.setFocus(Qt.FocusReason.TabFocusReason)
        QTest.mouseMove(window.home.look_back_button)
        qtbot.wait(300)
        assert window._review is None
    finally:
        QAccessible.setActive(False)
    qtbot.keyClick(window.home.look_back_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.review, timeout=5000)
