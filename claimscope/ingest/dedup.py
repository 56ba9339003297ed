"""Near-duplicate articles: a wire story republished by several outlets is one source, not several.

MinHash over word 5-gram shingles with LSH (datasketch); estimated Jaccard similarity of 0.5 or more is a
copy. Exact copies are caught earlier by the content hash (``checks.stable_id``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SCHEME = "affine32"  # pinned: stored signatures must be read back with the scheme that made them
THRESHOLD = 0.5  # syndicated copies with a rewritten lede measure 0.6-0.9; unrelated stories near 0
SHINGLE = 5
_WORD = re.compile(r"\w+")


def signature(text: str) -> MinHash:
    words = _WORD.findall(text.lower())
    m = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    m.update_batch([s.encode("utf-8") for s in shingles])
    return m


class NearDuplicates:
    """An index of stored articles; ``check`` says which earlier article a new text copies, if any."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.order: dict[str, int] = {}  # article id -> when it was added, to name the earliest copy

    def load(self, stored: Iterable[tuple[str, list[int]]]) -> None:
        for article_id, values in stored:
            self._insert(article_id, MinHash(num_perm=NUM_PERM, hashvalues=values, scheme=SCHEME))

    def check(self, article_id: str, text: str) -> tuple[str | None, list[int]]:
        """(id of the earliest near-identical article or None, this text's signature), and remember it."""
        m = signature(text)
        matches = [k for k in self.lsh.query(m) if k != article_id]
        original = min(matches, key=lambda k: self.order[k]) if matches else None
        self._insert(article_id, m)
        return original, [int(v) for v in m.hashvalues]

    def _insert(self, article_id: str, m: MinHash) -> None:
        if article_id in self.order:
            return
        self.order[article_id] = len(self.order)
        self.lsh.insert(article_id, m)
