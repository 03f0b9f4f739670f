"""The translation machinery: the template holds every string the sources mark; the compiler
writes catalogues Python's gettext reads, plurals included; the language is chosen as promised
(--lang, the setting, the system, English); Qt's own words follow it.
(Whether German is complete is tests/unit/test_german_catalogue.py's question.)"""

import gettext
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging" / "i18n"))

import compile as catalogues  # noqa: E402
import extract  # noqa: E402
import po  # noqa: E402

from goldseam import i18n  # noqa: E402


def test_the_template_is_up_to_date_with_the_sources():
    _header, written = po.read(extract.POT)
    missing = {e.msgid for e in extract.extract()} - {e.msgid for e in written}
    assert not missing, f"not in goldseam.pot (run python3 packaging/i18n/extract.py): {sorted(missing)[:5]}"
    assert [e.key for e in written] == [e.key for e in extract.extract()]


def test_extraction_finds_every_way_a_string_is_marked(tmp_path):
    (tmp_path / "a.py").write_text(
        'from .i18n import _, N_, ngettext\n'
        'A = N_("marked " "for later")\n'
        'b = _("now")\n'
        'c = ngettext("{n} moment", "{n} moments", 2)\n'
        'd = breathing.N_("through a module")\n'
        'e = _(variable)\n', encoding="utf-8")
    found = {(e.msgid, e.msgid_plural) for e in extract.extract(tmp_path)}
    assert found == {("marked for later", None), ("now", None), ("{n} moment", "{n} moments"),
                     ("through a module", None)}


def test_a_catalogue_round_trips_and_compiles_into_what_gettext_reads(tmp_path):
    header = "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n"
    entries = [po.Entry("Hello", msgstr=["Hallo"]),
               po.Entry('Say "yes"\nthen\tgo', msgstr=['Sag „ja“\ndann\tgeh']),
               po.Entry("{n} moment", "{n} moments", ["{n} Moment", "{n} Momente"]),
               po.Entry("Not yet", msgstr=[""]),
               po.Entry("Unsure", msgstr=["Unsicher"], flags={"fuzzy"})]
    path = tmp_path / "xx.po"
    po.write(path, header, entries)
    read_header, read_back = po.read(path)
    assert read_header == header
    assert [(e.msgid, e.msgid_plural, e.msgstr) for e in read_back] == [
        (e.msgid, e.msgid_plural, e.msgstr) for e in entries]
    catalogues.compile_all(tmp_path)
    language = gettext.translation("goldseam", localedir=str(tmp_path), languages=["xx"])
    assert language.gettext("Hello") == "Hallo"
    assert language.gettext('Say "yes"\nthen\tgo') == 'Sag „ja“\ndann\tgeh'
    assert language.ngettext("{n} moment", "{n} moments", 1) == "{n} Moment"
    assert language.ngettext("{n} moment", "{n} moments", 5) == "{n} Momente"
    assert language.gettext("Not yet") == "Not yet" and language.gettext("Unsure") == "Unsure"


def test_every_translation_keeps_the_placeholders_of_its_message():
    for path in sorted((ROOT / "resources" / "translations").glob("*.po")):
        _header, entries = po.read(path)
        for entry in entries:
            wanted = set(_placeholders(entry.msgid)) | set(_placeholders(entry.msgid_plural or ""))
            for text in entry.msgstr:
                if text:
                    assert set(_placeholders(text)) <= wanted and set(_placeholders(text)) >= set(
                        _placeholders(entry.msgid)) - {"n"}, (path.name, entry.msgid, text)


def _placeholders(text: str) -> list[str]:
    import string

    return [name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None]


@pytest.mark.parametrize("asked, setting, environ, chosen", [
    ("de", "", {"LANG": "en_GB.UTF-8"}, "de"),
    (None, "de", {"LANG": "en_GB.UTF-8"}, "de"),
    ("en", "de", {"LANG": "de_DE.UTF-8"}, "en"),
    (None, "", {"LANGUAGE": "fr:de", "LANG": "fr_FR.UTF-8"}, "de"),
    (None, "", {"LC_ALL": "de_AT.UTF-8@euro"}, "de"),
    (None, "", {"LANG": "C.UTF-8"}, "en"),
    (None, "", {}, "en"),
    ("xx", "klingon", {"LANG": "de_CH"}, "de"),
])
def test_the_language_is_asked_for_then_set_then_the_systems(asked, setting, environ, chosen):
    assert i18n.choose(asked, setting, environ) == chosen


def test_speaking_a_language_and_back(monkeypatch):
    try:
        assert i18n.use("de") == "de" and i18n.current() == "de"
        assert i18n.use("tlh") == "en"
        assert i18n._("Goldseam") == "Goldseam"
    finally:
        i18n.use("en")


def test_the_language_setting_is_read_without_taking_the_folder(tmp_path):
    from goldseam.storage.data_folder import DataFolder, stored_language

    with DataFolder.open(tmp_path / "data") as data:
        data.settings.set("language", "de")
        assert stored_language(tmp_path / "data") == "de"      # while the folder is held
    assert stored_language(tmp_path / "nowhere") == ""
    (tmp_path / "odd").mkdir()
    (tmp_path / "odd" / "settings.json").write_text("[" * 100_000)
    assert stored_language(tmp_path / "odd") == ""


def test_goldseam_check_speaks_german_whole(tmp_path, capsys, sample_moment):
    """Every line `goldseam --lang de check` prints is German: plural pairs kept as constants
    included (they stayed English when marked as two separate strings)."""
    from goldseam import cli
    from goldseam.storage.data_folder import DataFolder

    with DataFolder.open(tmp_path / "data") as data:
        for n in range(3):
            data.journal.save(sample_moment(what=f"moment {n}"))
    try:
        status = cli.main(["--lang", "de", "--data-dir", str(tmp_path / "data"), "check"])
    finally:
        i18n.use("en")
    captured = capsys.readouterr()
    lines = (captured.out + captured.err).splitlines()
    assert status == 0 and lines[-1] == "gesund"
    english = [line for line in lines if any(word in line.split() for word in
                                             ("backup", "backups", "moment", "moments", "read", "created"))]
    assert not english, english
