from datetime import datetime, timedelta, timezone

from goldseam.core import pause as rules
from goldseam.core.moment import Pause

T0 = datetime(2026, 11, 28, 20, 0, tzinfo=timezone.utc)


def test_countdown_asks_the_clock():
    p = Pause()
    rules.start(p, 20, T0)
    assert rules.is_running(p)
    assert rules.seconds_left(p, T0) == 20 * 60
    assert rules.seconds_left(p, T0 + timedelta(minutes=19, seconds=30)) == 30
    assert rules.seconds_left(p, T0 + timedelta(hours=2)) == 0


def test_coming_back_on_time_keeps_the_promise():
    p = Pause()
    rules.start(p, 20, T0)
    rules.come_back(p, T0 + timedelta(minutes=25))
    assert p.outcome == "returned" and not rules.is_running(p)


def test_asking_for_more_time_is_recorded_as_extended():
    p = Pause()
    rules.start(p, 20, T0)
    rules.extend(p, 10, T0 + timedelta(minutes=20))
    assert p.outcome == "extended" and rules.is_running(p)
    assert p.minutes_planned == 30
    assert rules.seconds_left(p, T0 + timedelta(minutes=20)) == 600
    rules.come_back(p, T0 + timedelta(minutes=29))
    assert p.outcome == "extended" and p.returned_at is not None


def test_coming_back_long_after_is_missed():
    p = Pause()
    rules.start(p, 20, T0)
    rules.come_back(p, T0 + timedelta(hours=3))
    assert p.outcome == "missed"


def test_minutes_are_kept_within_a_day():
    p = Pause()
    rules.start(p, 5000, T0)
    assert p.minutes_planned == 24 * 60


def test_countdown_format():
    assert rules.format_countdown(65) == "01:05"
    assert rules.format_countdown(3600 + 61) == "1:01:01"


def test_the_return_time_shown_is_the_instant_of_the_call():
    """Started at 20:00:37 for one minute, the screen says "back at 20:02" and the call comes
    then, not at 20:01:37 under a "20:01" that has long passed (nor sooner than a minute)."""
    p = Pause()
    started = T0 + timedelta(seconds=37, microseconds=5)
    rules.start(p, 1, started)
    assert p.return_at.startswith("2026-11-28T20:02:00")
    assert not rules.has_come(p, T0 + timedelta(minutes=2) - timedelta(microseconds=1))
    assert rules.has_come(p, T0 + timedelta(minutes=2))
    rules.extend(p, 5, T0 + timedelta(minutes=2, seconds=1))
    assert p.return_at.startswith("2026-11-28T20:08:00")
    on_the_dot = Pause()
    rules.start(on_the_dot, 20, T0)                      # already whole: kept as it is
    assert rules.seconds_left(on_the_dot, T0) == 20 * 60


def test_a_pause_ended_in_its_first_minute_is_recorded_as_stopped_not_kept():
    """A double Enter ended a fresh 20-minute pause and it was kept as "returned"; a pause ended
    before its first minute is over is recorded as what it was, with no outcome."""
    p = Pause()
    rules.start(p, 20, T0)
    assert rules.is_settling(p, T0 + timedelta(milliseconds=150))
    rules.come_back(p, T0 + timedelta(milliseconds=150))
    assert not rules.is_running(p)
    assert p.outcome is None and rules.was_stopped(p) and rules.minutes_away(p) == 0


def test_a_pause_ended_after_its_first_minute_is_come_back_from():
    p = Pause()
    rules.start(p, 20, T0)
    assert not rules.is_settling(p, T0 + timedelta(seconds=60))
    rules.come_back(p, T0 + timedelta(minutes=7, seconds=30))
    assert p.outcome == "returned" and not rules.was_stopped(p) and rules.minutes_away(p) == 7


def test_more_time_asked_for_is_never_taken_for_a_stopped_pause():
    p = Pause()
    rules.start(p, 20, T0)
    rules.extend(p, 10, T0 + timedelta(seconds=20))
    assert not rules.is_settling(p, T0 + timedelta(seconds=30))
    rules.come_back(p, T0 + timedelta(seconds=30))
    assert p.outcome == "extended"


def test_the_return_is_reckoned_from_the_start_as_stored():
    """Started at 17:41:00.7 for one minute, the start is kept as 17:41:00 and the return was
    17:43: two whole minutes after the start on disk. Reckoned from the stored second: 17:42."""
    from goldseam.core import clock

    p = Pause()
    rules.start(p, 1, T0 + timedelta(microseconds=700_000))
    started, returns = clock.from_iso(p.started_at), clock.from_iso(p.return_at)
    assert timedelta(minutes=1) <= returns - started < timedelta(minutes=2)
