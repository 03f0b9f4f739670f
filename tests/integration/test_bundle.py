"""The standalone program (packaging/pyinstaller/): the PyInstaller one-folder bundle runs on its own
(version, German, the window), carries its resources and not what it leaves out, its menu entry
installed against it starts it, and the .deb made from it is sound and installs, runs and
uninstalls cleanly.

Built once per session into a private temporary folder whose name holds a space (the menu entry
must quote the path): CI runs two suites side by side, and nothing is shared between them but the
system's package database, which a file lock in /tmp gives to one suite at a time. Every process
started here has a home, runtime folder and data folder of its own."""

import contextlib
import fcntl
import gzip
import importlib.util
import os
import re
import select
import shutil
import signal
import stat
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "pyinstaller" / "goldseam.spec"
VERSION = re.search(r'^__version__ = "([^"]+)"', (ROOT / "desktop/goldseam/__init__.py").read_text(), re.M).group(1)
APP_ID = "io.github.goldseam.Goldseam"
PATIENCE_S = 120            # a limit for waiting, never a tolerance: a busy machine only takes longer
STAYS_UP_S = 10             # the window, once up, is still running this much later
DEB_LOCK = Path("/tmp/goldseam-test-dpkg.lock")     # one suite at a time in the system's package database
MiB = 2 ** 20

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the bundle's tests and the .deb are Linux's"),
    pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None,
                       reason="PyInstaller is not installed (pip install -e '.[test]')"),
]

SIZES: dict[str, int] = {}      # printed at the end of the module


