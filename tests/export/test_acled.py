"""ACLED-style CSV: column order, deterministic ids, and each coding rule of the module docstring."""

from __future__ import annotations

import csv
import hashlib
import io

import pandas as pd
import pytest

from claimscope.export import FORMATS, acled, write
from claimscope.model import ArticleResult, Count, DateRange, Source
from tests.export.builders import (
    DAY,
    HAMA,
    IDLIB_GOV,
    MAARAT,
    NESTED_TEXT,
    SYRIA,
    TWO_GROUPS_TEXT,
    WEEK,
    count,
    event,
    result,
    spanned,
)

# Written out here, not imported, so a change to the module's constant cannot pass unnoticed.
ACLED_ORDER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
OWN_ORDER = ["fatalities_low", "fatalities_high", "claimed_by", "stance", "article_ids", "evidence", "incident_id"]


def export(results: list[ArticleResult], **kwargs) -> bytes:
    out = io.BytesIO()
    write(results, "acled-csv", out, **kwargs)
    return out.getvalue()


def rows(results: list[ArticleResult], **kwargs) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(export(results, **kwargs).decode("utf-8"), newline="")))


def one_row(ev, **kwargs) -> dict[str, object]:
    return acled.event_row(result([ev], **kwargs), ev, actor_types=acled.ActorTypes())


def test_columns_exactly_in_order_and_first(results):
    header = next(csv.reader(io.StringIO(export(results).decode("utf-8"))))
    assert header[: len(ACLED_ORDER)] == ACLED_ORDER
    assert header == ACLED_ORDER + OWN_ORDER
    assert list(acled.COLUMNS) == header


def test_one_row_per_event(results):
    assert len(rows(results)) == sum(len(r.events) for r in results)


def test_reexport_is_byte_identical_and_ids_unique(results):
    first, second = export(results), export(results)
    assert first == second
    ids = [r["event_id_cnty"] for r in rows(results)]
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize(("country", "prefix"), [
    ("Syria", "SYR"), ("Iraq", "IRQ"), ("Palestinian Territory", "PSE"), ("Egypt", "XXX"), (None, "XXX"),
])
def test_event_id_cnty_is_iso3_plus_hash_of_event_id(country, prefix):
    number = int(hashlib.sha1(b"art#3").hexdigest()[:12], 16)
    assert acled.event_id_cnty("art#3", country) == f"{prefix}{number}"


@pytest.mark.parametrize(("counts", "stance", "aggregate", "expected"), [
    pytest.param([count("killed", 31, 31)], "asserted", False, (31, 31, 31), id="exact"),
    pytest.param([count("killed", 22, None)], "asserted", False, (22, 22, None), id="at-least-22"),
    pytest.param([count("killed", None, 120)], "asserted", False, (120, None, 120), id="up-to-120"),
    pytest.param([count("killed", 10, 15)], "asserted", False, (10, 10, 15), id="between-10-and-15"),
    pytest.param([count("killed", vague="dozens", estimate=24)], "asserted", False, (24, None, None),
                 id="dozens-with-estimate"),
    pytest.param([count("killed", vague="dozens")], "asserted", False, (0, None, None), id="dozens-no-estimate"),
    pytest.param([count("killed", 31, 31)], "denied", False, (0, 31, 31), id="denied"),
    pytest.param([count("killed", 31, 31)], "disputed", False, (0, 31, 31), id="disputed"),
    pytest.param([count("killed", 3, 3)], "hedged", False, (3, 3, 3), id="hedged"),
    pytest.param([count("killed", 500000, None)], "asserted", True, (0, 500000, None), id="aggregate"),
    pytest.param([count("injured", 40, 40), count("captured", 14, 14)], "asserted", False, (0, None, None),
                 id="not-killed"),
    pytest.param([count("killed", 12, 12), count("killed", None, 5)], "asserted", False, (17, 12, 17),
                 id="two-independent"),
    pytest.param([], "asserted", False, (0, None, None), id="no-counts"),
])
def test_fatalities_lowest_credible(counts: list[Count], stance, aggregate, expected):
    ev = event("e#1", counts=counts, stance=stance, aggregate=aggregate)
    assert acled.fatality_figures(ev) == expected
    row = one_row(ev)
    assert (row["fatalities"], row["fatalities_low"], row["fatalities_high"]) == expected


def test_nested_figure_is_not_added_again():
    """'At least 22 people were killed, including five children': 22, not 27."""
    ev = event("e#1", counts=[spanned(NESTED_TEXT, "At least 22 people were killed", "killed", 22, None),
                              spanned(NESTED_TEXT, "five children", "killed", 5, 5)])
    assert acled.fatality_figures(ev, NESTED_TEXT) == (22, 22, None)


