"""Writing text formats to whatever the caller hands us: a text stream, or a binary one that gets UTF-8."""

from __future__ import annotations

import io
from typing import IO, Any, Protocol


class TextSink(Protocol):
    def write(self, s: str, /) -> int: ...


class _Utf8Sink:
    """Encodes each write as UTF-8 onto a binary stream.

    Not ``io.TextIOWrapper``: that needs a full buffered-IO object (readable/seekable/closed...) and closes the
    caller's stream when it is collected unless detached; anything with ``write(bytes)`` works here.
    """

    def __init__(self, out: IO[bytes]) -> None:
        self._out = out

    def write(self, s: str, /) -> int:
        self._out.write(s.encode("utf-8"))
        return len(s)


def text_sink(out: IO[Any]) -> TextSink:
    """``out`` itself if it is a text stream, else a UTF-8 encoder over it (the caller keeps ownership)."""
    if isinstance(out, io.TextIOBase):
        return out
    return _Utf8Sink(out)


def is_text(out: IO[Any]) -> bool:
    return isinstance(out, io.TextIOBase)
