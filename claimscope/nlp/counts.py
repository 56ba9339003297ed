"""``claimscope_counts``: figures of people killed, injured, captured, displaced and things destroyed.

A number becomes a figure only when the parse ties it to a casualty word: the noun it counts is the
subject or object of "kill"/"wound"/..., or is itself "deaths"/"wounded", or the number is a "toll".
That is what keeps years, distances, ages and unit names out without a list of exceptions.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from claimscope.nlp.base import Component, sent_index
from claimscope.nlp.mentions import CountMention
from claimscope.nlp.numbers import SCALES, VAGUE, is_number_word, parse_number

KIND_VERBS = {
    "kill": "killed", "die": "killed", "perish": "killed", "massacre": "killed", "execute": "killed",
    "slay": "killed", "eliminate": "killed", "behead": "killed", "murder": "killed", "neutralize": "killed",
    "neutralise": "killed", "martyr": "killed", "claim": None, "crucify": "killed", "slew": "killed",
    "wound": "injured", "injure": "injured", "hurt": "injured", "maim": "injured",
    "capture": "captured", "arrest": "captured", "abduct": "captured", "kidnap": "captured",
    "detain": "captured", "seize": "captured",
    "displace": "displaced", "flee": "displaced", "uproot": "displaced",
    "destroy": "destroyed", "down": "destroyed", "shoot": None, "lose": "killed",
}
KIND_NOUNS = {
    "death": "killed", "dead": "killed", "fatality": "killed", "killing": "killed", "body": "killed",
    "corpse": "killed", "martyr": "killed", "victim": "killed", "toll": "killed", "life": "killed",
    "casualty": "casualties", "injury": "injured", "wounded": "injured", "injured": "injured",
    "prisoner": "captured", "detainee": "captured", "hostage": "captured", "captive": "captured",
    "displaced": "displaced",
}
KIND_ADJ = {"dead": "killed", "wounded": "injured", "injured": "injured", "killed": "killed", "displaced": "displaced",
            "missing": None}
# Nouns that a captured/destroyed figure must not count: territory, not people or equipment.
NOT_COUNTED = {
    "village", "town", "area", "hill", "position", "city", "neighborhood", "neighbourhood", "district", "year",
    "month", "day", "week", "hour", "minute", "kilometer", "kilometre", "km", "mile", "meter", "metre",
    "percent", "%", "time", "dollar", "pound", "euro", "strike", "raid", "attack", "airstrike", "sortie",
    "round", "session", "point", "case",
}
LOW_WORDS = ("at least", "more than", "over", "upwards of", "in excess of", "no fewer than", "no less than", "a minimum of")
HIGH_WORDS = ("up to", "as many as", "as high as", "nearly", "almost", "less than", "fewer than", "no more than", "under", "as much as")
APPROX_WORDS = ("around", "about", "some", "roughly", "approximately", "an estimated", "estimated", "close to", "nearly")
# DATE is not here: the small model tags "24 Oct 2014 Ten children" as one date; months are checked instead.
SKIP_ENTS = {"TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"}
MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
          "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"}
ONE_NOUNS = {"child", "woman", "man", "boy", "girl", "soldier", "civilian", "fighter", "person", "officer", "baby",
             "policeman", "journalist", "militant", "rebel", "doctor", "member", "commander", "tank", "drone", "vehicle",
             "aircraft", "helicopter", "jet", "warplane"}
# Fractions of a scale that tolls are written in: exact enough to count, not vague words.
FRACTIONS = {"a quarter of a million": 250_000, "quarter of a million": 250_000, "half a million": 500_000,
             "a half million": 500_000, "three quarters of a million": 750_000, "half a billion": 500_000_000}
MULTIWORD_VAGUE = ("tens of thousands", "hundreds of thousands", "a large number of", "large numbers of",
                   "a great number of", "a huge number of", "a number of", "a few", "several hundred",
                   "several thousand", "a few hundred", "a few thousand", "several dozen", "a few dozen")
# Things a figure of people cannot count: "tens of rocket shells killing ..." counts shells, not victims.
OBJECT_NOUNS = {"shell", "rocket", "missile", "bomb", "mortar", "round", "projectile", "barrel", "mine", "car",
                "bullet", "grenade", "munition", "weapon", "gun", "truck", "vehicle", "tank", "drone", "plane",
                "building", "house", "home", "shop", "school", "hospital", "headquarters", "position", "post"}


class CountsComponent(Component):
    def process(self, doc: Doc) -> None:
        sents = sent_index(doc)
        mentions: list[CountMention] = []
        used: set[int] = set()
        for start, end in _number_phrases(doc):
            if start in used:
                continue
            mention = _read_count(doc, start, end, sents, mentions[-1] if mentions else None)
            if mention:
                mentions.append(mention)
                used.update(range(start, end))
                if mention.low is not None and mention.high is not None and mention.low != mention.high:
                    used.update(range(end, end + 2))  # the second number of a range belongs to this figure
        doc._.cs_counts = _nested_merge(mentions)


def _number_phrases(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges that spell one amount: "2,000", "two hundred", "1.5 million", "dozens", "a number of"."""
    out: list[tuple[int, int]] = []
    i = 0
    lower = [t.lower_ for t in doc]
    while i < len(doc):
        tok = doc[i]
        multi = next((m for m in (*FRACTIONS, *MULTIWORD_VAGUE) if " ".join(lower[i : i + len(m.split())]) == m), None)
        if multi:
            n = len(multi.split())
            out.append((i, i + n))
            i += n
            continue
        # "as many as 120" is a bound, not the vague amount "many"; nor is "some" in "some 300".
        bound = tok.lower_ in ("many", "much") and i > 0 and lower[i - 1] == "as"
        bound = bound or (tok.lower_ in VAGUE and i + 1 < len(doc) and doc[i + 1].like_num)
        if tok.lower_ in ("a", "an") and tok.dep_ == "det" and tok.head.lemma_.lower() in ONE_NOUNS and 0 < tok.head.i - i <= 4:
            out.append((i, i + 1))  # "a child was killed" is a figure of one
            i += 1
            continue
        if not bound and ((tok.like_num and is_number_word(tok.text)) or tok.lower_ in VAGUE or tok.lower_ == "dozen"):
            if tok.ent_type_ in SKIP_ENTS:
                i += 1
                continue
            j = i + 1
            # "two hundred", "1.5 million", "twenty - five"; but "2014 Ten" is a year then a number.
            while j < len(doc) and (
                (doc[j].like_num and is_number_word(doc[j].text) and not doc[j].text[0].isdigit()
                 and (doc[j].lower_ in SCALES or not doc[j - 1].text[0].isdigit()))
                or (doc[j].text == "-" and j + 1 < len(doc) and doc[j + 1].like_num)
            ):
                j += 1
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


