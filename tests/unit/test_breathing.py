"""The breathing guide's clock math: phases from elapsed seconds (no drift after hours),
sessions by breaths and by minutes, pausing, the person's own patterns, and preferences
that survive whatever settings.json holds."""

import math

import pytest

from goldseam.core import breathing
from goldseam.core.breathing import (BUILT_IN, BreathingPreferences, PatternError, Session, own_pattern,
                                     problems)

PATTERNS = {p.key: p for p in BUILT_IN}
BOX, FOUR_SEVEN_EIGHT, EVEN, SIGH = (PATTERNS[k] for k in ("box", "4-7-8", "coherent", "sigh"))


def test_the_built_in_patterns_have_the_lengths_people_know():
    assert [(p.kind, p.seconds) for p in BOX.phases] == [("in", 4), ("hold", 4), ("out", 4), ("rest", 4)]
    assert [(p.kind, p.seconds) for p in FOUR_SEVEN_EIGHT.phases] == [("in", 4), ("hold", 7), ("out", 8)]
    assert [(p.kind, p.seconds) for p in EVEN.phases] == [("in", 5.5), ("out", 5.5)]
    assert [p.kind for p in SIGH.phases] == ["in", "in", "out"]
    assert SIGH.phases[1].seconds < SIGH.phases[0].seconds < SIGH.phases[2].seconds


def test_each_phase_has_its_word():
    assert [BOX.phase_at(t).word for t in (0, 4, 8, 12)] == ["Breathe in", "Hold", "Breathe out", "Rest"]
    assert [SIGH.phase_at(t).word for t in (0, 2, 3)] == ["Breathe in", "And a little more in", "Breathe out"]


@pytest.mark.parametrize("t, kind, left, breath", [
    (0, "in", 4, 1), (3.999, "in", 0.001, 1), (4, "hold", 7, 1), (11, "out", 8, 1),
    (18.999, "out", 0.001, 1), (19, "in", 4, 2), (38, "in", 4, 3)])
def test_a_boundary_belongs_to_the_phase_that_begins_there(t, kind, left, breath):
    state = FOUR_SEVEN_EIGHT.phase_at(t)
    assert (state.kind, state.breath) == (kind, breath)
    assert state.seconds_left == pytest.approx(left, abs=1e-9)


def test_progress_and_the_countdown_within_a_phase():
    state = BOX.phase_at(9)
    assert state.kind == "out" and state.progress == pytest.approx(0.25)
    assert state.whole_seconds_left() == 3
    assert BOX.phase_at(8).whole_seconds_left() == 4
    assert BOX.phase_at(11.99).whole_seconds_left() == 1
    assert EVEN.phase_at(0).whole_seconds_left() == 6


@pytest.mark.parametrize("hours", [1, 10, 1000])
def test_after_hours_the_phase_is_exactly_where_the_arithmetic_says(hours):
    start = hours * 3600.0
    for pattern in BUILT_IN:
        cycle = pattern.cycle_seconds
        whole = math.floor(start / cycle)
        at_cycle = whole * cycle
        state = pattern.phase_at(at_cycle)
        assert (state.index, state.breath, state.progress) == (0, whole + 1, 0.0)
        later = pattern.phase_at(at_cycle + pattern.phases[0].seconds / 2)
        assert later.progress == pytest.approx(0.5, abs=1e-9)


def test_ten_hours_of_frames_never_drift():
    # A frame every 1/60 s, asked from the elapsed time: breath 2251 begins at 36000 s exactly.
    state = BOX.phase_at(36000.0)
    assert (state.kind, state.breath, state.seconds_left) == ("in", 2251, 4.0)
    assert BOX.phase_at(36000.0 - 1 / 60).kind == "rest"


def test_the_shape_grows_rests_full_shrinks_and_rests_small():
    levels = [BOX.phase_at(t).level() for t in (0, 1, 2, 3, 4, 6, 8, 10, 12, 14)]
    assert levels[0] == 0 and levels[0] < levels[1] < levels[2] < levels[3] < levels[4] == 1
    assert levels[5] == 1 and levels[6] == 1 > levels[7] > levels[8] == 0 == levels[9]
    assert BOX.phase_at(1).level() == pytest.approx(1 - BOX.phase_at(3).level())  # eased both ends


