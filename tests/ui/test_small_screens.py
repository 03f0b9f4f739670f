"""Every screen fits a 1024x600 netbook, 1280x800 at 200 % (640x400 logical) and large
text: the header and Back / Skip / Next stay in view, the step scrolls up and down
only, and no label or button is cut off."""

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractScrollArea, QAbstractSlider, QAbstractSpinBox, QApplication,
                               QComboBox, QLabel, QScrollArea, QScrollBar, QTabBar, QWidget)

from goldseam.core.moment import MAX_TEXT
from goldseam.ui.widgets import look
from goldseam.ui.main_window import MINIMUM_SIZE
from goldseam.ui.home.welcome_dialog import WelcomeDialog
from window_parts import parts_of

# (window width, height, text scale). The heights leave room for a title bar and a panel.
SIZES = {
    "the first window (920x720)": (920, 720, 1.0),
    "1024x600": (1024, 560, 1.0),
    "1280x800 at 200%": (640, 370, 1.0),
    "1024x600, 144-dpi text": (1024, 560, 1.5),
    "the smallest window": (*MINIMUM_SIZE, 1.0),
}
CONTROLS = (QAbstractButton, QAbstractSlider, QAbstractSpinBox, QComboBox, QAbstractScrollArea, QLabel)


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def _scroll_of(widget: QWidget):
    """The scroll area `widget` is in, within its own window (a dialog's parent may scroll)."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        if parent.isWindow():
            return None
        parent = parent.parentWidget()
    return parent


def problems(window: QWidget) -> list[str]:
    """What a person would find cut off, out of reach, or scrolling sideways."""
    found = []
    frame = window.rect()
    for bar in window.findChildren(QTabBar):
        if bar.isVisibleTo(window) and any(not bar.rect().contains(bar.tabRect(i)) for i in range(bar.count())):
            found.append(f"tabs cut off: {[bar.tabText(i) for i in range(bar.count())]} in {bar.width()} px")
    for widget in window.findChildren(QWidget):
        if (not widget.isVisibleTo(window) or not isinstance(widget, CONTROLS)
                or isinstance(widget, (QScrollArea, QScrollBar))):
            continue
        if any(isinstance(p, (QAbstractSpinBox, QComboBox)) for p in _ancestors(widget, window)):
            continue                                    # the parts of a spin box or combo box
        name = widget.accessibleName() or getattr(widget, "text", lambda: "")()[:40] or type(widget).__name__
        scroll = _scroll_of(widget)
        if scroll is None:
            if not frame.contains(_rect_in(widget, window)):
                found.append(f"outside the window: {name!r}")
        else:
            viewport = scroll.viewport()
            place = _rect_in(widget, viewport)
            if place.left() < 0 or place.right() > viewport.width():
                found.append(f"sideways out of view: {name!r} ({place.left()}..{place.right()} of {viewport.width()})")
            if not frame.contains(_rect_in(viewport, window)):
                found.append(f"scroll area outside the window around {name!r}")
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                if widget.height() < widget.heightForWidth(widget.width()):
                    found.append(f"label cut off at the bottom: {name!r}")
            elif widget.width() < widget.minimumSizeHint().width():
                found.append(f"label cut off at the side: {name!r}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            hint = widget.minimumSizeHint() if not widget.sizeHint().isValid() else widget.sizeHint()
            if widget.width() < hint.width() - 1 or widget.height() < widget.minimumSizeHint().height() - 1:
                found.append(f"button cut off: {name!r} ({widget.width()}x{widget.height()} < {hint.width()})")
    return found


def _ancestors(widget, stop):
    parent = widget.parentWidget()
    while parent is not None and parent is not stop:
        yield parent
        parent = parent.parentWidget()


def _large_desktop_text(app, scale: float):
    """The desktop's text set `scale` times Goldseam's 11 pt, as a person sets it (the window
    follows it live); the font it had, to put back."""
    from PySide6.QtGui import QFont

    usual = app.font()
    if scale != 1.0:
        large = QFont(usual)
        large.setPointSizeF(look.BODY_PT * scale)
        app.setFont(large)
        QApplication.processEvents()
        assert look.text_scale(app) == scale
    return usual


def _settle(qtbot, window, size, state=""):
    least = window.minimumSize().expandedTo(window.minimumSizeHint())
    assert least.width() <= size[0] and least.height() <= size[1], f"{state}: the window cannot be {size}: {least}"
    window.resize(*size)
    qtbot.wait(30)
    QApplication.processEvents()


def _home_with_everything(window, sample):
    window.home.show_moments([sample() for _ in range(8)])
    window.home.show_notes(["Goldseam tidied its folder." * 3, "One moment could not be read." * 2])
    window.home.show_held("A file was set aside and a backup is kept for you. " * 2)
    window.home.show_draft(sample())


def _states(window, sample_moment):
    """Every screen a person can reach, each entered the way the app enters it."""
    yield "home", lambda: None
    yield "home with banners, notes and moments", lambda: _home_with_everything(window, sample_moment)
    yield "home after saving", lambda: window.home.show_closure(sample_moment())
    yield "a pause, choosing", lambda: window.take_pause()
    yield "a pause, running", lambda: window.pause_view.page.start_button.click()

    def breathing():
        window.pause_view.page.back_button.click()
        window.pause_view.page.end_now_button.click()
        window.pause_view.home_button.click()
        window.breathe()

    yield "breathing, before a start", breathing
    yield "breathing", lambda: window.breathing_view.guide.start_button.click()

    def look_back():
        window.breathing_view.home_button.click()
        for n in range(6):
            window.journal.save(sample_moment(what=f"Moment number {n} about the weekend and the dishes"))
        window.look_back()
        review = window.review
        for _ in range(200):
            if not review.loader.loading and review.detail.moment is not None:
                break
            QApplication.processEvents()

    yield "the look back", look_back
    yield "the look back, reading a moment", lambda: window.review.reflow.read()
    yield "the look back with its filters", lambda: (window.review.reflow.back_to_list(),
                                                     window.review.filters_button.click())

    def grown():
        review = window.review
        review.filters_button.click()
        review.tabs.setCurrentIndex(1)
        for _ in range(200):            # worked out on the thread pool
            if review._insights is not None and review._insights.isVisible():
                break
            QApplication.processEvents()

    yield "what has grown", grown
    yield "your phrases", lambda: window.review.tabs.setCurrentIndex(2)

    def home_again():
        window.review.tabs.setCurrentIndex(0)
        window.review.home_button.click()
        window.begin_repair()

    yield "step 1", home_again
    wizard = window.wizard

    def flooded():
        wizard.go_to(0)
        wizard.notice.pulse.setValue(130)

    def full_box():
        wizard.notice.what.setPlainText("x" * MAX_TEXT)
        wizard.notice.what.insert_text("more")

    def every_why_open():
        for why in wizard.whys:
            why.button.setChecked(True)

    yield "step 1 with its why open", every_why_open
    yield "step 1 flooded", flooded
    yield "step 1 with a full box", full_box
    def step_2():
        wizard.notice.what.setPlainText("")     # 100,000 characters make every later layout slow
        wizard.go_to(1)

    yield "step 2", step_2
    yield "step 2 running", wizard.pause.start_button.click
    yield "step 2, asked whether to end it", wizard.pause.back_button.click
    yield "step 2 back", wizard.pause.end_now_button.click
    yield "step 3", lambda: wizard.go_to(2)
    yield "step 3 with a nudge", lambda: wizard.acknowledge.text.setPlainText("I'm sorry, but you always do that.")
    yield "step 4", lambda: wizard.go_to(3)

    def replaced():
        wizard.reach_back.words.setPlainText("my own words")
        wizard.reach_back.phrases.setCurrentRow(0)
        wizard.reach_back.use_button.click()

    yield "step 4 with a phrase over my words", replaced
    yield "step 5", lambda: wizard.go_to(4)
    yield "step 5 with its why closed", lambda: [why.button.setChecked(False) for why in wizard.whys]


@pytest.fixture
def language(request):
    """English everywhere; German (longer words) where it matters most: 1280x800 at 200 %."""
    from goldseam import i18n
    from goldseam.ui.application import qt_language

    app = QApplication.instance()
    if request.param != "en":
        i18n.use(request.param)
        qt_language.apply(app, request.param)
    yield request.param
    if request.param != "en":
        i18n.use("en")
        qt_language.apply(app, "en")


def _sizes_in(language: str) -> list[str]:
    return list(SIZES) if language == "en" else ["1280x800 at 200%"]


def pytest_generate_tests(metafunc):
    if "size" in metafunc.fixturenames and "language" in metafunc.fixturenames:
        cases = [(lang, size) for lang in ("en", "de") for size in _sizes_in(lang)]
        metafunc.parametrize(("language", "size"), cases, ids=[f"{size}, {lang}" for lang, size in cases],
                             indirect=["language"])


def test_every_screen_fits(qtbot, language, open_window, sample_moment, size):
    width, height, scale = SIZES[size]
    app = QApplication.instance()
    window, _ = open_window()
    usual = _large_desktop_text(app, scale)
    try:
        found = []
        for state, enter in _states(window, sample_moment):
            enter()
            _settle(qtbot, window, (width, height), state)
            found += [f"{state}: {problem}" for problem in problems(window)]
            review = window._review
            if review is not None and window.stack.currentWidget() is review and review.list.isVisible():
                if not _row_date_fits(review):
                    found.append(f"{state}: the list is too narrow for a row's date ({review.list.width()} px)")
            if window.stack.currentWidget() is window._wizard:
                wizard = window.wizard
                nav = [wizard.next_button, wizard.back_button, wizard.leave_button, wizard.title]
                assert all(w.isVisible() and window.rect().contains(_rect_in(w, window)) for w in nav), state
        assert found == [], "\n".join(found)
    finally:
        app.setFont(usual)
        look.apply(app)


def test_the_welcome_scrolls_rather_than_losing_words(qtbot):
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(420, 300)                     # a small screen at 200 %
    qtbot.wait(30)
    assert dialog.rect().contains(_rect_in(dialog.ok_button, dialog))
    scroll = _scroll_of(dialog.text)
    assert scroll.verticalScrollBar().maximum() > 0, "the words scroll"
    assert dialog.text.width() <= scroll.viewport().width(), "and never sideways"
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    assert "never sends anything anywhere" in dialog.text.text()


def test_the_welcome_opens_centred_over_the_window(qtbot, open_window):
    window, _ = open_window()
    window.move(40, 30)
    dialog = WelcomeDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    offset = dialog.frameGeometry().center() - window.frameGeometry().center()
    assert abs(offset.x()) <= 2 and abs(offset.y()) <= 2


def test_the_focused_control_is_in_view_on_arriving_at_each_step(qtbot, open_window):
    from PySide6.QtWidgets import QAbstractSpinBox, QPlainTextEdit

    window, _ = open_window()
    window.resize(640, 370)                     # 1280x800 at 200 %
    window.begin_repair()
    wizard = window.wizard
    for step in range(5):
        wizard.go_to(step)
        qtbot.wait(60)
        focused = QApplication.focusWidget()
        viewport = wizard.scrolls[step].viewport()
        if isinstance(focused, QPlainTextEdit):
            where = QRect(focused.viewport().mapTo(viewport, focused.cursorRect().topLeft()),
                          focused.cursorRect().size())             # the line being typed
        else:
            while isinstance(focused.parentWidget(), QAbstractSpinBox):
                focused = focused.parentWidget()
            where = _rect_in(focused, viewport)
        assert viewport.rect().contains(where), f"step {step + 1}: {focused.accessibleName()!r} is out of view"


@pytest.mark.parametrize("still", [False, True])
def test_breathing_on_a_small_screen_keeps_the_shape_its_words_and_pause_in_view(qtbot, open_window, still):
    window, _ = open_window()
    window.resize(640, 370)                 # 1280x800 at 200 %
    window.breathe()
    guide = window.breathing_view.guide
    guide.still_box.setChecked(still)
    qtbot.mouseClick(guide.start_button, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    viewport = window.breathing_view.scroll.viewport()
    cue = guide.widget.progress if still else guide.widget.word
    for widget in (guide.start_button, cue):
        assert viewport.rect().contains(_rect_in(widget, viewport)), f"{widget.accessibleName()!r} is out of view"


def _look_back_with(qtbot, window, sample_moment, count=6):
    for n in range(count):
        window.journal.save(sample_moment(what=f"Moment number {n} about the weekend"))
    window.look_back()
    review = window.review
    qtbot.waitUntil(lambda: not review.loader.loading and review.detail.moment is not None, timeout=5000)
    return review


def _row_date_fits(review) -> bool:
    """The list is wide enough that a row's date and time stand whole (the bold first line)."""
    from PySide6.QtGui import QFont, QFontMetrics

    from goldseam.ui.review import moment_words
    from goldseam.ui.review.moment_delegate import PADDING

    bold = QFont(review.list.font())
    bold.setWeight(QFont.Weight.DemiBold)
    when = moment_words.when(review.model.entry(0).moment)
    return review.list.viewport().width() >= QFontMetrics(bold).horizontalAdvance(when) + 2 * PADDING


