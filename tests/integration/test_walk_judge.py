"""The screen-reader walk's judging rules (walk_judge.py), on made-up reports: no session needed."""

from __future__ import annotations

from walk_judge import TITLES, judge, pattern_phases, phase_changes


def _change(title, *events):
    return {"change": "step 1 -> step 2", "title": title,
            "events": [{"kind": kind, "role": "heading", "name": name, "message": message}
                       for kind, name, message in events]}


def _empty_report(**parts):
    return dict({"screens": [], "changes": [], "quiet": None, "error": None}, **parts)


def test_one_announcement_or_focus_on_the_heading_is_what_a_step_change_needs():
    title = TITLES[1]
    once = [_change(title, ("announcement", "", f"Step 2 of 5: {title}")),
            _change(title, ("focus", "What happened", None), ("focus", title, None))]
    assert judge(_empty_report(changes=once)) == {}
    for wrong in (_change(title), _change(title, ("announcement", "", "a"), ("announcement", "", "a")),
                  _change(title, ("announcement", "", "a"), ("focus", title, None))):
        assert [p.kind for p in judge(_empty_report(changes=[wrong]))] == ["a step change is not announced exactly once"]


def test_a_label_is_judged_by_the_words_it_shows():
    def label(name, shown):
        return {"screen": "s", "nodes": [{"role": "label", "name": name, "text": None, "shown": shown,
                                          "label": True, "focusable": False, "id": "1"}]}
    alike = [label("Phrases for", "Phrases &for"), label("Tom & Jerry", "Tom && Jerry"),
             label("It is meant for ordinary disagreements.", "<b>It is meant</b>\n for ordinary disagreements. "),
             label("F1: Show these keys", "Show these keys")]         # a name may say more than is shown
    assert judge(_empty_report(screens=alike)) == {}
    assert len(judge(_empty_report(screens=[label("Saved", ""), label("Time left", "00:55"),
                                            label("F1: Open the settings", "Show these keys")]))) == 3


def test_the_countdown_is_a_time_that_goes_down_not_the_time_of_return():
    def quiet(first, last, events=()):
        return {"seconds": 3.2, "events": list(events),
                "first": [{"id": "1", "role": "label", "name": first, "text": None}],
                "last": [{"id": "1", "role": "label", "name": last, "text": None}]}
    assert judge(_empty_report(quiet=quiet("00:58", "00:55"))) == {}
    assert judge(_empty_report(quiet=quiet("01:27", "01:24"))) == {}     # a minute to the whole minute after
    assert judge(_empty_report(quiet=quiet("Back at 00:31.", "Back at 00:31.")))
    assert judge(_empty_report(quiet=quiet("14:21", "14:18")))            # a clock time, not a countdown
    ticking = quiet("00:58", "00:55", [{"kind": "announcement", "role": "label", "name": "", "message": "00:57"}])
    assert [p.kind for p in judge(_empty_report(quiet=ticking))][0].startswith("while the pause counts down")


def _button(name, shown):
    return {"role": "push button", "name": name, "text": None, "shown": shown, "label": False, "button": True,
            "focusable": True, "id": "7"}


def test_a_button_is_named_with_the_words_it_shows():
    alike = [_button("Breathe", "B&reathe"), _button("Back home; the pause keeps running", "Back &home"),
             _button("Your own pattern", "Your own pattern\u2026"), _button("I'll say it later", "\u2713 I'll say it later"),
             _button("Change or remove this pattern", "Change or remove\u2026"),
             _button("Remove the tag home", "#home \u00d7"),
             _button("Keep still (reduced motion)", "Keep still (reduced motion)")]
    assert judge(_empty_report(screens=[{"screen": "s", "nodes": alike}])) == {}
    wrong = [_button("Start", "Pause"), _button("Back", "Back &home")]
    found = judge(_empty_report(screens=[{"screen": "s", "nodes": wrong}]))
    assert [p.kind for p in found] == ["a button's name does not hold the words it shows"] * 2


def _breathing(pattern, seconds, *said, focus=()):
    events = [{"kind": "announcement", "role": "label", "name": m, "message": m, "time": 100.0 + at, "at": at}
              for m, at in said]
    events += [{"kind": "focus", "role": "push button", "name": n, "message": None, "time": 100.0 + at, "at": at}
               for n, at in focus]
    return _empty_report(breathing={"pattern": pattern, "seconds": seconds, "events": events})


