"""A readable Markdown rendering of the whole journal, streamed, for `goldseam export --format
markdown`: the same wording and escaping as the look back's documents (core/review_document.py)."""

from __future__ import annotations

from typing import Iterable, Iterator

from ..i18n import _
from . import clock
from .moment import RepairMoment
from .review_document import answers, md_escape, quoted


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
    """Every part of the moment that holds something, as labelled quotes, the person's words
    escaped (review_document: one wording and one escaping for every document); [] for an empty moment."""
    lines: list[str] = []
    for label, text in answers(moment):
        lines += [f"**{md_escape(label)}**", "", quoted(md_escape(text)), ""]
    return lines