def test_the_look_back_takes_turns_on_a_narrow_window_rather_than_crushing_the_list(qtbot, open_window,
                                                                                    sample_moment):
    window, _ = open_window()
    window.resize(1024, 560)
    review = _look_back_with(qtbot, window, sample_moment)
    qtbot.wait(30)
    assert review.list.isVisible() and review.detail.isVisible(), "side by side where there is room"
    assert not review.reflow.back_button.isVisible() and _row_date_fits(review)

    window.resize(640, 370)                     # 1280x800 at 200 %
    qtbot.wait(30)
    assert review.list.isVisible() and not review.detail.isVisible(), "the list, the whole width"
    assert _row_date_fits(review) and problems(window) == []
    review.list.setFocus()
    qtbot.keyClick(review.list, Qt.Key.Key_Down)
    chosen = review.model.entry(review.list.currentIndex().row()).moment
    qtbot.keyClick(review.list, Qt.Key.Key_Return)          # Enter reads the moment, over the list
    assert review.detail.isVisible() and not review.list.isVisible()
    assert review.detail.moment.id == chosen.id and review.detail.isAncestorOf(QApplication.focusWidget())
    back = review.reflow.back_button
    assert back.isVisible() and back.accessibleName() and "&" in back.text()
    qtbot.wait(30)
    assert problems(window) == []
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)     # Esc: back to the list, not home
    assert window.stack.currentWidget() is review and review.list.hasFocus()
    assert review.model.entry(review.list.currentIndex().row()).moment.id == chosen.id
    point = review.list.visualRect(review.list.currentIndex()).center()
    qtbot.mouseClick(review.list.viewport(), Qt.MouseButton.LeftButton, pos=point)    # a double-click's first
    qtbot.mouseDClick(review.list.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert review.detail.isVisible() and not review.list.isVisible(), "a double-click reads it too"
    back.click()
    assert review.list.isVisible() and not back.isVisible()
    qtbot.keyClick(review.list, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.home, "Esc on the list still goes home"

    third = window.home.recent.item(2)          # a moment chosen on home opens to be read
    window.home.recent.setCurrentItem(third)
    qtbot.keyClick(window.home.recent, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not review.loader.loading and review.reflow.reading, timeout=5000)
    assert review.detail.isVisible() and not review.list.isVisible()
    assert review.detail.moment.notice.what_happened in third.toolTip()      # the row shortens on a narrow window
    window.resize(1024, 560)                    # the window widened while a moment was read
    qtbot.wait(30)
    assert review.list.isVisible() and review.detail.isVisible() and not back.isVisible()


def _dialogs(window):
    """Every dialog a person can open from the window, each opened as the window opens it;
    (what it is, the dialog, how to show each of its states)."""
    from goldseam.ui.settings.data_actions import DataActions
    from goldseam.ui.settings.restore_dialog import RestoreDialog

    window.open_settings()
    settings = parts_of(window).preferences.dialog
    for page in range(settings.tabs.count()):
        yield f"settings, page {page + 1}", settings, lambda p=page: settings.tabs.setCurrentIndex(p)
    restore = RestoreDialog(DataActions(window._folder.path, window.journal), settings)
    yield "restore from a backup", restore, restore.show
    settings.calm.new_pattern.click()
    yield "a breathing pattern of your own", settings.calm.dialog, lambda: None
    window.show_keys()
    yield "the keys (F1)", window.keys, lambda: None
    window.show_about()
    yield "about", window.about, lambda: None
    welcome = WelcomeDialog(window)
    yield "the welcome note", welcome, welcome.show


def test_every_dialog_fits(qtbot, language, open_window, size):
    """A dialog on a screen with `size` of room: it can be made that small, and then nothing in it
    is cut off or scrolls sideways (its words scroll up and down)."""
    width, height, scale = SIZES[size]
    app = QApplication.instance()
    window, _ = open_window()
    usual = _large_desktop_text(app, scale)
    try:
        found = []
        for what, dialog, enter in _dialogs(window):
            enter()
            qtbot.waitExposed(dialog)
            least = dialog.minimumSize().expandedTo(dialog.minimumSizeHint())
            if least.width() > width or least.height() > height:
                found.append(f"{what}: cannot be made {width}x{height} (at least {least.width()}x{least.height()})")
                continue
            dialog.resize(min(dialog.width(), width), min(dialog.height(), height))
            qtbot.wait(20)
            QApplication.processEvents()
            found += [f"{what}: {problem}" for problem in problems(dialog)]
        assert found == [], "\n".join(found)
    finally:
        app.setFont(usual)
        look.apply(app)
        for dialog in QApplication.topLevelWidgets():
            if dialog is not window and dialog.isVisible():
                dialog.close()


def test_dialogs_open_within_a_small_screen(qtbot, open_window):
    """Sized for a large screen, the settings, the keys and About open within a small one."""
    window, _ = open_window()
    room = window.screen().availableGeometry()
    window.open_settings()
    window.show_keys()
    window.show_about()
    for dialog in (parts_of(window).preferences.dialog, window.keys, window.about):
        least = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())      # a tiny screen: no smaller
        assert dialog.width() <= max(room.width() * 0.9, least.width()) + 1, dialog.windowTitle()
        assert dialog.height() <= max(room.height() * 0.9, least.height()) + 1, \
            f"{dialog.windowTitle()}: {dialog.width()}x{dialog.height()} on a {room.width()}x{room.height()} screen"
        dialog.close()