def _amount(doc: Doc, start: int, end: int) -> tuple[int | None, int | None, bool, str | None, int | None, int, int] | None:
    """(low, high, approx, vague, estimate, span_start, span_end) for the number at [start, end)."""
    words = [t.text for t in doc[start:end]]
    phrase = " ".join(w.lower() for w in words)
    if phrase in ("a", "an"):
        return 1, 1, False, None, None, start, end
    neighbours = {doc[k].lower_.rstrip(".") for k in (start - 1, end) if 0 <= k < len(doc)}
    day_sized = (FRACTIONS.get(phrase) or parse_number(words) or 0) <= 31
    if (neighbours & MONTHS and day_sized) or (start >= 2 and doc[start - 2 : start].text.lower() == "of a"):
        return None  # "24 Oct"; but "470000 may have died" is no date

    if phrase in VAGUE or phrase == "dozen":
        if phrase == "dozen":  # "a dozen" is twelve; "more than a dozen" at least twelve
            a = 1 if start and doc[start - 1].lower_ == "a" else 0
            bound = doc[max(0, start - a - 2) : start - a].text.lower()
            if bound in LOW_WORDS:
                return 12, None, False, None, None, start - a - 2, end
            return 12, 12, True, None, None, start - a, end
        return None, None, False, phrase, VAGUE.get(phrase), start, end
    value = FRACTIONS.get(phrase) or parse_number(words)
    if value is None:
        return None
    # Years and the like: a bare 4-digit number 1900-2100 written without a comma.
    if len(words) == 1 and re.fullmatch(r"(19|20)\d\d", words[0]):
        return None
    if words[0].lower() in SCALES and start and doc[start - 1].lower_ in ("a", "one"):
        start -= 1  # "at least a million": the bound stands before the article
    low, high, approx = value, value, False
    span_start, span_end = start, end
    before = doc[max(0, start - 4) : start].text.lower()
    # Ranges: "between 10 and 15", "10 to 15", "10-15".
    nxt = doc[end : end + 2]
    joiners = ("to", "-", "and") if before.endswith("between") else ("to", "-")
    if len(nxt) == 2 and nxt[0].lower_ in joiners and nxt[1].like_num and is_number_word(nxt[1].text):
        second = parse_number([nxt[1].text])
        if second is not None and second > value:
            high, span_end = second, end + 2
    for words_ in LOW_WORDS:
        if before.endswith(words_):
            high = None if high == low else high
            span_start = start - len(words_.split())
            break
    else:
        for words_ in HIGH_WORDS:
            if before.endswith(words_):
                low = None
                span_start = start - len(words_.split())
                break
        else:
            for words_ in APPROX_WORDS:
                if before.endswith(words_):
                    approx = True
                    span_start = start - len(words_.split())
                    break
    if before.endswith("between"):
        span_start = start - 1
    if end < len(doc) and doc[end].text == "+":  # "35+ dead"
        high, span_end = None, end + 1
    return low, high, approx, None, None, max(0, span_start), span_end