def load_make_deb():
    spec = importlib.util.spec_from_file_location("make_deb", ROOT / "packaging" / "pyinstaller" / "make_deb.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_deb = load_make_deb()


def run(command, **kwargs):
    kwargs.setdefault("timeout", 600)
    return subprocess.run([str(part) for part in command], capture_output=True, text=True, **kwargs)


def private_env(home: Path, runtime: Path | None = None) -> dict[str, str]:
    """The test's environment without anything of the checkout, the person or the desktop session:
    a home folder (and XDG folders below it) of its own, Qt headless."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTHON", "GOLDSEAM_", "XDG_", "QT_", "PYINSTALLER_"))
           and key not in ("HOME", "VIRTUAL_ENV", "DISPLAY", "WAYLAND_DISPLAY")}
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local/share"),
               XDG_STATE_HOME=str(home / ".local/state"), XDG_CACHE_HOME=str(home / ".cache"),
               QT_QPA_PLATFORM="offscreen")
    if runtime is not None:
        env["XDG_RUNTIME_DIR"] = str(runtime)
    return env


def size_of(folder: Path) -> int:
    """Bytes on disk, as du counts them."""
    return sum(p.lstat().st_blocks * 512 for p in [folder, *folder.rglob("*")])


@pytest.fixture(scope="session")
def workspace():
    folder = Path(tempfile.mkdtemp(prefix="goldseam bundle-")).resolve()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def bundle(workspace) -> Path:
    """dist/goldseam as `make bundle` builds it, built here into the workspace."""
    env = private_env(workspace / "builder-home")
    env["PYINSTALLER_CONFIG_DIR"] = str(workspace / "pyinstaller-cache")       # not the real home's cache
    build = run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                 "--distpath", workspace / "dist", "--workpath", workspace / "work", SPEC], cwd=workspace, env=env)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-5000:]
    built = workspace / "dist" / "goldseam"
    assert (built / "goldseam").is_file()
    SIZES["bundle"] = size_of(built)
    return built


@pytest.fixture(scope="session")
def icons(workspace) -> Path:
    """The hicolor PNGs, rendered as `make icons` renders them."""
    folder = workspace / "icons"
    made = run([sys.executable, ROOT / "packaging/linux/make_icons.py", folder],
               env=private_env(workspace / "icons-home"), cwd=workspace)
    assert made.returncode == 0, made.stderr
    return folder


@pytest.fixture(scope="session")
def deb(bundle, icons, workspace) -> Path:
    """The .deb as `make deb` builds it (zstd instead of xz: seconds instead of minutes)."""
    if shutil.which("dpkg-deb") is None or shutil.which("dpkg") is None:
        pytest.skip("dpkg-deb is not installed (Debian and its derivatives have it)")
    made = run([sys.executable, ROOT / "packaging/pyinstaller/make_deb.py", "--bundle", bundle, "--icons", icons,
                "--output", workspace / "deb", "--work", workspace / "deb-work", "--compression=-Zzstd"],
               env=private_env(workspace / "deb-home"), cwd=workspace)
    assert made.returncode == 0, made.stdout + made.stderr
    built = Path(made.stdout.strip())
    arch = run(["dpkg", "--print-architecture"]).stdout.strip()
    assert built == workspace / "deb" / f"goldseam_{VERSION}_{arch}.deb"
    SIZES["deb"] = built.stat().st_size
    return built


@pytest.fixture(scope="module", autouse=True)
def say_the_sizes(pytestconfig):
    """The figures the README gives, printed when the module ends."""
    yield
    if SIZES:
        with pytestconfig.pluginmanager.getplugin("capturemanager").global_and_fixture_disabled():
            print("\nstandalone program: " + ", ".join(f"{name} {size / MiB:.1f} MiB" for name, size in SIZES.items()))


# -- the window -------------------------------------------------------------------------------

def window_is_up(*folders: Path) -> bool:
    """Goldseam listens for a second start (a socket in the runtime or data folder) only once its
    window has been painted."""
    for folder in folders:
        try:
            if any(stat.S_ISSOCK(entry.lstat().st_mode) for entry in folder.iterdir()):
                return True
        except FileNotFoundError:
            continue
    return False


RUNTIME_FOLDERS: list[Path] = []


def short_runtime_folder() -> Path:
    """A private runtime folder, as a desktop session has, short enough for a socket path (the
    test's own folder is too long: Goldseam would fall back to one shared in /tmp)."""
    folder = Path(tempfile.mkdtemp(prefix="gs-run-"))
    RUNTIME_FOLDERS.append(folder)
    return folder


@pytest.fixture(scope="module", autouse=True)
def remove_runtime_folders():
    yield
    for folder in RUNTIME_FOLDERS:
        shutil.rmtree(folder, ignore_errors=True)


class Window:
    """Goldseam started as a process of the test's own, its output in a file (a pipe nobody reads
    could fill up and stop it)."""

    def __init__(self, command: list, tmp_path: Path, name: str, env: dict | None = None):
        home, self.data = tmp_path / f"{name}-home", tmp_path / f"{name}-data"
        self.runtime = short_runtime_folder()
        self.output = tmp_path / f"{name}-output.txt"
        command = [str(part) for part in command]
        with open(self.output, "wb") as output:
            self.process = subprocess.Popen([command[0], "--data-dir", str(self.data), *command[1:]], cwd=home,
                                            env={**private_env(home, self.runtime), **(env or {})},
                                            stdout=output, stderr=subprocess.STDOUT)

    def said(self) -> str:
        return self.output.read_text(encoding="utf-8", errors="replace")[-3000:]

    def wait_until_up(self) -> "Window":
        deadline = time.monotonic() + PATIENCE_S
        while not window_is_up(self.runtime, self.data) and self.process.poll() is None \
                and time.monotonic() < deadline:
            time.sleep(0.1)
        if self.process.poll() is not None:
            pytest.fail(f"ended with {self.process.returncode} before its window was up: {self.said()}")
        if not window_is_up(self.runtime, self.data):
            self.process.kill()
            self.process.wait()
            pytest.fail(f"no window after {PATIENCE_S} s: {self.said()}")
        return self

    def still_running(self) -> bool:
        return self.process.poll() is None

    def end(self) -> None:
        """SIGTERM, as a session's end sends it: Goldseam ends calmly with 0."""
        try:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=PATIENCE_S)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
        assert self.process.returncode == 0, self.said()
        assert "Traceback" not in self.said(), self.said()


@pytest.fixture(scope="module", autouse=True)
def first_window(bundle, tmp_path_factory):
    """The window of test_bundle_window_stays_up_and_ends_on_sigterm (the module's last test),
    started before the others so that its ten seconds pass while they run. Its failure to come up
    is kept for that test to report, not raised into every other one."""
    window = Window([bundle / "goldseam", "--lang", "de"], tmp_path_factory.mktemp("first"), "first")
    try:
        window.wait_until_up()
        window.up_at, window.failure = time.monotonic(), None
    except pytest.fail.Exception as failure:
        window.up_at, window.failure = None, str(failure)
    yield window
    if window.still_running():
        window.process.kill()
        window.process.wait()


# -- the bundle -------------------------------------------------------------------------------

def test_bundle_says_its_version_and_speaks_german(bundle, tmp_path):
    env = private_env(tmp_path / "home")
    version = run([bundle / "goldseam", "--version"], env=env, cwd=tmp_path)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"goldseam {VERSION}"
    german = run([bundle / "goldseam", "--lang", "de", "--help"], env=env, cwd=tmp_path)
    assert german.returncode == 0, german.stderr
    assert german.stdout.startswith("Aufruf: goldseam"), german.stdout[:300]
    assert "Ein ruhiger, privater Begleiter" in german.stdout
    assert "usage:" not in german.stdout


@contextlib.contextmanager
def x_server():
    """A private Xvfb: its display number is the first free one (-displayfd), so a suite beside
    this one gets another."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (Debian: xvfb)")
    reader, writer = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(writer), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
                              pass_fds=(writer,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(writer)
    try:
        with os.fdopen(reader, "rb") as answer:
            ready, _w, _x = select.select([answer], [], [], PATIENCE_S)
            number = answer.readline().strip() if ready else b""
        assert number.isdigit(), f"Xvfb did not say its display (ended with {server.poll()})"
        yield f":{number.decode()}"
    finally:
        server.terminate()
        server.wait(timeout=PATIENCE_S)


def test_bundle_window_opens_on_x11(bundle, tmp_path):
    """Qt's X11 platform and the libraries it loads, from the bundle, on a real X server."""
    with x_server() as display:
        window = Window([bundle / "goldseam"], tmp_path, "x11", env={"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"})
        window.wait_until_up().end()
    assert "Could not load the Qt platform plugin" not in window.said()


def test_programs_the_bundle_starts_get_the_systems_libraries(bundle, tmp_path):
    """The bootloader's LD_LIBRARY_PATH (the bundle's folder first) is for Goldseam alone: a system
    program it starts (here gsettings, asked whether the desktop wants less motion when the pause
    opens) loads the system's libraries."""
    tools = tmp_path / "tools"
    tools.mkdir()
    heard = tmp_path / "gsettings-heard.txt"
    fake = tools / "gsettings"
    fake.write_text(f"#!/bin/sh\necho \"${{LD_LIBRARY_PATH-unset}}\" >> '{heard}'\necho true\n")
    fake.chmod(0o755)
    path = os.pathsep.join([str(tools), os.environ.get("PATH", "/usr/bin:/bin")])
    window = Window([bundle / "goldseam", "pause"], tmp_path, "child",
                    env={"PATH": path, "LD_LIBRARY_PATH": "/elsewhere"})
    window.wait_until_up()
    deadline = time.monotonic() + PATIENCE_S
    while not heard.exists() and window.still_running() and time.monotonic() < deadline:
        time.sleep(0.1)
    window.end()
    assert heard.exists(), "the pause did not ask gsettings (system_motion.py) about motion: nothing to check"
    assert set(heard.read_text().splitlines()) == {"/elsewhere"}


def bundled(bundle: Path) -> list[str]:
    return sorted(str(p.relative_to(bundle)) for p in bundle.rglob("*"))


def test_bundle_carries_its_resources_where_the_wheel_has_them(bundle):
    resources = bundle / "_internal" / "goldseam" / "resources"
    for name in ("styles/calm.qss", "icons/goldseam.svg", "icons/check.svg", "sounds/chime.wav",
                 "translations/de/LC_MESSAGES/goldseam.mo"):
        assert (resources / name).is_file(), name
    sources = [name for name in bundled(bundle) if name.endswith((".po", ".pot")) or Path(name).name == "make_chime.py"]
    assert not sources, f"sources in the bundle: {sources}"
    assert not [p for p in bundle.rglob("*") if p.is_symlink() and not p.exists()], "links to what was left out"


def test_bundle_leaves_out_the_sound_extra_and_what_nothing_loads(bundle):
    names = bundled(bundle)
    qt = bundle / "_internal" / "PySide6" / "Qt"

    def present(pattern: str) -> list[str]:
        return [name for name in names if re.search(pattern, name)]

    assert not present(r"QtMultimedia|Qt6Multimedia|QtTextToSpeech|Qt6TextToSpeech|plugins/(multimedia|texttospeech)"
                       r"|libav(codec|format|util)|libpulse|libspeechd")
    assert not present(r"Qt6(Qml|Quick|Pdf|VirtualKeyboard|EglFS)|plugins/(egldeviceintegrations|generic|"
                       r"networkinformation|tls)/|platforms/libq(eglfs|linuxfb|minimal|vnc|vkkhrdisplay)")
    # What Goldseam does load stays: its SVG icons, X11, Wayland, offscreen, printing, the desktop's
    # theme, input methods (dead keys, umlauts), and Qt's own words in German.
    for kept in ("imageformats/libqsvg.so", "iconengines/libqsvgicon.so", "platforms/libqxcb.so",
                 "platforms/libqwayland.so", "platforms/libqoffscreen.so", "printsupport/libcupsprintersupport.so",
                 "platformthemes/libqgtk3.so", "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
                 "platforminputcontexts/libibusplatforminputcontextplugin.so"):
        assert (qt / "plugins" / kept).is_file(), kept
    spoken = {catalogue.stem for catalogue in (ROOT / "resources" / "translations").glob("*.po")}
    kept_qm = {p.name for p in (qt / "translations").iterdir()}
    assert "qtbase_de.qm" in kept_qm and kept_qm <= {f"qtbase_{language}.qm" for language in spoken}, kept_qm


def test_windows_version_resource_comes_from_the_package_version(bundle, workspace):
    """Made on every platform (used on Windows only): __version__'s numbers, nowhere a second copy."""
    text = (workspace / "work" / "goldseam" / "version_info.txt").read_text(encoding="utf-8")
    made = []

    def recorder(name):
        return lambda *args, **kwargs: made.append((name, args, kwargs))

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct", "VarFileInfo",
             "VarStruct")
    eval(text, {name: recorder(name) for name in names})  # noqa: S307 - the spec's own output, read as PyInstaller does
    fixed = next(k for name, _a, k in made if name == "FixedFileInfo")
    numbers = [int(re.match(r"\d*", part)[0] or 0) for part in VERSION.split(".")[:4]]
    numbers = tuple(numbers + [0] * (4 - len(numbers)))
    assert fixed["filevers"] == fixed["prodvers"] == numbers
    strings = {a[0]: a[1] for name, a, _k in made if name == "StringStruct"}
    assert strings["FileVersion"] == strings["ProductVersion"] == VERSION
    assert strings["ProductName"] == "Goldseam"


