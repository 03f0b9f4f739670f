"""A readable Markdown rendering of the whole journal, streamed, for `goldseam export --format
markdown`: the same wording and escaping as the look back's documents (core/review_document.py)."""

from __future__ import annotations

from typing import Iterable, Iterator

from ..i18n import _
from .moment import RepairMoment
from .review_document import _MD_INLINE, _MD_LINE_START, answers, md_escape, quoted


def render(moments: Iterable[RepairMoment]) -> str:
    return "".join(pieces(moments))


def pieces(moments: Iterable[RepairMoment]) -> Iterator[str]:
    """The document a moment at a time (oldest first, as a history reads), so a long history is
    written out without being held whole. Joined, the pieces end in exactly one line break."""
    pending = f"# {_('Goldseam: repair moments')}\n"
    not_finished, no_words = f"*{_('Not finished')}*\n", f"{_('No words were written for this moment.')}\n"
    quoted = _QuotedTexts()
    for moment in moments:
        yield pending
        # Each block is a line and the blank line after it. The date and time as written, in the moment's
        # own offset: what clock.from_iso(created_at).strftime("%Y-%m-%d %H:%M") gives for every time
        # the reader accepts (YYYY-MM-DD, "T" or a space, hh:mm...), without parsing it again.
        created = moment.created_at
        blocks = [f"## {created[:10]} {created[11:16]}\n"]
        if not moment.completed:
            blocks.append(not_finished)
        blocks += _fields(moment, quoted) or [no_words]
        pending = "\n" + "\n".join(blocks)
    yield pending.rstrip() + "\n"


def _fields(moment: RepairMoment, quoted_text: "_QuotedTexts") -> list[str]:
    """Every part of the moment that holds something, as labelled quotes, the person's words
    escaped (review_document: one wording and one escaping for every document); [] for an empty moment.
    What is known already is looked up in place (no text or label escapes to an empty string)."""
    label_of, known = _LABELS.get, quoted_text.known.get
    return [f"**{label_of(label) or _label(label)}**\n\n{known(text) or quoted_text(text)}\n"
            for label, text in answers(moment)]


class _QuotedTexts:
    """quoted(md_escape(text)), kept for the short texts that come back moment after moment in one
    export (feelings, "7 of 10", a phrase, tags), and only for that export: they are private words."""

    SHORT, MOST = 200, 4096

    def __init__(self) -> None:
        self.known: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        known = self.known.get(text)
        if known is None:
            known = _quoted_escaped(text)
            if len(text) <= self.SHORT and len(self.known) < self.MOST:
                self.known[text] = known
        return known


_LABELS: dict[str, str] = {}        # a label as escaped: a few dozen words, in each language used


def _label(label: str) -> str:
    escaped = _LABELS.get(label)
    if escaped is None:
        escaped = _LABELS[label] = _escaped(label)
    return escaped


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
