"""The Linux desktop integration (packaging/linux/): the .desktop file and the AppStream metainfo
pass their validators, and stay in step with the program (its version, its commands and options,
its German words); the icons fill their canvas at every size; the man page and the completions
know every command and option; `make install-desktop` and `make uninstall-desktop` put the files
in place and take exactly them away again, in a home folder of the test's own."""

from __future__ import annotations

import argparse
import configparser
import gzip
import importlib.util
import os
import re
import shlex
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from goldseam import APP_ID, __version__
from goldseam.cli import build_parser

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MAN_PAGE = LINUX / "goldseam.1"
COMPLETIONS = LINUX / "completions"
SCREENSHOTS = REPO / "packaging" / "screenshots"
SCREENSHOT_URL = "https://raw.githubusercontent.com/goldseam/goldseam/main/packaging/screenshots/"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module          # a dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


install_desktop = _load("goldseam_install_desktop", LINUX / "install_desktop.py")


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian package {package}; .ci/run installs it)")
    return path


def _isolated_env(home: Path) -> dict[str, str]:
    """The environment with a home folder of the test's own: nothing reaches the real one."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("XDG_") and key not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"),
               XDG_STATE_HOME=str(home / ".local" / "state"))
    return env


# --- what the program knows: the expectations are read from its own parser --------------------

def _parser_parts() -> tuple[list[str], dict[str, argparse.ArgumentParser]]:
    parser = build_parser()
    options = [s for action in parser._actions for s in action.option_strings]
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    return options, dict(commands)


def _command_words(command: argparse.ArgumentParser) -> tuple[list[str], list[str]]:
    """A command's options, and the fixed words it or its options take (lock actions, formats)."""
    options, words = [], []
    for action in command._actions:
        options += action.option_strings
        if action.choices:
            words += list(action.choices)
    return options, words


def _desktop_entry(text: str) -> configparser.ConfigParser:
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str         # keys are case-sensitive
    entry.read_string(text)
    return entry


# --- the .desktop file ------------------------------------------------------------------------

