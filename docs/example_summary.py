"""Draws docs/summary-example.png, the picture in the README.

The figures below are MADE UP to show the layout: no 2026 actual exists yet, and the bot never
shows these. The picture says so in its title.
"""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from knowledge.answers import Answerer
from knowledge.charts import render_chart
from knowledge.store import open_store
from knowledge.summaries import build_summary, render_summary

EXAMPLE = [  # indicator, value, unit, period — ALL invented for the picture, none from the article
    ("industrial_investment", 1980, "亿元", "2026年1-10月"),
    ("new_high_tech_enterprises", 420, "家", "2026年1-10月"),
    ("gross_industrial_output", 4.3, "万亿元", "2026年1-10月"),
    ("major_industrial_projects", 1500, "个", "2026年1-10月"),
    ("manufacturing_loans", 700, "亿元", "2026年1-10月"),
    ("high_tech_output_share", 54.5, "%", "2026年1-10月"),
    ("computing_power", 30000, "PFLOPS", "2026年10月"),
    ("talent_total", 420, "万人", "2025年"),  # a made-up baseline, so 人才总量 is measured from it
    ("talent_total", 432, "万人", "2026年10月"),
]


def main() -> None:
    store = open_store(":memory:")
    for indicator, value, unit, period in EXAMPLE:
        store.record_observation(
            {"indicator_id": indicator, "city": "苏州", "period": period, "year": int(period[:4]), "value": value,
             "unit": unit, "qualifier": "", "text": "", "status": "actual", "source_id": "plan2026",
             "note": "", "quote": ""}, recorded_by="示例")
    answerer = Answerer(store, clock=lambda: datetime(2026, 11, 26, 9, tzinfo=ZoneInfo("Asia/Shanghai")))
    summary = build_summary(answerer)
    png = render_chart(summary, title="每日摘要图表示例（虚构数据，仅演示版式）")
    out = Path(__file__).with_name("summary-example.png")
    out.write_bytes(png)
    print(render_summary(summary))
    print(f"\n→ {out}")


if __name__ == "__main__":
    main()
