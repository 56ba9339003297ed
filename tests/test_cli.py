"""The `extract` command through Click's CliRunner: inputs, output formats, overrides, spans, errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimscope.cli import main
from claimscope.ingest.checks import stable_id

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SCHEMA = "claimscope/1"
IDLIB = (
    "At least 12 civilians were killed in an air strike on the town of Ariha in Idlib province on Monday, "
    "the Syrian Observatory for Human Rights said."
)
SOHR = "Syrian Observatory for Human Rights"


@pytest.fixture
def run(reuse_pipeline):
    """Invoke the CLI; the session's spaCy pipeline stands in for a freshly built one."""

    def invoke(*args: str, input: str | bytes | None = None):
        return CliRunner().invoke(main, list(args), input=input)

    return invoke


def killed_counts(result: dict) -> list[tuple[dict, dict]]:
    return [(e, c) for e in result["events"] for c in e["counts"] if c["kind"] == "killed"]


def assert_idlib_figure(result: dict) -> None:
    [(event, count)] = killed_counts(result)
    assert (count["low"], count["high"], count["approx"], count["vague"]) == (12, None, False, None)
    assert event["claimed_by"][0]["name"] == SOHR


def test_extract_txt_prints_one_contract_object(run):
    result = run("extract", str(FIXTURES / "idlib_titled.txt"))
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)  # one article: a single JSON object by default
    assert isinstance(out, dict)
    assert out["schema"] == SCHEMA
    assert set(out) == {"schema", "article", "events", "framing"}
    article = out["article"]
    assert article["title"] == "Air strike kills 12 civilians in Idlib"
    assert article["text"].startswith(IDLIB)
    assert article["id"] == stable_id(article["text"])
    assert_idlib_figure(out)
    assert result.stderr == ""


def test_extract_jsonl_with_two_articles_prints_two_lines(run, tmp_path):
    path = tmp_path / "two.jsonl"
    path.write_text(
        json.dumps({"id": "a1", "text": IDLIB, "outlet": "Levant Wire", "published": "2024-12-03"}) + "\n"
        + json.dumps({"id": "a2", "text": (FIXTURES / "aleppo_untitled.txt").read_text()}) + "\n"
    )
    result = run("extract", str(path))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    objs = [json.loads(line) for line in lines]
    assert all(isinstance(o, dict) and o["schema"] == SCHEMA for o in objs)
    assert [o["article"]["id"] for o in objs] == ["a1", "a2"]
    assert objs[0]["article"]["outlet"] == "Levant Wire"
    assert objs[0]["article"]["published"] == "2024-12-03"
    assert_idlib_figure(objs[0])
    assert all(e["id"].startswith(o["article"]["id"] + "#") for o in objs for e in o["events"])


