"""The store: idempotent adds, exact round trips of the contract JSON, query filters, and the CLI over it."""

from __future__ import annotations

import importlib.util
import json
import shutil
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy.exc import SADeprecationWarning

from claimscope.cli import main
from claimscope.model import Article, ArticleResult
from claimscope.store import Store, open_store
from claimscope.store.db import Filters, db_url

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"

ARTICLES = [
    Article(
        id="idlib",
        text="At least 12 civilians were killed in an air strike on the town of Ariha in Idlib province on Monday, "
        "the Syrian Observatory for Human Rights said.",
        title="Air strike kills 12 in Idlib", outlet="Levant Wire", published="2024-12-03",
        byline="Jane Doe", url="https://levantwire.example/idlib",
    ),
    Article(
        id="aleppo",
        text="Five people were wounded when rebel shelling hit the city of Aleppo on Tuesday, "
        "state news agency SANA reported.",
        outlet="Damascus Daily", published="2024-11-20",
    ),
    Article(
        id="hama",
        text="Russian warplanes killed 30 militants in airstrikes near Hama on Sunday, the Russian Defence Ministry "
        "said. Syrian state television said the strikes also destroyed 4 tanks.",
        outlet="Moscow Wire", published="2024-10-07",
    ),
    Article(
        id="deir",
        text="Clashes in Deir ez-Zor killed at least 7 fighters on Wednesday.",
        outlet="Gulf Times", published="2024-09-11",
    ),
]

# What the extractor reads from ARTICLES, as the store flattens it: event id -> (date, place, admin1, source).
EXPECTED_EVENTS = {
    "idlib#1": ("2024-12-02", "Ariha", "Idlib", "Syrian Observatory for Human Rights"),
    "aleppo#1": ("2024-11-19", "Aleppo", "Aleppo", "Syrian Arab News Agency"),
    "hama#1": ("2024-10-06", "Hama", "Hama", "Russian Defence Ministry"),
    "hama#2": ("2024-10-06", "Hama", "Hama", "Syrian state television"),
    "deir#1": ("2024-09-11", "Deir ez-Zor", "Deir ez-Zor", "Gulf Times"),
}
# event id -> (kind, low, high)
EXPECTED_CLAIMS = {
    "idlib#1": ("killed", 12, None),
    "aleppo#1": ("injured", 5, 5),
    "hama#1": ("killed", 30, 30),
    "hama#2": ("destroyed", 4, 4),
    "deir#1": ("killed", 7, None),
}


@pytest.fixture(scope="module")
def results(extractor) -> list[ArticleResult]:
    return list(extractor.extract(ARTICLES))


@pytest.fixture(scope="module")
def store(results, new_db_url):
    s = open_store(new_db_url())
    s.add(results)
    yield s
    s.close()


@pytest.fixture
def empty_store(new_db_url):
    s = open_store(new_db_url())
    yield s
    s.close()


def test_extracted_rows_are_what_the_filter_tests_assume(store):
    rows = store.events(Filters())
    assert {r["id"]: (r["date_start"], r["place"], r["admin1"], r["source"]) for r in rows} == EXPECTED_EVENTS
    claims = store.claims(Filters())
    assert {r["event_id"]: (r["kind"], r["low"], r["high"]) for r in claims} == EXPECTED_CLAIMS


def test_db_url_bare_path_means_sqlite(tmp_path):
    assert db_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    assert db_url("sqlite:///:memory:") == "sqlite:///:memory:"


def test_open_store_creates_the_file(tmp_path):
    path = tmp_path / "new.db"
    with open_store(str(path)) as s:
        assert isinstance(s, Store)
        assert s.count_articles() == 0
    assert path.exists()


def test_adding_the_same_articles_twice_stores_them_once(empty_store, results):
    assert empty_store.add(results) == len(ARTICLES)
    assert empty_store.add(results) == 0
    assert empty_store.count_articles() == len(ARTICLES)
    assert len(empty_store.events(Filters())) == len(EXPECTED_EVENTS)
    assert len(empty_store.claims(Filters())) == len(EXPECTED_CLAIMS)


