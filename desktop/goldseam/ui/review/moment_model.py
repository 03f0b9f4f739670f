"""Every moment of the look back as list rows, and the rows a search and filters leave.

`MomentListModel` holds one `ReviewEntry` per moment id, newest first, as months arrive from
the loader (an older month lands at the bottom: a cheap append, and rows already shown stay
where they are). `MomentFilterModel` is its own list model over the rows that pass a
`ReviewFilter`, not a QSortFilterProxyModel: that one calls back into Python for every row on
every keystroke; here a keystroke is one list comprehension of substring tests over prepared
texts (core/review_matching.py), then the few runs of rows that went or came are signalled, or
one reset when there are many (both measured in tests/benchmarks/review_bench.py).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from PySide6.QtCore import (QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, QStringListModel, Qt,
                            Signal)

from ...core import clock
from ...core.moment import RepairMoment
from ...core.review_filter import ReviewEntry, ReviewFilter, entry_for
from ...core.review_matching import Matcher, row_changes
from ...i18n import _
from ..home.home_page import describe
from . import moment_words

MOMENT_ROLE = Qt.ItemDataRole.UserRole + 1     # the RepairMoment
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 2      # the ReviewEntry
_LINE_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)
_TAGS_LIMIT = 120           # characters of tags in the one-line text (up to 50 tags may be set)
RUN_LIMIT = 64              # more runs of rows changing than this at once: one reset instead
_ROOT = QModelIndex()

Index = QModelIndex | QPersistentModelIndex


def one_line(moment: RepairMoment) -> str:
    """What the list says of a moment, plain, for the eye and for a screen reader: the home
    screen's line (when, first words, how it felt), what kind of moment, and its tags. In the
    words the painted row uses (moment_words)."""
    parts = [describe(moment)]
    if moment.kind == "repair":
        parts.append(moment_words.kind_words(moment))
        pause = moment_words.pause_words(moment)
        if pause:
            parts.append(pause)     # its own sentence: lowering its first letter is wrong in German
    if moment.tags:
        tags = ", ".join(" ".join(tag.split()) for tag in moment.tags)
        if len(tags) > _TAGS_LIMIT:
            tags = tags[: _TAGS_LIMIT - 1].rstrip() + "…"
        parts.append(_("Tags: {tags}").format(tags=tags))
    return ". ".join(parts)


def _updated(entry: ReviewEntry) -> float:
    try:
        return clock.from_iso(entry.moment.updated_at).timestamp()
    except ValueError:
        return entry.created.timestamp()


class MomentListModel(QAbstractListModel):
    """All loaded moments, newest first by the instant they were created (the same second: by
    id, as `ReviewEntry.sort_key` orders them), one row per id."""

    MOMENT_ROLE = MOMENT_ROLE
    ENTRY_ROLE = ENTRY_ROLE

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._entries: list[ReviewEntry] = []      # row order: newest first
        self._neg_times: list[float] = []          # -created timestamp per row: ascending, for bisect
        self._texts: list[str] = []                # entry.text per row: what a search scans
        self._by_id: dict[str, ReviewEntry] = {}
        self._lines: dict[str, str] = {}           # one_line per id, made when first shown
        self._withheld: set[str] = set()           # ids deleted but not yet written (PendingDeletes)
        self._gone: set[str] = set()               # ids deleted for good since the model was last cleared

    # -- Qt -------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._entries):
            return None
        entry = self._entries[row]
        if role in _LINE_ROLES:
            line = self._lines.get(entry.id)
            if line is None:
                line = self._lines[entry.id] = one_line(entry.moment)
            return line
        if role == MOMENT_ROLE:
            return entry.moment
        if role == ENTRY_ROLE:
            return entry
        return None

    # -- reading --------------------------------------------------------------------------------

    def entry(self, row: int) -> ReviewEntry:
        return self._entries[row]

    def all_entries(self) -> list[ReviewEntry]:
        """Every entry, newest first (a copy)."""
        return list(self._entries)

    def row_of(self, moment_id: str) -> int:
        """The row of a moment, or -1."""
        entry = self._by_id.get(moment_id)
        return -1 if entry is None else self._find(entry)

    def texts(self) -> list[str]:
        """The searchable text of each row, in row order. The model's own list: read, never change."""
        return self._texts

    def entries(self) -> list[ReviewEntry]:
        """The entries in row order. The model's own list: read, never change."""
        return self._entries

    # -- changing -------------------------------------------------------------------------------

    def add_entries(self, entries: list[ReviewEntry]) -> None:
        """Add a batch (a month from the loader, in any order). An id already here is replaced
        only by a copy with a newer `updated_at`; an id being deleted is left out."""
        fresh: dict[str, ReviewEntry] = {}
        for entry in entries:
            key = entry.id
            if key in self._withheld or key in self._gone:
                continue            # being deleted, or deleted after the read that brought it began
            known = fresh.get(key) or self._by_id.get(key)
            if known is not None and _updated(entry) <= _updated(known):
                continue
            if key in self._by_id:
                self._swap(self._by_id[key], entry)
            else:
                fresh[key] = entry
        if fresh:
            self._insert(sorted(fresh.values(), key=ReviewEntry.sort_key, reverse=True))

    def replace(self, moment: RepairMoment) -> None:
        """An edited moment (from the detail pane): its row shows it at once."""
        entry = entry_for(moment)
        known = self._by_id.get(moment.id)
        if known is None:
            self.add_entries([entry])
        else:
            self._swap(known, entry)

    def remove_id(self, moment_id: str) -> ReviewEntry | None:
        entry = self._by_id.get(moment_id)
        if entry is None:
            return None
        row = self._find(entry)
        self.beginRemoveRows(_ROOT, row, row)
        del self._entries[row], self._neg_times[row], self._texts[row]
        del self._by_id[moment_id]
        self.endRemoveRows()
        return entry

    def put_back(self, entry: ReviewEntry) -> None:
        """A removed entry comes back to its place (undo)."""
        self._withheld.discard(entry.id)
        self.add_entries([entry])

    def withhold(self, moment_id: str) -> None:
        """Keep `moment_id` out even if a loader brings it again (it is being deleted)."""
        self._withheld.add(moment_id)

    def release(self, moment_id: str) -> None:
        """The delete reached the disk: a read that began before it may still bring the moment, and
        must not bring it back (a read begun after a clear() no longer holds it)."""
        self._withheld.discard(moment_id)
        self._gone.add(moment_id)

    def clear(self) -> None:
        self.beginResetModel()
        self._entries, self._neg_times, self._texts = [], [], []
        self._by_id.clear()
        self._lines.clear()
        self._gone.clear()
        self.endResetModel()

    # -- inside ---------------------------------------------------------------------------------

    def _find(self, entry: ReviewEntry) -> int:
        at = -entry.created.timestamp()
        for row in range(bisect_left(self._neg_times, at), bisect_right(self._neg_times, at)):
            if self._entries[row].id == entry.id:
                return row
        raise LookupError("entry not in the model")     # only if _by_id and the rows disagree

    def _place(self, entry: ReviewEntry) -> int:
        """The row a new entry goes to (before the first row that sorts after it)."""
        at = -entry.created.timestamp()
        row, end = bisect_left(self._neg_times, at), bisect_right(self._neg_times, at)
        while row < end and self._entries[row].id > entry.id:
            row += 1
        return row

    def _swap(self, old: ReviewEntry, new: ReviewEntry) -> None:
        row = self._find(old)
        self._lines.pop(old.id, None)
        if new.sort_key() == old.sort_key():
            self._entries[row], self._texts[row] = new, new.text
            self._by_id[new.id] = new
            self.dataChanged.emit(self.index(row), self.index(row))
            return
        self.remove_id(old.id)
        self._insert([new])

    def _insert(self, ordered: list[ReviewEntry]) -> None:
        """Insert entries sorted newest first: one signal per run that lands in one place."""
        runs: list[tuple[int, list[ReviewEntry]]] = []
        for entry in ordered:
            row = self._place(entry)
            if runs and runs[-1][0] == row:
                runs[-1][1].append(entry)
            else:
                runs.append((row, [entry]))
        if len(runs) > RUN_LIMIT:
            self.beginResetModel()
            self._put(runs)
            self.endResetModel()
            return
        for row, run in reversed(runs):     # from the bottom: the rows above stay where they were
            self.beginInsertRows(_ROOT, row, row + len(run) - 1)
            self._put([(row, run)])
            self.endInsertRows()

    def _put(self, runs: list[tuple[int, list[ReviewEntry]]]) -> None:
        for row, run in reversed(runs):
            self._entries[row:row] = run
            self._neg_times[row:row] = [-entry.created.timestamp() for entry in run]
            self._texts[row:row] = [entry.text for entry in run]
            for entry in run:
                self._by_id[entry.id] = entry


