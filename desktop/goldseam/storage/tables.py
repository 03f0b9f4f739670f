"""Small helpers over TinyDB tables that keep each change to one write of the file."""

from __future__ import annotations

from typing import Any

from tinydb.table import Document, Table


def put(table: Table, doc_id: int, fields: dict[str, Any]) -> None:
    """Update document `doc_id` with `fields`, or insert it: one write either way. (TinyDB's
    upsert first updates, which writes the whole file even when nothing matched, then inserts.)"""
    if table.contains(doc_id=doc_id):
        table.update(fields, doc_ids=[doc_id])
    else:
        table.insert(Document(fields, doc_id=doc_id))
