"""The look back's list: every moment once, newest first, narrowed as the person types and
filters; a delete leaves the list at once and reaches the disk only after the undo time.

The list is read as a person sees it: the rows of a QListView over MomentFilterModel, typed
into through a real QLineEdit."""

from __future__ import annotations

import statistics
import time
from datetime import date, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QListView, QVBoxLayout, QWidget

from goldseam.core import clock
from goldseam.core.moment import RepairMoment
from goldseam.core.review_filter import ReviewFilter, entry_for
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.errors import WriteFailed
from goldseam.ui.review.moment_model import (ENTRY_ROLE, MOMENT_ROLE, MomentFilterModel, MomentListModel,
                                             one_line)
from goldseam.ui.review import pending_deletes
from goldseam.ui.review.pending_deletes import PendingDeletes


def moment(what: str, when: str, **fields) -> RepairMoment:
    m = RepairMoment()
    m.completed = fields.pop("completed", True)
    m.kind = fields.pop("kind", "repair")
    m.notice.what_happened = what
    m.notice.intensity = fields.pop("before", 7)
    m.accept.intensity = fields.pop("after", 3)
    m.notice.feelings = fields.pop("feelings", ["hurt"])
    m.tags = fields.pop("tags", [])
    m.created_at = m.updated_at = when
    for name, value in fields.items():
        setattr(m, name, value)
    return m


class ListScreen(QWidget):
    """A search box over the list, as the review screen has them."""

    def __init__(self, model: MomentListModel):
        super().__init__()
        self.model = model
        model.setParent(self)           # gone with the screen, on this thread, as the look back's is
        self.shown = MomentFilterModel(model, self)
        self.search = QLineEdit()
        self.list = QListView()
        self.list.setUniformItemSizes(True)
        self.list.setModel(self.shown)
        self.filter = ReviewFilter()
        self.search.textChanged.connect(self._typed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        self.counts: list[tuple[int, int]] = []
        self.shown.counts_changed.connect(lambda shown, total: self.counts.append((shown, total)))

    def _typed(self, text: str) -> None:
        self.set_filter(text=text)

    def set_filter(self, **changes) -> None:
        from dataclasses import replace
        self.filter = replace(self.filter, **changes)
        self.shown.set_filter(self.filter)

    def lines(self) -> list[str]:
        view_model = self.list.model()
        return [view_model.index(row).data() for row in range(view_model.rowCount())]

    def what(self) -> list[str]:
        """The first words of each row, as read on the screen (the text after the date)."""
        return [line.split(" \u2014 ", 1)[1].split(" (felt", 1)[0].split(". ", 1)[0] for line in self.lines()]


@pytest.fixture
def screen(qtbot):
    def make(moments=()):
        model = MomentListModel()
        if moments:
            model.add_entries([entry_for(m) for m in moments])
        widget = ListScreen(model)
        qtbot.addWidget(widget)
        widget.resize(700, 500)
        widget.show()
        return widget
    return make


def type_text(widget: QWidget, text: str) -> None:
    """Type like a keyboard, one key at a time, non-ASCII included."""
    for char in text:
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, char))
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, 0, Qt.KeyboardModifier.NoModifier, char))


def backspace(qtbot, widget: QWidget, times: int) -> None:
    for _ in range(times):
        qtbot.keyClick(widget, Qt.Key.Key_Backspace)


# -- rows and order -----------------------------------------------------------------------------------


def test_each_month_adds_its_rows_and_the_counts_follow(screen):
    shown = screen()
    shown.model.add_entries([entry_for(moment(f"November {n}", f"2026-11-{n + 1:02d}T20:00:00+00:00"))
                             for n in range(3)])
    assert shown.list.model().rowCount() == 3
    shown.model.add_entries([entry_for(moment(f"October {n}", f"2026-10-{n + 1:02d}T20:00:00+00:00"))
                             for n in range(2)])
    assert shown.list.model().rowCount() == 5
    assert shown.counts[-2:] == [(3, 3), (5, 5)]
    assert shown.what() == ["November 2", "November 1", "November 0", "October 1", "October 0"]


