"""Plain-Python domain logic: imports neither Qt nor TinyDB."""
