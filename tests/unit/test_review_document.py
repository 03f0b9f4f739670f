"""The look back's export document: every answer of each chosen moment, with its date and time,
oldest first, and the person's words shown as written whatever markup they hold."""

import html.parser
import re

import pytest

from goldseam.core import review_document
from goldseam.core.moment import RepairMoment

ATTACK = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
LONG = ("Wir haben über die Küche gestritten. " "لقد تشاجرنا حول المطبخ. " "我们为厨房吵架了。 " "हमने रसोई के बारे में झगड़ा किया। 😊 ") * 120


@pytest.fixture
def two(sample_moment):
    first = sample_moment(what="First, in March")
    first.created_at = first.updated_at = "2026-03-02T08:15:00+01:00"
    first.tags = ["kitchen", "money"]
    later = sample_moment(what="Later, in May")
    later.created_at = later.updated_at = "2026-05-20T22:40:00+02:00"
    later.completed = False
    return first, later


class _Text(html.parser.HTMLParser):
    """What a browser would show: text, and whether any script element or event handler is there."""

    def __init__(self):
        super().__init__()
        self.text, self.tags, self.handlers = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]

    def handle_data(self, data):
        self.text.append(data)


def _shown(page):
    parser = _Text()
    parser.feed(page)
    return parser


def test_markdown_holds_every_answer_with_date_and_time_oldest_first(two):
    first, later = two
    text = review_document.markdown([later, first])       # the list's order: newest first
    assert text.index("## 2026-03-02 08:15") < text.index("## 2026-05-20 22:40")
    for words in ("First, in March", "I can see how that felt dismissive.", "Can we start over?",
                  "A hug", "Softer", "7 of 10", "3 of 10", "kitchen, money"):
        assert words in text
    for label in ("What happened", "What I acknowledged", "How I reached back", "What they offered",
                  "How it landed", "Tags"):
        assert f"**{label}**" in text
    assert "*Not finished*" in text.split("## 2026-05-20")[1]
    assert "Not finished" not in text.split("## 2026-05-20")[0]
    assert "2 moments" in text


def test_markdown_uses_the_given_date_wording(two):
    text = review_document.markdown(two, when=lambda moment: f"day {moment.day} at {moment.hour}h")
    assert "## day 2 at 8h" in text and "## day 20 at 22h" in text


def test_markdown_escapes_markup_so_it_shows_as_written(sample_moment):
    moment = sample_moment(what=ATTACK + "\n# not a heading\n> not a quote")
    text = review_document.markdown([moment])
    assert not re.search(r"(?<!\\)[<>&]", text.split("**What happened**")[1].replace("\n> ", "\n"))
    assert r"\<script\>" in text
    assert "\n> \\# not a heading" in text and "\n> \\> not a quote" in text
    # read back without the backslashes, the words are the person's own
    body = text.split("**What happened**\n\n")[1].split("\n\n")[0]
    unescaped = "\n".join(line[2:] for line in body.split("\n")).replace("\\", "")
    assert unescaped == ATTACK + "\n# not a heading\n> not a quote"


def test_html_escapes_the_persons_words(sample_moment):
    moment = sample_moment(what=ATTACK)
    moment.tags = ['"><script>bad()</script>']
    page = review_document.html([moment])
    shown = _shown(page)
    assert "script" not in shown.tags and "img" not in shown.tags
    assert not shown.handlers
    assert ATTACK in "".join(shown.text)
    assert '"><script>bad()</script>' in "".join(shown.text)


def test_html_keeps_line_breaks_and_holds_a_long_non_ascii_text_whole(sample_moment):
    moment = sample_moment(what=LONG + "\nsecond line")
    page = review_document.html([moment])
    assert "<br>second line" in page
    assert LONG.replace("\n", "") in "".join(_shown(page).text)
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page


def test_a_refused_accent_colour_falls_back_to_gold(two):
    page = review_document.html(two, accent="red; background: url(x)")
    assert "url(x)" not in page and review_document.DEFAULT_ACCENT in page


def test_a_pause_and_an_empty_moment_read_as_such():
    pause = RepairMoment(kind="pause", completed=True, created_at="2026-04-01T12:00:00+00:00")
    pause.pause.minutes_planned = 20
    pause.pause.outcome = "returned"
    pause.pause.started_at = "2026-04-01T12:00:00+00:00"
    pause.pause.returned_at = "2026-04-01T12:21:00+00:00"
    empty = RepairMoment(completed=True, created_at="2026-04-02T12:00:00+00:00")
    text = review_document.markdown([pause, empty])
    assert "## 2026-04-01 12:00 — a pause" in text
    assert "20 minutes, came back as promised" in text
    assert "2026-04-01 12:21" in text        # when the person came back
    assert "No words were written for this moment." in text.split("## 2026-04-02")[1]
    assert review_document.answers(empty) == []


def test_finished_and_changed_later_are_told(sample_moment):
    moment = sample_moment()
    moment.created_at = "2026-04-01T12:00:00+00:00"
    moment.finished_at = "2026-04-01T12:30:00+00:00"
    moment.updated_at = "2026-04-03T09:00:00+00:00"
    notes = review_document.notes(moment)
    assert notes == ["Finished 2026-04-01 12:30", "Last changed 2026-04-03 09:00"]
