"""Rendered GET responses kept per URL, valid only while the store is unchanged.

Every entry is tagged with the store's data version read *before* the response was built: a write that
lands while it is built makes the version move on, so the entry is never served again. With no data version
(PostgreSQL, an in-memory SQLite) nothing is cached.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from starlette.responses import Response


@dataclass(frozen=True)
class _Entry:
    version: int
    body: bytes
    media_type: str | None


class ResponseCache:
    def __init__(self, version: Callable[[], int | None], entries: int = 512, max_body: int = 1_000_000) -> None:
        self.version = version
        self.entries = entries
        self.max_body = max_body
        self._items: OrderedDict[str, _Entry] = OrderedDict()

    def get_or_build(self, key: str, build: Callable[[], Response]) -> Response:
        version = self.version()
        if version is None:
            return build()
        hit = self._items.get(key)
        if hit is not None and hit.version == version:
            self._items.move_to_end(key)
            return Response(hit.body, media_type=hit.media_type, headers={"x-cache": "hit"})
        response = build()
        if response.status_code == 200 and len(response.body) <= self.max_body:
            self._items[key] = _Entry(version, bytes(response.body), response.media_type)
            self._items.move_to_end(key)
            while len(self._items) > self.entries:
                self._items.popitem(last=False)
        response.headers["x-cache"] = "miss"
        return response
