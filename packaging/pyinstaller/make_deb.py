"""Build a Debian package from the standalone program (`make deb`). Standard library only.

    python make_deb.py --bundle dist/goldseam --icons build/icons --output dist [--work DIR]
                       [--compression="-Zzstd -z9"]

writes OUTPUT/goldseam_VERSION_ARCH.deb (VERSION from desktop/goldseam/__init__.py, ARCH from
`dpkg --print-architecture`) and prints its path. Inside:

    /opt/goldseam/                      the bundle, as PyInstaller made it
    /usr/bin/goldseam                   a relative link to ../../opt/goldseam/goldseam
    /usr/share/...                      menu entry, metainfo, icons, man page (gzipped) and
                                        completions, by packaging/linux/install_desktop.py
    /usr/share/doc/goldseam/            copyright (GPL-3.0-or-later), changelog.gz (CHANGELOG.md
                                        in Debian's form)

Depends names what the bundle takes from the system: every library an ELF file of the bundle
links to and the bundle does not carry (looked up in SYSTEM_LIBRARIES: an unknown one stops the
build), glibc at least as new as the newest symbol version asked for, and the data the bundled
libraries read (SYSTEM_DATA). Menu and icon caches are refreshed by dpkg's own triggers.
"""

from __future__ import annotations

import argparse
import ast
import datetime
import email.utils
import gzip
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import elf_links  # noqa: E402

ROOT = HERE.parents[1]
LINUX = ROOT / "packaging" / "linux"
PACKAGE = "goldseam"
INSTALL_FOLDER = "/opt/goldseam"
MAINTAINER = "Goldseam <goldseam@users.noreply.github.com>"
HOMEPAGE = "https://github.com/goldseam/goldseam"

# Debian package of each library the bundle may link to without carrying it. PyInstaller leaves
# glibc, the OpenGL/EGL loaders and libxcb to the system, and carries a library only where the
# build machine has it: the others are here for a build on a machine that lacks them.
SYSTEM_LIBRARIES = {
    "libc.so.6": "libc6", "libm.so.6": "libc6", "libdl.so.2": "libc6", "libpthread.so.0": "libc6",
    "librt.so.1": "libc6", "libresolv.so.2": "libc6", "libutil.so.1": "libc6",
    "libGL.so.1": "libgl1", "libEGL.so.1": "libegl1", "libOpenGL.so.0": "libopengl0", "libGLX.so.0": "libglx0",
    "libxcb.so.1": "libxcb1",
    "libwayland-client.so.0": "libwayland-client0", "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0", "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0", "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0", "libxcb-shape.so.0": "libxcb-shape0", "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1", "libxcb-util.so.1": "libxcb-util1", "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1", "libxcb-glx.so.0": "libxcb-glx0",
    "libxkbcommon.so.0": "libxkbcommon0", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11.so.6": "libx11-6", "libX11-xcb.so.1": "libx11-xcb1",
    "libfontconfig.so.1": "libfontconfig1", "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0", "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3", "libz.so.1": "zlib1g",
    "libstdc++.so.6": "libstdc++6", "libgcc_s.so.1": "libgcc-s1",
}
GLIBC_LOADER = re.compile(r"^ld-linux[-.\w]*\.so\.\d+$")        # ld-linux-x86-64.so.2, ld-linux-aarch64.so.1
# What the bundled libraries read from the system: fontconfig's configuration (which brings a
# font), the keyboard maps of libxkbcommon, and X11's compose tables (dead keys, umlauts).
SYSTEM_DATA = ["fontconfig-config", "xkb-data", "libx11-data"]

DESCRIPTION = """\
calm, private companion for the hour after a fight
 Goldseam walks you through a small repair in five steps (notice, pause,
 acknowledge, reach back, accept), lets you step away with a promised return
 time and calls you back, and keeps the repairs you make as a quiet history,
 like gold seams in a mended bowl.
 .
 Everything stays on your computer: no account, no network, no telemetry.
 .
 This package is the standalone program (Python and Qt inside it), installed
 in /opt/goldseam."""


