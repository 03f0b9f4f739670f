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