# -- the menu entry ---------------------------------------------------------------------------

def exec_arguments(value: str) -> list[str]:
    """An Exec value turned into arguments as a launcher does (Desktop Entry specification, "The
    Exec key"): string escapes first, then quoting, then the field codes."""
    value = re.sub(r"\\(.)", lambda m: {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(m[1], m[0]),
                   value)
    arguments, current, quoted, started, index = [], [], False, False, 0
    while index < len(value):
        char = value[index]
        if quoted:
            if char == "\\" and index + 1 < len(value) and value[index + 1] in '"`$\\':
                current.append(value[index + 1])
                index += 1
            elif char == '"':
                quoted = False
            else:
                current.append(char)
        elif char == '"':
            quoted = started = True
        elif char == " ":
            if started or current:
                arguments.append("".join(current))
            current, started = [], False
        else:
            current.append(char)
        index += 1
    assert not quoted, f"an unclosed quote in Exec={value}"
    if started or current:
        arguments.append("".join(current))
    return [argument.replace("%%", "%") for argument in arguments if argument not in ("%f", "%F", "%u", "%U")]


def desktop_entry_values(path: Path, key: str) -> dict[str, str]:
    """{group: value of key} for every group of a .desktop file that has the key."""
    values, group = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1]
        elif line.startswith(f"{key}="):
            values[group] = line[len(key) + 1:]
    return values


