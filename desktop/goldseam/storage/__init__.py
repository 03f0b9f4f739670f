"""Everything that touches the data folder. TinyDB lives here and only here; no Qt."""
