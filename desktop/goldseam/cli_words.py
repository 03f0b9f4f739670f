"""argparse's own words ("usage:", "options", "show this help message and exit", its errors) in
the language Goldseam speaks: argparse asks gettext's default domain, which holds nothing, so
`goldseam --lang de --help` said half of itself in English.

The messages below are argparse's own, as Python 3.11 to 3.13 word them, marked so the
extractor puts them in the catalogue; they keep argparse's %-placeholders, which argparse fills.
"""

from __future__ import annotations

import argparse

from . import i18n
from .i18n import N_

ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("%(heading)s:"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("expected one argument"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)


def speak_through_the_catalogue() -> None:
    """Route argparse's messages through Goldseam's catalogue (the language already chosen)."""
    argparse._ = i18n._
    argparse.ngettext = i18n.ngettext
