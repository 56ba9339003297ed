"""Every store test runs against SQLite and against a real PostgreSQL server.

PostgreSQL comes from ``CLAIMSCOPE_TEST_PG`` (an admin URL; ``.ci/run`` starts a server with
``scripts/ci_postgres.sh``). Without it the PostgreSQL cases are skipped on a developer's machine but fail
in CI, so a green CI run always means both databases were tested.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

PG_ADMIN = os.environ.get("CLAIMSCOPE_TEST_PG")


def _pg_database() -> Iterator[str]:
    if not PG_ADMIN:
        if os.environ.get("CI"):
            pytest.fail("CI must test PostgreSQL: CLAIMSCOPE_TEST_PG is not set (see scripts/ci_postgres.sh)")
        pytest.skip("no PostgreSQL server (set CLAIMSCOPE_TEST_PG)")
    name = f"claimscope_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"], scope="module")
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def new_db_url(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[], str]]:
    """A factory of URLs of fresh, empty databases of this module's backend."""
    cleanups: list[Iterator[str]] = []

    def make() -> str:
        if backend == "sqlite":
            return str(Path(tmp_path_factory.mktemp("db")) / "claims.db")
        gen = _pg_database()
        cleanups.append(gen)
        return next(gen)

    yield make
    for gen in cleanups:
        next(gen, None)
