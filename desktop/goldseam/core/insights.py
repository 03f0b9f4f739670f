"""What has grown: quiet figures over the journal, and the bowl's gold seams.

No scores and no streaks: counts of moments per month, how much the feeling eased, how long a
repair took, pauses where the person came back, the phrases used and the own phrases that land
well. The bowl is derived from the moments alone (the same journal always draws the same
bowl): one seam per finished repair, shaped by its id, so a seam never moves when another
is added.
"""

from __future__ import annotations

import hashlib
import math
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from . import clock, pause as pause_rules
from .moment import RepairMoment
from .repository import OwnPhrase

MAX_SEAMS = 160             # beyond this the bowl is gold enough; older seams only thicken
FULL_CRACKS = 12            # the first repairs cross the bowl from the rim; later ones branch off earlier seams
CAME_BACK = ("returned", "extended")


@dataclass(frozen=True)
class Seam:
    """A crack mended with gold, in the unit square of the bowl's face (0,0 top left)."""
    points: tuple[tuple[float, float], ...]
    width: float                # relative, 1.0 = one repair


@dataclass
class Insights:
    moments: int = 0
    repairs: int = 0                                  # finished repairs
    unfinished: int = 0
    pauses: int = 0                                   # pauses taken, alone or inside a repair
    came_back: int = 0                                # pauses where the person came back (on time or asking for more)
    came_back_later: int = 0
    per_month: list[tuple[str, int]] = field(default_factory=list)     # ("2026-11", n), oldest first, local months
    eased_count: int = 0                              # repairs with a feeling before and after
    eased_average: float | None = None                # notice minus accept, on average (positive: it eased)
    eased_some: int = 0                               # of those, how many eased at all
    repair_minutes_median: float | None = None        # created_at → finished_at
    repair_minutes_count: int = 0
    phrase_groups: list[tuple[str, int]] = field(default_factory=list)   # (group key, times), most first
    own_landing: list[str] = field(default_factory=list)                 # own phrases marked as landing well
    own_kept: int = 0
    first_day: str | None = None                      # local "YYYY-MM-DD" of the first and last moment
    last_day: str | None = None
    seams: list[Seam] = field(default_factory=list)


def compute(moments: list[RepairMoment], phrases: list[OwnPhrase] | None = None) -> Insights:
    found = Insights(moments=len(moments))
    months: Counter = Counter()
    eased: list[int] = []
    minutes: list[float] = []
    groups: Counter = Counter()
    days: list[str] = []
    for moment in moments:
        created = clock.local(clock.from_iso(moment.created_at))
        months[f"{created.year:04d}-{created.month:02d}"] += 1
        days.append(created.date().isoformat())
        if (moment.kind == "pause" or moment.pause.started_at) and not pause_rules.was_stopped(moment.pause):
            found.pauses += 1
            if moment.pause.outcome in CAME_BACK:
                found.came_back += 1
            elif moment.pause.outcome == "missed":
                found.came_back_later += 1
        if moment.kind != "repair":
            continue
        if not moment.completed:
            found.unfinished += 1
            continue
        found.repairs += 1
        if moment.notice.intensity is not None and moment.accept.intensity is not None:
            eased.append(moment.notice.intensity - moment.accept.intensity)
        if moment.finished_at:
            took = clock.from_iso(moment.finished_at) - clock.from_iso(moment.created_at)
            if timedelta(0) <= took <= timedelta(days=30):
                minutes.append(took.total_seconds() / 60)
        if moment.reach_back.category:
            groups[moment.reach_back.category] += 1
    found.per_month = sorted(months.items())
    if eased:
        found.eased_count = len(eased)
        found.eased_average = sum(eased) / len(eased)
        found.eased_some = sum(1 for e in eased if e > 0)
    if minutes:
        found.repair_minutes_count = len(minutes)
        found.repair_minutes_median = statistics.median(minutes)
    found.phrase_groups = sorted(groups.items(), key=lambda pair: (-pair[1], pair[0]))
    phrases = phrases or []
    found.own_kept = len(phrases)
    found.own_landing = [p.text for p in phrases if p.lands_well]
    if days:
        found.first_day, found.last_day = min(days), max(days)
    found.seams = seams_for(moments)
    return found


