"""What a person gets who installs Goldseam from its wheel (not the checkout): the wheel and the
sdist carry the licence and say what they need, and the wheel installed with its default
dependencies into a fresh venv outside the clone runs (version, German, check, the window) without
PySide6-Addons, in at most 300 MiB.

Built once per module into a private temporary folder (CI runs two suites side by side: nothing is
shared between them), removed at the end. The install fetches the default dependencies the way a
person's pip does (from the package index); its cache lies in the temporary home of this module,
or in PIP_CACHE_DIR where that is set outside the real home folder, which is never touched."""

import email.parser
import json
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
VERSION = re.search(r'^__version__ = "([^"]+)"', (ROOT / "desktop/goldseam/__init__.py").read_text(), re.M).group(1)
REAL_HOME = Path(pwd.getpwuid(os.getuid()).pw_dir).resolve()
MiB = 2 ** 20
MOST_MIB = 300              # the default install's promise (issue 23: it was 701 MiB with PySide6-Addons)
PATIENCE_S = 120            # a limit for waiting, never a tolerance: a busy machine only takes longer
STILL_UP_S = 3              # the window, once its files are there, is still running this much later
TOOLS = {"pip", "setuptools"}   # the venv's own installer, not part of what Goldseam brings

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the venv's bin/ layout and SIGTERM")


def run(command, **kwargs):
    kwargs.setdefault("timeout", 300)
    return subprocess.run([str(part) for part in command], capture_output=True, text=True, **kwargs)


def outside_the_clone(path: Path) -> bool:
    return not path.resolve().is_relative_to(ROOT)


# Built by the test's own interpreter and its hatchling (offline); no wheel cache (pip would keep a wheel
# built from the sdist in the real home's cache otherwise).
BUILD_OPTIONS = ("--quiet", "--no-deps", "--no-build-isolation", "--no-cache-dir")


def builder_env(folder: Path) -> dict[str, str]:
    """The test's environment with a home folder of its own inside folder."""
    home = folder / "builder-home"
    home.mkdir(mode=0o700, exist_ok=True)
    env = {key: value for key, value in os.environ.items() if not (key.startswith("XDG_") and key.endswith("_HOME"))}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local/share"), XDG_STATE_HOME=str(home / ".local/state"))
    return env


@pytest.fixture(scope="module")
def workspace():
    folder = Path(tempfile.mkdtemp(prefix="goldseam-wheel-")).resolve()
    assert outside_the_clone(folder)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def wheel(workspace) -> Path:
    build = run([sys.executable, "-m", "pip", "wheel", *BUILD_OPTIONS, "-w", workspace / "dist", ROOT],
                cwd=workspace, env=builder_env(workspace))
    assert build.returncode == 0, build.stderr
    (built,) = (workspace / "dist").glob("goldseam-*.whl")
    assert built.name == f"goldseam-{VERSION}-py3-none-any.whl"
    return built


