"""``claimscope_dates``: dates in the text resolved against the publication date.

"on Wednesday" is the latest Wednesday on or before publication; "over the past week" the seven days
before it; "since 2011" an aggregate range. Regular expressions, not dateparser: this runs on every
sentence of every article and must stay cheap.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Doc

from claimscope.nlp.base import Component
from claimscope.nlp.mentions import DateMention
from claimscope.values import parse_day

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_NUMS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("dmy", re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_MONTH}(?:,?\s+(?P<year>(?:19|20)\d\d))?\b", re.I)),
    ("mdy", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b", re.I)),
    ("monthyear", re.compile(rf"\b(?P<since>since\s+|in\s+|from\s+)?{_MONTH}\s+(?P<year>(?:19|20)\d\d)\b", re.I)),
    ("since", re.compile(rf"\bsince\s+(?:(?:the\s+)?(?:start|beginning|outbreak|onset)\s+of\s+the\s+(?:conflict|war|crisis|uprising|revolution)|(?:{_MONTH}\s+)?(?P<year>(?:19|20)\d\d))", re.I)),
    # "In July a suicide bomb killed ...", "since April": the month of that name on or before publication
    ("month", re.compile(rf"\b(?P<since>since|in|during)\s+(?:early\s+|late\s+|mid-?)?{_MONTH}(?!\s*\d)\b", re.I)),
    # "since Saturday at least 68 civilians have been killed": from that day to publication
    ("sinceday", re.compile(r"\bsince\s+(?:last\s+)?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
                            re.I)),
    ("span", re.compile(r"\b(?:in|within|over)\s+(?:the\s+)?(?:last\s+|past\s+)?(?P<hours>24|48)\s+hours\b"
                        r"|\b(?P<overnight>overnight)\b|\b(?:in|over|within)\s+(?P<days>two|three|2|3)\s+days\b", re.I)),
    # "the war which began in 2011": a whole year, after the more precise forms have had their turn
    ("year", re.compile(r"\b(?:in|during)\s+(?P<year>(?:19|20)\d\d)\b", re.I)),
    ("weekday", re.compile(r"\b(?:(?P<last>last|this|on|early|late)\s+)?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:night|morning|evening|afternoon))?\b", re.I)),
    ("relative", re.compile(r"\b(?P<rel>yesterday|today|tonight|last night|this morning|earlier today|earlier this week|this week|last week|last month|this month|this year|last year)\b", re.I)),
    ("past", re.compile(r"\b(?:over|in|during|within)\s+the\s+(?:past|last)\s+(?:(?P<n>\d+|two|three|four|five|six|seven|ten)\s+)?(?P<unit>days?|weeks?|months?|years?|hours?|24 hours|48 hours)\b", re.I)),
]
_AGGREGATE_RELS = {"this month", "last month", "this year", "last year"}


def resolve(kind: str, m: re.Match[str], published: date | None) -> tuple[str | None, str | None, bool]:
    """(start, end, aggregate) for one match; None dates when the publication date is needed but unknown."""
    g = m.groupdict()
    if kind in ("dmy", "mdy"):
        month = MONTHS[g["month"].lower().rstrip(".")[:3] if g["month"].lower() != "sept" else "sep"]
        year = int(g["year"]) if g.get("year") else (published.year if published else None)
        if year is None:
            return None, None, False
        try:
            d = date(year, month, int(g["day"]))
        except ValueError:
            return None, None, False
        if not g.get("year") and published and d > published + timedelta(days=1):
            d = d.replace(year=d.year - 1)
        return d.isoformat(), d.isoformat(), False
    if kind == "monthyear":
        month = MONTHS[g["month"].lower().rstrip(".")[:3] if g["month"].lower() != "sept" else "sep"]
        start = date(int(g["year"]), month, 1)
        last = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        if (g.get("since") or "").strip().lower() == "since":
            return start.isoformat(), (published or last).isoformat(), True
        return start.isoformat(), last.isoformat(), False
    if kind == "since":
        if not published:
            return None, None, True
        start = f"{g['year']}-01-01" if g.get("year") else "2011-03-15"  # the Syrian uprising's start
        if g.get("year") and g.get("month"):
            start = f"{g['year']}-{MONTHS[g['month'].lower()[:3]]:02d}-01"
        return start, published.isoformat(), True
    if kind == "year":
        return f"{g['year']}-01-01", f"{g['year']}-12-31", False
    if published is None:
        return None, None, False
    if kind == "month":
        if g["month"] == "may":  # the modal verb, not the month
            return None, None, False
        month = MONTHS[g["month"].lower().rstrip(".")[:3] if g["month"].lower() != "sept" else "sep"]
        year = published.year if month <= published.month else published.year - 1
        first = date(year, month, 1)
        last = min((first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1), published)
        if g["since"].lower() == "since":
            return first.isoformat(), published.isoformat(), False
        return first.isoformat(), last.isoformat(), False
    if kind == "sinceday":
        back = (published.weekday() - WEEKDAYS.index(g["weekday"].lower())) % 7 or 7
        return (published - timedelta(days=back)).isoformat(), published.isoformat(), False
    if kind == "span":
        days = 1 if (g.get("hours") == "24" or g.get("overnight")) else 2
        if g.get("days"):
            days = {"two": 2, "three": 3, "2": 2, "3": 3}[g["days"].lower()]
        return (published - timedelta(days=days)).isoformat(), published.isoformat(), False
    if kind == "weekday":
        target = WEEKDAYS.index(g["weekday"].lower())
        back = (published.weekday() - target) % 7
        if (g.get("last") or "").lower() == "last" and back == 0:
            back = 7
        d = published - timedelta(days=back)
        return d.isoformat(), d.isoformat(), False
    if kind == "relative":
        rel = g["rel"].lower()
        p = published
        table = {
            "yesterday": (p - timedelta(1), p - timedelta(1)), "last night": (p - timedelta(1), p),
            "today": (p, p), "tonight": (p, p), "this morning": (p, p), "earlier today": (p, p),
            "earlier this week": (p - timedelta(p.weekday()), p), "this week": (p - timedelta(p.weekday()), p),
            "last week": (p - timedelta(p.weekday() + 7), p - timedelta(p.weekday() + 1)),
            "this month": (p.replace(day=1), p),
            "last month": ((p.replace(day=1) - timedelta(1)).replace(day=1), p.replace(day=1) - timedelta(1)),
            "this year": (p.replace(month=1, day=1), p),
            "last year": (date(p.year - 1, 1, 1), date(p.year - 1, 12, 31)),
        }
        s, e = table[rel]
        return s.isoformat(), e.isoformat(), rel in _AGGREGATE_RELS
    if kind == "past":
        n_raw = (g.get("n") or "1").lower()
        n = int(n_raw) if n_raw.isdigit() else _NUMS.get(n_raw, 1)
        unit = g["unit"].lower()
        if unit.startswith("24"):
            days = 1
        elif unit.startswith("48"):
            days = 2
        elif unit.startswith("hour"):
            days = max(1, round(n / 24))
        else:
            per = {"hour": 0, "day": 1, "week": 7, "month": 30, "year": 365}[unit.rstrip("s")]
            days = max(n * per, 1)
        return (published - timedelta(days=days)).isoformat(), published.isoformat(), days >= 28
    return None, None, False


def find_dates(text: str, published: date | None) -> list[tuple[int, int, str, str | None, str | None, bool]]:
    """Every date expression in ``text``: (start, end, text, date_start, date_end, aggregate), no overlaps."""
    found = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            start, end, aggregate = resolve(kind, m, published)
            found.append((m.start(), m.end(), m.group(0), start, end, aggregate))
            taken.append((m.start(), m.end()))
    return sorted(found)


# an unreadable publication date counts as unknown rather than failing the article
published_date = parse_day


_DATELINE_CHARS = 300  # FA-KES-style texts open with the headline, then "AFP Friday 24 Oct 2014"
_NUMERIC_DATELINE = re.compile(r"^\s*(?P<day>\d{1,2})-(?P<month>\d{1,2})-(?P<year>(?:19|20)\d\d)\b")


def dateline(text: str) -> date | None:
    """The first full date near the top of the text ("Wed 05 Apr 2017", "17-08-2016"): the filing day."""
    m = _NUMERIC_DATELINE.match(text)
    if m:
        try:
            return date(int(m["year"]), int(m["month"]), int(m["day"]))
        except ValueError:
            return None
    head = text[:_DATELINE_CHARS]
    found = [(m.start(), kind, m) for kind in ("dmy", "mdy") for m in dict(PATTERNS)[kind].finditer(head) if m["year"]]
    for _, kind, m in sorted(found, key=lambda x: x[0]):
        start, _, _ = resolve(kind, m, None)
        if start:
            return date.fromisoformat(start)
    return None


class DatesComponent(Component):
    def process(self, doc: Doc) -> None:
        published = published_date(doc._.cs_published)
        # A reader resolves "on Monday" against the story's own dateline when it has one.
        text = doc.text
        published = dateline(text) or published
        mentions = []
        sent_starts = [s.start_char for s in doc.sents]
        for start, end, written, d_start, d_end, aggregate in find_dates(text, published):
            sent = max(i for i, s in enumerate(sent_starts) if s <= start) if sent_starts else 0
            mentions.append(DateMention(start, end, written, d_start, d_end, sent, aggregate))
        doc._.cs_dates = mentions
