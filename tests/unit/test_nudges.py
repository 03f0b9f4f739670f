import pytest

from goldseam.core.nudges import find_nudge


@pytest.mark.parametrize("text, key", [
    ("I'm sorry but you started it", "but"),
    ("You always do this", "always_never"),
    ("you never listen", "always_never"),
    ("I was only trying to help", "only"),
    ("You made me say it", "you_made_me"),
])
def test_defending_or_blaming_gets_a_nudge(text, key):
    assert find_nudge(text).key == key


@pytest.mark.parametrize("text", ["I can see how that felt dismissive.", "I think I missed you there.",
                                  "I butter the toast"])
def test_plain_acknowledgement_gets_none(text):
    assert find_nudge(text) is None


def test_dismissed_nudge_stays_away():
    assert find_nudge("but you always", frozenset({"always_never"})).key == "but"
    assert find_nudge("but", frozenset({"but"})) is None


def test_a_dismissal_quiets_the_whole_sentence_but_not_the_next_one():
    text = "I'm sorry but you always interrupt."
    first = find_nudge(text)
    assert first.sentence == text
    assert find_nudge(text, quiet=frozenset({first.sentence})) is None
    later = find_nudge(text + " I was only tired.", quiet=frozenset({first.sentence}))
    assert later.key == "only" and later.sentence == "I was only tired."
