"""Gentle, private wording nudges for the acknowledgement.

Rule based and local: a few patterns that usually pull a sentence away from
impact and toward defending or blaming. A nudge never blocks anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..i18n import N_


@dataclass(frozen=True)
class Nudge:
    key: str
    message: str   # untranslated source string; translate where shown
    sentence: str  # the sentence it is about: a dismissal quiets every nudge on it


_RULES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        "always_never",
        re.compile(r"\byou\s+(always|never)\b", re.IGNORECASE),
        N_("\u201cAlways\u201d and \u201cnever\u201d can sound like a verdict. Could you name this one moment instead?"),
    ),
    (
        "only",
        re.compile(r"\bI\s+was\s+(only|just)\b", re.IGNORECASE),
        N_("This may read as a reason. Reasons can come later; for now, how did it land for them?"),
    ),
    (
        "but",
        re.compile(r"\bbut\b", re.IGNORECASE),
        N_("A \u201cbut\u201d can quietly cancel what comes before it. Try letting the first part stand on its own."),
    ),
    (
        "you_made_me",
        re.compile(r"\byou\s+made\s+me\b", re.IGNORECASE),
        N_("This puts the weight on them. What part of it is yours to own?"),
    ),
)


_SENTENCE_END = re.compile(r"(?<=[.!?\u2026\n])\s+|\n")


def sentences(text: str) -> list[str]:
    """The sentences of `text`, trimmed, as a nudge sees them."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def find_nudge(text: str, dismissed: frozenset[str] = frozenset(),
               quiet: frozenset[str] = frozenset()) -> Nudge | None:
    """The first nudge that applies to `text`, sentence by sentence, that has not been
    dismissed, in a sentence that was not quieted by an earlier dismissal."""
    for sentence in sentences(text):
        if sentence in quiet:
            continue
        for key, pattern, message in _RULES:
            if key not in dismissed and pattern.search(sentence):
                return Nudge(key, message, sentence)
    return None


ACKNOWLEDGE_STEMS: tuple[str, ...] = (
    N_("I can see how that felt "),
    N_("I think I missed you when "),
    N_("That came out harsher than I meant. "),
    N_("I understand it hurt when I "),
    N_("My part in this was "),
)