def test_two_groups_are_added():
    """'300 fighters and 40 soldiers have been killed': both groups died, 340."""
    ev = event("e#1", counts=[
        spanned(TWO_GROUPS_TEXT, "Around 300 fighters and 40 soldiers have been killed", "killed", 300, 300),
        spanned(TWO_GROUPS_TEXT, "40 soldiers have been killed", "killed", 40, 40)])
    assert acled.fatality_figures(ev, TWO_GROUPS_TEXT) == (340, 340, 340)


@pytest.mark.parametrize(("when", "published", "date", "precision"), [
    (DAY, "2024-12-05", "2024-12-04", 1),
    (DateRange("2024-12-04", None, "Wednesday"), "2024-12-05", "2024-12-04", 1),
    (WEEK, "2024-12-05", "2024-11-27", 2),
    (DateRange("2024-11-01", "2024-11-30", "in November"), "2024-12-05", "2024-11-01", 2),
    (DateRange("2011-01-01", "2024-12-04", "since 2011"), "2024-12-05", "2011-01-01", 3),
    (DateRange(), "2024-12-05", "2024-12-05", 3),
    (DateRange(), None, None, 3),
])
def test_event_date_and_time_precision(when, published, date, precision):
    row = one_row(event("e#1", date=when), published=published)
    assert (row["event_date"], row["time_precision"]) == (date, precision)
    assert row["year"] == (int(date[:4]) if date else None)


@pytest.mark.parametrize(("event_type", "disorder"), [
    ("Battles", "Political violence"),
    ("Explosions/Remote violence", "Political violence"),
    ("Violence against civilians", "Political violence"),
    ("Protests", "Demonstrations"),
    ("Riots", "Demonstrations"),
    ("Strategic developments", "Strategic developments"),
    (None, None),
])
def test_disorder_type(event_type, disorder):
    assert one_row(event("e#1", event_type=event_type))["disorder_type"] == disorder


@pytest.mark.parametrize(("actors", "expected"), [
    pytest.param([("actor1", "Military Forces of Syria"), ("actor2", "Civilians (Syria)")],
                 (1, 7, 17, "Civilian targeting"), id="state-vs-civilians"),
    pytest.param([("actor1", "Civilians (Syria)"), ("actor2", "Military Forces of Syria")],
                 (7, 1, 17, None), id="lowest-first"),
    pytest.param([("actor1", "Hayat Tahrir al-Sham"), ("actor2", "Military Forces of Russia")],
                 (2, 8, 28, None), id="rebels-vs-external"),
    pytest.param([("actor1", "Rebels")], (2, None, 20, None), id="one-sided"),
    pytest.param([("actor2", "Civilians (Syria)")], (None, 7, None, "Civilian targeting"), id="no-actor1"),
    pytest.param([("actor1", "Nobody We Know")], (None, None, None, None), id="unknown-actor"),
    pytest.param([], (None, None, None, None), id="no-actors"),
])
def test_inter_codes_interaction_and_civilian_targeting(actors, expected):
    row = one_row(event("e#1", actors=actors))
    assert (row["inter1"], row["inter2"], row["interaction"], row["civilian_targeting"]) == expected


def test_further_actors_are_associated():
    row = one_row(event("e#1", actors=[("actor1", "Military Forces of Syria"), ("actor1", "Military Forces of Russia"),
                                       ("actor1", "Iran-backed militias"), ("actor2", "Rebels")]))
    assert row["actor1"] == "Military Forces of Syria"
    assert row["assoc_actor_1"] == "Military Forces of Russia; Iran-backed militias"
    assert (row["actor2"], row["assoc_actor_2"]) == ("Rebels", None)


@pytest.mark.parametrize(("place", "geo_precision", "admin1", "location"), [
    (HAMA, 1, "Hama", "Hama"),
    (MAARAT, 1, "Idlib", "Maarat al-Numan"),
    (IDLIB_GOV, 3, "Idlib", "Idlib"),
    (SYRIA, 3, None, "Syria"),
    (None, None, None, None),
])
def test_geo_precision_and_location(place, geo_precision, admin1, location):
    row = one_row(event("e#1", place=place))
    assert (row["geo_precision"], row["admin1"], row["location"]) == (geo_precision, admin1, location)


@pytest.mark.parametrize("precision", ["admin2", "region"])
def test_geo_precision_two(precision):
    place = HAMA.__class__(**{**HAMA.__dict__, "precision": precision})
    assert one_row(event("e#1", place=place))["geo_precision"] == 2


