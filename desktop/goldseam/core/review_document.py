"""The moments chosen on the look back, as a document to keep or print: Markdown and HTML.

Plain Python, so the same words are tested without a window. Every answer of each moment is
there with its date and time, oldest first (a history reads forward). The person's words are
escaped for each format: text such as "<script>" is shown as written, never run or read as
markup, whichever viewer opens the file. Labels and their wording are the archive export's
(core/markdown_export.py), so a moment reads the same in both.
"""

from __future__ import annotations

import html as _html
import re
from datetime import datetime
from typing import Callable, Iterable

from ..i18n import N_, _, ngettext
from . import clock, pause as pause_rules
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


def _label(choices: tuple[tuple[str, str], ...], key: str) -> str:
    """The words the person saw for a stored key; a key this version does not know, as it is."""
    return next((_(label) for known, label in choices if known == key), key)


Formatter = Callable[[datetime], str]
DEFAULT_ACCENT = "#85601e"      # the app's gold ink (ui/widgets/look.py GOLD_INK); core does not import the UI


def plain_when(moment: datetime) -> str:
    """A date and time as the moment was written down (its own offset), when no locale is at hand."""
    return moment.strftime("%Y-%m-%d %H:%M")


def title() -> str:
    return _("Goldseam: repair moments")


def oldest_first(moments: Iterable[RepairMoment]) -> list[RepairMoment]:
    return sorted(moments, key=lambda m: (_instant(m.created_at), m.id))


def heading(moment: RepairMoment, when: Formatter = plain_when) -> str:
    """The line above a moment: its date and time, and what kind of moment it was."""
    stamp = _when(moment.created_at, when)
    if moment.kind == "pause":
        return _("{when} \u2014 a pause").format(when=stamp)
    return stamp


def notes(moment: RepairMoment, when: Formatter = plain_when) -> list[str]:
    """Short facts under the heading: not finished; when it was finished; edited later."""
    lines = []
    if not moment.completed:
        lines.append(_("Not finished"))
    if moment.finished_at:
        lines.append(_("Finished {when}").format(when=_when(moment.finished_at, when)))
    if moment.updated_at and moment.updated_at != moment.created_at and moment.updated_at != moment.finished_at:
        lines.append(_("Last changed {when}").format(when=_when(moment.updated_at, when)))
    return lines


def answers(moment: RepairMoment, when: Formatter = plain_when) -> list[tuple[str, str]]:
    """Every part of the moment that holds something, as (label, the person's words or choice)."""
    pairs: list[tuple[str, str]] = []

    def add(label: str, text: str | None) -> None:
        if text:
            pairs.append((label, text))

    notice = moment.notice
    add(_("What happened"), notice.what_happened)
    if notice.intensity is not None:
        add(_("How strong it felt"), _("{n} of 10").format(n=notice.intensity))
    add(_("Feelings"), ", ".join(_label(FEELINGS, key) for key in notice.feelings))
    add(_("Signs of flooding"), ", ".join(_label(FLOODING_SIGNS, key) for key in notice.flood_signs))
    if notice.pulse_bpm is not None:
        add(_("Pulse"), ngettext("{n} beat a minute", "{n} beats a minute", notice.pulse_bpm).format(n=notice.pulse_bpm))
    pause = moment.pause
    if pause.minutes_planned:
        planned = ngettext("{n} minute", "{n} minutes", pause.minutes_planned).format(n=pause.minutes_planned)
        outcome = _(_OUTCOMES[pause.outcome]) if pause.outcome in _OUTCOMES else _("not recorded")
        if pause_rules.was_stopped(pause):
            away = pause_rules.minutes_away(pause)
            outcome = ngettext("stopped after {n} minute", "stopped after {n} minutes", away).format(n=away)
        add(_("Pause"), f"{planned}, {outcome}")
        if pause.started_at:
            add(_("Pause began"), _when(pause.started_at, when))
        if pause.returned_at:
            add(_("Came back"), _when(pause.returned_at, when))
    add(_("What I acknowledged"), moment.acknowledge.text)
    phrase = moment.reach_back.phrase
    group = group_by_key(moment.reach_back.category)
    if phrase and group:
        phrase = f"{phrase} ({_(group.title)})"
    add(_("How I reached back"), phrase)
    if moment.reach_back.when in _WHEN:
        add(_("When I would say it"), _(_WHEN[moment.reach_back.when]))
    if moment.reach_back.remind_at:
        add(_("Reminder"), _when(moment.reach_back.remind_at, when))
    add(_("What they offered"), moment.accept.offered)
    add(_("How it landed"), moment.accept.how_it_landed)
    if moment.accept.intensity is not None:
        add(_("How strong it felt after"), _("{n} of 10").format(n=moment.accept.intensity))
    add(_("Tags"), ", ".join(moment.tags))
    return pairs


