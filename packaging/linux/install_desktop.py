"""Install or remove Goldseam's desktop integration: menu entry, AppStream metainfo, icons, man page
and shell completions. Standard library only; nothing of the person's data is ever touched.

    install_desktop.py install   [LOCATION] [--exec PATH] [--icons DIR] [--gzip-man] [--no-refresh]
    install_desktop.py uninstall [LOCATION] [--no-refresh]
    install_desktop.py list      [LOCATION] [--icons DIR] [--gzip-man]

LOCATION is one of

    --data-home DIR                 the current user's layout under DIR (default: $XDG_DATA_HOME,
                                    else ~/.local/share); `make install-desktop` uses this
    --prefix PREFIX [--root DIR]    a system layout under PREFIX/share (for example --prefix /usr),
                                    written below DIR when given (a package's staging folder)

and the files are (SHARE being the data home, or ROOT/PREFIX/share):

    SHARE/applications/io.github.goldseam.Goldseam.desktop
    SHARE/metainfo/io.github.goldseam.Goldseam.metainfo.xml
    SHARE/icons/hicolor/NxN/apps/io.github.goldseam.Goldseam.png    N = 16 24 32 48 64 128 256 512
    SHARE/icons/hicolor/scalable/apps/io.github.goldseam.Goldseam.svg
    SHARE/icons/hicolor/symbolic/apps/io.github.goldseam.Goldseam-symbolic.svg
    SHARE/man/man1/goldseam.1                      (goldseam.1.gz with --gzip-man, as Debian wants)
    SHARE/bash-completion/completions/goldseam
    SHARE/zsh/site-functions/_goldseam             user layout (add it to fpath in ~/.zshrc)
    SHARE/zsh/vendor-completions/_goldseam         system layout (where Debian's zsh looks)
    SHARE/fish/vendor_completions.d/goldseam.fish

--exec PATH is the program the menu entry and its actions start: every `Exec=goldseam ...` and
`TryExec=goldseam` of the .desktop file is rewritten to PATH (quoted as the Desktop Entry
specification asks when it holds spaces or other reserved characters). Without it the entry
starts `goldseam` from PATH. --icons names the folder packaging/linux/make_icons.py rendered
(default: build/icons of this checkout; `make icons` makes it).

For a .deb built from the bundle, for example:

    python3 packaging/linux/install_desktop.py install --prefix /usr --root build/deb/root \\
        --exec /opt/goldseam/goldseam --gzip-man

`uninstall` removes exactly the files above (whichever man page form is there) and the folders
that this leaves empty, up to SHARE; nothing else. Afterwards (and after `install`), in a user or
live system layout, a desktop-file or icon cache that already exists is refreshed with
update-desktop-database or gtk-update-icon-cache when they are installed; none is created (a
cache made in the home folder would outlive the uninstall and go stale), and with --root none is
touched (the package manager's triggers do that).
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

APP_ID = "io.github.goldseam.Goldseam"
HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SVG_ICON = REPO / "resources" / "icons" / "goldseam.svg"
SYMBOLIC_ICON = REPO / "resources" / "icons" / f"{APP_ID}-symbolic.svg"
DEFAULT_ICONS = REPO / "build" / "icons"

DESKTOP_FILE = HERE / f"{APP_ID}.desktop"
METAINFO_FILE = HERE / f"{APP_ID}.metainfo.xml"
MAN_PAGE = HERE / "goldseam.1"
COMPLETIONS = HERE / "completions"


@dataclass(frozen=True)
class Layout:
    share: Path             # where the files go: the data home, or ROOT/PREFIX/share
    zsh_folder: str         # below share
    staged: bool            # written below --root: a package's staging folder, no caches to refresh


def user_layout(data_home: str | os.PathLike[str] | None = None) -> Layout:
    if data_home is None:
        from_env = os.environ.get("XDG_DATA_HOME", "")
        # The XDG Base Directory specification: a relative path is invalid and ignored.
        data_home = from_env if os.path.isabs(from_env) else Path.home() / ".local" / "share"
    return Layout(Path(data_home).expanduser().absolute(), "zsh/site-functions", staged=False)


def system_layout(prefix: str, root: str | os.PathLike[str] | None = None) -> Layout:
    if not os.path.isabs(prefix):
        raise SystemExit(f"install_desktop: --prefix must be an absolute path, not {prefix!r}")
    share = Path(prefix) / "share"
    if root is not None:
        share = Path(root).absolute() / share.relative_to(share.anchor)
    return Layout(share, "zsh/vendor-completions", staged=root is not None)


def icon_files(layout: Layout, icons: Path) -> list[tuple[Path, Path]]:
    """(source, target) for every icon: the PNGs make_icons.py rendered, the scalable and symbolic SVGs."""
    pairs = [(icons / "hicolor" / f"{n}x{n}" / "apps" / f"{APP_ID}.png",
              layout.share / "icons" / "hicolor" / f"{n}x{n}" / "apps" / f"{APP_ID}.png") for n in ICON_SIZES]
    pairs.append((SVG_ICON, layout.share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"))
    pairs.append((SYMBOLIC_ICON, layout.share / "icons" / "hicolor" / "symbolic" / "apps" / f"{APP_ID}-symbolic.svg"))
    return pairs


def man_target(layout: Layout, gzip_man: bool) -> Path:
    return layout.share / "man" / "man1" / ("goldseam.1.gz" if gzip_man else "goldseam.1")


def planned(layout: Layout, icons: Path = DEFAULT_ICONS, gzip_man: bool = False) -> list[tuple[Path, Path]]:
    """(source, target) for every file install writes, in order."""
    share = layout.share
    return [
        (DESKTOP_FILE, share / "applications" / f"{APP_ID}.desktop"),
        (METAINFO_FILE, share / "metainfo" / f"{APP_ID}.metainfo.xml"),
        *icon_files(layout, icons),
        (MAN_PAGE, man_target(layout, gzip_man)),
        (COMPLETIONS / "goldseam.bash", share / "bash-completion" / "completions" / "goldseam"),
        (COMPLETIONS / "_goldseam", share / layout.zsh_folder / "_goldseam"),
        (COMPLETIONS / "goldseam.fish", share / "fish" / "vendor_completions.d" / "goldseam.fish"),
    ]


def every_target(layout: Layout) -> list[Path]:
    """Every file uninstall removes: what install writes, the man page in either form."""
    targets = [target for _source, target in planned(layout)]
    targets.append(man_target(layout, gzip_man=True))
    return targets


# The Desktop Entry specification, "The Exec key": an argument holding one of these is quoted, and
# inside the quotes these four are escaped with a backslash.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
_ESCAPED_IN_QUOTES = set('"`$\\')


def exec_argument(program: str) -> str:
    """`program` written as the first argument of an Exec line (string escapes included)."""
    if any(ord(c) < 32 or ord(c) == 127 for c in program):
        raise SystemExit(f"install_desktop: the program path holds a control character: {program!r}")
    argument = program.replace("%", "%%")
    if any(c in _RESERVED for c in argument):
        argument = '"' + "".join("\\" + c if c in _ESCAPED_IN_QUOTES else c for c in argument) + '"'
    return argument.replace("\\", "\\\\")      # the string escape, applied after the quoting


def with_program(desktop_text: str, program: str) -> str:
    """The .desktop file's text starting `program` instead of `goldseam` (Exec lines and TryExec)."""
    if program == "goldseam":
        return desktop_text
    exec_line = re.compile(r"^Exec=goldseam(?=\s|$)", re.MULTILINE)
    try_exec_line = re.compile(r"^TryExec=goldseam$", re.MULTILINE)
    text, count = exec_line.subn(lambda _m: "Exec=" + exec_argument(program), desktop_text)
    if count == 0:
        raise SystemExit(f"install_desktop: {DESKTOP_FILE.name} has no line `Exec=goldseam` to rewrite")
    return try_exec_line.sub(lambda _m: "TryExec=" + program.replace("\\", "\\\\"), text)


