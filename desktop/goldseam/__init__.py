"""Goldseam: a calm, private companion for repairing a close relationship."""

__version__ = "0.1.0"

APP_NAME = "Goldseam"
APP_ID = "io.github.goldseam.Goldseam"