def _anchor(doc: Doc, start: int, end: int) -> Token:
    """The noun the number counts: "300" in "300 terrorists" -> "terrorists"; "dozens of Takfiris" -> "Takfiris"."""
    num = doc[end - 1]
    if num.lower_ == "of" and end - start >= 2:
        return doc[end - 2]  # "destroyed a number of vehicles": "number" takes the verb's role
    if num.dep_ == "det":  # "a child", "A Russian military helicopter"
        return num.head
    if num.dep_ in ("nummod", "quantmod", "amod", "compound") and num.head.i >= end:
        head = num.head
        while head.dep_ in ("quantmod", "nummod", "compound") and head.head.i > head.i and head.head.like_num:
            head = head.head
        if head.like_num:
            return _anchor_of_head(head)
        return head
    if num.dep_ in ("nummod", "quantmod") and num.head.like_num:
        return _anchor_of_head(num.head)
    return _anchor_of_head(num)


def _anchor_of_head(tok: Token) -> Token:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    return tok


def _kind(anchor: Token, num_start: int, num_end: int) -> tuple[str | None, Token | None]:
    """The figure's kind and the token that says so, from the parse around the counted noun."""
    lemma = anchor.lemma_.lower()
    if anchor.i >= num_end or anchor.i < num_start:
        if lemma in KIND_NOUNS or anchor.lower_ in KIND_NOUNS:
            return KIND_NOUNS.get(anchor.lower_) or KIND_NOUNS[lemma], anchor
    # "the deaths of 300 terrorists", "the bodies of 62 soldiers"
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "of":
        owner = anchor.head.head
        if owner.lemma_.lower() in KIND_NOUNS:
            return KIND_NOUNS[owner.lemma_.lower()], owner
    # "27 people killed in ...", "40 wounded civilians"
    for child in anchor.children:
        # "27 people killed in ...", not "2 people injuring one": an active participle's subject does it
        if child.dep_ in ("acl", "amod", "relcl") and child.i != anchor.i and child.tag_ != "VBG":
            k = KIND_VERBS.get(child.lemma_.lower()) or KIND_ADJ.get(child.lower_)
            if k:
                return k, child
    head = anchor.head
    if anchor.dep_ == "pobj" and head.lower_ == "as" and head.head.lower_ in ("high", "many", "much"):
        return _kind(head.head, num_start, num_end)  # "put the toll at as high as 470000": "high" stands for it
    # The counted noun is a subject or object of a casualty verb: "killing 27 people", "27 were killed".
    if anchor.dep_ in ("nsubj", "nsubjpass", "dobj", "obj", "conj", "attr", "appos", "pobj", "ROOT", "npadvmod", "oprd"):
        verb = head
        if anchor.dep_ == "conj":
            # "killed six soldiers and 12 civilians": the conjunct shares the first noun's verb.
            verb = anchor.head.head if anchor.head.dep_ in ("dobj", "nsubjpass", "nsubj") else anchor.head
        if anchor.dep_ == "pobj" and head.dep_ == "agent":
            verb = None  # "killed by 300 fighters": the number is the killer
        elif anchor.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("to", "at"):
            verb = head.head  # "the toll has risen to 39", "put the toll at 70"
        if verb is not None:
            k = KIND_VERBS.get(verb.lemma_.lower())
            down = next((c for c in verb.children if c.dep_ == "prt" and c.lower_ == "down"), None)
            if verb.lemma_.lower() == "shoot" and down is not None:
                return "destroyed", down  # "shot down a drone"
            if k and verb.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
                return k, verb
            if verb.lemma_.lower() in ("fall", "become"):  # "1500 people have fallen victims"
                victim = next((c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")
                               and c.lemma_.lower() in ("victim", "casualty", "martyr")), None)
                if victim is not None:
                    return KIND_NOUNS[victim.lemma_.lower()], victim
            for child in verb.children:
                if child.dep_ == "prep" and child.lower_ in ("among", "from"):
                    for obj in (g for g in child.children if g.dep_ == "pobj"):
                        # "11 children were among the 26 civilians killed" / "among the dead"
                        k = KIND_NOUNS.get(obj.lemma_.lower()) or next(
                            (KIND_VERBS.get(g.lemma_.lower()) or KIND_ADJ.get(g.lower_) for g in obj.children
                             if g.dep_ in ("acl", "amod", "relcl") and (KIND_VERBS.get(g.lemma_.lower()) or KIND_ADJ.get(g.lower_))),
                            None)
                        if child.lower_ == "from":  # "driven millions from their homes": the verb displaces
                            if obj.lemma_.lower() in ("home", "house", "village", "town"):
                                return "displaced", verb
                            k = None
                        if k:
                            return k, obj
                # "stoned to death", "beaten to death"
                death = next((g for g in child.children if g.lemma_ == "death"), None) if child.lower_ == "to" else None
                if child.dep_ == "prep" and death is not None:
                    return "killed", death
                # "the dead were two women", "the dead include 14 children"
                if child.dep_ in ("nsubj", "nsubjpass") and child.i != anchor.i and verb.lemma_ in ("be", "include", "comprise"):
                    k = KIND_NOUNS.get(child.lemma_.lower()) or KIND_NOUNS.get(child.lower_)
                    if k:
                        return k, child
                if child.dep_ == "xcomp" and KIND_VERBS.get(child.lemma_.lower()):
                    return KIND_VERBS[child.lemma_.lower()], child
            # "leaving 27 people dead", "27 people are dead"
            for child in verb.children:
                if child.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "advcl", "attr") and child.lower_ in KIND_ADJ:
                    k = KIND_ADJ[child.lower_]
                    if k:
                        return k, child
            if verb.lemma_ in ("be", "die") and anchor.dep_ in ("nsubj",):
                for child in verb.children:
                    if child.lemma_.lower() in KIND_VERBS and KIND_VERBS[child.lemma_.lower()]:
                        return KIND_VERBS[child.lemma_.lower()], child
            # "the number of people killed has risen to 39": the subject says what is counted
            if verb.lemma_.lower() in TOLL_VERBS:
                subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                for tok in subj.subtree if subj is not None else []:
                    k = KIND_NOUNS.get(tok.lemma_.lower()) or KIND_VERBS.get(tok.lemma_.lower())
                    if k:
                        return k, tok
            # "a toll of 70", "the toll rose to 35", "put the toll at 70"
            for tok in [verb, *verb.children, verb.head]:
                if tok.lemma_.lower() == "toll":
                    return _toll_kind(tok), tok
                for c in tok.children:
                    if c.lemma_.lower() == "toll":
                        return _toll_kind(c), c
    return None, None