def _write(target: Path, data: bytes) -> None:
    """Write the file whole or not at all (a temporary file beside it, then renamed), mode 0644."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise


def install(layout: Layout, program: str = "goldseam", icons: Path = DEFAULT_ICONS, gzip_man: bool = False,
            refresh: bool = True) -> list[Path]:
    pairs = planned(layout, icons, gzip_man)
    missing = [source for source, _target in pairs if not source.is_file()]
    if missing:
        hint = " (run: make icons)" if any(icons in source.parents for source in missing) else ""
        raise SystemExit("install_desktop: missing " + ", ".join(map(str, missing)) + hint)
    written = []
    for source, target in pairs:
        data = source.read_bytes()
        if source == DESKTOP_FILE:
            data = with_program(data.decode("utf-8"), program).encode("utf-8")
        elif source == MAN_PAGE and gzip_man:
            data = gzip.compress(data, compresslevel=9, mtime=0)     # the same bytes every build
        _write(target, data)
        written.append(target)
    if refresh:
        refresh_caches(layout)
    return written


def uninstall(layout: Layout, refresh: bool = True) -> list[Path]:
    removed = []
    for target in every_target(layout):
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        removed.append(target)
        _remove_empty_folders(target.parent, layout.share)
    if refresh:
        refresh_caches(layout)
    return removed


def _remove_empty_folders(folder: Path, stop: Path) -> None:
    while folder != stop and stop in folder.parents:
        try:
            folder.rmdir()          # only when empty: anything else in it stays
        except OSError:
            return
        folder = folder.parent


def refresh_caches(layout: Layout) -> None:
    """Bring caches that exist up to date; quiet, and never failing (the tools may be absent)."""
    if layout.staged:
        return
    hicolor = layout.share / "icons" / "hicolor"
    applications = layout.share / "applications"
    if hicolor.is_dir():
        try:
            os.utime(hicolor)       # the icon theme notices its folder changed
        except OSError:
            pass
    commands = []
    if (applications / "mimeinfo.cache").exists():
        commands.append(["update-desktop-database", "-q", str(applications)])
    if (hicolor / "icon-theme.cache").exists():
        commands.append(["gtk-update-icon-cache", "-q", "-t", "-f", str(hicolor)])
    for command in commands:
        if shutil.which(command[0]):
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="install_desktop.py", description=__doc__.split("\n\n")[0],
                                     epilog="See the module's docstring for the files and their places.")
    parser.add_argument("action", choices=("install", "uninstall", "list"))
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--data-home", metavar="DIR",
                       help="the user layout under DIR (default: $XDG_DATA_HOME, else ~/.local/share)")
    where.add_argument("--prefix", metavar="PREFIX", help="a system layout under PREFIX/share, e.g. /usr")
    parser.add_argument("--root", metavar="DIR", help="with --prefix: write below DIR (a package's staging folder)")
    parser.add_argument("--exec", dest="program", metavar="PATH", default="goldseam",
                        help="the program the menu entry starts (default: goldseam, found on PATH)")
    parser.add_argument("--icons", metavar="DIR", type=Path, default=DEFAULT_ICONS,
                        help="the folder make_icons.py rendered into (default: %(default)s)")
    parser.add_argument("--gzip-man", action="store_true", help="install the man page as goldseam.1.gz")
    parser.add_argument("--no-refresh", action="store_true", help="leave desktop and icon caches alone")
    args = parser.parse_args(argv)
    if args.root is not None and args.prefix is None:
        parser.error("--root goes with --prefix")
    layout = system_layout(args.prefix, args.root) if args.prefix else user_layout(args.data_home)
    if args.action == "list":
        for _source, target in planned(layout, args.icons, args.gzip_man):
            print(target)
        return 0
    if args.action == "install":
        if os.path.isabs(args.program) and not layout.staged and not os.access(args.program, os.X_OK):
            print(f"install_desktop: note: {args.program} is not an executable file (yet)", file=sys.stderr)
        done = install(layout, args.program, args.icons, args.gzip_man, refresh=not args.no_refresh)
        print(f"installed {len(done)} files under {layout.share}, starting {args.program}")
    else:
        done = uninstall(layout, refresh=not args.no_refresh)
        print(f"removed {len(done)} files under {layout.share}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
