"""/trend and `python -m bot trend`: an indicator's figures against its target path. Figures are made up."""

import asyncio
import os
import subprocess
import sys
import warnings

import pytest

from knowledge.answers import Answerer
from knowledge.store import open_store
from handlers.messages import CAPTION_LIMIT
from knowledge.trends import CUMULATIVE, YEARLY, build_trend, render_trend_chart, trend_caption
from tests.conftest import fixed_clock
from tests.harness import application, standin
from tests.test_answers import record

PNG = b"\x89PNG\r\n\x1a\n"
THIS_YEAR = [(2, 300), (3, 480), (6, 1000), (9, 1540), (10, 1750)]  # 工业投资总额 1-N月, 亿元
LAST_YEAR = [(6, 1050), (10, 1800), (12, 2300)]


def investment(store, this_year=THIS_YEAR, last_year=LAST_YEAR):
    for month, value in this_year:
        record(store, "industrial_investment", value, "亿元", period=f"2026年1-{month}月")
    for month, value in last_year:
        period = "2025年" if month == 12 else f"2025年1-{month}月"
        record(store, "industrial_investment", value, "亿元", period=period, year=2025)


def test_cumulative_trend_has_this_years_months_last_years_line_and_a_linear_path(store, answerer):
    investment(store)
    record(store, "industrial_investment", 95, "亿元", period="2026年10月")  # a single month: not on the 累计 line
    answerer.reload()
    trend = build_trend(answerer, answerer.by_id["industrial_investment"])
    assert trend.basis == CUMULATIVE and trend.unit == "亿元" and trend.target_value == 2500
    assert [(p.x, p.value) for p in trend.points] == THIS_YEAR
    assert [(p.x, p.value) for p in trend.last_year] == LAST_YEAR
    assert trend.path_basis == "linear" and dict(trend.path)[6] == 1250 and dict(trend.path)[12] == 2500
    caption = trend_caption(trend, CAPTION_LIMIT)
    assert "目标：力争2500亿元（目标路径按月均匀）" in caption
    assert "2026年1-10月：完成率70.0%，目标路径应达2083.3亿元（83.3%）" in caption
    assert "上年同期：2025年1-10月 1800亿元" in caption
    assert len(caption) <= 1024


def test_figures_in_another_unit_are_shown_in_the_targets(store, answerer):
    record(store, "industrial_investment", 0.1, "万亿元", period="2026年1-5月")
    answerer.reload()
    assert [p.value for p in build_trend(answerer, answerer.by_id["industrial_investment"]).points] == [1000]


def test_level_and_percent_indicators_are_yearly_series_against_the_target(store, answerer):
    record(store, "rd_intensity", 4.0, "%", period="2024年", year=2024)
    record(store, "rd_intensity", 3.9, "%", period="2025年1-6月", year=2025)
    record(store, "rd_intensity", 4.1, "%", period="2025年", year=2025)  # the whole year wins over a half
    answerer.reload()
    trend = build_trend(answerer, answerer.by_id["rd_intensity"])
    assert trend.basis == YEARLY and trend.target_value == 4.25
    assert [(p.x, p.value, p.label) for p in trend.points] == [(2024, 4.0, "2024年"), (2025, 4.1, "2025年")]
    assert "目标：超4.25%" in trend_caption(trend) and "2024年 4%；2025年 4.1%" in trend_caption(trend)


@pytest.mark.parametrize("indicator,missing", [
    ("industrial_investment", "还没有“工业投资总额”2026年的累计数"),
    ("gross_industrial_output", "（已有2025年的：2025年。）"),  # the article's 2025 estimate, no 2026 累计
    ("talent_total", "还没有“人才总量”的任何年度数据"),
    ("a_share_listed_firms", "的目标是“保持前列”，没有数值，画不出趋势"),
    ("gdp", "“GDP”没有苏州的目标"),
])
def test_without_enough_data_a_sentence_says_what_is_missing(answerer, indicator, missing):
    trend = build_trend(answerer, answerer.by_id[indicator])
    assert missing in trend.missing
    assert trend_caption(trend) == trend.missing and render_trend_chart(trend) is None


@pytest.mark.parametrize("indicator", ["industrial_investment", "rd_intensity"])
def test_charts_are_png_with_every_chinese_glyph(store, answerer, indicator):
    investment(store)
    record(store, "rd_intensity", 4.1, "%", period="2025年", year=2025)
    answerer.reload()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = render_trend_chart(build_trend(answerer, answerer.by_id[indicator]))
    assert png[:8] == PNG
    assert not [w for w in caught if "glyph" in str(w.message).lower() or "missing" in str(w.message).lower()]


def test_cli_says_what_is_missing_then_writes_the_png_after_an_import(tmp_path):
    env = {**os.environ, "BOT_DB_PATH": str(tmp_path / "kb.db")}
    env.pop("TELEGRAM_BOT_TOKEN", None)

    def run(*args):
        return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, env=env,
                              cwd=tmp_path, timeout=60)

    chart = tmp_path / "x.png"
    before = run("trend", "工业投资", "--chart", str(chart))
    assert before.returncode == 0 and "还没有“工业投资总额”2026年的累计数" in before.stdout
    assert not chart.exists() and "Traceback" not in before.stderr
    figures = tmp_path / "figures.csv"
    figures.write_text("indicator_id,city,period,year,value,unit,qualifier,text,status,source_id,note,quote\n"
                       "industrial_investment,苏州,2026年1-10月,2026,1980,亿元,,,actual,plan2026,,\n",
                       encoding="utf-8")
    assert run("import", str(figures), "--yes").returncode == 0
    after = run("trend", "工业投资", "--chart", str(chart))
    assert after.returncode == 0, after.stderr
    assert "2026年1-10月 1980亿元" in after.stdout and chart.read_bytes()[:8] == PNG
    unknown = run("trend", "房价")
    assert unknown.returncode == 1 and "没有找到指标" in unknown.stderr and "Traceback" not in unknown.stderr
    assert "/targets" not in unknown.stderr  # a chat command means nothing at the console


