"""A readable Markdown rendering of the whole journal, streamed, for `goldseam export --format
markdown`: the same wording and escaping as the look back's documents (core/review_document.py)."""

from __future__ import annotations

from typing import Iterable, Iterator

from ..i18n import _
from . import clock
from .moment import RepairMoment
from .review_document import _MD_INLINE, _MD_LINE_START, answers, md_escape, quoted


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
        lines += [f"**{_escaped(label)}**", "", _quoted_escaped(text), ""]
    return lines


# What md_escape changes: a carriage return, one of its inline marks, or a line starting with one of
# its line marks. A text of one line with none of them is its own escape, and most texts are that:
# two quick scans instead of md_escape's passes (a fifth of an export's time went to them). The
# patterns are md_escape's own; anything of more than one line is left to md_escape.
_INLINE_MARK = _MD_INLINE.search
_LINE_MARK = _MD_LINE_START.match       # at the start of the text: its only line start when it has one line


def _escaped(text: str) -> str:
    """md_escape(text), without its passes when there is nothing to escape."""
    if "\n" in text or "\r" in text or _INLINE_MARK(text) or _LINE_MARK(text):
        return md_escape(text)
    return text


def _quoted_escaped(text: str) -> str:
    """quoted(md_escape(text)); a text of one line is one quoted line."""
    text = _escaped(text)
    if "\n" in text:
        return quoted(text)
    return f"> {text}" if text else ">"
