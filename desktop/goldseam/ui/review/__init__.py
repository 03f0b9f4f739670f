"""The look back: every moment, searched, read, corrected; what has grown; taken along."""
