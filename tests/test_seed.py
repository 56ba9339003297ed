"""The seed article end to end: the figures, their sources, the places, and spans that index the text."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimscope.cli import main
from claimscope.eval.score import km

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "seed" / "presstv-hama-2024.txt"
HAMA = (35.1318, 36.7578)
IDLIB = (35.9306, 36.6339)

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/data/seed")


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> dict:
    title, _, body = SEED.read_text(encoding="utf-8").partition("\n\n")
    line = {"id": "presstv-hama", "title": title, "text": body, "outlet": "PressTV", "published": "2024-12-04"}
    path = tmp_path_factory.mktemp("seed") / "seed.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def claims(seed: dict) -> list[tuple]:
    return [
        (c["kind"], c["low"], c["high"], c["approx"], c["vague"], e["claimed_by"][0]["name"])
        for e in seed["events"] for c in e["counts"]
    ]


@pytest.mark.parametrize(
    "expected",
    [
        ("killed", 2000, 2000, True, None, "Syrian sources"),
        ("killed", None, 120, False, None, "Russian Coordination Center in Syria"),
        ("killed", 300, 300, False, None, "PressTV"),
        ("killed", None, None, False, "dozens", "PressTV"),
    ],
)
def test_seed_figures_and_who_claims_them(seed: dict, expected: tuple) -> None:
    assert expected in claims(seed)


def test_seed_spans_index_the_text(seed: dict) -> None:
    text = seed["article"]["text"]
    spans = [(c["span"], c["text"]) for e in seed["events"] for c in e["counts"]]
    spans += [(f["span"], f["text"]) for f in seed["framing"]]
    assert spans
    for (s, e), quoted in spans:
        assert text[s:e] == quoted


def test_seed_events_are_in_hama_and_idlib(seed: dict) -> None:
    located = [e["location"] for e in seed["events"] if e["location"] and e["location"]["precision"] != "country"]
    near = {"hama": False, "idlib": False}
    for loc in located:
        near["hama"] |= km(loc["lat"], loc["lon"], *HAMA) <= 25
        near["idlib"] |= km(loc["lat"], loc["lon"], *IDLIB) <= 25
    assert near == {"hama": True, "idlib": True}


def test_seed_figures_are_in_hama(seed: dict) -> None:
    for e in seed["events"]:
        if any(c["kind"] == "killed" and c["low"] in (2000, 300) for c in e["counts"]):
            assert km(e["location"]["lat"], e["location"]["lon"], *HAMA) <= 25


def test_seed_framing_flags_takfiri_and_so_called(seed: dict) -> None:
    flagged = {f["text"].lower(): f for f in seed["framing"]}
    assert any("takfiri" in t for t in flagged)
    assert "so-called" in flagged
