"""The `goldseam` command: the window by default, and export / import / check.

stdout carries only documents (export); every message goes to stderr.
"""

from __future__ import annotations

import argparse
import sys

from . import __version__, paths


def build_parser() -> argparse.ArgumentParser:
    from .i18n import _

    parser = argparse.ArgumentParser(
        prog="goldseam",
        description=_("A calm, private companion for repairing a close relationship after a rupture."),
    )
    parser.add_argument("--version", action="version", version=f"goldseam {__version__}",
                        help=_("show program's version number and exit"))
    parser.add_argument("--data-dir", metavar="DIR",
                        help=_("keep Goldseam's files in DIR (also: {variable})").format(variable=paths.ENV_DATA_DIR))
    parser.add_argument("--lang", metavar="CODE",
                        help=_("speak this language (for example: de, en); otherwise as set in Goldseam, "
                               "or as the system is set"))
    parser.add_argument("--passphrase-stdin", action="store_true",
                        help=_("read the passphrase from the first line of standard input instead of asking on the "
                               "terminal; a new one is given twice, on two lines (`lock enable`, `export --sealed`; "
                               "`lock change`: the old one, then the new one twice)"))
    parser.add_argument("--background", action="store_true",
                        help=_("start without a window and wait quietly for a call back still to come (what "
                               "\u201cStart Goldseam when I log in\u201d runs); the window opens when one is due, "
                               "and nothing stays running when none is promised"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("repair", help=_("open straight into a new repair, or the one you left unfinished"))
    commands.add_parser("review", help=_("open the look back: every moment, searched, read and corrected"))
    pause = commands.add_parser("pause", help=_("open the pause: step away and be called back at the time you name"))
    pause.add_argument("--minutes", type=_pause_minutes, metavar="N",
                       help=_("start a pause of N minutes at once (1 to 1440)"))
    export = commands.add_parser("export", help=_("write every moment to stdout or a file"))
    export.add_argument("--format", choices=("json", "markdown"), default="json")
    export.add_argument("-o", "--output", metavar="FILE",
                        help=_("write to FILE (readable by you only) instead of stdout"))
    export.add_argument("--sealed", action="store_true",
                        help=_("seal the export with a passphrase: only Goldseam, with that passphrase, can read it "
                               "(without this the export is plain text: your own copy)"))
    importer = commands.add_parser("import", help=_("merge the moments of an export file: new ones added, "
                                                    "newer copies replacing older ones (all or nothing)"))
    importer.add_argument("file", metavar="FILE")
    commands.add_parser("check", help=_("read every file of the data folder and report problems"))
    lock = commands.add_parser("lock", help=_("seal the journal with a passphrase, change it, make a new recovery key, "
                                              "or turn the lock off"))
    lock.add_argument("action", choices=("enable", "change", "disable", "recovery"))
    return parser


def choose_language(argv: list[str] | None) -> str:
    """Before the parser speaks: --lang, else the language set in the data folder, else the
    system's. The chosen one is installed for every message from here on."""
    from . import i18n

    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang")
    early.add_argument("--data-dir")
    known, _rest = early.parse_known_args(argv)
    setting = ""
    if not known.lang:
        from .storage.data_folder import stored_language

        setting = stored_language(paths.data_dir(known.data_dir))
    return i18n.use(i18n.choose(known.lang, setting))


def _pause_minutes(text: str) -> int:
    from .core.moment import MAX_PAUSE_MINUTES
    from .i18n import _

    try:
        minutes = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("\u201c{text}\u201d is not a whole number of minutes").format(text=text)) from None
    if not 1 <= minutes <= MAX_PAUSE_MINUTES:
        raise argparse.ArgumentTypeError(_("a pause lasts from 1 to {most} minutes").format(most=MAX_PAUSE_MINUTES))
    return minutes


def main(argv: list[str] | None = None) -> int:
    language = choose_language(argv)
    from .cli_words import speak_through_the_catalogue

    speak_through_the_catalogue()       # argparse's own words (usage, options) in that language too
    from .i18n import _

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.data_dir is not None and not args.data_dir.strip():
        # An empty folder name (an unset shell variable, say) would quietly mean the default folder.
        parser.error(_("--data-dir needs a folder; it was given an empty name"))
    folder = paths.data_dir(args.data_dir)
    if args.command in (None, "repair", "pause", "review"):
        from .display_check import display_problem

        problem = display_problem()
        if problem:
            print(problem, file=sys.stderr)
            return 2  # as `check` does when it cannot read: nothing could be shown
        from .app import run_gui

        return run_gui(folder, open_repair=args.command == "repair", open_pause=args.command == "pause",
                       pause_minutes=getattr(args, "minutes", None), open_review=args.command == "review",
                       language=language, background=args.background and args.command is None)
    from . import cli_commands, cli_lock

    if args.command == "lock":
        return cli_lock.lock(folder, args)
    refused = cli_lock.unlock_for_command(folder, args)
    if refused is not None:
        return refused
    handler = {"export": cli_commands.export, "import": cli_commands.import_, "check": cli_commands.check}
    return handler[args.command](folder, args)


if __name__ == "__main__":
    sys.exit(main())
