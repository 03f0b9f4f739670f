"""The Tab order of every screen, as a keyboard user meets it: from the first control, Tab visits
each visible control once, in reading order (top to bottom, left to right within a row; a column
beside another is read to its end first), comes round to the first again (never traps, never
skips), Shift+Tab walks the same stops backwards, and every stop shows that it has the focus.

The screens: home, each step of the repair, the pause, the breathing guide, the look back (its
list and a moment open, What has grown, Your phrases), the settings (each of the three pages) and
the restore dialog, the keys page (F1), About, and the welcome note.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAccessible, QImage
from PySide6.QtWidgets import (QAbstractButton, QApplication, QRadioButton, QScrollArea, QTabBar, QTabWidget,
                               QWidget)

from goldseam.core.steps import STEP_COUNT
from review_journal import write
from window_parts import parts_of

LIMIT = 120         # more stops than any screen has: past this, Tab is trapped somewhere


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def _key(qtbot, key) -> None:
    qtbot.keyClick(focused(), key)
    QApplication.processEvents()


def _name(widget: QWidget) -> str:
    text = widget.accessibleName() or (widget.text() if callable(getattr(widget, "text", None)) else "")
    return f"{type(widget).__name__} {text!r}"


def tab_round(qtbot, first: QWidget) -> list[QWidget]:
    """The stops Tab visits from `first` until it is back at `first`; fails on a trap."""
    first.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    assert focused() is first, f"{_name(first)} does not take the focus"
    stops = [first]
    for _ in range(LIMIT):
        _key(qtbot, Qt.Key.Key_Tab)
        now = focused()
        assert now is not None, f"Tab after {_name(stops[-1])} leaves the window without a focus"
        if now is first:
            return stops
        assert now not in stops, (f"Tab is trapped: after {_name(stops[-1])} it goes back to {_name(now)}, "
                                  f"never to {_name(first)}")
        stops.append(now)
    raise AssertionError(f"Tab never comes back to {_name(first)}: {[_name(s) for s in stops[-6:]]}")


def shift_tab_round(qtbot, stops: list[QWidget]) -> list[QWidget]:
    """The stops Shift+Tab visits from the first, the same length as `stops`."""
    stops[0].setFocus(Qt.FocusReason.BacktabFocusReason)
    back = [stops[0]]
    for _ in range(len(stops) - 1):
        _key(qtbot, Qt.Key.Key_Backtab)
        back.append(focused())
    return back


# -- reading order ----------------------------------------------------------------------------

def _chain(widget: QWidget) -> list[QWidget]:
    chain = [widget]
    while chain[-1].parentWidget() is not None:
        chain.append(chain[-1].parentWidget())
    return chain[::-1]          # the window first


def _place(a: QWidget, b: QWidget) -> tuple[QRect, QRect] | None:
    """The rectangles of the two children of a's and b's nearest common parent that hold them, in
    that parent's coordinates (scrolling does not matter there); None when one holds the other."""
    chain_a, chain_b = _chain(a), _chain(b)
    depth = 0
    while depth < min(len(chain_a), len(chain_b)) and chain_a[depth] is chain_b[depth]:
        depth += 1
    if depth >= len(chain_a) or depth >= len(chain_b):
        return None
    return chain_a[depth].geometry(), chain_b[depth].geometry()


