"""The Alembic migrations build exactly the schema that ``store/tables.py`` describes, on both databases."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from claimscope.store import open_store
from claimscope.store.migrations.env_filters import include_object
from claimscope.store.tables import metadata


def test_migrated_schema_matches_the_tables(new_db_url) -> None:
    with open_store(new_db_url()) as store, store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include_object})
        diff = compare_metadata(context, metadata)
    assert diff == []


def test_migrations_are_recorded_and_idempotent(new_db_url) -> None:
    url = new_db_url()
    open_store(url).close()
    with open_store(url) as store:  # a second open upgrades nothing and breaks nothing
        names = set(inspect(store.engine).get_table_names())
        with store.engine.connect() as conn:
            version = conn.exec_driver_sql("select version_num from alembic_version").scalar_one()
    assert {"articles", "events", "claims", "sources", "places", "actors", "framing"} <= names
    assert version == "0005"