def test_same_text_under_another_id_is_not_stored_again(empty_store, results, extractor):
    empty_store.add(results[:1])
    twin = Article(id="other-id", text=ARTICLES[0].text, outlet="Mirror Site")
    assert empty_store.known(twin.id, twin.text) == "idlib"
    assert empty_store.add([extractor.extract_one(twin)]) == 0
    assert empty_store.count_articles() == 1
    assert empty_store.known("nope", "a text never stored") is None


def test_duplicates_within_one_batch_are_stored_once(empty_store, results):
    assert empty_store.add([results[0], results[0]]) == 1
    assert empty_store.count_articles() == 1


@pytest.mark.parametrize("article_id", [a.id for a in ARTICLES])
def test_result_round_trips_the_contract_dict(store, results, article_id):
    original = next(r for r in results if r.article.id == article_id)
    stored = store.result(article_id)
    assert stored is not None
    assert stored.to_dict() == original.to_dict()
    # and the dict survives JSON exactly, as the API and exports serve it
    assert json.loads(json.dumps(stored.to_dict())) == original.to_dict()


def test_result_of_unknown_id_is_none(store):
    assert store.result("no-such-article") is None


def test_results_by_id_reads_many_in_one_go(store, results):
    ids = [a.id for a in ARTICLES]
    got = store.results_by_id([*reversed(ids), "no-such-article", ids[0]])
    assert sorted(got) == sorted(ids)
    for r in results:
        assert got[r.article.id].to_dict() == r.to_dict()
    assert store.results_by_id([]) == {}


EVENT_FILTERS = {
    "none": (Filters(), set(EXPECTED_EVENTS)),
    "place-admin1": (Filters(place="idlib"), {"idlib#1"}),
    "place-name-any-case": (Filters(place="ARIHA"), {"idlib#1"}),
    "place-hama": (Filters(place="Hama"), {"hama#1", "hama#2"}),
    "place-unknown": (Filters(place="Raqqa"), set()),
    "outlet": (Filters(outlet="moscow"), {"hama#1", "hama#2"}),
    "source": (Filters(source="observatory"), {"idlib#1"}),
    "source-outlet-as-claimant": (Filters(source="Gulf"), {"deir#1"}),
    "source-ministry": (Filters(source="defence ministry"), {"hama#1"}),
    "source-television": (Filters(source="television"), {"hama#2"}),
    "since": (Filters(since="2024-11-01"), {"idlib#1", "aleppo#1"}),
    "since-inclusive": (Filters(since="2024-11-19"), {"idlib#1", "aleppo#1"}),
    "until-inclusive": (Filters(until="2024-10-06"), {"hama#1", "hama#2", "deir#1"}),
    "since-until": (Filters(since="2024-10-06", until="2024-11-19"), {"hama#1", "hama#2", "aleppo#1"}),
    "kind-killed": (Filters(kind="killed"), {"idlib#1", "hama#1", "deir#1"}),
    "kind-destroyed": (Filters(kind="destroyed"), {"hama#2"}),
    "kind-and-outlet": (Filters(kind="killed", outlet="Gulf Times"), {"deir#1"}),
    "kind-displaced": (Filters(kind="displaced"), set()),
}


@pytest.mark.parametrize(("filters", "expected"), EVENT_FILTERS.values(), ids=EVENT_FILTERS.keys())
def test_event_filters(store, filters, expected):
    rows = store.events(filters)
    assert {r["id"] for r in rows} == expected
    assert len(rows) == len(expected)


@pytest.mark.parametrize(("filters", "expected"), EVENT_FILTERS.values(), ids=EVENT_FILTERS.keys())
def test_event_days_count_the_same_events(store, filters, expected):
    days = store.event_days(filters)
    want: dict[str | None, int] = {}
    for r in store.events(Filters()):
        if r["id"] in expected:
            want[r["date_start"]] = want.get(r["date_start"], 0) + 1
    assert days == want