def test_the_desktop_file_validates():
    validate = _tool("desktop-file-validate", "desktop-file-utils")
    done = subprocess.run([validate, str(DESKTOP)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and not done.stdout.strip() and not done.stderr.strip(), done.stdout + done.stderr


def test_the_desktop_file_names_the_app_and_its_actions_in_the_apps_own_words():
    po = _load("goldseam_po", REPO / "packaging" / "i18n" / "po.py")
    _header, entries = po.read(REPO / "resources" / "translations" / "de.po")
    german = {entry.msgid: entry.msgstr[0] for entry in entries}
    entry = _desktop_entry(DESKTOP.read_text(encoding="utf-8"))
    main = entry["Desktop Entry"]
    assert main["Icon"] == APP_ID == DESKTOP.stem       # the id Qt gives the window (setDesktopFileName)
    assert main["StartupWMClass"] == "Goldseam"
    assert main["Exec"] == main["TryExec"] == "goldseam"
    assert main["Keywords"] and main["Keywords[de]"] and main["Comment[de]"] and main["GenericName[de]"]
    _options, commands = _parser_parts()
    actions = [a for a in main["Actions"].split(";") if a]
    assert {entry[f"Desktop Action {a}"]["Name"]: entry[f"Desktop Action {a}"]["Exec"] for a in actions} == {
        "Begin a repair": "goldseam repair", "Take a pause": "goldseam pause", "Look back": "goldseam review"}
    for action in actions:
        group = entry[f"Desktop Action {action}"]
        assert group["Exec"].split()[1] in commands
        assert group["Name[de]"] == german[group["Name"]], f"{action}: the window says {german[group['Name']]!r}"


# --- the AppStream metainfo -------------------------------------------------------------------

def test_the_metainfo_validates_without_warnings():
    appstreamcli = _tool("appstreamcli", "appstream")
    done = subprocess.run([appstreamcli, "validate", "--no-net", "--explain", str(METAINFO)],
                          capture_output=True, text=True, timeout=60)
    said = done.stdout + done.stderr
    assert done.returncode == 0, said
    assert not re.search(r"^[EW]: ", said, re.MULTILINE), said


def test_the_metainfo_is_in_step_with_the_program():
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.find("launchable[@type='desktop-id']").text == DESKTOP.name
    assert component.find("releases/release").get("version") == __version__   # the newest comes first
    assert component.findtext("provides/binary") == "goldseam"
    assert component.findtext("project_license") == "GPL-3.0-or-later"
    assert component.find("content_rating").get("type") == "oars-1.1"


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


def test_every_screenshot_of_the_metainfo_is_in_the_repository():
    screenshots = ET.parse(METAINFO).getroot().findall("screenshots/screenshot")
    assert len(screenshots) >= 3
    default = [s for s in screenshots if s.get("type") == "default"]
    assert len(default) == 1 and default[0].findtext("image").endswith("/home-light-en.png")
    for screenshot in screenshots:
        assert screenshot.findtext("caption")
        image = screenshot.find("image")
        assert image.text.startswith(SCREENSHOT_URL), image.text
        picture = SCREENSHOTS / image.text.removeprefix(SCREENSHOT_URL)
        assert picture.is_file(), f"{picture.name} is not in packaging/screenshots"
        assert _png_size(picture) == (int(image.get("width")), int(image.get("height"))), picture.name


# --- the man page -----------------------------------------------------------------------------

def _troff(word: str) -> str:
    return word.replace("-", r"\-")


def test_the_man_page_names_every_command_and_option():
    page = MAN_PAGE.read_text(encoding="utf-8")
    options, commands = _parser_parts()
    missing = [o for o in options if _troff(o) not in page]
    sections = re.split(r"^\.SH ", page, flags=re.MULTILINE)
    described = next(s for s in sections if s.startswith("COMMANDS"))
    for name, command in commands.items():
        if not re.search(rf"^\.(?:TP\n\.)?B[IR]? {re.escape(name)}\b", described, re.MULTILINE):
            missing.append(f"the command {name}")
        command_options, words = _command_words(command)
        missing += [f"{name} {o}" for o in command_options if _troff(o) not in described + page]
        missing += [f"{name} {w}" for w in words if not re.search(rf"\b{re.escape(w)}\b", described)]
    assert not missing, f"goldseam.1 does not name: {', '.join(missing)}"
    assert f'"Goldseam {__version__}"' in page.split("\n.SH", 1)[0]
    for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "FILES", "ENVIRONMENT",
                    "EXIT STATUS", "PRIVACY", "SEE ALSO"):
        assert f"\n.SH {section}\n" in page, section


def test_the_man_page_has_no_warnings():
    groff = _tool("groff", "groff-base")
    done = subprocess.run([groff, "-man", "-ww", "-z", str(MAN_PAGE)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and not done.stderr, done.stderr
    mandoc = shutil.which("mandoc")
    if mandoc:
        done = subprocess.run([mandoc, "-Tlint", "-W", "warning", str(MAN_PAGE)], capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 0, done.stdout + done.stderr


# --- the completions --------------------------------------------------------------------------

def _bash_cases() -> list[tuple[list[str], list[str]]]:
    """(the words typed, the last one being completed; what must be offered), from the parser."""
    options, commands = _parser_parts()
    cases = [(["goldseam", ""], list(commands)), (["goldseam", "-"], options),
             (["goldseam", "--data-dir", "/tmp", ""], list(commands)),
             (["goldseam", "--lang", "de", "--passphrase-stdin", ""], list(commands))]
    for name, command in commands.items():
        command_options, words = _command_words(command)
        cases.append((["goldseam", name, "-"], command_options))
        for action in command._actions:
            if action.choices and action.option_strings:
                cases.append((["goldseam", name, action.option_strings[-1], ""], list(action.choices)))
            elif action.choices:
                cases.append((["goldseam", name, ""], list(action.choices)))
    return cases


def test_the_bash_completion_offers_every_command_option_and_word():
    bash = _tool("bash", "bash")
    cases = _bash_cases()
    script = [f"source {shlex.quote(str(COMPLETIONS / 'goldseam.bash'))}",
              'complete -p goldseam >/dev/null || echo "not registered for goldseam"']
    for number, (words, _offered) in enumerate(cases):
        script += [f"COMP_WORDS=({' '.join(shlex.quote(w) for w in words)}); COMP_CWORD={len(words) - 1}",
                   f"COMPREPLY=(); _goldseam; printf '{number}\\t%s\\n' \"${{COMPREPLY[@]}}\""]
    done = subprocess.run([bash, "--norc", "--noprofile", "-c", "\n".join(script)], capture_output=True,
                          text=True, timeout=60, cwd=REPO)
    assert done.returncode == 0 and not done.stderr and "not registered" not in done.stdout, done.stdout + done.stderr
    offered: dict[int, set[str]] = {}
    for line in done.stdout.splitlines():
        number, _tab, word = line.partition("\t")
        offered.setdefault(int(number), set()).add(word)
    for number, (words, expected) in enumerate(cases):
        assert set(expected) <= offered.get(number, set()), f"{' '.join(words)!r}: {offered.get(number)}"


def test_the_bash_completion_completes_files_and_folders(tmp_path):
    bash = _tool("bash", "bash")
    (tmp_path / "a folder").mkdir()
    (tmp_path / "an export.json").write_text("{}")
    script = f"""source {shlex.quote(str(COMPLETIONS / 'goldseam.bash'))}
        for words in "goldseam import an" "goldseam export -o an" "goldseam --data-dir a"; do
            read -ra COMP_WORDS <<< "$words"; COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
            COMPREPLY=(); _goldseam; echo "$words: $(printf '%s|' "${{COMPREPLY[@]}}")"
        done"""
    done = subprocess.run([bash, "--norc", "--noprofile", "-c", script], capture_output=True, text=True,
                          timeout=60, cwd=tmp_path)
    assert done.stdout.splitlines() == ["goldseam import an: an export.json|",
                                        "goldseam export -o an: an export.json|",
                                        "goldseam --data-dir a: a folder|"], done.stdout + done.stderr


# What zsh's completion offers for each text typed before Tab: one pseudo-terminal per text, all at
# once, each an interactive `zsh -f` (no rc file read) with the folder of _goldseam first in fpath.
ZSH_OFFERS = r"""
zmodload zsh/zpty
folder=$1; shift
integer n=0
for typed in "$@"; do
  (( n++ ))
  zpty z$n zsh -f -i
  zpty -w z$n "PS1= ; fpath=(${(q)folder} \$fpath); autoload -U compinit; compinit -u -D"
  zpty -w z$n 'compprefuncs=( _cap_start ); comppostfuncs=( _cap_end )'
  zpty -w z$n '_cap_start(){ compadd(){ local -a _args; builtin compadd -O _args "$@";
    for a in $_args; do print -r -- "OFF""ERED:$a"; done; builtin compadd "$@"; } }'
  zpty -w z$n '_cap_end(){ print -r -- "DO""NE:"; }'
  zpty -w z$n "bindkey '^I' complete-word"
  zpty -n -w z$n "$typed"$'\t'
done
for (( i = 1; i <= n; i++ )); do
  print -r -- "CASE:$i"
  while zpty -r z$i line; do
    [[ $line == *'DONE:'* ]] && break
    [[ $line == *'OFFERED:'* ]] && print -r -- ${${line#*OFFERED:}%%$'\r'*}
  done
  zpty -d z$i
done
"""


def test_the_zsh_completion_offers_every_command_option_and_word(tmp_path):
    zsh = _tool("zsh", "zsh")
    cases = _bash_cases()
    done = subprocess.run([zsh, "-f", "-c", ZSH_OFFERS, "zsh", str(COMPLETIONS), *(" ".join(w) for w, _o in cases)],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path, env=_isolated_env(tmp_path))
    offered: dict[int, set[str]] = {}
    number = 0
    for line in done.stdout.splitlines():
        if line.startswith("CASE:"):
            number = int(line.removeprefix("CASE:")) - 1
            offered[number] = set()
        else:
            offered[number].add(line)
    for number, (words, expected) in enumerate(cases):
        assert set(expected) <= offered.get(number, set()), f"{' '.join(words)!r}: {offered.get(number)}"


@pytest.mark.parametrize("name", ["_goldseam", "goldseam.fish"])
def test_the_zsh_and_fish_completions_name_every_command_option_and_word(name):
    text = (COMPLETIONS / name).read_text(encoding="utf-8")
    options, commands = _parser_parts()
    words = options + list(commands)
    for command in commands.values():
        command_options, choices = _command_words(command)
        words += command_options + choices
    missing = sorted({w for w in words                 # fish names options without their dashes (-l data-dir)
                      if not any(re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text)
                                 for form in (w, w.lstrip("-")))})
    assert not missing, f"{name} does not complete: {missing}"


@pytest.mark.parametrize("shell, name", [("zsh", "_goldseam"), ("fish", "goldseam.fish")])
def test_the_zsh_and_fish_completions_parse(shell, name):
    program = _tool(shell, shell)
    done = subprocess.run([program, "-n", str(COMPLETIONS / name)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and not done.stderr, done.stderr


def test_the_fish_completion_offers_every_command(tmp_path):
    fish = _tool("fish", "fish")
    _options, commands = _parser_parts()
    done = subprocess.run(
        [fish, "--no-config", "-c", f"source {shlex.quote(str(COMPLETIONS / 'goldseam.fish'))}; "
                                    "complete -C 'goldseam '; echo ===; complete -C 'goldseam lock '"],
        capture_output=True, text=True, timeout=60, env=_isolated_env(tmp_path))
    first, _sep, lock = done.stdout.partition("===\n")
    assert {line.split("\t")[0] for line in first.splitlines()} >= set(commands), done.stdout + done.stderr
    assert {line.split("\t")[0] for line in lock.splitlines()} == set(_command_words(commands["lock"])[1])


# --- the icons --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def rendered_icons(tmp_path_factory) -> Path:
    """make_icons.py run as the build runs it, once for the tests of this module."""
    output = tmp_path_factory.mktemp("icons")
    done = subprocess.run([sys.executable, str(LINUX / "make_icons.py"), str(output)], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    return output


def _pixels(path: Path):
    """Width, height and the (red, green, blue, alpha) rows of a PNG, read by Qt."""
    from PySide6.QtGui import QImage

    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGBA8888)
    data = bytes(image.constBits())[: image.sizeInBytes()]
    line = image.bytesPerLine()
    rows = [data[y * line: y * line + 4 * image.width()] for y in range(image.height())]
    return image.width(), image.height(), rows


@pytest.mark.parametrize("size", SIZES)
def test_the_icon_fills_its_canvas_at_every_size(rendered_icons, size):
    width, height, rows = _pixels(rendered_icons / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png")
    assert (width, height) == (size, size)
    filled_rows = [y for y, row in enumerate(rows) if any(row[3::4])]
    filled_columns = [x for x in range(width) if any(row[4 * x + 3] for row in rows)]
    assert filled_rows and filled_columns, "nothing was drawn"
    tall = (filled_rows[-1] - filled_rows[0] + 1) / height
    wide = (filled_columns[-1] - filled_columns[0] + 1) / width
    assert tall >= 0.85 and wide >= 0.85, f"{size} px: the bowl covers {wide:.0%} of the width, {tall:.0%} of the height"


def test_the_gold_seam_shows_at_16_pixels(rendered_icons):
    _width, _height, rows = _pixels(rendered_icons / "hicolor" / "16x16" / "apps" / f"{APP_ID}.png")
    gold = 0
    for row in rows:
        for x in range(0, len(row), 4):
            red, green, blue, alpha = row[x: x + 4]
            gold += alpha == 255 and red >= 150 and red - blue >= 80 and red >= green >= blue
    assert gold >= 8, f"only {gold} gold pixels at 16 px: the seam vanishes"


def test_the_scalable_and_symbolic_icons(rendered_icons):
    hicolor = rendered_icons / "hicolor"
    assert (hicolor / "scalable" / "apps" / f"{APP_ID}.svg").read_bytes() == \
        (REPO / "resources" / "icons" / "goldseam.svg").read_bytes()
    symbolic = hicolor / "symbolic" / "apps" / f"{APP_ID}-symbolic.svg"
    root = ET.parse(symbolic).getroot()
    assert root.get("viewBox") == "0 0 16 16"
    colours = {element.get(attribute) for element in root.iter() for attribute in ("fill", "stroke")
               if element.get(attribute) not in (None, "none")}
    assert colours == {"#2e3436"}, f"a symbolic icon has one colour, the desktop recolours it: {colours}"


# --- installing and removing ------------------------------------------------------------------

def _snapshot(folder: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None) for p in sorted(folder.rglob("*"))}


def test_install_desktop_then_uninstall_desktop_leaves_the_home_folder_as_it_was(tmp_path, rendered_icons):
    make = _tool("make", "make")
    home = tmp_path / "home"
    env = _isolated_env(home)
    share = Path(env["XDG_DATA_HOME"])
    # What a person already has: another app's menu entry, and Goldseam's own data folder.
    (share / "applications").mkdir(parents=True)
    (share / "applications" / "other.desktop").write_text("[Desktop Entry]\nType=Application\nName=Other\n")
    (share / "Goldseam").mkdir()
    (share / "Goldseam" / "settings.json").write_text("{}")
    before = _snapshot(home)
    venv = Path(sys.prefix)
    icons = tmp_path / "icons"
    shutil.copytree(rendered_icons, icons)
    (icons / ".rendered").touch()       # make's stamp: already rendered, and newer than the SVGs
    common = [make, "--no-print-directory", "-C", str(REPO), "-o", str(venv / ".goldseam-installed"),
              f"VENV={venv}", f"PYTHON={sys.executable}", f"DESKTOP_ICONS={icons}"]

    done = subprocess.run(common + ["install-desktop"], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    installed = [target for _source, target in install_desktop.planned(install_desktop.user_layout(share))]
    assert len(installed) == 8 + len(SIZES) and all(t.is_file() for t in installed), done.stdout
    assert (share / "bash-completion" / "completions" / "goldseam").is_file()
    assert (share / "zsh" / "site-functions" / "_goldseam").is_file()
    assert (share / "fish" / "vendor_completions.d" / "goldseam.fish").is_file()
    assert (share / "man" / "man1" / "goldseam.1").read_bytes() == MAN_PAGE.read_bytes()
    menu_entry = share / "applications" / DESKTOP.name
    entry = _desktop_entry(menu_entry.read_text(encoding="utf-8"))
    program = str(venv / "bin" / "goldseam")
    execs = [entry[group]["Exec"] for group in entry.sections()]
    assert execs and all(shlex.split(e)[0] == program for e in execs), execs
    assert entry["Desktop Entry"]["TryExec"] == program
    validate = shutil.which("desktop-file-validate")
    if validate:
        checked = subprocess.run([validate, str(menu_entry)], capture_output=True, text=True, timeout=60)
        assert checked.returncode == 0 and not checked.stdout, checked.stdout

    done = subprocess.run(common + ["uninstall-desktop"], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _snapshot(home) == before


@pytest.mark.parametrize("program, written", [
    ("/opt/goldseam/goldseam", "/opt/goldseam/goldseam"),
    ("/home/someone/My Apps/goldseam", '"/home/someone/My Apps/goldseam"'),
    ("/srv/gold$eam/100%/goldseam", '"/srv/gold\\\\$eam/100%%/goldseam"'),
])
def test_the_program_is_quoted_as_the_desktop_entry_specification_asks(program, written):
    assert install_desktop.exec_argument(program) == written
    text = install_desktop.with_program(DESKTOP.read_text(encoding="utf-8"), program)
    assert f"\nExec={written} repair\n" in text and f"\nTryExec={program}\n" in text


def test_a_package_layout_under_a_staging_root(tmp_path, rendered_icons):
    root = tmp_path / "root"
    args = ["--prefix", "/usr", "--root", str(root), "--icons", str(rendered_icons), "--gzip-man"]
    script = str(LINUX / "install_desktop.py")
    done = subprocess.run([sys.executable, script, "install", *args, "--exec", "/opt/goldseam/goldseam"],
                          capture_output=True, text=True, timeout=60, env=_isolated_env(tmp_path / "home"))
    assert done.returncode == 0, done.stderr
    listed = subprocess.run([sys.executable, script, "list", *args], capture_output=True, text=True, timeout=60)
    files = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    assert files == sorted(str(Path(line).relative_to(root)) for line in listed.stdout.splitlines())
    share = root / "usr" / "share"
    assert "Exec=/opt/goldseam/goldseam pause" in (share / "applications" / DESKTOP.name).read_text()
    assert gzip.decompress((share / "man" / "man1" / "goldseam.1.gz").read_bytes()) == MAN_PAGE.read_bytes()
    assert (share / "zsh" / "vendor-completions" / "_goldseam").is_file()
    assert (share / "icons" / "hicolor" / "512x512" / "apps" / f"{APP_ID}.png").is_file()
    assert not (tmp_path / "home").exists()     # a staging install touches no home folder
    done = subprocess.run([sys.executable, script, "uninstall", "--prefix", "/usr", "--root", str(root)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and not any(root.rglob("*.*")), done.stderr
