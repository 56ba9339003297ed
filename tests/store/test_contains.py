"""The filters' case-insensitive "contains" gives one answer on SQLite (bare LIKE) and PostgreSQL (lower)."""

from __future__ import annotations

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, insert, select

from claimscope.store.db import _has, db_url

VALUES = ["50% off", "a_b", "a/b", "ALEPPO city", "aXb", "East Ghouta", "Ḩamāh"]


@pytest.fixture(scope="module")
def words(new_db_url):
    engine = create_engine(db_url(new_db_url()))
    table = Table("words", MetaData(), Column("id", Integer, primary_key=True), Column("word", String(50)))
    table.create(engine)
    with engine.begin() as conn:
        conn.execute(insert(table), [{"word": w} for w in VALUES])
    yield engine, table
    engine.dispose()


@pytest.mark.parametrize(("needle", "found"), [
    ("%", {"50% off"}),
    ("_", {"a_b"}),
    ("/", {"a/b"}),
    ("a_b", {"a_b"}),  # not "aXb": _ is a character, not a wildcard
    ("aleppo", {"ALEPPO city"}),
    ("GHOUTA", {"East Ghouta"}),
    ("a", {"50% off", "a_b", "a/b", "ALEPPO city", "aXb", "East Ghouta", "Ḩamāh"} - {"50% off"}),
    ("Ḩamāh", {"Ḩamāh"}),
    ("' OR 1=1 --", set()),
])
def test_contains_ignores_case_and_wildcards(words, needle: str, found: set[str]) -> None:
    engine, table = words
    with engine.connect() as conn:
        got = {r[0] for r in conn.execute(select(table.c.word).where(_has(table.c.word, needle)))}
    assert got == found
