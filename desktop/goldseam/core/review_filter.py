"""What the look back shows: one entry per moment, and the filter a person sets over them.

Entries are built off the GUI thread (the folding of every text is the costly part), so a
keystroke in the search box only compares prepared strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from . import clock
from .moment import RepairMoment
from .moment_search import matches, query_words, searchable_text


@dataclass
class ReviewEntry:
    moment: RepairMoment
    text: str                   # searchable_text(moment): folded words of every field
    created: datetime           # created_at, aware
    local_day: date             # the day it was, in the computer's time zone (what filters use)

    @property
    def id(self) -> str:
        return self.moment.id

    def sort_key(self) -> tuple:
        """Newest first when sorted in reverse: by instant, then id for the same second."""
        return (self.created.timestamp(), self.moment.id)


def entry_for(moment: RepairMoment) -> ReviewEntry:
    created = clock.from_iso(moment.created_at)
    return ReviewEntry(moment, searchable_text(moment), created, clock.local(created).date())


@dataclass
class ReviewFilter:
    """Empty fields filter nothing. Feelings and tags: a moment shows if it has any one chosen."""
    text: str = ""
    date_from: date | None = None
    date_to: date | None = None
    tags: frozenset[str] = field(default_factory=frozenset)
    feelings: frozenset[str] = field(default_factory=frozenset)
    completed: bool | None = None
    kind: str | None = None

    def is_empty(self) -> bool:
        return self == ReviewFilter()

    def words(self) -> list[str]:
        return query_words(self.text)

    def accepts(self, entry: ReviewEntry, words: list[str] | None = None) -> bool:
        """`words`: query_words(self.text), computed once per keystroke by the caller."""
        moment = entry.moment
        if self.kind is not None and moment.kind != self.kind:
            return False
        if self.completed is not None and moment.completed != self.completed:
            return False
        if self.date_from is not None and entry.local_day < self.date_from:
            return False
        if self.date_to is not None and entry.local_day > self.date_to:
            return False
        if self.tags and not self.tags.intersection(moment.tags):
            return False
        if self.feelings and not self.feelings.intersection(moment.notice.feelings):
            return False
        return matches(self.words() if words is None else words, entry.text)