def test_menu_entry_installed_against_the_bundle_starts_it(bundle, icons, tmp_path):
    data_home = tmp_path / "xdg-data"
    installed = run([sys.executable, ROOT / "packaging/linux/install_desktop.py", "install", "--data-home", data_home,
                     "--exec", bundle / "goldseam", "--icons", icons, "--no-refresh"],
                    env=private_env(tmp_path / "installer-home"), cwd=tmp_path)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    entry = data_home / "applications" / f"{APP_ID}.desktop"
    lines = desktop_entry_values(entry, "Exec")
    assert " " in str(bundle)       # the workspace's name: the path needs the quoting a launcher undoes
    assert set(lines) == {"Desktop Entry", "Desktop Action repair", "Desktop Action pause", "Desktop Action review"}
    for group, value in lines.items():
        assert exec_arguments(value)[0] == str(bundle / "goldseam"), f"[{group}] Exec={value}"
    assert desktop_entry_values(entry, "TryExec")["Desktop Entry"] == str(bundle / "goldseam")
    Window(exec_arguments(lines["Desktop Entry"]), tmp_path, "menu").wait_until_up().end()


# -- the .deb ---------------------------------------------------------------------------------

def deb_fields(deb: Path) -> dict[str, str]:
    info = run(["dpkg-deb", "--field", deb])
    assert info.returncode == 0, info.stderr
    fields, key = {}, None
    for line in info.stdout.splitlines():
        if line.startswith(" ") and key:
            fields[key] += "\n" + line
        else:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return fields


