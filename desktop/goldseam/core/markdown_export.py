"""A readable Markdown rendering of moments, for the person's own archive."""

from __future__ import annotations

from typing import Iterable, Iterator

from ..i18n import N_, _, ngettext
from . import clock
from .moment import RepairMoment
from .phrases import group_by_key
from .steps import FEELINGS, FLOODING_SIGNS

# How a pause ended, in the words the pause page uses.
_OUTCOMES = {
    "returned": N_("came back as promised"),
    "extended": N_("asked for more time, and came back"),
    "missed": N_("came back later than planned"),
}
_WHEN = {
    "now": N_("I'll say it now"),
    "later": N_("I'll say it later"),
}


def render(moments: Iterable[RepairMoment]) -> str:
    return "".join(pieces(moments))


def pieces(moments: Iterable[RepairMoment]) -> Iterator[str]:
    """The document a moment at a time (oldest first, as a history reads), so a long history is
    written out without being held whole. Joined, the pieces end in exactly one line break."""
    pending = f"# {_('Goldseam: repair moments')}\n"
    for moment in moments:
        yield pending
        created = clock.from_iso(moment.created_at)
        lines = [f"## {created.strftime('%Y-%m-%d %H:%M')}", ""]
        if not moment.completed:
            lines += [f"*{_('Not finished')}*", ""]
        lines += _fields(moment) or [_("No words were written for this moment."), ""]
        pending = "\n" + "\n".join(lines)
    yield pending.rstrip() + "\n"


def _fields(moment: RepairMoment) -> list[str]:
    """Every part of the moment that holds something, as labelled quotes; [] for an empty moment."""
    lines: list[str] = []
    notice = moment.notice
    _field(lines, _("What happened"), notice.what_happened)
    if notice.intensity is not None:
        _field(lines, _("How strong it felt"), f"{notice.intensity}/10")
    _field(lines, _("Feelings"), ", ".join(_label(FEELINGS, key) for key in notice.feelings))
    _field(lines, _("Signs of flooding"), ", ".join(_label(FLOODING_SIGNS, key) for key in notice.flood_signs))
    if notice.pulse_bpm is not None:
        _field(lines, _("Pulse"), ngettext("{n} beat a minute", "{n} beats a minute", notice.pulse_bpm)
               .format(n=notice.pulse_bpm))
    pause = moment.pause
    if pause.minutes_planned:
        planned = ngettext("{n} minute", "{n} minutes", pause.minutes_planned).format(n=pause.minutes_planned)
        outcome = _(_OUTCOMES[pause.outcome]) if pause.outcome in _OUTCOMES else _("not recorded")
        _field(lines, _("Pause"), f"{planned}, {outcome}")
    _field(lines, _("What I acknowledged"), moment.acknowledge.text)
    group = group_by_key(moment.reach_back.category)
    phrase = moment.reach_back.phrase
    if phrase and group:
        phrase = f"{phrase} ({_(group.title)})"
    _field(lines, _("How I reached back"), phrase)
    if moment.reach_back.when in _WHEN:
        _field(lines, _("When I would say it"), _(_WHEN[moment.reach_back.when]))
    _field(lines, _("What they offered"), moment.accept.offered)
    _field(lines, _("How it landed"), moment.accept.how_it_landed)
    if moment.accept.intensity is not None:
        _field(lines, _("How strong it felt after"), f"{moment.accept.intensity}/10")
    _field(lines, _("Tags"), ", ".join(moment.tags))
    return lines


def _label(choices: tuple[tuple[str, str], ...], key: str) -> str:
    """The words the person saw for a stored key; a key this version does not know, as it is."""
    return next((_(label) for known, label in choices if known == key), key)


def _field(lines: list[str], label: str, text: str) -> None:
    if not text:
        return
    body = text.replace("\r\n", "\n").replace("\n", "\n> ")
    lines += [f"**{label}**", "", f"> {body}", ""]