# -- /trend in a chat, end to end against the stand-in -----------------------------------------------

def test_trend_command_sends_a_photo_with_the_figures_or_says_what_is_missing(tmp_path):
    group = -100700
    store = open_store(tmp_path / "kb.db")
    investment(store)
    answerer = Answerer(store, clock=fixed_clock(2026, 11, 26, 10))

    async def body():
        async with standin() as stand, application(stand, answerer):
            stand.send_user_message(group, "/trend 工业投资", chat_type="supergroup")
            [photo] = await stand.wait_for_sent(group)
            assert stand.files[photo["photo"][-1]["file_id"]][:8] == PNG
            assert "工业投资总额 · 苏州 2026年累计走势" in photo["caption"]
            assert "2026年1-10月 1750亿元" in photo["caption"]
            stand.send_user_message(group, "/trend 人才总量", chat_type="supergroup")
            stand.send_user_message(group, "/trend", chat_type="supergroup")
            stand.send_user_message(group, "/trend 房价<b>", chat_type="supergroup")
            replies = [r["text"] for r in (await stand.wait_for_sent(group, count=4))[1:]]
            # /trend runs beside other updates (block=False): the three replies come in any order
            assert any("还没有“人才总量”的任何年度数据" in text for text in replies), replies
            assert any(text.startswith("用法：/trend 指标") for text in replies), replies
            assert "没有找到指标“房价<b>”，可发送 /targets 查看全部指标名称。" in replies

    asyncio.run(asyncio.wait_for(body(), 180))


def test_a_monthly_plan_is_the_target_path_and_published_yoy_is_shown_as_published(store, answerer):
    store.record_observation(
        {"indicator_id": "industrial_investment", "city": "苏州", "period": "2026年1-6月", "year": 2026,
         "value": 1000, "unit": "亿元", "qualifier": "", "text": "", "status": "actual", "source_id": "plan2026",
         "note": "", "quote": "", "yoy_growth": -1.25}, recorded_by="test")
    plan = [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.85, 1]
    store.set_monthly_plan("industrial_investment", plan)
    answerer.reload()
    trend = build_trend(answerer, answerer.by_id["industrial_investment"])
    assert trend.path_basis == "plan" and dict(trend.path)[6] == 750 and dict(trend.path)[11] == 2125
    assert trend.points[0].yoy_growth == -1.25
    caption = trend_caption(trend)
    assert "目标路径按月度计划" in caption and "1000亿元（同比下降1.25%）" in caption
    assert "完成率40.0%，目标路径应达750亿元（30.0%）" in caption
    assert render_trend_chart(trend)[:8] == PNG


def drawn_figure(monkeypatch, trend):
    """The matplotlib Figure render_trend_chart saves, drawn, for looking at what is where."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    saved, save = [], Figure.savefig
    monkeypatch.setattr(Figure, "savefig", lambda self, *a, **k: (saved.append(self), save(self, *a, **k))[1])
    assert render_trend_chart(trend)[:8] == PNG
    FigureCanvasAgg(saved[0]).draw()
    return saved[0]


def test_a_share_trend_with_one_point_does_not_stretch_a_small_gap_over_the_height(store, answerer, monkeypatch):
    record(store, "rd_intensity", 3.95, "%", period="2025年", year=2025)  # made up: 0.3 below the 4.25% target
    answerer.reload()
    [axes] = drawn_figure(monkeypatch, build_trend(answerer, answerer.by_id["rd_intensity"])).axes
    bottom, top = axes.get_ylim()
    assert bottom < 3.95 and top > 4.25 and (4.25 - 3.95) / (top - bottom) <= 0.3, (bottom, top)


@pytest.mark.parametrize("indicator,figures", [
    ("industrial_investment", [(6, 1100), (9, 1900), (10, 2230)]),  # made up: 1100 just under the path (1250)
    ("rd_intensity", [(2024, 4.22), (2025, 3.95)]),  # made up: 4.22 just under the 4.25% target
])
def test_point_labels_keep_off_the_target_line_and_path(store, answerer, monkeypatch, indicator, figures):
    for x, value in figures:
        cumulative = indicator == "industrial_investment"
        record(store, indicator, value, "亿元" if cumulative else "%", period=f"2026年1-{x}月" if cumulative else f"{x}年",
               year=2026 if cumulative else x)
    answerer.reload()
    trend = build_trend(answerer, answerer.by_id[indicator])
    [axes] = drawn_figure(monkeypatch, trend).axes
    path = dict(trend.path)
    renderer = axes.figure.canvas.get_renderer()
    for label in axes.texts:
        box, (x, _) = label.get_window_extent(renderer), label.xy
        for reference in [trend.target_value] + ([path[x]] if x in path else []):
            y = axes.transData.transform((x, reference))[1]
            assert not box.y0 <= y <= box.y1, (label.get_text(), reference)

