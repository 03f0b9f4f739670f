"""The installed package (a wheel, not the checkout) finds its resources."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_carries_resources_and_finds_them(tmp_path):
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                            "-w", str(tmp_path / "dist"), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    (wheel,) = (tmp_path / "dist").glob("goldseam-*.whl")
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
