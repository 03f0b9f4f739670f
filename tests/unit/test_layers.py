"""The layers (README, "For developers"), checked on the source: core imports neither Qt nor TinyDB
nor the layers above it, storage imports no Qt and no widget, and widgets do no file I/O of their
own and hold the journal only through core's MomentRepository, and no part of the window reaches
into another's private attributes (the composition root, ui/wiring.py, connects them in the open). Relative imports are resolved, and
imports inside functions count too; the last tests plant each kind of violation and see it caught."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "desktop" / "goldseam"
QT = {"PySide6", "shiboken6"}
FILE_MODULES = {"tinydb", "json", "shutil", "tempfile", "io", "gzip", "codecs"}
# Not a widget: the private folder of the local socket a second start talks to (platform code in ui/
# today, the one place in ui/ that makes a folder and removes a stale socket; no words pass there).
PLATFORM = {"single_instance.py": {"os.mkdir()", "os.unlink()", "tempfile"}}
FILE_ATTRIBUTES = {"read_text", "write_text", "read_bytes", "write_bytes", "mkdir", "unlink", "rmdir", "touch",
                   "rename", "replace", "scandir", "listdir", "iterdir"}
OPENERS = {"os", "io", "builtins", "codecs", "gzip", "tempfile", "Path", "pathlib"}


def module_name(path: Path, root: Path = PACKAGE) -> str:
    """goldseam.ui.review.review_view for desktop/goldseam/ui/review/review_view.py."""
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, root: Path = PACKAGE) -> set[str]:
    """Every module the file imports, anywhere in it, as absolute dotted names: relative imports
    resolved against the file's package, and `from a import b` counted as a and as a.b."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def under(modules: set[str], *tops: str) -> set[str]:
    return {m for m in modules if any(m == top or m.startswith(top + ".") for top in tops)}


def core_violations(path: Path, root: Path = PACKAGE) -> set[str]:
    modules = imported_modules(path, root)
    return {m for m in modules if m.split(".")[0] in QT | {"tinydb"}} | under(
        modules, "goldseam.storage", "goldseam.ui", "goldseam.app", "goldseam.cli", "goldseam.cli_commands")


def storage_violations(path: Path, root: Path = PACKAGE) -> set[str]:
    modules = imported_modules(path, root)
    return {m for m in modules if m.split(".")[0] in QT} | under(modules, "goldseam.ui", "goldseam.app")


def widget_violations(path: Path, root: Path = PACKAGE) -> set[str]:
    """File I/O of a widget's own (open(), os.open, io.open, Path(...).open, anything.open("w"), the
    Path methods that read, write or list), the modules that do it, and storage's Journal."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "open":
            found.add("open()")
        elif isinstance(func, ast.Attribute):
            owner = func.value
            owner_name = (owner.id if isinstance(owner, ast.Name) else
                          owner.func.id if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) else "")
            mode = any(isinstance(a, ast.Constant) and isinstance(a.value, str) and a.value
                       and set(a.value) <= set("rwabxt+") for a in node.args)
            if func.attr == "open" and (owner_name in OPENERS or mode):
                found.add(f"{owner_name or '…'}.open()")
            elif func.attr in FILE_ATTRIBUTES and (owner_name in OPENERS or func.attr.endswith(("_text", "_bytes"))):
                found.add(f"{owner_name or '…'}.{func.attr}()")
    modules = imported_modules(path, root)
    found |= {m for m in modules if m.split(".")[0] in FILE_MODULES}
    found |= under(modules, "goldseam.storage.journal")
    return found


def files(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("path", files("core"), ids=lambda p: p.name)
def test_core_is_plain_python(path):
    assert not core_violations(path)


@pytest.mark.parametrize("path", files("storage"), ids=lambda p: p.name)
def test_storage_has_no_qt_and_no_widget(path):
    assert not storage_violations(path)


@pytest.mark.parametrize("path", files("ui"), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_widgets_open_no_files_and_hold_no_journal(path):
    assert not widget_violations(path) - PLATFORM.get(path.name, set())


def private_reaches(path: Path, root: Path = PACKAGE) -> set[str]:
    """Attributes named with a leading underscore read on anything but self or cls: one part of
    the window reaching into another's insides (the composition root connects public signals)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))):
            found.add(ast.unparse(node))
    return found


@pytest.mark.parametrize("path", files("ui") + [PACKAGE / "app.py"], ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_part_of_the_window_reaches_into_anothers_private_attributes(path):
    assert not private_reaches(path)


# -- the test of the tests: each kind of violation, planted, is caught ---------------------------------

PLANTED = {
    "core/planted_relative_ui.py": ("core", "from ..ui import look\n"),
    "core/planted_qt_in_function.py": ("core", "def f():\n    from PySide6 import QtCore\n"),
    "core/planted_storage.py": ("core", "from goldseam.storage import journal\n"),
    "storage/planted_qt.py": ("storage", "from PySide6.QtCore import QObject\n"),
    "storage/planted_relative_ui.py": ("storage", "def f():\n    from ..ui.dialogs import tell\n"),
    "ui/planted_path_open.py": ("ui", "from pathlib import Path\nPath('x').open('w')\n"),
    "ui/planted_os_open.py": ("ui", "import os\nos.open('x', os.O_RDONLY)\n"),
    "ui/planted_io_open.py": ("ui", "import io\nio.open('x')\n"),
    "ui/planted_held_path_open.py": ("ui", "def f(path):\n    with path.open('rb') as f:\n        pass\n"),
    "ui/review/planted_journal_relative.py": ("ui", "from ...storage import journal\n"),
    "ui/planted_journal_absolute.py": ("ui", "from goldseam.storage import journal\n"),
    "ui/planted_builtin_open.py": ("ui", "open('x').read()\n"),
    "ui/planted_private_reach.py": ("private", "def f(window, error):\n    window._explain(error)\n"),
    "ui/planted_private_child.py": ("private", "def f(window):\n    window.home._recent.clear()\n"),
}


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_a_planted_violation_is_caught(tmp_path, name):
    root = tmp_path / "goldseam"
    layer, source = PLANTED[name]
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    check = {"core": core_violations, "storage": storage_violations, "ui": widget_violations,
             "private": private_reaches}[layer]
    assert check(path, root), f"{name} was not caught"


def test_a_dialog_opened_is_not_a_file_opened(tmp_path):
    path = tmp_path / "goldseam" / "ui" / "fine.py"
    path.parent.mkdir(parents=True)
    path.write_text("def f(dialog):\n    dialog.open()\n    from ..core import clock\n", encoding="utf-8")
    assert not widget_violations(path, tmp_path / "goldseam")
