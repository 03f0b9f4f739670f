"""The Markdown export reads as a history a person can keep: every part of a moment in the
words the app showed, and no bare heading for a moment without words."""

from goldseam.core import markdown_export
from goldseam.core.moment import RepairMoment


def _section(text: str, label: str) -> str:
    """The quoted body under **label**."""
    after = text.split(f"**{label}**\n\n", 1)[1]
    return after.split("\n\n", 1)[0]


def test_an_empty_moment_gets_a_kind_line_not_a_bare_heading():
    empty = RepairMoment(created_at="2024-05-01T20:15:00+02:00")
    text = markdown_export.render([empty])
    assert text.endswith("## 2024-05-01 20:15\n\n*Not finished*\n\nNo words were written for this moment.\n")
    empty.completed = True
    assert markdown_export.render([empty]).endswith("## 2024-05-01 20:15\n\nNo words were written for this moment.\n")


def test_feelings_flooding_pulse_and_when_in_the_words_the_person_saw(sample_moment):
    moment = sample_moment()
    moment.notice.feelings = ["hurt", "other", "a word of my own"]
    moment.notice.flood_signs = ["racing_heart", "foggy"]
    moment.notice.flooded = True
    moment.notice.pulse_bpm = 112
    moment.reach_back.when = "later"
    moment.pause.minutes_planned = 1
    moment.pause.outcome = "returned"
    text = markdown_export.render([moment])
    assert _section(text, "Feelings") == "> hurt, something else, a word of my own"
    assert _section(text, "Signs of flooding") == "> My heart is racing, I can't think straight"
    assert _section(text, "Pulse") == "> 112 beats a minute"
    assert _section(text, "When I would say it") == "> I'll say it later"
    assert _section(text, "Pause") == "> 1 minute, came back as promised"
    assert "racing_heart" not in text and "other," not in text


def test_saying_it_now_and_a_longer_pause(sample_moment):
    moment = sample_moment()
    moment.reach_back.when = "now"
    moment.pause.minutes_planned = 25
    moment.pause.outcome = "extended"
    text = markdown_export.render([moment])
    assert _section(text, "When I would say it") == "> I'll say it now"
    assert _section(text, "Pause") == "> 25 minutes, asked for more time, and came back"
    assert "Signs of flooding" not in text and "Pulse" not in text
