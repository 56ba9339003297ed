"""Shared fixtures: one spaCy pipeline per session (building it takes seconds) and the fixture folder."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def extractor():
    from claimscope.pipeline import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def reuse_pipeline(monkeypatch: pytest.MonkeyPatch, extractor):
    """Commands build ``Extractor()`` on every run; hand them the session's pipeline instead of a new one."""
    import claimscope.pipeline

    monkeypatch.setattr(claimscope.pipeline, "build_nlp", lambda base=claimscope.pipeline.BASE_MODEL: extractor.nlp)
    return extractor


@pytest.fixture
def server():
    """A local HTTP server on 127.0.0.1 whose routes the test sets (tests/local_http.py)."""
    from tests.local_http import serve

    with serve() as state:
        yield state
