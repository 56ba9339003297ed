"""schemathesis against the OpenAPI spec: generated requests to every API operation never get a 5xx.

Driven through Hypothesis directly (schemathesis's pytest plugin does not load under pytest 9).
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402

from claimscope.jobs import ingest  # noqa: E402
from claimscope.model import Article  # noqa: E402
from claimscope.store import open_store  # noqa: E402
from claimscope.web import create_app  # noqa: E402


@pytest.fixture(scope="module")
def operations(tmp_path_factory, extractor):
    db = str(tmp_path_factory.mktemp("schemathesis") / "api.db")
    with open_store(db) as store:
        ingest([Article("a1", "At least 12 civilians were killed in an air strike on Ariha in Idlib province on "
                              "Monday, the Syrian Observatory for Human Rights said.", outlet="Wire",
                        published="2024-12-03")], store, extractor=extractor)
    app = create_app(db)
    app.state.extractor = extractor
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


def test_no_operation_answers_a_server_error(operations) -> None:
    assert len(operations) >= 9
    failures = []
    for operation in operations:

        @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def run(case) -> None:
            response = case.call()
            if response.status_code >= 500:
                failures.append((case.method, case.formatted_path, response.status_code, response.text[:200]))

        run()
    assert failures == []