def deb_contents(deb: Path) -> list[tuple[str, str, str, str]]:
    """(mode, owner, path, link target) for every entry of the package."""
    listing = run(["dpkg-deb", "--contents", deb])
    assert listing.returncode == 0, listing.stderr
    entries = []
    for line in listing.stdout.splitlines():
        mode, owner, _size, _date, _time, rest = line.split(None, 5)
        path, _, target = rest.partition(" -> ")
        entries.append((mode, owner, path.removeprefix("."), target))
    return entries


def test_deb_says_what_it_is_and_needs(deb, bundle):
    fields = deb_fields(deb)
    assert fields["Package"] == "goldseam"
    assert fields["Version"] == VERSION
    assert fields["Architecture"] == run(["dpkg", "--print-architecture"]).stdout.strip()
    assert fields["Maintainer"] == "Goldseam <goldseam@users.noreply.github.com>"
    assert fields["Homepage"] == "https://github.com/goldseam/goldseam"
    assert fields["Priority"] == "optional" and fields["Section"]
    assert fields["Description"].splitlines()[0].strip() and len(fields["Description"].splitlines()) > 2
    assert abs(int(fields["Installed-Size"]) * 1024 - SIZES["bundle"]) < 0.1 * SIZES["bundle"]
    depends = {re.match(r"[\w.+-]+", part.strip())[0] for part in fields["Depends"].split(",")}
    assert re.search(r"libc6 \(>= 2\.\d+\)", fields["Depends"])
    assert {"libegl1", "libgl1", "libxcb1", "fontconfig-config", "xkb-data"} <= depends
    # Every library the bundle links to and does not carry comes from a package it depends on.
    external, _glibc = make_deb.system_needs(bundle)
    cache = run(["ldconfig", "-p"]).stdout
    owners = {}
    for name in sorted(external):
        found = re.search(rf"^\s*{re.escape(name)} \(.*\) => (\S+)$", cache, re.M)
        if not found:
            continue        # not on this machine: its package is named from make_deb's table alone
        real = os.path.realpath(found[1])
        for candidate in (real, real.removeprefix("/usr"), "/usr" + real):     # /lib is /usr/lib (merged /usr)
            owner = run(["dpkg-query", "-S", candidate])
            if owner.returncode == 0:
                owners[name] = owner.stdout.split(":")[0]
                break
    assert owners, "no library of the bundle's needs found on this machine"
    assert not {name: package for name, package in owners.items() if package not in depends}, owners