def test_newest_first_by_the_instant_across_months_and_time_zones(screen):
    # The same evening seen from three time zones: the wall-clock times alone would sort them wrong.
    tokyo = moment("Tokyo, latest", "2026-11-01T08:30:00+09:00")          # 23:30 UTC on 31 Oct
    london = moment("London, middle", "2026-10-31T23:00:00+00:00")        # 23:00 UTC
    new_york = moment("New York, earliest", "2026-10-31T18:00:00-04:00")  # 22:00 UTC
    november = moment("November, in Lisbon", "2026-11-01T00:10:00+00:00")
    march = moment("March", "2026-03-29T01:30:00+01:00")
    shown = screen()
    # Months may come in any order (a moment put back, a merge): the list keeps the instants' order.
    shown.model.add_entries([entry_for(march)])
    shown.model.add_entries([entry_for(m) for m in (new_york, tokyo, london)])
    shown.model.add_entries([entry_for(november)])
    assert shown.what() == ["November, in Lisbon", "Tokyo, latest", "London, middle", "New York, earliest", "March"]
    assert [shown.model.row_of(m.id) for m in (november, tokyo, london, new_york, march)] == [0, 1, 2, 3, 4]


def test_moments_of_the_same_second_keep_one_order(screen):
    same = [moment(f"same second {n}", "2026-11-20T21:00:00+00:00") for n in range(5)]
    shown = screen()
    for m in same[::2] + same[1::2]:
        shown.model.add_entries([entry_for(m)])
    expected = sorted(same, key=lambda m: m.id, reverse=True)     # ReviewEntry.sort_key, newest first
    assert [shown.list.model().index(row).data(MOMENT_ROLE).id for row in range(5)] == [m.id for m in expected]


def test_one_row_per_id_and_the_newer_copy_wins(screen):
    first = moment("as first written", "2026-11-10T20:00:00+00:00")
    shown = screen([first])
    older = RepairMoment.from_dict(first.to_dict())
    older.notice.what_happened = "an older copy"
    older.updated_at = "2026-11-09T20:00:00+00:00"
    newer = RepairMoment.from_dict(first.to_dict())
    newer.notice.what_happened = "corrected later"
    newer.updated_at = "2026-11-12T08:00:00+01:00"
    shown.model.add_entries([entry_for(older)])
    assert shown.what() == ["as first written"]
    shown.model.add_entries([entry_for(newer), entry_for(older)])     # both copies in one month
    assert shown.what() == ["corrected later"]
    assert shown.list.model().rowCount() == 1 and shown.shown.counts() == (1, 1)


def test_the_line_says_when_what_how_it_felt_the_kind_and_the_tags():
    repair = moment("We argued about the dishes", "2026-11-20T21:05:00+00:00", tags=["home", "evenings"])
    line = one_line(repair)
    assert "We argued about the dishes" in line and "felt 7 of 10, then 3" in line
    assert "A repair" in line and "Tags: home, evenings" in line
    assert "2026" in line
    open_one = moment("Left for later", "2026-11-20T21:05:00+00:00", completed=False)
    assert "A repair, not finished" in one_line(open_one)
    pause = moment("", "2026-11-20T21:05:00+00:00", kind="pause")
    pause.pause.minutes_planned, pause.pause.outcome = 20, "returned"
    assert "A pause of 20 minutes, you came back" in one_line(pause) and "A repair" not in one_line(pause)


def test_long_texts_and_many_tags_keep_the_line_short():
    long = moment("🙂 Ça a dérapé. " * 2000, "2026-11-20T21:05:00+00:00",
                  tags=[f"tag-{n}-" + "x" * 40 for n in range(50)])
    line = one_line(long)
    assert len(line) < 320 and line.endswith("…")


