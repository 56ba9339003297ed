"""On the project's sample articles: incidents across outlets, the claims table, contradictions, wire copies."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from claimscope.cli import main


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("incidents") / "sample.db")
    result = CliRunner().invoke(main, ["ingest", "data/sample", "--db", path])
    assert result.exit_code == 0, result.stderr
    assert "events grouped into incidents" in result.stderr
    return path


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def market(db) -> dict:
    """The Maarat al-Numan market strike, reported by four outlets (one a copy of the wire)."""
    rows = json.loads(run("incidents", "--db", db, "--place", "Maarat", "--format", "json"))
    top = max(rows, key=lambda r: r["articles"])
    assert top["articles"] >= 3 and top["outlets"] >= 3
    return json.loads(run("incident", top["id"], "--db", db, "--format", "json"))


def test_every_outlets_figure_is_side_by_side(market) -> None:
    killed = {(r["outlet"], r["low"], r["stance"]) for r in market["rows"] if r["kind"] == "killed" and not r["part"]}
    assert ("Wire Service A", 22, "asserted") in killed
    assert ("Gulf Daily", 31, "asserted") in killed


def test_contradiction_is_flagged(market) -> None:
    assert market["kinds"]["killed"]["contradiction"]


def test_two_copies_of_one_wire_story_are_one_independent_source(market) -> None:
    sohr = [r for r in market["rows"] if r["source"] == "Syrian Observatory for Human Rights" and r["kind"] == "killed"
            and not r["part"]]
    assert {r["outlet"] for r in sohr} == {"Wire Service A", "Northern Herald"}
    assert len({r["independent"] for r in sohr}) == 1


def test_consensus_is_the_lowest_credible_whole_figure(market) -> None:
    credible = [r for r in market["rows"] if r["kind"] == "killed" and r["stance"] in ("asserted", "disputed")
                and not r["part"] and r["low"] is not None]
    assert market["kinds"]["killed"]["consensus"] == min(r["low"] for r in credible)


def test_unknown_incident_is_a_clean_error(db) -> None:
    result = CliRunner().invoke(main, ["incident", "inc-nope", "--db", db])
    assert result.exit_code != 0 and "no incident" in result.stderr


def test_exports_carry_the_incident_id(db) -> None:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(run("export", "--db", db))))
    assert sum(1 for r in rows if r["incident_id"]) >= len(rows) * 0.8


def test_track_record_lists_outlets_and_sources(db) -> None:
    rows = json.loads(run("sources", "--db", db, "--track", "--format", "json"))
    roles = {(r["name"], r["role"]) for r in rows}
    assert ("Gulf Daily", "outlet") in roles and ("Syrian Observatory for Human Rights", "source") in roles
