"""What has grown (issue 9): the arithmetic of core.insights on hand-made journals (empty, one
moment, moments across years and time zones, missing feelings, pauses), and the bowl's seams
the same for the same journal."""

from __future__ import annotations

import math
import time

import pytest

from goldseam.core import insights
from goldseam.core.moment import RepairMoment
from goldseam.core.repository import OwnPhrase


def repair(when: str, before=None, after=None, finished=None, category=None, completed=True, ident=None):
    m = RepairMoment(created_at=when)
    m.notice.intensity, m.accept.intensity = before, after
    m.finished_at = finished
    m.reach_back.category = category
    m.completed = completed
    if ident:
        m.id = ident
    return m


def pause(when: str, outcome: str | None):
    m = RepairMoment(created_at=when, kind="pause", completed=True)
    m.pause.minutes_planned, m.pause.started_at, m.pause.outcome = 20, when, outcome
    return m


@pytest.fixture
def in_berlin(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.delenv("TZ")
    time.tzset()


def test_an_empty_journal_has_nothing_to_count():
    found = insights.compute([], [])
    assert (found.moments, found.repairs, found.pauses) == (0, 0, 0)
    assert found.per_month == [] and found.seams == []
    assert found.eased_average is None and found.repair_minutes_median is None and found.first_day is None


def test_one_moment():
    found = insights.compute([repair("2026-11-20T20:00:00+00:00", 8, 3, "2026-11-20T20:45:00+00:00", "reset")])
    assert (found.moments, found.repairs, found.unfinished) == (1, 1, 0)
    assert found.eased_count == 1 and found.eased_average == 5 and found.eased_some == 1
    assert found.repair_minutes_median == 45
    assert found.phrase_groups == [("reset", 1)]
    assert len(found.seams) == 1


def test_months_are_the_persons_months_across_years(in_berlin):
    moments = [repair("2025-12-31T23:30:00+00:00"),           # already 1 January 2026 in Berlin
               repair("2025-12-15T10:00:00-08:00"),
               repair("2024-02-29T12:00:00+05:30"),
               repair("2026-01-10T09:00:00+01:00")]
    found = insights.compute(moments)
    assert found.per_month == [("2024-02", 1), ("2025-12", 1), ("2026-01", 2)]
    assert (found.first_day, found.last_day) == ("2024-02-29", "2026-01-10")
    twelve = insights.last_months(found.per_month, "2026-01")
    assert len(twelve) == 12 and twelve[0] == ("2025-02", 0) and twelve[-2:] == [("2025-12", 1), ("2026-01", 2)]


def test_easing_counts_only_repairs_with_both_feelings_and_the_middle_time():
    moments = [
        repair("2026-01-01T10:00:00+00:00", 9, 2, "2026-01-01T10:30:00+00:00"),
        repair("2026-01-02T10:00:00+00:00", 6, 6, "2026-01-02T12:00:00+02:00"),    # 0 minutes: offsets differ
        repair("2026-01-03T10:00:00+00:00", 7, None, "2026-01-03T11:30:00+00:00"),
        repair("2026-01-04T10:00:00+00:00", None, 3),                            # no finished_at: not timed
        repair("2026-01-05T10:00:00+00:00", 8, 1, completed=False),              # unfinished: not counted
    ]
    found = insights.compute(moments)
    assert (found.repairs, found.unfinished) == (4, 1)
    assert found.eased_count == 2 and found.eased_average == pytest.approx(3.5) and found.eased_some == 1
    assert found.repair_minutes_count == 3 and found.repair_minutes_median == 30


def test_pauses_where_the_person_came_back():
    moments = [pause("2026-03-01T10:00:00+00:00", "returned"), pause("2026-03-02T10:00:00+00:00", "extended"),
               pause("2026-03-03T10:00:00+00:00", "missed"), pause("2026-03-04T10:00:00+00:00", None)]
    with_pause = repair("2026-03-05T10:00:00+00:00")
    with_pause.pause.started_at, with_pause.pause.outcome = "2026-03-05T10:05:00+00:00", "returned"
    found = insights.compute(moments + [with_pause])
    assert (found.pauses, found.came_back, found.came_back_later) == (5, 3, 1)
    assert found.repairs == 1 and len(found.seams) == 1       # a pause alone draws no seam


def test_phrase_groups_most_used_first_and_own_phrases_that_land():
    moments = [repair(f"2026-04-0{n}T10:00:00+00:00", category=c) for n, c in
               enumerate(["sorry", "reset", "sorry", None, "own"], start=1)]
    phrases = [OwnPhrase("Tea on the balcony?", None, True), OwnPhrase("Do-over?", "reset", False)]
    found = insights.compute(moments, phrases)
    assert found.phrase_groups == [("sorry", 2), ("own", 1), ("reset", 1)]
    assert found.own_landing == ["Tea on the balcony?"] and found.own_kept == 2


def test_the_same_journal_draws_the_same_seams_and_a_new_repair_adds_one():
    ids = ["0b4f6a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a"]
    first = [repair("2026-05-01T10:00:00+00:00", ident=ids[0])]
    seams = insights.seams_for(first)
    assert seams == insights.seams_for([repair("2026-05-01T10:00:00+00:00", ident=ids[0])])
    assert seams[0].points == ((0.4747, 0.39), *seams[0].points[1:])     # fixed for every computer and run
    more = insights.seams_for(first + [repair("2026-06-01T10:00:00+00:00", ident=ids[1])])
    assert len(more) == 2 and more[0] == seams[0] and more[1] != seams[0]
    assert all(0 <= x <= 1 and 0 <= y <= 1 for seam in more for x, y in seam.points)


def test_a_long_history_stays_a_bowl_and_grows_fuller_not_busier():
    """At 212 seams the bowl was a tangle of straw: past the first cracks and their branches a
    longer history only thickens the gold and, later, lays whole shards in gold at the rim."""
    def bowl(count):
        return insights.seams_for([repair(f"20{10 + n // 1000}-{1 + n % 12:02d}-01T10:00:00+00:00")
                                   for n in range(count)])
    lines = insights.MAIN_CRACKS + insights.MAX_BRANCHES
    ten, hundred, thousand = bowl(10), bowl(100), bowl(1000)
    assert len(ten) == 10 and len([s for s in hundred if not s.filled]) == lines
    assert [s for s in thousand if not s.filled] and len([s for s in thousand if not s.filled]) == lines
    assert 1 <= len([s for s in thousand if s.filled]) <= insights.MAX_SHARDS
    assert not [s for s in hundred if s.filled]
    assert ten[0].width < hundred[0].width < thousand[0].width <= 1.6 * 2.2 + 1e-9
    assert all(0 <= x <= 1 and 0 <= y <= 1 for seam in thousand for x, y in seam.points)


def test_the_first_cracks_run_down_from_the_rim_and_later_ones_branch_off_them_short():
    """A few long cracks from the rim down the bowl's face; each later repair a short curved
    crack leaving an earlier one: a web of joins, not a thicket of lines from rim to foot."""
    moments = [repair(f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}T10:00:00+00:00") for n in range(90)]
    seams = insights.seams_for(moments)
    earlier_points = set()
    for n, seam in enumerate(seams):
        length = sum(math.dist(a, b) for a, b in zip(seam.points, seam.points[1:]))
        if n < insights.MAIN_CRACKS:
            x, y = seam.points[0]
            assert abs(y - (insights.RIM_Y + insights.RIM_RY * (1 - ((x - 0.5) / insights.RIM_RX) ** 2) ** 0.5)) < 0.03
            assert seam.points[-1][1] > y + 0.15 and length > 0.2, n        # down the face
        else:
            assert seam.points[0] in earlier_points and length < 0.12, n
        earlier_points.update(seam.points)
    assert all(0 <= x <= 1 and 0 <= y <= 1 for seam in seams for x, y in seam.points)