@pytest.mark.parametrize(("country", "iso", "region", "name"), [
    ("Syria", 760, "Middle East", "Syria"),
    ("Lebanon", 422, "Middle East", "Lebanon"),
    ("Palestinian Territory", 275, "Middle East", "Palestine"),
    ("Russia", 643, "Europe", "Russia"),
    ("Egypt", None, None, "Egypt"),
])
def test_iso_region_country(country, iso, region, name):
    place = HAMA.__class__(**{**HAMA.__dict__, "country": country})
    row = one_row(event("e#1", place=place))
    assert (row["iso"], row["region"], row["country"]) == (iso, region, name)


def test_provenance_columns():
    ev = event("e#1", counts=[count("killed", 4, None, text="at least four\n people"), count("injured", 9, 9)],
               sources=[Source("Syrian Observatory for Human Rights", "monitor"), Source("Gulf Daily", "media")],
               sentence="  Four people\nwere killed,  activists said. ")
    row = acled.event_row(result([ev], aid="gd-1", outlet="Gulf Daily"), ev, actor_types=acled.ActorTypes(),
                          incidents={"e#1": "inc-7"})
    assert row["claimed_by"] == "Gulf Daily <- Syrian Observatory for Human Rights"
    assert row["evidence"] == "at least four people | 9 injured"
    assert row["notes"] == "Four people were killed, activists said."
    assert (row["source"], row["article_ids"], row["incident_id"], row["stance"]) == (
        "Gulf Daily", "gd-1", "inc-7", "asserted")
    assert (row["tags"], row["source_scale"], row["admin2"], row["admin3"]) == ("claimscope", None, None, None)
    assert row["timestamp"] == 1733356800  # 2024-12-05T00:00:00Z, the publication day


def test_unnamed_source_and_no_incident():
    ev = event("e#1", sources=[Source(None, "outlet")])
    row = acled.event_row(result([ev], outlet=None, published=None), ev, actor_types=acled.ActorTypes())
    assert (row["claimed_by"], row["incident_id"], row["timestamp"], row["source"]) == ("[outlet]", None, 0, None)


def test_aggregate_is_tagged():
    assert one_row(event("e#1", aggregate=True))["tags"] == "claimscope; aggregate"


def test_incidents_reach_the_csv(results):
    out = rows(results, incidents={"a1#1": "inc-1", "a2#1": "inc-1"})
    assert [r["incident_id"] for r in out] == ["inc-1", "", "inc-1", "", ""]


def test_pandas_reads_the_csv(results):
    df = pd.read_csv(io.BytesIO(export(results)))
    assert list(df.columns) == ACLED_ORDER + OWN_ORDER
    assert len(df) == 5
    assert df["fatalities"].tolist() == [22, 0, 340, 24, 0]
    assert df["event_date"].tolist() == ["2024-12-04", "2024-12-04", "2024-11-27", "2024-12-04", "2011-01-01"]
    unplaced = df["location"].isna()
    assert unplaced.tolist() == [False, True, False, False, False]
    assert df.loc[~unplaced, "iso"].tolist() == [760] * 4
    assert df.loc[unplaced, "event_id_cnty"].str.startswith("XXX").all()
    assert df["latitude"].between(-90, 90).sum() == 4 and df["longitude"].between(-180, 180).sum() == 4


def test_awkward_text_survives_quoting():
    sentence = 'He said "22, maybe more"; then\nleft, \u0627\u062f\u0644\u0628.'
    out = rows([result([event("e#1", sentence=sentence)])])
    assert out[0]["notes"] == " ".join(sentence.split())


def test_text_and_binary_streams_agree(results):
    text = io.StringIO(newline="")
    acled.write(results, text)
    assert text.getvalue().encode("utf-8") == export(results)


def test_actors_read_once_per_export_and_not_without_events(monkeypatch, results):
    import claimscope.nlp.resources as resources

    calls: list[int] = []
    real = resources.load_actors
    monkeypatch.setattr(resources, "load_actors", lambda *a: calls.append(1) or real(*a))
    export([result([])])
    assert calls == []
    export(results)
    export(results)
    assert len(calls) == 2


def test_unknown_format_lists_the_formats():
    with pytest.raises(ValueError, match="acled-csv, geojson, geojsonseq, parquet, jsonl"):
        write([], "shapefile", io.BytesIO())


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_writes_and_leaves_the_stream_open(fmt, results):
    out = io.BytesIO()
    n = write(iter(results), fmt, out)  # an iterator: formats must not need to read the results twice
    assert not out.closed and out.getvalue()
    assert n == (len(results) if fmt == "jsonl" else 5)
