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
    """At most ``entries`` responses and ``budget`` bytes of bodies, least recently used out first."""

    def __init__(self, version: Callable[[], int | None], entries: int = 512, budget: int = 64_000_000,
                 max_body: int = 2_000_000) -> None:
        self.version = version
        self.entries = entries
        self.budget = budget
        self.max_body = max_body
        self.size = 0
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
            old = self._items.pop(key, None)
            self.size -= len(old.body) if old else 0
            self._items[key] = _Entry(version, bytes(response.body), response.media_type)
            self.size += len(response.body)
            while len(self._items) > self.entries or self.size > self.budget:
                self.size -= len(self._items.popitem(last=False)[1].body)
        response.headers["x-cache"] = "miss"
        return response
