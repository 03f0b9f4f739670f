"""Someone typing steadily for minutes still has their words on disk every few seconds."""

import time

from PySide6.QtCore import Qt

from goldseam.ui.wizard.draft_keeper import AUTOSAVE_DELAY_MS, AUTOSAVE_MAX_WAIT_MS


def test_steady_typing_is_saved_at_least_every_two_seconds(qtbot, open_window, on_disk):
    assert AUTOSAVE_DELAY_MS == 500 and AUTOSAVE_MAX_WAIT_MS <= 2000
    window, _ = open_window()
    qtbot.mouseClick(window.home.begin_button, Qt.MouseButton.LeftButton)
    box = window.wizard.notice.what
    typed = ""
    seen_while_typing = []
    start = time.monotonic()
    for index in range(24):                       # one key every 150 ms for about 3.6 s
        char = "abcdefghijklmnopqrstuvwx"[index]
        qtbot.keyClicks(box, char)
        typed += char
        qtbot.wait(150)                           # shorter than the 0.5 s debounce: it never fires
        if index in (16, 22):                     # about 2.5 s and 3.4 s in, still typing
            seen_while_typing.append((time.monotonic() - start, typed, on_disk()[1].notice.what_happened))
    for elapsed, typed_then, saved in seen_while_typing:
        assert typed_then.startswith(saved), (elapsed, saved)
        assert len(saved) >= 6, f"after {elapsed:.1f} s of steady typing only {saved!r} was on disk"
    last_elapsed, last_typed, last_saved = seen_while_typing[-1]
    # The latest save is never much older than the maximum wait (plus a keystroke and some slack).
    assert len(last_typed) - len(last_saved) <= (AUTOSAVE_MAX_WAIT_MS + 800) // 150
    qtbot.wait(AUTOSAVE_DELAY_MS + 300)           # and when typing stops, the debounce saves the rest
    assert on_disk()[1].notice.what_happened == typed


def test_a_short_burst_still_waits_for_the_pause(qtbot, open_window, on_disk):
    window, _ = open_window()
    qtbot.mouseClick(window.home.begin_button, Qt.MouseButton.LeftButton)
    box = window.wizard.notice.what
    for char in "steady":
        qtbot.keyClicks(box, char)
        qtbot.wait(60)
    assert on_disk()[1].notice.what_happened == ""      # under a second: the pause decides
    qtbot.waitUntil(lambda: on_disk()[1].notice.what_happened == "steady", timeout=AUTOSAVE_DELAY_MS + 1000)
