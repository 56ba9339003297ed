"""``claimscope_actors``: mentions of canonical conflict actors, by alias, from ``actors.yml``."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from claimscope.nlp.base import Component, sent_index
from claimscope.nlp.mentions import ActorMention
from claimscope.nlp.resources import load_actors


class ActorsComponent(Component):
    def __init__(self, nlp: Language, name: str) -> None:
        super().__init__(nlp, name)
        self.matcher: PhraseMatcher | None = None
        self.actors: dict[str, dict[str, Any]] = {}

    def load(self) -> None:
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.actors = {}
        for entry in load_actors():
            self.actors[entry["name"]] = entry
            names = {entry["name"], *(entry.get("aliases") or [])}
            if entry.get("short"):
                names.add(entry["short"])
            self.matcher.add(entry["name"], list(self.nlp.tokenizer.pipe(sorted(names))))

    def process(self, doc: Doc) -> None:
        assert self.matcher is not None
        sents = sent_index(doc)
        matches = sorted(self.matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        out: list[ActorMention] = []
        last_end = -1
        for match_id, start, end in matches:
            if start < last_end:
                continue
            span = doc[start:end]
            # Short all-caps aliases ("IS", "SAA") only count when written in capitals.
            if len(span.text) <= 3 and not span.text.isupper():
                continue
            out.append(ActorMention(span.start_char, span.end_char, span.text, self.nlp.vocab.strings[match_id],
                                    sents.get(start, 0)))
            last_end = end
        doc._.cs_actors = out
