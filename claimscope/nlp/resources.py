"""Loading the data files under ``nlp/data`` (gazetteer, actors, sources, loaded labels).

Loaded on demand by each component's ``initialize``; nothing is read at import time.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import srsly

DATA_DIR = Path(__file__).parent / "data"


def load_gazetteer(path: Path | None = None) -> list[dict[str, Any]]:
    """The gazetteer's places; a fresh list each call, over records parsed once (places and events both read it)."""
    return list(_gazetteer(path or DATA_DIR / "gazetteer.json"))


@lru_cache(maxsize=4)
def _gazetteer(path: Path) -> tuple[dict[str, Any], ...]:
    return tuple(json.loads(path.read_text(encoding="utf-8"))["places"])


def load_yaml_list(name: str, path: Path | None = None) -> list[dict[str, Any]]:
    items = srsly.read_yaml(path or DATA_DIR / name)
    if not isinstance(items, list):
        raise ValueError(f"{name}: expected a list of entries")
    return items


def load_actors(path: Path | None = None) -> list[dict[str, Any]]:
    return load_yaml_list("actors.yml", path)


def load_sources(path: Path | None = None) -> list[dict[str, Any]]:
    return load_yaml_list("sources.yml", path)


def load_loaded_labels(path: Path | None = None) -> list[dict[str, Any]]:
    return load_yaml_list("loaded_labels.yml", path)


def load_technique_patterns(path: Path | None = None) -> list[dict[str, Any]]:
    return load_yaml_list("technique_patterns.yml", path)


def load_loaded_words(path: Path | None = None) -> dict[str, float]:
    """``loaded_words.tsv``: word -> VADER valence; built by ``scripts/build_loaded_lexicon.py``."""
    out: dict[str, float] = {}
    for line in (path or DATA_DIR / "loaded_words.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, valence = line.split("\t")[:2]
            out[word] = float(valence)
    return out