def _breathing_kinds(report):
    return sorted(p.kind for p in judge(report))


def test_each_breathing_phase_change_is_announced_once_by_its_word():
    box = [("Breathe in", 0.1), ("Hold", 4.1), ("Breathe out", 8.1), ("Rest", 12.1)]
    assert judge(_breathing("Box breathing", 13.0, *box)) == {}
    assert judge(_breathing("Box breathing", 13.0, *box[:3])) == {}            # the last one late: within one
    even = [("Breathe in", 0.1), ("Breathe out", 5.6), ("Breathe in", 11.1)]
    assert judge(_breathing("Slow and even", 13.0, *even)) == {}
    assert phase_changes(pattern_phases("Box breathing"), 13.0) == [
        ("Breathe in", 0), ("Hold", 4), ("Breathe out", 8), ("Rest", 12)]


def test_breathing_announced_each_second_or_twice_a_phase_or_not_at_all_fails():
    box = [("Breathe in", 0.1), ("Hold", 4.1), ("Breathe out", 8.1), ("Rest", 12.1)]
    seconds = box + [(str(n), at + 0.5) for n, at in ((3, 0), (2, 1), (1, 2))]
    assert "while breathing, something other than a phase word is announced" in _breathing_kinds(
        _breathing("Box breathing", 13.0, *seconds))
    twice = box[:2] + [("Hold", 4.2)] + box[2:]
    assert _breathing_kinds(_breathing("Box breathing", 13.0, *twice)) == [
        "while breathing, a phase is announced more than once"]
    every_frame = [("Breathe in", 0.1 + i * 0.016) for i in range(50)] + box[1:]
    assert _breathing_kinds(_breathing("Box breathing", 13.0, *every_frame)) == [
        "while breathing, a phase is announced more than once"]
    assert set(_breathing_kinds(_breathing("Box breathing", 13.0))) == {
        "while breathing, the phase words announced are not the phase changes",
        "not heard: a phase word of the breathing guide"}
    skipped = [box[0], box[2], box[3]]
    assert "while breathing, the phase words announced are not the phase changes" in _breathing_kinds(
        _breathing("Box breathing", 13.0, *skipped))
    assert _breathing_kinds(_breathing("Box breathing", 13.0, *box, focus=[("Back home", 0.1)])) == [
        "while breathing (nobody touching anything), focus moves"]


def test_home_reads_the_running_pause_banner_and_names_its_button():
    def home(text, button_name):
        label = {"role": "label", "name": text, "text": None, "shown": text, "label": True, "focusable": False,
                 "id": "1"}
        return _empty_report(screens=[{"screen": "home (a pause running)",
                                       "nodes": [label, _button(button_name, "Go to the pause")]}])
    right = "You are on a pause until 15:14. Take the time you promised yourself; Goldseam will call you back."
    assert judge(home(right, "Go to the pause")) == {}
    assert [p.kind for p in judge(home("You are on a pause.", "Go to the pause"))] == [
        "not heard: the running pause's banner"]
    assert "not heard: the pause banner's button" in [p.kind for p in judge(home(right, ""))]


def test_the_pause_from_home_is_quiet_while_it_counts_down():
    quiet = {"seconds": 5.0, "first": [{"id": "1", "role": "label", "name": "00:58", "text": None}],
             "last": [{"id": "1", "role": "label", "name": "00:53", "text": None}],
             "events": [{"kind": "announcement", "role": "label", "name": "", "message": "00:57"}]}
    found = judge(_empty_report(pause_quiet=quiet))
    assert list(found.values()) == [["a pause from home (running)"]]
    assert judge(_empty_report(pause_quiet=dict(quiet, events=[]))) == {}


def test_the_title_of_a_screen_beside_the_repair_is_a_heading():
    def screen(role):
        return {"screen": "breathe", "nodes": [{"role": role, "name": "Breathe", "text": None, "shown": "Breathe",
                                                 "label": True, "focusable": False, "id": "3"}]}
    assert judge(_empty_report(screens=[screen("heading")])) == {}
    found = judge(_empty_report(screens=[screen("label")]))
    assert [(p.kind, p.role, p.name) for p in found] == [
        ("a screen's title is not a heading (jumping by heading never finds it)", "label", "Breathe")]
