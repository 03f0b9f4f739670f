"""A readable Markdown rendering of moments, for the person's own archive."""

from __future__ import annotations

from ..i18n import _
from . import clock
from .moment import RepairMoment
from .phrases import group_by_key


def render(moments: list[RepairMoment]) -> str:
    lines = [f"# {_('Goldseam: repair moments')}", ""]
    for moment in moments:
        created = clock.from_iso(moment.created_at)
        lines.append(f"## {created.strftime('%Y-%m-%d %H:%M')}")
        lines.append("")
        if not moment.completed:
            lines += [f"*{_('Not finished')}*", ""]
        _field(lines, _("What happened"), moment.notice.what_happened)
        if moment.notice.intensity is not None:
            _field(lines, _("How strong it felt"), f"{moment.notice.intensity}/10")
        if moment.notice.feelings:
            _field(lines, _("Feelings"), ", ".join(moment.notice.feelings))
        if moment.pause.minutes_planned:
            outcome = moment.pause.outcome or _("not recorded")
            _field(lines, _("Pause"), f"{moment.pause.minutes_planned} min, {outcome}")
        _field(lines, _("What I acknowledged"), moment.acknowledge.text)
        group = group_by_key(moment.reach_back.category)
        phrase = moment.reach_back.phrase
        if phrase and group:
            phrase = f"{phrase} ({_(group.title)})"
        _field(lines, _("How I reached back"), phrase)
        _field(lines, _("What they offered"), moment.accept.offered)
        _field(lines, _("How it landed"), moment.accept.how_it_landed)
        if moment.accept.intensity is not None:
            _field(lines, _("How strong it felt after"), f"{moment.accept.intensity}/10")
        if moment.tags:
            _field(lines, _("Tags"), ", ".join(moment.tags))
    return "\n".join(lines).rstrip() + "\n"


def _field(lines: list[str], label: str, text: str) -> None:
    if not text:
        return
    body = text.replace("\r\n", "\n").replace("\n", "\n> ")
    lines += [f"**{label}**", "", f"> {body}", ""]
