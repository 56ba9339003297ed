"""Reading amounts written in digits or words: "2,000", "four", "twenty-five", "1.5 million", "dozens"."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
# Vague amounts keep their word; ``estimate`` is the conservative reading (the smallest the word allows).
VAGUE = {
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "tens": 20, "several": 3, "many": None,
    "numerous": None, "a number of": None, "a large number of": None, "large numbers of": None,
    "a great number of": None, "a huge number of": None, "a few": 2, "few": 2, "some": None, "tens of thousands": 20000,
    "hundreds of thousands": 200000, "millions": 2_000_000, "several hundred": 300, "several thousand": 3000,
    "several dozen": 36, "a few hundred": 200, "a few thousand": 2000, "a few dozen": 24,
}
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$")


def parse_number(words: list[str]) -> int | None:
    """The integer that ``words`` spell, or None. ``["1.5", "million"]`` -> 1500000."""
    total, current, seen = 0.0, 0.0, False
    for raw in words:
        w = raw.lower().strip()
        if w in ("-", "and", "a", "an"):
            continue
        parts = w.split("-") if "-" in w and not _DIGITS.match(w) else [w]
        for part in parts:
            if _DIGITS.match(part):
                current += float(part.replace(",", ""))
            elif part in UNITS:
                current += UNITS[part]
            elif part in SCALES:
                scale = SCALES[part]
                current = (current or 1) * scale
                if scale >= 1000:
                    total, current = total + current, 0.0
            else:
                return None
            seen = True
    if not seen:
        return None
    value = total + current
    return int(value) if value == int(value) else None


def is_number_word(word: str) -> bool:
    w = word.lower()
    if _DIGITS.match(w):
        return True
    return all(p in UNITS or p in SCALES for p in w.split("-") if p) and bool(w.strip("-"))