def _toll_kind(toll: Token) -> str:
    words = {c.lemma_.lower() for c in toll.children} | {toll.head.lemma_.lower()}
    return "casualties" if "casualty" in words else "killed"


def _fallback_kind(doc: Doc, sent: Span, num_end: int) -> tuple[str | None, Token | None]:
    """When the parse is broken (the corpus drops punctuation): a casualty participle right after the noun."""
    for tok in doc[num_end : min(num_end + 4, sent.end)]:
        if tok.like_num or tok.lower_ in (",", ";", "and", "while", "but"):
            break
        k = KIND_ADJ.get(tok.lower_) or (KIND_VERBS.get(tok.lemma_.lower()) if tok.tag_ in ("VBN", "VBD") else None)
        if k:
            return k, tok
    return None, None


TOLL_VERBS = {"rise", "climb", "reach", "jump", "increase", "stand", "hit", "mount", "soar", "be"}
INCLUDING = {"including", "include", "includes", "included", "among"}


def _nested_kind(anchor: Token, previous: CountMention | None, sent_no: int) -> tuple[str | None, Token | None]:
    """A subset of the figure before it: "22 killed, including five children" -> killed."""
    if previous is None or previous.sent != sent_no:
        return None, None
    head = anchor.head
    if anchor.dep_ in ("pobj", "dobj", "appos", "conj") and (head.lower_ in INCLUDING or head.lemma_ in INCLUDING):
        return previous.kind, None
    if anchor.dep_ == "conj" and previous.victims is not None:
        return previous.kind, None
    return None, None