CLAIM_FILTERS = {
    "none": (Filters(), set(EXPECTED_CLAIMS)),
    "kind-killed": (Filters(kind="killed"), {"idlib#1", "hama#1", "deir#1"}),
    "kind-injured": (Filters(kind="injured"), {"aleppo#1"}),
    "place": (Filters(place="aleppo"), {"aleppo#1"}),
    "outlet": (Filters(outlet="levant"), {"idlib#1"}),
    "source": (Filters(source="SANA"), set()),  # stored under the canonical name
    "source-canonical": (Filters(source="Arab News Agency"), {"aleppo#1"}),
    "since-kind": (Filters(since="2024-10-01", kind="killed"), {"idlib#1", "hama#1"}),
    "until": (Filters(until="2024-09-30"), {"deir#1"}),
}


@pytest.mark.parametrize(("filters", "expected"), CLAIM_FILTERS.values(), ids=CLAIM_FILTERS.keys())
def test_claim_filters(store, filters, expected):
    rows = store.claims(filters)
    assert {r["event_id"] for r in rows} == expected
    for r in rows:
        assert (r["kind"], r["low"], r["high"]) == EXPECTED_CLAIMS[r["event_id"]]


def test_claim_rows_carry_quote_span_and_chain(store):
    [row] = store.claims(Filters(place="idlib"))
    text = ARTICLES[0].text
    assert row["quote"] == "At least 12 civilians were killed"
    assert text[row["span_start"] : row["span_end"]] == row["quote"]
    assert row["chain"] == ["Syrian Observatory for Human Rights"]
    assert (row["source_kind"], row["outlet"], row["published"]) == ("monitor", "Levant Wire", "2024-12-03")


def test_rows_are_newest_first_and_limit_applies(store):
    dates = [r["date_start"] for r in store.events(Filters())]
    assert dates == sorted(dates, reverse=True)
    assert [r["id"] for r in store.events(Filters(limit=2))] == ["idlib#1", "aleppo#1"]
    assert [r["event_id"] for r in store.claims(Filters(limit=1))] == ["idlib#1"]


def test_sources_counts_claims_per_source(store):
    rows = {r["source"]: r for r in store.sources()}
    assert rows["Syrian Observatory for Human Rights"]["claims"] == 1
    assert rows["Syrian Observatory for Human Rights"]["outlets"] == 1
    assert rows["Gulf Times"]["source_kind"] == "outlet"
    assert sum(r["claims"] for r in rows.values()) == len(EXPECTED_CLAIMS)


# --- the CLI over the store -----------------------------------------------------------------------------


@pytest.fixture
def cli(reuse_pipeline):
    def invoke(*args: str):
        return CliRunner().invoke(main, list(args))

    return invoke


@pytest.fixture
def ingested(cli, tmp_path):
    """A db filled by `claimscope ingest` from a directory with two good articles and one bad file."""
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(FIXTURES / "idlib_titled.txt", src / "idlib.txt")
    shutil.copy(FIXTURES / "aleppo_untitled.txt", src / "aleppo.txt")
    (src / "empty.txt").write_bytes(b"")
    db = tmp_path / "cli.db"
    first = cli("ingest", str(src), "--db", str(db))
    assert first.exit_code == 0, first.stderr
    return src, db, first


def test_ingest_twice_adds_nothing_the_second_time(cli, ingested):
    src, db, first = ingested
    assert "2 articles added, 0 already stored, 1 skipped" in first.stderr
    assert f"skipped {src / 'empty.txt'}: empty input" in first.stderr

    second = cli("ingest", str(src), "--db", str(db))
    assert second.exit_code == 0, second.stderr
    assert "0 articles added" in second.stderr
    assert "2 already stored" in second.stderr
    with open_store(str(db)) as s:
        assert s.count_articles() == 2