# -- search and filters -------------------------------------------------------------------------------


def test_search_as_you_type_ignores_accents_and_case(qtbot, screen):
    shown = screen([moment("Un été difficile au café", "2026-08-02T20:00:00+02:00"),
                    moment("ETE plans, CAFE talk", "2026-08-01T20:00:00+02:00"),
                    moment("Winter walk", "2026-01-05T20:00:00+01:00")])
    shown.search.setFocus()
    type_text(shown.search, "été")
    assert shown.what() == ["Un été difficile au café", "ETE plans, CAFE talk"]
    backspace(qtbot, shown.search, 3)
    type_text(shown.search, "Café ÉTÉ")          # every word, in any order, any field
    assert shown.what() == ["Un été difficile au café", "ETE plans, CAFE talk"]
    assert shown.shown.query() == "Café ÉTÉ"
    backspace(qtbot, shown.search, 8)
    assert len(shown.what()) == 3 and shown.counts[-1] == (3, 3)


def test_narrowing_then_widening_the_query_finds_the_same_rows(qtbot, screen):
    texts = ["holidays at home", "a holiday", "hold on", "hollow evening", "nothing like it"]
    shown = screen([moment(t, f"2026-11-{n + 1:02d}T20:00:00+00:00") for n, t in enumerate(texts)])
    seen = {}
    for step in "holiday":
        type_text(shown.search, step)
        seen[shown.search.text()] = shown.what()
    assert seen["hol"] == ["hollow evening", "hold on", "a holiday", "holidays at home"]
    assert seen["holiday"] == ["a holiday", "holidays at home"]
    backspace(qtbot, shown.search, 4)
    assert shown.what() == seen["hol"]
    type_text(shown.search, "d ")                # "hold ": narrower again, from the wider rows
    assert shown.what() == ["hold on"]
    assert shown.counts[-1] == (1, 5)


def test_the_search_reaches_every_field(screen):
    m = moment("nothing here", "2026-11-01T20:00:00+00:00", tags=["Sunday"])
    m.acknowledge.text = "I was sharp"
    m.reach_back.phrase = "Can we start over?"
    m.accept.offered = "tea"
    m.accept.how_it_landed = "It softened things"
    shown = screen([m, moment("other", "2026-10-01T20:00:00+00:00", feelings=["lonely"])])
    for query in ("sharp", "start over", "tea", "softened", "sunday", "hurt"):
        shown.set_filter(text=query)
        assert shown.what() == ["nothing here"], query
    shown.set_filter(text="lonely")
    assert shown.what() == ["other"]


def test_each_filter_narrows_the_list(screen):
    moments = [
        moment("repair done", "2026-11-20T21:00:00+00:00", tags=["home"], feelings=["hurt"]),
        moment("repair open", "2026-11-10T21:00:00+00:00", completed=False, feelings=["lonely"]),
        moment("", "2026-10-30T21:00:00+00:00", kind="pause", tags=["work"]),
        moment("late evening", "2026-10-01T23:30:00-05:00", tags=["work", "home"]),   # 2 Oct in UTC
    ]
    moments[2].pause.minutes_planned = 15
    shown = screen(moments)
    shown.set_filter(kind="pause")
    assert shown.what() == ["A pause of 15 minutes"]
    shown.set_filter(kind=None, completed=False)
    assert shown.what() == ["repair open"]
    shown.set_filter(completed=True, tags=frozenset({"home"}))
    assert shown.what() == ["repair done", "late evening"]
    shown.set_filter(completed=None, tags=frozenset(), feelings=frozenset({"lonely", "hurt"}))
    assert shown.what() == ["repair done", "repair open", "A pause of 15 minutes", "late evening"]    # all feel hurt or lonely
    shown.set_filter(feelings=frozenset({"lonely"}))
    assert shown.what() == ["repair open"]
    shown.set_filter(feelings=frozenset(), date_from=date(2026, 10, 30), date_to=date(2026, 11, 10))
    local_days = {line: entry_for(m).local_day for line, m in zip(
        ["repair done", "repair open", "A pause of 15 minutes", "late evening"], moments)}
    expected = [w for w, day in local_days.items() if date(2026, 10, 30) <= day <= date(2026, 11, 10)]
    assert shown.what() == expected and "repair open" in expected
    shown.set_filter(text="evening", date_from=None, date_to=None, tags=frozenset({"work"}))
    assert shown.what() == ["late evening"]
    shown.set_filter(text="", tags=frozenset())
    assert len(shown.what()) == 4 and shown.counts[-1] == (4, 4)


