"""The store: SQLAlchemy tables and the queries the CLI, exports and web app need."""

from claimscope.store.db import Store, open_store

__all__ = ["Store", "open_store"]
