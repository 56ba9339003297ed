"""What the schema comparison leaves out: full-text machinery that only one database has (migration 0004)."""

from __future__ import annotations

from typing import Any

FULL_TEXT = ("articles_fts", "ix_articles_fulltext")


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    return not (name or "").startswith(FULL_TEXT)