def test_moments_arriving_while_filtered_are_filtered_as_they_come(screen):
    shown = screen([moment("dishes again", "2026-11-20T21:00:00+00:00")])
    shown.set_filter(text="dishes")
    shown.model.add_entries([entry_for(moment("the dishes, in October", "2026-10-20T21:00:00+00:00")),
                             entry_for(moment("money", "2026-10-10T21:00:00+00:00"))])
    assert shown.what() == ["dishes again", "the dishes, in October"]
    assert shown.counts[-1] == (2, 3)


def test_the_selected_moment_stays_selected_while_the_query_narrows(screen):
    moments = [moment(f"holiday {n}" if n % 2 else f"work {n}", f"2026-11-{n + 1:02d}T20:00:00+00:00")
               for n in range(20)]
    shown = screen(moments)
    target = shown.model.row_of(moments[7].id)
    shown.list.selectionModel().setCurrentIndex(shown.list.model().index(target),
                                                QItemSelectionModel.SelectionFlag.ClearAndSelect)
    shown.set_filter(text="holi")
    current = shown.list.currentIndex()
    assert current.isValid() and current.data(MOMENT_ROLE).id == moments[7].id
    assert shown.list.selectionModel().isSelected(current)


def test_an_edited_moment_shows_at_once_and_stays_while_filtered(screen):
    m = moment("we argued about money", "2026-11-20T21:00:00+00:00")
    shown = screen([m, moment("another", "2026-11-19T21:00:00+00:00")])
    shown.set_filter(text="money")
    edited = RepairMoment.from_dict(m.to_dict())
    edited.notice.what_happened = "we argued about the car"
    edited.touch()
    shown.model.replace(edited)
    assert shown.what() == ["we argued about the car"]      # not snatched away while being corrected
    shown.set_filter(text="money ")
    assert shown.what() == []
    shown.set_filter(text="car")
    assert shown.what() == ["we argued about the car"]


def test_roles_give_the_moment_and_its_entry(screen):
    m = moment("roles", "2026-11-20T21:00:00+00:00")
    shown = screen([m])
    index = shown.list.model().index(0)
    assert index.data(MOMENT_ROLE).id == m.id and index.data(ENTRY_ROLE).id == m.id
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == index.data()
    assert shown.shown.source_row(0) == 0 and shown.shown.entry(0).id == m.id
    assert not shown.list.model().flags(index) & Qt.ItemFlag.ItemIsEditable


def test_a_keystroke_at_ten_thousand_moments_stays_quick(screen):
    start = datetime(2026, 11, 28, 20, 0, tzinfo=timezone.utc)
    words = ["holidays", "dishes", "money", "été", "café", "phone", "mother", "garden"]
    moments = [moment(" ".join(words[(n + k) % len(words)] for k in range(n % 5 + 1)) + f" #{n}",
                      clock.to_iso(start - timedelta(hours=7 * n))) for n in range(10_000)]
    shown = screen(moments)
    took = []
    for text in ("h", "ho", "hol", "holi", "ho", "", "ca", "caf", "cafe", "caf", ""):
        began = time.perf_counter()
        shown.set_filter(text=text)
        shown.list.viewport().repaint()
        took.append(time.perf_counter() - began)
    # The bench holds the 50 ms target; here only a margin against anything growing per row
    # beyond a plain substring test (a Python call per row per view layout was 4× slower).
    assert statistics.median(took) < 0.1


