"""The `goldseam` command: the window by default, and export / import / check.

stdout carries only documents (export); every message goes to stderr.
"""

from __future__ import annotations

import argparse
import sys

from . import __version__, paths


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="goldseam",
        description="A calm, private companion for repairing a close relationship after a rupture.",
    )
    parser.add_argument("--version", action="version", version=f"goldseam {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help=f"keep Goldseam's files in DIR (also: {paths.ENV_DATA_DIR})")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("repair", help="open straight into a new repair, or the one you left unfinished")
    commands.add_parser("review", help="open the look back: every moment, searched, read and corrected")
    pause = commands.add_parser("pause", help="open the pause: step away and be called back at the time you name")
    pause.add_argument("--minutes", type=_pause_minutes, metavar="N",
                       help="start a pause of N minutes at once (1 to 1440)")
    export = commands.add_parser("export", help="write every moment to stdout or a file")
    export.add_argument("--format", choices=("json", "markdown"), default="json")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (readable by you only) instead of stdout")
    importer = commands.add_parser("import", help="merge the moments of an export file: new ones added, "
                                                  "newer copies replacing older ones (all or nothing)")
    importer.add_argument("file", metavar="FILE")
    commands.add_parser("check", help="read every file of the data folder and report problems")
    return parser


def _pause_minutes(text: str) -> int:
    from .core.moment import MAX_PAUSE_MINUTES

    try:
        minutes = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of minutes") from None
    if not 1 <= minutes <= MAX_PAUSE_MINUTES:
        raise argparse.ArgumentTypeError(f"a pause lasts from 1 to {MAX_PAUSE_MINUTES} minutes")
    return minutes


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    folder = paths.data_dir(args.data_dir)
    if args.command in (None, "repair", "pause", "review"):
        from .display_check import display_problem

        problem = display_problem()
        if problem:
            print(problem, file=sys.stderr)
            return 2  # as `check` does when it cannot read: nothing could be shown
        from .app import run_gui

        return run_gui(folder, open_repair=args.command == "repair", open_pause=args.command == "pause",
                       pause_minutes=getattr(args, "minutes", None), open_review=args.command == "review")
    from . import cli_commands

    handler = {"export": cli_commands.export, "import": cli_commands.import_, "check": cli_commands.check}
    return handler[args.command](folder, args)


if __name__ == "__main__":
    sys.exit(main())