@pytest.fixture(scope="module")
def sdist(workspace) -> Path:
    build = run([sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", workspace / "sdist"], cwd=ROOT,
                env=builder_env(workspace))
    assert build.returncode == 0, build.stdout + build.stderr
    (built,) = (workspace / "sdist").glob("goldseam-*.tar.gz")
    assert built.name == f"goldseam-{VERSION}.tar.gz"
    return built


def metadata_of(wheel: Path):
    with zipfile.ZipFile(wheel) as archive:
        return email.parser.Parser().parsestr(archive.read(f"goldseam-{VERSION}.dist-info/METADATA").decode())


class Installed:
    """A venv outside the clone with the wheel installed as a person installs it."""

    def __init__(self, venv: Path):
        self.venv = venv
        self.bin = venv / "bin"
        self.size: dict = {}        # what the size probe found

    def env(self, home: Path, runtime: Path | None = None) -> dict[str, str]:
        """A person's environment: nothing of the checkout (no PYTHONPATH, PYTHONHOME, VIRTUAL_ENV,
        no folder of the clone on PATH, no GOLDSEAM_DATA_DIR), a home folder of its own."""
        env = {key: value for key, value in os.environ.items()
               if not key.startswith(("PYTHON", "GOLDSEAM_", "XDG_RUNTIME_DIR"))
               and not (key.startswith("XDG_") and key.endswith("_HOME"))
               and key not in ("VIRTUAL_ENV", "HOME", "PIP_CACHE_DIR", "__PYVENV_LAUNCHER__")}
        home.mkdir(mode=0o700, parents=True, exist_ok=True)
        env["HOME"] = str(home)
        for variable, below in (("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", ".local/share"),
                                ("XDG_STATE_HOME", ".local/state"), ("XDG_CACHE_HOME", ".cache")):
            env[variable] = str(home / below)
        if runtime is not None:
            env["XDG_RUNTIME_DIR"] = str(runtime)
        cache = os.environ.get("PIP_CACHE_DIR")
        if cache and not Path(cache).resolve().is_relative_to(REAL_HOME):
            env["PIP_CACHE_DIR"] = cache
        path = [entry for entry in env.get("PATH", "").split(os.pathsep) if entry and outside_the_clone(Path(entry))]
        env["PATH"] = os.pathsep.join([str(self.bin), *path])
        env["QT_QPA_PLATFORM"] = "offscreen"
        return env

    def run(self, command, home: Path, **kwargs):
        kwargs.setdefault("cwd", home)
        return run(command, env=self.env(home), **kwargs)


# Run by the venv's own Python: every distribution's files (its RECORD), and the whole of
# site-packages, pip and setuptools (and what they put at the top level) left out of the total.
SIZE_PROBE = r"""
import json, os, sys, sysconfig
from importlib import metadata

TOOLS = set(sys.argv[1].split(","))

def size_of(path):
    if not os.path.isdir(path) or os.path.islink(path):
        return os.lstat(path).st_size
    return sum(os.lstat(os.path.join(folder, name)).st_size for folder, _, files in os.walk(path) for name in files)

sites = sorted({os.path.realpath(sysconfig.get_path(kind)) for kind in ("purelib", "platlib")})
tools_top, distributions = set(), {}
for site in sites:
    for dist in metadata.distributions(path=[site]):
        name = dist.metadata["Name"]
        inside = [site + os.sep + str(f) for f in dist.files or () if not str(f).startswith("..")]
        if name.lower() in TOOLS:
            tools_top |= {os.path.join(site, str(f).split("/")[0]) for f in dist.files or ()
                          if not str(f).startswith("..")}
        else:
            distributions[name] = sum(os.lstat(f).st_size for f in inside if os.path.lexists(f))
total = sum(size_of(os.path.join(site, entry)) for site in sites for entry in os.listdir(site)
            if os.path.join(site, entry) not in tools_top)
print(json.dumps({"sites": sites, "total": total, "distributions": distributions,
                  "left_out": sorted(os.path.basename(p) for p in tools_top)}))
"""


@pytest.fixture(scope="module")
def installed(wheel, workspace) -> Installed:
    """A fresh venv in the module's temporary folder, the wheel installed with its default
    dependencies (no extras), from a folder outside the clone."""
    home = workspace / "installer-home"      # pip's cache lies here (unless PIP_CACHE_DIR is set elsewhere)
    installed = Installed(workspace / "venv")
    env = installed.env(home)
    made = run([sys.executable, "-m", "venv", installed.venv], env=env, cwd=home)
    assert made.returncode == 0, made.stderr
    pip = run([installed.bin / "python", "-m", "pip", "install", "--quiet", "--no-input", wheel], env=env, cwd=home,
              timeout=600)
    assert pip.returncode == 0, pip.stdout + pip.stderr
    measured = run([installed.bin / "python", "-c", SIZE_PROBE, ",".join(sorted(TOOLS))], env=env, cwd=home)
    assert measured.returncode == 0, measured.stderr
    installed.size = json.loads(measured.stdout)
    return installed


def test_wheel_carries_resources_and_finds_them(wheel, tmp_path):
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "site")
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        scripts = archive.read(entry_points).decode()
    assert "goldseam/resources/styles/calm.qss" in names
    assert "goldseam/resources/icons/goldseam.svg" in names
    assert "goldseam/resources/translations/de/LC_MESSAGES/goldseam.mo" in names    # compiled by the build hook
    assert "goldseam = goldseam.cli:main" in scripts and "goldseam-gui = goldseam.cli:main" in scripts
    probe = ("import gettext, goldseam, goldseam.resources as r; "
             "print(goldseam.__file__); print(r.resources_root()); print(len(r.read_text('styles/calm.qss'))); "
             "print(type(gettext.translation('goldseam', str(r.resource_path('translations')), ['de'])).__name__)")
    env = dict(os.environ, PYTHONPATH=str(tmp_path / "site"))
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env,
                            cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    module_file, root, size, german = result.stdout.split("\n")[:4]
    assert module_file.startswith(str(tmp_path / "site"))
    assert root == str(tmp_path / "site" / "goldseam" / "resources")
    assert int(size) > 100
    assert german == "GNUTranslations"


