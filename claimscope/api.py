"""The Python API in a few calls:

    >>> import claimscope
    >>> result = claimscope.extract(text, outlet="PressTV", published="2024-12-04")
    >>> ledger = claimscope.open("claimscope.db")
    >>> ledger.events(place="Hama")                 # list of Event dataclasses
    >>> ledger.claims(kind="killed", as_frame=True)  # a pandas DataFrame (pip install claimscope[pandas])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimscope.ingest.checks import stable_id
from claimscope.model import Article, ArticleResult, Event
from claimscope.pipeline import Extractor
from claimscope.store.db import Filters, Store, open_store


@dataclass
class Claim:
    """One figure as stored: what, how many, who claims it, through which outlet, the quote."""

    event_id: str
    article_id: str
    kind: str
    low: int | None
    high: int | None
    approx: bool
    vague: str | None
    victims: str | None
    source: str | None
    source_kind: str | None
    stance: str | None
    outlet: str | None
    place: str | None
    date: str | None
    quote: str | None
    duplicate_of: str | None


class _DefaultExtractor:
    """The pipeline ``extract`` uses, built on first call: loading spaCy costs seconds, a call milliseconds."""

    def __init__(self) -> None:
        self._extractor: Extractor | None = None

    def get(self) -> Extractor:
        if self._extractor is None:
            self._extractor = Extractor()
        return self._extractor


_default = _DefaultExtractor()


def extract(
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    id: str | None = None,  # the contract calls it "id"
    extractor: Extractor | None = None,
) -> ArticleResult:
    """Extract one article's events, figures, sources and framing (contract ``claimscope/1``)."""
    article = Article(id=id or stable_id(text), text=text, title=title, outlet=outlet, published=published)
    return (extractor or _default.get()).extract_one(article)


class Ledger:
    """A store opened for reading: events and claims as dataclasses or DataFrames."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def results(self, **filters: Any) -> list[ArticleResult]:
        return list(self.store.results(Filters(**filters)))

    def events(self, *, as_frame: bool = False, **filters: Any) -> list[Event] | Any:
        f = Filters(**filters)
        if as_frame:
            return _frame(self.store.events(f))
        out: list[Event] = []
        for result in self.store.results(Filters(**{**filters, "limit": None})):
            out += [e for e in result.events if f.matches(e, result.article.outlet)]
        return out[: f.limit] if f.limit else out

    def claims(self, *, as_frame: bool = False, **filters: Any) -> list[Claim] | Any:
        rows = self.store.claims(Filters(**filters))
        if as_frame:
            return _frame(rows)
        return [
            Claim(r["event_id"], r["article_id"], r["kind"], r["low"], r["high"], r["approx"], r["vague"],
                  r["victims"], r["source"], r["source_kind"], r["stance"], r["outlet"], r["place"],
                  r["date_start"], r["quote"], r["duplicate_of"])
            for r in rows
        ]

    def outlets(self, *, as_frame: bool = False) -> list[Any]:
        """Framing profiles per outlet (techniques per 1,000 words, most used loaded labels)."""
        from dataclasses import asdict

        from claimscope.store.profiles import outlet_profiles

        profiles = outlet_profiles(self.store)
        return _frame([{**asdict(p), "total_rate": p.total_rate} for p in profiles]) if as_frame else profiles

    def sources(self, *, as_frame: bool = False) -> list[dict[str, Any]] | Any:
        rows = self.store.sources()
        return _frame(rows) if as_frame else rows


def open(db: str | None = None) -> Ledger:  # shadows open() inside this module only: claimscope.open(url)
    """Open the store at ``db`` (SQLite path or database URL; default ``CLAIMSCOPE_DB`` or ./claimscope.db)."""
    return Ledger(open_store(db))


def _frame(rows: list[dict[str, Any]]) -> Any:
    try:
        import pandas as pd
    except ImportError as exc:  # an optional extra: say how to get it
        raise ImportError("as_frame=True needs pandas: pip install 'claimscope[pandas]'") from exc
    return pd.DataFrame(rows)
