"""Alt+letter does what it says on every screen: no two things on one screen share a letter
(Qt then only moves the focus between them, and nothing is pressed)."""

import re

from PySide6.QtWidgets import QAbstractButton, QLabel

MNEMONIC = re.compile(r"&([^&\s])")


def letters_on(screen):
    found = {}
    widgets = [w for w in screen.window().findChildren(QAbstractButton) + screen.window().findChildren(QLabel)
               if w.isVisible()]
    for widget in widgets:
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue        # a label's & shows as text unless it has a buddy
        for letter in MNEMONIC.findall(widget.text().replace("&&", "")):
            found.setdefault(letter.lower(), []).append(widget.text())
    return {letter: texts for letter, texts in found.items() if len(texts) > 1}


def test_no_screen_shares_a_letter(qtbot, open_window, clock):
    window, data = open_window()
    window.home.show_held("A file was set aside")       # Restore the backup, with its Alt+R
    assert letters_on(window.home) == {}
    window.take_pause()
    assert letters_on(window.pause_view) == {}
    window.pause_view.page.start_button.click()
    assert letters_on(window.pause_view) == {}
    window.pause_view.home_button.click()
    window.breathe()
    window.breathing_view.guide.options.setVisible(True)
    assert letters_on(window.breathing_view) == {}
    window.breathing_view.home_button.click()
    window.begin_repair()
    wizard = window.wizard
    wizard.notice.pulse.setValue(120)
    wizard.notice.breathe_button.click()
    for step in range(5):
        wizard.go_to(step) if step != 2 or not wizard.pause.is_running() else None
        if step == 1:
            wizard.pause.start_button.click()
            assert letters_on(wizard) == {}, "with the pause and its guide on screen"
            wizard.pause.back_button.click()
            assert letters_on(wizard) == {}, "asked whether to end the pause in its first minute"
            wizard.pause.end_now_button.click()
        assert letters_on(wizard) == {}, f"step {step + 1}"


def test_no_letter_is_shared_on_the_look_back(qtbot, open_window, data_dir, sample_moment):
    from goldseam.storage.data_folder import DataFolder

    with DataFolder.open(data_dir) as data:
        data.journal.save(sample_moment())
    window, _ = open_window()
    window.look_back()
    review = window.review
    qtbot.waitUntil(lambda: review.detail.moment is not None, timeout=5000)
    review.filters_button.setChecked(True)
    review.delete(review.detail.moment.id)              # the undo bar with its Alt+U
    review.undo()
    assert letters_on(review) == {}, "the moments tab"
    for tab in (1, 2):
        review.tabs.setCurrentIndex(tab)
        assert letters_on(review) == {}, review.tabs.tabText(tab)
