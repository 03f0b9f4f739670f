"""What one write did to the journal, said once for everyone who shows it: home's recent
moments, the look back, insights and the promises. Plain data, so any layer can read it."""

from __future__ import annotations

from dataclasses import dataclass, field

# Where a change came from: a listener skips what it did itself (the look back keeps its own edit).
REPAIR = "repair"           # the wizard saved a moment
PAUSE = "pause"             # a pause taken alone was kept
LOOK_BACK = "look back"     # an edit or a delete in the look back
SETTINGS = "settings"       # a restore or an import from the settings
HOME = "home"               # a backup restored from home's offer


@dataclass(frozen=True)
class JournalChange:
    added: frozenset[str] = field(default_factory=frozenset)
    changed: frozenset[str] = field(default_factory=frozenset)
    removed: frozenset[str] = field(default_factory=frozenset)
    origin: str = ""
    everything: bool = False    # a restore or an import: which ids is not known, read it all again
