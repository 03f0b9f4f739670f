"""Finding a moment the way a person remembers it (issue 9): without accents or case, every
word anywhere in the moment, highlighted where it is; filters by day, tag, feeling, kind and
whether the repair was finished, with days as the person lived them (their own time zone)."""

from __future__ import annotations

from datetime import date

import pytest

from goldseam.core.moment import RepairMoment
from goldseam.core.moment_search import fold, match_spans, query_words
from goldseam.core.review_filter import ReviewFilter, entry_for


def moment(**fields) -> RepairMoment:
    m = RepairMoment()
    m.notice.what_happened = fields.get("what", "")
    m.acknowledge.text = fields.get("ack", "")
    m.reach_back.phrase = fields.get("phrase", "")
    m.accept.offered = fields.get("offered", "")
    m.accept.how_it_landed = fields.get("landed", "")
    m.notice.feelings = fields.get("feelings", [])
    m.tags = fields.get("tags", [])
    m.kind = fields.get("kind", "repair")
    m.completed = fields.get("completed", True)
    m.created_at = m.updated_at = fields.get("at", "2026-11-20T21:00:00+00:00")
    return m


@pytest.mark.parametrize("text, folded", [("Été", "ete"), ("ÇA VA", "ca va"), ("Straße", "strasse"),
                                          ("İstanbul", "istanbul"), ("Ａｂｃ", "abc"), ("東京", "東京"),
                                          ("Cœur", "coeur"), ("Æsop", "aesop"), ("Søren", "soren"),
                                          ("Łódź", "lodz")])
def test_fold_removes_case_and_accents(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize("field", ["what", "ack", "phrase", "offered", "landed"])
def test_every_text_field_is_searched(field):
    entry = entry_for(moment(**{field: "Le café était froid"}))
    assert ReviewFilter(text="CAFE etait").accepts(entry)
    assert not ReviewFilter(text="cafe chaud").accepts(entry)


def test_tags_and_feelings_are_found_by_their_words():
    entry = entry_for(moment(feelings=["lonely"], tags=["Weihnachten bei Oma"]))
    assert ReviewFilter(text="weihnachten lonely").accepts(entry)


def test_a_query_never_matches_across_two_fields():
    entry = entry_for(moment(what="we said good", ack="night to each other"))
    assert ReviewFilter(text="good night").accepts(entry)          # both words, anywhere
    assert not ReviewFilter(text="goodnight").accepts(entry)


def test_highlight_spans_point_into_the_original_text():
    text = "Un ÉTÉ à Paris, l'été dernier; Straße"
    spans = match_spans(text, "ete strasse")
    assert [text[start:start + length] for start, length in spans] == ["ÉTÉ", "été", "Straße"]
    assert match_spans(text, "") == [] and match_spans("", "ete") == []
    text = "mon cœur, Søren"
    assert [text[start:start + length] for start, length in match_spans(text, "coeur soren")] == ["cœur", "Søren"]


def test_days_are_the_persons_days(monkeypatch):
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    import time
    time.tzset()
    try:
        late = entry_for(moment(at="2026-11-21T06:30:00+00:00"))     # 22:30 on the 20th in Los Angeles
        assert late.local_day == date(2026, 11, 20)
        assert ReviewFilter(date_from=date(2026, 11, 20), date_to=date(2026, 11, 20)).accepts(late)
        assert not ReviewFilter(date_from=date(2026, 11, 21)).accepts(late)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_each_filter_narrows_and_an_empty_filter_lets_all_through():
    entries = [entry_for(m) for m in (
        moment(what="a", tags=["home"], feelings=["hurt"], at="2026-01-05T10:00:00+00:00"),
        moment(what="b", tags=["work"], feelings=["angry"], completed=False, at="2026-02-05T10:00:00+00:00"),
        moment(what="c", kind="pause", at="2026-03-05T10:00:00+00:00"),
    )]

    def shown(f: ReviewFilter) -> list[str]:
        words = query_words(f.text)
        return [e.moment.notice.what_happened for e in entries if f.accepts(e, words)]

    assert ReviewFilter().is_empty() and shown(ReviewFilter()) == ["a", "b", "c"]
    assert shown(ReviewFilter(tags=frozenset({"work", "garden"}))) == ["b"]
    assert shown(ReviewFilter(feelings=frozenset({"hurt"}))) == ["a"]
    assert shown(ReviewFilter(completed=False)) == ["b"]
    assert shown(ReviewFilter(kind="pause")) == ["c"]
    assert shown(ReviewFilter(date_from=date(2026, 2, 1))) == ["b", "c"]
    assert shown(ReviewFilter(date_to=date(2026, 2, 5))) == ["a", "b"]


def test_long_non_ascii_texts_are_searched_whole():
    long = ("Ärger über die Spülmaschine, " * 400) + "und dann ein Lächeln 🙂"
    entry = entry_for(moment(what=long))
    assert len(long) > 10_000
    assert ReviewFilter(text="LACHELN").accepts(entry)
    assert match_spans(long, "lächeln")[-1][0] == long.index("Lächeln")


def test_fold_of_a_mixed_text_is_the_fold_of_each_character():
    """fold() lowers ASCII stretches whole and folds the rest one by one: the same as folding
    every character (checked over a sample of every plane's letters, marks and symbols)."""
    from goldseam.core.moment_search import _fold_char

    sample = "".join(chr(c) for c in range(0x20, 0x3000, 7)) + "Été ÇA Straße İ Ａ 東京 🙂 x"
    assert fold(sample) == "".join(_fold_char(c) if not c.isascii() else c.lower() for c in sample)


def test_fold_lowers_first_and_still_folds_every_character_alone():
    """fold() lowers the whole text before folding what is not ASCII: right only where folding a
    character's lower case gives what folding the character gives. Every code point that lower()
    changes is checked (the others reach the folding as they are), alone, between letters, and
    all in one text."""
    from goldseam.core.moment_search import _fold_char

    def alone(c: str) -> str:
        return c.lower() if c.isascii() else _fold_char(c)

    changed = [chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF and chr(cp).lower() != chr(cp)]
    assert len(changed) > 1000
    for c in changed:
        assert fold(c) == alone(c), hex(ord(c))
        assert fold(f"a{c}é{c}Z") == "a" + alone(c) + "e" + alone(c) + "z", hex(ord(c))
    everything = "x".join(changed)
    assert fold(everything) == "".join(map(alone, everything))
    assert fold("ΟΔΟΣ ΟΔΟΣ.") == "οδοσ οδοσ."       # lower() writes a final sigma; folded, it is σ


def test_a_run_folded_once_is_folded_the_same_from_the_cache():
    assert fold("Crème brûlée, CRÈME BRÛLÉE") == "creme brulee, creme brulee"
    assert fold("Crème") == fold("crème") == "creme"


def test_a_moments_searchable_text_is_each_field_folded_and_joined():
    from goldseam.core.moment_search import moment_fields, searchable_text

    for what, ack in (("ASCII ONLY", "Also ASCII"), ("Été À Paris", "plain words"), ("", "Straße İ"),
                      ("x" * 5000 + "É", "ÇA")):
        m = moment(what=what, ack=ack, phrase="Can we START over?", tags=["Família", "home"], feelings=["hurt"])
        assert searchable_text(m) == "\n".join(fold(text) for _, text in moment_fields(m) if text)
