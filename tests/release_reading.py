"""Helpers shared by the /release reading tests: a reading as plain rows, and a city made known.

Every figure these helpers store is MADE UP for the tests.
"""

from __future__ import annotations

from datetime import date

from knowledge.releases import read_release


def read_rows(store, text: str, today: date) -> tuple[list[tuple], list[tuple[str, str]]]:
    """read_release's figures as (indicator_id, city, period, value as float or None, yoy) and its
    unplaced numbers as (fragment, reason), in the order of the text."""
    reading = read_release(text, store, today)
    found = [(f.indicator_id, f.city, f.period, float(f.value) if f.value is not None else None, f.yoy)
             for f in reading.figures]
    return found, [(u.fragment, u.reason) for u in reading.unplaced]


def hold_city(store, city: str, period: str = "2023年", year: int = 2023, value: float = 11000.0) -> None:
    """Store a MADE-UP 规上工业总产值 of `city`: the knowledge base now holds that city."""
    store.record_observation(
        {"indicator_id": "gross_industrial_output", "city": city, "period": period, "year": year, "value": value,
         "unit": "亿元", "qualifier": "", "text": "", "status": "actual", "source_id": "article", "note": "",
         "quote": ""},
        recorded_by="test")
