"""What a packager and a package index read: one version everywhere it is said, a README whose
links and pictures work away from the repository (PyPI shows it without the files beside it)."""

import re
import tomllib
from pathlib import Path

from goldseam import __version__

ROOT = Path(__file__).resolve().parents[2]


def test_the_changelogs_newest_release_is_the_version():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    [first, *_] = re.findall(r"^## (\S+) — (\d{4}-\d{2}-\d{2})$", text, re.MULTILINE)
    assert first[0] == __version__


def test_the_version_is_written_in_one_place_only():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" in project["dynamic"] and "version" not in project
    literal = re.compile(r"""["']""" + re.escape(__version__) + r"""["']""")
    written = [path.relative_to(ROOT) for folder in ("desktop", "packaging")
               for path in (ROOT / folder).rglob("*") if path.suffix in (".py", ".spec", ".mk", ".toml", ".cfg")
               and "__pycache__" not in path.parts and literal.search(path.read_text(encoding="utf-8", errors="replace"))]
    assert written == [Path("desktop/goldseam/__init__.py")]


def test_the_readme_links_and_pictures_work_on_a_package_index():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)\s]+)\)", text) + re.findall(r'src="([^"]+)"', text)
    relative = [t for t in targets if not re.match(r"(https?://|mailto:|#)", t)]
    assert relative == [], "a package index shows the README without the files beside it"
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert pictures
    for picture in pictures:
        name = picture.rsplit("/packaging/screenshots/", 1)[-1]
        assert (ROOT / "packaging" / "screenshots" / name).is_file(), picture
