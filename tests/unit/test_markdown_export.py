"""The Markdown export reads as a history a person can keep: every part of a moment in the
words the app showed, and no bare heading for a moment without words."""

import pytest

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


CASES = {
    "later, flooded": (
        dict(feelings=["hurt", "other", "a word of my own"], flood_signs=["racing_heart", "foggy"], pulse_bpm=112,
             when="later", minutes=1, outcome="returned"),
        {"Feelings": "> hurt, something else, a word of my own",
         "Signs of flooding": "> My heart is racing, I can't think straight",
         "Pulse": "> 112 beats a minute",
         "When I would say it": "> I'll say it later",
         "Pause": "> 1 minute, came back as promised"}),
    "now, calm": (
        dict(feelings=["sad"], flood_signs=[], pulse_bpm=None, when="now", minutes=25, outcome="extended"),
        {"Feelings": "> sad",
         "When I would say it": "> I'll say it now",
         "Pause": "> 25 minutes, asked for more time, and came back",
         "Signs of flooding": None, "Pulse": None}),
}


@pytest.mark.parametrize("case", CASES)
def test_feelings_flooding_pulse_pause_and_when_in_the_words_the_person_saw(sample_moment, case):
    given, expected = CASES[case]
    moment = sample_moment()
    moment.notice.feelings, moment.notice.flood_signs = given["feelings"], given["flood_signs"]
    moment.notice.pulse_bpm, moment.reach_back.when = given["pulse_bpm"], given["when"]
    moment.pause.minutes_planned, moment.pause.outcome = given["minutes"], given["outcome"]
    text = markdown_export.render([moment])
    for label, body in expected.items():
        if body is None:
            assert f"**{label}**" not in text
        else:
            assert _section(text, label) == body
    assert "racing_heart" not in text and "other," not in text


def test_the_persons_words_never_become_markup(sample_moment):
    moment = sample_moment(what="<script>alert(1)</script>\n# not a heading\n*not bold*")
    text = markdown_export.render([moment])
    assert "<script>" not in text and "\\<script\\>" in text
    assert "\n> \\# not a heading" in text and "\\*not bold\\*" in text


# -- the quick way past md_escape gives what md_escape gives ------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

from goldseam.core.review_document import md_escape, quoted  # noqa: E402

_MARKS = st.sampled_from(list("\\`*_[]<>&|~#>+-=.)\r\n \t\u00a0\u2028") + ["1.", "12)", "\r\n", "é", "ﬁ"])
_TEXTS = st.lists(st.one_of(_MARKS, st.text(max_size=4)), max_size=12).map("".join)


@settings(max_examples=600, deadline=None)
@given(text=_TEXTS)
def test_the_quick_escape_is_md_escape(text):
    assert markdown_export._escaped(text) == md_escape(text)
    assert markdown_export._quoted_escaped(text) == quoted(md_escape(text))


@pytest.mark.parametrize("text", ["", "plain words", "# heading", "  - item", "3. third", "12) twelve", "a & b",
                                  "x\r\ny", "one\n# two", "snake_case", "\u00a0> quote", "7 of 10"])
def test_the_quick_escape_on_the_marks_it_must_see(text):
    assert markdown_export._escaped(text) == md_escape(text)
    assert markdown_export._quoted_escaped(text) == quoted(md_escape(text))


from datetime import datetime, timedelta, timezone  # noqa: E402

from goldseam.core import clock  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(when=st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2200, 12, 30)),
       offset=st.integers(min_value=-14 * 60, max_value=14 * 60), spec=st.sampled_from(["minutes", "seconds",
                                                                                          "milliseconds", "microseconds"]),
       space=st.booleans(), zulu=st.booleans())
def test_the_heading_is_the_date_and_time_as_written(when, offset, spec, space, zulu):
    aware = when.replace(tzinfo=timezone(timedelta(minutes=0 if zulu else offset)))
    text = aware.isoformat(sep=" " if space else "T", timespec=spec)
    if zulu:
        text = text[: -len("+00:00")] + "Z"
    moment = RepairMoment(created_at=text)
    moment.completed = True
    RepairMoment.from_dict(moment.to_dict())        # a time the reader accepts
    heading = markdown_export.render([moment]).split("\n")[2]
    assert heading == f"## {clock.from_iso(text).strftime('%Y-%m-%d %H:%M')}"
