"""Alembic environment: migrations run on the connection ``store.db.open_store`` hands over."""

from __future__ import annotations

from alembic import context

from claimscope.store.migrations.env_filters import include_object
from claimscope.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # the `alembic` command line: build an engine from the URL in the config
    from sqlalchemy import create_engine

    connection = create_engine(context.config.get_main_option("sqlalchemy.url")).connect()

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                  include_object=include_object)
with context.begin_transaction():
    context.run_migrations()