def test_ingest_db_from_environment(reuse_pipeline, tmp_path):
    db = tmp_path / "env.db"
    result = CliRunner().invoke(main, ["ingest", str(FIXTURES / "aleppo_untitled.txt")], env={"CLAIMSCOPE_DB": str(db)})
    assert result.exit_code == 0, result.stderr
    assert "1 articles added" in result.stderr
    with open_store(str(db)) as s:
        assert s.count_articles() == 1


def test_ingest_of_only_bad_inputs_fails(cli, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = cli("ingest", str(tmp_path / "empty.txt"), "--db", str(tmp_path / "x.db"))
    assert result.exit_code != 0
    assert "no article could be processed" in result.stderr


def test_events_json_output_parses(cli, ingested):
    _, db, _ = ingested
    result = cli("events", "--db", str(db), "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert isinstance(rows, list) and len(rows) >= 2
    assert {r["place"] for r in rows} >= {"Ariha", "Aleppo"}
    assert all({"id", "article_id", "date_start", "source", "outlet"} <= set(r) for r in rows)

    idlib = cli("events", "--db", str(db), "--format", "json", "--place", "idlib", "--kind", "killed")
    assert [r["place"] for r in json.loads(idlib.stdout)] == ["Ariha"]


def test_claims_jsonl_output_parses(cli, ingested):
    _, db, _ = ingested
    result = cli("claims", "--db", str(db), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["kind"], r["low"], r["high"], r["source"]) for r in rows} >= {
        ("killed", 12, None, "Syrian Observatory for Human Rights"),
        ("injured", 5, 5, "Syrian Arab News Agency"),
    }


def test_table_output_lists_rows(cli, ingested):
    _, db, _ = ingested
    for command in ("events", "claims", "sources"):
        result = cli(command, "--db", str(db))
        assert result.exit_code == 0, result.stderr
        assert "Observatory" in result.stdout
    claims = cli("claims", "--db", str(db), "--kind", "killed")
    assert "≥12" in claims.stdout


@pytest.fixture
def not_a_database(tmp_path) -> Path:
    path = tmp_path / "notes.db"
    path.write_text("this is a text file, not an SQLite database " * 20)
    return path


BAD_DBS = {
    "missing-directory": lambda tmp: str(tmp / "no" / "such" / "dir" / "x.db"),
    "a-directory": lambda tmp: str(tmp),
    "not-a-database": lambda tmp: str(tmp / "notes.db"),
    "unknown-dialect": lambda tmp: "nosuchdb://user@localhost/x",
    "bad-dialect-syntax": lambda tmp: "not a url://x",
}


@pytest.mark.parametrize("command", ["events", "claims", "sources", "ingest"])
@pytest.mark.parametrize("make_url", BAD_DBS.values(), ids=BAD_DBS.keys())
def test_bad_db_is_a_clean_error(cli, tmp_path, not_a_database, command, make_url):
    args = [command, "--db", make_url(tmp_path)]
    if command == "ingest":
        args.insert(1, str(FIXTURES / "aleppo_untitled.txt"))
    result = cli(*args)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # a ClickException, not a crash
    assert "Error: cannot open the store" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://user@db.example:notaport/claimscope",
        pytest.param(
            "postgresql+psycopg2://user@127.0.0.1:1/claimscope",
            marks=pytest.mark.skipif(importlib.util.find_spec("psycopg2") is not None, reason="psycopg2 installed"),
        ),
    ],
    ids=["port-not-a-number", "driver-not-installed"],
)
def test_db_url_errors_outside_sqlalchemy_are_clean_errors(cli, url):
    result = cli("events", "--db", url)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "cannot open the store" in result.stderr


@pytest.mark.parametrize("query", ["events", "claims"])
def test_unfiltered_queries_use_no_deprecated_sqlalchemy(store, query):
    with warnings.catch_warnings():
        warnings.simplefilter("error", SADeprecationWarning)
        assert getattr(store, query)(Filters())
