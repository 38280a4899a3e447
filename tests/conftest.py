"""Shared fixtures: an in-memory knowledge base seeded from seeds/, and an answerer on a fixed clock."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from knowledge.answers import Answerer
from knowledge.places import DEFAULT_CITY, PLACES, SUZHOU_DISTRICTS
from knowledge.store import open_store

SHANGHAI = ZoneInfo("Asia/Shanghai")
ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_01f0a1e0f9e951ab.txt"
DEV_QUESTIONS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev_questions.tsv"
# Cities for many made-up imported rows: an import takes only known places (knowledge.places), and these
# leave Suzhou's own figures and targets alone.
OTHER_PLACES = tuple(p for p in PLACES if p != DEFAULT_CITY and p not in SUZHOU_DISTRICTS)


def pytest_sessionstart(session):
    """The article and the evaluation set live in ../shared beside the checkout; without them half the
    checks would have nothing to check, so stop at once with the reason instead of passing quietly."""
    for needed in (ARTICLE, DEV_QUESTIONS):
        if not needed.exists():
            raise pytest.UsageError(
                f"missing {needed}: clone the project with the shared/ folder beside it "
                f"(…/main and …/shared), as CI does")


def fixed_clock(*args):
    moment = datetime(*args, tzinfo=SHANGHAI)
    return lambda: moment


@pytest.fixture
def store():
    return open_store(":memory:")


@pytest.fixture
def answerer(store):
    # 2 July 2026: exactly half of the year has elapsed in Shanghai.
    return Answerer(store, clock=fixed_clock(2026, 7, 2, 12, 0))