def test_deb_holds_the_bundle_and_the_desktop_files_owned_by_root(deb):
    entries = deb_contents(deb)
    paths = {path: (mode, owner, target) for mode, owner, path, target in entries}
    assert not [path for mode, owner, path, _t in entries if owner != "root/root"], "files not owned by root"
    assert not [path for mode, _o, path, _t in entries if not mode.startswith("l")
                and (mode[3] in "sS" or mode[6] in "sS" or "w" in (mode[5], mode[8]))], "set-id or writable by others"
    assert paths["/opt/goldseam/goldseam"][0] == "-rwxr-xr-x"
    link_mode, _owner, link_target = paths["/usr/bin/goldseam"]
    assert link_mode.startswith("l") and link_target == "../../opt/goldseam/goldseam"
    for path in (f"/usr/share/applications/{APP_ID}.desktop", f"/usr/share/metainfo/{APP_ID}.metainfo.xml",
                 f"/usr/share/icons/hicolor/16x16/apps/{APP_ID}.png",
                 f"/usr/share/icons/hicolor/512x512/apps/{APP_ID}.png",
                 f"/usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg", "/usr/share/man/man1/goldseam.1.gz",
                 "/usr/share/bash-completion/completions/goldseam", "/usr/share/zsh/vendor-completions/_goldseam",
                 "/usr/share/fish/vendor_completions.d/goldseam.fish", "/usr/share/doc/goldseam/copyright",
                 "/usr/share/doc/goldseam/changelog.gz",
                 "/opt/goldseam/_internal/goldseam/resources/styles/calm.qss"):
        assert paths.get(path, ("",))[0] == "-rw-r--r--", path
    assert not [path for path in paths if path.endswith((".po", ".pot", "make_chime.py"))]
    outside = [path for path in paths if not path.startswith(("/opt/goldseam", "/usr/bin/goldseam", "/usr/share/"))
               and path not in ("/", "/opt/", "/usr/", "/usr/bin/")]
    assert not outside, outside
    shared = [path for mode, _o, path, _t in entries if re.search(r"\.so(\.[\d.]+)?$", path) and "x" in mode
              and not mode.startswith("l")]
    assert not shared, f"shared libraries marked executable: {shared[:5]}"
    copyright_file = member_of(deb, "./usr/share/doc/goldseam/copyright").decode("utf-8")
    assert "License: GPL-3.0-or-later" in copyright_file and "/usr/share/common-licenses/GPL-3" in copyright_file
    changelog = gzip.decompress(member_of(deb, "./usr/share/doc/goldseam/changelog.gz")).decode("utf-8")
    assert changelog.startswith(f"goldseam ({VERSION}) "), changelog[:200]      # CHANGELOG.md's newest release
    debians_copy = Path("/usr/share/common-licenses/GPL-3")     # what the copyright file points to
    if debians_copy.exists():
        assert (ROOT / "LICENSE").read_text(encoding="utf-8").split() == debians_copy.read_text().split()


