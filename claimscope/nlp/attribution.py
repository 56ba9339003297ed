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
from claimscope.nlp.headline import title_span
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
        self.cased_matcher: PhraseMatcher | None = None
        self.sources: dict[str, dict[str, Any]] = {}

    def load(self) -> None:
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        # acronyms that are also English words ("WHO", "RT") match only as written
        self.cased_matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.sources = {}
        for entry in load_sources():
            key = entry["name"]
            self.sources[key] = entry
            names = {entry["name"], *entry.get("aliases", [])}
            self.matcher.add(key, list(self.nlp.tokenizer.pipe(sorted(names))))
            if entry.get("aliases_cased"):
                self.cased_matcher.add(key, list(self.nlp.tokenizer.pipe(sorted(entry["aliases_cased"]))))

    def process(self, doc: Doc) -> None:
        assert self.matcher is not None
        known = self._known_sources(doc)
        doc._.cs_sources = [
            SourceMention(start, end, entry["text"], entry["name"], entry["kind"], 0) for start, end, entry in known
        ]
        counts: list[CountMention] = doc._.cs_counts or []
        sents = list(doc.sents)
        recent: list[dict[str, Any]] = []  # sources named so far, for "it", "the monitor", "the source"
        citations: list[list[Citation]] = []
        for sent in sents:
            found = self._citations(sent, known, recent)
            citations.append(found)
            # the carrier too ("the Observatory quoted trusted sources ... It said"), the original named last
            recent.extend(s for c in found for s in reversed(c.chain) if s["kind"] != "outlet")
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
        title = _title_sentences(doc, sents)
        lede_end = max(title, default=-1) + LEDE_SENTENCES
        _restated_sources([c for c in counts if c.sent not in title], lede_end)

    def _known_sources(self, doc: Doc) -> list[tuple[int, int, dict[str, Any]]]:
        assert self.matcher is not None
        out = []
        for match_id, start, end in [*self.matcher(doc), *self.cased_matcher(doc)]:
            entry = self.sources[self.nlp.vocab.strings[match_id]]
            span = doc[start:end]
            out.append((span.start_char, span.end_char, {"name": entry["name"], "kind": entry["kind"], "text": span.text}))
        out.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        return out

    def _citations(
        self, sent: Span, known: list[tuple[int, int, dict[str, Any]]], recent: list[dict[str, Any]]
    ) -> list[Citation]:
        """Every attribution in the sentence: who, how strongly it binds, and which tokens it covers."""
        out: list[Citation] = []
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.lower_ == "according":
                to = next((c for c in tok.children if c.lower_ == "to"), None)
                obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
                source = self._name(_phrase(obj, after=to.i), known, recent) if obj is not None else None
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
                source = self._name(_phrase(obj), known, recent) if obj is not None else None
                if source is not None:
                    # "Reuters, citing the Observatory": the cited one is the original, first in the chain
                    carrier = next((c.chain[0] for c in reversed(out)), None)
                    out.append(Citation([source] + ([carrier] if carrier else []), 3, {t.i for t in tok.head.subtree}))
                continue
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            quoted = next((c for c in tok.children if c.dep_ in ("dobj", "obj")), None) if lemma == "quote" else None
            if quoted is not None and subj is not None:
                # "the Observatory quoted trusted sources as saying ...": the quoted are the original
                original = self._name(_phrase(quoted), known, recent)
                carrier = self._name(_phrase(subj), known, recent)
                if original is not None:
                    out.append(Citation([original] + ([carrier] if carrier else []), 3, covered))
                    continue
            if subj is None and tok.dep_ in ("advcl", "xcomp", "conj") and tok.tag_ == "VBG":
                # "... have launched a campaign, alleging that ...": the one alleging is the head's subject
                subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            phrase = _phrase(subj) if subj is not None and subj.dep_ == "nsubj" else None
            tail = _trailing_speaker(tok, subj)
            source = self._name(tail, known, recent) if tail is not None else None
            if source is None and phrase is not None:
                source = self._name(phrase, known, recent)
            if source is None:
                # Unpunctuated text breaks the parse ("... on both sides the Observatory said"):
                # a known source right next to the reporting verb is its speaker.
                beside = _adjacent_known(tok, known)
                if beside is not None:
                    # "... said the source": the definite one points back like any other "the source"
                    span = _with_determiner(sent.doc, beside[0], beside[1])
                    source = self._name(span, known, recent) if span is not None else None
                    source = source or dict(beside[2])
            if source is None:
                continue
            chain = [source]
            if lemma == "tell":
                dobj = next((c for c in tok.children if c.dep_ in ("dative", "dobj")), None)
                if dobj is not None and dobj.ent_type_ == "ORG":
                    relay = self._name(_phrase(dobj), known, recent)
                    chain += [relay] if relay else []
            out.append(Citation(chain, 2, covered))
        return out

    def _name(
        self, phrase: Span, known: list[tuple[int, int, dict[str, Any]]], recent: list[dict[str, Any]]
    ) -> dict[str, Any] | None:
        last = recent[-1] if recent else None
        inside = [(start, end, entry) for start, end, entry in known
                  if phrase.start_char <= start and end <= phrase.end_char]
        if inside:
            entry = _speaker(phrase, inside)
            if entry["kind"] in ("unnamed", "witness"):
                earlier = _antecedent(phrase, recent)
                if earlier is not None:
                    return {**earlier, "text": phrase.text}
                # "Syrian security sources" says more than the generic "security sources": keep the words.
                return {**entry, "name": _DETERMINERS.sub("", phrase.text).strip(), "text": phrase.text}
            return {**entry, "text": phrase.text}
        if not _can_be_source(phrase):
            return None
        text = _DETERMINERS.sub("", phrase.text).strip()
        head = phrase.root.lower_
        # "the monitor", "the center", "the Britain-based group": a definite description of one named before
        words = [t for t in phrase if t.text != "-" and not (t.i > phrase.start and phrase.doc[t.i - 1].text == "-")]
        generic = phrase[0].lower_ == "the" and len(words) <= 3 and phrase.root.pos_ == "NOUN"
        if head in ("it", "its"):  # "it" is one body: not "trusted sources" or "activists"
            last = next((s for s in reversed(recent) if not _plural(s)), None)
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


