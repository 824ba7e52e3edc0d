from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_extraction():
    from extract import extract_articles

    return extract_articles([SEEDS])
