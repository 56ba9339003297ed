"""``claimscope_attribution``: who claims each figure, and with what stance.

Reads "according to X", "X said/reported/told ...", "citing X" and "X told Reuters" from the parse,
resolves "it"/"the monitor" to the source named last, names sources canonically from ``sources.yml``,
and falls back to the outlet itself when nothing is cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from claimscope.nlp.base import Component
from claimscope.nlp.mentions import CountMention, SourceMention
from claimscope.nlp.resources import load_sources

REPORTING_VERBS = {
    "say", "report", "tell", "announce", "state", "confirm", "add", "claim", "note", "document", "record",
    "quote", "cite", "estimate", "put", "count", "reveal", "declare", "indicate", "explain", "publish",
    "write", "broadcast", "tweet", "mention", "allege", "accuse", "deny", "insist", "stress", "affirm", "assert",
    "acknowledge", "point", "warn", "admit", "show",
}
PRONOUNS = {"it", "he", "she", "they", "its", "his", "her", "their"}
# Heads of unnamed-source phrases and what kind of source they are.
HEAD_KINDS = {
    "source": "unnamed", "sources": "unnamed", "activist": "unnamed", "activists": "unnamed",
    "resident": "witness", "residents": "witness", "witness": "witness", "witnesses": "witness",
    "survivor": "witness", "survivors": "witness", "official": "official", "officials": "official",
    "ministry": "official", "minister": "official", "government": "official", "governor": "official",
    "spokesman": "official", "spokeswoman": "official", "spokesperson": "official", "president": "official",
    "army": "military", "military": "military", "commander": "military", "forces": "military",
    "command": "military", "agency": "media", "television": "media", "tv": "media", "channel": "media",
    "newspaper": "media", "network": "media", "daily": "media", "observatory": "monitor", "monitor": "monitor",
    "group": "other", "doctor": "other", "doctors": "other", "medics": "other", "hospital": "other",
}
HEDGES = re.compile(
    r"\b(reportedly|unconfirmed|unverified|could not (?:be )?(?:independently )?(?:verif|confirm)\w*|"
    r"(?:was|were|is|are) (?:reported|believed|said) to|it (?:is|was) (?:believed|reported|said)|"
    r"allegedly|purportedly|unable to (?:independently )?(?:verify|confirm))\b",
    re.I,
)
DENIALS = re.compile(
    r"\b(den(?:y|ied|ies|ial)|lies|lying|alleging|fabricat\w+|false (?:claims?|reports?|news)|fake|"
    r"baseless|refut\w+|dismiss\w+|rejected the (?:claims?|reports?))\b",
    re.I,
)
DISPUTES = re.compile(r"\b(disputed?|contradict\w*|contested)\b", re.I)
_DETERMINERS = re.compile(r"^(?:the|a|an|some|several|its|their)\s+", re.I)


class AttributionComponent(Component):
    def __init__(self, nlp: Language, name: str) -> None:
        super().__init__(nlp, name)
        self.matcher: PhraseMatcher | None = None
        self.sources: dict[str, dict[str, Any]] = {}

    def load(self) -> None:
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.sources = {}
        for entry in load_sources():
            key = entry["name"]
            self.sources[key] = entry
            names = {entry["name"], *entry.get("aliases", [])}
            self.matcher.add(key, list(self.nlp.tokenizer.pipe(sorted(names))))

    def process(self, doc: Doc) -> None:
        assert self.matcher is not None
        known = self._known_sources(doc)
        doc._.cs_sources = [
            SourceMention(start, end, entry["text"], entry["name"], entry["kind"], 0) for start, end, entry in known
        ]
        counts: list[CountMention] = doc._.cs_counts or []
        sents = list(doc.sents)
        last: dict[str, Any] | None = None
        citations: list[list[Citation]] = []
        for sent in sents:
            found = self._citations(sent, known, last)
            citations.append(found)
            named = [c.chain[0] for c in found if c.chain and c.chain[0]["kind"] != "outlet"]
            if named:
                last = named[-1]
        chains = {i: _best(found).chain for i, found in enumerate(citations) if found}
        # "The Observatory said X. <figure>. Y, the monitor said.": a figure between two sentences that cite
        # the same source is that source's too.
        for i in range(1, len(sents) - 1):
            if i not in chains and i - 1 in chains and i + 1 in chains:
                if chains[i - 1][0]["name"] == chains[i + 1][0]["name"] and chains[i - 1][0]["kind"] != "unnamed":
                    citations[i] = [Citation(chains[i - 1], 9, set())]
        doc._.cs_sentence_sources = {i: _best(found).chain for i, found in enumerate(citations) if found}
        outlet = {"name": doc._.cs_outlet, "kind": "outlet", "text": None}
        stances = {i: stance_of(sent.text) for i, sent in enumerate(sents)}
        for count in counts:
            found = citations[count.sent] if count.sent < len(citations) else []
            token = doc.char_span(count.start, count.end, alignment_mode="expand")
            chain = _best(found, token.root.i if token is not None else None).chain if found else [outlet]
            count.sources = [dict(s) for s in chain]
            count.stance = stances.get(count.sent, "asserted")

    def _known_sources(self, doc: Doc) -> list[tuple[int, int, dict[str, Any]]]:
        assert self.matcher is not None
        out = []
        for match_id, start, end in self.matcher(doc):
            entry = self.sources[self.nlp.vocab.strings[match_id]]
            span = doc[start:end]
            out.append((span.start_char, span.end_char, {"name": entry["name"], "kind": entry["kind"], "text": span.text}))
        out.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        return out

    def _citations(
        self, sent: Span, known: list[tuple[int, int, dict[str, Any]]], last: dict[str, Any] | None
    ) -> list[Citation]:
        """Every attribution in the sentence: who, how strongly it binds, and which tokens it covers."""
        out: list[Citation] = []
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.lower_ == "according":
                to = next((c for c in tok.children if c.lower_ == "to"), None)
                obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
                source = self._name(_phrase(obj, after=to.i), known, last) if obj is not None else None
                if source is not None:
                    # "according to" binds to the clause it hangs from, which is usually the figure's
                    out.append(Citation([source], 3, {t.i for t in tok.head.subtree}))
                continue
            if lemma not in REPORTING_VERBS or tok.pos_ not in ("VERB", "AUX"):
                continue
            if lemma == "claim" and any(c.lemma_ in ("life", "live") for c in tok.children if c.dep_ == "dobj"):
                continue  # "the strike claimed the lives of 32": a toll, not a claim
            covered = {t.i for t in tok.subtree}
            if lemma == "cite":
                obj = next((c for c in tok.children if c.dep_ in ("dobj", "obj")), None)
                source = self._name(_phrase(obj), known, last) if obj is not None else None
                if source is not None:
                    # "Reuters, citing the Observatory": the cited one is the original, first in the chain
                    carrier = next((c.chain[0] for c in reversed(out)), None)
                    out.append(Citation([source] + ([carrier] if carrier else []), 3, {t.i for t in tok.head.subtree}))
                continue
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None and tok.dep_ in ("advcl", "xcomp", "conj") and tok.tag_ == "VBG":
                # "... have launched a campaign, alleging that ...": the one alleging is the head's subject
                subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            phrase = _phrase(subj) if subj is not None and subj.dep_ == "nsubj" else None
            source = self._name(phrase, known, last) if phrase is not None else None
            if source is None:
                # Unpunctuated text breaks the parse ("... on both sides the Observatory said"):
                # a known source right next to the reporting verb is its speaker.
                source = _adjacent_known(tok, known)
            if source is None:
                continue
            chain = [source]
            if lemma == "tell":
                dobj = next((c for c in tok.children if c.dep_ in ("dative", "dobj")), None)
                if dobj is not None and dobj.ent_type_ == "ORG":
                    relay = self._name(_phrase(dobj), known, last)
                    chain += [relay] if relay else []
            out.append(Citation(chain, 2, covered))
        return out

    def _name(
        self, phrase: Span, known: list[tuple[int, int, dict[str, Any]]], last: dict[str, Any] | None
    ) -> dict[str, Any] | None:
        inside = [(start, end, entry) for start, end, entry in known
                  if phrase.start_char <= start and end <= phrase.end_char]
        if inside:
            entry = _speaker(phrase, inside)
            if entry["kind"] in ("unnamed", "witness"):
                # "Syrian security sources" says more than the generic "security sources": keep the words.
                return {**entry, "name": _DETERMINERS.sub("", phrase.text).strip(), "text": phrase.text}
            return {**entry, "text": phrase.text}
        if not _can_be_source(phrase):
            return None
        text = _DETERMINERS.sub("", phrase.text).strip()
        head = phrase.root.lower_
        generic = phrase[0].lower_ == "the" and len(phrase) <= 3 and phrase.root.pos_ == "NOUN"
        if head in PRONOUNS or generic:  # "it", "the monitor", "the center": the source named last
            if last:
                return {**last, "text": phrase.text}
            if head in PRONOUNS:
                return None
            # "the monitor said ..." with nobody named before: a monitor, as written
        if phrase.root.pos_ == "PRON":
            return None
        kind = HEAD_KINDS.get(head)
        if kind is None:
            kind = "official" if phrase.root.ent_type_ == "PERSON" else "other"
            if phrase.root.ent_type_ in ("ORG", "NORP") and head.isupper():
                kind = "other"
        return {"name": text, "kind": kind, "text": phrase.text}


def _speaker(phrase: Span, inside: list[tuple[int, int, dict[str, Any]]]) -> dict[str, Any]:
    """Which named source in a phrase is the speaker.

    The one at the phrase's head ("a source at Aleppo Police Command" is a source), unless the head is a
    generic word that a name before it qualifies ("civil defense officials" are the Civil Defence).
    """
    root = phrase.root
    at_root = [x for x in inside if x[0] <= root.idx < x[1]]
    before = [x for x in inside if x[1] <= root.idx and x[2]["kind"] not in ("unnamed", "witness")]
    if at_root and at_root[0][2]["kind"] in ("unnamed", "witness", "official") and before:
        return max(before, key=lambda x: x[1] - x[0])[2]
    if at_root:
        return max(at_root, key=lambda x: x[1] - x[0])[2]
    if before:
        return max(before, key=lambda x: x[1] - x[0])[2]
    return max(inside, key=lambda x: (x[2]["kind"] not in ("unnamed", "witness"), x[1] - x[0]))[2]


@dataclass
class Citation:
    """One attribution in a sentence: the chain (original source first), its strength, the tokens it governs."""

    chain: list[dict[str, Any]]
    strength: int  # 3: "according to"/"citing", 2: a reporting verb's subject, 9: inherited from around
    covers: set[int]


def _best(found: list[Citation], token: int | None = None) -> Citation:
    """The citation that governs a figure: "according to"/"citing", then one whose clause holds it, then the
    strongest, then the first."""
    # "according to X" names the source outright; a reporting verb is trusted when its clause holds the figure
    return max(found, key=lambda c: (c.strength == 3, token is not None and token in c.covers, c.strength,
                                     -found.index(c)))


# Subjects of "claim"/"put"/"record" that are events, not sources: "the war has claimed 300 lives".
NOT_SOURCES = {"war", "fighting", "attack", "strike", "clash", "toll", "battle", "conflict", "bombing", "raid",
               "explosion", "blast", "violence", "shelling", "offensive", "operation", "crisis", "number", "figure"}


def _can_be_source(phrase: Span) -> bool:
    return not any(t.like_num for t in phrase) and phrase.root.lemma_.lower() not in NOT_SOURCES


def _phrase(tok: Token, after: int = -1) -> Span:
    """The source's noun phrase, without a trailing relative clause or long apposition."""
    doc = tok.doc
    left = max(tok.left_edge.i, after + 1)
    # "Earlier the source said": sentence adverbs and conjunctions are not part of the name.
    while left < tok.i and doc[left].pos_ in ("ADV", "CCONJ", "SCONJ", "PUNCT", "INTJ"):
        left += 1
    right = tok.i
    for child in tok.rights:
        if child.dep_ in ("prep", "compound", "amod", "pobj", "flat", "appos") and child.right_edge.i - tok.i <= 6:
            right = child.right_edge.i
        else:
            break
    while right > tok.i and doc[right].is_punct:
        right -= 1
    return doc[left : right + 1]


def _adjacent_known(verb: Token, known: list[tuple[int, int, dict[str, Any]]]) -> dict[str, Any] | None:
    doc = verb.doc
    before = doc[max(0, verb.i - 2) : verb.i]
    after = doc[verb.i + 1 : verb.i + 3]
    for start, end, entry in known:
        if before and before.start_char <= end <= verb.idx:
            return dict(entry)
        if after and verb.idx + len(verb.text) <= start <= after.end_char:
            return dict(entry)
    return None


def _sentence_at(doc: Doc, char: int) -> Span:
    return doc.char_span(char, char + 1, alignment_mode="expand").sent  # type: ignore[union-attr]


def stance_of(sentence: str) -> str:
    if DENIALS.search(sentence):
        return "denied"
    if DISPUTES.search(sentence):
        return "disputed"
    if HEDGES.search(sentence):
        return "hedged"
    return "asserted"
