"""Checks every article passes before extraction: decodable, not binary, not huge, English, not empty.

Each failure raises ``InputRejected`` with a reason a person can act on; nothing here prints.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from claimscope.errors import InputRejected

MAX_CHARS = 1_000_000  # spaCy's own default max_length; longer is not an article
MIN_LANGUAGE_CHARS = 40  # too short to identify a language reliably


def decode(data: bytes, encoding: str | None = None) -> str:
    """Bytes to text: the given encoding, else UTF-8, else the detected one; binary is refused."""
    if not data.strip():
        raise InputRejected("empty input")
    if b"\x00" in data[:8192]:
        raise InputRejected("binary data (NUL bytes), not text")
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputRejected(f"cannot decode as {encoding}: {exc}", hint="try another --encoding") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputRejected("not UTF-8 and no text encoding could be detected", hint="pass --encoding")
    return str(best)


def clean_text(text: str) -> str:
    """Normalise line ends and strip outer whitespace; inner text stays byte-for-byte."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_text(text: str, *, max_chars: int = MAX_CHARS, check_language: bool = True) -> str:
    if not text.strip():
        raise InputRejected("empty article text")
    if len(text) > max_chars:
        raise InputRejected(
            f"article too large: {len(text):,} characters (limit {max_chars:,})",
            hint="split it, or raise the limit with --max-chars",
        )
    sample = text[:4000]
    if len(_CONTROL.findall(sample)) > len(sample) // 100 + 2:
        raise InputRejected("binary data (control characters), not text")
    if check_language and len(text) >= MIN_LANGUAGE_CHARS:
        lang = detect_language(sample)
        if lang != "en":
            raise InputRejected(f"not English (detected language: {lang})", hint="claimscope reads English articles")
    return text


ENGLISH_MARGIN = 20.0  # log-score gap within which English still wins: noisy English reads as Pidgin ("pcm")


def detect_language(text: str) -> str:
    import py3langid

    ranked = py3langid.rank(text)
    top, top_score = ranked[0]
    en_score = next((score for lang, score in ranked if lang == "en"), None)
    if top != "en" and en_score is not None and top_score - en_score < ENGLISH_MARGIN:
        return "en"
    return str(top)


def stable_id(text: str) -> str:
    """Content id: the same text gets the same id on every machine."""
    norm = " ".join(text.split()).lower()
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]
