from __future__ import annotations

import pytest

from claimscope.model import ArticleResult
from tests.export.builders import sample_results


@pytest.fixture
def results() -> list[ArticleResult]:
    return sample_results()
