"""Start-up (issue 24): what the first frame does not need waits until just after it, and what it
does need is measured without handing Python objects that make PySide build every class."""

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from goldseam.storage.data_folder import DataFolder
from goldseam.ui.widgets.first_paint import after_first_paint
from goldseam.ui.wiring import WindowParts


class _Paints(QLabel):
    def __init__(self):
        super().__init__("painted")
        self.count = 0

    def event(self, event):
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return super().event(event)


def test_after_first_paint_runs_once_after_the_window_was_painted(qtbot):
    window = QMainWindow()
    label = _Paints()
    window.setCentralWidget(label)
    qtbot.addWidget(window)
    seen = []
    after_first_paint(window, lambda: seen.append(label.count))
    window.show()
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0] >= 1                 # the paint came first
    window.hide()
    window.show()
    qtbot.wait(50)
    assert len(seen) == 1               # once


def test_the_quick_hide_watches_the_application_only_from_the_first_paint_and_builds_its_screen_late(qtbot, data_dir):
    with DataFolder.open(data_dir) as data:
        parts = WindowParts(data)
        window = parts.window
        qtbot.addWidget(window)
        hide = parts.hide
        assert not hide._listening and hide._screen is None       # nothing of it before the window is shown
        with qtbot.waitSignal(window.first_painted):
            window.show()
        qtbot.waitUntil(lambda: hide._listening)
        assert hide._screen is None                                 # the lock screen: still not built
        hide.hide_now()
        assert hide.hidden and window.cover.currentWidget() is hide.screen
        hide.show_again()
        assert not hide.hidden and window.cover.currentIndex() == 0
        parts.shutdown()


def test_the_recent_rows_room_is_the_viewport_width(qtbot, open_window, sample_moment):
    window, data = open_window()
    for n in range(8):
        data.journal.save(sample_moment(what=f"moment {n}: " + "words " * 30))
    window.show_home()
    recent = window.home.recent
    for width, height in ((900, 700), (600, 420)):
        window.resize(width, height)
        QApplication.processEvents()
        assert recent._viewport_width() == recent.viewport().width()
    recent.setSizeAdjustPolicy(recent.SizeAdjustPolicy.AdjustIgnored)
    recent.setFixedHeight(60)           # rows enough for its vertical scroll bar
    QApplication.processEvents()
    assert recent.verticalScrollBar().isVisible()
    assert recent._viewport_width() == recent.viewport().width()
