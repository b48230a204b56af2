from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import titlemap
from titlemap import cli

FIXTURES = Path(__file__).parent / "fixtures"
DATA = Path(__file__).parent / "data"


@pytest.fixture(params=titlemap.markets())
def market(request: pytest.FixtureRequest) -> str:
    """Every bundled market, one test each (the holidays-style all-markets marker)."""
    return str(request.param)


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Any:
    """Run the CLI in-process; returns (exit status, stdout, stderr) and checks for tracebacks."""

    def _run(*argv: str) -> tuple[int, str, str]:
        code = cli.main(list(argv))
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, out, err

    return _run
