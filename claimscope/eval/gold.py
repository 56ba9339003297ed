"""Reading gold files (format: ``data/gold/GUIDE.md``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimscope.errors import GoldError
from claimscope.model import COUNT_KINDS, Article


@dataclass
class GoldArticle:
    article: Article
    split: str
    figures: list[dict[str, Any]]


def load_gold(path: str | Path, split: str | None = None) -> list[GoldArticle]:
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            article = Article(id=str(rec["id"]), text=rec["text"], title=rec.get("title"),
                              outlet=rec.get("outlet"), published=rec.get("published"))
            figures = rec.get("figures", [])
        except (json.JSONDecodeError, KeyError) as exc:
            raise GoldError(f"{path}:{n}: malformed gold line ({exc})") from exc
        for f in figures:
            if f.get("kind") not in COUNT_KINDS or f.get("quote", "") not in article.text:
                raise GoldError(f"{path}:{n}: bad figure {f.get('kind')!r} / quote {f.get('quote')!r}")
        if split is None or rec.get("split") == split:
            out.append(GoldArticle(article, rec.get("split", "dev"), figures))
    return out