# -- Markdown ------------------------------------------------------------------------------

def markdown(moments: Iterable[RepairMoment], when: Formatter = plain_when) -> str:
    """The moments as Markdown: a heading per moment, each answer a labelled quote."""
    chosen = oldest_first(moments)
    lines = [f"# {title()}", ""]
    lines.append(ngettext("{n} moment", "{n} moments", len(chosen)).format(n=len(chosen)))
    for moment in chosen:
        lines += ["", f"## {md_escape(heading(moment, when))}", ""]
        lines += [f"*{md_escape(note)}*\n" for note in notes(moment, when)]
        pairs = answers(moment, when)
        if not pairs:
            lines += [md_escape(_("No words were written for this moment.")), ""]
        for label, text in pairs:
            lines += [f"**{md_escape(label)}**", "", quoted(md_escape(text)), ""]
    return "\n".join(lines).rstrip() + "\n"


_MD_INLINE = re.compile(r"([\\`*_\[\]<>&|~])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])", re.MULTILINE)


def md_escape(text: str) -> str:
    """The person's words with Markdown's marks escaped by a backslash (CommonMark): "<script>"
    shows as written and is never passed through as HTML; a line starting "#" is not a heading.
    Read as plain text it stays close to what was typed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def quoted(text: str) -> str:
    """A block quote, every line of it (a blank line inside stays inside the quote)."""
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


# -- HTML (print and PDF) ------------------------------------------------------------------

def html(moments: Iterable[RepairMoment], when: Formatter = plain_when, accent: str = DEFAULT_ACCENT) -> str:
    """The moments as one HTML page, in the subset Qt's QTextDocument lays out (for print and
    PDF). Every text is escaped; line breaks the person typed are kept."""
    chosen = oldest_first(moments)
    accent = accent if re.fullmatch(r"#[0-9a-fA-F]{6}", accent) else DEFAULT_ACCENT
    out = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8">',
        f"<title>{h_escape(title())}</title>",
        "</head><body>",
        f'<h1 style="{_H1.format(accent=accent)}">{h_escape(title())}</h1>',
        f'<p style="{_COUNT}">{h_escape(ngettext("{n} moment", "{n} moments", len(chosen)).format(n=len(chosen)))}</p>',
    ]
    for moment in chosen:
        out.append(f'<h2 style="{_H2.format(accent=accent)}">{h_escape(heading(moment, when))}</h2>')
        out += [f'<p style="{_NOTE}">{h_escape(note)}</p>' for note in notes(moment, when)]
        pairs = answers(moment, when)
        if not pairs:
            out.append(f'<p style="{_TEXT}">{h_escape(_("No words were written for this moment."))}</p>')
        for label, text in pairs:
            out.append(f'<p style="{_LABEL}">{h_escape(label)}</p>')
            out.append(f'<p style="{_TEXT}">{h_escape(text)}</p>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"


# Inline styles: Qt's text engine applies these reliably (not every selector of a style sheet).
_H1 = "color: {accent}; font-size: 20pt; margin-bottom: 2px;"
_COUNT = "color: #555555; margin-bottom: 6px;"
_H2 = "color: {accent}; font-size: 14pt; margin-top: 22px; margin-bottom: 4px;"
_NOTE = "font-style: italic; color: #555555; margin-top: 0px; margin-bottom: 2px;"
_LABEL = "font-weight: bold; margin-top: 10px; margin-bottom: 2px;"
_TEXT = "margin-top: 0px; margin-bottom: 0px; margin-left: 14px;"


def h_escape(text: str) -> str:
    """Text for HTML: <, >, & and quotes escaped; the person's line breaks kept as <br>."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _html.escape(text, quote=True).replace("\n", "<br>")


def _when(stamp: str, when: Formatter) -> str:
    try:
        return when(clock.from_iso(stamp))
    except (TypeError, ValueError):
        return stamp


def _instant(stamp: str) -> float:
    try:
        return clock.from_iso(stamp).timestamp()
    except (TypeError, ValueError):
        return float("-inf")
