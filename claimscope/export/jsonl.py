"""JSON Lines of the extract contract: one ``ArticleResult.to_dict()`` object per line, UTF-8.

The same objects ``claimscope extract`` prints, so a jsonl export reads back with ``ArticleResult.from_dict``.
Unlike the other formats it is one line per article, not per event, and it has no incident column (the
contract has no such field).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from claimscope.export._stream import text_sink
from claimscope.model import ArticleResult


def write(results: Iterable[ArticleResult], out: IO[Any]) -> int:
    """Write one contract object per line; returns the number of articles."""
    sink = text_sink(out)
    n = 0
    for result in results:
        # ensure_ascii=False: article text stays readable (Arabic names) and smaller; the stream is UTF-8.
        sink.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n
