"""The five steps of a repair and what the app asks at each one.

Strings are marked with N_ and translated where they are shown, so a
language change needs no restart of this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import N_


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    question: str
    hint: str
    why: str            # why this step helps, one click away on its page


STEPS: tuple[Step, ...] = (
    Step(
        "notice",
        N_("Notice what happened"),
        N_("Something between you came apart a little. What happened?"),
        N_("A sentence or two is plenty. You can also leave this empty."),
        N_("A rupture is a normal part of being close; what matters is what comes next. Putting what happened "
           "into a few words, and noticing how strong it feels, is already a first turn back toward each other. "
           "If your body is flooded, this is also where you find out that a pause should come first."),
    ),
    Step(
        "pause",
        N_("Take a pause"),
        N_("Does your body need a break before you go on?"),
        N_("If you step away, say when you will come back. Keeping that promise is part of the repair."),
        N_("A flooded body cannot listen or repair yet: the heart races and thinking narrows. Twenty minutes or "
           "more apart, doing something soothing, lets it settle; less than a day keeps it a pause and not a "
           "leaving. Saying when you will come back tells them you are not walking away, and coming back when "
           "you said is itself a repair."),
    ),
    Step(
        "acknowledge",
        N_("Acknowledge your part"),
        N_("What can you own about how this landed for them?"),
        N_("Start with the impact. Reasons and explanations can wait for later."),
        N_("A short, honest word about the impact shows them you see what it was like on their side. It is not "
           "a defence, a full explanation, or saying you were all wrong. Reasons can wait until you feel close "
           "again; heard first, they land as excuses."),
    ),
    Step(
        "reach_back",
        N_("Reach back"),
        N_("Is there a small way to turn back toward each other now?"),
        N_("It does not have to be perfect. Direction matters more than the exact words."),
        N_("Repair is about direction more than precision: one small move from distance back toward contact. "
           "A clumsy phrase said warmly often does more than a perfect one never said. Phrases you keep, and mark "
           "when they land well, slowly become a language the two of you share."),
    ),
    Step(
        "accept",
        N_("Let repair in"),
        N_("Can you accept their attempt, even if it came out imperfectly?"),
        N_("Notice what they offered, and how it feels now."),
        N_("Repair goes both ways: it is also something you allow. Taking an attempt that came out imperfectly "
           "lets the connection return, so the disagreement itself can be talked through later. Noticing how it "
           "feels now shows you what the repair changed."),
    ),
)

STEP_COUNT = len(STEPS)

FEELINGS: tuple[tuple[str, str], ...] = (
    ("hurt", N_("hurt")),
    ("angry", N_("angry")),
    ("scared", N_("scared")),
    ("ashamed", N_("ashamed")),
    ("lonely", N_("lonely")),
    ("overwhelmed", N_("overwhelmed")),
    ("sad", N_("sad")),
    ("numb", N_("numb")),
    ("other", N_("something else")),
)

FLOODING_SIGNS: tuple[tuple[str, str], ...] = (
    ("racing_heart", N_("My heart is racing")),
    ("foggy", N_("I can't think straight")),
    ("fight_or_flee", N_("I want to lash out or get away")),
)

FLOODED_PULSE_BPM = 100


def is_flooded(signs: int, pulse_bpm: int | None) -> bool:
    """Flooded when any sign is present or the pulse is at or above the usual threshold."""
    if signs > 0:
        return True
    return pulse_bpm is not None and pulse_bpm >= FLOODED_PULSE_BPM