def test_wheel_carries_the_licence_and_leaves_addons_to_the_sound_extra(wheel):
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read(f"goldseam-{VERSION}.dist-info/licenses/LICENSE") == (ROOT / "LICENSE").read_bytes()
    metadata = metadata_of(wheel)
    assert metadata["Version"] == VERSION
    assert metadata["License-Expression"] == "GPL-3.0-or-later"
    assert metadata.get_all("License-File") == ["LICENSE"]
    assert "sound" in metadata.get_all("Provides-Extra")
    requirements = [Requirement(line) for line in metadata.get_all("Requires-Dist")]
    default = {canonicalize_name(r.name): r for r in requirements if r.marker is None or r.marker.evaluate({"extra": ""})}
    sound = [r for r in requirements if r.marker is not None and r.marker.evaluate({"extra": "sound"})
             and not r.marker.evaluate({"extra": ""})]
    # PySide6 (the whole binding) would bring Addons back too.
    assert not {"pyside6", "pyside6-addons"} & set(default), f"installed by default: {sorted(default)}"
    assert "pyside6-essentials" in default
    assert [(canonicalize_name(r.name), str(r.specifier)) for r in sound] == \
        [("pyside6-addons", str(default["pyside6-essentials"].specifier))], "Addons, same version as Essentials"


def test_sdist_carries_the_licence_and_builds_the_same_wheel(sdist, wheel, tmp_path):
    top = f"goldseam-{VERSION}"
    with tarfile.open(sdist) as archive:
        names = set(archive.getnames())
        assert archive.extractfile(f"{top}/LICENSE").read() == (ROOT / "LICENSE").read_bytes()
        pkg_info = email.parser.Parser().parsestr(archive.extractfile(f"{top}/PKG-INFO").read().decode())
    assert pkg_info["License-Expression"] == "GPL-3.0-or-later"
    include = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
    assert "LICENSE" in include
    present = [entry for entry in include if (ROOT / entry).exists()]   # CHANGELOG.md once it is written
    missing = [entry for entry in present
               if f"{top}/{entry}" not in names and not any(n.startswith(f"{top}/{entry}/") for n in names)]
    assert not missing, f"named in the sdist's include list but not in the sdist: {missing}"
    # Everything the wheel needs is in the sdist: a wheel built from it holds the same files.
    build = run([sys.executable, "-m", "pip", "wheel", *BUILD_OPTIONS, "-w", tmp_path, sdist], cwd=tmp_path,
                env=builder_env(tmp_path))
    assert build.returncode == 0, build.stderr
    (from_sdist,) = tmp_path.glob("goldseam-*.whl")
    with zipfile.ZipFile(from_sdist) as rebuilt, zipfile.ZipFile(wheel) as original:
        assert sorted(rebuilt.namelist()) == sorted(original.namelist())


