"""Translation functions used by every layer, core included, and the choice of language.

Compiled catalogues are built from resources/translations/*.po (packaging/i18n/compile.py, run
by make's install step and the wheel's build hook), never committed; without one the source
strings (English) are shown. The language is, in order: `--lang`, the `language` setting, the
system's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as gettext reads them), English.
"""

from __future__ import annotations

import gettext as _gettext
import os

DOMAIN = "goldseam"
SOURCE_LANGUAGE = "en"
# The languages Goldseam speaks, each named in its own words (the settings list them so).
LANGUAGES: list[tuple[str, str]] = [("en", "English"), ("de", "Deutsch")]

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_current = SOURCE_LANGUAGE


def install(localedir: str | None, languages: list[str] | None = None) -> None:
    """Switch to the catalogue for `languages` found under `localedir`, if any."""
    global _translations
    if localedir is None:
        _translations = _gettext.NullTranslations()
        return
    _translations = _gettext.translation(DOMAIN, localedir=localedir, languages=languages, fallback=True)


def use(code: str) -> str:
    """Speak `code` (one of LANGUAGES) from now on; the code in effect."""
    global _current
    from . import resources

    _current = code if code in dict(LANGUAGES) else SOURCE_LANGUAGE
    if _current == SOURCE_LANGUAGE:
        install(None)
    else:
        install(str(resources.resource_path("translations")), [_current])
    return _current


def current() -> str:
    return _current


def choose(asked: str | None = None, setting: str | None = None, environ=None) -> str:
    """The language to speak: asked for (--lang), else set, else the system's, else English.
    An asked-for language Goldseam does not speak falls through to the next."""
    spoken = dict(LANGUAGES)
    for wish in (asked, setting):
        if wish and _base(wish) in spoken:
            return _base(wish)
    for wish in system_languages(environ):
        if _base(wish) in spoken:
            return _base(wish)
    return SOURCE_LANGUAGE


def system_languages(environ=None) -> list[str]:
    """The languages the system asks for, first wish first (gettext's order of variables)."""
    environ = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        if value:
            wishes = [w for w in value.split(":") if w and _base(w) not in ("c", "posix")]
            if wishes:
                return wishes
    return []


def _base(code: str) -> str:
    """'de_DE.UTF-8@euro' → 'de'."""
    return code.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()


_DECIMAL_COMMA = {"de", "es", "fr"}


def decimal(value: float) -> str:
    """A short number as the language writes it ("5.5" in English, "5,5" in German); usable in core,
    where Qt's QLocale is not."""
    text = f"{value:g}"
    return text.replace(".", ",") if _current in _DECIMAL_COMMA else text


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet (module constants)."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular and plural pair for extraction as one message; ngettext(*pair, n) later."""
    return singular, plural
