"""The fidelity tests print what they checked at the end (`pytest -s`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fid_run import TALLY


@pytest.fixture(scope="session", autouse=True)
def fidelity_figures() -> Iterator[None]:
    TALLY.clear()
    yield
    print(f"\nfidelity: {dict(sorted(TALLY.items()))}")