def test_the_sighs_second_sip_fills_the_rest_of_the_way():
    first, second = SIGH.phase_at(0), SIGH.phase_at(2)
    assert first.level_from == 0 and 0 < first.level_to == second.level_from < second.level_to == 1


def test_a_session_of_n_breaths_ends_exactly_after_n_cycles():
    session = Session(BOX, started_at=100.0, breaths=3)
    assert session.seconds == 48
    assert not session.is_finished(100 + 47.999)
    assert session.state(100 + 47.999).breath == 3
    assert session.is_finished(148.0)
    end = session.state(500.0)
    assert (end.breath, end.kind, end.seconds_left, end.progress) == (3, "rest", 0.0, 1.0)


def test_a_session_of_n_minutes_ends_with_the_last_whole_breath_that_fits():
    assert Session(BOX, 0.0, minutes=2).seconds == 112          # 7 breaths of 16 s
    assert Session(EVEN, 0.0, minutes=2).seconds == 110         # 10 of 11 s
    assert Session(FOUR_SEVEN_EIGHT, 0.0, minutes=1).seconds == 57
    assert Session(BOX, 0.0, minutes=0.1).breaths == 1          # never less than one breath
    session = Session(EVEN, 0.0, minutes=2)
    assert not session.is_finished(109.9) and session.is_finished(110)


def test_pausing_freezes_the_breath_and_resuming_goes_on_from_there():
    session = Session(BOX, started_at=10.0, minutes=2)
    session.pause(12.0)
    assert session.is_paused()
    assert session.state(99.0) == session.state(12.0)
    session.resume(40.0)
    assert not session.is_paused()
    assert session.elapsed(41.0) == pytest.approx(3.0)
    session.pause(41.0)
    session.pause(60.0)         # a second pause keeps the first moment
    session.resume(70.0)
    assert session.elapsed(70.0) == pytest.approx(3.0)


def test_a_valid_own_pattern_leaves_out_zero_second_phases():
    pattern = own_pattern("  Evening  ", [("in", 3), ("hold", 0), ("out", 6.5), ("rest", 1)])
    assert pattern.own and pattern.title() == "Evening" and pattern.key == "own:Evening"
    assert [(p.kind, p.seconds) for p in pattern.phases] == [("in", 3), ("out", 6.5), ("rest", 1)]
    assert pattern.summary() == "in 3 s, out 6.5 s, rest 1 s"


@pytest.mark.parametrize("name, phases, taken, message", [
    ("", [("in", 4), ("out", 4)], [], "Give your pattern a name."),
    ("   ", [("in", 4), ("out", 4)], [], "Give your pattern a name."),
    ("x" * 41, [("in", 4), ("out", 4)], [], "Keep the name to 40 characters or fewer."),
    ("é" * 5000, [("in", 4), ("out", 4)], [], "Keep the name to 40 characters or fewer."),
    ("evening", [("in", 4), ("out", 4)], ["Evening"], "There is already a pattern called \u201cevening\u201d."),
    ("box breathing", [("in", 4), ("out", 4)], [], "There is already a pattern called \u201cbox breathing\u201d."),
    ("Mine", [("in", 0), ("out", 0)], [], "Give at least one phase some seconds."),
    ("Mine", [("in", -1), ("out", 4)], [], "A phase cannot be shorter than zero seconds."),
    ("Mine", [("in", "four"), ("out", 4)], [], "Each phase needs its length in seconds, as a number."),
    ("Mine", [("in", float("nan")), ("out", 4)], [], "Each phase needs its length in seconds, as a number."),
    ("Mine", [("in", True), ("out", 4)], [], "Each phase needs its length in seconds, as a number."),
    ("Mine", [("in", 61), ("out", 4)], [], "Keep each phase to 60 seconds or less."),
    ("Mine", [("in", 0.2), ("out", 4)], [], "A phase needs at least half a second."),
    ("Mine", [("in", 1), ("out", 1)] * 5, [], "Up to 8 phases keep a breath easy to follow."),
    ("Mine", [("in", 4), ("hold", 4)], [], "A breath needs some time breathing in and some time breathing out."),
    ("Mine", [("hold", 4), ("out", 4)], [], "A breath needs some time breathing in and some time breathing out."),
    ("Mine", [("sip", 4), ("out", 4), ("in", 2)], [], "Each phase is breathing in, holding, breathing out or resting."),
    ("Mine", None, [], "Each phase needs a kind and a number of seconds."),
    (None, [("in", 4), ("out", 4)], [], "Give your pattern a name."),
])
def test_each_problem_with_an_own_pattern_has_its_own_message(name, phases, taken, message):
    assert message in problems(name, phases, taken)
    with pytest.raises(PatternError) as refused:
        own_pattern(name, phases, taken)
    assert message in refused.value.message and message in refused.value.problems