class MomentFilterModel(QStringListModel):
    """The rows of a MomentListModel that pass a ReviewFilter, in the same order.

    A QStringListModel (its strings stay empty) so the row count lives in C++: QListView calls
    `rowCount()` once per row at every layout, and a Python one cost 35 ms at 10,000 rows (175 ms
    at 50,000) on every keystroke and every month loaded. Rows change by insertRows/removeRows/
    setStringList; `_rows` follows in the first slot their signals reach (connected before any
    view's), so a view's slots see the old rows while they go and the new ones once they came.
    A moment edited while shown stays until the filter changes (it never slips away mid-edit)."""

    counts_changed = Signal(int, int)   # shown, total

    def __init__(self, source: MomentListModel, parent: QObject | None = None):
        super().__init__(parent)
        self._source = source
        self._filter = ReviewFilter()
        self._matcher = Matcher()
        self._rows: list[int] = []          # source rows shown, ascending
        self._change = None                 # applied to _rows when the model says rows changed
        self._counts = (-1, -1)
        self.rowsInserted.connect(self._apply)
        self.rowsRemoved.connect(self._apply)
        self.modelReset.connect(self._apply)
        source.rowsInserted.connect(self._source_inserted)
        source.rowsAboutToBeRemoved.connect(self._source_removing)
        source.rowsRemoved.connect(self._source_removed)
        source.dataChanged.connect(self._source_changed)
        source.modelReset.connect(self._source_reset)
        source.layoutChanged.connect(self._source_reset)
        source.rowsMoved.connect(self._source_reset)
        self._source_reset()

    # -- Qt -------------------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        return self._source.data(self._source.index(self._rows[row]), role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        return False        # moments are edited in the detail pane, through the repository

    # -- the interface ----------------------------------------------------------------------------

    def source_row(self, row: int) -> int:
        return self._rows[row]

    def entry(self, row: int) -> ReviewEntry:
        return self._source.entry(self._rows[row])

    def row_of(self, moment_id: str) -> int:
        """The shown row of a moment, or -1 (not loaded, or filtered out)."""
        source_row = self._source.row_of(moment_id)
        at = bisect_left(self._rows, source_row)
        return at if source_row >= 0 and at < len(self._rows) and self._rows[at] == source_row else -1

    def counts(self) -> tuple[int, int]:
        """(shown, total) now; `counts_changed` says each change after."""
        return len(self._rows), self._source.rowCount()

    def query(self) -> str:
        """The search text, for highlighting (core.moment_search.match_spans)."""
        return self._filter.text

    def set_filter(self, filt: ReviewFilter) -> None:
        self._filter = filt
        rows = self._matcher.find(self._source.entries(), self._source.texts(), filt)
        self._show(rows)

    # -- changing rows ------------------------------------------------------------------------------

    def _apply(self, *args) -> None:
        change, self._change = self._change, None
        if change is not None:
            change()

    def _insert(self, at: int, rows: list[int]) -> None:
        def change() -> None:
            self._rows[at:at] = rows
        self._change = change
        self.insertRows(at, len(rows))

    def _remove(self, begin: int, end: int) -> None:
        def change() -> None:
            del self._rows[begin:end]
        self._change = change
        self.removeRows(begin, end - begin)

    def _reset(self, rows: list[int]) -> None:
        def change() -> None:
            self._rows = rows
        self._change = change
        self.setStringList([""] * len(rows))

    # -- following the source ---------------------------------------------------------------------

    def _accepted(self, first: int, last: int) -> list[int]:
        if self._filter.is_empty():
            return list(range(first, last + 1))
        entries, words = self._source.entries(), self._filter.words()
        return [row for row in range(first, last + 1) if self._filter.accepts(entries[row], words)]

    def _source_inserted(self, parent: Index, first: int, last: int) -> None:
        self._matcher.forget()
        count = last - first + 1
        at = bisect_left(self._rows, first)
        rows = self._rows
        for i in range(at, len(rows)):
            rows[i] += count
        new = self._accepted(first, last)
        if new:
            self._insert(at, new)
        self._emit_counts()

    def _source_removing(self, parent: Index, first: int, last: int) -> None:
        self._matcher.forget()
        begin, end = bisect_left(self._rows, first), bisect_right(self._rows, last)
        if end > begin:
            self._remove(begin, end)

    def _source_removed(self, parent: Index, first: int, last: int) -> None:
        count = last - first + 1
        rows = self._rows
        for i in range(bisect_left(rows, first), len(rows)):
            rows[i] -= count
        self._emit_counts()

    def _source_changed(self, top: Index, bottom: Index, roles: list[int] = ()) -> None:
        self._matcher.forget()
        begin, end = bisect_left(self._rows, top.row()), bisect_right(self._rows, bottom.row())
        if end > begin:
            self.dataChanged.emit(self.index(begin), self.index(end - 1), roles)

    def _source_reset(self, *args) -> None:
        self._matcher.forget()
        self._reset(list(self._matcher.find(self._source.entries(), self._source.texts(), self._filter)))
        self._emit_counts()

    # -- showing a new set of rows ----------------------------------------------------------------

    def _show(self, rows: list[int]) -> None:
        """Go from the rows shown to `rows`: the runs that went, then the runs that came; a
        reset when there are more than RUN_LIMIT runs (each signal costs the view a pass)."""
        old = self._rows
        if rows != old:
            gone, came = row_changes(old, rows)
            if len(gone) + len(came) > RUN_LIMIT:
                self._reset(list(rows))
            else:
                for begin, end in reversed(gone):
                    self._remove(begin, end)
                for begin, end in came:         # top down, at their final places
                    self._insert(begin, rows[begin:end])
        self._emit_counts()

    def _emit_counts(self) -> None:
        counts = (len(self._rows), self._source.rowCount())
        if counts != self._counts:
            self._counts = counts
            self.counts_changed.emit(*counts)
