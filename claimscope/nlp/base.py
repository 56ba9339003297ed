"""What every claimscope component shares: lazy data loading and the Doc extensions it writes."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc

EXTENSIONS = {
    "cs_published": None,  # YYYY-MM-DD the article was published, set before the pipeline runs
    "cs_outlet": None,
    "cs_title": None,
    "cs_places": None,
    "cs_counts": None,
    "cs_sources": None,
    "cs_sentence_sources": None,  # sentence ordinal -> the chain of sources it cites (original first)
    "cs_actors": None,
    "cs_dates": None,
    "cs_framing": None,
    "cs_events": None,
}


def register_extensions() -> None:
    for name, default in EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


class Component(Pipe):
    """A rule component: data loads in ``initialize`` (or on first use), one bad Doc does not stop a batch.

    ``Pipe.pipe`` runs ``__call__`` per document inside ``get_error_handler()``.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.nlp = nlp
        self.name = name
        self._ready = False

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None) -> None:
        self.load()
        self._ready = True

    def load(self) -> None:
        """Read data files; subclasses override."""

    def __call__(self, doc: Doc) -> Doc:
        if not self._ready:
            self.initialize()
        self.process(doc)
        return doc

    def process(self, doc: Doc) -> None:
        raise NotImplementedError


def sent_index(doc: Doc) -> dict[int, int]:
    """Token index -> sentence ordinal (computed once per component call)."""
    out: dict[int, int] = {}
    for i, sent in enumerate(doc.sents):
        for t in range(sent.start, sent.end):
            out[t] = i
    return out
