"""What the screens may ask of the journal, whatever keeps it.

The UI holds a `MomentRepository`, never a storage object: storage's `Journal` implements it,
and a test may hand in anything else that does. Every method may be called from a worker
thread (the look back loads and searches off the GUI thread); an implementation serialises
its own calls.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator, Protocol

from .moment import RepairMoment

UNDATED = "undated"     # the month of moments without a readable date: listed after every real month


@dataclass
class OwnPhrase:
    """A repair phrase the person wrote and kept; `lands_well` is theirs to mark."""
    text: str
    category: str | None = None
    lands_well: bool = False
    # the last change (ISO 8601): of two copies from two computers, the later wins; not part of what the phrase is
    updated_at: str | None = field(default=None, compare=False)


@dataclass
class ImportResult:
    """What a merge did: new ids added, ids replaced by a newer copy, ids kept as they were, copies
    kept beside a moment changed at the same time with other words, own phrases that came in (new or newer)."""
    added: int
    updated: int = 0
    unchanged: int = 0
    copies: int = 0
    phrases: int = 0


class MomentRepository(Protocol):
    def months(self) -> list[str]:
        """The months that hold moments, "YYYY-MM" (UTC month of `created_at`), newest first;
        UNDATED last if there is one. Cheap: no moment is read."""

    def moments_of(self, month: str) -> list[RepairMoment]:
        """The readable moments of one month, newest first."""

    def recent(self, limit: int) -> list[RepairMoment]:
        """The newest few readable moments (the home screen)."""

    def get(self, moment_id: str) -> RepairMoment | None:
        ...

    def count_unreadable(self) -> int:
        """How many stored moments this version cannot read (they stay stored, untouched)."""

    def search(self, text: str) -> Iterator[RepairMoment]:
        """Moments with `text` in any of their words (accent- and case-insensitive), newest first."""

    def save(self, moment: RepairMoment) -> bool:
        """Insert, or replace the moment with the same id; True when it was new. Raises
        StorageError, losing nothing."""

    def delete(self, moment_id: str) -> bool:
        """Remove the moment for good; False if there was none."""

    def import_moments(self, moments: Iterable[RepairMoment], phrases: Iterable[OwnPhrase] = ()) -> ImportResult:
        """Merge: a new id is added; an id already here is replaced when the incoming copy has the
        newer `updated_at`, kept when older; at the same time with other words, the incoming copy is
        kept beside it under an id of its own. Own phrases merge by their words, the later change
        winning. All or nothing."""

    def preview_import(self, moments: Iterable[RepairMoment], phrases: Iterable[OwnPhrase] = ()) -> ImportResult:
        """What import_moments would do, changing nothing."""

    def own_phrases(self) -> list[OwnPhrase]:
        ...

    def changes(self) -> int:
        """A count that grows with every change written: a reading made of several calls (an export of
        everything, a month at a time) is whole when the count did not move meanwhile."""

    def keep_phrase(self, phrase: OwnPhrase) -> None:
        """Keep a phrase, or update the one with the same words."""

    def rename_phrase(self, old_text: str, new_text: str) -> None:
        """Change a kept phrase's words (merging into one already kept with the new words)."""

    def forget_phrase(self, text: str) -> None:
        ...
