"""Text written out in pieces, as UTF-8 chunks of about a megabyte, never past a limit."""

from __future__ import annotations

from typing import Callable, Iterable, Iterator

CHUNK_CHARS = 1 << 20


def utf8_chunks(pieces: Iterable[str], limit: int, too_large: Callable[[], Exception]) -> Iterator[bytes]:
    """The pieces as UTF-8 chunks of about CHUNK_CHARS; raises too_large() as soon as the bytes pass
    `limit`, before the chunk that passes it is given out (what a reader refuses is never written)."""
    buffer: list[str] = []
    buffered = total = 0
    for piece in pieces:
        buffer.append(piece)
        buffered += len(piece)
        if buffered >= CHUNK_CHARS:
            chunk = "".join(buffer).encode("utf-8")
            total += len(chunk)
            if total > limit:
                raise too_large()
            yield chunk
            buffer, buffered = [], 0
    chunk = "".join(buffer).encode("utf-8")
    if total + len(chunk) > limit:
        raise too_large()
    yield chunk