def _merged_kind(trigger: Token | None, kind: str | None) -> str | None:
    """"killed or wounded" counts casualties, not deaths."""
    if trigger is None or kind not in ("killed", "injured"):
        return kind
    linked = [c for c in trigger.children if c.dep_ == "conj"] + ([trigger.head] if trigger.dep_ == "conj" else [])
    # Only when the other verb has no figure of its own: "killed six and injured 32" are two figures.
    mine = {g.i for g in trigger.subtree}

    def has_own_figure(verb: Token) -> bool:
        own = [g for g in verb.subtree if g.i not in mine] if verb.i == trigger.head.i else list(verb.subtree)
        args = [c for c in verb.children if c.i not in mine and c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr")]
        return bool(args) or any(g.like_num or g.lower_ in VAGUE for g in own if g.i != verb.i)

    # "killed or wounded", "killing and injuring": the two verbs stand side by side
    linked = [t for t in linked if abs(t.i - trigger.i) <= 3 and not has_own_figure(t)]
    kinds = {KIND_VERBS.get(t.lemma_.lower()) or KIND_ADJ.get(t.lower_) for t in linked}
    # "killed or wounded" and "killed and injured" both say one number for dead and wounded together.
    if ({"killed", "injured"} - {kind}) & kinds:
        return "casualties"
    return kind


def _read_count(
    doc: Doc, start: int, end: int, sents: dict[int, int], previous: CountMention | None = None
) -> CountMention | None:
    amount = _amount(doc, start, end)
    if amount is None:
        return None
    low, high, approx, vague, estimate, span_start, span_end = amount
    sent = doc[start].sent
    anchor = _anchor(doc, start, end)
    if anchor.lemma_.lower() in NOT_COUNTED or anchor.ent_type_ in SKIP_ENTS:
        return None
    partitive = anchor.dep_ == "pobj" and anchor.head.lower_ == "of" and anchor.head.head.i in range(start, end)
    kind, trigger = (None, None)
    if partitive and (anchor.lemma_.lower() in KIND_NOUNS or anchor.lower_ in KIND_NOUNS):
        # "two of the wounded died": the verb says what happened to them, the noun only who they were
        kind, trigger = _kind(anchor.head.head, start, start)
    if kind is None:
        kind, trigger = _kind(anchor, start, end)
    if kind is None and partitive:
        # "killed dozens of soldiers": the verb governs the amount, not the noun after "of".
        kind, trigger = _kind(anchor.head.head, start, start)
    misattached = not (anchor.pos_ in ("NOUN", "PROPN") and end <= anchor.i <= end + 4)
    if kind is None and misattached and end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN"):
        # Unpunctuated text misattaches numbers ("24 Oct 2014 Ten children ..."): try the noun right after it.
        anchor = doc[end]
        kind, trigger = _kind(anchor, start, end)
    if kind is None:
        kind, trigger = _nested_kind(anchor, previous, sents.get(start, 0))
    if kind is None:
        kind, trigger = _fallback_kind(doc, sent, max(end, anchor.i + 1))
    if kind is None:
        return None
    if doc[start].lower_ in ("a", "an") and trigger is not None and trigger.lemma_.lower() == "toll":
        return None  # "a doctor ... confirmed the death toll": one person near a toll is not a figure of one
    kind = _merged_kind(trigger, kind)
    if kind != "destroyed" and anchor.lemma_.lower() in OBJECT_NOUNS:
        return None
    # The casualty word must govern the vague amount closely: "wounded dozens", "millions displaced".
    linked = trigger is not None and (
        anchor.head.i == trigger.i or trigger.head.i == anchor.i
        # "millions forced to flee", "left dozens more wounded": the verb's complement says what befell them
        or (trigger.head.i == anchor.head.i and trigger.dep_ in ("xcomp", "oprd") and anchor.dep_ in ("nsubjpass", "dobj"))
    )
    if vague and anchor.i == doc[start].i and not linked:
        return None  # "many were killed" with nothing counted is too loose; "wounded dozens" is a figure
    if vague and doc[start:end + 2].text.lower().endswith("of the"):
        return None  # "several of the wounded": a part of a figure already given, not a new one
    counted = anchor if anchor.i >= end or anchor.i < start else None
    victims = _noun_phrase(counted) if counted is not None and counted.lemma_.lower() not in KIND_NOUNS else None
    tokens = [span_start, span_end - 1]
    if counted is not None and abs(counted.i - start) <= 6:
        tokens.append(counted.i)
    if trigger is not None and abs(trigger.i - start) <= 8:
        tokens.append(trigger.i)
    lo, hi = min(tokens), max(tokens)
    lo, hi = max(lo, sent.start), min(hi, sent.end - 1)
    span = doc[lo : hi + 1]
    what = None
    if kind == "destroyed":
        what, victims = victims, None
    return CountMention(
        start=span.start_char, end=span.end_char, text=span.text, kind=kind, low=low, high=high, approx=approx,
        vague=vague, estimate=estimate, victims=victims, what=what, sent=sents.get(start, 0),
        number_start=doc[start].idx,
    )


def _noun_phrase(tok: Token) -> str:
    """The counted noun with its modifiers, without the number or determiners: "foreign-backed Takfiri terrorists"."""
    left = [c for c in tok.lefts if c.dep_ in ("amod", "compound", "nmod") and not c.like_num]
    start = min([c.left_edge.i for c in left] + [tok.i])
    words = [t for t in tok.doc[start : tok.i + 1] if not t.like_num and t.dep_ not in ("det", "quantmod", "nummod", "poss", "case")]
    return " ".join(t.text for t in words).replace(" - ", "-") or tok.text


def _nested_merge(mentions: list[CountMention]) -> list[CountMention]:
    return sorted(mentions, key=lambda m: m.number_start)