# -- delete with undo ---------------------------------------------------------------------------------


@pytest.fixture
def journal_with(data_dir):
    opened = []

    def make(moments):
        data = DataFolder.open(data_dir)
        opened.append(data)
        for m in moments:
            data.journal.save(m)
        return data
    yield make
    for data in opened:
        data.close()


def on_disk_ids(data_dir) -> set[str]:
    with DataFolder.open(data_dir, read_only=True) as data:
        return {m.id for m in data.journal.all()}


def test_a_delete_leaves_the_list_at_once_and_the_disk_only_after_the_undo_time(qtbot, screen, journal_with,
                                                                               data_dir, monkeypatch):
    now = [1000.0]                                      # the clock the undo time is counted on, the test's
    monkeypatch.setattr(pending_deletes.time, "monotonic", lambda: now[0])
    keep, go = moment("keep", "2026-11-20T21:00:00+00:00"), moment("let go", "2026-11-19T21:00:00+00:00")
    data = journal_with([keep, go])
    shown = screen([keep, go])
    deletes = PendingDeletes(data.journal, shown.model, undo_seconds=10, parent=shown)
    counts = []
    deletes.pending_changed.connect(counts.append)
    assert deletes.delete(go.id)
    assert shown.what() == ["keep"] and counts == [1]
    assert go.id in on_disk_ids(data_dir)              # nothing written yet
    now[0] += 9.9
    deletes._timer.timeout.emit()                       # a timer that fires early writes nothing
    assert counts == [1] and go.id in on_disk_ids(data_dir)
    now[0] += 0.2
    deletes._timer.timeout.emit()
    assert counts[-1] == 0                              # no longer undoable...
    qtbot.waitUntil(lambda: on_disk_ids(data_dir) == {keep.id})  # ...and written, off the GUI thread
    assert shown.what() == ["keep"]
    deletes._timer.stop()


def test_undo_puts_the_last_deleted_back_in_its_place_and_nothing_is_written(qtbot, screen, journal_with,
                                                                             data_dir):
    moments = [moment(f"moment {n}", f"2026-11-{n + 1:02d}T21:00:00+00:00") for n in range(4)]
    data = journal_with(moments)
    shown = screen(moments)
    deletes = PendingDeletes(data.journal, shown.model, undo_seconds=0.3, parent=shown)
    deletes.delete(moments[1].id)
    deletes.delete(moments[2].id)
    assert shown.what() == ["moment 3", "moment 0"]
    assert deletes.undo().id == moments[2].id
    assert shown.what() == ["moment 3", "moment 2", "moment 0"]
    assert deletes.undo().id == moments[1].id and deletes.undo() is None
    qtbot.wait(600)
    assert on_disk_ids(data_dir) == {m.id for m in moments}
    assert len(shown.what()) == 4


def test_flush_writes_every_pending_delete_now(screen, journal_with, data_dir):
    moments = [moment(f"moment {n}", f"2026-11-{n + 1:02d}T21:00:00+00:00") for n in range(3)]
    data = journal_with(moments)
    shown = screen(moments)
    deletes = PendingDeletes(data.journal, shown.model, undo_seconds=600, parent=shown)
    deletes.delete(moments[0].id)
    deletes.delete(moments[2].id)
    deletes.flush()
    assert on_disk_ids(data_dir) == {moments[1].id}
    assert deletes.count() == 0 and deletes.undo() is None


