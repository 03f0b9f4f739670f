"""Hatch build hook: a wheel carries compiled catalogues, built from the .po files at build time
(they are never committed). Runs before the wheel's files are gathered."""

from __future__ import annotations

import sys
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogues(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version, build_data) -> None:
        if self.target_name != "wheel":
            return
        here = Path(self.root) / "packaging" / "i18n"
        sys.path.insert(0, str(here))
        try:
            import compile as catalogues
        finally:
            sys.path.remove(str(here))
        # Written beside their .po: the resources folder goes into the wheel whole (force-include).
        catalogues.compile_all(Path(self.root) / "resources" / "translations")
