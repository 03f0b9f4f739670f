"""Translation functions used by every layer, core included.

Compiled catalogues are built from resources/translations, never committed;
without one the source strings (English) are shown.
"""

from __future__ import annotations

import gettext as _gettext

DOMAIN = "goldseam"

_translations: _gettext.NullTranslations = _gettext.NullTranslations()


def install(localedir: str | None, languages: list[str] | None = None) -> None:
    """Switch to the catalogue for `languages` found under `localedir`, if any."""
    global _translations
    if localedir is None:
        _translations = _gettext.NullTranslations()
        return
    _translations = _gettext.translation(DOMAIN, localedir=localedir, languages=languages, fallback=True)


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet (module constants)."""
    return message
