"""Finding words in moments the way a person remembers them: without accents or case.

`fold` maps text to a form where "Été", "ete" and "ÉTÉ" are the same, keeping one folded
character per original character where it can, so a match found in the folded text can be
highlighted at the same place in the original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .moment import RepairMoment


# Letters Unicode does not decompose, written as people type them without the key for them
# ("coeur" for "cœur", "Soren" for "Søren").
_SPELLED = {"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ŧ": "t", "ı": "i"}


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    folded = base.casefold() or char.casefold()
    return "".join(_SPELLED.get(c, c) for c in folded)


# A run of characters beyond ASCII. Written as one such character then any more: `re` then skips
# ASCII with its quick scan for a first character (3 times faster over a long English text than
# `[^\x00-\x7f]+`, and faster over any other measured).
_NON_ASCII = re.compile(r"[^\x00-\x7f][^\x00-\x7f]*")
_RUNS: dict[str, str] = {}      # short non-ASCII runs already folded ("é", "ü", "’"): text repeats them
_RUN_CACHE_LIMIT = 20_000
_DOTTED_CAPITAL_I = "\u0130"    # the one character whose lower() is not folded like itself (İ → i + U+0307)


def _fold_run(match: "re.Match[str]") -> str:
    run = match.group()
    folded = _RUNS.get(run)
    if folded is None:
        folded = "".join(map(_fold_char, run))
        if len(run) <= 8:
            if len(_RUNS) >= _RUN_CACHE_LIMIT:
                _RUNS.clear()
            _RUNS[run] = folded
    return folded


def fold(text: str) -> str:
    """Case and accents removed. Not always the same length as `text` (ß → ss).

    The same as folding every character alone (ASCII lowered, the rest by `_fold_char`), done
    faster: `str.lower()` first (for every code point but İ, folding its lower case gives what
    folding it gives: tests/unit/test_moment_search.py checks all of them), then one regex pass
    folds the non-ASCII runs left, short ones from a cache."""
    if _DOTTED_CAPITAL_I in text:
        text = text.replace(_DOTTED_CAPITAL_I, "I")     # folded alone, İ is i
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    return _NON_ASCII.sub(_fold_run, lowered)


def moment_fields(moment: RepairMoment) -> list[tuple[str, str]]:
    """Every text of a moment a person could search for, with the field it is in."""
    return [
        ("notice.what_happened", moment.notice.what_happened),
        ("notice.feelings", " ".join(moment.notice.feelings)),
        ("acknowledge.text", moment.acknowledge.text),
        ("reach_back.phrase", moment.reach_back.phrase),
        ("accept.offered", moment.accept.offered),
        ("accept.how_it_landed", moment.accept.how_it_landed),
        ("tags", " ".join(moment.tags)),
    ]


def searchable_text(moment: RepairMoment) -> str:
    """All of a moment's words folded into one string (fields joined by a line break, which no
    typed query holds, so a match never spans two fields). Folding goes character by character
    and keeps a line break, so folding the joined text is folding each field; a field all ASCII
    (known without reading it) is only lowered, so the regex reads just the others."""
    texts = [text for _, text in moment_fields(moment) if text]
    joined = "\n".join(texts)
    if joined.isascii():
        return joined.lower()
    return "\n".join([text.lower() if text.isascii() else fold(text) for text in texts])


def query_words(query: str) -> list[str]:
    """The folded words of a query: every one must be found, in any field, in any order."""
    return fold(query).split()


def matches(words: list[str], text: str) -> bool:
    """`text` is a searchable_text; `words` come from query_words."""
    return all(word in text for word in words)


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the query's words are in `text` (original, unfolded), as (start, length) pairs, for
    highlighting. Folds per character so positions stay those of `text`."""
    words = query_words(query)
    if not words or not text:
        return []
    folded_chars = [_fold_char(c) if not c.isascii() else c.lower() for c in text]
    starts = []     # folded offset -> original index
    folded = []
    for index, piece in enumerate(folded_chars):
        for ch in piece:
            starts.append(index)
            folded.append(ch)
    haystack = "".join(folded)
    spans: list[tuple[int, int]] = []
    for word in words:
        at = haystack.find(word)
        while at != -1:
            begin = starts[at]
            end = starts[at + len(word) - 1] + 1
            spans.append((begin, end - begin))
            at = haystack.find(word, at + len(word))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for begin, length in spans:
        if merged and begin <= merged[-1][0] + merged[-1][1]:
            last_begin, last_length = merged[-1]
            merged[-1] = (last_begin, max(last_begin + last_length, begin + length) - last_begin)
        else:
            merged.append((begin, length))
    return merged