def test_extract_format_json_single_object_and_array(run, tmp_path):
    one = run("extract", "--format", "json", str(FIXTURES / "aleppo_untitled.txt"))
    assert one.exit_code == 0, one.stderr
    obj = json.loads(one.stdout)
    assert isinstance(obj, dict) and obj["schema"] == SCHEMA

    shutil.copy(FIXTURES / "aleppo_untitled.txt", tmp_path / "a.txt")
    (tmp_path / "b.txt").write_text(IDLIB)
    many = run("extract", "--format", "json", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert many.exit_code == 0, many.stderr
    arr = json.loads(many.stdout)
    assert isinstance(arr, list) and len(arr) == 2
    assert [o["schema"] for o in arr] == [SCHEMA, SCHEMA]


def test_extract_format_jsonl_for_one_article(run):
    result = run("extract", "--format", "jsonl", str(FIXTURES / "aleppo_untitled.txt"))
    assert result.exit_code == 0, result.stderr
    [line] = result.stdout.splitlines()
    assert json.loads(line)["schema"] == SCHEMA


def test_extract_from_stdin(run):
    result = run("extract", "-", input=f"Strike on Ariha\n\n{IDLIB}\n")
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["article"]["title"] == "Strike on Ariha"
    assert out["article"]["text"] == IDLIB
    assert out["article"]["id"] == stable_id(IDLIB)
    assert_idlib_figure(out)


def test_extract_overrides_outlet_published_title(run):
    result = run(
        "extract", str(FIXTURES / "levant_wire.html"),
        "--outlet", "PressTV", "--published", "2024-12-04", "--title", "My title",
    )
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    article = out["article"]
    assert (article["outlet"], article["published"], article["title"]) == ("PressTV", "2024-12-04", "My title")
    assert article["byline"] == "Jane Doe"  # not overridden: still taken from the page
    # the override is what the pipeline reads: "on Monday" resolves against 2024-12-04 (a Wednesday)
    [(event, _)] = killed_counts(out)
    assert event["date"]["start"] == "2024-12-02"


def test_extract_published_override_accepts_fakes_date_form(run):
    result = run("extract", str(FIXTURES / "aleppo_untitled.txt"), "--published", "12/4/2024")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["article"]["published"] == "2024-12-04"


def test_outlet_override_is_the_claimant_of_unattributed_figures(run, tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("Clashes in Deir ez-Zor killed at least 7 fighters on Wednesday.")
    result = run("extract", str(path), "--outlet", "Gulf Times")
    assert result.exit_code == 0, result.stderr
    [(event, count)] = killed_counts(json.loads(result.stdout))
    assert (count["low"], count["high"]) == (7, None)
    assert event["claimed_by"] == [{"name": "Gulf Times", "kind": "outlet", "text": None}]


@pytest.mark.parametrize(
    "fixture", ["idlib_titled.txt", "aleppo_untitled.txt", "hama_long.txt", "levant_wire.html", "fakes_sample.csv"]
)
def test_every_span_indexes_article_text(run, fixture):
    result = run("extract", "--format", "jsonl", str(FIXTURES / fixture))
    assert result.exit_code == 0, result.stderr
    objs = [json.loads(line) for line in result.stdout.splitlines()]
    assert objs
    n_counts = 0
    for obj in objs:
        text = obj["article"]["text"]
        for event in obj["events"]:
            if event["span"] is not None:
                s, e = event["span"]
                assert text[s:e] == event["sentence"]
            for count in event["counts"]:
                s, e = count["span"]
                assert text[s:e] == count["text"]
                n_counts += 1
        for frame in obj["framing"]:
            s, e = frame["span"]
            assert text[s:e] == frame["text"]
    assert n_counts >= 1


def test_long_article_figures(run):
    """Contract number rules on a richer article: range, at least, as many as, around, vague, framing."""
    result = run("extract", str(FIXTURES / "hama_long.txt"), "--published", "2024-12-04")
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    figures = {c["text"]: c for e in out["events"] for c in e["counts"]}
    assert (figures["between 10 and 15 soldiers were wounded"]["low"], figures["between 10 and 15 soldiers were wounded"]["high"]) == (10, 15)
    assert (figures["at least 112 fighters had been killed"]["low"], figures["at least 112 fighters had been killed"]["high"]) == (112, None)
    assert (figures["as many as 120 civilians had fled"]["low"], figures["as many as 120 civilians had fled"]["high"]) == (None, 120)
    around = figures["around 2,000 families were displaced"]
    assert (around["kind"], around["low"], around["high"], around["approx"]) == ("displaced", 2000, 2000, True)
    dozens = next(c for t, c in figures.items() if "dozens" in t)
    assert (dozens["low"], dozens["high"], dozens["vague"]) == (None, None, "dozens")
    assert any(f["text"] == "Takfiri terrorists" for f in out["framing"])
    assert all(e["claimed_by"] for e in out["events"])  # never empty


def test_directory_with_one_bad_file_is_reported_and_skipped(run, tmp_path):
    (tmp_path / "good.txt").write_text(IDLIB)
    (tmp_path / "bad.txt").write_bytes(b"")
    result = run("extract", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert "skipped" in result.stderr
    assert str(tmp_path / "bad.txt") in result.stderr
    assert "empty" in result.stderr
    out = json.loads(result.stdout)
    assert out["article"]["text"] == IDLIB
    assert "skipped" not in result.stdout


def test_only_bad_inputs_exit_non_zero(run, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 10)
    result = run("extract", str(tmp_path / "empty.txt"), str(tmp_path / "binary.txt"), str(tmp_path / "missing.txt"))
    assert result.exit_code != 0
    assert result.stdout == ""
    assert result.stderr.count("skipped") == 3
    assert "no article could be processed" in result.stderr
    assert "Traceback" not in result.stderr


def test_empty_stdin_exits_non_zero(run):
    result = run("extract", "-", input="")
    assert result.exit_code != 0
    assert "skipped <stdin>: empty input" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--published", "notadate"], "--published"),
        (["--published", "2024-13-45"], "--published"),
        (["--format", "xml"], "--format"),
        ([], None),  # a file is added below unless the case is 'no paths'
    ],
    ids=["not-a-date", "impossible-date", "bad-format", "no-paths"],
)
def test_usage_errors(run, args, message):
    paths = [str(FIXTURES / "aleppo_untitled.txt")] if message else []
    result = run("extract", *paths, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Usage:" in result.stderr
    assert (message or "PATHS") in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_extract_builds_its_own_pipeline(tmp_path):
    """Once without the shared pipeline, so the command's own Extractor() is exercised too."""
    path = tmp_path / "idlib.txt"
    path.write_text(IDLIB)
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 0, result.stderr
    assert_idlib_figure(json.loads(result.stdout))


def test_extract_help_lists_examples_and_options():
    result = CliRunner().invoke(main, ["extract", "--help"])
    assert result.exit_code == 0
    for word in ("Examples:", "--format", "--outlet", "--published", "--title", "--encoding", "--max-chars"):
        assert word in result.stdout


def test_overrides_apply_only_to_a_single_article(run, tmp_path):
    path = tmp_path / "two.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": IDLIB, "outlet": "Wire A"}) + "\n"
        + json.dumps({"id": "b", "text": IDLIB.replace("12", "14"), "outlet": "Wire B"}) + "\n"
    )
    result = run("extract", str(path), "--outlet", "Override")
    assert result.exit_code == 0, result.stderr
    outlets = [json.loads(line)["article"]["outlet"] for line in result.stdout.splitlines()]
    assert outlets == ["Wire A", "Wire B"]
    assert "--outlet ignored" in result.stderr


def test_stdin_dash_mixes_with_paths(run, tmp_path):
    path = tmp_path / "one.txt"
    path.write_text(IDLIB.replace("12", "14"))
    result = run("extract", "-", str(path), input=IDLIB)
    assert result.exit_code == 0, result.stderr
    lows = sorted(c["low"] for line in result.stdout.splitlines() for _, c in killed_counts(json.loads(line)))
    assert lows == [12, 14]