def member_of(deb: Path, name: str) -> bytes:
    """One file of the package's data, read from dpkg-deb's tar stream."""
    with subprocess.Popen(["dpkg-deb", "--fsys-tarfile", str(deb)], stdout=subprocess.PIPE) as reader:
        with tarfile.open(fileobj=reader.stdout, mode="r|") as archive:
            for member in archive:
                if member.name == name:
                    data = archive.extractfile(member).read()
                    break
            else:
                pytest.fail(f"{name} is not in {deb.name}")
        reader.stdout.close()
        reader.kill()
    return data


def test_deb_installs_runs_and_uninstalls_cleanly(deb, tmp_path):
    if os.geteuid() != 0:
        pytest.skip("installing a .deb needs root (CI runs as root on Debian)")
    if shutil.which("dpkg") is None or not Path("/var/lib/dpkg/status").exists():
        pytest.skip("no dpkg database here")
    entries = deb_contents(deb)
    DEB_LOCK.touch(exist_ok=True)
    with open(DEB_LOCK) as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)        # the other suite's install, if any, ends first
        status = run(["dpkg-query", "-W", "-f", "${Status}", "goldseam"]).stdout
        if status and not status.endswith("not-installed"):
            pytest.skip(f"a goldseam package is on this machine already ({status}): the test leaves it alone")
        needed = [re.match(r"[\w.+-]+", part.strip())[0] for part in deb_fields(deb)["Depends"].split(",")]
        missing = [package for package in needed
                   if run(["dpkg-query", "-W", "-f", "${Status}", package]).stdout != "install ok installed"]
        assert not missing, f"the .deb depends on packages this machine lacks (apt-get install {' '.join(missing)})"
        there_before = {path for _m, _o, path, _t in entries if os.path.lexists(path.rstrip("/") or "/")}
        try:
            install = run(["dpkg", "-i", deb], timeout=PATIENCE_S * 2)
            assert install.returncode == 0, install.stdout + install.stderr
            env = private_env(tmp_path / "home")
            version = run(["/usr/bin/goldseam", "--version"], env=env, cwd=tmp_path)
            assert version.returncode == 0, version.stderr
            assert version.stdout.strip() == f"goldseam {VERSION}"
            german = run(["/usr/bin/goldseam", "--lang", "de", "--help"], env=env, cwd=tmp_path)
            assert german.stdout.startswith("Aufruf: goldseam"), german.stdout[:300] + german.stderr[-2000:]
            entry = Path(f"/usr/share/applications/{APP_ID}.desktop")
            command = exec_arguments(desktop_entry_values(entry, "Exec")["Desktop Entry"])
            assert command == ["/opt/goldseam/goldseam"]
            Window(command, tmp_path, "installed").wait_until_up().end()
            SIZES["installed"] = size_of(Path("/opt/goldseam"))
        finally:
            removed = run(["dpkg", "--purge", "goldseam"], timeout=PATIENCE_S * 2)
        assert removed.returncode == 0, removed.stdout + removed.stderr
    left = sorted(path for _m, _o, path, _t in entries
                  if path not in there_before and os.path.lexists(path.rstrip("/")))
    assert not left, f"left behind after dpkg --purge: {left}"
    assert run(["dpkg-query", "-W", "-f", "${Status}", "goldseam"]).stdout in ("", "unknown ok not-installed")


# -- last: the first window, up for ten seconds ----------------------------------------------

def test_bundle_window_stays_up_and_ends_on_sigterm(first_window, bundle):
    window = first_window
    if window.failure:
        pytest.fail(window.failure)
    # Qt's own words (Cancel, Close, the file dialog) in German: the one Qt catalogue the bundle keeps
    mapped = Path(f"/proc/{window.process.pid}/maps").read_text()
    assert str(bundle / "_internal/PySide6/Qt/translations/qtbase_de.qm") in mapped
    time.sleep(max(0.0, window.up_at + STAYS_UP_S - time.monotonic()))
    assert window.still_running(), f"ended within {STAYS_UP_S} s of its window: {window.said()}"
    window.end()
