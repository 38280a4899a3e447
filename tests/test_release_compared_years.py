"""A year a release compares with (比2024年同期, 较2019年同期, 与2024年同期相比) names the base of a growth,
not the year of its data: it does not date a lead “11月18日，…” and its growth is no 同比 (tester round 4).
Every figure here is MADE UP."""

from datetime import date

import pytest

from knowledge.releases.dates import release_date
from tests.release_reading import read_rows

READ_ON = date(2026, 11, 21)
LEAD = "11月18日，市统计局发布数据：1—10月，全市规上工业总产值40876.3亿元，"  # MADE UP


@pytest.mark.parametrize("growth, why", [
    ("比2024年同期增长9.1%。", "与其他时期相比"),
    ("较2019年同期增长35.2%。", "与其他时期相比"),
    ("同比增长4.8%；与2024年同期相比，增长9.1%。", "与2024年相比"),
    ("相较2024年增长9.1%。", "与其他时期相比"),
])
def test_a_compared_year_does_not_date_the_release(store, growth, why):
    text = LEAD + growth
    assert release_date(text.splitlines(), READ_ON).day == date(2026, 11, 18)
    rows, unplaced = read_rows(store, text, READ_ON)
    assert [row[:4] for row in rows] == [("gross_industrial_output", "苏州", "2026年1-10月", 40876.3)]
    assert rows[0][4] in (None, 4.8)  # never the two-year comparison's 9.1 or 35.2
    assert any(why in reason for _, reason in unplaced)


def test_the_year_before_is_still_the_yoy_and_a_told_year_still_dates(store):
    rows, _ = read_rows(store, "11月18日，市统计局发布数据：1—10月，全市规上工业总产值40876.3亿元，比2025年同期增长9.1%。",
                        READ_ON)
    assert [(row[2], row[4]) for row in rows] == [("2026年1-10月", 9.1)]
    lines = ["10月24日，2025年前三季度数据发布，比2024年同期增长4.1%。"]
    assert release_date(lines, READ_ON).day == date(2025, 10, 24)
