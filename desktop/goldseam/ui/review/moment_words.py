"""How a moment is said in a list and to a screen reader: when, its first words, how it felt
(as a feeling, never a score), the pause promise, its tags."""

from __future__ import annotations

from ...core import clock, pause as pause_rules
from ...core.moment import RepairMoment
from ...core.steps import FEELINGS
from ...i18n import _, ngettext
from ..widgets.local_format import date_and_time

_FEELING_WORDS = dict(FEELINGS)


def when(moment: RepairMoment) -> str:
    return date_and_time(clock.from_iso(moment.created_at))


def kind_words(moment: RepairMoment) -> str:
    if moment.kind == "pause":
        return _("A pause")
    return _("A repair") if moment.completed else _("A repair, not finished")


def headline(moment: RepairMoment, limit: int = 90) -> str:
    """The first words written, or what kind of moment it was when nothing was written."""
    if moment.kind == "pause":
        return pause_words(moment)
    return moment.first_words(limit) or _("No words written; you went through the steps.")


def felt(moment: RepairMoment) -> str:
    before, after = moment.notice.intensity, moment.accept.intensity
    if before is not None and after is not None:
        return _("felt {before} of 10, then {after}").format(before=before, after=after)
    if before is not None:
        return _("felt {before} of 10").format(before=before)
    if after is not None:
        return _("felt {after} of 10 at the end").format(after=after)
    return ""


def pause_words(moment: RepairMoment) -> str:
    """A pause, in a line: how long, and the coming back (never a verdict)."""
    minutes = moment.pause.minutes_planned
    if not minutes:
        return ""
    line = ngettext("A pause of {n} minute", "A pause of {n} minutes", minutes).format(n=minutes)
    back = {"returned": _("you came back"), "extended": _("you asked for more time and came back"),
            "missed": _("you came back later")}.get(moment.pause.outcome)
    if pause_rules.was_stopped(moment.pause):
        away = pause_rules.minutes_away(moment.pause)
        back = ngettext("stopped after {n} minute", "stopped after {n} minutes", away).format(n=away)
    return _("{pause}, {back}").format(pause=line, back=back) if back else line


def feelings(moment: RepairMoment) -> str:
    return ", ".join(_(_FEELING_WORDS[f]) if f in _FEELING_WORDS else f for f in moment.notice.feelings)


def detail_parts(moment: RepairMoment) -> list[str]:
    """The quiet second line's parts: feeling, the pause inside a repair, tags (the row joins
    as many as fit)."""
    parts = [felt(moment)]
    if moment.kind == "repair":
        parts.append(pause_words(moment))
    if moment.tags:
        parts.append(" ".join(f"#{tag}" for tag in moment.tags))
    return [p for p in parts if p]
