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

MAIN_CRACKS = 5             # the first repairs: long cracks from the rim
MAX_BRANCHES = 20           # the next ones branch off them; past these, the gold grows fuller, not busier
REPAIRS_PER_SHARD = 150     # and with many, a shard at a crack's top is laid in gold whole
MAX_SHARDS = 5
CRACK_PLACES = (0.0, -0.55, 0.5, -0.25, 0.75)      # across the bowl's front, the first crack in the middle
CRACK_STEPS = 16
BRANCH_STEPS = 6
RIM_Y, RIM_RX, RIM_RY, FOOT_Y = 0.32, 0.44, 0.07, 0.94     # the bowl's face, as bowl_widget draws it
CAME_BACK = ("returned", "extended")


@dataclass(frozen=True)
class Seam:
    """A crack mended with gold, in the unit square of the bowl's face (0,0 top left)."""
    points: tuple[tuple[float, float], ...]
    width: float                # relative, 1.0 = a fine line
    filled: bool = False        # a shard laid in gold whole (points: its outline)


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
    """The bowl's gold for the finished repairs, oldest first, as a mended bowl looks: the first
    repairs are a few long cracks from the rim down the bowl's face, the next ones branch off
    them, and past those the gold only grows fuller (seams thicker, then whole shards laid in
    gold at the rim) instead of the bowl filling with lines. A seam, once drawn, never moves."""
    repairs = sorted((m for m in moments if m.kind == "repair" and m.completed),
                     key=lambda m: (clock.from_iso(m.created_at), m.id))
    if not repairs:
        return []
    shown = repairs[:MAIN_CRACKS + MAX_BRANCHES]
    folded = len(repairs) - len(shown)
    fuller = 1.0 + min(1.2, 0.3 * math.log2(1 + folded / len(shown)))      # 1 up to 100 repairs or so
    seams: list[Seam] = []
    for n, moment in enumerate(shown):
        if n < MAIN_CRACKS:
            seams.append(Seam(_crack(moment.id, n), round(1.6 * fuller, 3)))
        else:
            seams.append(Seam(_branch(moment.id, seams), round(0.9 * fuller, 3)))
    for n in range(min(MAX_SHARDS, folded // REPAIRS_PER_SHARD)):
        seams.append(Seam(_shard(seams[n % min(MAIN_CRACKS, len(seams))].points, repairs[len(shown) + n].id),
                          1.0, filled=True))
    return seams


def _half_width(y: float) -> float:
    """Half the width of the bowl's face at height `y` (the rim at 0.32, the foot at 0.94)."""
    depth = min(max((y - RIM_Y) / (FOOT_Y - RIM_Y), 0.0), 1.0)
    return max(0.07, RIM_RX * (1 - depth ** 2.4) ** 0.5)


def _inside(x: float, y: float, margin: float = 0.025) -> tuple[float, float]:
    y = min(max(y, RIM_Y + 0.02), FOOT_Y - 0.03)
    room = _half_width(y) - margin
    return round(min(max(x, 0.5 - room), 0.5 + room), 4), round(y, 4)


def _crack(moment_id: str, n: int) -> tuple[tuple[float, float], ...]:
    """A long crack from the front of the rim down the bowl's face, along its curve: it leans
    toward the foot as the bowl narrows, wanders a little and turns where ceramic turns."""
    numbers = _numbers(moment_id.lower())
    across = CRACK_PLACES[n % len(CRACK_PLACES)] + (next(numbers) - 0.5) * 0.16      # -1 left .. 1 right
    rim_y = RIM_Y + RIM_RY * (1 - min(across ** 2, 1.0)) ** 0.5
    end_y = rim_y + (FOOT_Y - rim_y) * (0.45 + 0.4 * next(numbers))
    phases = (next(numbers) * math.tau, next(numbers) * math.tau)
    kinks = sorted((0.2 + 0.6 * next(numbers), (next(numbers) - 0.5) * 0.22) for _ in range(2))
    points = []
    for step in range(CRACK_STEPS + 1):
        t = step / CRACK_STEPS
        y = rim_y + (end_y - rim_y) * t
        u = across * (1 - 0.3 * t) + 0.035 * math.sin(phases[0] + 4 * t) + 0.01 * math.sin(phases[1] + 13 * t)
        u += sum(turn for at, turn in kinks if t >= at)
        points.append(_inside(0.5 + u * _half_width(y), y))
    return tuple(points)


def _branch(moment_id: str, seams: list[Seam]) -> tuple[tuple[float, float], ...]:
    """A shorter crack off an earlier one, leaving it at a slant and curving as it goes, as the
    fine cracks of a mended bowl leave its long ones."""
    numbers = _numbers(moment_id.lower())
    lines = [seam for seam in seams if not seam.filled]
    parent = lines[int(next(numbers) * min(len(lines), MAIN_CRACKS + len(lines) // 3))].points
    at = 1 + int(next(numbers) * (len(parent) - 2))
    (x, y), (nx, ny) = parent[at], parent[min(at + 1, len(parent) - 1)]
    heading = math.atan2(ny - y, nx - x) + (1 if next(numbers) < 0.5 else -1) * (0.6 + 0.7 * next(numbers))
    bend = (0.5 + next(numbers)) * (1 if next(numbers) < 0.5 else -1)     # each one curves
    length = 0.035 + 0.06 * next(numbers)
    points = [(x, y)]
    for _step in range(BRANCH_STEPS):
        heading += bend / BRANCH_STEPS
        x += length / BRANCH_STEPS * math.cos(heading)
        y += length / BRANCH_STEPS * math.sin(heading)
        points.append(_inside(x, y))
    return tuple(points)


def _shard(crack: tuple[tuple[float, float], ...], moment_id: str) -> tuple[tuple[float, float], ...]:
    """A small piece of the rim where a crack begins, laid in gold whole: what a long-mended
    bowl shows where it broke most often. Its top follows the rim."""
    numbers = _numbers(moment_id.lower())
    x = crack[0][0]
    wide, deep = 0.025 + 0.02 * next(numbers), 0.03 + 0.025 * next(numbers)

    def rim(at: float) -> float:
        across = min(abs(at - 0.5) / RIM_RX, 1.0)
        return RIM_Y + RIM_RY * (1 - across ** 2) ** 0.5

    top = [(x + wide * k / 3, rim(x + wide * k / 3)) for k in range(-3, 4)]
    bottom = [(x + wide * 0.7, rim(x + wide) + deep * (0.6 + 0.3 * next(numbers))),
              (x + wide * 0.1 * (next(numbers) - 0.5), rim(x) + deep),
              (x - wide * 0.8, rim(x - wide) + deep * (0.5 + 0.3 * next(numbers)))]
    return tuple((round(px, 4), round(py, 4)) for px, py in top + bottom)


def _numbers(seed: str):
    """An endless stream of numbers in [0, 1) from `seed`: the same on every computer and every
    run (Python's hash() is salted per process; random's generators may change between versions)."""
    counter = 0
    while True:
        digest = hashlib.sha256(f"{seed}:{counter}".encode("utf-8")).digest()
        for i in range(0, 32, 4):
            yield int.from_bytes(digest[i:i + 4], "big") / 2**32
        counter += 1


