"""The settings dialog and its pages: how Goldseam looks and speaks, breathing and pauses, and
the person's data (backups, export and import)."""
