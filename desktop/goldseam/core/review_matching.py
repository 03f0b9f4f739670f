"""Which entries a filter keeps, fast enough to run on every keystroke.

`ReviewFilter.accepts` is the rule; this module only avoids work: the part of a filter that
is not its text (dates, tags, feelings, kind, completed) is checked once and remembered while
the person types, and a query that only narrows the last one (a letter added) is looked for
among the entries the last one kept, not among all of them. Plain substring tests over the
prepared, folded texts; no Qt, so it can be measured and tested on its own.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from .review_filter import ReviewEntry, ReviewFilter


def narrows(old_words: list[str], new_words: list[str]) -> bool:
    """True when every text holding all `new_words` surely holds all `old_words` too: each old
    word is part of some new word ("hol" → "holi", or a word added)."""
    return all(any(old in new for new in new_words) for old in old_words)


def text_matches(texts: Sequence[str], candidates: Sequence[int], words: list[str]) -> list[int]:
    """The candidates (indices into `texts`) whose text holds every word, in their order."""
    if not words:
        return list(candidates)
    if len(words) == 1:
        word = words[0]
        return [i for i in candidates if word in texts[i]]
    first, rest = words[0], words[1:]
    return [i for i in candidates if first in texts[i] and all(w in texts[i] for w in rest)]


class Matcher:
    """Keeps what the last filter found so the next keystroke does less.

    Indices are positions in the sequence of entries handed to `find`; the caller starts over
    (`forget`) whenever that sequence changes other than by the filter."""

    def __init__(self) -> None:
        self._rest: ReviewFilter | None = None      # the filter without its text
        self._rest_kept: list[int] | None = None    # what `_rest` keeps (None: everything)
        self._words: list[str] | None = None
        self._kept: list[int] = []

    def forget(self) -> None:
        self._rest = None
        self._rest_kept = None
        self._words = None
        self._kept = []

    def find(self, entries: Sequence[ReviewEntry], texts: Sequence[str], filt: ReviewFilter) -> list[int]:
        """Indices of the entries `filt` accepts, ascending. `texts[i]` is `entries[i].text`."""
        rest = replace(filt, text="")
        words = filt.words()
        if rest != self._rest:
            self._rest = rest
            self._rest_kept = (None if rest.is_empty()
                               else [i for i, entry in enumerate(entries) if rest.accepts(entry, [])])
            self._words = None
        if self._words is not None and narrows(self._words, words):
            candidates: Sequence[int] = self._kept
        else:
            candidates = range(len(entries)) if self._rest_kept is None else self._rest_kept
        self._kept = text_matches(texts, candidates, words)
        self._words = words
        return self._kept


def row_changes(old: list[int], new: list[int]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """From the rows shown (`old`) to `new` (both ascending): the runs of positions in `old` that
    go, and the runs of positions in `new` that come, as (begin, end) pairs, so a list view is
    told a few ranges instead of a row at a time."""
    new_set, old_set = set(new), set(old)
    return (_runs([i for i, row in enumerate(old) if row not in new_set]),
            _runs([i for i, row in enumerate(new) if row not in old_set]))


def _runs(positions: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for at in positions:
        if runs and runs[-1][1] == at:
            runs[-1] = (runs[-1][0], at + 1)
        else:
            runs.append((at, at + 1))
    return runs