def package_constant(name: str) -> str:
    tree = ast.parse((ROOT / "desktop" / "goldseam" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise SystemExit(f"make_deb: {name} not found in desktop/goldseam/__init__.py")


def architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()


# -- what the bundle asks of the system ---------------------------------------------------------

def system_needs(bundle: Path) -> tuple[set[str], int]:
    """The libraries the bundle links to but does not carry, and the newest GLIBC_2.N asked for."""
    carried, needed, glibc = set(), set(), 0
    for path in bundle.rglob("*"):
        if path.is_symlink() or path.is_file():
            carried.add(path.name)
        if path.is_symlink() or not path.is_file():
            continue
        found = elf_links.dynamic(path)
        if found is None:
            continue
        names, table = found
        needed.update(names)
        glibc = max([glibc, *(int(m) for m in re.findall(rb"GLIBC_2\.(\d+)", table))])
    return needed - carried, glibc


def depends(bundle: Path) -> list[str]:
    external, glibc = system_needs(bundle)
    packages, unknown = set(SYSTEM_DATA), []
    for name in sorted(external):
        package = "libc6" if GLIBC_LOADER.match(name) else SYSTEM_LIBRARIES.get(name)
        if package is None:
            unknown.append(name)
        else:
            packages.add(package)
    if unknown:
        raise SystemExit("make_deb: the bundle links to libraries it does not carry and SYSTEM_LIBRARIES does "
                         "not know: " + ", ".join(unknown) + " (add their Debian packages there)")
    packages.add("libc6")
    return [f"libc6 (>= 2.{glibc})" if package == "libc6" and glibc else package for package in sorted(packages)]


# -- the package --------------------------------------------------------------------------------

def copyright_text() -> str:
    """Debian's machine-readable form; the licence text itself is Debian's own copy (base-files)."""
    title = " ".join((ROOT / "LICENSE").read_text(encoding="utf-8").split()[:9])
    if title != "GNU GENERAL PUBLIC LICENSE Version 3, 29 June 2007":
        raise SystemExit(f"make_deb: LICENSE is not the GPL version 3 ({title!r}): write copyright anew")
    return textwrap.dedent(f"""\
        Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
        Upstream-Name: Goldseam
        Upstream-Contact: {MAINTAINER}
        Source: {HOMEPAGE}
        Comment: {INSTALL_FOLDER}/_internal holds the Python runtime, Qt through PySide6, cryptography,
         TinyDB, appdirs and the shared libraries PyInstaller gathered with them; each keeps its own licence.

        Files: *
        Copyright: {release_years()} Goldseam contributors
        License: GPL-3.0-or-later

        License: GPL-3.0-or-later
         This program is free software: you can redistribute it and/or modify it under the terms of
         the GNU General Public License as published by the Free Software Foundation, either version
         3 of the License, or (at your option) any later version.
         .
         This program is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY;
         without even the implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.
         See the GNU General Public License for more details.
         .
         On Debian systems, the complete text of the GNU General Public License version 3 can be
         found in /usr/share/common-licenses/GPL-3 (Goldseam's LICENSE is that text).
        """)


RELEASE = re.compile(r"^## (\S+) — (\d{4})-(\d{2})-(\d{2})$")


def debian_changelog() -> str:
    """CHANGELOG.md in the form Debian reads (/usr/share/doc/PACKAGE/changelog.gz of a package
    without a Debian revision): one entry per release, its lines as items, its date at the end."""
    entries, entry = [], None
    for line in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").splitlines():
        release = RELEASE.match(line)
        if release:
            version, *date = release.groups()
            entry = {"version": version, "date": datetime.date(*map(int, date)), "items": []}
            entries.append(entry)
        elif entry is not None and line.startswith("### "):
            entry["items"].append(("[", line[4:].strip()))
        elif entry is not None and line.startswith("- "):
            entry["items"].append(("*", line[2:].strip()))
        elif entry is not None and line.startswith("  ") and entry["items"] and entry["items"][-1][0] == "*":
            entry["items"][-1] = ("*", entry["items"][-1][1] + " " + line.strip())
        elif entry is not None and line.strip():
            entry["items"].append(("*", line.strip()))
    if not entries:
        raise SystemExit("make_deb: CHANGELOG.md names no release (## VERSION — YYYY-MM-DD)")
    text = []
    for entry in entries:
        text.append(f"{PACKAGE} ({entry['version']}) unstable; urgency=medium\n")
        for kind, words in entry["items"]:
            if kind == "[":
                text.append(f"  [ {words} ]")
            else:
                text.extend(textwrap.wrap(words, 78, initial_indent="  * ", subsequent_indent="    "))
        when = email.utils.format_datetime(datetime.datetime.combine(entry["date"], datetime.time(),
                                                                      datetime.timezone.utc))
        text.append(f"\n -- {MAINTAINER}  {when}\n")
    return "\n".join(text)


def release_years() -> str:
    years = sorted({match[2] for match in map(RELEASE.match, (ROOT / "CHANGELOG.md").read_text(
        encoding="utf-8").splitlines()) if match})
    return years[0] if len(years) < 2 else f"{years[0]}-{years[-1]}"


SHARED_LIBRARY = re.compile(r"\.so(\.[\d.]+)?$")


def normalise_modes(root: Path) -> None:
    """Folders 0755; programs 0755; everything else, shared libraries too, 0644 (whatever the
    umask and PyInstaller's copies made of them)."""
    for folder, folders, files in os.walk(root):
        for name in folders:
            path = Path(folder, name)
            if not path.is_symlink():
                path.chmod(0o755)
        for name in files:
            path = Path(folder, name)
            if not path.is_symlink():
                program = path.stat().st_mode & 0o111 and not SHARED_LIBRARY.search(name)
                path.chmod(0o755 if program else 0o644)
    root.chmod(0o755)


def installed_kib(root: Path) -> int:
    total = 0
    for path in root.rglob("*"):
        if path.relative_to(root).parts[0] == "DEBIAN":
            continue
        total += path.lstat().st_size if path.is_symlink() or path.is_file() else 0
    return (total + 1023) // 1024


def stage(bundle: Path, root: Path, icons: Path) -> None:
    if root.exists():
        shutil.rmtree(root)
    opt = root / INSTALL_FOLDER.lstrip("/")
    shutil.copytree(bundle, opt, symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / "goldseam").symlink_to(os.path.relpath(opt / "goldseam", root / "usr" / "bin"))
    subprocess.run([sys.executable, str(LINUX / "install_desktop.py"), "install", "--prefix", "/usr",
                    "--root", str(root), "--exec", f"{INSTALL_FOLDER}/goldseam", "--icons", str(icons),
                    "--gzip-man", "--no-refresh"], check=True, stdout=subprocess.DEVNULL)
    doc = root / "usr" / "share" / "doc" / PACKAGE
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(copyright_text(), encoding="utf-8")
    changes = debian_changelog().encode("utf-8")
    (doc / "changelog.gz").write_bytes(gzip.compress(changes, compresslevel=9, mtime=0))
    normalise_modes(root)


def control(root: Path, bundle: Path, version: str, arch: str) -> str:
    return "\n".join([
        f"Package: {PACKAGE}",
        f"Version: {version}",
        f"Architecture: {arch}",
        f"Maintainer: {MAINTAINER}",
        f"Installed-Size: {installed_kib(root)}",
        f"Depends: {', '.join(depends(bundle))}",
        "Section: utils",
        "Priority: optional",
        f"Homepage: {HOMEPAGE}",
        f"Description: {DESCRIPTION}",
    ]) + "\n"


def build(bundle: Path, icons: Path, output: Path, work: Path, compression: list[str]) -> Path:
    if not (bundle / "goldseam").is_file():
        raise SystemExit(f"make_deb: no bundle at {bundle} (make bundle builds it)")
    version, arch = package_constant("__version__"), architecture()
    root = work / "root"
    stage(bundle, root, icons)
    (root / "DEBIAN").mkdir(mode=0o755)
    (root / "DEBIAN" / "control").write_text(control(root, bundle, version, arch), encoding="utf-8")
    (root / "DEBIAN" / "control").chmod(0o644)
    output.mkdir(parents=True, exist_ok=True)
    deb = output / f"{PACKAGE}_{version}_{arch}.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", *compression, "--build", str(root), str(deb)],
                   check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(root)
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "goldseam")
    parser.add_argument("--icons", type=Path, default=ROOT / "build" / "icons",
                        help="the folder packaging/linux/make_icons.py rendered into (default: %(default)s)")
    parser.add_argument("--output", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "deb", help="the staging folder's parent")
    parser.add_argument("--compression", default="",
                        help='dpkg-deb\'s compression options, e.g. "-Zzstd -z9" (default: dpkg-deb\'s own, xz)')
    args = parser.parse_args(argv)
    print(build(args.bundle.resolve(), args.icons.resolve(), args.output.resolve(), args.work.resolve(),
                args.compression.split()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