def before_in_reading(a: QWidget, b: QWidget) -> bool:
    """b comes after a in reading order: lower down, or in the same row and to the right."""
    place = _place(a, b)
    if place is None:
        return True
    ra, rb = place
    below = rb.top() >= ra.top() + ra.height() // 2
    same_row = rb.top() < ra.bottom() and ra.top() < rb.bottom()
    return below or (same_row and rb.left() >= ra.left() + ra.width() // 2)


def out_of_order(stops: list[QWidget]) -> list[str]:
    return [f"{_name(b)} after {_name(a)}" for a, b in zip(stops, stops[1:]) if not before_in_reading(a, b)]


# -- what Tab should reach --------------------------------------------------------------------

def reachable(root: QWidget) -> list[QWidget]:
    """The controls a keyboard user should meet on `root`: shown (a closed tab's page is not;
    a control scrolled out of view is), enabled, taking Tab focus, not
    standing in for another (a spin box's line edit), one per group of radio buttons (the
    arrows move inside it), and a tab widget's bar rather than the tab widget."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not widget.isEnabled() or widget.focusProxy() is not None:
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or isinstance(widget, QTabWidget):
            continue
        if isinstance(widget, QRadioButton) and widget.autoExclusive() and not widget.isChecked():
            siblings = [w for w in widget.parentWidget().findChildren(QRadioButton) if w.isVisible()]
            if any(s.isChecked() for s in siblings):
                continue
        found.append(widget)
    return found


# -- visible focus ------------------------------------------------------------------------------

def _grab(widget: QWidget) -> QImage:
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def _changed(before: QImage, after: QImage) -> int:
    if before.size() != after.size():
        return 1 << 30
    w, h = before.width(), before.height()
    edge = [(x, y) for x in range(w) for y in (0, 1, 2, h - 3, h - 2, h - 1)]
    edge += [(x, y) for y in range(h) for x in (0, 1, 2, w - 3, w - 2, w - 1)]
    inside = [(x, y) for y in range(0, h, 2) for x in range(0, w, 2)]     # a list outlines its current row
    return sum(before.pixel(x, y) != after.pixel(x, y) for x, y in edge + inside if 0 <= x < w and 0 <= y < h)


def focus_not_shown(stops: list[QWidget]) -> list[str]:
    """Stops that look the same with and without the focus (each kind of control looked at once)."""
    seen, unseen = set(), []
    for index, stop in enumerate(stops):
        kind = (type(stop).__name__, stop.objectName(), stop.property("checked"), stop.width() > 300)
        if kind in seen:
            continue
        seen.add(kind)
        stop.setFocus(Qt.FocusReason.TabFocusReason)
        QApplication.processEvents()
        with_focus = _grab(stop)
        if len(stops) > 1:
            stops[index - 1 if index else 1].setFocus(Qt.FocusReason.TabFocusReason)
        else:
            stop.clearFocus()
        QApplication.processEvents()
        without = _grab(stop)
        if _changed(without, with_focus) < min(stop.width(), stop.height()):
            unseen.append(_name(stop))
    return unseen


# -- the judgement, for one screen -----------------------------------------------------------------

def check_screen(qtbot, root: QWidget, first: QWidget, screen: str, focus_look: bool = True) -> list[QWidget]:
    """Everything this module promises about one screen; the stops, for the caller to check more."""
    stops = tab_round(qtbot, first)
    problems = []
    for stop in stops:
        if not stop.isVisible():
            problems.append(f"an invisible stop: {_name(stop)}")
        if isinstance(stop, QScrollArea) and any(w in stops for w in stop.findChildren(QWidget)):
            problems.append(f"a scroll area is a stop beside the controls it holds: {_name(stop)}")
        if not heard_name(stop).strip():
            problems.append(f"a stop without a name: {_name(stop)}")
    problems += [f"out of reading order: {line}" for line in out_of_order(stops)]
    missing = [w for w in reachable(root) if w not in stops and root.isAncestorOf(w)]
    problems += [f"never reached by Tab: {_name(w)}" for w in missing]
    back = shift_tab_round(qtbot, stops)
    if back != [stops[0]] + stops[:0:-1]:
        problems.append("Shift+Tab does not walk the same stops backwards: "
                        + ", ".join(_name(w) for w in back[:8]))
    if focus_look:
        problems += [f"no visible focus on {line}" for line in focus_not_shown(stops)]
    assert not problems, f"{screen}:\n  " + "\n  ".join(problems)
    return stops


def heard_name(widget: QWidget) -> str:
    """The name a screen reader says (a tab bar is read by its open tab, a label by its text)."""
    if isinstance(widget, QTabBar):
        return widget.tabText(widget.currentIndex())
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


# -- the screens -------------------------------------------------------------------------------------

def test_home_and_each_step_of_the_repair(qtbot, open_window):
    window, _ = open_window()
    home = window.home
    stops = check_screen(qtbot, window, home.begin_button, "home")
    assert stops[0] is home.begin_button and home.settings_button in stops

    window.begin_repair()
    wizard = window.wizard
    for step in range(STEP_COUNT):
        wizard.go_to(step)
        stops = check_screen(qtbot, window, wizard.leave_button, f"step {step + 1}", focus_look=step in (0, 3))
        nav = [w for w in (wizard.back_button, wizard.skip_button, wizard.next_button)
               if w.isVisible() and w.isEnabled()]
        assert stops[-len(nav):] == nav, f"step {step + 1}: Back, Skip and Next come last, in that order"

    wizard.go_to(0)                                      # a racing heart: the note with its two ways out
    wizard.notice.signs.chips["racing_heart"].setChecked(True)
    qtbot.waitUntil(lambda: any(b.isVisible() for b in wizard.notice.findChildren(QAbstractButton)
                                if "two minutes" in b.text()))
    check_screen(qtbot, window, wizard.leave_button, "step 1, with the note for a flooded body", focus_look=False)


def test_the_pause_and_the_breathing_guide(qtbot, open_window, clock):
    window, _ = open_window()
    window.take_pause()
    view = window.pause_view
    stops = check_screen(qtbot, window, view.home_button, "a pause, before it starts")
    assert view.page.start_button in stops
    view.page.start_button.click()
    stops = check_screen(qtbot, window, view.home_button, "a pause, running", focus_look=False)
    assert view.page.back_button in stops
    view.page.back_button.click()               # in its first minute: asked first
    stops = check_screen(qtbot, window, view.home_button, "a pause, asked whether to end it", focus_look=False)
    assert stops.index(view.page.keep_pausing_button) < stops.index(view.page.end_now_button)
    clock.advance(minutes=1)
    view.page._refresh()
    view.page.back_button.click()
    stops = check_screen(qtbot, window, view.home_button, "a pause, back from it", focus_look=False)
    assert view.page.again_button in stops
    view.home_button.click()

    window.breathe()
    guide = window.breathing_view.guide
    stops = check_screen(qtbot, window, window.breathing_view.home_button, "breathe")
    assert guide.start_button in stops
    guide.options_button.setChecked(True)
    check_screen(qtbot, window, window.breathing_view.home_button, "breathe, with its options open",
                 focus_look=False)
    guide.start_button.click()
    stops = check_screen(qtbot, window, window.breathing_view.home_button, "breathe, breathing", focus_look=False)
    assert guide.stop_button in stops
    guide.stop_button.click()


def test_the_look_back_its_three_tabs_and_a_moment_open(qtbot, open_window, data_dir):
    write(data_dir)           # a few repairs with tags, a pause, one unfinished
    window, _ = open_window()
    window.look_back()
    review = window.review
    qtbot.waitUntil(lambda: not review.loader.loading, timeout=10000)
    review.list.setCurrentIndex(review.model.index(0, 0))
    qtbot.waitUntil(lambda: review.detail.moment is not None)
    stops = check_screen(qtbot, window, review.home_button, "the look back, a moment open")
    order = [review.search, review.filters_button, review.list]
    assert [s for s in stops if s in order] == order
    assert stops.index(review.list) < min(stops.index(s) for s in stops if review.detail.isAncestorOf(s)), (
        "the list is read before the moment it opens")
    assert stops[-1] in (review.export_button, review.merge_button)

    review.filters_button.click()
    check_screen(qtbot, window, review.home_button, "the look back, filters open", focus_look=False)
    review.filters_button.click()

    for index, screen in ((1, "What has grown"), (2, "Your phrases")):
        review.tabs.setCurrentIndex(index)
        qtbot.wait(50)
        check_screen(qtbot, window, review.home_button, f"the look back, {screen}")


def test_the_settings_each_page_and_the_restore_dialog(qtbot, open_window, data_dir):
    write(data_dir)           # something to back up and to restore
    window, data = open_window()
    window.open_settings()
    dialog = parts_of(window).preferences.dialog
    qtbot.waitUntil(dialog.isVisible)
    bar = dialog.tabs.tabBar()
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        stops = check_screen(qtbot, dialog, bar, f"settings, {dialog.tabs.tabText(index)!r}")
        assert stops[-1] is dialog.close_button, "Close comes last"
        assert stops[1] is not dialog.close_button, "the page's own controls come after its tab"

    dialog.data.back_up.click()
    gone = data.journal.all()[0]
    data.journal.delete(gone.id)          # the backup now holds a moment the journal lacks
    dialog.data.restore.click()
    restore = dialog.data.dialog
    qtbot.waitUntil(restore.isVisible)
    assert restore.restore_button.isEnabled(), restore.preview.text()
    stops = check_screen(qtbot, restore, restore.backups, "the restore dialog")
    assert stops == [restore.backups, restore.other_file, restore.close_button, restore.restore_button]
    restore.reject()


def test_the_keys_page_about_and_the_welcome_note(qtbot, open_window):
    from goldseam.ui.home.welcome_dialog import WelcomeDialog

    window, _ = open_window()
    window.show_keys()
    keys = window.keys
    qtbot.waitUntil(keys.isVisible)
    keys.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is keys)
    assert focused() is keys.close_button, "the keys page opens on Close (F1, Esc or Enter leave it)"
    page = keys.findChild(QScrollArea)
    stops = check_screen(qtbot, keys, page, "the keys page (F1)")
    assert stops == [page, keys.close_button], "the keys, read by scrolling, then Close"
    keys.reject()

    window.show_about()
    about = window.about
    qtbot.waitUntil(about.isVisible)
    about.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is about)
    assert focused() is about.close_button, "About opens on Close"
    page = about.findChild(QScrollArea)
    stops = check_screen(qtbot, about, page, "About")
    assert stops == [page, about.close_button], "About's words, read by scrolling with the arrows, then Close"
    about.resize(about.width(), 240)                     # a large font, a small screen: it scrolls
    page.setFocus(Qt.FocusReason.TabFocusReason)
    assert focused() is page
    for _ in range(10):
        qtbot.keyClick(focused(), Qt.Key.Key_PageDown)
    assert page.verticalScrollBar().value() == page.verticalScrollBar().maximum() > 0, (
        "the keyboard reaches About's last lines (where to get help)")
    about.reject()

    welcome = WelcomeDialog(window)
    welcome.open()
    qtbot.waitUntil(welcome.isVisible)
    stops = check_screen(qtbot, welcome, welcome.ok_button, "the welcome note")
    assert isinstance(stops[-1], QAbstractButton) or len(stops) == 1
    welcome.accept()


def test_reading_order_is_judged_by_rows_and_columns():
    parent = QWidget()
    parent.resize(400, 300)
    top_left, top_right, column, beside, below = (QWidget(parent) for _ in range(5))
    top_left.setGeometry(0, 0, 100, 30)
    top_right.setGeometry(200, 0, 100, 30)
    column.setGeometry(0, 40, 150, 200)
    beside.setGeometry(160, 40, 200, 40)
    below.setGeometry(0, 250, 100, 30)
    assert not out_of_order([top_left, top_right, column, beside, below])
    assert out_of_order([top_right, top_left]) and out_of_order([below, column]) and out_of_order([beside, column])
