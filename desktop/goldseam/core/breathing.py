"""Breathing patterns and the clock math of a breathing session.

Nothing here counts ticks: `phase_at(elapsed)` answers from the seconds since the start,
so a guide that asks the clock every frame never drifts, after a minute or after ten
hours. A session of N minutes ends at the end of the last whole breath that fits in
those minutes (at least one breath): it never stops mid-breath and never runs over.
Pausing: `Session` takes the clock reading as an argument and subtracts paused time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable

from ..i18n import N_, _, decimal

KINDS = ("in", "hold", "out", "rest")
WORDS = {"in": N_("Breathe in"), "hold": N_("Hold"), "out": N_("Breathe out"), "rest": N_("Rest")}
MORE_IN = N_("And a little more in")
SOUNDS = ("off", "phases", "end")

MAX_PHASE_SECONDS = 60
MIN_PHASE_SECONDS = 0.5
MAX_PHASES = 8
MAX_NAME_LENGTH = 40
MAX_OWN_PATTERNS = 100
MIN_MINUTES, MAX_MINUTES, DEFAULT_MINUTES = 1, 60, 2
DEFAULT_PATTERN = "coherent"
OWN_PREFIX = "own:"


@dataclass(frozen=True)
class Phase:
    kind: str
    seconds: float
    word: str = ""          # an untranslated word of its own, for the sigh's second in-breath

    def label(self) -> str:
        return _(self.word or WORDS[self.kind])


@dataclass(frozen=True)
class PhaseState:
    """Where a breath is at one moment: the phase, its time left, and how full the lungs are."""
    index: int              # which phase of the pattern
    phase: Phase
    seconds_left: float
    progress: float         # 0 at the phase's start, 1 at its end
    breath: int             # 1 for the first breath (cycle)
    level_from: float       # fullness at the phase's start (0 small, 1 full)
    level_to: float         # and at its end

    @property
    def kind(self) -> str:
        return self.phase.kind

    @property
    def word(self) -> str:
        return self.phase.label()

    def whole_seconds_left(self) -> int:
        """What the screen counts down: 4, 3, 2, 1 (never 0 while a phase lasts)."""
        return max(1, math.ceil(self.seconds_left - 1e-9))

    def level(self) -> float:
        """How full, eased in and out like a breath (a sine), so nothing starts or stops with a jerk."""
        return self.level_from + (self.level_to - self.level_from) * ease_in_out_sine(self.progress)


def ease_in_out_sine(t: float) -> float:
    t = min(1.0, max(0.0, t))
    return (1 - math.cos(math.pi * t)) / 2


@dataclass(frozen=True)
class BreathingPattern:
    key: str
    name: str               # untranslated for the built-ins, the person's own words for theirs
    phases: tuple[Phase, ...]
    own: bool = False

    @property
    def cycle_seconds(self) -> float:
        return sum(phase.seconds for phase in self.phases)

    def title(self) -> str:
        return self.name if self.own else _(self.name)

    def summary(self) -> str:
        """The phases in a few words: "in 4 s, hold 7 s, out 8 s"."""
        return ", ".join(_("{word} {seconds} s").format(word=_(_SHORT[p.kind]), seconds=_number(p.seconds))
                         for p in self.phases)

    def phase_at(self, elapsed: float) -> PhaseState:
        """The phase `elapsed` seconds after the start; a phase runs from its start up to,
        not including, its end, so a boundary belongs to the phase that begins there."""
        elapsed = max(0.0, float(elapsed))
        cycles, within = divmod(elapsed, self.cycle_seconds)
        return self._state(int(cycles), within)

    def end_state(self, breaths: int) -> PhaseState:
        """The last moment of breath `breaths`: the last phase, fully done."""
        last = len(self.phases) - 1
        start, level_from, level_to = self._starts()[last]
        return PhaseState(last, self.phases[last], 0.0, 1.0, breaths, level_from, level_to)

    def _state(self, cycles: int, within: float) -> PhaseState:
        for index, (start, level_from, level_to) in enumerate(self._starts()):
            phase = self.phases[index]
            if within < start + phase.seconds or index == len(self.phases) - 1:
                into = min(phase.seconds, within - start)
                return PhaseState(index, phase, phase.seconds - into, into / phase.seconds,
                                  cycles + 1, level_from, level_to)
        raise AssertionError("a pattern has phases")

    def _starts(self) -> list[tuple[float, float, float]]:
        """Per phase: its start within the cycle and the fullness it goes from and to.
        Consecutive in-breaths share the rise (the sigh's long sip, then a short one)."""
        moving = [p for p in self.phases if p.kind in ("in", "out")]
        level = 1.0 if moving and moving[-1].kind == "in" else 0.0
        starts, start = [], 0.0
        for index, phase in enumerate(self.phases):
            target = level
            if phase.kind in ("in", "out"):
                run = [phase]
                for later in self.phases[index + 1:]:
                    if later.kind != phase.kind:
                        break
                    run.append(later)
                goal = 1.0 if phase.kind == "in" else 0.0
                target = level + (goal - level) * phase.seconds / sum(p.seconds for p in run)
            starts.append((start, level, target))
            start += phase.seconds
            level = target
        return starts


_SHORT = {"in": N_("in"), "hold": N_("hold"), "out": N_("out"), "rest": N_("rest")}


def _number(seconds: float) -> str:
    return decimal(seconds)


def _p(*pairs) -> tuple[Phase, ...]:
    return tuple(Phase(kind, float(seconds), *word) for kind, seconds, *word in pairs)


BUILT_IN: tuple[BreathingPattern, ...] = (
    BreathingPattern("coherent", N_("Slow and even"), _p(("in", 5.5), ("out", 5.5))),
    BreathingPattern("box", N_("Box breathing"), _p(("in", 4), ("hold", 4), ("out", 4), ("rest", 4))),
    BreathingPattern("4-7-8", N_("4-7-8 breathing"), _p(("in", 4), ("hold", 7), ("out", 8))),
    BreathingPattern("sigh", N_("A long sigh"), _p(("in", 2), ("in", 1, MORE_IN), ("out", 6))),
)


class PatternError(ValueError):
    """A pattern the person wrote cannot be kept; `.message` says why, in their language."""

    def __init__(self, problems: list[str]):
        super().__init__(problems[0])
        self.problems = problems
        self.message = " ".join(problems)


def problems(name, phases, taken_names: Iterable[str] = ()) -> list[str]:
    """Everything wrong with a pattern called `name` with `phases` ((kind, seconds) pairs,
    0 seconds meaning no such phase), beside the names in `taken_names`; [] when it is fine."""
    found = []
    taken_names = list(taken_names)
    if len(taken_names) >= MAX_OWN_PATTERNS:
        found.append(_("You have {limit} patterns of your own; change or remove one to make room.").format(
            limit=MAX_OWN_PATTERNS))
    clean = name.strip() if isinstance(name, str) else ""
    if not clean:
        found.append(_("Give your pattern a name."))
    elif len(clean) > MAX_NAME_LENGTH:
        found.append(_("Keep the name to {limit} characters or fewer.").format(limit=MAX_NAME_LENGTH))
    elif clean.casefold() in {n.strip().casefold() for n in taken_names} | _built_in_titles():
        found.append(_("There is already a pattern called \u201c{name}\u201d.").format(name=clean))
    try:
        pairs = [(kind, seconds) for kind, seconds in phases]
    except (TypeError, ValueError):
        return found + [_("Each phase needs a kind and a number of seconds.")]
    if any(kind not in KINDS for kind, _s in pairs):
        found.append(_("Each phase is breathing in, holding, breathing out or resting."))
    numbers = [s for _k, s in pairs if isinstance(s, (int, float)) and not isinstance(s, bool)]
    if len(numbers) < len(pairs) or any(math.isnan(s) or math.isinf(s) for s in numbers):
        found.append(_("Each phase needs its length in seconds, as a number."))
    if any(s < 0 for s in numbers):
        found.append(_("A phase cannot be shorter than zero seconds."))
    if any(s > MAX_PHASE_SECONDS for s in numbers):
        found.append(_("Keep each phase to {limit} seconds or less.").format(limit=MAX_PHASE_SECONDS))
    if any(0 < s < MIN_PHASE_SECONDS for s in numbers):
        found.append(_("A phase needs at least half a second."))
    kept = [(k, s) for k, s in pairs if s in numbers and s > 0]
    if numbers and sum(s for s in numbers if s > 0) <= 0:
        found.append(_("Give at least one phase some seconds."))
    elif len(kept) > MAX_PHASES:
        found.append(_("Up to {limit} phases keep a breath easy to follow.").format(limit=MAX_PHASES))
    if kept and not ({"in", "out"} <= {k for k, _s in kept}):
        found.append(_("A breath needs some time breathing in and some time breathing out."))
    return found


def own_pattern(name, phases, taken_names: Iterable[str] = ()) -> BreathingPattern:
    """The person's own pattern, or PatternError with every problem; 0-second phases are left out."""
    found = problems(name, phases, taken_names)
    if found:
        raise PatternError(found)
    clean = name.strip()
    kept = _p(*((kind, seconds) for kind, seconds in phases if seconds > 0))
    return BreathingPattern(OWN_PREFIX + clean, clean, kept, own=True)


def _built_in_titles() -> set[str]:
    return {p.title().casefold() for p in BUILT_IN} | {p.name.casefold() for p in BUILT_IN}


@dataclass
class Session:
    """One sitting: a pattern for N breaths, or for the whole breaths that fit in N minutes.
    Every method takes the clock's reading (seconds, monotonic), so this stays pure."""
    pattern: BreathingPattern
    started_at: float
    minutes: float | None = None
    breaths: int | None = None
    paused_at: float | None = None
    paused_for: float = 0.0

    def __post_init__(self):
        if self.breaths is None:
            minutes = DEFAULT_MINUTES if self.minutes is None else self.minutes
            self.breaths = max(1, math.floor(minutes * 60 / self.pattern.cycle_seconds + 1e-9))
        self.breaths = max(1, int(self.breaths))

    @property
    def seconds(self) -> float:
        return self.breaths * self.pattern.cycle_seconds

    def elapsed(self, now: float) -> float:
        until = self.paused_at if self.paused_at is not None else now
        return min(self.seconds, max(0.0, until - self.started_at - self.paused_for))

    def is_paused(self) -> bool:
        return self.paused_at is not None

    def pause(self, now: float) -> None:
        if self.paused_at is None:
            self.paused_at = now

    def resume(self, now: float) -> None:
        if self.paused_at is not None:
            self.paused_for += max(0.0, now - self.paused_at)
            self.paused_at = None

    def is_finished(self, now: float) -> bool:
        return self.elapsed(now) >= self.seconds

    def state(self, now: float) -> PhaseState:
        if self.is_finished(now):
            return self.pattern.end_state(self.breaths)
        return self.pattern.phase_at(self.elapsed(now))


@dataclass
class BreathingPreferences:
    """The guide's choices, kept in settings.json under "breathing" (never private text)."""
    pattern: str = DEFAULT_PATTERN
    minutes: int = DEFAULT_MINUTES
    sound: str = "off"
    spoken_cues: bool = False
    reduced_motion: bool = False
    own_patterns: list[BreathingPattern] = field(default_factory=list)

    def patterns(self) -> list[BreathingPattern]:
        return list(BUILT_IN) + list(self.own_patterns)

    def chosen(self) -> BreathingPattern:
        return next((p for p in self.patterns() if p.key == self.pattern), BUILT_IN[0])

    def to_dict(self) -> dict:
        return {"pattern": self.pattern, "minutes": self.minutes, "sound": self.sound,
                "spoken_cues": self.spoken_cues, "reduced_motion": self.reduced_motion,
                "own_patterns": [{"name": p.name, "phases": [{"kind": f.kind, "seconds": f.seconds}
                                                             for f in p.phases]} for p in self.own_patterns]}

    @classmethod
    def from_dict(cls, data) -> BreathingPreferences:
        """Whatever was stored: what makes sense is kept, anything else falls back to the default."""
        prefs = cls()
        if not isinstance(data, dict):
            return prefs
        stored = data.get("own_patterns") if isinstance(data.get("own_patterns"), list) else []
        for entry in stored[:MAX_OWN_PATTERNS * 2]:    # a hand-made file of 10,000 froze the window
            if len(prefs.own_patterns) >= MAX_OWN_PATTERNS:
                break
            try:
                phases = [(f["kind"], f["seconds"]) for f in entry["phases"]]
                prefs.own_patterns.append(own_pattern(entry["name"], phases,
                                                      [p.name for p in prefs.own_patterns]))
            except (PatternError, TypeError, KeyError, AttributeError):
                continue
        minutes = data.get("minutes")
        if isinstance(minutes, (int, float)) and not isinstance(minutes, bool) and \
                MIN_MINUTES <= minutes <= MAX_MINUTES:
            prefs.minutes = int(minutes)
        if data.get("sound") in SOUNDS:
            prefs.sound = data["sound"]
        for flag in ("spoken_cues", "reduced_motion"):
            if isinstance(data.get(flag), bool):
                setattr(prefs, flag, data[flag])
        if any(p.key == data.get("pattern") for p in prefs.patterns()):
            prefs.pattern = data["pattern"]
        return prefs
