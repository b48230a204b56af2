from __future__ import annotations

from pathlib import Path

import pytest

import titlemap

FIXTURES = Path(__file__).parent / "fixtures"
DATA = Path(__file__).parent / "data"


@pytest.fixture(params=titlemap.markets())
def market(request: pytest.FixtureRequest) -> str:
    """Every bundled market, one test each (the holidays-style all-markets marker)."""
    return str(request.param)


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
