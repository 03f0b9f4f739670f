"""The breathing guide as a person uses it, on a fake clock: Start runs a session to its
end and says a calm word; Pause and Go on; every choice reaches the settings through
preferences_changed; one's own pattern is refused with a reason, or joins the chooser."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from goldseam.core.breathing import BreathingPreferences, own_pattern
from goldseam.ui.widgets import accessible, look
from goldseam.ui.breathing import breathing_guide, spoken_cues
from goldseam.ui.breathing.breathing_guide import BreathingGuide


class Seconds:
    def __init__(self):
        self.value = 50.0

    def __call__(self):
        return self.value


@pytest.fixture
def guide(qtbot, monkeypatch):
    look.apply(QApplication.instance())
    monkeypatch.setattr(spoken_cues, "available", lambda: True)

    def make(prefs=None, compact=False):
        clock = Seconds()
        made = BreathingGuide(prefs, clock=clock, compact=compact)
        made.resize(520, 640)
        qtbot.addWidget(made)
        with qtbot.waitExposed(made):
            made.show()
        made.clock = clock
        return made

    return make


@pytest.fixture
def changes(guide):
    def watch(made):
        seen = []
        made.preferences_changed.connect(seen.append)
        return seen
    return watch


def later(made, seconds):
    made.clock.value += seconds
    made.widget.timer.timeout.emit()


def test_start_runs_a_session_to_its_end_and_says_a_calm_word(qtbot, guide):
    made = guide(BreathingPreferences(pattern="coherent", minutes=2))
    assert made.first_focus() is made.start_button and made.start_button.text() == "Start breathing"
    assert not made.closing.isVisible()
    with qtbot.waitSignal(made.started, timeout=500):
        qtbot.mouseClick(made.start_button, Qt.MouseButton.LeftButton)
    assert made.is_running() and made.start_button.text() == "Pause" and made.stop_button.isVisible()
    later(made, 60)
    assert made.is_running() and not made.closing.isVisible()
    with qtbot.waitSignal(made.finished, timeout=500):
        later(made, 50)                                       # 10 breaths of 11 s: 110 s
    assert not made.is_running() and not made.widget.timer.isActive()
    assert made.closing.isVisible()
    assert made.closing.text() == "That was 2 minutes of slow breathing. Notice how your body feels now."
    assert made.start_button.text() == "Start breathing" and not made.stop_button.isVisible()


def test_start_takes_minutes_of_its_own(qtbot, guide):
    made = guide(BreathingPreferences(pattern="box", minutes=2))
    made.start(minutes=1)                                     # 3 breaths of 16 s
    later(made, 47)
    assert made.is_running()
    with qtbot.waitSignal(made.finished, timeout=500):
        later(made, 1)
    assert made.closing.text().startswith("That was 1 minute of slow breathing.")


def test_pause_and_go_on_from_the_button_and_space(qtbot, guide):
    made = guide(BreathingPreferences(pattern="box"))
    made.start()
    later(made, 2)
    qtbot.mouseClick(made.start_button, Qt.MouseButton.LeftButton)
    assert made.widget.is_paused() and made.start_button.text() == "Go on"
    assert made.start_button.accessibleName() == "Go on"
    later(made, 30)
    assert made.widget.word.text() == "Paused"
    made.setFocus()
    qtbot.keyClick(made, Qt.Key.Key_Space)
    assert not made.widget.is_paused() and made.start_button.text() == "Pause"
    assert made.widget.word.text() == "Breathe in" and made.widget.seconds.text() == "2"


def test_stop_and_escape_end_early(qtbot, guide):
    made = guide()
    made.start()
    with qtbot.waitSignal(made.stopped, timeout=500):
        qtbot.mouseClick(made.stop_button, Qt.MouseButton.LeftButton)
    assert not made.is_running() and not made.closing.isVisible()
    made.start()
    made.start_button.setFocus()
    with qtbot.waitSignal(made.stopped, timeout=500):
        qtbot.keyClick(made.start_button, Qt.Key.Key_Escape)
    assert made.start_button.text() == "Start breathing"


def test_each_choice_goes_out_with_the_right_values(guide, changes):
    made = guide()
    seen = changes(made)
    made.pattern_box.setCurrentIndex(made.pattern_box.findData("4-7-8"))
    made.minutes_box.setValue(5)
    made.sound_box.setCurrentIndex(made.sound_box.findData("end"))
    made.speak_box.setChecked(True)
    made.still_box.setChecked(True)
    assert [p.pattern for p in seen] == ["4-7-8"] * 5
    assert [p.minutes for p in seen][1:] == [5] * 4
    last = seen[-1]
    assert (last.sound, last.spoken_cues, last.reduced_motion) == ("end", True, True)
    assert made.preferences() == last and made.widget.reduced_motion()
    assert made.summary.text() == "in 4 s, hold 7 s, out 8 s"


def test_preferences_from_settings_are_shown_without_echoing_back(guide, changes):
    made = guide()
    seen = changes(made)
    prefs = BreathingPreferences(pattern="own:Night", minutes=7, sound="phases", reduced_motion=True,
                                 own_patterns=[own_pattern("Night", [("in", 4), ("out", 8)])])
    made.set_preferences(prefs)
    assert seen == []
    assert made.pattern_box.currentText() == "Night" and made.minutes_box.value() == 7
    assert made.sound_box.currentData() == "phases" and made.still_box.isChecked()
    assert made.change_button.isVisible()
    assert made.preferences() == prefs and made.preferences() is not prefs


@pytest.mark.parametrize("compact", [False, True])
def test_building_the_guide_opens_no_window_of_its_own(qtbot, compact):
    before = {w for w in QApplication.topLevelWidgets() if w.isVisible()}
    made = BreathingGuide(compact=compact)
    qtbot.addWidget(made)
    assert {w for w in QApplication.topLevelWidgets() if w.isVisible()} == before


def test_compact_tucks_the_options_away(qtbot, guide):
    made = guide(compact=True)
    assert not made.sound_box.isVisible() and not made.own_button.isVisible()
    qtbot.mouseClick(made.options_button, Qt.MouseButton.LeftButton)
    assert made.sound_box.isVisible() and made.still_box.isVisible() and made.speak_box.isVisible()


def test_spoken_cues_are_offered_only_where_a_voice_exists(qtbot, monkeypatch):
    monkeypatch.setattr(spoken_cues, "available", lambda: False)
    made = BreathingGuide()
    qtbot.addWidget(made)
    made.show()
    assert not made.speak_box.isVisible() and made.sound_box.isVisible()


def test_the_chime_follows_the_sound_choice(guide, monkeypatch):
    made = guide(BreathingPreferences(pattern="box", sound="phases"))
    rung = []
    monkeypatch.setattr(made.chime, "play", lambda: rung.append(made.clock.value))
    made.start(minutes=0.5)                                   # 1 breath of 16 s: four phases
    for _ in range(16):
        later(made, 1)
    assert len(rung) == 5                                     # each phase, and the end
    made.set_preferences(BreathingPreferences(pattern="box", sound="end"))
    rung.clear()
    made.start(minutes=0.5)
    for _ in range(16):
        later(made, 1)
    assert len(rung) == 1


def test_spoken_cues_say_each_phase_word_even_with_the_options_tucked_away(guide, monkeypatch):
    spoken = []

    class Voice:
        def __init__(self, parent):
            pass

        def say(self, text):
            spoken.append(text)

    monkeypatch.setattr(spoken_cues, "SpokenCues", Voice)
    made = guide(BreathingPreferences(pattern="4-7-8", spoken_cues=True), compact=True)
    made.start(minutes=0.1)
    for _ in range(20):
        later(made, 1)
    assert spoken == ["Breathe in", "Hold", "Breathe out"]


def test_choosing_a_sound_where_none_can_play_says_so_quietly(guide):
    made = guide()
    made.sound_box.setCurrentIndex(made.sound_box.findData("phases"))   # offscreen: no audio output
    assert made.no_sound.isVisible()
    made.sound_box.setCurrentIndex(made.sound_box.findData("off"))
    assert not made.no_sound.isVisible()


def test_the_end_is_announced(guide, monkeypatch):
    said = []
    monkeypatch.setattr(accessible, "say", lambda widget, text: said.append(text))
    made = guide(BreathingPreferences(pattern="sigh", minutes=1))
    made.start(minutes=0.1)                                   # one sigh: 9 s
    for _ in range(10):
        later(made, 1)
    assert said == ["Breathe in", "And a little more in", "Breathe out",
                    "That was a little slow breathing. Notice how your body feels now."]


def test_every_control_is_named_by_its_words_and_tabbed_in_reading_order(guide):
    made = guide()
    for button in made.findChildren(QPushButton):
        assert button.text().replace("&", "").rstrip("\u2026") in button.accessibleName()
    assert made.pattern_box.accessibleName() == "Pattern"      # as its label reads: Orca says the two
    controls = [made.pattern_box, made.minutes_box, made.start_button, made.options_button, made.sound_box,
                made.speak_box, made.still_box, made.own_button]
    chain, widget = [], made.pattern_box
    for _ in range(40):
        if widget in controls and widget not in chain:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    assert chain == controls


def test_enter_presses_the_focused_button(qtbot, guide):
    made = guide()
    made.start_button.setFocus()
    qtbot.keyClick(made.start_button, Qt.Key.Key_Return)
    assert made.is_running()


def test_an_invalid_own_pattern_is_refused_with_its_reason(qtbot, guide, changes):
    made = guide()
    seen = changes(made)
    qtbot.mouseClick(made.own_button, Qt.MouseButton.LeftButton)
    dialog = made.dialog
    assert dialog.isVisible()
    dialog.fields["out"].setValue(0)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and seen == []
    assert dialog.shown_problems() == ("Give your pattern a name.\n"
                                       "A breath needs some time breathing in and some time breathing out.")
    qtbot.keyClicks(dialog.name, "Evening")
    assert dialog.shown_problems() == "A breath needs some time breathing in and some time breathing out."
    dialog.name.setText("\u00e9t\u00e9 " * 2000)                                   # a pasted flood of text
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Keep the name to 40 characters or fewer." in dialog.shown_problems()
    dialog.name.setText("Slow and even")
    dialog.fields["out"].setValue(12)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.shown_problems() == "There is already a pattern called \u201cSlow and even\u201d."


def test_a_valid_own_pattern_joins_the_chooser_and_can_be_changed_and_removed(qtbot, guide, changes):
    made = guide()
    seen = changes(made)
    qtbot.mouseClick(made.own_button, Qt.MouseButton.LeftButton)
    dialog = made.dialog
    qtbot.keyClicks(dialog.name, "Evening")
    dialog.fields["in"].setValue(7)                            # half-seconds: 3.5 s
    dialog.fields["rest"].lineEdit().setText("1.5")
    dialog.fields["rest"].interpretText()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert made.pattern_box.currentText() == "Evening" and made.summary.text() == "in 3.5 s, out 6 s, rest 1.5 s"
    assert seen[-1].pattern == "own:Evening" and [p.name for p in seen[-1].own_patterns] == ["Evening"]
    qtbot.mouseClick(made.change_button, Qt.MouseButton.LeftButton)
    dialog = made.dialog
    assert dialog.name.text() == "Evening" and dialog.fields["in"].seconds() == 3.5
    dialog.name.setText("Late evening")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [made.pattern_box.itemText(i) for i in range(made.pattern_box.count())][-1] == "Late evening"
    assert [p.name for p in made.preferences().own_patterns] == ["Late evening"]
    qtbot.mouseClick(made.change_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(made.dialog.remove_button, Qt.MouseButton.LeftButton)
    assert made.preferences().own_patterns == [] and made.pattern_box.findText("Late evening") == -1
    assert seen[-1].own_patterns == [] and not made.change_button.isVisible()


def test_the_closing_words_fit_the_time():
    assert breathing_guide.closing_words(112).startswith("That was 2 minutes")
    assert breathing_guide.closing_words(57).startswith("That was 1 minute of")
    assert breathing_guide.closing_words(20).startswith("That was a little slow breathing.")


def test_a_number_typed_too_large_is_shown_and_explained_not_cut_short(qtbot, guide):
    made = guide()
    qtbot.mouseClick(made.own_button, Qt.MouseButton.LeftButton)
    dialog = made.dialog
    qtbot.keyClicks(dialog.name, "Long one")
    box = dialog.fields["in"]
    box.selectAll()
    qtbot.keyClicks(box, "9999")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert box.seconds() > 60, "never quietly cut to 9 s"
    assert dialog.isVisible() and "60" in dialog.shown_problems()


def test_stop_keeps_the_focus_in_the_guide(qtbot, guide):
    made = guide()
    made.start_button.setFocus()
    qtbot.keyClick(made.start_button, Qt.Key.Key_Space)
    assert made.is_running()
    made.stop_button.setFocus()
    qtbot.keyClick(made.stop_button, Qt.Key.Key_Space)
    assert not made.is_running()
    assert QApplication.focusWidget() is made.start_button, "a second Space starts again, never leaves"


def test_paused_shows_no_stray_count(qtbot, guide):
    made = guide()
    made.start()
    later(made, 2.5)
    assert made.widget.seconds.text() != ""
    made.widget.pause()
    assert made.widget.word.text() == "Paused" and made.widget.seconds.text() == ""
    made.widget.resume()
    assert made.widget.seconds.text() != ""