def test_a_reload_while_a_delete_waits_does_not_bring_it_back(screen, journal_with):
    moments = [moment(f"moment {n}", f"2026-11-{n + 1:02d}T21:00:00+00:00") for n in range(3)]
    data = journal_with(moments)
    shown = screen(moments)
    deletes = PendingDeletes(data.journal, shown.model, undo_seconds=600, parent=shown)
    deletes.delete(moments[1].id)
    shown.model.add_entries([entry_for(m) for m in data.journal.moments_of("2026-11")])   # the loader again
    assert shown.what() == ["moment 2", "moment 0"]
    deletes.undo()
    assert shown.what() == ["moment 2", "moment 1", "moment 0"]


def test_a_delete_that_cannot_be_written_comes_back_and_says_so(qtbot, screen, journal_with, data_dir, monkeypatch):
    m = moment("stays", "2026-11-20T21:00:00+00:00")
    data = journal_with([m])
    shown = screen([m])
    deletes = PendingDeletes(data.journal, shown.model, undo_seconds=0.05, parent=shown)
    problem = WriteFailed(data_dir / "journal" / "2026-11-1.json", OSError(28, "No space left on device"))

    def refuse(moment_id):
        raise problem
    monkeypatch.setattr(data.journal, "delete", refuse)
    failures = []
    deletes.failed.connect(failures.append)
    deletes.delete(m.id)
    assert shown.what() == []
    qtbot.waitUntil(lambda: failures == [problem], timeout=3000)
    assert shown.what() == ["stays"] and deletes.count() == 0
    assert on_disk_ids(data_dir) == {m.id}


def test_the_shown_rows_always_match_the_filter_through_any_mix_of_changes(screen):
    """Months arriving in any order, copies, deletes, undos and keystrokes, at random: after each,
    the list shows exactly the moments the filter accepts, newest first, each once."""
    import random
    rng = random.Random(9)
    words = ["tea", "team", "steam", "rain", "brain", "été", "ete", "Café"]
    pool = [moment(" ".join(rng.sample(words, 2)), f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                   f"T{rng.randint(0, 23):02d}:00:00{rng.choice(['+00:00', '+09:00', '-05:00'])}")
            for _ in range(120)]
    shown = screen()
    present: dict[str, RepairMoment] = {}
    queries = ["", "t", "te", "tea", "team", "tea ", "tea r", "ea", "e", "eté", "CAF", "x", ""]
    query = ""
    for step in range(300):
        action = rng.random()
        if action < 0.3:
            batch = rng.sample(pool, rng.randint(1, 15))
            shown.model.add_entries([entry_for(m) for m in batch])
            for m in batch:
                present.setdefault(m.id, m)         # a copy already here, or edited since, is kept
        elif action < 0.45 and present:
            gone = rng.choice(sorted(present))
            assert shown.model.remove_id(gone).id == gone
            del present[gone]
        elif action < 0.55 and present:
            m = present[rng.choice(sorted(present))]
            edited = RepairMoment.from_dict(m.to_dict())
            edited.notice.what_happened += " " + rng.choice(words)
            edited.updated_at = f"2027-01-01T00:00:{step % 60:02d}+00:00"    # as touch() sets it, later
            shown.model.replace(edited)
            present[m.id] = edited
        else:
            query = queries[(queries.index(query) + rng.choice([1, -1])) % len(queries)] if query in queries else ""
            shown.set_filter(text=query)
        expected = sorted((entry_for(m) for m in present.values()), key=lambda e: e.sort_key(), reverse=True)
        assert [shown.model.entry(r).id for r in range(shown.model.rowCount())] == [e.id for e in expected]
        accepted = [e.id for e in expected if ReviewFilter(text=query).accepts(e)]
        view_model = shown.list.model()
        if action < 0.45 or action >= 0.55:     # not an edit (an edited moment stays until the filter changes)
            assert [view_model.index(r).data(MOMENT_ROLE).id for r in range(view_model.rowCount())] == accepted, step
        shown.set_filter(text=query)
        assert [view_model.index(r).data(MOMENT_ROLE).id for r in range(view_model.rowCount())] == accepted, step
