"""The phrase library for reaching back, in six groups, in our own words."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import N_


@dataclass(frozen=True)
class PhraseGroup:
    key: str
    title: str
    phrases: tuple[str, ...]


PHRASE_GROUPS: tuple[PhraseGroup, ...] = (
    PhraseGroup("feel", N_("I feel \u2026"), (
        N_("I'm feeling a bit lost right now."),
        N_("That stung, and I'd like to tell you why."),
        N_("I'm scared we're drifting apart on this."),
        N_("I feel unheard, and I want to understand you too."),
    )),
    PhraseGroup("sorry", N_("I'm sorry \u2026"), (
        N_("I'm sorry, that came out wrong."),
        N_("I'm sorry I raised my voice."),
        N_("I see my part in this, and I'm sorry."),
        N_("Can I try that again, more gently?"),
    )),
    PhraseGroup("yes", N_("Let's find a yes \u2026"), (
        N_("You have a point there."),
        N_("What part of this can we agree on?"),
        N_("Let's find something we both want."),
        N_("I think we want the same thing underneath."),
    )),
    PhraseGroup("calm", N_("I need to calm down \u2026"), (
        N_("I need a few minutes. I do want to come back to this."),
        N_("Can we slow down a little?"),
        N_("I'm getting overwhelmed. Can we take a break?"),
        N_("Please hold my hand for a moment."),
    )),
    PhraseGroup("reset", N_("Let's stop and reset \u2026"), (
        N_("Can we start over?"),
        N_("Let's pause this and try again later."),
        N_("This is going sideways. Can we reset?"),
        N_("We're on the same team."),
    )),
    PhraseGroup("appreciate", N_("I appreciate \u2026"), (
        N_("Thank you for staying with me in this."),
        N_("I love you, even when we disagree."),
        N_("I know this matters to you."),
        N_("I'm glad we can talk about hard things."),
    )),
)

OWN_CATEGORY = "own"


def group_by_key(key: str | None) -> PhraseGroup | None:
    return next((g for g in PHRASE_GROUPS if g.key == key), None)