def test_installed_says_its_version_and_speaks_german(installed, tmp_path):
    assert (installed.bin / "goldseam-gui").exists()
    version = installed.run([installed.bin / "goldseam", "--version"], tmp_path / "home")
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"goldseam {VERSION}"
    german = installed.run([installed.bin / "goldseam", "--lang", "de", "--help"], tmp_path / "home")
    assert german.returncode == 0, german.stderr
    assert german.stdout.startswith("Aufruf: goldseam"), german.stdout[:300]
    assert "Ein ruhiger, privater Begleiter" in german.stdout
    assert "usage:" not in german.stdout


def test_installed_checks_an_empty_folder(installed, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir(mode=0o700)
    check = installed.run([installed.bin / "goldseam", "--data-dir", empty, "check"], tmp_path / "home")
    assert check.returncode == 0, check.stdout + check.stderr
    assert str(empty) in check.stdout + check.stderr
    assert list(empty.iterdir()) == []              # a check reads; it creates nothing


def files_in(folder: Path) -> list[str]:
    """The data folder's files, lock files aside (the lock comes before anything is read)."""
    if not folder.exists():
        return []
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and p.suffix != ".lock")


def test_installed_window_stays_up_and_ends_on_sigterm(installed, tmp_path, runtime_dir):
    home, data = tmp_path / "home", tmp_path / "data"
    env = installed.env(home, runtime=runtime_dir)
    window = subprocess.Popen([str(installed.bin / "goldseam"), "--data-dir", str(data)], cwd=home, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + PATIENCE_S
        while not files_in(data) and window.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert window.poll() is None, f"ended with {window.returncode} before its files appeared: " + \
            window.communicate()[1][-2000:]
        assert files_in(data), f"no files in the data folder after {PATIENCE_S} s"
        time.sleep(STILL_UP_S)
        assert window.poll() is None, f"ended with {window.returncode} {STILL_UP_S} s after its files appeared: " + \
            window.communicate()[1][-2000:]
        window.send_signal(signal.SIGTERM)
        _out, err = window.communicate(timeout=PATIENCE_S)
    finally:
        if window.poll() is None:
            window.kill()
            window.communicate()
    assert window.returncode == 0, err[-2000:]
    assert "Traceback" not in err, err[-2000:]
    check = installed.run([installed.bin / "goldseam", "--data-dir", data, "check"], home)
    assert check.returncode == 0, check.stdout + check.stderr


def test_installed_runs_without_addons(installed, tmp_path):
    probe = ("import importlib.metadata as m, goldseam, PySide6, PySide6.QtWidgets\n"
             "print(goldseam.__file__); print(PySide6.__file__)\n"
             "for module in ('PySide6.QtMultimedia', 'PySide6.QtTextToSpeech'):\n"
             "    try:\n"
             "        __import__(module); print(module, 'loads')\n"
             "    except ImportError as error:\n"
             "        print(module, 'missing', type(error).__name__)\n"
             "try:\n"
             "    m.distribution('PySide6-Addons'); print('Addons installed')\n"
             "except m.PackageNotFoundError:\n"
             "    print('Addons not installed')\n")
    result = installed.run([installed.bin / "python", "-c", probe], tmp_path / "home")
    assert result.returncode == 0, result.stderr
    goldseam_file, pyside_file, multimedia, speech, addons = result.stdout.splitlines()
    site = Path(installed.size["sites"][0])
    assert Path(goldseam_file).resolve().is_relative_to(site), goldseam_file       # the wheel, not the checkout
    assert Path(pyside_file).resolve().is_relative_to(site), pyside_file
    assert multimedia == "PySide6.QtMultimedia missing ModuleNotFoundError"
    assert speech == "PySide6.QtTextToSpeech missing ModuleNotFoundError"
    assert addons == "Addons not installed"


def test_default_install_is_small(installed, capsys):
    total = installed.size["total"]
    parts = sorted(installed.size["distributions"].items(), key=lambda item: -item[1])
    figure = (f"default install: {total / MiB:.1f} MiB in site-packages ({', '.join(installed.size['left_out'])} "
              f"left out): " + ", ".join(f"{name} {size / MiB:.1f}" for name, size in parts))
    with capsys.disabled():
        print(f"\n{figure}")
    assert total <= MOST_MIB * MiB, f"{figure}; at most {MOST_MIB} MiB"
