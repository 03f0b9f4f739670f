"""The layers of DESIGN.md, checked on the source: core imports neither Qt nor
TinyDB, storage imports no Qt, and widgets do no file I/O of their own."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "desktop" / "goldseam"


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def files(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("path", files("core"), ids=lambda p: p.name)
def test_core_is_plain_python(path):
    bad = {m for m in imported_modules(path) if m.split(".")[0] in {"PySide6", "tinydb", "shiboken6"}}
    assert not bad


@pytest.mark.parametrize("path", files("storage"), ids=lambda p: p.name)
def test_storage_has_no_qt(path):
    assert not {m for m in imported_modules(path) if m.split(".")[0] in {"PySide6", "shiboken6"}}


@pytest.mark.parametrize("path", files("ui"), ids=lambda p: p.name)
def test_widgets_open_no_files(path):
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    calls = {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    attrs = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    assert "open" not in calls
    assert not attrs & {"read_text", "write_text", "read_bytes", "write_bytes"}
    assert not {m for m in imported_modules(path) if m.split(".")[0] in {"tinydb", "json", "shutil"}}



def relative_imports(path: Path) -> set[str]:
    return {node.module or "" for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.ImportFrom) and node.level > 0}


@pytest.mark.parametrize("path", files("ui"), ids=lambda p: p.name)
def test_widgets_hold_the_journal_through_the_core_interface(path):
    """No widget holds storage's Journal: the screens ask core's MomentRepository (issue 9)."""
    assert not {m for m in relative_imports(path) if m.endswith("storage.journal")}
