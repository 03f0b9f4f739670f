"""German is complete: every message of the template has a German translation in de.po, none
fuzzy, plurals in both forms, each keeping its placeholders and its one keyboard letter; and the
compiled catalogue gives German back for them. A message added to the sources and not
translated fails here (after `make translations` brings it into de.po, empty)."""

import gettext
import string
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging" / "i18n"))

import compile as catalogues  # noqa: E402
import extract  # noqa: E402
import po  # noqa: E402

GERMAN = ROOT / "resources" / "translations" / "de.po"


def _entries():
    _header, entries = po.read(GERMAN)
    return entries


def _names(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


def _mnemonics(text: str) -> int:
    return text.replace("&&", "").count("&")


def test_every_message_of_the_sources_has_a_german_translation():
    german = {entry.key: entry for entry in _entries()}
    missing = [entry.msgid for entry in extract.extract() if entry.key not in german]
    assert not missing, f"not in de.po (run: make translations): {missing[:5]}"
    untranslated = [e.msgid for e in german.values() if not all(text.strip() for text in e.msgstr)]
    assert not untranslated, f"{len(untranslated)} without German, e.g. {untranslated[:5]}"
    fuzzy = [e.msgid for e in german.values() if "fuzzy" in e.flags]
    assert not fuzzy, f"fuzzy, so left out of the compiled catalogue: {fuzzy[:5]}"


def test_plurals_have_both_german_forms_and_the_header_says_how_to_choose():
    header, entries = po.read(GERMAN)
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header
    assert "charset=UTF-8" in header
    plurals = [e for e in entries if e.msgid_plural is not None]
    assert plurals, "the sources use ngettext, so de.po has plural entries"
    for entry in plurals:
        assert len(entry.msgstr) == 2 and all(entry.msgstr), entry.msgid
        assert _names(entry.msgstr[1]) == _names(entry.msgid_plural), (entry.msgid_plural, entry.msgstr[1])
        assert _names(entry.msgstr[0]) - {"n"} == _names(entry.msgid) - {"n"}, (entry.msgid, entry.msgstr[0])


def test_each_translation_keeps_its_placeholders_and_its_keyboard_letter():
    for entry in _entries():
        if entry.msgid_plural is None:
            (text,) = entry.msgstr
            assert _names(text) == _names(entry.msgid), (entry.msgid, text)
        for text in entry.msgstr:
            assert _mnemonics(text) == _mnemonics(entry.msgid), f"the & of {entry.msgid!r}: {text!r}"
            assert text.endswith("\n") == entry.msgid.endswith("\n"), entry.msgid


def test_the_compiled_german_catalogue_answers_in_german(tmp_path):
    catalogues.compile_all(GERMAN.parent, tmp_path)
    german = gettext.translation("goldseam", localedir=str(tmp_path), languages=["de"])
    for entry in _entries():
        if entry.msgid_plural is None:
            assert german.gettext(entry.msgid) == entry.msgstr[0]
        else:
            assert german.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgstr[0]
            assert german.ngettext(entry.msgid, entry.msgid_plural, 3) == entry.msgstr[1]
    assert german.ngettext("{n} moment", "{n} moments", 1).format(n=1) == "1 Moment"
    assert german.ngettext("{n} moment", "{n} moments", 2).format(n=2) == "2 Momente"


def test_the_safety_note_names_a_kind_of_service_never_a_number():
    """The welcome's line for a crisis: local emergency services and a support line, in both
    languages; no phone number of one country (112, 911, 999, 0800 ...)."""
    import re

    safety = [e for e in _entries() if "emergency" in e.msgid.lower()]
    assert safety, "the safety note is in the catalogue"
    for entry in safety:
        for text in (entry.msgid, *entry.msgstr):
            assert not re.search(r"\d{3}", text), f"a number in the safety note: {text!r}"
        german = " ".join(entry.msgstr)
        assert "Notruf" in german or "Notdienst" in german, german
        for english, deutsch in (("helpline", "Hilfetelefon"), ("crisis line", "Krisen")):    # kinds of help, named
            assert english in entry.msgid and deutsch in german, entry.msgid
