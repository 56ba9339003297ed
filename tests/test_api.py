"""The Python API: extract a text, open a store, read events and claims as dataclasses or DataFrames."""

import pandas as pd

import claimscope
from claimscope.model import Event

TEXT = "At least 12 civilians were killed in an air strike on Ariha in Idlib province on Monday, activists said."


def test_extract_a_text(extractor) -> None:
    result = claimscope.extract(TEXT, outlet="Test Wire", published="2024-12-05", extractor=extractor)
    [count] = [c for e in result.events for c in e.counts]
    assert (count.kind, count.low, count.high) == ("killed", 12, None)
    assert result.to_dict()["article"]["outlet"] == "Test Wire"


def test_open_a_store_and_read_it(tmp_path, extractor) -> None:
    from claimscope.jobs import ingest
    from claimscope.model import Article

    db = str(tmp_path / "api.db")
    with claimscope.open(db) as ledger:
        ingest([Article("a1", TEXT, outlet="Test Wire", published="2024-12-05")], ledger.store, extractor=extractor)
        events = ledger.events(place="Ariha")
        claims = ledger.claims(kind="killed")
        frame = ledger.claims(as_frame=True)
    assert events and all(isinstance(e, Event) for e in events)
    assert [(c.kind, c.low, c.source, c.outlet) for c in claims] == [("killed", 12, "activists", "Test Wire")]
    assert isinstance(frame, pd.DataFrame) and list(frame["low"]) == [12]


def test_event_filters_agree_with_sql(tmp_path, extractor) -> None:
    from claimscope.jobs import ingest
    from claimscope.model import Article

    texts = [TEXT, "Five soldiers were killed in clashes in northern Hama on Tuesday, the army said."]
    with claimscope.open(str(tmp_path / "f.db")) as ledger:
        ingest([Article(f"a{i}", t, outlet="W", published="2024-12-05") for i, t in enumerate(texts)],
               ledger.store, extractor=extractor)
        for filters in ({"place": "Hama"}, {"place": "Idlib"}, {"source": "army"}, {"since": "2024-12-03"}):
            sql_ids = {r["id"] for r in ledger.events(as_frame=True, **filters).to_dict("records")}
            obj_ids = {e.id for e in ledger.events(**filters)}
            assert sql_ids == obj_ids, filters