def test_editing_a_pattern_may_keep_its_own_name():
    assert problems("Evening", [("in", 4), ("out", 4)], taken_names=["Morning"]) == []


def test_preferences_round_trip_through_plain_data():
    prefs = BreathingPreferences(pattern="own:Evening", minutes=5, sound="phases", spoken_cues=True,
                                 reduced_motion=True,
                                 own_patterns=[own_pattern("Evening", [("in", 3), ("out", 6.5)])])
    data = prefs.to_dict()
    assert data["own_patterns"] == [{"name": "Evening", "phases": [{"kind": "in", "seconds": 3.0},
                                                                   {"kind": "out", "seconds": 6.5}]}]
    assert BreathingPreferences.from_dict(data) == prefs
    assert BreathingPreferences.from_dict(data).chosen().title() == "Evening"


def test_defaults_are_quiet_and_two_minutes_long():
    prefs = BreathingPreferences()
    assert (prefs.minutes, prefs.sound, prefs.spoken_cues, prefs.reduced_motion) == (2, "off", False, False)
    assert prefs.chosen() in BUILT_IN


@pytest.mark.parametrize("garbage", [None, 7, "breathing", [], {"minutes": "lots"}, {"minutes": 0},
                                     {"minutes": 10 ** 9}, {"minutes": True}, {"sound": "loud"},
                                     {"sound": ["off"]}, {"pattern": "nonsense"}, {"pattern": ["box"]},
                                     {"spoken_cues": "yes"}, {"reduced_motion": 1}, {"own_patterns": "all"},
                                     {"own_patterns": [None, 3, {}, {"name": "A"}, {"name": "B", "phases": 5},
                                                       {"name": "C", "phases": [{"kind": "in"}]}]}])
def test_whatever_is_stored_gives_usable_preferences(garbage):
    assert BreathingPreferences.from_dict(garbage) == BreathingPreferences()


def test_bad_own_patterns_are_dropped_and_good_ones_kept():
    data = {"pattern": "own:Night", "minutes": 3, "own_patterns": [
        {"name": "Night", "phases": [{"kind": "in", "seconds": 4}, {"kind": "out", "seconds": 8}]},
        {"name": "night", "phases": [{"kind": "in", "seconds": 4}, {"kind": "out", "seconds": 8}]},
        {"name": "Hold only", "phases": [{"kind": "hold", "seconds": 4}]},
        {"name": "Huge", "phases": [{"kind": "in", "seconds": 1e9}, {"kind": "out", "seconds": 8}]}]}
    prefs = BreathingPreferences.from_dict(data)
    assert [p.title() for p in prefs.own_patterns] == ["Night"]
    assert prefs.pattern == "own:Night" and prefs.minutes == 3


def test_a_chosen_own_pattern_that_was_dropped_falls_back_to_the_default():
    prefs = BreathingPreferences.from_dict({"pattern": "own:Gone", "own_patterns": []})
    assert prefs.pattern == breathing.DEFAULT_PATTERN


def test_a_hand_made_file_of_ten_thousand_own_patterns_keeps_the_first_hundred():
    from goldseam.core.breathing import MAX_OWN_PATTERNS, BreathingPreferences, problems

    stored = {"own_patterns": [{"name": f"p{n}", "phases": [{"kind": "in", "seconds": 4},
                                                           {"kind": "out", "seconds": 6}]} for n in range(10_000)]}
    prefs = BreathingPreferences.from_dict(stored)
    assert [p.name for p in prefs.own_patterns] == [f"p{n}" for n in range(MAX_OWN_PATTERNS)]
    assert problems("one more", [("in", 4), ("out", 4)], [p.name for p in prefs.own_patterns]) == [
        f"You have {MAX_OWN_PATTERNS} patterns of your own; change or remove one to make room."]
