"""Cutting an article's text into plain and highlighted pieces for the article page.

Pieces never overlap: where a figure and a framing label overlap, the earlier-starting span wins and the
other is cut short. The template escapes every piece; nothing here produces HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimscope.model import ArticleResult


@dataclass
class Piece:
    text: str
    kind: str | None = None  # "figure" | "framing" | None
    detail: dict[str, Any] | None = None


def pieces(result: ArticleResult) -> list[Piece]:
    text = result.article.text
    marks: list[tuple[int, int, str, dict[str, Any]]] = []
    for event in result.events:
        source = event.claimed_by[0] if event.claimed_by else None
        for c in event.counts:
            if c.span:
                marks.append((c.span[0], c.span[1], "figure", {
                    "kind": c.kind, "low": c.low, "high": c.high, "vague": c.vague, "victims": c.victims,
                    "claimed by": (source.name if source else None), "source kind": source.kind if source else None,
                    "stance": event.stance, "event": event.id,
                    "place": event.location.name if event.location else None, "date": event.date.start,
                }))
    for f in result.framing:
        marks.append((f.span[0], f.span[1], "framing", {"technique": f.technique, "neutral": f.neutral,
                                                         "note": f.note}))
    marks.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    out: list[Piece] = []
    pos = 0
    for start, end, kind, detail in marks:
        start = max(start, pos)
        if start >= end:
            continue
        if start > pos:
            out.append(Piece(text[pos:start]))
        out.append(Piece(text[start:end], kind, detail))
        pos = end
    if pos < len(text):
        out.append(Piece(text[pos:]))
    return out