def last_months(per_month: list[tuple[str, int]], through: str, count: int = 12) -> list[tuple[str, int]]:
    """The `count` months up to `through` ("YYYY-MM"), with 0 for a month without moments."""
    year, month = int(through[:4]), int(through[5:7])
    counts = dict(per_month)
    out = []
    for _ in range(count):
        key = f"{year:04d}-{month:02d}"
        out.append((key, counts.get(key, 0)))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(out))


# -- the bowl --------------------------------------------------------------------------------


def seams_for(moments: list[RepairMoment]) -> list[Seam]:
    """One seam per finished repair, oldest first; past MAX_SEAMS the oldest repairs are folded
    into the oldest seams, which grow a little thicker instead of the bowl growing crowded."""
    repairs = sorted((m for m in moments if m.kind == "repair" and m.completed),
                     key=lambda m: (clock.from_iso(m.created_at), m.id))
    if not repairs:
        return []
    shown = repairs[-MAX_SEAMS:]
    folded = (len(repairs) - len(shown)) / len(shown)      # older repairs per seam shown
    seams: list[Seam] = []
    for n, moment in enumerate(shown):
        age = 1 - n / len(shown)                            # 1 for the oldest seam shown
        weight = folded * age
        points = _path(moment.id) if n < FULL_CRACKS else _branch(moment.id, seams)
        seams.append(Seam(points, round(1.0 + 2.0 * weight / (weight + 4.0), 3)))   # below 3 however long
    return seams


def _branch(moment_id: str, seams: list[Seam]) -> tuple[tuple[float, float], ...]:
    """A short crack from a point of an earlier seam: with many repairs the gold grows into a web
    of joins, as a mended bowl's does, instead of a thicket of long lines from the rim."""
    numbers = _numbers(moment_id.lower())
    parent = seams[int(next(numbers) * min(len(seams), 2 * FULL_CRACKS))].points     # spread along the first seams
    x, y = parent[1 + int(next(numbers) * (len(parent) - 1))]
    points = [(x, y)]
    heading = (next(numbers) - 0.5) * 2.6                   # mostly sideways, a little up or down
    for _ in range(1 + int(next(numbers) * 2)):
        step = 0.035 + next(numbers) * 0.05
        heading += (next(numbers) - 0.5) * 1.2
        x = min(max(x + step * math.cos(heading) * (1 if next(numbers) < 0.5 else -1), 0.08), 0.92)
        y = min(max(y + step * math.sin(heading), 0.34), 0.95)
        points.append((round(x, 4), round(y, 4)))
    return tuple(points)


def _numbers(seed: str):
    """An endless stream of numbers in [0, 1) from `seed`: the same on every computer and every
    run (Python's hash() is salted per process; random's generators may change between versions)."""
    counter = 0
    while True:
        digest = hashlib.sha256(f"{seed}:{counter}".encode("utf-8")).digest()
        for i in range(0, 32, 4):
            yield int.from_bytes(digest[i:i + 4], "big") / 2**32
        counter += 1


def _path(moment_id: str) -> tuple[tuple[float, float], ...]:
    """A crack from the front of the rim down across the bowl: 3 to 6 straight runs that turn
    sharply, as ceramic breaks (the bowl's face: rim ellipse centred at (0.5, 0.32), 0.44 by 0.07)."""
    numbers = _numbers(moment_id.lower())
    x = 0.12 + 0.76 * next(numbers)
    y = 0.32 + 0.07 * (1 - ((x - 0.5) / 0.44) ** 2) ** 0.5
    points = [(round(x, 4), round(y, 4))]
    runs = 3 + int(next(numbers) * 4)
    lean = (0.5 - x) * 0.25 + (next(numbers) - 0.5) * 0.1      # toward the middle, more or less
    for _ in range(runs):
        x += lean + (next(numbers) - 0.5) * 0.16
        y += 0.06 + next(numbers) * 0.09
        x = min(max(x, 0.08), 0.92)
        y = min(y, 0.95)
        points.append((round(x, 4), round(y, 4)))
    return tuple(points)
