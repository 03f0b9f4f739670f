"""The pause promise: step away now, come back at a named time.

No tick counting: everything is asked of the clock, so a pause survives a
closed window, a sleeping laptop or a restart.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from . import clock
from .moment import MAX_PAUSE_MINUTES, Pause

SUGGESTED_MINUTES = 20
MIN_MINUTES = 1
GRACE_MINUTES = 15
SETTLING_SECONDS = 60       # a pause ended sooner was stopped, not come back from


def start(pause: Pause, minutes: int, at: datetime) -> None:
    at = at.replace(microsecond=0)          # as stored: the return is reckoned from the start on disk
    minutes = max(MIN_MINUTES, min(MAX_PAUSE_MINUTES, int(minutes)))
    pause.minutes_planned = minutes
    pause.started_at = clock.to_iso(at)
    pause.return_at = clock.to_iso(on_the_minute(at + timedelta(minutes=minutes)))
    pause.returned_at = None
    pause.outcome = None


def on_the_minute(moment: datetime) -> datetime:
    """`moment`, or the next whole minute after it: the return time the screen shows ("back at
    02:56") is the instant the call comes, never up to 59 seconds later, and never sooner
    than the minutes named."""
    whole = moment.replace(second=0, microsecond=0)
    return whole if whole == moment else whole + timedelta(minutes=1)


def is_running(pause: Pause) -> bool:
    """Started and not yet come back from."""
    return pause.return_at is not None and pause.returned_at is None


def seconds_left(pause: Pause, at: datetime) -> int:
    """Whole seconds until the promised return; 0 once it has come."""
    if pause.return_at is None:
        return 0
    left = (clock.from_iso(pause.return_at) - at).total_seconds()
    return max(0, int(left + 0.999))


def come_back(pause: Pause, at: datetime) -> None:
    """The person is back. On time (with a little grace) the promise is kept;
    much later it is recorded as missed, which the app never scolds. Ended in its first
    minute, the pause was stopped, not kept: it is recorded as it was, with no outcome."""
    if not is_running(pause):
        return
    stopped = is_settling(pause, at)
    pause.returned_at = clock.to_iso(at)
    if stopped:
        return
    late = (at - clock.from_iso(pause.return_at)).total_seconds() > GRACE_MINUTES * 60
    if late:
        pause.outcome = "missed"
    elif pause.outcome != "extended":
        pause.outcome = "returned"


def is_settling(pause: Pause, at: datetime) -> bool:
    """Running and in its first minute: ending it now is stopping it, and asks first."""
    if not is_running(pause) or pause.started_at is None or pause.outcome is not None:
        return False
    return (at - clock.from_iso(pause.started_at)).total_seconds() < SETTLING_SECONDS


def was_stopped(pause: Pause) -> bool:
    """Ended before its first minute was over (or otherwise without a recorded outcome)."""
    return pause.started_at is not None and pause.returned_at is not None and pause.outcome is None


def minutes_away(pause: Pause) -> int:
    """Whole minutes from the start to the end of a finished pause."""
    if pause.started_at is None or pause.returned_at is None:
        return 0
    seconds = (clock.from_iso(pause.returned_at) - clock.from_iso(pause.started_at)).total_seconds()
    return max(0, int(seconds // 60))


def extend(pause: Pause, more_minutes: int, at: datetime) -> None:
    """Coming back to ask for more time keeps the promise too: a new return time from now."""
    more = max(MIN_MINUTES, min(MAX_PAUSE_MINUTES, int(more_minutes)))
    pause.return_at = clock.to_iso(on_the_minute(at + timedelta(minutes=more)))
    pause.minutes_planned = min(MAX_PAUSE_MINUTES, (pause.minutes_planned or 0) + more)
    pause.returned_at = None
    pause.outcome = "extended"


def answer_after_away(pause: Pause, came_back: bool, at: datetime) -> None:
    """The return time passed while Goldseam was closed (or the computer slept), and the
    person says whether they came back. Their word is what is recorded, not the app's clock."""
    if not is_running(pause):
        return
    pause.returned_at = clock.to_iso(at)
    if not came_back:
        pause.outcome = "missed"
    elif pause.outcome != "extended":
        pause.outcome = "returned"


def has_come(pause: Pause, at: datetime) -> bool:
    """Running, and the promised time of return has come."""
    return is_running(pause) and clock.from_iso(pause.return_at) <= at


def format_countdown(seconds: int) -> str:
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
