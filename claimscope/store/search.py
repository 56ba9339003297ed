"""Full-text search over stored articles: SQLite FTS5 or PostgreSQL text search, with snippets.

The query is always a bound parameter. For FTS5 the user's words are quoted one by one, so operators in
the input ("OR", "NEAR", quotes, "*") are searched for as words instead of changing the query.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import text

from claimscope.store.db import Store, rows_as_dicts

_WORD = re.compile(r"\w+", re.UNICODE)


def search_articles(store: Store, q: str, limit: int = 50) -> list[dict[str, Any]]:
    words = _WORD.findall(q)[:12]
    if not words:
        return []
    if store.engine.dialect.name == "postgresql":
        sql = text(
            "SELECT id, title, outlet, published, ts_headline('english', text, plainto_tsquery('english', :q), "
            "'MaxWords=30, MinWords=10, StartSel=<<, StopSel=>>') AS snippet FROM articles "
            "WHERE to_tsvector('english', coalesce(title, '') || ' ' || text) @@ plainto_tsquery('english', :q) "
            "ORDER BY ts_rank(to_tsvector('english', coalesce(title, '') || ' ' || text), "
            "plainto_tsquery('english', :q)) DESC LIMIT :limit"
        )
        params: dict[str, Any] = {"q": " ".join(words), "limit": limit}
    else:
        sql = text(
            "SELECT a.id, a.title, a.outlet, a.published, snippet(articles_fts, 2, '<<', '>>', ' … ', 24) AS snippet "
            "FROM articles_fts JOIN articles a ON a.id = articles_fts.id "
            "WHERE articles_fts MATCH :q ORDER BY rank LIMIT :limit"
        )
        params = {"q": " ".join('"' + w.replace('"', "") + '"' for w in words), "limit": limit}
    with store.engine.connect() as conn:
        return rows_as_dicts(conn.execute(sql, params))