PLURAL_HEADS = {"sources", "activists", "residents", "witnesses", "officials", "medics", "doctors", "survivors",
                "forces", "reports", "rebels", "people", "locals", "groups"}


def _plural(source: dict[str, Any]) -> bool:
    return any(words and words[-1] in PLURAL_HEADS
               for words in ((source.get(k) or "").lower().split() for k in ("name", "text")))


def _antecedent(phrase: Span, recent: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The source a definite "the source(s)"/"the activists" points back to: the last one with that head word.

    "A source at Aleppo police command said ... according to the source": the second is the first again.
    """
    if phrase[0].lower_ != "the" or len(phrase) > 3:
        return None
    head = phrase.root.lower_
    return next((s for s in reversed(recent)
                 if s["kind"] in ("unnamed", "witness") and head in (s.get("name") or "").lower().split()), None)


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
               "explosion", "blast", "violence", "shelling", "offensive", "operation", "crisis", "number", "figure",
               "death", "image", "picture", "photo"}  # "Images showed scores of bodies": what, not who


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


TAIL_OBJECTS = {"dobj", "dative", "punct", "prep", "npadvmod", "pobj", "det", "compound", "nummod", "amod"}
SPEAKER_WORDS = {"NOUN", "PROPN", "ADJ", "ADP", "PUNCT", "CCONJ"}


def _trailing_speaker(verb: Token, subj: Token | None) -> Span | None:
    """The speaker of a sentence-final "..., the Observatory said." whose commas the corpus stripped.

    Without the comma the parser makes the whole report the verb's subject ("A coalition air strike killed 18
    civilians in Raqqa the Syrian Observatory said": subject "strike"). When the verb closes the sentence
    and its parsed subject is far off, the determiner-led noun phrase right before the verb is the speaker.
    """
    sent = verb.sent
    # "..., a monitor said, bringing the toll to 45": a participle clause after the verb is still its own
    trailing = {t.i for c in verb.children if c.dep_ in ("advcl", "xcomp", "conj") and c.tag_ == "VBG" and c.i > verb.i
                for t in c.subtree}
    after = [t for t in sent if t.i > verb.i and t.i not in trailing]
    if any(t.dep_ not in TAIL_OBJECTS for t in after) or len(after) > 6:
        return None
    if subj is None or verb.i - subj.i <= 3:
        return None
    i = verb.i - 1
    while i > sent.start and verb.i - i <= 10:
        tok = verb.doc[i]
        before = verb.doc[i - 1]
        # "an official from the forces", "a group tracking the violence": that determiner opens an object
        inner = before.pos_ == "ADP" or before.tag_ in ("VBG", "VBN")
        if tok.pos_ == "DET" and tok.lower_ in ("a", "an", "the") and not inner:
            phrase = verb.doc[i : verb.i]
            return phrase if any(t.pos_ in ("NOUN", "PROPN") for t in phrase) and phrase.root.i != subj.i else None
        if (tok.pos_ not in SPEAKER_WORDS and tok.tag_ not in ("VBG", "VBN")) or tok.is_punct:
            return None
        i -= 1
    return None


def _with_determiner(doc: Doc, start: int, end: int) -> Span | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and span.start > 0 and doc[span.start - 1].lower_ in ("the", "a", "an"):
        span = doc[span.start - 1 : span.end]
    return span


def _adjacent_known(
    verb: Token, known: list[tuple[int, int, dict[str, Any]]]
) -> tuple[int, int, dict[str, Any]] | None:
    """The known source right before or after the verb, as matched (character offsets and entry)."""
    doc = verb.doc
    before = doc[max(0, verb.i - 2) : verb.i]
    after = doc[verb.i + 1 : verb.i + 3]
    for start, end, entry in known:
        if before and before.start_char <= end <= verb.idx:
            return start, end, entry
        if after and verb.idx + len(verb.text) <= start <= after.end_char:
            return start, end, entry
    return None


RESTATE_WINDOW = 3  # sentences: a lead and the paragraph that sources it
LEDE_SENTENCES = 3  # after the headline; later, a repeated small number is likelier another incident's


def _restated_sources(counts: list[CountMention], lede_end: int) -> None:
    """A lede figure the outlet states on its own and restates, nearby, as a cited source's is that source's.

    Wire copy leads with the toll and names who gave it one or two sentences on ("Two civilians were killed
    ... A source at the governorate told SANA ... the attacks claimed the lives of two persons"); the lead
    repeats the source's claim, it does not make a second one.
    """
    def key(c: CountMention) -> tuple[Any, ...]:
        return (c.kind, c.low, c.high, c.vague)

    cited = [c for c in counts if c.sources and c.sources[0]["kind"] != "outlet"]
    for count in counts:
        if count.sent > lede_end or not count.sources or count.sources[0]["kind"] != "outlet" or count.low is None:
            continue
        near = [c for c in cited if key(c) == key(count) and 0 < c.sent - count.sent <= RESTATE_WINDOW]
        if near:
            count.sources = [dict(s) for s in min(near, key=lambda c: c.sent).sources]


def _title_sentences(doc: Doc, sents: list[Span]) -> set[int]:
    """Sentences of the headline: a headline is the outlet's own summary, whoever it later cites."""
    title = title_span(doc)
    if title is None:
        return set()
    return {i for i, sent in enumerate(sents) if sent.start < title.end and sent.end > title.start}


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
